"""The mentor search: exclusions, criteria and ranking done by the database, a page at a time."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import (
    ColumnElement,
    Row,
    Select,
    Subquery,
    case,
    exists,
    func,
    literal,
    or_,
    select,
    text,
)
from sqlalchemy.orm import Session, selectinload

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


# The mentors a search may offer, spelled as the partial index ix_mentor_profiles_open is,
# so that both databases read that narrow index rather than the table.
LISTED = text("mentor_profiles.open_to_requests AND mentor_profiles.spare_capacity > 0")


def _keyword_filter(keyword: str) -> ColumnElement[bool]:
    escaped = clean(keyword)[:MAX_KEYWORD].replace("\\", "\\\\").replace("%", "\\%")
    pattern = "%" + escaped.replace("_", "\\_") + "%"
    return or_(*(column.ilike(pattern, escape="\\") for column in (
        Member.name, Member.job_title, Member.organisation, MentorProfile.bio)))


def _hits(asked: list[int]) -> Subquery:
    """How many of the asked areas each mentor offers, for mentors offering at least one."""
    return (select(mentor_areas.c.member_id, func.count().label("hits"))
            .where(mentor_areas.c.item_id.in_(asked))
            .group_by(mentor_areas.c.member_id).subquery("hits"))


def _not_asked_already(searcher_id: int) -> list[ColumnElement[bool]]:
    return [Member.id != searcher_id,
            ~exists().where(Proposal.mentee_id == searcher_id,
                            Proposal.mentor_id == Member.id,
                            Proposal.status == ProposalStatus.PENDING),
            ~exists().where(Relationship.mentee_id == searcher_id,
                            Relationship.mentor_id == Member.id,
                            Relationship.status == RelationshipStatus.ACTIVE)]


def _search_query(team_id: str, searcher_id: int, criteria: SearchCriteria) -> Select:
    """Every shown mentor with their counts and how many there are; ordered by the caller."""
    asked = sorted(set(criteria.area_ids))
    role_met = (MentorProfile.role_id == criteria.role_id) if criteria.role_id else literal(False)
    community_met = ((MentorProfile.community_id == criteria.community_id)
                     if criteria.community_id else literal(False))
    query = select(MentorProfile).join(Member, Member.id == MentorProfile.member_id)
    area_hits: ColumnElement[int] = literal(0)
    if asked:
        hits = _hits(asked)
        # Only mentors with an asked area can be shown unless a role or community may do.
        needs_area = criteria.exact or not (criteria.role_id or criteria.community_id)
        query = query.join(hits, hits.c.member_id == MentorProfile.member_id,
                           isouter=not needs_area)
        area_hits = func.coalesce(hits.c.hits, 0)
    # Scaled by the number of areas asked, so the score stays a whole number in SQL.
    score = (area_hits * AREA_WEIGHT + max(len(asked), 1) * (
        case((role_met, ROLE_WEIGHT), else_=0) + case((community_met, COMMUNITY_WEIGHT),
                                                       else_=0)))
    query = query.with_only_columns(
        MentorProfile.member_id.label("id"), area_hits.label("hits"), role_met.label("role_met"),
        community_met.label("community_met"), MentorProfile.spare_capacity.label("spare"),
        score.label("score"), func.count().over().label("total"), maintain_column_froms=True,
    ).where(LISTED, Member.team_id == team_id, Member.status == MemberStatus.ACTIVE,
            Member.is_mentor, *_not_asked_already(searcher_id))
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


def _page_rows(session: Session, query: Select, page: int) -> list[Row]:
    ordered = query.order_by(query.selected_columns.score.desc(),
                             query.selected_columns.spare.desc(), query.selected_columns.id)
    return list(session.execute(ordered.limit(PAGE_SIZE).offset(page * PAGE_SIZE)).all())


def _members(session: Session, member_ids: list[int]) -> dict[int, Member]:
    """The mentors of one page with what their result shows, loaded in a fixed few statements."""
    if not member_ids:
        return {}
    profile = selectinload(Member.mentor_profile)
    return {m.id: m for m in session.scalars(select(Member).where(Member.id.in_(member_ids))
                                             .options(profile.selectinload(MentorProfile.areas),
                                                      profile.joinedload(MentorProfile.role),
                                                      profile.joinedload(MentorProfile.community)))}


def find_mentors(session: Session, *, team_id: str, searcher_id: int, criteria: SearchCriteria,
                 page: int = 0) -> SearchPage:
    """One page of the mentors this searcher may ask, best first (see domain.matching).

    The page and the total come from one statement (a window count over the same rows)."""
    query = _search_query(team_id, searcher_id, criteria)
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
    mentor = member_in_workspace(session, actor=actor, member_id=mentor_id)
    if not mentor.is_mentor or mentor.mentor_profile is None:
        raise NotFound(f"{mentor.name} is not taking part as a mentor.")
    return MentorView(mentor, mentor.mentor_profile.spare_capacity)
