"""Members made straight in the database, for tests that need many of them quickly."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.capacity import take_place
from domain.members import Actor
from domain.model import (
    Member,
    MemberStatus,
    MenteeProfile,
    MentorProfile,
    OutboxMessage,
    Relationship,
    RelationshipStatus,
)
from domain.programme import ProgrammeLists, ensure_programme, programme_lists

WHEN = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


def programme(session: Session, team_id: str = "T1") -> ProgrammeLists:
    """The team's programme with its default lists."""
    ensure_programme(session, team_id=team_id, now=WHEN)
    return programme_lists(session, team_id=team_id)


def mentor(session: Session, lists: ProgrammeLists, user_id: str, *, areas: list[int],
           role: int = 0, community: int = 0, capacity: int = 2, open_now: bool = True,
           team_id: str = "T1", name: str | None = None, **fields: object) -> Member:
    """A mentor whose areas, role and community are positions in the default lists."""
    member = Member(team_id=team_id, slack_user_id=user_id, name=name or user_id,
                    is_mentor=True, is_mentee=False, status=MemberStatus.ACTIVE, registered_at=WHEN,
                    updated_at=WHEN, contact_email=f"{user_id.lower()}@example.org",
                    job_title=str(fields.pop("job_title", "Manager")),
                    organisation=str(fields.pop("organisation", "Acme Freight")))
    member.mentor_profile = MentorProfile(
        areas=[lists.areas[i] for i in areas], role=lists.roles[role],
        community=lists.communities[community], bio=str(fields.pop("bio", "Experienced.")),
        capacity=capacity, open_to_requests=open_now, updated_at=WHEN)
    member.mentee_profile = None  # known to be none: the model never loads it lazily
    session.add(member)
    session.flush()
    return member


def mentee(session: Session, lists: ProgrammeLists, user_id: str, *, areas: list[int],
           role: int | None = None, community: int | None = None, team_id: str = "T1",
           name: str | None = None) -> Member:
    """A mentee whose needs are positions in the default lists."""
    member = Member(team_id=team_id, slack_user_id=user_id, name=name or user_id,
                    is_mentor=False, is_mentee=True, status=MemberStatus.ACTIVE, registered_at=WHEN,
                    updated_at=WHEN, contact_email=f"{user_id.lower()}@example.org",
                    job_title="Planner", organisation="Mango Logistics")
    member.mentee_profile = MenteeProfile(
        areas=[lists.areas[i] for i in areas],
        preferred_role=lists.roles[role] if role is not None else None,
        preferred_community=lists.communities[community] if community is not None else None,
        statement="I would like help with my network.", updated_at=WHEN)
    member.mentor_profile = None
    session.add(member)
    session.flush()
    return member


def pair(session: Session, mentor_member: Member, mentee_member: Member,
         status: RelationshipStatus = RelationshipStatus.ACTIVE) -> Relationship:
    """A relationship between the two, without a proposal."""
    relationship = Relationship(team_id=mentor_member.team_id, mentor=mentor_member,
                                mentee=mentee_member, status=status, started_at=WHEN)
    session.add(relationship)
    session.flush()
    if status == RelationshipStatus.ACTIVE:  # as accepting a proposal would
        take_place(session, mentor_id=mentor_member.id)
    return relationship


def actor(member: Member) -> Actor:
    """The member as the one acting in a use case."""
    return Actor(member.team_id, member.slack_user_id)


def pair_of(session: Session, lists: ProgrammeLists, capacity: int = 2
            ) -> tuple[Member, Member, Relationship]:
    """John Smith mentoring Alice Kember, the relationship active."""
    john = mentor(session, lists, "UJOHN", areas=[1], name="John Smith", capacity=capacity)
    alice = mentee(session, lists, "UALICE", areas=[1], name="Alice Kember")
    return john, alice, pair(session, john, alice)


def dms(session: Session, kind: str | None = None) -> list[OutboxMessage]:
    """The outbox, oldest first; only rows of `kind` when it is given."""
    rows = session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()
    return [r for r in rows if kind is None or r.kind == kind]


def quiet_pair(session: Session, lists: ProgrammeLists, *, matched_at: datetime
               ) -> tuple[Member, Member, Relationship]:
    """John mentoring Alice, matched at `matched_at` with nothing since."""
    john, alice, relationship = pair_of(session, lists)
    relationship.started_at = matched_at
    session.flush()
    return john, alice, relationship
