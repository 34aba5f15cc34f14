"""Home tabs follow the rows they show: a change to one of them re-publishes whoever sees it.

Use cases never ask for a refresh. After each flush, every session looks at the Home rows it
added, changed or deleted and writes `HomeRefresh` rows for the people whose Home shows them,
in the same transaction: a rolled-back change asks for nothing, and no future use case can
forget to ask.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import event, func, inspect, select
from sqlalchemy.orm import Session

from domain import outbox
from domain.base import insert_ignoring_duplicates
from domain.model import (
    DiaryEntry,
    Feedback,
    Goal,
    GoalMilestone,
    HomeRefresh,
    Meeting,
    Member,
    MenteeProfile,
    MentorProfile,
    Proposal,
    Relationship,
    StageCompletion,
)
from domain.people import people_who_see


def _pair(session: Session, relationship_id: int | None) -> tuple[int, ...]:
    """Both sides of a relationship (read from the identity map when it is loaded)."""
    pair = session.get(Relationship, relationship_id) if relationship_id else None
    return (pair.mentee_id, pair.mentor_id) if pair else ()


def _goal_pair(session: Session, milestone: GoalMilestone) -> tuple[int, ...]:
    loaded = inspect(milestone).attrs.goal.loaded_value  # set when made through the goal
    goal = loaded if isinstance(loaded, Goal) else (
        session.get(Goal, milestone.goal_id) if milestone.goal_id else None)
    return _pair(session, goal.relationship_id) if goal else ()


# Who sees each kind of row on their Home, as member ids.
VIEWERS: dict[type, Callable[[Session, Any], Iterable[int]]] = {
    Member: lambda _s, row: (row.id,),
    MentorProfile: lambda _s, row: (row.member_id,),
    MenteeProfile: lambda _s, row: (row.member_id,),
    Proposal: lambda _s, row: (row.mentee_id, row.mentor_id),
    Relationship: lambda _s, row: (row.mentee_id, row.mentor_id),
    Meeting: lambda s, row: _pair(s, row.relationship_id),
    Goal: lambda s, row: _pair(s, row.relationship_id),
    GoalMilestone: _goal_pair,
    StageCompletion: lambda s, row: _pair(s, row.relationship_id),
    DiaryEntry: lambda _s, row: (row.author_id,),
    Feedback: lambda _s, row: (row.author_id,),
}
# A member's own rows also appear on partners' cards and on the requests they answer.
SHOWN_TO_OTHERS = (Member, MentorProfile, MenteeProfile)


def _changed(session: Session, row: Any) -> bool:
    """True when a dirty row changed something its Home shows."""
    if not session.is_modified(row, include_collections=True):
        return False
    return any(attr.history.has_changes() for attr in inspect(row).attrs)


@event.listens_for(Session, "after_flush")
def _refresh_homes_shown(session: Session, _context: Any) -> None:
    """Queue a Home refresh for everyone who sees a row this flush wrote (ids are known now)."""
    seen: set[int] = set()
    others: set[int] = set()
    dirty = [row for row in session.dirty if _changed(session, row)]
    for row in [*session.new, *dirty, *session.deleted]:
        viewers = VIEWERS.get(type(row))
        if viewers is None:
            continue
        ids = {member_id for member_id in viewers(session, row) if member_id}
        seen |= ids
        if isinstance(row, SHOWN_TO_OTHERS):
            others |= ids
    if seen:
        _refresh_members(session, seen, others)


def _refresh_members(session: Session, seen: set[int], others: set[int]) -> None:
    for member in session.scalars(select(Member).where(Member.id.in_(seen))).all():
        users = [member.slack_user_id]
        if member.id in others:
            users += people_who_see(session, member=member)
        _refresh(session, member.team_id, users)


def _refresh(session: Session, team_id: str, user_ids: Iterable[str]) -> None:
    """Queue these people's Homes to be re-published once this transaction commits."""
    for user_id in dict.fromkeys(user_ids):
        session.info[outbox.PENDING_FLAG] = True
        insert_ignoring_duplicates(session, model=HomeRefresh, values={
            "team_id": team_id, "user_id": user_id, "requested_at": func.now()})
