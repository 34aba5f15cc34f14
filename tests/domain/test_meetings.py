"""Meetings as use cases: time zones, validation, permissions, what each side is told."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, time

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from domain.completion import complete_relationship
from domain.errors import InvalidInput, NotAllowed, NotFound
from domain.lifecycle import NotPossibleNow
from domain.meetings import (
    NoMeetingPartner,
    arrange_meeting,
    cancel_meeting,
    edit_meeting,
    meeting_to_edit,
    meetings_of,
    notes_of,
    pairings_to_meet,
    record_meeting_notes,
    upcoming_meetings,
)
from domain.meetings.times import MeetingAnswers
from domain.members import Actor
from domain.model import (
    HomeRefresh,
    Meeting,
    MeetingStatus,
    Member,
    OutboxKind,
    Relationship,
    RelationshipStatus,
)
from domain.programme import ProgrammeLists
from domain.relationships import withdraw_from_relationship
from domain.reminders.kinds.meetings import remind_meetings
from tests.support import seed
from tests.support.clock import FakeClock
from tests.support.seed import actor, dms

KICK_OFF = MeetingAnswers(day=date(2026, 12, 1), start=time(10, 0), duration=60,
                          title="Kick-off chat", location="Video call",
                          details="Bring your CV.")


def count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def arrange(session: Session, who: Member, pair: Relationship, clock: FakeClock,
            **changes: object) -> Meeting:
    return arrange_meeting(session, actor=actor(who), relationship_id=pair.id,
                           answers=replace(KICK_OFF, **changes), now=clock.now())


# Time zones ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("day", "utc_hour"), [
    (date(2026, 12, 1), 14),   # EST, UTC-5
    (date(2027, 3, 15), 13),   # the day after the clocks go forward: EDT, UTC-4
    (date(2027, 11, 8), 14),   # the day after they go back: EST again
])
def test_a_time_typed_in_new_york_is_stored_as_the_right_utc_instant(
    session: Session, alice: Member, pair: Relationship, clock: FakeClock, day: date,
    utc_hour: int
) -> None:
    alice.tz = "America/New_York"
    meeting = arrange(session, alice, pair, clock, day=day, start=time(9, 0))
    assert meeting.starts_at == datetime.combine(day, time(utc_hour), tzinfo=UTC)
    edit = meeting_to_edit(session, actor=actor(alice), meeting_id=meeting.id, now=clock.now())
    assert (edit.answers.day, edit.answers.start) == (day, time(9, 0))


def test_the_editor_sees_the_time_in_their_own_zone(
    session: Session, alice: Member, john: Member, pair: Relationship, clock: FakeClock
) -> None:
    alice.tz, john.tz = "America/New_York", "Europe/Berlin"
    meeting = arrange(session, alice, pair, clock, start=time(9, 0))
    assert meeting_to_edit(session, actor=actor(john), meeting_id=meeting.id,
                           now=clock.now()).answers.start == \
        time(15, 0)


def test_a_time_the_clocks_skip_is_refused(
    session: Session, alice: Member, pair: Relationship, clock: FakeClock
) -> None:
    alice.tz = "America/New_York"
    with pytest.raises(InvalidInput) as refused:
        arrange(session, alice, pair, clock, day=date(2027, 3, 14), start=time(2, 30))
    assert "clocks change" in refused.value.errors["time"]


# Validation ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("changes", "field", "says"), [
    ({"day": date(2026, 11, 22)}, "date", "has passed"),
    ({"day": date(2026, 11, 23), "start": time(8, 30)}, "time", "has passed"),
    ({"day": date(2029, 1, 1)}, "date", "two years"),
    ({"day": date(9999, 12, 31)}, "date", "two years"),
    ({"day": date(9999, 12, 31), "start": time(23, 59), "duration": 480}, "date", "two years"),
    ({"day": None}, "date", "choose the date"),
    ({"start": None}, "time", "choose the time"),
    ({"duration": 0}, "duration", "how long"),
    ({"duration": None}, "duration", "how long"),
    ({"duration": 25}, "duration", "durations offered"),
    ({"start": time(23, 0), "duration": 120}, "duration", "after midnight"),
    ({"title": "   "}, "title", "Please enter"),
    ({"title": "x" * 121}, "title", "120 characters"),
    ({"location": "x" * 201}, "location", "200 characters"),
    ({"details": "x" * 2001}, "details", "2000 characters"),
])
def test_bad_answers_are_refused_beside_their_field_and_nothing_is_stored(
    session: Session, alice: Member, pair: Relationship, clock: FakeClock,
    changes: dict[str, object], field: str, says: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        arrange(session, alice, pair, clock, **changes)
    assert says in refused.value.errors[field]
    assert count(session, Meeting) == 0 and dms(session) == []


def test_a_meeting_may_end_exactly_at_midnight(
    session: Session, alice: Member, pair: Relationship, clock: FakeClock
) -> None:
    meeting = arrange(session, alice, pair, clock, start=time(22, 0), duration=120)
    assert meeting.duration_minutes == 120


# Arranging ----------------------------------------------------------------------------------

def test_the_partner_gets_the_details_with_a_calendar_event_and_both_homes_change(
    session: Session, alice: Member, pair: Relationship, clock: FakeClock
) -> None:
    meeting = arrange(session, alice, pair, clock)
    assert (meeting.status, meeting.sequence, meeting.created_by_id) == (
        MeetingStatus.SCHEDULED, 0, alice.id)
    told = dms(session, OutboxKind.MEETING_ARRANGED)
    assert [m.recipient_user_id for m in told] == ["UJOHN"]
    payload = told[0].payload
    assert payload["partner"]["name"] == "Alice Kember" and payload["title"] == "Kick-off chat"
    event = payload["calendar"]
    assert (event["uid"], event["method"], event["sequence"]) == (meeting.uid, "REQUEST", 0)
    assert event["starts_at"] == "2026-12-01T10:00:00+00:00"
    assert event["ends_at"] == "2026-12-01T11:00:00+00:00"
    assert event["organizer"] == {"name": "Alice Kember", "email": "ualice@example.org"}
    assert event["attendee"]["email"] == "ujohn@example.org"
    assert {r.user_id for r in session.scalars(select(HomeRefresh))} == {"UALICE", "UJOHN"}


def test_unticking_send_details_keeps_the_partner_undisturbed(
    session: Session, alice: Member, pair: Relationship, clock: FakeClock
) -> None:
    arrange(session, alice, pair, clock, share=False)
    assert dms(session) == []


def test_a_video_meeting_gets_a_room_of_its_own(
    session: Session, alice: Member, pair: Relationship, clock: FakeClock
) -> None:
    first = arrange(session, alice, pair, clock, video=True)
    second = arrange(session, alice, pair, clock, video=True, title="Second")
    plain = arrange(session, alice, pair, clock, title="Third")
    assert first.video_url and first.video_url.startswith("https://meet.jit.si/mentorbot-")
    assert "{room}" not in first.video_url and first.video_url != second.video_url
    assert plain.video_url is None
    assert dms(session)[0].payload["calendar"]["url"] == first.video_url


def test_the_same_form_submitted_twice_makes_one_meeting(
    session: Session, alice: Member, pair: Relationship, clock: FakeClock
) -> None:
    assert arrange(session, alice, pair, clock).id == arrange(session, alice, pair, clock).id
    assert count(session, Meeting) == 1 and len(dms(session)) == 1


def test_someone_without_a_relationship_has_no_one_to_meet(
    session: Session, lists: ProgrammeLists, pair: Relationship, john: Member
) -> None:
    loner = seed.mentee(session, lists, "ULONE", areas=[1])
    with pytest.raises(NoMeetingPartner):
        pairings_to_meet(session, actor=actor(loner))
    assert [p.relationship.id for p in pairings_to_meet(session, actor=actor(john))] == [pair.id]


# Permissions --------------------------------------------------------------------------------

@pytest.fixture
def outsiders(session: Session, lists: ProgrammeLists) -> list[Actor]:
    """Eve of the same workspace, and someone of another workspace with Alice's user id."""
    seed.mentee(session, lists, "UEVE", areas=[1])
    other = seed.programme(session, "T2")
    seed.mentee(session, other, "UALICE", areas=[1], team_id="T2")
    return [Actor("T1", "UEVE"), Actor("T2", "UALICE")]


