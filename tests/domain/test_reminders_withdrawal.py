"""A reminder still waiting in the outbox is withdrawn when its subject changes first (a
meeting moved or cancelled, a request answered, a survey answered), and only then."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.model import (
    Feedback,
    Meeting,
    MeetingStatus,
    Member,
    OutboxMessage,
    OutboxStatus,
    Relationship,
    RelationshipStatus,
)
from domain.programme import ProgrammeLists
from domain.proposals import ProposalAnswers, accept_proposal, propose_mentorship
from domain.reminders.kinds.feedback import remind_feedback
from domain.reminders.kinds.meetings import remind_meetings
from domain.reminders.kinds.proposals import remind_proposals
from tests.support import seed
from tests.support.statements import counting

MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def _statuses(session: Session, kind: str) -> list[OutboxStatus]:
    return [dm.status for dm in seed.dms(session, kind)]


def _meeting(session: Session, pair: Relationship, alice: Member) -> Meeting:
    meeting = Meeting(team_id="T1", relationship_id=pair.id, created_by_id=alice.id,
                      uid="withdrawal-test", title="Kick-off chat", duration_minutes=60,
                      starts_at=MONDAY + timedelta(hours=23), status=MeetingStatus.SCHEDULED,
                      created_at=MONDAY - timedelta(days=2),
                      updated_at=MONDAY - timedelta(days=2))
    session.add(meeting)
    session.flush()
    return meeting


def test_a_moved_meetings_waiting_reminders_are_withdrawn_and_the_new_time_reminded(
        session: Session, pair: Relationship, alice: Member) -> None:
    meeting = _meeting(session, pair, alice)
    assert remind_meetings(session, now=MONDAY) == 2
    meeting.starts_at += timedelta(days=2)
    meeting.updated_at = MONDAY
    session.flush()
    assert _statuses(session, "meeting_reminder") == [OutboxStatus.WITHDRAWN] * 2
    assert remind_meetings(session, now=MONDAY + timedelta(days=2)) == 2  # its new day ahead
    assert _statuses(session, "meeting_reminder")[2:] == [OutboxStatus.PENDING] * 2


def test_a_cancelled_meeting_withdraws_its_reminders_but_a_new_title_does_not(
        session: Session, pair: Relationship, alice: Member) -> None:
    meeting = _meeting(session, pair, alice)
    remind_meetings(session, now=MONDAY)
    meeting.title = "Kick-off"
    session.flush()
    assert _statuses(session, "meeting_reminder") == [OutboxStatus.PENDING] * 2
    meeting.status = MeetingStatus.CANCELLED
    session.flush()
    assert _statuses(session, "meeting_reminder") == [OutboxStatus.WITHDRAWN] * 2


def test_an_answered_request_is_not_chased_by_a_reminder_already_queued(
        session: Session, lists: ProgrammeLists, john: Member) -> None:
    carol = seed.mentee(session, lists, "UCAROL", areas=[1], name="Carol Diaz")
    proposal = propose_mentorship(session, actor=seed.actor(carol), mentor_id=john.id,
                                  answers=ProposalAnswers(lists.areas[1].id, "Please."),
                                  now=MONDAY - timedelta(days=3))
    assert remind_proposals(session, now=MONDAY) == 1
    accept_proposal(session, actor=seed.actor(john), proposal_id=proposal.id, now=MONDAY)
    assert _statuses(session, "proposal_reminder") == [OutboxStatus.WITHDRAWN]
    assert _statuses(session, "proposal_accepted") == [OutboxStatus.PENDING]


def test_a_survey_answered_withdraws_only_that_sides_reminder(
        session: Session, pair: Relationship, alice: Member, john: Member) -> None:
    pair.status, pair.ended_at = RelationshipStatus.COMPLETED, MONDAY - timedelta(days=2)
    session.flush()
    assert remind_feedback(session, now=MONDAY) == 2
    session.add(Feedback(team_id="T1", relationship_id=pair.id, author_id=alice.id, rating=5,
                         goals_met="fully", would_recommend=True, submitted_at=MONDAY))
    session.flush()
    waiting = {dm.recipient_user_id: dm.status for dm in seed.dms(session, "feedback_chase")}
    assert waiting == {"UALICE": OutboxStatus.WITHDRAWN, "UJOHN": OutboxStatus.PENDING}


def test_a_flush_that_outdates_nothing_sends_no_statement_for_it(
        session: Session, pair: Relationship, alice: Member) -> None:
    meeting = _meeting(session, pair, alice)
    meeting.notes = "We met."
    with counting(session.get_bind()) as statements:
        session.flush()
    assert not any("outbox" in sent for sent in statements.sent), str(statements)
    assert session.scalars(select(OutboxMessage)).all() == []
