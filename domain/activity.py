"""When each mentoring pair was last active: the one computation that quiet cards, quiet
nudges and inactive warnings share, so they never disagree about when a quiet spell began.

A pair is active when it is matched, meets (or changes a meeting), works on a goal, a
milestone, a worksheet or a stage, or exchanges a message. The latest of those moments is the
anchor of the quiet spell: a new moment starts a new spell."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import CTE, ColumnElement, Select, Subquery, and_, func, select, union_all

from domain.model import (
    Conversation,
    Goal,
    GoalMilestone,
    Meeting,
    MeetingStatus,
    Relationship,
    RelationshipStatus,
    StageCompletion,
    Worksheet,
)


def active_pairs(*where: ColumnElement[bool]) -> CTE:
    """The active relationships (narrowed by `where`) as (id, team_id, mentee_id, mentor_id,
    started_at): what `last_activity` reads."""
    return select(Relationship.id, Relationship.team_id, Relationship.mentee_id,
                  Relationship.mentor_id, Relationship.started_at).where(
        Relationship.status == RelationshipStatus.ACTIVE, *where).cte("active")


def _moments(active: CTE, now: datetime | None) -> Subquery:
    """Every moment a pair was active, as (rid, at). A meeting counts from when it starts,
    once that is past `now` (with no `now`, every meeting on the calendar counts)."""
    def by_pair(column: Any, *joins: Any) -> Select[Any]:
        return select(active.c.id, column).select_from(active).join(*joins)

    started = [Meeting.starts_at <= now] if now is not None else []
    return union_all(
        select(active.c.id.label("rid"), active.c.started_at.label("at")),
        by_pair(Meeting.updated_at, Meeting, Meeting.relationship_id == active.c.id),
        by_pair(Meeting.starts_at, Meeting, and_(
            Meeting.relationship_id == active.c.id, Meeting.status == MeetingStatus.SCHEDULED,
            *started)),
        by_pair(Goal.updated_at, Goal, Goal.relationship_id == active.c.id),
        select(Goal.relationship_id, GoalMilestone.created_at).join(
            Goal, GoalMilestone.goal_id == Goal.id).join(active, Goal.relationship_id ==
                                                         active.c.id),
        by_pair(StageCompletion.completed_at, StageCompletion,
                StageCompletion.relationship_id == active.c.id),
        by_pair(Worksheet.updated_at, Worksheet, Worksheet.relationship_id == active.c.id),
        # Two plain joins rather than one with OR, so the database can hash them.
        by_pair(Conversation.last_message_at, Conversation, and_(
            Conversation.first_member_id == active.c.mentee_id,
            Conversation.second_member_id == active.c.mentor_id)),
        by_pair(Conversation.last_message_at, Conversation, and_(
            Conversation.first_member_id == active.c.mentor_id,
            Conversation.second_member_id == active.c.mentee_id)),
    ).subquery()


def last_activity(active: CTE, now: datetime | None,
                  quiet_since: datetime | None = None) -> Subquery:
    """(rid, last): each pair of `active` with its latest moment of activity, only those
    quiet since `quiet_since` when it is given; one subquery, grouped once."""
    moments = _moments(active, now)
    latest = func.max(moments.c.at)
    query = select(moments.c.rid, latest.label("last")).group_by(moments.c.rid)
    if quiet_since is not None:
        query = query.having(latest <= quiet_since)
    return query.subquery("last_activity")
