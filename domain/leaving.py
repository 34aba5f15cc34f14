"""Leaving the programme: cancelling one's account, or leaving the Slack workspace.

Both withdraw the member first, through the paths each step already has (requests withdrawn
or answered kindly, relationships ended with partners told, meetings ahead called off with a
cancelling .ics), then erase their personal data (domain/personal_data/erasure.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from domain.admin.alerts.cards import alert_member_left
from domain.capacity import locked_profile
from domain.loading import PROPOSAL
from domain.members import Actor, find_member, require_member
from domain.model import (
    ConversationMessage,
    DiaryEntry,
    Goal,
    Meeting,
    MeetingStatus,
    Member,
    Proposal,
    ProposalStatus,
    Worksheet,
)
from domain.people import partner_of
from domain.personal_data.erasure import erase_member
from domain.proposals.answers import close_when_unavailable
from domain.proposals.requests import withdraw_proposal
from domain.relationships import relationships_of, withdraw_from_relationship

# What the partner's "relationship ended" DM gives as the reason.
LEFT_REASON = "They have left the mentoring programme."


@dataclass(frozen=True)
class Partner:
    """Someone the leaver works with now, and which side of the pair they are."""

    name: str
    is_mentor: bool


@dataclass(frozen=True)
class Leaving:
    """What cancelling this member's account does, person by person, for the confirmation."""

    requests_sent_to: tuple[str, ...]
    requests_received_from: tuple[str, ...]
    partners: tuple[Partner, ...]
    meetings_ahead: int
    diary_entries: int
    worksheets: int
    goals: int
    messages: int
    was_mentor: bool = False


def what_leaving_does(session: Session, *, actor: Actor, now: datetime) -> Leaving:
    """What cancelling the actor's account would do now (NotRegistered for a newcomer)."""
    return _leaving_of(session, require_member(session, actor=actor), now)


def _leaving_of(session: Session, member: Member, now: datetime) -> Leaving:
    pending = session.scalars(select(Proposal).where(
        or_(Proposal.mentee_id == member.id, Proposal.mentor_id == member.id),
        Proposal.status == ProposalStatus.PENDING).options(*PROPOSAL)
        .order_by(Proposal.created_at)).unique().all()
    pairs = relationships_of(session, member=member)
    partners = tuple(Partner(partner_of(r, member.id).name, r.mentor_id != member.id)
                     for r in pairs)
    ahead = session.scalar(select(func.count()).select_from(Meeting).where(
        Meeting.relationship_id.in_([r.id for r in pairs]),
        Meeting.status == MeetingStatus.SCHEDULED, Meeting.starts_at > now)) if pairs else 0

    def mine(model: type, author: object) -> int:
        return int(session.scalar(select(func.count()).select_from(model)
                                  .where(author == member.id)) or 0)

    return Leaving(
        requests_sent_to=tuple(p.mentor.name for p in pending if p.mentee_id == member.id),
        requests_received_from=tuple(p.mentee.name for p in pending if p.mentor_id == member.id),
        partners=partners, meetings_ahead=int(ahead or 0),
        diary_entries=mine(DiaryEntry, DiaryEntry.author_id),
        worksheets=mine(Worksheet, Worksheet.author_id), goals=mine(Goal, Goal.author_id),
        messages=mine(ConversationMessage, ConversationMessage.author_id),
        was_mentor=member.is_mentor)


def cancel_account(session: Session, *, actor: Actor, now: datetime) -> Leaving | None:
    """Withdraw the actor from the programme and erase their personal data; what it did.

    None when there is nothing to do: a second click, a retry, or someone not registered."""
    member = find_member(session, actor=actor)
    if member is None:
        return None
    done = _leaving_of(session, member, now)
    withdraw_member(session, actor=actor, member=member, now=now)
    erase_member(session, member_id=member.id, now=now)
    return done


def leave_workspace(session: Session, *, actor: Actor, now: datetime) -> Leaving | None:
    """A member deactivated in Slack: withdrawn and erased as if they had cancelled, and the
    admins told by a card that names nobody. None when they were no member."""
    member = find_member(session, actor=actor)
    if member is None:
        return None
    done = _leaving_of(session, member, now)
    withdraw_member(session, actor=actor, member=member, now=now)
    alert_member_left(session, team_id=actor.team_id, member_id=member.id,
                      mentees=sum(not p.is_mentor for p in done.partners),
                      mentors=sum(p.is_mentor for p in done.partners),
                      partners=[p.name for p in done.partners], now=now)
    erase_member(session, member_id=member.id, now=now)
    return done


def withdraw_member(session: Session, *, actor: Actor, member: Member, now: datetime) -> None:
    """Every open request withdrawn or answered, every relationship ended, partners told."""
    for proposal_id in session.scalars(select(Proposal.id).where(
            Proposal.mentee_id == member.id, Proposal.status == ProposalStatus.PENDING)):
        withdraw_proposal(session, actor=actor, proposal_id=proposal_id, now=now)
    profile = locked_profile(session, mentor_id=member.id)
    if profile is not None:
        # Closed as a pause is: each mentee waiting is told kindly and shown other mentors.
        profile.open_to_requests, profile.updated_at = False, now
        session.flush()
        close_when_unavailable(session, mentor_id=member.id, now=now)
    for relationship in relationships_of(session, member=member):
        withdraw_from_relationship(session, actor=actor, relationship_id=relationship.id,
                                   reason=LEFT_REASON, now=now)
    session.flush()
