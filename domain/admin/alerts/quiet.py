"""Relationships gone quiet: no message, meeting, goal, worksheet or stage change for the
programme's `quiet_relationship_days`. One card per relationship per quiet spell."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Select, exists, select
from sqlalchemy.orm import Session

from domain.activity import active_pairs, last_activity
from domain.admin.alerts.cards import alert_quiet_relationship
from domain.loading import SIDES
from domain.model import AdminAlert, AlertKind, Programme, Relationship


def _quiet_query(team_id: str, cutoff: datetime, now: datetime, limit: int
                 ) -> Select[tuple[Relationship, datetime]]:
    """The team's active relationships whose latest activity is before `cutoff`, with it, and
    with no card raised since that activity: one statement."""
    last = last_activity(active_pairs(Relationship.team_id == team_id), now, quiet_since=cutoff)
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
                                 .where(Programme.admin_channel_id.is_not(None),
                                        Programme.sending_stopped_at.is_(None))).all()
    raised = 0
    for team_id, days in programmes:
        cutoff = now - timedelta(days=days)
        for relationship, last in session.execute(_quiet_query(team_id, cutoff, now, limit)):
            if alert_quiet_relationship(session, relationship=relationship, quiet_since=last,
                                        now=now):
                raised += 1
    return raised
