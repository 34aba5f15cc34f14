"""The mentor's answers to a request, and what happens to requests nobody answers."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain import outbox
from domain import permissions as may
from domain.admin.alerts.cards import alert_proposal_expired
from domain.capacity import active_mentees_of, locked_profile, take_place
from domain.errors import DomainError, NotAllowed
from domain.lifecycle import next_proposal_status
from domain.loading import PROPOSAL_APART, relock
from domain.matching import SearchCriteria
from domain.members import Actor
from domain.model import Member, OutboxKind, Proposal, ProposalStatus, Relationship
from domain.people import person
from domain.programme import ensure_programme, nudging
from domain.proposals.requests import (
    active_mentors,
    card_payload,
    proposal_and_side,
    record_change,
    tell,
)
from domain.search import top_matches
from domain.text import one_text

MAX_NOTE = 500
# Reminders to the mentor: half way through the window, then two days before it closes.
LAST_REMINDER_BEFORE = timedelta(days=2)


class MentorAtCapacity(DomainError):
    """The mentor has as many mentees as they said they can take."""


def _as_its_mentor(session: Session, actor: Actor, proposal_id: int) -> Proposal:
    """The proposal, if the actor is the mentor it was sent to."""
    proposal, me = proposal_and_side(session, actor=actor, proposal_id=proposal_id)
    if not may.may_answer_proposal(proposal, me):
        raise NotAllowed("Only the mentor this request was sent to can answer it.")
    return proposal


def _answerable(session: Session, actor: Actor, proposal_id: int) -> Proposal:
    """The proposal, locked for this transaction, if the actor is its mentor."""
    proposal = _as_its_mentor(session, actor, proposal_id)
    # Re-read under a row lock: two clicks or two servers answer one after the other.
    return relock(session, proposal)


def accept_proposal(session: Session, *, actor: Actor, proposal_id: int, now: datetime
                    ) -> Relationship:
    """Accept a request: the pair's relationship starts and both are told. Idempotent."""
    proposal = _answerable(session, actor, proposal_id)
    if proposal.status == ProposalStatus.ACCEPTED:
        relationship = session.scalars(
            select(Relationship).where(Relationship.proposal_id == proposal.id)).one()
        return relationship
    next_proposal_status(proposal.status, "accept")
    _check_room(session, proposal)
    relationship = start_relationship(session, mentee=proposal.mentee, mentor=proposal.mentor,
                                      proposal=proposal, now=now)
    tell(session, proposal=proposal, kind=OutboxKind.PROPOSAL_ACCEPTED, whom=proposal.mentee,
         now=now)
    _close_others_when_full(session, relationship, now)
    return relationship


def start_relationship(session: Session, *, mentee: Member, mentor: Member,
                       proposal: Proposal | None, now: datetime) -> Relationship:
    """Start the pair's relationship and take one of the mentor's places; the proposal it
    answers, if any, becomes accepted. The caller has checked the room under the row lock."""
    relationship = Relationship(team_id=mentee.team_id, mentee=mentee, mentor=mentor,
                                proposal=proposal, status="active", started_at=now)
    session.add(relationship)
    take_place(session, mentor_id=mentor.id)
    if proposal is not None:
        proposal.status, proposal.answered_at = ProposalStatus.ACCEPTED, now
        record_change(session, proposal=proposal, now=now)
    return relationship


def close_others_when_full(session: Session, *, relationship: Relationship,
                           now: datetime) -> None:
    """Once the mentee has all the mentors allowed, their other waiting requests close."""
    _close_others_when_full(session, relationship, now)


def _check_room(session: Session, proposal: Proposal) -> None:
    """Refuse when the mentor is paused or full, counted under a lock on their profile."""
    profile = locked_profile(session, mentor_id=proposal.mentor_id)
    assert profile is not None  # a proposal is only ever sent to a mentor with a profile
    if not profile.open_to_requests:
        raise MentorAtCapacity("You have paused new requests. Re-open them in your profile "
                               "(Home → Edit profile) to accept this one.")
    if profile.spare_capacity <= 0:
        taken = active_mentees_of(profile)
        raise MentorAtCapacity(
            f"You already mentor {taken} of the {profile.capacity} mentees you can take. "
            "Raise your capacity in your profile, or decline with a note.")
    limit = ensure_programme(session, team_id=proposal.team_id,
                             now=proposal.updated_at).max_active_mentors
    if active_mentors(session, mentee_id=proposal.mentee_id) >= limit:
        raise DomainError(f"{proposal.mentee.name} already has a mentor, so this request "
                          "can't be accepted.")


