"""The mentor search: exclusions, criteria and ranking done by the database, a page at a time."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Integer,
    Row,
    Select,
    String,
    Subquery,
    bindparam,
    func,
    literal,
    or_,
    select,
    text,
    union_all,
)
from sqlalchemy.orm import Session, joinedload

from domain.errors import NotFound
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


# The mentors a search may offer, spelled as the partial index ix_mentor_profiles_open is,
# so that both databases read that narrow index rather than the table.
LISTED = text("mentor_profiles.listed AND mentor_profiles.open_to_requests "
              "AND mentor_profiles.spare_capacity > 0")


class _Shape(NamedTuple):
    """Which criteria a search sets: the statement is built once per shape and kept, since
    building it costs more CPU than running it; the values travel as bound parameters."""

    areas: bool
    role: bool
    community: bool
    exact: bool
    keyword: bool


def _shape_and_values(team_id: str, searcher_id: int, criteria: SearchCriteria
                      ) -> tuple[_Shape, dict[str, object]]:
    asked = sorted(set(criteria.area_ids))
    keyword = clean(criteria.keyword)
    shape = _Shape(bool(asked), bool(criteria.role_id), bool(criteria.community_id),
                   criteria.exact, bool(keyword))
    escaped = keyword[:MAX_KEYWORD].replace("\\", "\\\\").replace("%", "\\%")
    return shape, {
        "team_id": team_id, "searcher_id": searcher_id, "asked": asked,
        "asked_count": len(asked), "scale": max(len(asked), 1), "role_id": criteria.role_id,
        "community_id": criteria.community_id,
        "pattern": "%" + escaped.replace("_", "\\_") + "%"}


def _keyword_filter() -> ColumnElement[bool]:
    pattern = bindparam("pattern", type_=String)
    return or_(*(column.ilike(pattern, escape="\\") for column in (
        Member.name, Member.job_title, Member.organisation, MentorProfile.bio)))


def _fits(shape: _Shape) -> Subquery:
    """Each open mentor who meets at least one criterion, with which ones, read from narrow
    indexes only: the area postings, and the open mentors of the asked role or community."""
    def part(member_id: ColumnElement[int], area: int, role: int, community: int) -> Select:
        return select(member_id.label("member_id"), literal(area).label("area"),
                      literal(role).label("role"), literal(community).label("community"))

    parts = []
    if shape.areas:
        parts.append(part(mentor_areas.c.member_id, 1, 0, 0)
                     .where(mentor_areas.c.item_id.in_(bindparam("asked", expanding=True))))
    if shape.role:
        parts.append(part(MentorProfile.member_id, 0, 1, 0)
                     .where(MentorProfile.role_id == bindparam("role_id"), LISTED))
    if shape.community:
        parts.append(part(MentorProfile.member_id, 0, 0, 1)
                     .where(MentorProfile.community_id == bindparam("community_id"), LISTED))
    met = union_all(*parts).subquery("met")
    fits = (select(met.c.member_id, func.sum(met.c.area).label("hits"),
                   func.max(met.c.role).label("role_met"),
                   func.max(met.c.community).label("community_met"))
            .group_by(met.c.member_id))
    if shape.exact:  # every criterion set, met
        fits = fits.having(func.sum(met.c.area) == bindparam("asked_count", type_=Integer), *(
            func.max(column) == 1 for column, wanted in (
                (met.c.role, shape.role), (met.c.community, shape.community)) if wanted))
    return fits.subquery("fits")


def _asked_already() -> CompoundSelect:
    """Mentors the searcher has a request waiting with, or is being mentored by."""
    searcher = bindparam("searcher_id", type_=Integer)
    return union_all(
        select(Proposal.mentor_id).where(Proposal.mentee_id == searcher,
                                         Proposal.status == ProposalStatus.PENDING),
        select(Relationship.mentor_id).where(Relationship.mentee_id == searcher,
                                             Relationship.status == RelationshipStatus.ACTIVE))


def _search_query(shape: _Shape) -> Select:
    """Every shown mentor with what they meet and how many there are; ordered by the caller.

    With no criterion set every open mentor is shown and all score alike."""
    if shape.areas or shape.role or shape.community:
        fits = _fits(shape)
        member_id, hits, role_met, community_met = (
            fits.c.member_id, fits.c.hits, fits.c.role_met, fits.c.community_met)
        base = select(fits).join(MentorProfile, MentorProfile.member_id == member_id)
    else:
        member_id, hits, role_met, community_met = (
            MentorProfile.member_id, literal(0), literal(0), literal(0))
        base = select(MentorProfile)
    # Scaled by the number of areas asked, so the score stays a whole number in SQL.
    score = hits * AREA_WEIGHT + bindparam("scale", type_=Integer) * (
        role_met * ROLE_WEIGHT + community_met * COMMUNITY_WEIGHT)
    query = base.with_only_columns(
        member_id.label("id"), hits.label("hits"), role_met.label("role_met"),
        community_met.label("community_met"), MentorProfile.spare_capacity.label("spare"),
        score.label("score"), func.count().over().label("total"), maintain_column_froms=True,
    ).where(LISTED, MentorProfile.team_id == bindparam("team_id"),
            MentorProfile.member_id != bindparam("searcher_id", type_=Integer),
            MentorProfile.member_id.not_in(_asked_already()))
    if shape.keyword:  # the only criterion that needs the member row
        query = query.join(Member, Member.id == MentorProfile.member_id).where(
            _keyword_filter())
    return query


@lru_cache(maxsize=64)
def _page_statement(shape: _Shape) -> Select:
    """One page of the search of this shape, best first; 32 shapes at most."""
    query = _search_query(shape)
    columns = query.selected_columns
    return (query.order_by(columns.score.desc(), columns.spare.desc(), columns.id)
            .limit(PAGE_SIZE).offset(bindparam("offset", type_=Integer)))


def _page_rows(session: Session, search: tuple[_Shape, dict[str, object]], page: int
               ) -> list[Row]:
    shape, values = search
    return list(session.execute(_page_statement(shape),
                                {**values, "offset": page * PAGE_SIZE}).all())


def _members(session: Session, member_ids: list[int]) -> dict[int, Member]:
    """The mentors of one page with what their result shows, loaded in a fixed few statements."""
    if not member_ids:
        return {}
    # Each result is one row of members joined to its profile; the areas come in a second.
    profile = joinedload(Member.mentor_profile, innerjoin=True)
    query = select(Member).where(Member.id.in_(member_ids)).options(
        profile.selectinload(MentorProfile.areas), profile.joinedload(MentorProfile.role),
        profile.joinedload(MentorProfile.community))
    return {m.id: m for m in session.scalars(query.execution_options(populate_existing=True))}


def find_mentors(session: Session, *, team_id: str, searcher_id: int, criteria: SearchCriteria,
                 page: int = 0) -> SearchPage:
    """One page of the mentors this searcher may ask, best first (see domain.matching).

    The page and the total come from one statement (a window count over the same rows)."""
    query = _shape_and_values(team_id, searcher_id, criteria)
    page = max(0, page)
    rows = _page_rows(session, query, page)
    if not rows and page > 0:  # fewer results than when the page was drawn: show the last
        first = _page_rows(session, query, 0)
        page = max((first[0].total - 1) // PAGE_SIZE, 0) if first else 0
        rows = _page_rows(session, query, page) if page else first
    total = rows[0].total if rows else 0
    members = _members(session, [row.id for row in rows])
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
    mentor = _members(session, [member_in_workspace(session, actor=actor,
                                                    member_id=mentor_id).id])[mentor_id]
    if not mentor.is_mentor or mentor.mentor_profile is None:
        raise NotFound(f"{mentor.name} is not taking part as a mentor.")
    return MentorView(mentor, mentor.mentor_profile.spare_capacity)
