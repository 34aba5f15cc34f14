"""Meeting reminders, driven by a clock stepped through time: a day and an hour before (on
time whatever the hour), and once a meeting has ended, the prompt for notes and the diary."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from sqlalchemy.orm import Session

from blocks import ids
from blocks.notifications import direct_message
from blocks.payloads import MeetingRef, value
from domain.meetings import arrange_meeting, cancel_meeting, edit_meeting, record_meeting_notes
from domain.meetings.times import MeetingAnswers
from domain.model import (
    Meeting,
    Member,
    NudgeKind,
    NudgeMute,
    OutboxKind,
    Programme,
    Relationship,
)
from domain.programme import ProgrammeLists
from domain.relationships import withdraw_from_relationship
from domain.reminders.kinds import send_morning_digests
from domain.reminders.kinds.meetings import meetings_still_on, remind_meetings
from tests.support import seed
from tests.support.clock import FakeClock
from tests.support.seed import actor, dms
from tests.support.statements import counting

TICK = timedelta(minutes=5)
# Tuesday 1 December 2026, 10:00-11:00 UTC, with a video chat, shared with the partner.
KICK_OFF = MeetingAnswers(day=date(2026, 12, 1), start=time(10, 0), duration=60,
                          title="Kick-off chat", location="Video call", video=True)
START = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


def arrange(session: Session, who: Member, pair: Relationship, clock: FakeClock,
            **changes: Any) -> Meeting:
    return arrange_meeting(session, actor=actor(who), relationship_id=pair.id,
                           answers=replace(KICK_OFF, **changes), now=clock.now())


def at(clock: FakeClock, when: datetime) -> datetime:
    """Move the clock forward to `when`."""
    assert when >= clock.now()
    return clock.advance(seconds=(when - clock.now()).total_seconds())


def tick(session: Session, clock: FakeClock) -> int:
    return remind_meetings(session, now=clock.now())


def sent(session: Session, kind: OutboxKind) -> dict[str, dict[str, Any]]:
    """The latest DM of `kind` to each person, by Slack id."""
    return {m.recipient_user_id: m.payload for m in dms(session, kind)}


# Before the meeting ---------------------------------------------------------------------------

def test_both_are_reminded_a_day_and_an_hour_ahead_once_each_with_the_video_link(
    session: Session, alice: Member, pair: Relationship, clock: FakeClock
) -> None:
    meeting = arrange(session, alice, pair, clock)
    assert meeting.video_url
    at(clock, START - timedelta(hours=24) - TICK)
    assert tick(session, clock) == 0
    clock.advance(minutes=5)
    assert tick(session, clock) == 2
    assert tick(session, clock) == 0
    day_ahead = sent(session, OutboxKind.MEETING_REMINDER)
    assert sorted(day_ahead) == ["UALICE", "UJOHN"]
    assert day_ahead["UALICE"]["partner"]["name"] == "John Smith"
    assert day_ahead["UJOHN"]["partner"]["name"] == "Alice Kember"
    for payload in day_ahead.values():
        assert (payload["hours_before"], payload["video_url"]) == (24, meeting.video_url)
        assert payload["nudge_kind"] == NudgeKind.MEETING_SOON
        dm = direct_message(OutboxKind.MEETING_REMINDER, payload)
        assert "A reminder: your meeting “Kick-off chat”" in dm.text and "is tomorrow" in dm.text
        joins = [element for block in dm.blocks for element in block.get("elements", [])
                 if element.get("action_id") == ids.MEETING_JOIN_VIDEO]
        assert [join["url"] for join in joins] == [meeting.video_url]
        assert dm.blocks[-1]["block_id"] == ids.REMINDER_MUTE_ROW

    at(clock, START - timedelta(hours=1) - TICK)
    assert tick(session, clock) == 0
    clock.advance(minutes=5)
    assert tick(session, clock) == 2
    clock.advance(minutes=5)
    assert tick(session, clock) == 0
    reminders = dms(session, OutboxKind.MEETING_REMINDER)
    assert len(reminders) == 4
    assert [m.payload["hours_before"] for m in reminders[2:]] == [1, 1]
    assert "is in an hour" in direct_message(OutboxKind.MEETING_REMINDER,
                                             reminders[-1].payload).text


def test_a_meeting_arranged_five_hours_ahead_gets_only_the_hour_reminder(
    session: Session, alice: Member, pair: Relationship, clock: FakeClock
) -> None:
    arrange(session, alice, pair, clock, day=date(2026, 11, 23), start=time(14, 0))
    assert tick(session, clock) == 0  # the day-ahead moment had passed when it was arranged
    at(clock, datetime(2026, 11, 23, 12, 55, tzinfo=UTC))
    assert tick(session, clock) == 0
    clock.advance(minutes=5)
    assert tick(session, clock) == 2
    assert [m.payload["hours_before"] for m in dms(session, OutboxKind.MEETING_REMINDER)] == [
        1, 1]


def test_a_meeting_arranged_half_an_hour_ahead_gets_no_reminder(
    session: Session, alice: Member, pair: Relationship, clock: FakeClock
) -> None:
    arrange(session, alice, pair, clock, day=date(2026, 11, 23), start=time(9, 30))
    for _ in range(6):
        assert tick(session, clock) == 0
        clock.advance(minutes=5)
    assert dms(session, OutboxKind.MEETING_REMINDER) == []


def test_a_moved_meeting_is_reminded_at_its_new_time_and_never_at_its_old_one(
    session: Session, alice: Member, john: Member, pair: Relationship, clock: FakeClock
) -> None:
    meeting = arrange(session, alice, pair, clock)
    clock.advance(days=2)
    edit_meeting(session, actor=actor(john), meeting_id=meeting.id,
                 answers=replace(KICK_OFF, day=date(2026, 12, 2), start=time(15, 0)),
                 now=clock.now())
    for old in (START - timedelta(hours=24), START - timedelta(hours=1)):
        at(clock, old)
        assert tick(session, clock) == 0
    moved = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)
    at(clock, moved - timedelta(hours=24))
    assert tick(session, clock) == 2
    at(clock, moved - timedelta(hours=1))
    assert tick(session, clock) == 2
    assert {m.payload["starts_at"] for m in dms(session, OutboxKind.MEETING_REMINDER)} == {
        moved.isoformat()}


def test_a_meeting_moved_after_its_day_ahead_reminder_is_reminded_afresh(
    session: Session, alice: Member, pair: Relationship, clock: FakeClock
) -> None:
    meeting = arrange(session, alice, pair, clock)
    at(clock, START - timedelta(hours=24))
    assert tick(session, clock) == 2
    edit_meeting(session, actor=actor(alice), meeting_id=meeting.id,
                 answers=replace(KICK_OFF, day=date(2026, 12, 3)), now=clock.now())
    at(clock, START - timedelta(hours=1))
    assert tick(session, clock) == 0
    at(clock, START + timedelta(days=1))
    assert tick(session, clock) == 2
    assert len(dms(session, OutboxKind.MEETING_REMINDER)) == 4


def test_cancelled_meetings_and_ended_pairs_get_no_reminders_at_all(
    session: Session, alice: Member, john: Member, pair: Relationship, clock: FakeClock,
    lists: ProgrammeLists
) -> None:
    gone = arrange(session, alice, pair, clock)
    cancel_meeting(session, actor=actor(john), meeting_id=gone.id, reason="", now=clock.now())
    eve = seed.mentee(session, lists, "UEVE", areas=[1], name="Eve Ito")
    other = seed.pair(session, john, eve)
    arrange(session, eve, other, clock)
    withdraw_from_relationship(session, actor=actor(eve), relationship_id=other.id, reason="",
                               now=clock.now())
    for moment in (START - timedelta(hours=24), START - timedelta(hours=1),
                   START + timedelta(hours=2)):
        at(clock, moment)
        assert tick(session, clock) == 0
    assert dms(session, OutboxKind.MEETING_REMINDER) == []
    assert dms(session, OutboxKind.MEETING_FOLLOW_UP) == []


def test_a_private_meeting_reminds_its_creator_alone(
    session: Session, alice: Member, pair: Relationship, clock: FakeClock
) -> None:
    arrange(session, alice, pair, clock, share=False)
    at(clock, START - timedelta(hours=24))
    assert tick(session, clock) == 1
    at(clock, START + timedelta(hours=1))
    assert tick(session, clock) == 1
    assert [m.recipient_user_id for m in dms(session)] == ["UALICE", "UALICE"]


def test_muted_people_and_paused_programmes_get_none(
    session: Session, alice: Member, pair: Relationship, clock: FakeClock
) -> None:
    arrange(session, alice, pair, clock)
    session.add(NudgeMute(member_id=alice.id, kind=NudgeKind.MEETING_SOON, muted_at=clock.now()))
    programme = session.get_one(Programme, "T1")
    programme.nudges_paused = True
    session.flush()
    at(clock, START - timedelta(hours=24))
    assert tick(session, clock) == 0
    programme.nudges_paused = False
    session.flush()
    assert tick(session, clock) == 1
    assert list(sent(session, OutboxKind.MEETING_REMINDER)) == ["UJOHN"]


def test_the_programme_sets_the_hours_before(
    session: Session, alice: Member, pair: Relationship, clock: FakeClock
) -> None:
    session.get_one(Programme, "T1").reminder_timings = {"meeting_hours_before": [2]}
    session.flush()
    arrange(session, alice, pair, clock)
    at(clock, START - timedelta(hours=24))
    assert tick(session, clock) == 0
    at(clock, START - timedelta(hours=2))
    assert tick(session, clock) == 2
    payload = dms(session, OutboxKind.MEETING_REMINDER)[0].payload
    assert "is in 2 hours" in direct_message(OutboxKind.MEETING_REMINDER, payload).text


# After the meeting ----------------------------------------------------------------------------

def test_once_it_has_ended_each_is_asked_once_for_notes_and_a_diary_entry(
    session: Session, alice: Member, pair: Relationship, clock: FakeClock
) -> None:
    meeting = arrange(session, alice, pair, clock)
    at(clock, START + timedelta(minutes=55))  # under way
    assert tick(session, clock) == 0
    clock.advance(minutes=5)
    assert tick(session, clock) == 2
    assert tick(session, clock) == 0
    asked = sent(session, OutboxKind.MEETING_FOLLOW_UP)
    assert sorted(asked) == ["UALICE", "UJOHN"]
    for payload in asked.values():
        assert payload["nudge_kind"] == NudgeKind.MEETING_FOLLOW_UP
        dm = direct_message(OutboxKind.MEETING_FOLLOW_UP, payload)
        assert "How did your meeting “Kick-off chat”" in dm.text
        buttons = {e["action_id"]: e["value"] for e in dm.blocks[-2]["elements"]}
        assert buttons == {ids.MEETING_NOTES: value(MeetingRef(meeting.id)),
                           ids.DIARY_FROM_MEETING: value(MeetingRef(meeting.id))}
        assert dm.blocks[-1]["block_id"] == ids.REMINDER_MUTE_ROW
    clock.advance(days=1)
    assert tick(session, clock) == 0


def test_the_follow_up_knows_when_notes_were_begun(
    session: Session, alice: Member, john: Member, pair: Relationship, clock: FakeClock
) -> None:
    meeting = arrange(session, alice, pair, clock)
    at(clock, START + timedelta(minutes=30))
    record_meeting_notes(session, actor=actor(john), meeting_id=meeting.id, notes="Goals.",
                         now=clock.now())
    at(clock, START + timedelta(hours=1))
    assert tick(session, clock) == 2
    assert {p["has_notes"] for p in sent(session, OutboxKind.MEETING_FOLLOW_UP).values()} == {
        True}


def test_reminders_go_at_night_while_a_follow_up_due_at_night_waits_for_the_morning(
    session: Session, alice: Member, john: Member, pair: Relationship, clock: FakeClock
) -> None:
    john.tz = "Asia/Tokyo"  # 06:30 UTC is 15:30 in Tokyo: working hours there
    arrange(session, alice, pair, clock, start=time(6, 30))  # Tuesday 06:30-07:30 UTC
    early = datetime(2026, 12, 1, 6, 30, tzinfo=UTC)
    at(clock, early - timedelta(hours=24))  # 06:30 UTC: night for Alice
    assert tick(session, clock) == 2
    at(clock, early - timedelta(hours=1))
    assert tick(session, clock) == 2
    at(clock, early + timedelta(hours=1))  # 07:30 UTC: it has ended
    assert tick(session, clock) == 1
    assert list(sent(session, OutboxKind.MEETING_FOLLOW_UP)) == ["UJOHN"]
    at(clock, datetime(2026, 12, 1, 7, 55, tzinfo=UTC))
    assert tick(session, clock) == 0
    clock.advance(minutes=5)  # 08:00 UTC: Alice's morning
    assert tick(session, clock) == 1
    assert sorted(sent(session, OutboxKind.MEETING_FOLLOW_UP)) == ["UALICE", "UJOHN"]


def test_a_follow_up_of_a_friday_evening_waits_for_monday_morning(
    session: Session, alice: Member, pair: Relationship, clock: FakeClock
) -> None:
    arrange(session, alice, pair, clock, day=date(2026, 11, 27), start=time(19, 0))
    at(clock, datetime(2026, 11, 27, 20, 0, tzinfo=UTC))
    assert tick(session, clock) == 0
    at(clock, datetime(2026, 11, 29, 12, 0, tzinfo=UTC))  # Sunday
    assert tick(session, clock) == 0
    at(clock, datetime(2026, 11, 30, 8, 0, tzinfo=UTC))
    assert tick(session, clock) == 2


def test_meetings_long_past_get_no_follow_up_as_on_a_first_deploy(
    session: Session, alice: Member, pair: Relationship, clock: FakeClock
) -> None:
    arrange(session, alice, pair, clock, day=date(2026, 11, 23), start=time(10, 0),
            title="Long ago")
    arrange(session, alice, pair, clock, day=date(2026, 11, 26), start=time(10, 0),
            title="Yesterday")
    at(clock, datetime(2026, 11, 27, 11, 5, tzinfo=UTC))  # four days after the first ended
    assert tick(session, clock) == 2
    assert {m.payload["title"] for m in dms(session, OutboxKind.MEETING_FOLLOW_UP)} == {
        "Yesterday"}


def test_a_follow_up_held_over_the_cap_is_dropped_when_the_pair_ends(
    session: Session, alice: Member, john: Member, pair: Relationship, clock: FakeClock
) -> None:
    session.get_one(Programme, "T1").daily_nudge_cap = 0
    session.flush()
    meeting = arrange(session, alice, pair, clock, day=date(2026, 11, 23), start=time(10, 0))
    at(clock, datetime(2026, 11, 23, 11, 0, tzinfo=UTC))
    assert tick(session, clock) == 0  # held: the digest carries it
    assert meetings_still_on(session, [meeting.id]) == {meeting.id}
    withdraw_from_relationship(session, actor=actor(john), relationship_id=pair.id, reason="",
                               now=clock.now())
    assert meetings_still_on(session, [meeting.id]) == set()
    at(clock, datetime(2026, 11, 24, 8, 0, tzinfo=UTC))
    assert send_morning_digests(session, now=clock.now()) == 0
    assert dms(session, OutboxKind.NUDGE_DIGEST) == []


# Cost -----------------------------------------------------------------------------------------

def _seed_pairs(session: Session, lists: ProgrammeLists, clock: FakeClock, count: int) -> None:
    """`count` pairs, each with a meeting a day ahead and one that has just ended."""
    for n in range(count):
        mentor = seed.mentor(session, lists, f"UM{n}", areas=[1], capacity=5)
        mentee = seed.mentee(session, lists, f"UE{n}", areas=[1])
        pair = seed.pair(session, mentor, mentee)
        arrange(session, mentee, pair, clock, title=f"Ahead {n}")
        arrange(session, mentor, pair, clock, day=date(2026, 11, 30), start=time(8, 0),
                title=f"Held {n}")


@pytest.mark.parametrize("count", [1, 12])
def test_a_tick_costs_the_same_statements_whatever_the_number_of_meetings(
    session: Session, lists: ProgrammeLists, clock: FakeClock, count: int
) -> None:
    _seed_pairs(session, lists, clock, count)
    at(clock, START - timedelta(hours=24))
    with counting(session.get_bind()) as statements:
        assert tick(session, clock) == 4 * count
    # programmes, the reminders ahead, the follow-ups, then delivery: programmes, the day's
    # counts, the ledger and the outbox
    assert len(statements) == 7, str(statements)
