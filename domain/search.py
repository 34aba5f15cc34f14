"""The mentor search: exclusions, criteria and ranking done by the database, a page at a time."""

from __future__ import annotations

import operator
from dataclasses import dataclass
from functools import lru_cache, reduce
from typing import NamedTuple

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Integer,
    Row,
    Select,
    String,
    and_,
    bindparam,
    cast,
    exists,
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
    area_pattern,
)
from domain.people import member_in_workspace
from domain.reports import either_blocked
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
    total: int  # how many match; when `more`, how many were counted before stopping
    more: bool = False  # more than `total` match

    @property
    def has_next(self) -> bool:
        """More results after this page."""
        return self.more or (self.page + 1) * PAGE_SIZE < self.total


# Results are counted up to this many (or to the end of the page shown, if further): beyond
# it the total reads "more than", and counting stops instead of scoring every mentor twice.
COUNTED = 100

# The mentors a search may offer, spelled as the partial index ix_mentor_profiles_open is,
# so that both databases read that narrow index rather than the table.
LISTED = text("mentor_profiles.listed AND mentor_profiles.open_to_requests "
              "AND mentor_profiles.spare_capacity > 0")


class _Shape(NamedTuple):
    """Which criteria a search sets: the statement is built once per shape and kept, since
    building it costs more CPU than running it; the values travel as bound parameters."""

    areas: int  # how many different areas are asked
    role: bool
    community: bool
    exact: bool
    keyword: bool


def _shape_and_values(team_id: str, searcher_id: int, criteria: SearchCriteria
                      ) -> tuple[_Shape, dict[str, object]]:
    asked = sorted(set(criteria.area_ids))
    keyword = clean(criteria.keyword)
    shape = _Shape(len(asked), bool(criteria.role_id), bool(criteria.community_id),
                   criteria.exact, bool(keyword))
    escaped = keyword[:MAX_KEYWORD].replace("\\", "\\\\").replace("%", "\\%")
    return shape, {
        "team_id": team_id, "searcher_id": searcher_id, "scale": max(len(asked), 1),
        "role_id": criteria.role_id, "community_id": criteria.community_id,
        **{f"area_{n}": area_pattern(area) for n, area in enumerate(asked)},
        "pattern": "%" + escaped.replace("_", "\\_") + "%"}


def _keyword_filter() -> ColumnElement[bool]:
    pattern = bindparam("pattern", type_=String)
    return or_(*(column.ilike(pattern, escape="\\") for column in (
        Member.name, Member.job_title, Member.organisation, MentorProfile.bio)))


class _Met(NamedTuple):
    """Each criterion the search sets, as a condition on the mentor's own row."""

    areas: list[ColumnElement[bool]]
    role: ColumnElement[bool] | None
    community: ColumnElement[bool] | None

    @property
    def every(self) -> list[ColumnElement[bool]]:
        """All the conditions, those not set left out."""
        return [*self.areas, *(one for one in (self.role, self.community) if one is not None)]


def _met(shape: _Shape) -> _Met:
    # An area is met when its " id " is in the mentor's area list (see MentorProfile).
    return _Met([MentorProfile.area_list.like(bindparam(f"area_{n}", type_=String))
                 for n in range(shape.areas)],
                MentorProfile.role_id == bindparam("role_id") if shape.role else None,
                MentorProfile.community_id == bindparam("community_id")
                if shape.community else None)


def _as_count(condition: ColumnElement[bool] | None) -> ColumnElement[int]:
    return literal(0) if condition is None else cast(condition, Integer)


def _asked_already() -> CompoundSelect:
    """Mentors the searcher has a request waiting with, or is being mentored by."""
    searcher = bindparam("searcher_id", type_=Integer)
    return union_all(
        select(Proposal.mentor_id).where(Proposal.mentee_id == searcher,
                                         Proposal.status == ProposalStatus.PENDING),
        select(Relationship.mentor_id).where(Relationship.mentee_id == searcher,
                                             Relationship.status == RelationshipStatus.ACTIVE))


