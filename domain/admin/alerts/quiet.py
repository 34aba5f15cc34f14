"""Relationships gone quiet: no message, meeting, goal, worksheet or stage change for the
programme's `quiet_relationship_days`. One card per relationship per quiet spell."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import CTE, Select, Subquery, and_, exists, func, or_, select, union_all
from sqlalchemy.orm import Session

from domain.admin.alerts.cards import alert_quiet_relationship
from domain.loading import SIDES
from domain.model import (
    AdminAlert,
    AlertKind,
    Conversation,
    Goal,
    GoalMilestone,
    Meeting,
    MeetingStatus,
    Programme,
    Relationship,
    RelationshipStatus,
    StageCompletion,
    Worksheet,
)


def _moments(active: CTE, now: datetime) -> Subquery:
    """Every moment a pair was active, as (rid, at): matched, met, a meeting changed, a goal,
    milestone, worksheet or stage, and the last message between them."""
    def by_pair(column: Any, *joins: Any) -> Select[Any]:
        return select(active.c.id, column).select_from(active).join(*joins)

    return union_all(
        select(active.c.id.label("rid"), active.c.started_at.label("at")),
        by_pair(Meeting.updated_at, Meeting, Meeting.relationship_id == active.c.id),
        by_pair(Meeting.starts_at, Meeting, and_(
            Meeting.relationship_id == active.c.id, Meeting.status == MeetingStatus.SCHEDULED,
            Meeting.starts_at <= now)),
        by_pair(Goal.updated_at, Goal, Goal.relationship_id == active.c.id),
        select(Goal.relationship_id, GoalMilestone.created_at).join(
            Goal, GoalMilestone.goal_id == Goal.id).join(active, Goal.relationship_id ==
                                                         active.c.id),
        by_pair(StageCompletion.completed_at, StageCompletion,
                StageCompletion.relationship_id == active.c.id),
        by_pair(Worksheet.updated_at, Worksheet, Worksheet.relationship_id == active.c.id),
        by_pair(Conversation.last_message_at, Conversation, or_(
            and_(Conversation.first_member_id == active.c.mentee_id,
                 Conversation.second_member_id == active.c.mentor_id),
            and_(Conversation.first_member_id == active.c.mentor_id,
                 Conversation.second_member_id == active.c.mentee_id))),
    ).subquery()


def _quiet_query(team_id: str, cutoff: datetime, now: datetime, limit: int
                 ) -> Select[tuple[Relationship, datetime]]:
    """The team's active relationships whose latest activity is before `cutoff`, with it, and
    with no card raised since that activity: one statement."""
    active = select(Relationship.id, Relationship.mentee_id, Relationship.mentor_id,
                    Relationship.started_at).where(
        Relationship.team_id == team_id,
        Relationship.status == RelationshipStatus.ACTIVE).cte("active")
    moments = _moments(active, now)
    latest = func.max(moments.c.at)
    last = select(moments.c.rid, latest.label("last")).group_by(moments.c.rid) \
        .having(latest <= cutoff).subquery()
    carded = exists().where(AdminAlert.relationship_id == Relationship.id,
                            AdminAlert.kind == AlertKind.QUIET_RELATIONSHIP,
                            AdminAlert.created_at >= last.c.last)
    return (select(Relationship, last.c.last).join(last, last.c.rid == Relationship.id)
            .where(~carded).order_by(last.c.last, Relationship.id).limit(limit)
            .options(*SIDES))


def alert_quiet_relationships(session: Session, *, now: datetime, limit: int = 100) -> int:
    """Raise a card for each relationship that went quiet, in every programme with an admin
    channel; returns how many were raised."""
    programmes = session.execute(select(Programme.team_id, Programme.quiet_relationship_days)
                                 .where(Programme.admin_channel_id.is_not(None))).all()
    raised = 0
    for team_id, days in programmes:
        cutoff = now - timedelta(days=days)
        for relationship, last in session.execute(_quiet_query(team_id, cutoff, now, limit)):
            if alert_quiet_relationship(session, relationship=relationship, quiet_since=last,
                                        now=now):
                raised += 1
    return raised
