"""The health report: who may see it, and building it in a fixed number of statements."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from domain.admin.access import require_admin
from domain.admin.health.counts import member_figures, proposal_figures
from domain.admin.health.feedback import feedback_figures
from domain.admin.health.figures import HealthReport
from domain.admin.health.months import MONTHS, month_starts
from domain.admin.health.together import goal_figures, meeting_figures, relationship_figures
from domain.members import Actor
from domain.programme import ensure_programme


def health_report(session: Session, *, actor: Actor, workspace_admin: bool,
                  now: datetime) -> HealthReport:
    """The programme's health for one of its admins: counts, never diaries, messages or who
    said what to whom."""
    programme = require_admin(session, actor=actor, workspace_admin=workspace_admin,
                              what="health report", now=now)
    return build_report(session, team_id=programme.team_id, name=programme.name, now=now)


def owed_report(session: Session, *, team_id: str, now: datetime) -> HealthReport:
    """The report for a document an admin asked for (the asking use case checked them): what
    the sender builds when it delivers the DM."""
    programme = ensure_programme(session, team_id=team_id, now=now)
    return build_report(session, team_id=team_id, name=programme.name, now=now)


def build_report(session: Session, *, team_id: str, name: str, now: datetime) -> HealthReport:
    """Every figure of the report, one grouped statement per subject."""
    starts = month_starts(now)
    return HealthReport(
        programme=name, as_of=now, months=tuple(s.date() for s in starts[:MONTHS]),
        members=member_figures(session, team_id, starts),
        proposals=proposal_figures(session, team_id, starts),
        relationships=relationship_figures(session, team_id, starts),
        meetings=meeting_figures(session, team_id, starts, now),
        goals=goal_figures(session, team_id, starts),
        feedback=feedback_figures(session, team_id, starts))