def _shown(shape: _Shape, *columns: ColumnElement[object]) -> Select:
    """`columns` of every mentor the search shows: open, not the searcher nor already asked,
    meeting every criterion set (exact) or at least one; all open ones when none is set."""
    met = _met(shape).every
    query = select(*columns).select_from(MentorProfile).where(
        LISTED, MentorProfile.team_id == bindparam("team_id"),
        MentorProfile.member_id != bindparam("searcher_id", type_=Integer),
        MentorProfile.member_id.not_in(_asked_already()),
        # Neither has blocked the other: in this statement, so search stays one query.
        ~exists().where(either_blocked(MentorProfile.member_id,
                                       bindparam("searcher_id", type_=Integer))))
    if met:
        query = query.where(and_(*met) if shape.exact else or_(*met))
    if shape.keyword:  # the only criterion that needs the member row
        query = query.join(Member, Member.id == MentorProfile.member_id).where(
            _keyword_filter())
    return query


def _search_query(shape: _Shape) -> Select:
    """Every shown mentor with what they meet and how many there are (up to the bound
    `cap`); ordered by the caller. With no criterion set, all score alike."""
    met = _met(shape)
    hits = reduce(operator.add, map(_as_count, met.areas)) if met.areas else literal(0)
    role_met, community_met = _as_count(met.role), _as_count(met.community)
    # Scaled by the number of areas asked, so the score stays a whole number in SQL.
    score = hits * AREA_WEIGHT + bindparam("scale", type_=Integer) * (
        role_met * ROLE_WEIGHT + community_met * COMMUNITY_WEIGHT)
    counted = _shown(shape, literal(1)).limit(bindparam("cap", type_=Integer))
    total = select(func.count()).select_from(counted.subquery("counted")).scalar_subquery()
    return _shown(shape, MentorProfile.member_id.label("id"), hits.label("hits"),
                  role_met.label("role_met"), community_met.label("community_met"),
                  MentorProfile.spare_capacity.label("spare"), score.label("score"),
                  total.label("total"))


@lru_cache(maxsize=256)
def _page_statement(shape: _Shape) -> Select:
    """One page of the search of this shape, best first (a few hundred shapes at most)."""
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

    The page and the total come from one statement; the total is counted up to a cap."""
    shape, values = _shape_and_values(team_id, searcher_id, criteria)
    page = max(0, page)
    # Counting one past what the pages up to this one show says whether there are more.
    cap = max(COUNTED, (page + 1) * PAGE_SIZE)
    query = shape, {**values, "cap": cap + 1}
    rows = _page_rows(session, query, page)
    if not rows and page > 0:  # fewer results than when the page was drawn: show the last
        first = _page_rows(session, query, 0)
        page = max((first[0].total - 1) // PAGE_SIZE, 0) if first else 0
        rows = _page_rows(session, query, page) if page else first
    total = min(rows[0].total, cap) if rows else 0
    members = _members(session, [row.id for row in rows])
    matches = [MentorMatch(members[row.id], fit_from_counts(
        criteria, areas_met=row.hits, role_met=bool(row.role_met),
        community_met=bool(row.community_met)), row.spare) for row in rows]
    return SearchPage(criteria, matches, page, total, more=bool(rows) and rows[0].total > cap)


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


def your_mentors(session: Session, *, team_id: str, searcher_id: int) -> list[Member]:
    """The searcher's current mentors, shown first when they ask about a message (the search
    itself leaves them out, as they need no request)."""
    mentor_ids = list(session.scalars(select(Relationship.mentor_id).where(
        Relationship.team_id == team_id, Relationship.mentee_id == searcher_id,
        Relationship.status == RelationshipStatus.ACTIVE).order_by(Relationship.id)))
    found = _members(session, mentor_ids)
    return [found[one] for one in mentor_ids if one in found]