def every_use_case(session: Session, who: Actor, pair_id: int, meeting_id: int,
                   now: datetime) -> list[Callable[[], object]]:
    """Each way to read or change a pair's meetings, as `who`."""
    return [
        lambda: meetings_of(session, actor=who, relationship_id=pair_id, now=now),
        lambda: arrange_meeting(session, actor=who, relationship_id=pair_id, answers=KICK_OFF,
                                now=now),
        lambda: meeting_to_edit(session, actor=who, meeting_id=meeting_id, now=now),
        lambda: edit_meeting(session, actor=who, meeting_id=meeting_id, answers=KICK_OFF, now=now),
        lambda: cancel_meeting(session, actor=who, meeting_id=meeting_id, reason="", now=now),
        lambda: notes_of(session, actor=who, meeting_id=meeting_id, now=now),
        lambda: record_meeting_notes(session, actor=who, meeting_id=meeting_id, notes="Mine now.",
                                     now=now),
    ]


def test_nobody_outside_the_pair_can_read_or_change_its_meetings(
    session: Session, alice: Member, pair: Relationship, clock: FakeClock,
    outsiders: list[Actor]
) -> None:
    meeting = arrange(session, alice, pair, clock)
    clock.advance(days=10)
    record_meeting_notes(session, actor=actor(alice), meeting_id=meeting.id, notes="Went well.",
                         now=clock.now())
    before = (meeting.title, meeting.starts_at, meeting.status, meeting.sequence, meeting.notes)
    sent, now = len(dms(session)), clock.now()
    for outsider in outsiders:
        for attempt in every_use_case(session, outsider, pair.id, meeting.id, now):
            with pytest.raises((NotAllowed, NotFound)):
                attempt()
    session.refresh(meeting)
    assert (meeting.title, meeting.starts_at, meeting.status, meeting.sequence,
            meeting.notes) == before
    assert count(session, Meeting) == 1 and len(dms(session)) == sent


