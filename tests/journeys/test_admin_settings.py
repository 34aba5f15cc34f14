"""Journey: a programme admin changes the settings from Slack, and the programme follows."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from blocks import ids
from bot.app import Mentorbot, create_app
from domain.model import AdminLogEntry, Member, MentorProfile, Programme, Proposal
from tests.conftest import SIGNING_SECRET, settings_for
from tests.journeys.admin_steps import (
    add_admin,
    change_settings,
    open_admin_menu,
    open_settings,
    save_settings,
)
from tests.journeys.steps import (
    ask_the_closest_mentor,
    button_values,
    join_as_mentee,
    join_as_mentor,
    mentor_answers,
    register,
    text_of,
    wait_for_home,
)
from tests.support.block_limits import assert_fits_slack
from tests.support.clock import FakeClock
from tests.support.fake_slack import FakeSlack
from tests.support.http_server import serving
from tests.support.slack_requests import SlackRequests
from tests.support.view_state import fill


def programme_row(app: Mentorbot) -> Programme:
    with app.sessions() as session:
        return session.scalars(select(Programme)).one()


def log_rows(app: Mentorbot) -> int:
    with app.sessions() as session:
        return session.scalar(select(func.count()).select_from(AdminLogEntry)) or 0


def test_the_menu_shows_the_programme_and_its_numbers(slack: SlackRequests,
                                                      fake_slack: FakeSlack) -> None:
    join_as_mentee(slack, fake_slack, "UALICE", "Alice Kember")
    add_admin(fake_slack)
    menu = open_admin_menu(slack, fake_slack)
    assert "Mentoring programme" in text_of(menu)
    assert "*1* member" in text_of(menu) and "*0* open requests" in text_of(menu)
    assert button_values(menu, ids.ADMIN_SETTINGS_OPEN) == [""]


def test_a_new_default_capacity_is_what_a_new_mentor_starts_with(
    slack: SlackRequests, fake_slack: FakeSlack, app: Mentorbot
) -> None:
    add_admin(fake_slack)
    saved = change_settings(slack, fake_slack, {ids.ADMIN_DEFAULT_CAPACITY: "4"})
    assert "Mentees a new mentor can take*: 2 → 4" in text_of(saved)
    fake_slack.add_user("UJOHN", name="john", real_name="John Smith")
    form = register(slack, fake_slack, "UJOHN", "mentor")
    capacity = next(b for b in form["blocks"] if b.get("block_id") == ids.PROFILE_CAPACITY)
    assert capacity["element"]["initial_value"] == "4"
    answers = mentor_answers(form)
    del answers[ids.PROFILE_CAPACITY]  # left as the form offered it
    assert slack.view_submission("UJOHN", form, fill(form, answers)).status == 200
    with app.sessions() as session:
        assert session.scalars(select(MentorProfile.capacity)).one() == 4


def test_a_new_expiry_applies_to_the_next_request(slack: SlackRequests, fake_slack: FakeSlack,
                                                  app: Mentorbot, clock: FakeClock) -> None:
    add_admin(fake_slack)
    change_settings(slack, fake_slack, {ids.ADMIN_EXPIRY_DAYS: "5"})
    join_as_mentee(slack, fake_slack, "UALICE", "Alice Kember")
    join_as_mentor(slack, fake_slack, "UJOHN", "John Smith")
    fake_slack.reset()
    ask_the_closest_mentor(slack, fake_slack)
    with app.sessions() as session:
        assert session.scalars(select(Proposal.expires_at)).one() == clock.now() + \
            timedelta(days=5)


@pytest.mark.parametrize(("block_id", "typed", "says"), [
    (ids.ADMIN_VIDEO_LINK, "http://meet.jit.si/ours-{room}", "https://"),
    (ids.ADMIN_VIDEO_LINK, "https://meet.jit.si/ours", "{room}"),
    (ids.ADMIN_NAME, "   ", "name"),
    (ids.ADMIN_DEFAULT_CAPACITY, "25", "from 1 to 20"),
    (ids.ADMIN_EXPIRY_DAYS, "0", "from 1 to 90"),
    (ids.ADMIN_QUIET_START, "20:30", "on the hour"),
    (ids.ADMIN_CHASE_DAYS, "tomorrow", "separated by commas"),
])
def test_a_bad_value_is_refused_beside_its_field_and_nothing_changes(
    slack: SlackRequests, fake_slack: FakeSlack, app: Mentorbot, block_id: str, typed: str,
    says: str,
) -> None:
    add_admin(fake_slack)
    form = open_settings(slack, fake_slack)
    before = programme_row(app)
    reply = save_settings(slack, form, {ids.ADMIN_NAME: "Freight Futures",
                                        ids.ADMIN_DAILY_CAP: "5", block_id: typed})
    answer = reply.json()
    # Slack keeps the form as typed and shows the message under that one field.
    assert answer["response_action"] == "errors", answer
    assert list(answer["errors"]) == [block_id] and says in answer["errors"][block_id]
    after = programme_row(app)
    assert (after.name, after.daily_nudge_cap, after.version) == \
        (before.name, before.daily_nudge_cap, before.version)
    assert log_rows(app) == 0


def test_the_change_shows_in_recent_changes(slack: SlackRequests,
                                            fake_slack: FakeSlack) -> None:
    add_admin(fake_slack)
    saved = change_settings(slack, fake_slack, {
        ids.ADMIN_NAME: "Freight Futures", ids.ADMIN_VIDEO_LINK: "https://whereby.com/ff-{room}",
        ids.ADMIN_NUDGES_PAUSED: ["on"], ids.ADMIN_ALERT_CHANNEL: "CADMINS"})
    known = len(fake_slack.views)
    slack.block_action("UBOSS", ids.ADMIN_RECENT_OPEN, view=saved)
    recent = fake_slack.wait_for_new_modal(ids.ADMIN_RECENT_VIEW, known)
    assert_fits_slack(recent)
    shown = text_of(recent)
    for line in ("*Programme name*: Mentoring programme → Freight Futures",
                 "*Reminders paused*: No → Yes", "*Admin channel*: _not set_ → <#CADMINS>",
                 "`https://whereby.com/ff-{room}`", "<@UBOSS>"):
        assert line in shown
    assert shown.count("<@UBOSS>") == 4


def test_saving_twice_logs_once(slack: SlackRequests, fake_slack: FakeSlack,
                                app: Mentorbot) -> None:
    add_admin(fake_slack)
    form = open_settings(slack, fake_slack)
    answers = {ids.ADMIN_DAILY_CAP: "6"}
    assert save_settings(slack, form, answers).json()["response_action"] == "update"
    again = save_settings(slack, form, answers).json()
    assert "Nothing changed" in text_of(again["view"])
    assert log_rows(app) == 1


def test_a_named_admin_can_change_settings_too(slack: SlackRequests, fake_slack: FakeSlack,
                                               app: Mentorbot) -> None:
    add_admin(fake_slack)
    fake_slack.add_user("UANA", name="ana", real_name="Ana Lima")
    change_settings(slack, fake_slack, {ids.ADMIN_USERS: ["UANA"]})
    saved = change_settings(slack, fake_slack, {ids.ADMIN_MAX_OPEN_PROPOSALS: "5"}, "UANA")
    assert "Most open requests per mentee*: 3 → 5" in text_of(saved)
    assert programme_row(app).max_open_proposals == 5


@pytest.fixture
def other_worker(app: Mentorbot, fake_slack: FakeSlack, clock: FakeClock
                 ) -> Iterator[SlackRequests]:
    """A second mentorbot on the same database, served as another worker process would be."""
    other = create_app(settings_for(fake_slack), clock=clock.now, engine=app.engine,
                       migrate=False)
    with serving(other.wsgi()) as url:
        yield SlackRequests(f"{url}/slack/events", SIGNING_SECRET, team_id="T1",
                            response_url_base=fake_slack.response_url_base, settle=other.settle)
    other.close()


def menu_title(slack: SlackRequests, fake: FakeSlack) -> Any:
    known = len(fake.views)
    slack.command("UALICE")
    return text_of(fake.wait_for_new_modal(ids.MENU_VIEW, known))


def test_another_worker_sees_the_change_on_its_next_request(
    slack: SlackRequests, fake_slack: FakeSlack, other_worker: SlackRequests
) -> None:
    join_as_mentee(slack, fake_slack, "UALICE", "Alice Kember")
    assert "Mentoring programme" in menu_title(other_worker, fake_slack)  # now cached there
    add_admin(fake_slack)
    change_settings(slack, fake_slack, {ids.ADMIN_NAME: "Freight Futures"})
    assert "Freight Futures" in menu_title(other_worker, fake_slack)


def test_admins_find_their_section_on_home_and_others_do_not(
    slack: SlackRequests, fake_slack: FakeSlack
) -> None:
    join_as_mentee(slack, fake_slack, "UALICE", "Alice Kember")
    add_admin(fake_slack)
    slack.app_home_opened("UBOSS")
    home = wait_for_home(fake_slack, "UBOSS", ids.ADMIN_OPEN)
    assert "Programme admin" in text_of(home) and "*1* member" in text_of(home)
    slack.app_home_opened("UALICE")
    assert ids.ADMIN_OPEN not in text_of(wait_for_home(fake_slack, "UALICE", "Alice"))
    known = len(fake_slack.views)
    slack.block_action("UBOSS", ids.ADMIN_OPEN, view=home)
    assert fake_slack.wait_for_new_modal(ids.ADMIN_MENU_VIEW, known)


def test_a_workspace_admin_who_is_a_member_keeps_the_section_in_the_background(
    slack: SlackRequests, fake_slack: FakeSlack, app: Mentorbot
) -> None:
    fake_slack.add_user("UJOHN", name="john", real_name="John Smith", is_admin=True)
    form = register(slack, fake_slack, "UJOHN", "mentor")
    slack.view_submission("UJOHN", form, fill(form, mentor_answers(form)))
    # Registering re-publishes Home from the outbox, where no users.info answer is at hand.
    assert ids.ADMIN_OPEN in text_of(wait_for_home(fake_slack, "UJOHN", "Your profile"))
    with app.sessions() as session:
        assert session.scalars(select(Member.workspace_admin)).one() is True


def test_a_member_slack_makes_an_admin_finds_the_section_on_home(
    slack: SlackRequests, fake_slack: FakeSlack
) -> None:
    join_as_mentee(slack, fake_slack, "UALICE", "Alice Kember")
    slack.app_home_opened("UALICE")
    assert ids.ADMIN_OPEN not in text_of(wait_for_home(fake_slack, "UALICE", "Alice"))
    # Slack tells us in a user_change event; Home is re-published in the background.
    assert slack.event({"type": "user_change", "user": {
        "id": "UALICE", "team_id": "T1", "name": "alice", "real_name": "Alice Kember",
        "tz": "Europe/London", "is_admin": True,
        "profile": {"real_name": "Alice Kember", "email": "ualice@example.org"}}}).status == 200
    wait_for_home(fake_slack, "UALICE", ids.ADMIN_OPEN)


def test_a_home_slack_refuses_to_show_does_not_undo_or_hide_the_save(
    slack: SlackRequests, fake_slack: FakeSlack, app: Mentorbot
) -> None:
    add_admin(fake_slack)
    form = open_settings(slack, fake_slack)
    fake_slack.fail_next("views.publish", error="internal_error")
    opened = len(fake_slack.calls_to("views.open")) + len(fake_slack.calls_to("views.push"))
    answer = save_settings(slack, form, {ids.ADMIN_DAILY_CAP: "4"}).json()
    assert "Settings saved" in text_of(answer["view"])
    assert programme_row(app).daily_nudge_cap == 4
    assert fake_slack.calls_to("views.publish")  # tried, and Slack refused
    # No "something went wrong" on top of the confirmation, nor in a DM.
    assert len(fake_slack.calls_to("views.open")) + len(fake_slack.calls_to("views.push")) \
        == opened
    assert not fake_slack.calls_to("chat.postMessage")


def test_the_mentor_menu_leads_admins_to_the_admin_menu(slack: SlackRequests,
                                                       fake_slack: FakeSlack) -> None:
    join_as_mentee(slack, fake_slack, "UALICE", "Alice Kember")
    assert ids.ADMIN_OPEN not in menu_title(slack, fake_slack)
    fake_slack.add_user("UJOHN", name="john", real_name="John Smith", is_admin=True)
    form = register(slack, fake_slack, "UJOHN", "mentor")
    slack.view_submission("UJOHN", form, fill(form, mentor_answers(form)))
    known = len(fake_slack.views)
    slack.command("UJOHN")
    menu = fake_slack.wait_for_new_modal(ids.MENU_VIEW, known)
    assert button_values(menu, ids.ADMIN_OPEN) == [""]
    known = len(fake_slack.views)
    slack.block_action("UJOHN", ids.ADMIN_OPEN, view=menu)
    assert "Settings" in text_of(fake_slack.wait_for_new_modal(ids.ADMIN_MENU_VIEW, known))



@pytest.mark.parametrize(("action_id", "opens"), [
    (ids.ADMIN_HEALTH_OPEN, ids.ADMIN_HEALTH_VIEW),
    (ids.ADMIN_MATCH_OPEN, ids.ADMIN_MATCH_SUBMIT),
    (ids.ADMIN_COHORT_OPEN, ids.ADMIN_COHORT_PUBLISH),  # the review, once worked out
    (ids.ADMIN_LISTS_OPEN, ids.ADMIN_LISTS_VIEW),
    (ids.ADMIN_SETTINGS_OPEN, ids.ADMIN_SETTINGS_SUBMIT),
])
def test_every_admin_task_opens_from_the_menu_on_top_of_it(
        slack: SlackRequests, fake_slack: FakeSlack, action_id: str, opens: str) -> None:
    add_admin(fake_slack)
    menu = open_admin_menu(slack, fake_slack)
    assert button_values(menu, action_id) == [""]
    known, pushed = len(fake_slack.views), len(fake_slack.calls_to("views.push"))
    assert slack.block_action("UBOSS", action_id, view=menu).status == 200
    assert_fits_slack(fake_slack.wait_for_new_modal(opens, known))
    assert len(fake_slack.calls_to("views.push")) == pushed + 1  # stacked on the menu
