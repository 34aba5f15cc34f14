"""Who may do what with an object: one small rule per action, each a pure function.

Use cases ask these before they change anything and refuse with a user-safe message; the
lookups hand the answers on with the object, so blocks draw only the buttons a person may
use and handlers never compare ids. Who an object belongs to at all (the same workspace, one
side of the pair) is checked first, by `domain.people.participant_in`.
"""

from __future__ import annotations

from datetime import datetime

from domain.lifecycle import RELATIONSHIP_NOW
from domain.model import DiaryEntry, Goal, Meeting, Member, Proposal, Relationship, Worksheet
from domain.model.states import MeetingStatus, ProposalStatus, RelationshipStatus


def is_side_of(pair: Relationship | Proposal, member: Member) -> bool:
    """The member is the mentee or the mentor of the relationship (or of the request)."""
    return member.id in (pair.mentee_id, pair.mentor_id)


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


def meetings_closed_refusal(relationship: Relationship) -> str | None:
    """Why the pair's meetings can no longer be arranged or changed; None while it is active."""
    status = relationship.status
    if status == RelationshipStatus.ACTIVE:
        return None
    return (f"This mentoring relationship {RELATIONSHIP_NOW.get(status, status)}, so its "
            "meetings can't be changed.")


def _meeting_refusal(meeting: Meeting, member: Member) -> str | None:
    if not is_side_of(meeting.pair, member):
        return "Sorry, that meeting isn't yours."
    return meetings_closed_refusal(meeting.pair) or (
        "This meeting was cancelled." if meeting.status == MeetingStatus.CANCELLED else None)


def meeting_change_refusal(meeting: Meeting, member: Member, now: datetime) -> str | None:
    """Why the member may not edit or cancel the meeting now; None when they may."""
    if meeting.starts_at <= now:
        return _meeting_refusal(meeting, member) or (
            "This meeting has already started; you can add notes to it instead.")
    return _meeting_refusal(meeting, member)


def meeting_notes_refusal(meeting: Meeting, member: Member, now: datetime) -> str | None:
    """Why the member may not write the meeting's notes now; None when they may."""
    if meeting.starts_at > now:
        return _meeting_refusal(meeting, member) or (
            "You can add notes once the meeting has started.")
    return _meeting_refusal(meeting, member)


def may_change_meeting(meeting: Meeting, member: Member, now: datetime) -> bool:
    """Either side of an active pair may edit or cancel a meeting until it starts."""
    return meeting_change_refusal(meeting, member, now) is None


def may_write_meeting_notes(meeting: Meeting, member: Member, now: datetime) -> bool:
    """Either side of an active pair may write a meeting's notes once it has started."""
    return meeting_notes_refusal(meeting, member, now) is None


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
