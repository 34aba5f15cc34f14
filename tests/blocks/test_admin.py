"""The admin menu, Home's Admin section, the settings form, the saved view and Recent changes:
ids, escaping, reading back what was typed, and Slack's limits."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime, time

from blocks import ids
from blocks.admin import (
    MENU_SECTIONS,
    admin_menu_view,
    read_settings,
    recent_changes_view,
    settings_form,
    settings_saved_view,
)
from blocks.home import home_view
from domain.admin import CHANGED_SETTING, AdminMenu, Headline, LoggedChange, SettingChange
from domain.programme import ProgrammeSnapshot, ReminderTimings
from tests.blocks.builders import EVIL, EVIL_ESCAPED, dashboard, member
from tests.support.block_limits import assert_fits_slack, mrkdwn_texts
from tests.support.view_state import submitted

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
PROGRAMME = ProgrammeSnapshot(
    team_id="T1", version=3, name="Freight Futures", support_channel_id="CHELP",
    admin_user_ids=("UANA", "UBEN"), default_capacity=2, proposal_expiry_days=14,
    max_open_proposals=3, max_active_mentors=1,
    video_link_template="https://meet.jit.si/ff-{room}", created_at=NOW,
    admin_channel_id=None, reminders=ReminderTimings(inactive_warning_days=90))


def test_the_menu_lists_its_sections_and_fits_slack() -> None:
    view = admin_menu_view(AdminMenu(dataclasses.replace(PROGRAMME, name=EVIL),
                                     Headline(1234, 1, 0)))
    assert_fits_slack(view)
    text = " ".join(mrkdwn_texts(view)) + json.dumps(view)
    assert "*1,234* members" in text and "*1* active relationship ·" in text
    assert "*0* open requests" in text
    assert all(one.action_id in text for one in MENU_SECTIONS)
    assert all(one.action_id.startswith("admin") for one in MENU_SECTIONS)


def test_only_an_admins_home_has_the_admin_section() -> None:
    board = dashboard(member())
    assert ids.ADMIN_OPEN not in json.dumps(home_view(board))
    view = home_view(dataclasses.replace(board, admin=Headline(5, 2, 1)))
    assert_fits_slack(view)
    assert ids.ADMIN_OPEN in json.dumps(view) and "Programme admin" in json.dumps(view)
    newcomer = home_view(dataclasses.replace(dashboard(None), admin=Headline(5, 2, 1)))
    assert ids.ADMIN_OPEN in json.dumps(newcomer)


def test_the_form_opens_with_the_current_settings() -> None:
    form = settings_form(PROGRAMME)
    assert_fits_slack(form)
    assert form["callback_id"] == ids.ADMIN_SETTINGS_SUBMIT
    read = read_settings(submitted(form, {}))
    assert (read.name, read.support_channel_id, read.admin_channel_id) == \
        ("Freight Futures", "CHELP", None)
    assert read.admin_user_ids == ("UANA", "UBEN")
    assert (read.default_capacity, read.proposal_expiry_days, read.daily_nudge_cap) == (2, 14, 3)
    assert (read.quiet_hours_start, read.quiet_hours_end) == (time(20), time(8))
    assert read.quiet_weekends and not read.nudges_paused
    assert (read.proposal_chase_days, read.goal_days_before, read.inactive_warning_days) == \
        ("3, 7", 3, 90)


def test_what_is_typed_is_read_back_as_typed() -> None:
    form = settings_form(PROGRAMME)
    read = read_settings(submitted(form, {
        ids.ADMIN_NAME: " New name ", ids.ADMIN_ALERT_CHANNEL: "CADMIN",
        ids.ADMIN_USERS: [], ids.ADMIN_NUDGES_PAUSED: ["on"], ids.ADMIN_QUIET_WEEKENDS: [],
        ids.ADMIN_DEFAULT_CAPACITY: "7", ids.ADMIN_INACTIVE_DAYS: None,
        ids.ADMIN_CHASE_DAYS: "2, 5", ids.ADMIN_QUIET_START: "21:30"}))
    assert (read.name, read.admin_channel_id, read.admin_user_ids) == (" New name ", "CADMIN", ())
    assert read.nudges_paused and not read.quiet_weekends
    assert (read.default_capacity, read.inactive_warning_days) == (7, None)
    assert (read.proposal_chase_days, read.quiet_hours_start) == ("2, 5", time(21, 30))


def test_a_forged_picker_reads_as_something_the_domain_refuses() -> None:
    form = submitted(settings_form(PROGRAMME), {})
    form["state"]["values"][ids.ADMIN_USERS][ids.ADMIN_USERS]["selected_users"] = "UANA"
    form["state"]["values"][ids.ADMIN_SUPPORT_CHANNEL][ids.ADMIN_SUPPORT_CHANNEL][
        "selected_conversation"] = ["C1"]
    read = read_settings(form)
    assert read.admin_user_ids == ("",) and read.support_channel_id == ""


def test_the_saved_view_says_what_changed_in_words() -> None:
    view = settings_saved_view([
        SettingChange("default_capacity", 2, 4), SettingChange("admin_channel_id", None, "CA"),
        SettingChange("quiet_hours_start", 20, 21), SettingChange("nudges_paused", False, True),
        SettingChange("name", "Old", EVIL),
        SettingChange("reminder_timings.inactive_warning_days", 90, None)])
    assert_fits_slack(view)
    text = " ".join(mrkdwn_texts(view))
    for line in ("*Mentees a new mentor can take*: 2 → 4", "*Admin channel*: _not set_ → <#CA>",
                 "*Quiet hours start*: 20:00 → 21:00", "*Reminders paused*: No → Yes",
                 f"Old → {EVIL_ESCAPED}", "*Inactive account warning (days)*: 90 → _off_"):
        assert line in text
    assert "Nothing changed" in json.dumps(settings_saved_view([]))


def test_recent_changes_show_who_what_and_when_within_slacks_limits() -> None:
    entries = [LoggedChange("UANA", CHANGED_SETTING, "video_link_template",
                            "https://a.example/{room}", "https://b.example/" + "x" * 280, NOW)
               ] * 20 + [LoggedChange("UBEN", "lists.rename", "area 7", EVIL, "New", NOW)]
    view = recent_changes_view(entries)
    assert_fits_slack(view)
    text = " ".join(mrkdwn_texts(view))
    assert "<@UANA>" in text and "<!date^" in text and "lists.rename: area 7" in text
    assert "No changes yet" in json.dumps(recent_changes_view([]))
