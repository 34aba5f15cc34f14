"""Mentoring relationships: who is in one, and ending one early."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, or_, select
from sqlalchemy.orm import Session

from domain import outbox
from domain.capacity import free_place
from domain.lifecycle import next_relationship_status
from domain.loading import SIDES, relock
from domain.members import Actor, require_member
from domain.model import Member, OutboxKind, Relationship, RelationshipStatus
from domain.people import participant_in, partner_of, person
from domain.text import one_text

MAX_REASON = 500


def relationship_for(session: Session, *, actor: Actor, relationship_id: int) -> Relationship:
    """A relationship the actor is one half of."""
    return participant_in(session, actor=actor, model=Relationship, object_id=relationship_id,
                          what="mentoring relationship", options=SIDES)[0]


@dataclass(frozen=True)
class Pairing:
    """One relationship as one of its members sees it."""

    relationship: Relationship
    partner: Member
    i_am_mentor: bool

    @property
    def me(self) -> Member:
        """The side of the pair who is looking."""
        return self.relationship.mentor if self.i_am_mentor else self.relationship.mentee


def pairing_for(session: Session, *, actor: Actor, relationship_id: int) -> Pairing:
    """One of the actor's own relationships, seen from their side."""
    relationship = relationship_for(session, actor=actor, relationship_id=relationship_id)
    me = require_member(session, actor=actor)
    return Pairing(relationship, partner_of(relationship, me.id), relationship.mentor_id == me.id)


# Built once (Home and most lists send them): only the member changes.
_ALL_OF_MEMBER = (
    select(Relationship)
    .where(or_(Relationship.mentee_id == bindparam("member_id"),
               Relationship.mentor_id == bindparam("member_id")))
    .options(*SIDES).order_by(Relationship.started_at.desc(), Relationship.id.desc()))
_CURRENT_OF_MEMBER = _ALL_OF_MEMBER.where(Relationship.status == RelationshipStatus.ACTIVE)


def relationships_of(session: Session, *, member: Member, current_only: bool = True
                     ) -> list[Relationship]:
    """The member's relationships as mentor or mentee, newest first."""
    query = _CURRENT_OF_MEMBER if current_only else _ALL_OF_MEMBER
    return list(session.scalars(query, {"member_id": member.id}))


def withdraw_from_relationship(session: Session, *, actor: Actor, relationship_id: int,
                               reason: str, now: datetime) -> Relationship:
    """End a relationship early; the partner is told kindly, with the reason if one is given."""
    reason = one_text("reason", reason, label="reason", max_length=MAX_REASON)
    relationship = relationship_for(session, actor=actor, relationship_id=relationship_id)
    me = require_member(session, actor=actor)
    end_early(session, relationship=relationship, ended_by_id=me.id, reason=reason, now=now)
    partner = partner_of(relationship, me.id)
    outbox.enqueue(session, team_id=actor.team_id, recipient=partner.slack_user_id,
                   kind=OutboxKind.RELATIONSHIP_ENDED,
                   dedupe_key=f"relationship:{relationship.id}:ended",
                   payload={"by": person(me), "reason": reason,
                            "partner_was_mentor": partner.id == relationship.mentor_id},
                   now=now)
    return relationship


def end_early(session: Session, *, relationship: Relationship, ended_by_id: int | None,
              reason: str, now: datetime, move: str = "withdraw") -> Relationship:
    """End an active relationship early (withdrawn, or closed as inactive with `move`
    "lapse") under its row lock: the mentor's place is freed and meetings ahead are
    cancelled; telling the pair is the caller's."""
    # Imported here: domain.meetings imports this module, and the admins' alerts import this
    # one before anything has imported domain.meetings.
    from domain.meetings.cancellation import cancel_meetings_ahead

    relationship = relock(session, relationship)
    relationship.status = next_relationship_status(relationship.status, move)
    free_place(session, mentor_id=relationship.mentor_id)
    relationship.ended_at, relationship.ended_by_id = now, ended_by_id
    relationship.end_reason = reason
    cancel_meetings_ahead(session, relationship=relationship, now=now)
    return relationship