def _close_others_when_full(session: Session, started: Relationship, now: datetime) -> None:
    limit = ensure_programme(session, team_id=started.team_id, now=now).max_active_mentors
    if active_mentors(session, mentee_id=started.mentee_id) < limit:
        return
    others = session.scalars(select(Proposal).where(
        Proposal.mentee_id == started.mentee_id, Proposal.status == ProposalStatus.PENDING,
        Proposal.id != (started.proposal_id or 0)).with_for_update()
        .options(*PROPOSAL_APART)).all()
    for other in others:
        other.status = next_proposal_status(other.status, "withdraw")
        other.answer_note = f"{started.mentee.name} has been matched with another mentor."
        record_change(session, proposal=other, now=now)
        tell(session, proposal=other, kind=OutboxKind.PROPOSAL_CLOSED, whom=other.mentor, now=now)


def proposal_to_decline(session: Session, *, actor: Actor, proposal_id: int) -> Proposal:
    """A waiting request the actor may decline, for the decline form."""
    proposal = _as_its_mentor(session, actor, proposal_id)
    next_proposal_status(proposal.status, "decline")
    return proposal


def decline_proposal(session: Session, *, actor: Actor, proposal_id: int, note: str,
                     now: datetime) -> Proposal:
    """Decline a request with an optional note; the mentee is told and offered alternatives."""
    note = one_text("note", note, label="note", max_length=MAX_NOTE)
    proposal = _answerable(session, actor, proposal_id)
    proposal.status = next_proposal_status(proposal.status, "decline")
    proposal.answered_at, proposal.answer_note = now, note
    record_change(session, proposal=proposal, now=now)
    tell(session, proposal=proposal, kind=OutboxKind.PROPOSAL_DECLINED, whom=proposal.mentee,
         now=now, alternatives=alternatives_for(session, mentee=proposal.mentee,
                                                exclude=proposal.mentor_id))
    return proposal


def alternatives_for(session: Session, *, mentee: Member, exclude: int | None = None,
                     limit: int = 3) -> list[dict[str, Any]]:
    """The mentee's next best matches by their own profile, as DM snapshots."""
    needs = mentee.mentee_profile
    criteria = SearchCriteria(
        area_ids=tuple(a.id for a in needs.areas) if needs else (),
        role_id=needs.preferred_role_id if needs else None,
        community_id=needs.preferred_community_id if needs else None)
    matches = top_matches(session, team_id=mentee.team_id, searcher_id=mentee.id,
                          criteria=criteria, limit=limit + 1)
    return [person(m.mentor) for m in matches if m.mentor.id != exclude][:limit]


def expire_unanswered(session: Session, *, now: datetime, limit: int = 100) -> int:
    """Close requests past their expiry date; the mentee is told and offered alternatives."""
    due = session.scalars(select(Proposal).where(
        Proposal.status == ProposalStatus.PENDING, Proposal.expires_at <= now)
        .order_by(Proposal.expires_at).limit(limit).with_for_update(skip_locked=True)
        .options(*PROPOSAL_APART)).all()
    for proposal in due:
        proposal.status = next_proposal_status(proposal.status, "expire")
        record_change(session, proposal=proposal, now=now)
        tell(session, proposal=proposal, kind=OutboxKind.PROPOSAL_EXPIRED, whom=proposal.mentee,
             now=now, alternatives=alternatives_for(session, mentee=proposal.mentee,
                                                    exclude=proposal.mentor_id))
        alert_proposal_expired(session, proposal=proposal, now=now)  # the admins' card
    return len(due)


def chase_unanswered(session: Session, *, now: datetime, limit: int = 100) -> int:
    """Remind mentors of waiting requests: half way through the window, and near its end."""
    waiting = session.scalars(select(Proposal).where(
        Proposal.status == ProposalStatus.PENDING, Proposal.reminders_sent < 2,
        nudging(Proposal.team_id))
        .order_by(Proposal.created_at).limit(limit).with_for_update(skip_locked=True)
        .options(*PROPOSAL_APART)).all()
    sent = 0
    for proposal in waiting:
        window = proposal.expires_at - proposal.created_at
        due = [proposal.created_at + window / 2, proposal.expires_at - LAST_REMINDER_BEFORE]
        if proposal.reminders_sent < len(due) and now >= due[proposal.reminders_sent]:
            proposal.reminders_sent = sum(1 for moment in due if now >= moment)
            outbox.enqueue(session, team_id=proposal.team_id,
                           recipient=proposal.mentor.slack_user_id,
                           kind=OutboxKind.PROPOSAL_REMINDER,
                           dedupe_key=f"proposal:{proposal.id}:reminder:{proposal.reminders_sent}",
                           payload=_reminder_payload(proposal, now), now=now)
            sent += 1
    return sent


def _reminder_payload(proposal: Proposal, now: datetime) -> dict[str, Any]:
    days_left = max((proposal.expires_at - now).days, 0)
    return {**card_payload(proposal), "days_left": days_left}
