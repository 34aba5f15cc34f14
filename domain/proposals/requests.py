"""Mentor requests: propose, edit, withdraw, reinstate; the mentor's answers live in answers.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from domain import outbox
from domain import permissions as may
from domain.errors import DomainError, InvalidInput, NotAllowed
from domain.lifecycle import next_proposal_status
from domain.loading import PROPOSAL_WITH_PROFILES
from domain.members import Actor, require_member
from domain.model import (
    ListItem,
    Member,
    OutboxKind,
    Proposal,
    ProposalStatus,
    Relationship,
    RelationshipStatus,
)
from domain.people import member_in_workspace, participant_in, person
from domain.programme import ProgrammeSnapshot, ensure_programme
from domain.reports import refuse_if_blocked
from domain.text import check_text

MAX_STATEMENT = 2000


class CannotPropose(DomainError):
    """The programme's rules do not allow this request now."""


@dataclass(frozen=True)
class ProposalAnswers:
    """The request form as typed."""

    area_id: int | None
    statement: str


@dataclass(frozen=True)
class ProposalDraft:
    """What the request form needs: the mentor, their areas, and sensible starting values."""

    mentor: Member
    areas: list[ListItem]
    answers: ProposalAnswers


def require_mentee(session: Session, *, actor: Actor) -> Member:
    """The actor as a mentee with a complete profile; a clear refusal otherwise."""
    member = require_member(session, actor=actor)
    if not member.is_mentee:
        raise CannotPropose("Add “mentee” to your profile to ask for a mentor.")
    if member.mentee_profile is None:
        raise CannotPropose("Please complete your mentee profile before asking for a mentor.")
    return member


def _available_mentor(session: Session, actor: Actor, mentee: Member, mentor_id: int) -> Member:
    mentor = member_in_workspace(session, actor=actor, member_id=mentor_id)
    if mentor.id == mentee.id:
        raise CannotPropose("You can't ask yourself to be your mentor.")
    refuse_if_blocked(session, me=mentee, other=mentor)
    profile = mentor.mentor_profile
    if not mentor.is_mentor or profile is None:
        raise CannotPropose(f"{mentor.name} is not taking part as a mentor.")
    if not profile.open_to_requests:
        raise CannotPropose(f"{mentor.name} has paused new requests for now.")
    if profile.spare_capacity <= 0:
        raise CannotPropose(f"{mentor.name} has no room for another mentee at the moment.")
    return mentor


def active_mentors(session: Session, *, mentee_id: int) -> int:
    """How many active relationships the mentee has as mentee."""
    return session.scalar(select(func.count()).select_from(Relationship).where(
        Relationship.mentee_id == mentee_id, Relationship.status == RelationshipStatus.ACTIVE)) or 0


def _check_programme_limits(session: Session, programme: ProgrammeSnapshot, mentee: Member,
                            mentor: Member) -> None:
    if active_mentors(session, mentee_id=mentee.id) >= programme.max_active_mentors:
        raise CannotPropose("You already have as many mentors as the programme allows at once.")
    if session.scalar(select(Relationship.id).where(
            Relationship.mentee_id == mentee.id, Relationship.mentor_id == mentor.id,
            Relationship.status == RelationshipStatus.ACTIVE)):
        raise CannotPropose(f"{mentor.name} is already your mentor.")
    pending = session.scalar(select(func.count()).select_from(Proposal).where(
        Proposal.mentee_id == mentee.id, Proposal.status == ProposalStatus.PENDING)) or 0
    if pending >= programme.max_open_proposals:
        raise CannotPropose(
            f"You have {pending} requests waiting for an answer, the most the programme allows "
            "at once. Withdraw one, or wait for an answer, before sending another.")


def open_proposal_form(session: Session, *, actor: Actor, mentor_id: int, now: datetime
                       ) -> ProposalDraft:
    """The request form for this mentor, refused up front when a request can't be sent."""
    mentee = require_mentee(session, actor=actor)
    mentor = _available_mentor(session, actor, mentee, mentor_id)
    programme = ensure_programme(session, team_id=actor.team_id, now=now)
    _check_programme_limits(session, programme, mentee, mentor)
    if _pending_between(session, mentee.id, mentor.id):
        raise CannotPropose(f"Your request to {mentor.name} is already waiting for an answer.")
    assert mentor.mentor_profile is not None and mentee.mentee_profile is not None
    areas = list(mentor.mentor_profile.areas)
    wanted = {a.id for a in mentee.mentee_profile.areas}
    suggested = next((a.id for a in areas if a.id in wanted), areas[0].id if areas else None)
    return ProposalDraft(mentor, areas, ProposalAnswers(suggested,
                                                        mentee.mentee_profile.statement))


