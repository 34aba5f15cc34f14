"""Ending a relationship well: the mentee asks, the mentor marks it complete; a new journey."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, bindparam, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from domain import outbox
from domain import permissions as may
from domain.capacity import free_place, locked_profile, take_place
from domain.errors import DomainError, NotAllowed
from domain.lifecycle import next_relationship_status
from domain.loading import SIDES
from domain.meetings.cancellation import cancel_meetings_ahead
from domain.members import Actor
from domain.model import (
    Feedback,
    Member,
    MemberStatus,
    OutboxKind,
    Relationship,
    RelationshipStatus,
)
from domain.people import person
from domain.programme import ensure_programme
from domain.proposals import active_mentors
from domain.relationships import Pairing, pairing_for, partner_of, relationships_of
from domain.stages import FINAL, FIRST, News, RoadMap, locked, record_stage_done, road_map_of

# A mentee may ask again when a week has passed without an answer; sooner, asking is a no-op.
REASK_AFTER = timedelta(days=7)


class CannotStartAgain(DomainError):
    """A new journey with the same partner is not possible now."""


def request_completion(session: Session, *, actor: Actor, relationship_id: int, now: datetime
                       ) -> RoadMap:
    """The mentee asks their mentor to mark the relationship complete (once per request)."""
    pairing = pairing_for(session, actor=actor, relationship_id=relationship_id)
    if pairing.i_am_mentor:
        raise NotAllowed("As the mentor, you can mark the relationship complete yourself.")
    relationship = locked(session, relationship=pairing.relationship)
    next_relationship_status(relationship.status, "complete")
    asked = relationship.completion_requested_at
    if asked is None or now - asked >= REASK_AFTER:
        relationship.completion_requested_at = now
        mentee, mentor = relationship.mentee, relationship.mentor
        outbox.enqueue(session, team_id=actor.team_id, recipient=mentor.slack_user_id,
                       kind=OutboxKind.COMPLETION_REQUESTED, now=now,
                       dedupe_key=f"relationship:{relationship.id}:completion_requested:"
                                  f"{int(now.timestamp())}",
                       payload={"relationship_id": relationship.id, "mentee": person(mentee)})
    return road_map_of(session, pairing=pairing, news=News.COMPLETION_REQUESTED)


def _as_mentor(session: Session, actor: Actor, relationship_id: int) -> Pairing:
    pairing = pairing_for(session, actor=actor, relationship_id=relationship_id)
    if not may.may_complete_relationship(pairing.relationship, pairing.me):
        raise NotAllowed(f"Only your mentor can mark your relationship complete; you can ask "
                         f"{pairing.partner.name} to, from Next step or Actions.")
    return pairing


def completion_to_confirm(session: Session, *, actor: Actor, relationship_id: int) -> Pairing:
    """The relationship the mentor is about to mark complete, for the confirmation."""
    pairing = _as_mentor(session, actor, relationship_id)
    next_relationship_status(pairing.relationship.status, "complete")
    return pairing


def complete_relationship(session: Session, *, actor: Actor, relationship_id: int, now: datetime
                          ) -> RoadMap:
    """The mentor marks the relationship complete; both are told and asked for feedback."""
    pairing = _as_mentor(session, actor, relationship_id)
    relationship = locked(session, relationship=pairing.relationship)
    mentor, mentee = relationship.mentor, relationship.mentee
    if (relationship.status == RelationshipStatus.COMPLETED
            and relationship.ended_by_id == mentor.id):
        return road_map_of(session, pairing=pairing,
                           news=News.RELATIONSHIP_COMPLETED)  # submitted twice
    relationship.status = next_relationship_status(relationship.status, "complete")
    free_place(session, mentor_id=relationship.mentor_id)
    relationship.ended_at, relationship.ended_by_id = now, mentor.id
    relationship.stage = FINAL
    record_stage_done(session, relationship=relationship, stage=FINAL, by=mentor, now=now)
    cancel_meetings_ahead(session, relationship=relationship, now=now)
    for whom, partner in ((mentor, mentee), (mentee, mentor)):
        outbox.enqueue(session, team_id=actor.team_id, recipient=whom.slack_user_id,
                       kind=OutboxKind.RELATIONSHIP_COMPLETED, now=now,
                       dedupe_key=f"relationship:{relationship.id}:completed:{whom.id}",
                       payload={"relationship_id": relationship.id, "partner": person(partner),
                                "i_am_mentor": whom.id == mentor.id})
    return road_map_of(session, pairing=pairing, news=News.RELATIONSHIP_COMPLETED)


def _active_between(session: Session, one: int, other: int) -> Relationship | None:
    return session.scalars(select(Relationship).where(
        Relationship.status == RelationshipStatus.ACTIVE,
        or_(and_(Relationship.mentor_id == one, Relationship.mentee_id == other),
            and_(Relationship.mentor_id == other, Relationship.mentee_id == one)))
        .options(*SIDES)).first()


def _check_room(session: Session, old: Relationship, me: Member, now: datetime) -> None:
    """Both still in the programme, the mentor with room, the mentee within the limit."""
    mentor, mentee = old.mentor, old.mentee
    for member in (mentor, mentee):
        if member.status != MemberStatus.ACTIVE:
            raise CannotStartAgain(f"Sorry, {member.name} is no longer in the programme.")
    profile = locked_profile(session, mentor_id=mentor.id)
    if profile is None or not mentor.is_mentor:
        raise CannotStartAgain(f"{mentor.name} is no longer taking part as a mentor.")
    if profile.spare_capacity <= 0:
        raise CannotStartAgain(
            "You already mentor as many mentees as your profile says you can take; raise your "
            "capacity first." if me.id == mentor.id else
            f"{mentor.name} has no room for another mentee at the moment.")
    if active_mentors(session, mentee_id=mentee.id) >= ensure_programme(
            session, team_id=old.team_id, now=now).max_active_mentors:
        raise CannotStartAgain(
            "You already have as many mentors as the programme allows at once."
            if me.id == mentee.id else f"{mentee.name} already has a mentor at the moment.")


def _same_journey(session: Session, pairing: Pairing, existing: Relationship,
                  old: Relationship) -> RoadMap:
    """The journey a second click already started, or a refusal when another one is active."""
    if existing.previous_id != old.id:
        raise CannotStartAgain(f"You already have an active mentoring relationship with "
                               f"{pairing.partner.name}: carry on with that one.")
    return road_map_of(session, pairing=Pairing(existing, pairing.partner, pairing.i_am_mentor),
                       news=News.JOURNEY_STARTED)


def start_new_journey(session: Session, *, actor: Actor, relationship_id: int, now: datetime
                      ) -> RoadMap:
    """Start again with the same partner: a new relationship that continues a completed one."""
    pairing = pairing_for(session, actor=actor, relationship_id=relationship_id)
    old = locked(session, relationship=pairing.relationship)
    if old.status != RelationshipStatus.COMPLETED:
        raise CannotStartAgain("A new journey can start once this one is marked complete.")
    existing = _active_between(session, old.mentor_id, old.mentee_id)
    if existing is not None:
        return _same_journey(session, pairing, existing, old)
    _check_room(session, old, pairing.me, now)
    new = Relationship(team_id=old.team_id, mentee=old.mentee, mentor=old.mentor,
                       status=RelationshipStatus.ACTIVE, started_at=now, stage=FIRST,
                       previous_id=old.id)
    try:
        with session.begin_nested():
            session.add(new)
            session.flush()
            take_place(session, mentor_id=old.mentor_id)
    except IntegrityError:  # the pair's one active relationship, made a moment ago
        existing = _active_between(session, old.mentor_id, old.mentee_id)
        if existing is None:
            raise
        return _same_journey(session, pairing, existing, old)
    me = pairing.me
    outbox.enqueue(session, team_id=actor.team_id, recipient=pairing.partner.slack_user_id,
                   kind=OutboxKind.JOURNEY_STARTED, dedupe_key=f"relationship:{new.id}:started",
                   payload={"relationship_id": new.id, "by": person(me)}, now=now)
    return road_map_of(session, pairing=Pairing(new, pairing.partner, pairing.i_am_mentor),
                       news=News.JOURNEY_STARTED)


@dataclass(frozen=True)
class PastPairing:
    """A completed relationship as one of its members sees it on Home."""

    pairing: Pairing
    feedback_given: bool
    continued: bool  # the pair has an active relationship again


# Built once (Home sends it every time): each completed relationship, and whether the member
# has given their feedback on it.
_COMPLETED_OF_MEMBER = (
    select(Relationship, select(Feedback.id).where(
        Feedback.relationship_id == Relationship.id,
        Feedback.author_id == bindparam("member_id")).exists())
    .where(or_(Relationship.mentee_id == bindparam("member_id"),
               Relationship.mentor_id == bindparam("member_id")),
           Relationship.status == RelationshipStatus.COMPLETED).options(*SIDES)
    .order_by(Relationship.ended_at.desc(), Relationship.id.desc()).limit(bindparam("limit")))


def past_relationships(session: Session, *, member: Member, limit: int = 3,
                       current: list[Relationship] | None = None) -> list[PastPairing]:
    """The member's completed relationships, most recently completed first; `current` are
    their active ones when the caller has them already."""
    rows = session.execute(_COMPLETED_OF_MEMBER, {"member_id": member.id, "limit": limit}).all()
    if current is None:
        current = relationships_of(session, member=member)
    active = {partner_of(r, member.id).id for r in current}
    return [PastPairing(Pairing(r, partner_of(r, member.id), r.mentor_id == member.id),
                        bool(feedback), partner_of(r, member.id).id in active)
            for r, feedback in rows]
