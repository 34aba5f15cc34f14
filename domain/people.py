"""Finding members the actor may deal with, and the snapshot of a person that DMs carry."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from sqlalchemy import or_, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.interfaces import ORMOption

from domain.errors import NotAllowed, NotFound
from domain.loading import PROFILES
from domain.members import Actor, require_member
from domain.model import (
    Member,
    MemberStatus,
    Proposal,
    ProposalStatus,
    Relationship,
    RelationshipStatus,
)
from domain.permissions import is_side_of

T = TypeVar("T")


def member_in_workspace(session: Session, *, actor: Actor, member_id: int) -> Member:
    """Another active member of the actor's workspace; NotFound for anyone else's ids."""
    member = session.scalars(select(Member).where(Member.id == member_id)
                             .options(*PROFILES)).unique().one_or_none()
    if member is None or member.team_id != actor.team_id or member.status != MemberStatus.ACTIVE:
        raise NotFound("Sorry, that person is no longer in the programme.")
    return member


def in_workspace(session: Session, *, actor: Actor, model: type[T], object_id: int,
                 what: str, options: Sequence[ORMOption] = (), fresh: bool = False) -> T:
    """An object of the actor's workspace, loaded with `options` (and, when `fresh`, as
    another transaction committed it meanwhile, not as this session saw it); another
    workspace's id is NotFound."""
    # A query rather than session.get: the options then also load what an object already in
    # the session lacks.
    query = select(model).where(model.id == object_id).options(*options)  # type: ignore[attr-defined]
    if fresh:
        query = query.execution_options(populate_existing=True)
    found = session.scalars(query).unique().one_or_none()
    if found is None or getattr(found, "team_id", None) != actor.team_id:
        raise NotFound(f"Sorry, that {what} no longer exists.")
    return found


def participant_in(session: Session, *, actor: Actor, model: type[T], object_id: int,
                   what: str, pair_of: Callable[[T], Any] | None = None,
                   options: Sequence[ORMOption] = ()) -> tuple[T, Member]:
    """An object of the actor's workspace that they are one side of, with their membership.

    The sides are the object's own (a proposal, a relationship) or those of the pair it
    belongs to (`pair_of`: a goal's or a meeting's relationship). Ids come from payloads, so
    another workspace's object is NotFound and someone else's is NotAllowed, whatever id a
    forged payload carries.
    """
    member = require_member(session, actor=actor)
    found = in_workspace(session, actor=actor, model=model, object_id=object_id, what=what,
                         options=options)
    if not is_side_of(pair_of(found) if pair_of else found, member):
        raise NotAllowed(f"Sorry, that {what} isn't yours.")
    return found, member


def partner_of(relationship: Relationship, member_id: int) -> Member:
    """The other half of the pair."""
    return relationship.mentor if relationship.mentee_id == member_id else relationship.mentee


def person(member: Member) -> dict[str, Any]:
    """What a DM shows of someone: kept in the outbox row, so it is what was true then."""
    return {
        "member_id": member.id,
        "user_id": member.slack_user_id,
        "name": member.name,
        "title": member.job_title,
        "organisation": member.organisation,
        "email": member.contact_email or "",
        "image_url": member.image_url or "",
    }


def people_who_see(session: Session, *, member: Member) -> list[str]:
    """Slack ids of everyone whose Home shows this member: partners and open proposals."""
    involved = or_(Relationship.mentee_id == member.id, Relationship.mentor_id == member.id)
    pairs = session.execute(select(Relationship.mentee_id, Relationship.mentor_id).where(
        involved, Relationship.status == RelationshipStatus.ACTIVE)).all()
    asked = or_(Proposal.mentee_id == member.id, Proposal.mentor_id == member.id)
    pairs += session.execute(select(Proposal.mentee_id, Proposal.mentor_id).where(
        asked, Proposal.status == ProposalStatus.PENDING)).all()
    others = {other for pair in pairs for other in pair if other != member.id}
    if not others:
        return []
    return sorted(session.scalars(select(Member.slack_user_id).where(Member.id.in_(others))))
