"""The mentor search: exclusions, criteria and ranking done by the database, a page at a time."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, case, exists, func, literal, or_, select
from sqlalchemy.orm import Session

from domain.errors import NotFound
from domain.loading import MENTOR_PROFILE
from domain.matching import (
    AREA_WEIGHT,
    COMMUNITY_WEIGHT,
    MAX_KEYWORD,
    ROLE_WEIGHT,
    Fit,
    SearchCriteria,
    fit_from_counts,
)
from domain.members import Actor, require_member
from domain.model import (
    Member,
    MemberStatus,
    MentorProfile,
    Proposal,
    ProposalStatus,
    Relationship,
    RelationshipStatus,
    mentor_areas,
)
from domain.people import member_in_workspace
from domain.text import clean

PAGE_SIZE = 8


@dataclass(frozen=True)
class MentorMatch:
    """One mentor in the results, with how well they fit and how much room they have."""

    mentor: Member
    fit: Fit
    spare: int


@dataclass(frozen=True)
class SearchPage:
    """One page of results and where it sits in the whole list."""

    criteria: SearchCriteria
    matches: list[MentorMatch]
    page: int
    total: int

    @property
    def has_next(self) -> bool:
        """More results after this page."""
        return (self.page + 1) * PAGE_SIZE < self.total


def _active_counts() -> Select[tuple[int, int]]:
    return (select(Relationship.mentor_id, func.count().label("active"))
            .where(Relationship.status == RelationshipStatus.ACTIVE)
            .group_by(Relationship.mentor_id))


def _keyword_filter(keyword: str) -> ColumnElement[bool]:
    escaped = clean(keyword)[:MAX_KEYWORD].replace("\\", "\\\\").replace("%", "\\%")
    pattern = "%" + escaped.replace("_", "\\_") + "%"
    return or_(*(column.ilike(pattern, escape="\\") for column in (
        Member.name, Member.job_title, Member.organisation, MentorProfile.bio)))


def _search_query(team_id: str, searcher_id: int, criteria: SearchCriteria) -> Select:
    """Every shown mentor with their counts; ordering is added by the caller."""
    asked = sorted(set(criteria.area_ids))
    hits = (select(mentor_areas.c.member_id, func.count().label("hits"))
            .where(mentor_areas.c.item_id.in_(asked or [-1]))
            .group_by(mentor_areas.c.member_id).subquery())
    active = _active_counts().subquery()
    area_hits = func.coalesce(hits.c.hits, 0)
    role_met = (MentorProfile.role_id == criteria.role_id) if criteria.role_id else literal(False)
    community_met = ((MentorProfile.community_id == criteria.community_id)
                     if criteria.community_id else literal(False))
    spare = MentorProfile.capacity - func.coalesce(active.c.active, 0)
    # Scaled by the number of areas asked, so the score stays a whole number in SQL.
    score = (area_hits * AREA_WEIGHT + max(len(asked), 1) * (
        case((role_met, ROLE_WEIGHT), else_=0) + case((community_met, COMMUNITY_WEIGHT),
                                                       else_=0)))
    query = (
        select(Member.id, area_hits.label("hits"), role_met.label("role_met"),
               community_met.label("community_met"), spare.label("spare"), score.label("score"))
        .join(MentorProfile, MentorProfile.member_id == Member.id)
        .outerjoin(hits, hits.c.member_id == Member.id)
        .outerjoin(active, active.c.mentor_id == Member.id)
        .where(Member.team_id == team_id, Member.status == MemberStatus.ACTIVE, Member.is_mentor,
               MentorProfile.open_to_requests, Member.id != searcher_id, spare > 0,
               ~exists().where(Proposal.mentee_id == searcher_id,
                               Proposal.mentor_id == Member.id,
                               Proposal.status == ProposalStatus.PENDING),
               ~exists().where(Relationship.mentee_id == searcher_id,
                               Relationship.mentor_id == Member.id,
                               Relationship.status == RelationshipStatus.ACTIVE))
    )
    return query.where(*_criteria_filters(criteria, area_hits, role_met, community_met, asked))


def _criteria_filters(criteria: SearchCriteria, area_hits: ColumnElement[int],
                      role_met: ColumnElement[bool], community_met: ColumnElement[bool],
                      asked: list[int]) -> list[ColumnElement[bool]]:
    filters: list[ColumnElement[bool]] = []
    if criteria.exact:
        if asked:
            filters.append(area_hits == len(asked))
        if criteria.role_id:
            filters.append(role_met)
        if criteria.community_id:
            filters.append(community_met)
    elif criteria.any_set:
        filters.append(or_(area_hits > 0, role_met, community_met))
    if clean(criteria.keyword):
        filters.append(_keyword_filter(criteria.keyword))
    return filters


def find_mentors(session: Session, *, team_id: str, searcher_id: int, criteria: SearchCriteria,
                 page: int = 0) -> SearchPage:
    """One page of the mentors this searcher may ask, best first (see domain.matching)."""
    query = _search_query(team_id, searcher_id, criteria)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    page = max(0, min(page, max(total - 1, 0) // PAGE_SIZE))
    rows = session.execute(
        query.order_by(query.selected_columns.score.desc(), query.selected_columns.spare.desc(),
                       Member.id).limit(PAGE_SIZE).offset(page * PAGE_SIZE)
    ).all()
    members = {m.id: m for m in session.scalars(
        select(Member).where(Member.id.in_([row.id for row in rows])).options(MENTOR_PROFILE)
    ).unique()}
    matches = [MentorMatch(members[row.id], fit_from_counts(
        criteria, areas_met=row.hits, role_met=bool(row.role_met),
        community_met=bool(row.community_met)), row.spare) for row in rows]
    return SearchPage(criteria, matches, page, total)


def top_matches(session: Session, *, team_id: str, searcher_id: int, criteria: SearchCriteria,
                limit: int = 3) -> list[MentorMatch]:
    """The first few results, for DMs that suggest alternatives."""
    return find_mentors(session, team_id=team_id, searcher_id=searcher_id,
                        criteria=criteria).matches[:limit]




@dataclass(frozen=True)
class MentorView:
    """A mentor's profile as a searcher sees it, with the room they have."""

    mentor: Member
    spare: int


def view_mentor(session: Session, *, actor: Actor, mentor_id: int) -> MentorView:
    """A mentor of the actor's workspace, for their profile page."""
    require_member(session, actor=actor)
    mentor = member_in_workspace(session, actor=actor, member_id=mentor_id)
    if not mentor.is_mentor or mentor.mentor_profile is None:
        raise NotFound(f"{mentor.name} is not taking part as a mentor.")
    taken = session.scalar(select(func.count()).select_from(Relationship).where(
        Relationship.mentor_id == mentor.id, Relationship.status == RelationshipStatus.ACTIVE)) or 0
    return MentorView(mentor, mentor.mentor_profile.capacity - taken)
