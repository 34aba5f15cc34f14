"""Who may do what with an object: one small rule per action, each a pure function.

Use cases ask these before they change anything and refuse with a user-safe message; the
lookups hand the answers on with the object, so blocks draw only the buttons a person may
use and handlers never compare ids. Who an object belongs to at all (the same workspace, one
side of the pair) is checked first, by `domain.people.participant_in`.
"""

from __future__ import annotations

from datetime import datetime

from domain.model import (
    DiaryEntry,
    Goal,
    Meeting,
    MeetingStatus,
    Member,
    Proposal,
    ProposalStatus,
    Relationship,
    RelationshipStatus,
    Worksheet,
)


def is_side_of(relationship: Relationship, member: Member) -> bool:
    """The member is the mentee or the mentor of the relationship."""
    return member.id in (relationship.mentee_id, relationship.mentor_id)


def is_mentor_of(relationship: Relationship, member: Member) -> bool:
    """The member is the relationship's mentor."""
    return relationship.mentor_id == member.id


def may_change_goal(goal: Goal, member: Member) -> bool:
    """Only a goal's author edits, completes, reopens, deletes it or records its milestones."""
    return goal.author_id == member.id


def may_change_worksheet(sheet: Worksheet, member: Member) -> bool:
    """Only a worksheet's author changes or deletes it; the partner reads it."""
    return sheet.author_id == member.id


def may_read_diary_entry(entry: DiaryEntry, member: Member) -> bool:
    """A diary entry is its author's alone: nobody else reads, changes or exports it."""
    return entry.author_id == member.id and entry.team_id == member.team_id


def may_change_meeting(meeting: Meeting, member: Member, now: datetime) -> bool:
    """Either side of an active pair may edit or cancel a meeting until it starts."""
    return (is_side_of(meeting.pair, member)
            and meeting.pair.status == RelationshipStatus.ACTIVE
            and meeting.status == MeetingStatus.SCHEDULED and meeting.starts_at > now)


def may_write_meeting_notes(meeting: Meeting, member: Member, now: datetime) -> bool:
    """Either side of an active pair may write a meeting's notes once it has started."""
    return (is_side_of(meeting.pair, member)
            and meeting.pair.status == RelationshipStatus.ACTIVE
            and meeting.status != MeetingStatus.CANCELLED and meeting.starts_at <= now)


def may_answer_proposal(proposal: Proposal, member: Member) -> bool:
    """Only the mentor a request was sent to accepts or declines it."""
    return proposal.mentor_id == member.id


def may_change_proposal(proposal: Proposal, member: Member) -> bool:
    """Only the mentee who sent a request edits, withdraws or reinstates it."""
    return proposal.mentee_id == member.id


def may_reinstate_proposal(proposal: Proposal, member: Member, now: datetime) -> bool:
    """Its mentee may reinstate a withdrawn request while its window is still open."""
    return (may_change_proposal(proposal, member)
            and proposal.status == ProposalStatus.WITHDRAWN and proposal.expires_at > now)


def may_complete_relationship(relationship: Relationship, member: Member) -> bool:
    """The mentor marks the relationship complete; the mentee may only ask for it."""
    return is_mentor_of(relationship, member)
