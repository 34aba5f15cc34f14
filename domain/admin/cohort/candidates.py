"""Who cohort matching considers, read in a fixed few statements whatever the programme's size:
the unmatched mentees, the open mentors, and the pairs it must never suggest."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import exists, select, union
from sqlalchemy.orm import Session

from domain.admin.cohort.solver import MenteeNeeds, MentorOffer
from domain.model import (
    Member,
    MemberBlock,
    MemberStatus,
    MenteeProfile,
    MentorProfile,
    Proposal,
    ProposalStatus,
    Relationship,
    RelationshipStatus,
    mentee_areas,
    mentor_areas,
)
from domain.search import LISTED


def _has_mentor_or_request() -> tuple[object, object]:
    """Conditions: the member has an active mentor; the member has a request waiting."""
    mentored = exists().where(Relationship.mentee_id == Member.id,
                              Relationship.status == RelationshipStatus.ACTIVE)
    waiting = exists().where(Proposal.mentee_id == Member.id,
                             Proposal.status == ProposalStatus.PENDING)
    return mentored, waiting


def unmatched_mentees(session: Session, *, team_id: str) -> list[MenteeNeeds]:
    """Registered mentees (a complete profile, not paused) with no active mentor and no waiting
    request."""
    mentored, waiting = _has_mentor_or_request()
    rows = session.execute(
        select(Member.id, MenteeProfile.preferred_role_id, MenteeProfile.preferred_community_id,
               Member.organisation)
        .join(MenteeProfile, MenteeProfile.member_id == Member.id)
        .where(Member.team_id == team_id, Member.is_mentee,
               Member.status == MemberStatus.ACTIVE, ~MenteeProfile.paused,
               ~mentored, ~waiting)  # type: ignore[operator]
        .order_by(Member.id)).all()
    areas = _areas(session, select(mentee_areas.c.member_id, mentee_areas.c.item_id)
                   .join(Member, Member.id == mentee_areas.c.member_id)
                   .where(Member.team_id == team_id))
    return [MenteeNeeds(row.id, areas.get(row.id, frozenset()), row.preferred_role_id,
                        row.preferred_community_id, row.organisation or "") for row in rows]


def open_mentors(session: Session, *, team_id: str) -> list[MentorOffer]:
    """Mentors taking part, open to requests, with spare places: those search offers."""
    rows = session.execute(
        select(MentorProfile.member_id, MentorProfile.role_id, MentorProfile.community_id,
               MentorProfile.spare_capacity, Member.organisation)
        .join(Member, Member.id == MentorProfile.member_id)
        .where(MentorProfile.team_id == team_id, LISTED)
        .order_by(MentorProfile.member_id)).all()
    areas = _areas(session, select(mentor_areas.c.member_id, mentor_areas.c.item_id)
                   .join(MentorProfile, MentorProfile.member_id == mentor_areas.c.member_id)
                   .where(MentorProfile.team_id == team_id, LISTED))
    return [MentorOffer(row.member_id, areas.get(row.member_id, frozenset()), row.role_id,
                        row.community_id, row.spare_capacity, row.organisation or "")
            for row in rows]


def _areas(session: Session, query: object) -> dict[int, frozenset[int]]:
    found: dict[int, set[int]] = defaultdict(set)
    for member_id, item_id in session.execute(query).all():  # type: ignore[call-overload]
        found[member_id].add(item_id)
    return {member_id: frozenset(items) for member_id, items in found.items()}


def never_suggested(session: Session, *, team_id: str) -> set[tuple[int, int]]:
    """(mentee, mentor) pairs the programme must not suggest: they were paired before, or the
    mentor declined the mentee's request, or either blocked the other."""
    earlier = select(Relationship.mentee_id, Relationship.mentor_id).where(
        Relationship.team_id == team_id)
    declined = select(Proposal.mentee_id, Proposal.mentor_id).where(
        Proposal.team_id == team_id, Proposal.status == ProposalStatus.DECLINED)
    blocks = (select(MemberBlock.blocker_id, MemberBlock.blocked_id).where(
        MemberBlock.team_id == team_id), select(MemberBlock.blocked_id, MemberBlock.blocker_id)
        .where(MemberBlock.team_id == team_id))  # each way round: who blocked whom is no matter
    return {(mentee, mentor) for mentee, mentor in session.execute(
        union(earlier, declined, *blocks))}
