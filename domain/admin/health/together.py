"""Relationships, meetings and goals, each read in one grouped statement."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from domain.admin.health.figures import GoalFigures, MeetingFigures, RelationshipFigures
from domain.admin.health.months import Monthly, month_of
from domain.model import (
    Goal,
    GoalStatus,
    Meeting,
    MeetingStatus,
    Relationship,
    RelationshipStatus,
    Stage,
)


def relationship_figures(session: Session, team_id: str, starts: Sequence[datetime]
                         ) -> RelationshipFigures:
    """Relationships by status and (the active ones) by stage; started and completed each
    month."""
    pairs = (select(Relationship.status, Relationship.stage,
                    month_of(Relationship.started_at, starts).label("started"),
                    month_of(Relationship.ended_at, starts).label("ended"))
             .where(Relationship.team_id == team_id).subquery())
    rows = session.execute(select(pairs.c.status, pairs.c.stage, pairs.c.started,
                                  pairs.c.ended, func.count())
                           .group_by(pairs.c.status, pairs.c.stage, pairs.c.started,
                                     pairs.c.ended)).all()
    by_status = {status: 0 for status in RelationshipStatus}
    by_stage = {stage: 0 for stage in Stage}
    for status, stage, _started, _ended, count in rows:
        by_status[RelationshipStatus(status)] += count
        if status == RelationshipStatus.ACTIVE:
            by_stage[Stage(stage)] += count
    return RelationshipFigures(
        active=by_status[RelationshipStatus.ACTIVE],
        completed=by_status[RelationshipStatus.COMPLETED],
        ended_early=by_status[RelationshipStatus.WITHDRAWN],
        closed_inactive=by_status[RelationshipStatus.INACTIVE],
        by_stage=tuple(by_stage.items()),
        started_by_month=Monthly.counted((started, n) for _, _, started, _, n in rows),
        completed_by_month=Monthly.counted(
            (ended, n) for status, _, _, ended, n in rows
            if status == RelationshipStatus.COMPLETED))


def meeting_figures(session: Session, team_id: str, starts: Sequence[datetime],
                    now: datetime) -> MeetingFigures:
    """Meetings that took place (not cancelled, start passed) by month; those to come."""
    meetings = (select(month_of(Meeting.starts_at, starts).label("m"),
                       case((Meeting.starts_at <= now, 1), else_=0).label("held"))
                .where(Meeting.team_id == team_id, Meeting.status == MeetingStatus.SCHEDULED)
                .subquery())
    rows = session.execute(select(meetings.c.m, meetings.c.held, func.count())
                           .group_by(meetings.c.m, meetings.c.held)).all()
    return MeetingFigures(
        held=sum(n for _, held, n in rows if held), upcoming=sum(n for _, held, n in rows
                                                                 if not held),
        held_by_month=Monthly.counted((m, n) for m, held, n in rows if held))


def goal_figures(session: Session, team_id: str, starts: Sequence[datetime]) -> GoalFigures:
    """Goals set and completed, each in its own month."""
    goals = (select(Goal.status, month_of(Goal.created_at, starts).label("set"),
                    month_of(Goal.completed_at, starts).label("done"))
             .where(Goal.team_id == team_id).subquery())
    rows = session.execute(select(goals.c.status, goals.c.set, goals.c.done, func.count())
                           .group_by(goals.c.status, goals.c.set, goals.c.done)).all()
    completed = [(done, n) for status, _, done, n in rows if status == GoalStatus.COMPLETED]
    return GoalFigures(
        set=sum(n for *_, n in rows), completed=sum(n for _, n in completed),
        set_by_month=Monthly.counted((made, n) for _, made, _, n in rows),
        completed_by_month=Monthly.counted(completed))
