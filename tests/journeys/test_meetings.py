"""Journey: a matched pair arranges, changes, cancels and writes up meetings, over HTTP."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from icalendar import Calendar
from sqlalchemy import select

from blocks import ids
from blocks.payloads import RelationshipAction, decode
from bot.app import Mentorbot
from bot.scheduler import build_scheduler
from bot.ticks import TICK_NAMED, run_tick
from domain.model import Meeting, MeetingStatus
from tests.journeys.meeting_steps import KICK_OFF, arrange, open_meetings
from tests.journeys.steps import (
    button_values,
    dms_to,
    join_as_mentee,
    request_and_accept,
    text_of,
    wait_for_dm,
    wait_for_home,
)
from tests.support.block_limits import assert_fits_slack, mrkdwn_texts
from tests.support.clock import FakeClock
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import SlackRequests
from tests.support.view_state import fill
from tests.support.waiting import eventually


def wait_for_ics(fake: FakeSlack, count: int, timeout: float = 5.0) -> list[Calendar]:
    """The .ics files uploaded so far, parsed, once there are `count` of them."""
    found = eventually(lambda: [u for u in fake.uploaded_files if u["filename"].endswith(".ics")],
                       lambda uploads: len(uploads) >= count, f"{count} .ics uploads", timeout)
    return [Calendar.from_ical(u["content"]) for u in found]


def event_of(calendar: Calendar) -> Any:
    return calendar.walk("VEVENT")[0]


def stored_meeting(app: Mentorbot) -> Meeting:
    with app.sessions() as session:
        return session.scalars(select(Meeting)).one()


def test_a_meeting_arranged_from_the_card_reaches_the_partner_with_a_calendar_file(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, pair_ref: str
) -> None:
    view = open_meetings(slack, fake_slack, "UALICE", pair_ref)
    assert "Create meeting with Дмитрий Ωμέγα" in text_of(view)
    assert "No meetings arranged yet." in text_of(view)
    assert "America/New_York" in text_of(view)

    listed = arrange(slack, fake_slack, pair_ref)
    assert "is arranged for" in text_of(listed) and "<!date^" in text_of(listed)
    assert button_values(listed, ids.MEETING_EDIT)

    dm = wait_for_dm(fake_slack, "UJOHN", "Zoë Ngô has arranged a meeting with you")
    assert "<!date^" in dm["text"] and "<!date^" in text_of(dm["blocks"])
    assert "Kick-off chat" in text_of(dm["blocks"]) and "meet.jit.si" in text_of(dm["blocks"])
    assert not [t for t in mrkdwn_texts({"blocks": dm["blocks"]}) if "<!channel>" in t]
    assert button_values(dm["blocks"], ids.MEETING_OPEN) == [pair_ref]

    calendar = wait_for_ics(fake_slack, 1)[0]
    event, meeting = event_of(calendar), stored_meeting(app)
    assert str(calendar["METHOD"]) == "REQUEST"
    assert event.decoded("DTSTART") == datetime(2026, 12, 1, 14, 0, tzinfo=UTC)  # 09:00 EST
    assert event.decoded("DTEND") == datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
    assert str(event["UID"]) == meeting.uid and int(event["SEQUENCE"]) == 0
    assert str(event["ORGANIZER"]) == "mailto:alice@example.org"
    assert str(event["ATTENDEE"]) == "mailto:john@example.org"
    assert str(event["URL"]) == meeting.video_url and str(event["LOCATION"]) == "Video call"
    upload = fake_slack.uploaded_files[0]
    assert upload["channel_id"] == "DUJOHN"
    assert fake_slack.calls_to("files.completeUploadExternal")[0].params.get("thread_ts")

    for user_id in ("UALICE", "UJOHN"):
        home = wait_for_home(fake_slack, user_id, "Kick-off chat")
        assert_fits_slack(home)
        assert "<!date^" in text_of(home) and button_values(home, ids.MEETING_CANCEL)
    assert "with Zoë Ngô" in text_of(fake_slack.home_views["UJOHN"])


def test_arrange_another_brings_back_an_empty_form_in_the_same_modal(
    slack: SlackRequests, fake_slack: FakeSlack, pair_ref: str
) -> None:
    listed = arrange(slack, fake_slack, pair_ref)
    assert not [b for b in listed["blocks"] if b["type"] == "input"]
    slack.block_action("UALICE", ids.MEETING_OPEN, value=pair_ref, view=listed)
    again = fake_slack.wait_for("views.update")[-1].params
    assert again["view_id"] == listed["id"]
    assert "Create meeting with Дмитрий Ωμέγα" in text_of(again["view"])
    assert "Kick-off chat" in text_of(again["view"])  # listed above the fresh form
    title = next(b for b in again["view"]["blocks"] if b.get("block_id") == ids.MEETING_TITLE)
    assert "initial_value" not in title["element"]


def test_a_calendar_file_slack_refuses_does_not_send_the_dm_twice(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, pair_ref: str
) -> None:
    fake_slack.fail_next("files.getUploadURLExternal", error="internal_error")
    arrange(slack, fake_slack, pair_ref)
    wait_for_dm(fake_slack, "UJOHN", "has arranged a meeting with you")
    fake_slack.wait_for("files.getUploadURLExternal")
    app.sender.deliver_due()
    arranged = [m for m in dms_to(fake_slack, "UJOHN") if "has arranged" in m["text"]]
    assert len(arranged) == 1 and fake_slack.uploaded_files == []


def test_a_meeting_is_changed_then_cancelled_and_the_calendar_follows(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, pair_ref: str
) -> None:
    listed = arrange(slack, fake_slack, pair_ref)
    meeting_id = button_values(listed, ids.MEETING_EDIT)[0]
    wait_for_ics(fake_slack, 1)

    slack.block_action("UALICE", ids.MEETING_EDIT, value=meeting_id, view=listed)
    edit = fake_slack.wait_for("views.push")[0].params["view"]
    edit = {**edit, "id": fake_slack.latest_modal()["id"]}
    assert_fits_slack(edit)
    assert '"initial_time": "09:00"' in text_of(edit) and "Kick-off chat" in text_of(edit)
    reply = slack.view_submission("UALICE", edit, fill(edit, {
        ids.MEETING_TIME: "10:30", ids.MEETING_TITLE: "Kick-off chat (moved)"}))
    assert reply.status == 200 and not reply.body
    refreshed = fake_slack.wait_for("views.update")[-1].params
    assert refreshed["view_id"] == listed["id"] and "(moved)" in text_of(refreshed["view"])

    wait_for_dm(fake_slack, "UJOHN", "has changed your meeting")
    changed = event_of(wait_for_ics(fake_slack, 2)[1])
    assert changed.decoded("DTSTART") == datetime(2026, 12, 1, 15, 30, tzinfo=UTC)
    assert str(changed["UID"]) == stored_meeting(app).uid and int(changed["SEQUENCE"]) == 1

    slack.block_action("UALICE", ids.MEETING_CANCEL, value=meeting_id,
                       view={**refreshed["view"], "id": listed["id"]})
    confirm = fake_slack.wait_for("views.push", 2)[-1].params["view"]
    confirm = {**confirm, "id": fake_slack.latest_modal()["id"]}
    assert confirm["callback_id"] == ids.MEETING_CANCEL_SUBMIT
    assert slack.view_submission("UALICE", confirm, fill(confirm, {
        ids.MEETING_REASON: "Something came up."})).status == 200
    told = wait_for_dm(fake_slack, "UJOHN", "has cancelled your meeting")
    assert "Something came up." in text_of(told["blocks"])
    cancelled = wait_for_ics(fake_slack, 3)[2]
    assert str(cancelled["METHOD"]) == "CANCEL"
    assert str(event_of(cancelled)["STATUS"]) == "CANCELLED"
    assert int(event_of(cancelled)["SEQUENCE"]) == 2
    assert str(event_of(cancelled)["UID"]) == stored_meeting(app).uid
    assert stored_meeting(app).status == MeetingStatus.CANCELLED
    wait_for_home(fake_slack, "UJOHN", "No meetings arranged")


def test_notes_written_after_the_meeting_are_seen_and_edited_by_both(
    slack: SlackRequests, fake_slack: FakeSlack, clock: FakeClock, pair_ref: str
) -> None:
    arrange(slack, fake_slack, pair_ref)
    clock.advance(days=9)
    johns = open_meetings(slack, fake_slack, "UJOHN", pair_ref)
    assert "Recent meetings" in text_of(johns)
    meeting_id = button_values(johns, ids.MEETING_NOTES)[0]
    slack.block_action("UJOHN", ids.MEETING_NOTES, value=meeting_id, view=johns)
    notes = fake_slack.wait_for("views.push")[-1].params["view"]
    notes = {**notes, "id": fake_slack.latest_modal()["id"]}
    assert_fits_slack(notes)
    slack.view_submission("UJOHN", notes, fill(notes, {
        ids.MEETING_NOTES_TEXT: "We agreed Alice starts with a SWOT."}))
    assert "starts with a SWOT" in text_of(fake_slack.wait_for("views.update")[-1].params)

    alices = open_meetings(slack, fake_slack, "UALICE", pair_ref)
    assert "We agreed Alice starts with a SWOT." in text_of(alices)
    slack.block_action("UALICE", ids.MEETING_NOTES, value=meeting_id, view=alices)
    pushed = fake_slack.wait_for("views.push", 2)[-1].params["view"]
    pushed = {**pushed, "id": fake_slack.latest_modal()["id"]}
    assert "We agreed Alice starts with a SWOT." in text_of(pushed)  # ready to edit
    slack.view_submission("UALICE", pushed, fill(pushed, {
        ids.MEETING_NOTES_TEXT: "SWOT first, then SMART goals."}))
    assert "SMART goals" in text_of(open_meetings(slack, fake_slack, "UJOHN", pair_ref))


@pytest.mark.parametrize(("answers", "block_id", "says"), [
    ({ids.MEETING_DATE: "2026-11-20"}, ids.MEETING_DATE, "has passed"),
    ({ids.MEETING_TITLE: None}, ids.MEETING_TITLE, "Please enter"),
    ({ids.MEETING_TIME: "23:30"}, ids.MEETING_DURATION, "after midnight"),
])
def test_bad_input_is_answered_beside_the_field_and_nothing_is_arranged(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, pair_ref: str,
    answers: dict[str, Any], block_id: str, says: str
) -> None:
    view = open_meetings(slack, fake_slack, "UALICE", pair_ref)
    reply = slack.view_submission("UALICE", view, fill(view, {**KICK_OFF, **answers})).json()
    assert reply["response_action"] == "errors"
    assert list(reply["errors"]) == [block_id] and says in reply["errors"][block_id]
    with app.sessions() as session:
        assert session.scalars(select(Meeting)).all() == []


def test_a_forged_duration_is_refused(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, pair_ref: str
) -> None:
    view = open_meetings(slack, fake_slack, "UALICE", pair_ref)
    values = fill(view, KICK_OFF)
    values[ids.MEETING_DURATION][ids.MEETING_DURATION]["selected_option"]["value"] = "0"
    reply = slack.view_submission("UALICE", view, values).json()
    assert "how long" in reply["errors"][ids.MEETING_DURATION]
    assert fake_slack.calls_to("chat.postMessage") == []


def test_mentor_meet_opens_the_only_pair_or_offers_a_choice(
    slack: SlackRequests, fake_slack: FakeSlack, pair_ref: str
) -> None:
    slack.command("UALICE", "meet")
    fake_slack.wait_for("views.open")
    only = fake_slack.latest_modal()
    assert only["callback_id"] == ids.MEETING_SUBMIT and "Meetings with Дмитрий Ωμέγα" in \
        text_of(only)

    join_as_mentee(slack, fake_slack, "UBEA", "Bea Jones")
    request_and_accept(slack, fake_slack, "UBEA")
    opened = len(fake_slack.calls_to("views.open"))
    slack.command("UJOHN", "meet")
    fake_slack.wait_for("views.open", opened + 1)
    chooser = fake_slack.latest_modal()
    assert chooser["callback_id"] == ids.MEETING_LIST_VIEW
    assert_fits_slack(chooser)
    assert "Zoë Ngô" in text_of(chooser) and "Bea Jones" in text_of(chooser)
    choices = button_values(chooser, ids.MEETING_OPEN)
    assert pair_ref in choices and len(choices) == 2
    pushes = len(fake_slack.calls_to("views.push"))
    slack.block_action("UJOHN", ids.MEETING_OPEN, value=pair_ref, view=chooser)
    pushed = fake_slack.wait_for("views.push", pushes + 1)[-1].params["view"]
    assert "Meetings with Zoë Ngô" in text_of(pushed)


def test_meet_without_a_partner_or_for_another_pair_is_refused_kindly(
    slack: SlackRequests, fake_slack: FakeSlack, pair_ref: str
) -> None:
    join_as_mentee(slack, fake_slack, "UEVE", "Eve Nosy")
    opened = len(fake_slack.calls_to("views.open"))
    slack.command("UEVE", "meet")
    fake_slack.wait_for("views.open", opened + 1)
    assert "no active mentoring relationship" in text_of(fake_slack.latest_modal())
    slack.block_action("UEVE", ids.MEETING_OPEN, value=pair_ref)
    fake_slack.wait_for("views.open", opened + 2)
    assert "isn't yours" in text_of(fake_slack.latest_modal())


def test_both_are_reminded_the_day_before(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, clock: FakeClock, pair_ref: str
) -> None:
    arrange(slack, fake_slack, pair_ref)
    clock.advance(days=7, hours=5)  # 30 November 14:00 UTC: a day before
    assert run_tick("meetings", app.sessions, clock.now, app.sender.kick) == 2
    for user_id in ("UALICE", "UJOHN"):
        reminder = wait_for_dm(fake_slack, user_id, "A reminder: your meeting")
        assert "<!date^" in reminder["text"]
    assert run_tick("meetings", app.sessions, clock.now, app.sender.kick) == 0


def test_the_scheduler_runs_the_meeting_reminders(app: Mentorbot) -> None:
    scheduler = build_scheduler(app.sender, 10, app.sessions, app.clock)
    job = scheduler.get_job("meetings")
    assert job is not None and job.kwargs["tick"] is TICK_NAMED["meetings"]


def test_the_partner_cancels_from_home_and_the_creator_is_told(
    slack: SlackRequests, fake_slack: FakeSlack, pair_ref: str
) -> None:
    arrange(slack, fake_slack, pair_ref, **{ids.MEETING_OPTIONS: []})
    home = wait_for_home(fake_slack, "UJOHN", "Kick-off chat")
    opened = len(fake_slack.calls_to("views.open"))
    slack.block_action("UJOHN", ids.MEETING_CANCEL,
                       value=button_values(home, ids.MEETING_CANCEL)[0], view=home)
    fake_slack.wait_for("views.open", opened + 1)
    confirm = fake_slack.latest_modal()
    assert confirm["callback_id"] == ids.MEETING_CANCEL_SUBMIT
    assert slack.view_submission("UJOHN", confirm, fill(confirm, {})).status == 200
    wait_for_dm(fake_slack, "UALICE", "Дмитрий Ωμέγα has cancelled your meeting")
    wait_for_home(fake_slack, "UALICE", "No meetings arranged")
    assert fake_slack.calls_to("views.update") == []
    assert not [m for m in dms_to(fake_slack, "UJOHN") if "Kick-off" in m["text"]]


def test_withdrawing_from_actions_cancels_the_meeting_in_both_calendars(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, pair_ref: str
) -> None:
    arrange(slack, fake_slack, pair_ref)
    wait_for_ics(fake_slack, 1)
    home = wait_for_home(fake_slack, "UALICE", "Kick-off chat")
    menu = next(e for b in home["blocks"] for e in b.get("elements", [])
                if e.get("action_id") == ids.RELATIONSHIP_ACTIONS)
    withdraw = next(o for o in menu["options"]
                    if decode(o["value"], RelationshipAction).verb == "withdraw")
    opened = len(fake_slack.calls_to("views.open"))
    slack.block_action("UALICE", ids.RELATIONSHIP_ACTIONS, action_type="overflow",
                       selected_option=withdraw)
    fake_slack.wait_for("views.open", opened + 1)
    confirm = fake_slack.latest_modal()
    assert confirm["callback_id"] == ids.RELATIONSHIP_WITHDRAW_SUBMIT
    assert slack.view_submission("UALICE", confirm, fill(confirm, {
        ids.RELATIONSHIP_REASON: "I'm moving abroad."})).status == 200

    wait_for_dm(fake_slack, "UJOHN", "has ended your mentoring relationship")
    for user_id, partner in (("UALICE", "Дмитрий Ωμέγα"), ("UJOHN", "Zoë Ngô")):
        told = wait_for_dm(fake_slack, user_id, "as your mentoring relationship has ended")
        assert f"“Kick-off chat” with {partner}" in told["text"]
        assert "has cancelled" not in told["text"]
        assert "moving abroad" not in text_of(told["blocks"])
    cancels = eventually(
        lambda: [u for u in fake_slack.uploaded_files if u["filename"].endswith("-cancelled.ics")],
        lambda found: len(found) >= 2, "a cancelling .ics for each of them")
    by_channel = {u["channel_id"]: Calendar.from_ical(u["content"]) for u in cancels}
    meeting = stored_meeting(app)
    for channel in ("DUALICE", "DUJOHN"):
        cancelled = by_channel[channel]
        assert str(cancelled["METHOD"]) == "CANCEL"
        assert str(event_of(cancelled)["STATUS"]) == "CANCELLED"
        assert str(event_of(cancelled)["UID"]) == meeting.uid
        assert int(event_of(cancelled)["SEQUENCE"]) == 1
    assert meeting.status == MeetingStatus.CANCELLED
