"""Workflow steps as use cases: Log a meeting, for whom it may log what, and only once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from domain.errors import DomainError
from domain.meetings import meetings_of
from domain.meetings.logged import (
    IN_THE_FUTURE,
    LOGGED_TITLE,
    NOT_A_MEMBER,
    NOT_MATCHED,
    HeldMeeting,
    checked_duration,
    held_refusal,
)
from domain.model import (
    Meeting,
    MeetingStatus,
    Member,
    OutboxKind,
    Relationship,
    RelationshipStatus,
)
from domain.programme import ProgrammeLists
from domain.reminders.kinds.meetings import remind_meetings
from domain.workflows import log_meeting
from tests.support import seed
from tests.support.concurrency import at_once
from tests.support.seed import actor, dms

NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
# The fixtures' pair was matched on 1 November (seed.WHEN).
HELD = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


def log(session: Session, runner: Member, partner: str = "UALICE", *, execution: str = "Fx1",
        team_id: str = "T1", starts_at: datetime = HELD, duration: int | None = None,
        notes: str = "") -> bool:
    return log_meeting(session, team_id=team_id, runner=runner.slack_user_id,
                       held=HeldMeeting(partner, starts_at, duration, notes),
                       execution_id=execution, now=NOW)


def meetings(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Meeting)) or 0


# The rules, alone ---------------------------------------------------------------------------

def test_a_meeting_still_to_start_or_from_before_the_match_is_refused() -> None:
    matched = datetime(2026, 11, 1, tzinfo=UTC)
    assert held_refusal(NOW, matched, NOW) is None  # starting right now took place
    assert held_refusal(NOW + timedelta(minutes=1), matched, NOW) == IN_THE_FUTURE
    assert "before you were matched" in (held_refusal(matched - timedelta(days=1), matched,
                                                      NOW) or "")


def test_a_duration_is_one_the_meetings_form_offers_and_an_hour_when_left_out() -> None:
    assert checked_duration(None) == 60
    assert checked_duration(90) == 90
    for odd in (0, -30, 20, 481, 10_000):
        with pytest.raises(DomainError, match="durations the meetings form offers"):
            checked_duration(odd)


# Logging ------------------------------------------------------------------------------------

def test_the_mentor_logs_a_held_meeting_with_notes_that_both_see_and_the_mentee_is_told(
    session: Session, john: Member, alice: Member, pair: Relationship
) -> None:
    assert log(session, john, duration=45, notes="  We mapped <!here> her goals.  ") is True
    listing = meetings_of(session, actor=actor(alice), relationship_id=pair.id, now=NOW)
    assert listing.upcoming == []
    (meeting,) = listing.recent
    assert (meeting.title, meeting.starts_at, meeting.duration_minutes) == (
        LOGGED_TITLE, HELD, 45)
    assert meeting.notes == "We mapped <!here> her goals."  # escaped where it is shown
    assert meeting.created_by_id == john.id and meeting.status == MeetingStatus.SCHEDULED
    (told,) = dms(session, OutboxKind.MEETING_LOGGED)
    assert told.recipient_user_id == "UALICE"
    assert told.payload["partner"]["name"] == "John Smith"
    assert told.payload["notes"] == "We mapped <!here> her goals."
    assert told.payload["relationship_id"] == pair.id


def test_the_mentee_may_log_too_and_without_notes_the_meeting_lasts_an_hour(
    session: Session, john: Member, alice: Member, pair: Relationship
) -> None:
    assert log(session, alice, "UJOHN") is True
    (meeting,) = meetings_of(session, actor=actor(john), relationship_id=pair.id,
                             now=NOW).recent
    assert (meeting.duration_minutes, meeting.notes, meeting.notes_updated_at) == (60, "", None)
    assert [m.recipient_user_id for m in dms(session, OutboxKind.MEETING_LOGGED)] == ["UJOHN"]


def test_a_retry_of_the_same_execution_logs_one_meeting_and_tells_once(
    session: Session, john: Member, pair: Relationship
) -> None:
    assert log(session, john, notes="First.") is True
    assert log(session, john, notes="First.") is True  # the same answer as the first
    assert meetings(session) == 1
    assert len(dms(session, OutboxKind.MEETING_LOGGED)) == 1


def test_the_same_meeting_logged_again_by_either_side_adds_nothing(
    session: Session, john: Member, alice: Member, pair: Relationship
) -> None:
    assert log(session, john, execution="Fx1") is True
    assert log(session, john, execution="Fx2", notes="Again.") is False
    assert log(session, alice, "UJOHN", execution="Fx3") is False
    assert meetings(session) == 1
    assert len(dms(session, OutboxKind.MEETING_LOGGED)) == 1
    assert log(session, john, execution="Fx4", starts_at=HELD + timedelta(days=1)) is True


def test_the_same_meeting_logged_three_times_at_once_is_stored_once(
    sessions: sessionmaker[Session]
) -> None:
    with sessions.begin() as session:
        john, _, _ = seed.pair_of(session, seed.programme(session))
        runner = john.slack_user_id

    def logs(execution: str) -> bool:
        with sessions.begin() as session:
            return log_meeting(session, team_id="T1", runner=runner,
                               held=HeldMeeting("UALICE", HELD), execution_id=execution,
                               now=NOW)

    assert sorted(at_once(logs, ["Fx1", "Fx2", "Fx3"]), key=str) == [False, False, True]
    with sessions() as session:
        assert meetings(session) == 1
        assert len(dms(session, OutboxKind.MEETING_LOGGED)) == 1


@pytest.mark.parametrize(("starts_at", "says"), [
    (NOW + timedelta(hours=1), IN_THE_FUTURE),
    (datetime(2026, 10, 30, 10, 0, tzinfo=UTC), "before you were matched"),
])
def test_a_meeting_to_come_or_from_before_the_match_is_refused(
    session: Session, john: Member, pair: Relationship, starts_at: datetime, says: str
) -> None:
    with pytest.raises(DomainError, match=says):
        log(session, john, starts_at=starts_at)
    assert meetings(session) == 0 and dms(session) == []


def test_notes_longer_than_the_notes_form_allows_or_an_odd_duration_are_refused(
    session: Session, john: Member, pair: Relationship
) -> None:
    with pytest.raises(DomainError, match="2500 characters"):
        log(session, john, notes="x" * 2501)
    with pytest.raises(DomainError, match="durations the meetings form offers"):
        log(session, john, duration=50)
    assert meetings(session) == 0 and dms(session) == []


def test_someone_outside_the_pair_may_log_nothing_for_it(
    session: Session, lists: ProgrammeLists, john: Member, alice: Member, pair: Relationship
) -> None:
    carol = seed.mentee(session, lists, "UCAROL", areas=[1], name="Carol Diaz")
    for runner, partner in ((carol, "UALICE"), (carol, "UJOHN"), (john, "UCAROL"),
                            (john, "UJOHN"), (john, "UNOBODY")):
        with pytest.raises(DomainError) as refused:
            log(session, runner, partner)
        assert refused.value.message == NOT_MATCHED
    assert meetings(session) == 0 and dms(session) == []


def test_someone_not_in_the_programme_or_in_another_workspace_is_refused(
    session: Session, lists: ProgrammeLists, john: Member, alice: Member, pair: Relationship
) -> None:
    stranger = Member(team_id="T1", slack_user_id="USTRANGER", name="Stranger")
    with pytest.raises(DomainError) as refused:
        log(session, stranger)
    assert refused.value.message == NOT_A_MEMBER
    # John and Alice are a pair in T1; the same ids in a workflow of T2 are nobody there.
    with pytest.raises(DomainError) as elsewhere:
        log(session, john, team_id="T2")
    assert elsewhere.value.message == NOT_A_MEMBER
    assert meetings(session) == 0 and dms(session) == []


def test_a_pair_no_longer_together_cannot_log_a_meeting(
    session: Session, john: Member, alice: Member, pair: Relationship
) -> None:
    pair.status = RelationshipStatus.COMPLETED
    session.flush()
    with pytest.raises(DomainError) as refused:
        log(session, john)
    assert refused.value.message == NOT_MATCHED


def test_a_meeting_logged_after_it_ended_brings_no_prompt_to_write_its_notes(
    session: Session, john: Member, alice: Member, pair: Relationship
) -> None:
    log(session, john, starts_at=NOW - timedelta(hours=2))
    remind_meetings(session, now=NOW + timedelta(minutes=5))
    assert dms(session, OutboxKind.MEETING_FOLLOW_UP) == []