@pytest.mark.parametrize("forged", [-1, 0, 999_999])
def test_forged_meeting_ids_are_refused(
    session: Session, alice: Member, pair: Relationship, clock: FakeClock, forged: int
) -> None:
    arrange(session, alice, pair, clock)
    for attempt in (lambda: edit_meeting(session, actor=actor(alice), meeting_id=forged,
                                         answers=KICK_OFF, now=clock.now()),
                    lambda: cancel_meeting(session, actor=actor(alice), meeting_id=forged,
                                           reason="", now=clock.now()),
                    lambda: record_meeting_notes(session, actor=actor(alice), meeting_id=forged,
                                                 notes="x", now=clock.now())):
        with pytest.raises(NotFound):
            attempt()
    with pytest.raises(NotFound):
        arrange_meeting(session, actor=actor(alice), relationship_id=forged, answers=KICK_OFF,
                        now=clock.now())


def test_a_pair_that_has_ended_cannot_arrange_or_change_meetings(
    session: Session, alice: Member, pair: Relationship, clock: FakeClock
) -> None:
    meeting = arrange(session, alice, pair, clock)
    pair.status = RelationshipStatus.WITHDRAWN
    session.flush()
    with pytest.raises(NotPossibleNow):
        arrange(session, alice, pair, clock, title="Another")
    with pytest.raises(NotPossibleNow):
        edit_meeting(session, actor=actor(alice), meeting_id=meeting.id, answers=KICK_OFF,
                     now=clock.now())
    with pytest.raises(NotPossibleNow):
        cancel_meeting(session, actor=actor(alice), meeting_id=meeting.id, reason="",
                       now=clock.now())
    assert upcoming_meetings(session, member=alice, now=clock.now()) == []


# Edit, cancel, notes ------------------------------------------------------------------------

def test_an_edit_bumps_the_sequence_and_sends_the_partner_the_new_details(
    session: Session, alice: Member, john: Member, pair: Relationship, clock: FakeClock
) -> None:
    meeting = arrange(session, alice, pair, clock)
    moved = replace(KICK_OFF, start=time(11, 30), title="Kick-off, moved")
    edit_meeting(session, actor=actor(alice), meeting_id=meeting.id, answers=moved, now=clock.now())
    edit_meeting(session, actor=actor(alice), meeting_id=meeting.id, answers=moved,
                 now=clock.now())  # again: no change
    assert meeting.sequence == 1 and meeting.starts_at.hour == 11
    updated = dms(session, OutboxKind.MEETING_UPDATED)
    assert len(updated) == 1 and updated[0].recipient_user_id == "UJOHN"
    assert updated[0].payload["calendar"]["sequence"] == 1
    # The partner may change it too; then the creator is the one told.
    edit_meeting(session, actor=actor(john), meeting_id=meeting.id,
                 answers=replace(moved, duration=30), now=clock.now())
    assert meeting.sequence == 2
    assert dms(session, OutboxKind.MEETING_UPDATED)[-1].recipient_user_id == "UALICE"


