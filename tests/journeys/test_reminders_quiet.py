"""A pair gone quiet, over HTTP: each side nudged in their own morning, the nudge's buttons
open the conversation and the meetings form; a pair left inactive is warned, then closed."""

from __future__ import annotations

from sqlalchemy import update

from blocks import ids
from bot.app import Mentorbot
from bot.ticks import run_tick
from domain.model import Programme, Relationship, RelationshipStatus
from tests.journeys.steps import text_of, wait_for_dm
from tests.support.block_limits import assert_fits_slack
from tests.support.clock import FakeClock
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import SlackRequests

JOHN, ALICE = "Дмитрий Ωμέγα", "Zoë Ngô"


def test_both_are_nudged_in_their_morning_and_the_buttons_open_messages_and_meetings(
        app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, pair: int,
        clock: FakeClock) -> None:
    with app.sessions.begin() as session:
        session.get_one(Programme, "T1").admin_channel_id = "CADMIN"
    clock.advance(days=21)  # Monday 14 Dec, 09:00 in London, 04:00 in New York
    assert run_tick("quiet_nudges", app.sessions, clock.now, app.sender.kick) == 1
    assert run_tick("quiet_relationships", app.sessions, clock.now, app.sender.kick) == 1
    to_john = wait_for_dm(fake_slack, "UJOHN", f"since you and {ALICE} were last in touch")
    assert "it's been 21 days" in to_john["text"]
    assert "Mute reminders like this" in text_of(to_john)
    assert_fits_slack({"type": "message", "blocks": to_john["blocks"]})

    opened = len(fake_slack.calls_to("views.open"))
    assert slack.block_action("UJOHN", ids.CONVERSATION_OPEN, message=to_john).status == 200
    fake_slack.wait_for("views.open", opened + 1)
    thread = fake_slack.latest_modal()
    assert thread["callback_id"] == ids.CONVERSATION_SEND and ALICE in text_of(thread)

    clock.advance(hours=5)  # 09:00 in New York
    assert run_tick("quiet_nudges", app.sessions, clock.now, app.sender.kick) == 1
    to_alice = wait_for_dm(fake_slack, "UALICE", f"since you and {JOHN} were last in touch")
    assert slack.block_action("UALICE", ids.MEETING_OPEN, message=to_alice).status == 200
    fake_slack.wait_for("views.open", opened + 2)
    meetings = fake_slack.latest_modal()
    assert meetings["callback_id"] == ids.MEETING_SUBMIT
    assert f"Meetings with {JOHN}" in text_of(meetings)
    assert run_tick("quiet_nudges", app.sessions, clock.now, app.sender.kick) == 0


def test_an_inactive_pair_is_warned_then_closed_and_both_are_told(
        app: Mentorbot, fake_slack: FakeSlack, pair: int, clock: FakeClock) -> None:
    with app.sessions.begin() as session:
        session.execute(update(Programme).values(reminder_timings={"inactive_warning_days": 90},
                                                 version=Programme.version + 1))
    clock.advance(days=91, hours=5)  # Monday 22 Feb, 14:00 UTC: a working morning for both
    assert run_tick("inactive_relationships", app.sessions, clock.now, app.sender.kick) == 2
    warning = wait_for_dm(fake_slack, "UALICE", "will be closed as inactive on")
    assert "(in 7 days) unless you get in touch" in warning["text"]
    clock.advance(days=7)
    assert run_tick("inactive_relationships", app.sessions, clock.now, app.sender.kick) == 1
    wait_for_dm(fake_slack, "UJOHN", f"relationship with {ALICE} has been closed as inactive")
    told = wait_for_dm(fake_slack, "UALICE", "You can look for another mentor")
    assert "Mute reminders like this" not in text_of(told)
    with app.sessions() as session:
        assert session.get_one(Relationship, pair).status == RelationshipStatus.INACTIVE
