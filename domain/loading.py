"""What each use case loads with the rows it reads: relationships are never loaded lazily.

Every relationship of the model is `lazy="raise"`, so a surface's SQL is written where it is
read: a query names what it needs with these options, and touching anything else is an error
in the tests rather than one more statement per row in production.
"""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy import inspect
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.orm import Session, joinedload, selectinload
from sqlalchemy.orm.interfaces import ORMOption

from domain.errors import NotFound
from domain.model import (
    Goal,
    Meeting,
    Member,
    MenteeProfile,
    MentorProfile,
    Proposal,
    Relationship,
)

T = TypeVar("T")

# A member with both profiles and the list entries they name: one statement for the member
# and its profiles, one for each profile's areas.
MENTOR_PROFILE: ORMOption = joinedload(Member.mentor_profile).options(
    joinedload(MentorProfile.role), joinedload(MentorProfile.community),
    selectinload(MentorProfile.areas))
PROFILES: tuple[ORMOption, ...] = (
    MENTOR_PROFILE,
    joinedload(Member.mentee_profile).options(
        joinedload(MenteeProfile.preferred_role), joinedload(MenteeProfile.preferred_community),
        selectinload(MenteeProfile.areas)),
)

# A relationship with both its members (their columns, not their profiles).
SIDES: tuple[ORMOption, ...] = (joinedload(Relationship.mentee), joinedload(Relationship.mentor))

# A proposal with both members and the area asked about.
PROPOSAL: tuple[ORMOption, ...] = (
    joinedload(Proposal.mentee), joinedload(Proposal.mentor), joinedload(Proposal.area))

# The same with both members' profiles: what the request's DMs and forms show of them.
PROPOSAL_WITH_PROFILES: tuple[ORMOption, ...] = (
    joinedload(Proposal.mentee).options(*PROFILES),
    joinedload(Proposal.mentor).options(*PROFILES), joinedload(Proposal.area))

# A goal with its author, its pair and both sides, and its milestones.
GOAL: tuple[ORMOption, ...] = (
    joinedload(Goal.author), joinedload(Goal.pair).options(*SIDES),
    selectinload(Goal.milestones))

# A meeting with whoever arranged it, its pair and both sides.
MEETING: tuple[ORMOption, ...] = (
    joinedload(Meeting.created_by), joinedload(Meeting.pair).options(*SIDES))


# The same, each in a statement of its own: for rows read under a lock, which PostgreSQL
# refuses to take across the outer joins of joined loading.
MEETING_APART: tuple[ORMOption, ...] = (
    selectinload(Meeting.created_by), selectinload(Meeting.pair).options(*SIDES))
PROPOSAL_APART: tuple[ORMOption, ...] = (
    selectinload(Proposal.mentee).options(*PROFILES),
    selectinload(Proposal.mentor).options(*PROFILES), selectinload(Proposal.area))


def relock(session: Session, row: T) -> T:
    """Re-read the row's columns under a row lock, keeping what was loaded with it.

    Two clicks or two servers then go one at a time, each seeing what the other wrote."""
    columns = [attribute.key for attribute in inspect(type(row)).column_attrs]
    try:
        session.refresh(row, attribute_names=columns, with_for_update=True)
    except InvalidRequestError as gone:  # deleted meanwhile
        raise NotFound("Sorry, that no longer exists.") from gone
    return row
