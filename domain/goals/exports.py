"""Printing goals: one goal or a pair's goals as data for the PDF, owed to the actor as a DM."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain import outbox
from domain.goals.setting import goal_for
from domain.loading import GOAL
from domain.meetings.times import zone_of
from domain.members import Actor, require_member
from domain.model import Goal, OutboxKind
from domain.relationships import Pairing, pairing_for, partner_of


def goal_export(goal: Goal, pairing: Pairing, zone: tzinfo) -> dict[str, Any]:
    """Plain data for printing one goal: who, when, what, and its milestones; the days it was
    set and completed are those in the reader's time zone."""
    author = goal.author
    partner = partner_of(pairing.relationship, author.id)
    return {"label": goal.label, "owner": author.name, "partner": partner.name,
            "details": goal.details, "status": goal.status, "outcome_note": goal.outcome_note,
            "due_on": goal.due_on.isoformat() if goal.due_on else None,
            "created_on": goal.created_at.astimezone(zone).date().isoformat(),
            "completed_on": (goal.completed_at.astimezone(zone).date().isoformat()
                             if goal.completed_at else None),
            "milestones": [{"kind": m.kind, "text": m.text,
                            "happened_on": m.happened_on.isoformat()} for m in goal.milestones]}


def goals_export(session: Session, *, actor: Actor, relationship_id: int) -> list[dict[str, Any]]:
    """Every goal of one of the actor's relationships, as data for the actor to print."""
    pairing = pairing_for(session, actor=actor, relationship_id=relationship_id)
    zone = zone_of(require_member(session, actor=actor).tz)
    goals = session.scalars(select(Goal).where(Goal.relationship_id == relationship_id)
                            .options(*GOAL).order_by(Goal.id)).unique()
    return [goal_export(goal, pairing, zone) for goal in goals]


def send_goals_pdf(session: Session, *, actor: Actor, goal_id: int | None = None,
                   relationship_id: int | None = None, now: datetime) -> None:
    """Owe the actor a DM with one goal, or all of a relationship's goals, as a PDF."""
    if goal_id is not None:
        access = goal_for(session, actor=actor, goal_id=goal_id)
        goal, pairing = access.goal, access.pairing
        zone = zone_of(require_member(session, actor=actor).tz)
        data, title = [goal_export(goal, pairing, zone)], f"Goal: {goal.label}"
    else:
        pairing = pairing_for(session, actor=actor, relationship_id=relationship_id or -1)
        data = goals_export(session, actor=actor, relationship_id=pairing.relationship.id)
        title = f"Goals: {pairing.relationship.mentee.name} and {pairing.relationship.mentor.name}"
    stamp = now.strftime("%Y%m%dT%H%M%S.%f")
    outbox.enqueue(session, team_id=actor.team_id, recipient=actor.user_id,
                   kind=OutboxKind.GOAL_PDF,
                   dedupe_key=f"goal_pdf:{actor.user_id}:{goal_id}:{relationship_id}:{stamp}",
                   payload={"goals_pdf": {"title": title, "goals": data}}, now=now)