def test_sharing_a_meeting_later_tells_the_partner_it_was_arranged(
    session: Session, alice: Member, pair: Relationship, clock: FakeClock
) -> None:
    meeting = arrange(session, alice, pair, clock, share=False)
    edit_meeting(session, actor=actor(alice), meeting_id=meeting.id, answers=KICK_OFF,
                 now=clock.now())
    assert [m.kind for m in dms(session)] == [OutboxKind.MEETING_ARRANGED]
    assert meeting.share_with_partner


def test_a_cancellation_tells_the_partner_once_with_a_cancel_event(
    session: Session, alice: Member, john: Member, pair: Relationship, clock: FakeClock
) -> None:
    meeting = arrange(session, alice, pair, clock)
    cancel_meeting(session, actor=actor(john), meeting_id=meeting.id, reason="I'm unwell.",
                   now=clock.now())
    cancel_meeting(session, actor=actor(john), meeting_id=meeting.id, reason="I'm unwell.",
                   now=clock.now())
    assert (meeting.status, meeting.sequence) == (MeetingStatus.CANCELLED, 1)
    told = dms(session, OutboxKind.MEETING_CANCELLED)
    assert len(told) == 1 and told[0].recipient_user_id == "UALICE"
    assert told[0].payload["reason"] == "I'm unwell."
    assert (told[0].payload["calendar"]["method"], told[0].payload["calendar"]["status"]) == \
        ("CANCEL", "CANCELLED")
    with pytest.raises(NotPossibleNow):
        edit_meeting(session, actor=actor(alice), meeting_id=meeting.id, answers=KICK_OFF,
                     now=clock.now())
    assert upcoming_meetings(session, member=alice, now=clock.now()) == []


def test_a_meeting_under_way_can_no_longer_be_edited_or_cancelled(
    session: Session, alice: Member, pair: Relationship, clock: FakeClock
) -> None:
    meeting = arrange(session, alice, pair, clock)
    clock.advance(days=8, hours=1, minutes=5)  # 1 December, 10:05
    for attempt in (lambda: edit_meeting(session, actor=actor(alice), meeting_id=meeting.id,
                                         answers=KICK_OFF, now=clock.now()),
                    lambda: cancel_meeting(session, actor=actor(alice), meeting_id=meeting.id,
                                           reason="", now=clock.now())):
        with pytest.raises(NotPossibleNow, match="already started"):
            attempt()


def test_notes_come_after_the_start_and_both_sides_see_and_write_them(
    session: Session, alice: Member, john: Member, pair: Relationship, clock: FakeClock
) -> None:
    meeting = arrange(session, alice, pair, clock)
    with pytest.raises(NotPossibleNow, match="once the meeting has started"):
        record_meeting_notes(session, actor=actor(alice), meeting_id=meeting.id, notes="Too early.",
                             now=clock.now())
    clock.advance(days=8, hours=2)  # 1 December, 11:00: the meeting has just ended
    record_meeting_notes(session, actor=actor(alice), meeting_id=meeting.id,
                         notes="Agreed a SWOT first.", now=clock.now())
    record_meeting_notes(session, actor=actor(john), meeting_id=meeting.id,
                         notes="Agreed a SWOT first. Next: goals.", now=clock.now())
    for who in (alice, john):
        listing = meetings_of(session, actor=actor(who), relationship_id=pair.id, now=clock.now())
        assert listing.upcoming == [] and [m.notes for m in listing.recent] == [
            "Agreed a SWOT first. Next: goals."]
    with pytest.raises(InvalidInput):
        record_meeting_notes(session, actor=actor(john), meeting_id=meeting.id, notes="x" * 2501,
                             now=clock.now())


# Lists (the reminders: test_reminders_meetings.py) ------------------------------------------

