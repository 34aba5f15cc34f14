"""The rules of who may do what, one at a time, on objects in memory."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from domain import permissions as may
from domain.model import DiaryEntry, Goal, Meeting, Member, Proposal, Relationship, Worksheet
from domain.model.states import MeetingStatus, ProposalStatus, RelationshipStatus

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
MENTEE, MENTOR, STRANGER = (Member(id=i, team_id="T1") for i in (1, 2, 3))


def pair(status: RelationshipStatus = RelationshipStatus.ACTIVE) -> Relationship:
    return Relationship(id=7, team_id="T1", mentee_id=MENTEE.id, mentor_id=MENTOR.id,
                        status=status)


def meeting(starts_in: timedelta, status: MeetingStatus = MeetingStatus.SCHEDULED,
            relationship: Relationship | None = None) -> Meeting:
    return Meeting(id=5, team_id="T1", pair=relationship or pair(), starts_at=NOW + starts_in,
                   status=status)


def test_only_the_author_changes_a_goal_or_a_worksheet() -> None:
    goal = Goal(author_id=MENTEE.id)
    sheet = Worksheet(author_id=MENTOR.id)
    assert may.may_change_goal(goal, MENTEE)
    assert not may.may_change_goal(goal, MENTOR) and not may.may_change_goal(goal, STRANGER)
    assert may.may_change_worksheet(sheet, MENTOR) and not may.may_change_worksheet(sheet, MENTEE)


def test_a_diary_entry_is_its_authors_alone_in_their_own_workspace() -> None:
    entry = DiaryEntry(author_id=MENTEE.id, team_id="T1")
    assert may.may_read_diary_entry(entry, MENTEE)
    assert not may.may_read_diary_entry(entry, MENTOR)
    assert not may.may_read_diary_entry(DiaryEntry(author_id=MENTEE.id, team_id="T2"), MENTEE)


@pytest.mark.parametrize(("starts_in", "status", "pair_status", "change", "notes"), [
    (timedelta(hours=1), MeetingStatus.SCHEDULED, RelationshipStatus.ACTIVE, True, False),
    (timedelta(0), MeetingStatus.SCHEDULED, RelationshipStatus.ACTIVE, False, True),
    (-timedelta(days=1), MeetingStatus.SCHEDULED, RelationshipStatus.ACTIVE, False, True),
    (timedelta(hours=1), MeetingStatus.CANCELLED, RelationshipStatus.ACTIVE, False, False),
    (-timedelta(days=1), MeetingStatus.CANCELLED, RelationshipStatus.ACTIVE, False, False),
    (timedelta(hours=1), MeetingStatus.SCHEDULED, RelationshipStatus.WITHDRAWN, False, False),
    (-timedelta(days=1), MeetingStatus.SCHEDULED, RelationshipStatus.COMPLETED, False, False),
])
def test_a_meeting_changes_until_it_starts_and_takes_notes_after(
    starts_in: timedelta, status: MeetingStatus, pair_status: RelationshipStatus,
    change: bool, notes: bool,
) -> None:
    held = meeting(starts_in, status, pair(pair_status))
    for side in (MENTEE, MENTOR):
        assert may.may_change_meeting(held, side, NOW) is change
        assert may.may_write_meeting_notes(held, side, NOW) is notes
    assert not may.may_change_meeting(held, STRANGER, NOW)
    assert not may.may_write_meeting_notes(held, STRANGER, NOW)


def test_the_mentor_answers_a_request_and_the_mentee_changes_it() -> None:
    request = Proposal(mentee_id=MENTEE.id, mentor_id=MENTOR.id,
                       status=ProposalStatus.PENDING, expires_at=NOW + timedelta(days=3))
    assert may.may_answer_proposal(request, MENTOR) and not may.may_answer_proposal(request, MENTEE)
    assert may.may_change_proposal(request, MENTEE) and not may.may_change_proposal(request, MENTOR)
    assert not may.may_answer_proposal(request, STRANGER)
    assert not may.may_change_proposal(request, STRANGER)


def test_a_withdrawn_request_comes_back_only_inside_its_window() -> None:
    withdrawn = Proposal(mentee_id=MENTEE.id, mentor_id=MENTOR.id,
                         status=ProposalStatus.WITHDRAWN, expires_at=NOW + timedelta(days=1))
    assert may.may_reinstate_proposal(withdrawn, MENTEE, NOW)
    assert not may.may_reinstate_proposal(withdrawn, MENTOR, NOW)
    assert not may.may_reinstate_proposal(withdrawn, MENTEE, NOW + timedelta(days=2))
    pending = Proposal(mentee_id=MENTEE.id, mentor_id=MENTOR.id,
                       status=ProposalStatus.PENDING, expires_at=NOW + timedelta(days=1))
    assert not may.may_reinstate_proposal(pending, MENTEE, NOW)


def test_only_the_mentor_completes_and_both_are_sides_of_the_pair() -> None:
    relationship = pair()
    assert may.may_complete_relationship(relationship, MENTOR)
    assert not may.may_complete_relationship(relationship, MENTEE)
    assert may.is_side_of(relationship, MENTEE) and may.is_side_of(relationship, MENTOR)
    assert not may.is_side_of(relationship, STRANGER)