def _pending_between(session: Session, mentee_id: int, mentor_id: int) -> Proposal | None:
    return session.scalars(select(Proposal).where(
        Proposal.mentee_id == mentee_id, Proposal.mentor_id == mentor_id,
        Proposal.status == ProposalStatus.PENDING).options(*PROPOSAL_WITH_PROFILES)
    ).unique().one_or_none()


def _checked_answers(answers: ProposalAnswers, mentor: Member) -> tuple[ListItem, str]:
    errors: dict[str, str] = {}
    offered = {a.id: a for a in (mentor.mentor_profile.areas if mentor.mentor_profile else [])}
    area = offered.get(answers.area_id) if answers.area_id is not None else None
    if area is None:
        errors["area"] = f"Please choose one of the areas {mentor.name} offers."
    statement = check_text(errors, "statement", answers.statement, label="personal statement",
                           max_length=MAX_STATEMENT)
    if errors:
        raise InvalidInput(errors)
    assert area is not None
    return area, statement


def propose_mentorship(session: Session, *, actor: Actor, mentor_id: int,
                       answers: ProposalAnswers, now: datetime) -> Proposal:
    """Send a mentor request; sending the same one twice (a double click) sends it once."""
    mentee = require_mentee(session, actor=actor)
    mentor = _available_mentor(session, actor, mentee, mentor_id)
    area, statement = _checked_answers(answers, mentor)
    existing = _pending_between(session, mentee.id, mentor.id)
    if existing is not None:
        return _same_request_or_refuse(existing, area, statement)
    programme = ensure_programme(session, team_id=actor.team_id, now=now)
    _check_programme_limits(session, programme, mentee, mentor)
    proposal = Proposal(team_id=actor.team_id, mentee=mentee, mentor=mentor, area=area,
                        statement=statement, status=ProposalStatus.PENDING,
                        created_at=now, updated_at=now,
                        expires_at=now + timedelta(days=programme.proposal_expiry_days))
    try:
        with session.begin_nested():
            session.add(proposal)
    except IntegrityError:  # the same request, committed a moment ago by a second click
        existing = _pending_between(session, mentee.id, mentor.id)
        if existing is None:
            raise
        return _same_request_or_refuse(existing, area, statement)
    notify_card(session, proposal=proposal, now=now)
    return proposal


def _same_request_or_refuse(existing: Proposal, area: ListItem, statement: str) -> Proposal:
    if existing.area_id == area.id and existing.statement == statement:
        return existing
    raise CannotPropose(f"Your request to {existing.mentor.name} is already waiting for an "
                        "answer; edit it from your Home tab instead.")


def proposal_for(session: Session, *, actor: Actor, proposal_id: int) -> Proposal:
    """A proposal the actor is part of (as mentee or mentor)."""
    return proposal_and_side(session, actor=actor, proposal_id=proposal_id)[0]


def proposal_and_side(session: Session, *, actor: Actor, proposal_id: int
                      ) -> tuple[Proposal, Member]:
    """A proposal the actor is part of, with the actor's membership, to ask the rules."""
    return participant_in(session, actor=actor, model=Proposal, object_id=proposal_id,
                          what="mentoring request", options=PROPOSAL_WITH_PROFILES)


def own_proposal(session: Session, *, actor: Actor, proposal_id: int) -> Proposal:
    """A proposal the actor sent."""
    proposal, me = proposal_and_side(session, actor=actor, proposal_id=proposal_id)
    if not may.may_change_proposal(proposal, me):
        raise NotAllowed("Only the mentee who sent this request can change it.")
    return proposal


def open_edit_form(session: Session, *, actor: Actor, proposal_id: int) -> ProposalDraft:
    """The request form filled with a waiting request, for its mentee to change."""
    proposal = own_proposal(session, actor=actor, proposal_id=proposal_id)
    next_proposal_status(proposal.status, "edit")
    areas = list(proposal.mentor.mentor_profile.areas) if proposal.mentor.mentor_profile else []
    return ProposalDraft(proposal.mentor, areas,
                         ProposalAnswers(proposal.area_id, proposal.statement))