def test_upcoming_meetings_are_soonest_first_and_include_one_under_way(
    session: Session, alice: Member, john: Member, pair: Relationship, clock: FakeClock
) -> None:
    later = arrange(session, alice, pair, clock, day=date(2026, 12, 3), title="Later")
    sooner = arrange(session, john, pair, clock, day=date(2026, 11, 23), start=time(9, 30),
                     title="Today")
    gone = arrange(session, alice, pair, clock, day=date(2026, 12, 2), title="Cancelled")
    cancel_meeting(session, actor=actor(alice), meeting_id=gone.id, reason="", now=clock.now())
    assert upcoming_meetings(session, member=alice, now=clock.now()) == [sooner, later]
    clock.advance(minutes=45)  # the 09:30 meeting is under way
    assert upcoming_meetings(session, member=john, now=clock.now(), limit=1) == [sooner]
    clock.advance(hours=1)
    assert upcoming_meetings(session, member=john, now=clock.now()) == [later]


# When the relationship ends -----------------------------------------------------------------

def held_and_ahead(session: Session, alice: Member, john: Member, pair: Relationship,
                   clock: FakeClock) -> tuple[Meeting, Meeting]:
    """A meeting held on 24 November with its notes, and one still ahead on 1 December."""
    held = arrange(session, alice, pair, clock, day=date(2026, 11, 24), title="First chat")
    ahead = arrange(session, alice, pair, clock)
    clock.advance(days=2)
    record_meeting_notes(session, actor=actor(john), meeting_id=held.id, notes="A good start.",
                         now=clock.now())
    return held, ahead


def assert_called_off_for_both(session: Session, ahead: Meeting, ended: str) -> None:
    told = {m.recipient_user_id: m.payload for m in dms(session, OutboxKind.MEETING_CANCELLED)}
    assert sorted(told) == ["UALICE", "UJOHN"]
    assert told["UALICE"]["partner"]["name"] == "John Smith"
    assert told["UJOHN"]["partner"]["name"] == "Alice Kember"
    for payload in told.values():
        assert (payload["meeting_id"], payload["ended"]) == (ahead.id, ended)
        assert "reason" not in payload  # the end's reason goes to the partner once, not here
        calendar = payload["calendar"]
        assert (calendar["method"], calendar["status"]) == ("CANCEL", "CANCELLED")
        assert (calendar["uid"], calendar["sequence"]) == (ahead.uid, 1)


def test_withdrawing_cancels_the_meetings_ahead_for_both_and_keeps_the_held_ones(
    session: Session, alice: Member, john: Member, pair: Relationship, clock: FakeClock
) -> None:
    held, ahead = held_and_ahead(session, alice, john, pair, clock)
    withdraw_from_relationship(session, actor=actor(alice), relationship_id=pair.id,
                               reason="Moving abroad.", now=clock.now())
    assert (ahead.status, ahead.sequence, ahead.updated_at) == (
        MeetingStatus.CANCELLED, 1, clock.now())
    assert (held.status, held.sequence, held.notes) == (MeetingStatus.SCHEDULED, 0, "A good start.")
    assert_called_off_for_both(session, ahead, RelationshipStatus.WITHDRAWN)
    assert [m.id for m in meetings_of(session, actor=actor(john), relationship_id=pair.id,
                                      now=clock.now()).recent] == [
        held.id]
    clock.advance(days=4, hours=2)  # 30 November 11:00, a day before: no reminder now
    assert remind_meetings(session, now=clock.now()) == 0
    assert dms(session, "meeting_reminder") == []


def test_completing_cancels_the_meetings_ahead_once_even_when_submitted_twice(
    session: Session, alice: Member, john: Member, pair: Relationship, clock: FakeClock
) -> None:
    held, ahead = held_and_ahead(session, alice, john, pair, clock)
    for _ in range(2):
        complete_relationship(session, actor=actor(john), relationship_id=pair.id, now=clock.now())
    assert (ahead.status, ahead.sequence) == (MeetingStatus.CANCELLED, 1)
    assert (held.status, held.notes) == (MeetingStatus.SCHEDULED, "A good start.")
    assert_called_off_for_both(session, ahead, RelationshipStatus.COMPLETED)
    clock.advance(days=4, hours=2)
    assert remind_meetings(session, now=clock.now()) == 0


def test_a_meeting_never_shared_is_called_off_for_its_creator_alone(
    session: Session, alice: Member, john: Member, pair: Relationship, clock: FakeClock
) -> None:
    private = arrange(session, john, pair, clock, share=False)
    withdraw_from_relationship(session, actor=actor(alice), relationship_id=pair.id, reason="",
                               now=clock.now())
    assert private.status == MeetingStatus.CANCELLED
    assert [m.recipient_user_id for m in dms(session, OutboxKind.MEETING_CANCELLED)] == ["UJOHN"]
