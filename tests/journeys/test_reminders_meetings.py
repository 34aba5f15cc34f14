"""Journey: a meeting arranged over HTTP is reminded of a day and an hour ahead, with its video
chat, and once it has ended each side is asked for notes and a diary entry, from the DM."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from blocks import ids
from blocks.payloads import MeetingRef, value
from bot.app import Mentorbot
from bot.ticks import run_tick
from domain.model import DiaryEntry, Meeting
from tests.journeys.meeting_steps import arrange
from tests.journeys.steps import button_values, wait_for_dm
from tests.support.block_limits import assert_fits_slack
from tests.support.clock import FakeClock
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import SlackRequests
from tests.support.view_state import fill
from tests.support.waiting import settled

# The journey's meeting: 1 December 09:00-10:00 in Alice's New York, 14:00 UTC.
START = datetime(2026, 12, 1, 14, 0, tzinfo=UTC)


def at(clock: FakeClock, when: datetime) -> None:
    clock.advance(seconds=(when - clock.now()).total_seconds())


def tick(app: Mentorbot, clock: FakeClock) -> int:
    return run_tick("meetings", app.sessions, clock.now, app.sender.kick)


def elements(dm: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for b in dm["blocks"] for e in b.get("elements", []) if e.get("type") == "button"]


def test_reminders_before_and_the_prompt_after_reach_both_and_their_buttons_work(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, clock: FakeClock, pair: int,
    pair_ref: str,
) -> None:
    arrange(slack, fake_slack, pair_ref)
    with app.sessions() as session:
        meeting = session.scalars(select(Meeting)).one()
    at(clock, START - timedelta(hours=24, minutes=5))
    assert tick(app, clock) == 0
    at(clock, START - timedelta(hours=24))
    assert tick(app, clock) == 2
    for user_id in ("UALICE", "UJOHN"):
        reminder = wait_for_dm(fake_slack, user_id, "is tomorrow")
        assert reminder["text"].startswith("A reminder: your meeting “Kick-off chat”")
        assert_fits_slack({"type": "message", "blocks": reminder["blocks"]})
        join = next(e for e in elements(reminder) if e["action_id"] == ids.MEETING_JOIN_VIDEO)
        assert join["url"] == meeting.video_url
    opened = len(fake_slack.calls_to("views.open"))
    clicked = slack.block_action("UALICE", ids.MEETING_JOIN_VIDEO, message=reminder)
    settled(app)  # Slack opens the link itself: the app only acks the click
    assert clicked.status == 200 and len(fake_slack.calls_to("views.open")) == opened
    assert tick(app, clock) == 0

    at(clock, START - timedelta(hours=1))
    assert tick(app, clock) == 2
    for user_id in ("UALICE", "UJOHN"):
        wait_for_dm(fake_slack, user_id, "is in an hour")

    at(clock, START + timedelta(minutes=55))
    assert tick(app, clock) == 0
    at(clock, START + timedelta(hours=1))  # 10:00 in New York, 14:00 in London
    assert tick(app, clock) == 2
    assert tick(app, clock) == 0
    ref = value(MeetingRef(meeting.id))
    prompts = {user_id: wait_for_dm(fake_slack, user_id, "How did your meeting “Kick-off chat”")
               for user_id in ("UALICE", "UJOHN")}
    for prompt in prompts.values():
        assert button_values(prompt["blocks"], ids.MEETING_NOTES) == [ref]
        assert button_values(prompt["blocks"], ids.DIARY_FROM_MEETING) == [ref]

    slack.block_action("UALICE", ids.MEETING_NOTES, value=ref, message=prompts["UALICE"])
    notes = fake_slack.wait_for_new_modal(ids.MEETING_NOTES_SUBMIT, 0)
    reply = slack.view_submission("UALICE", notes, fill(notes, {
        ids.MEETING_NOTES_TEXT: "We agreed on a first goal."})).json()
    assert reply["response_action"] == "update"

    known = len(fake_slack.views)
    slack.block_action("UJOHN", ids.DIARY_FROM_MEETING, value=ref, message=prompts["UJOHN"])
    form = fake_slack.wait_for_new_modal(ids.DIARY_SUBMIT, known)
    title = next(b for b in form["blocks"] if b.get("block_id") == ids.DIARY_TITLE)
    assert title["element"]["initial_value"] == "After: Kick-off chat"
    slack.view_submission("UJOHN", form, fill(form, {ids.DIARY_REFLECTION: "Listen more."}))
    with app.sessions() as session:
        assert session.get_one(Meeting, meeting.id).notes == "We agreed on a first goal."
        entry = session.scalars(select(DiaryEntry)).one()
        assert (entry.meeting_id, entry.relationship_id) == (meeting.id, pair)