def edit_proposal(session: Session, *, actor: Actor, proposal_id: int, answers: ProposalAnswers,
                  now: datetime) -> Proposal:
    """Change a waiting request; the mentor's DM shows the new text."""
    proposal = own_proposal(session, actor=actor, proposal_id=proposal_id)
    proposal.status = next_proposal_status(proposal.status, "edit")
    proposal.area, proposal.statement = _checked_answers(answers, proposal.mentor)
    record_change(session, proposal=proposal, now=now)
    return proposal


def withdraw_proposal(session: Session, *, actor: Actor, proposal_id: int, now: datetime
                      ) -> Proposal:
    """Take a waiting request back; it can be reinstated until it would have expired."""
    proposal = own_proposal(session, actor=actor, proposal_id=proposal_id)
    proposal.status = next_proposal_status(proposal.status, "withdraw")
    record_change(session, proposal=proposal, now=now)
    tell(session, proposal=proposal, kind=OutboxKind.PROPOSAL_WITHDRAWN, whom=proposal.mentor,
         now=now)
    return proposal


def reinstate_proposal(session: Session, *, actor: Actor, proposal_id: int, now: datetime
                       ) -> Proposal:
    """Send a withdrawn request again, while its expiry window lasts and the rules allow."""
    proposal = own_proposal(session, actor=actor, proposal_id=proposal_id)
    next_proposal_status(proposal.status, "reinstate")
    if now >= proposal.expires_at:
        raise CannotPropose("This request is past its expiry date; please send a new one.")
    mentee = require_mentee(session, actor=actor)
    mentor = _available_mentor(session, actor, mentee, proposal.mentor_id)
    if _pending_between(session, mentee.id, mentor.id):
        raise CannotPropose(f"Another request to {mentor.name} is already waiting.")
    programme = ensure_programme(session, team_id=actor.team_id, now=now)
    _check_programme_limits(session, programme, mentee, mentor)
    proposal.status = ProposalStatus.PENDING
    record_change(session, proposal=proposal, now=now)
    tell(session, proposal=proposal, kind=OutboxKind.PROPOSAL_REINSTATED, whom=proposal.mentor,
         now=now)
    return proposal


def record_change(session: Session, *, proposal: Proposal, now: datetime) -> None:
    """Record a change: a new revision of the mentor's DM and both Home tabs."""
    proposal.updated_at = now
    proposal.revision += 1
    session.flush()
    notify_card(session, proposal=proposal, now=now)


def card_payload(proposal: Proposal) -> dict[str, Any]:
    """Everything the mentor's DM about this proposal shows, as it stands now."""
    needs = proposal.mentee.mentee_profile
    return {
        "proposal_id": proposal.id, "status": proposal.status,
        "mentee": person(proposal.mentee), "mentor": person(proposal.mentor),
        "area": proposal.area.label, "statement": proposal.statement,
        "needs": [a.label for a in needs.areas] if needs else [],
        "note": proposal.answer_note, "expires_at": proposal.expires_at.isoformat(),
        # Sent by the programme's cohort matching: the DM says so instead of "they would like"
        **({"suggested": True} if proposal.suggested_by_programme else {}),
    }


def notify_card(session: Session, *, proposal: Proposal, now: datetime) -> None:
    """Post the mentor's DM for this proposal, or update it in place after a change."""
    first = f"proposal:{proposal.id}:card"
    key = first if proposal.revision == 0 else f"{first}:r{proposal.revision}"
    outbox.enqueue(session, team_id=proposal.team_id, recipient=proposal.mentor.slack_user_id,
                   kind=OutboxKind.PROPOSAL_CARD, dedupe_key=key, now=now,
                   payload={**card_payload(proposal), **({} if key == first else
                                                         {"replaces": first})})


def tell(session: Session, *, proposal: Proposal, kind: OutboxKind, whom: Member, now: datetime,
         **extra: Any) -> None:
    """DM one side about this proposal, as it stands after the change."""
    outbox.enqueue(session, team_id=proposal.team_id, recipient=whom.slack_user_id, kind=kind,
                   dedupe_key=f"proposal:{proposal.id}:{kind}:r{proposal.revision}", now=now,
                   payload={**card_payload(proposal), **extra})
