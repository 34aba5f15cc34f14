"""The mentor's answers to a request, and what happens to requests nobody answers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain import permissions as may
from domain.admin.alerts.cards import alert_proposal_expired
from domain.capacity import active_mentees_of, locked_profile, take_place
from domain.errors import DomainError, NotAllowed
from domain.lifecycle import next_proposal_status
from domain.loading import PROPOSAL_APART, relock
from domain.matching import SearchCriteria
from domain.members import Actor
from domain.model import (
    Member,
    MentorProfile,
    OutboxKind,
    Proposal,
    ProposalStatus,
    Relationship,
)
from domain.people import person
from domain.programme import ensure_programme, sending
from domain.proposals.requests import (
    active_mentors,
    proposal_and_side,
    record_change,
    tell,
)
from domain.search import top_matches
from domain.text import one_text

MAX_NOTE = 500
# What the mentor's card says of a request closed because they became unavailable.
CLOSED_WHEN = {"paused": "Closed when you paused new requests.",
               "full": "Closed when all your places were taken."}


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


def _answerable_with_profile(session: Session, actor: Actor, proposal_id: int
                             ) -> tuple[Proposal, MentorProfile]:
    """The proposal and its mentor's profile, both locked, if the actor is its mentor.

    The profile first: every path that may close a mentor's waiting requests (an accept that
    takes the last place, a pause) locks in this order, so two of them never wait on each
    other's rows."""
    proposal = _as_its_mentor(session, actor, proposal_id)
    profile = locked_profile(session, mentor_id=proposal.mentor_id)
    assert profile is not None  # a proposal is only ever sent to a mentor with a profile
    return relock(session, proposal), profile


def accept_proposal(session: Session, *, actor: Actor, proposal_id: int, now: datetime
                    ) -> Relationship:
    """Accept a request: the pair's relationship starts and both are told. Idempotent."""
    proposal, profile = _answerable_with_profile(session, actor, proposal_id)
    if proposal.status == ProposalStatus.ACCEPTED:
        relationship = session.scalars(
            select(Relationship).where(Relationship.proposal_id == proposal.id)).one()
        return relationship
    next_proposal_status(proposal.status, "accept")
    _check_room(session, proposal, profile)
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
    close_when_unavailable(session, mentor_id=mentor.id, now=now)  # that was the last place?
    return relationship


def close_others_when_full(session: Session, *, relationship: Relationship,
                           now: datetime) -> None:
    """Once the mentee has all the mentors allowed, their other waiting requests close."""
    _close_others_when_full(session, relationship, now)


def _check_room(session: Session, proposal: Proposal, profile: MentorProfile) -> None:
    """Refuse when the mentor is paused or full, counted under a lock on their profile."""
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
    _decline(session, proposal, note, now)
    return proposal


def _decline(session: Session, proposal: Proposal, note: str, now: datetime) -> None:
    """The request declined; the mentee is told kindly and shown other mentors."""
    proposal.status = next_proposal_status(proposal.status, "decline")
    proposal.answered_at, proposal.answer_note = now, note
    record_change(session, proposal=proposal, now=now)
    tell(session, proposal=proposal, kind=OutboxKind.PROPOSAL_DECLINED, whom=proposal.mentee,
         now=now, alternatives=alternatives_for(session, mentee=proposal.mentee,
                                                exclude=proposal.mentor_id))


@dataclass(frozen=True)
class DeclinedAndPaused:
    """What "Decline and pause my requests" did, for the mentor's confirmation."""

    mentee_name: str
    others_closed: int


def decline_and_pause(session: Session, *, actor: Actor, proposal_id: int, now: datetime
                      ) -> DeclinedAndPaused:
    """Decline this request and pause the mentor's new requests in one step; their other
    waiting requests close kindly. A second click finds it done and changes nothing."""
    proposal, profile = _answerable_with_profile(session, actor, proposal_id)
    if proposal.status == ProposalStatus.PENDING:
        _decline(session, proposal, "", now)
    elif proposal.status != ProposalStatus.DECLINED:
        next_proposal_status(proposal.status, "decline")  # says why it can't be declined now
    closed = 0
    if profile.open_to_requests:
        profile.open_to_requests, profile.updated_at = False, now
        session.flush()
        closed = close_when_unavailable(session, mentor_id=proposal.mentor_id, now=now)
    return DeclinedAndPaused(proposal.mentee.name, closed)


def close_when_unavailable(session: Session, *, mentor_id: int, now: datetime) -> int:
    """Once a mentor pauses new requests, stops mentoring or has no place left, their waiting
    requests are answered at once, each mentee told kindly and shown other mentors; how many."""
    state = session.execute(select(
        MentorProfile.open_to_requests, MentorProfile.listed, MentorProfile.spare_capacity)
        .where(MentorProfile.member_id == mentor_id)).one_or_none()
    if state is None:
        return 0
    reason = ("paused" if not (state.open_to_requests and state.listed)
              else "full" if state.spare_capacity <= 0 else None)
    if reason is None:
        return 0
    waiting = session.scalars(select(Proposal).where(
        Proposal.mentor_id == mentor_id, Proposal.status == ProposalStatus.PENDING)
        .order_by(Proposal.created_at, Proposal.id).with_for_update()
        .options(*PROPOSAL_APART)).all()
    for proposal in waiting:
        proposal.status = next_proposal_status(proposal.status, "decline")
        proposal.answered_at, proposal.answer_note = now, CLOSED_WHEN[reason]
        record_change(session, proposal=proposal, now=now)
        tell(session, proposal=proposal, kind=OutboxKind.PROPOSAL_UNAVAILABLE,
             whom=proposal.mentee, now=now, note="", reason=reason,
             alternatives=alternatives_for(session, mentee=proposal.mentee, exclude=mentor_id))
    return len(waiting)


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


# Each expiry looks up the mentee's next best matches (a search of its own), so a tick takes
# at most this many, oldest first; a backlog goes over the next ticks, five minutes apart.
EXPIRED_PER_TICK = 40


def expire_unanswered(session: Session, *, now: datetime, limit: int = EXPIRED_PER_TICK) -> int:
    """Close requests past their expiry date; the mentee is told and offered alternatives."""
    due = session.scalars(select(Proposal).where(
        Proposal.status == ProposalStatus.PENDING, Proposal.expires_at <= now,
        sending(Proposal.team_id))  # kept open while the app is uninstalled: nobody is told
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
