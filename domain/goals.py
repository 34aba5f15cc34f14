"""SMART goals of a relationship: set, changed, completed and reviewed by their author alone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain import outbox
from domain.errors import InvalidInput, NotAllowed, NotFound
from domain.lifecycle import RELATIONSHIP_NOW, NotPossibleNow
from domain.meetings.times import zone_of
from domain.members import Actor, require_member
from domain.model import (
    Goal,
    GoalMilestone,
    GoalStatus,
    Member,
    MilestoneKind,
    OutboxKind,
    RelationshipStatus,
    member_of,
)
from domain.relationships import Pairing, pairing_for, partner_of, relationships_of
from domain.submissions import create_once
from domain.text import check_text, one_text

MAX_LABEL = 120
MAX_DETAILS = 2000
MAX_NOTE = 2000
MAX_MILESTONE = 1000
PAGE_SIZE = 10
# How far from today a completion or milestone date may be; past dates stay allowed for
# goals set after the fact.
MAX_SPAN = timedelta(days=10 * 365)


@dataclass(frozen=True)
class GoalAnswers:
    """What the goal form holds."""

    label: str
    details: str
    due_on: date | None
    no_due_date: bool


@dataclass(frozen=True)
class GoalList:
    """A relationship's goals as one of the pair sees them, one page at a time."""

    pairing: Pairing
    me: Member
    goals: list[Goal]
    today: date
    page: int
    pages: int


def local_today(tz: str | None, now: datetime) -> date:
    """The date it is now where the person is."""
    return now.astimezone(zone_of(tz)).date()


def due_label(due_on: date | None, today: date) -> str:
    """'Due 6 days from now', 'Due today', 'Overdue by 2 days' or 'No completion date'."""
    if due_on is None:
        return "No completion date"
    days = (due_on - today).days
    if days == 0:
        return "Due today"
    unit = "day" if abs(days) == 1 else "days"
    return f"Due {days} {unit} from now" if days > 0 else f"Overdue by {-days} {unit}"


def check_day(errors: dict[str, str], field: str, day: date | None, today: date) -> None:
    """Note an error on `field` when `day` is more than ten years from today."""
    if day is not None and abs(day - today) > MAX_SPAN:
        errors[field] = "Please choose a date within ten years of today."


def check_goal(answers: GoalAnswers, today: date) -> GoalAnswers:
    """The answers cleaned, or InvalidInput naming each wrong field."""
    errors: dict[str, str] = {}
    label = check_text(errors, "label", answers.label, label="goal", max_length=MAX_LABEL)
    details = check_text(errors, "details", answers.details, label="details",
                         max_length=MAX_DETAILS, required=False)
    if answers.due_on is None and not answers.no_due_date:
        errors["due_on"] = "Please choose a completion date, or tick 'No completion date'."
    elif not answers.no_due_date:
        check_day(errors, "due_on", answers.due_on, today)
    if errors:
        raise InvalidInput(errors)
    return GoalAnswers(label, details, None if answers.no_due_date else answers.due_on,
                       answers.no_due_date)


def goals_of(session: Session, *, actor: Actor, relationship_id: int, now: datetime,
             page: int = 0) -> GoalList:
    """One page of the pair's goals (open first, soonest due first), for either of them."""
    pairing = pairing_for(session, actor=actor, relationship_id=relationship_id)
    me = require_member(session, actor=actor)
    every = list(session.scalars(select(Goal).where(Goal.relationship_id == relationship_id)))
    every.sort(key=lambda g: (g.status != GoalStatus.OPEN, g.due_on or date.max, g.id))
    pages = max(1, -(-len(every) // PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    return GoalList(pairing, me, every[page * PAGE_SIZE:(page + 1) * PAGE_SIZE],
                    local_today(me.tz, now), page, pages)


def goal_for(session: Session, *, actor: Actor, goal_id: int) -> tuple[Goal, Pairing]:
    """A goal either half of its pair may read, with the pair from the actor's side."""
    me = require_member(session, actor=actor)
    goal = session.get(Goal, goal_id)
    if goal is None or goal.team_id != actor.team_id:
        raise NotFound("Sorry, that goal no longer exists.")
    pair = goal.pair
    if me.id not in (pair.mentee_id, pair.mentor_id):
        raise NotAllowed("Sorry, that goal isn't yours to see.")
    return goal, Pairing(pair, partner_of(pair, me.id), pair.mentor_id == me.id)


def own_goal(session: Session, *, actor: Actor, goal_id: int) -> tuple[Goal, Pairing]:
    """A goal the actor set, locked for a change; the partner may only read it."""
    goal, pairing = goal_for(session, actor=actor, goal_id=goal_id)
    if goal.author.slack_user_id != actor.user_id:
        raise NotAllowed(f"Only {goal.author.name} can change this goal.")
    goal = session.get(Goal, goal.id, with_for_update=True, populate_existing=True) or goal
    return goal, pairing


def create_goal(session: Session, *, actor: Actor, relationship_id: int, answers: GoalAnswers,
                now: datetime, submission: str | None = None) -> Goal:
    """Set a new goal in an active relationship, once per view submission."""
    return create_once(session, team_id=actor.team_id, key=submission, model=Goal, now=now,
                       make=lambda: _new_goal(session, actor, relationship_id, answers, now))


def _new_goal(session: Session, actor: Actor, relationship_id: int, answers: GoalAnswers,
              now: datetime) -> Goal:
    pairing = pairing_for(session, actor=actor, relationship_id=relationship_id)
    status = pairing.relationship.status
    if status != RelationshipStatus.ACTIVE:
        raise NotPossibleNow(f"This mentoring relationship {RELATIONSHIP_NOW.get(status, status)}"
                             ", so new goals can't be set in it.")
    me = require_member(session, actor=actor)
    checked = check_goal(answers, local_today(me.tz, now))
    goal = Goal(team_id=actor.team_id, relationship_id=relationship_id,
                author_id=me.id, label=checked.label,
                details=checked.details, due_on=checked.due_on, status="open", outcome_note="",
                created_at=now, updated_at=now)
    session.add(goal)
    session.flush()
    return goal


def edit_goal(session: Session, *, actor: Actor, goal_id: int, answers: GoalAnswers,
              now: datetime) -> Goal:
    """Change one's own goal."""
    goal, _ = own_goal(session, actor=actor, goal_id=goal_id)
    checked = check_goal(answers, local_today(require_member(session, actor=actor).tz, now))
    goal.label, goal.details, goal.due_on = checked.label, checked.details, checked.due_on
    goal.updated_at = now
    return goal


def delete_goal(session: Session, *, actor: Actor, goal_id: int, now: datetime) -> int:
    """Delete one's own goal and its milestones; returns its relationship's id."""
    goal, _ = own_goal(session, actor=actor, goal_id=goal_id)
    relationship_id = goal.relationship_id
    session.delete(goal)
    session.flush()
    return relationship_id


def complete_goal(session: Session, *, actor: Actor, goal_id: int, note: str,
                  now: datetime) -> Goal:
    """Mark one's own goal complete, with an optional outcome note."""
    note = one_text("note", note, label="outcome note", max_length=MAX_NOTE)
    goal, _ = own_goal(session, actor=actor, goal_id=goal_id)
    goal.status, goal.outcome_note, goal.completed_at = GoalStatus.COMPLETED, note, now
    goal.updated_at = now
    return goal


def reopen_goal(session: Session, *, actor: Actor, goal_id: int, now: datetime) -> Goal:
    """Open a completed goal again."""
    goal, _ = own_goal(session, actor=actor, goal_id=goal_id)
    goal.status, goal.completed_at, goal.updated_at = GoalStatus.OPEN, None, now
    return goal


def add_milestone(session: Session, *, actor: Actor, goal_id: int, kind: str, text: str,
                  happened_on: date | None, now: datetime,
                  submission: str | None = None) -> GoalMilestone:
    """Record a dated milestone, review or outcome on one's own goal, once per submission."""
    return create_once(session, team_id=actor.team_id, key=submission, model=GoalMilestone,
                       now=now, make=lambda: _new_milestone(session, actor, goal_id, kind, text,
                                                            happened_on, now))


def _new_milestone(session: Session, actor: Actor, goal_id: int, kind: str, text: str,
                   happened_on: date | None, now: datetime) -> GoalMilestone:
    errors: dict[str, str] = {}
    text = check_text(errors, "text", text, label="milestone", max_length=MAX_MILESTONE)
    if member_of(MilestoneKind, kind) is None:
        errors["kind"] = "Please choose milestone, review or outcome."
    if happened_on is None:
        errors["happened_on"] = "Please choose a date."
    check_day(errors, "happened_on", happened_on,
              local_today(require_member(session, actor=actor).tz, now))
    if errors:
        raise InvalidInput(errors)
    goal, _ = own_goal(session, actor=actor, goal_id=goal_id)
    milestone = GoalMilestone(goal_id=goal.id, kind=kind, text=text,
                              happened_on=happened_on, created_at=now)
    goal.milestones.append(milestone)
    goal.updated_at = now
    session.flush()
    return milestone


def remove_milestone(session: Session, *, actor: Actor, milestone_id: int,
                     now: datetime) -> Goal:
    """Take back a milestone, review or outcome recorded against one's own goal."""
    milestone = session.get(GoalMilestone, milestone_id)
    if milestone is None:
        raise NotFound("Sorry, that milestone has already been removed.")
    goal, _ = own_goal(session, actor=actor, goal_id=milestone.goal_id)
    goal.milestones.remove(milestone)
    goal.updated_at = now
    session.flush()
    return goal


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
                            .order_by(Goal.id))
    return [goal_export(goal, pairing, zone) for goal in goals]


def send_goals_pdf(session: Session, *, actor: Actor, goal_id: int | None = None,
                   relationship_id: int | None = None, now: datetime) -> None:
    """Owe the actor a DM with one goal, or all of a relationship's goals, as a PDF."""
    if goal_id is not None:
        goal, pairing = goal_for(session, actor=actor, goal_id=goal_id)
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


def goals_due(session: Session, *, member: Member, limit: int) -> list[Goal]:
    """Open goals in the member's current relationships, soonest due first (undated last)."""
    pairs = [r.id for r in relationships_of(session, member=member)]
    rows = session.scalars(select(Goal).where(Goal.relationship_id.in_(pairs),
                                              Goal.status == GoalStatus.OPEN)
                           .order_by(Goal.due_on.is_(None), Goal.due_on, Goal.id).limit(limit))
    return list(rows)


def goals_across(session: Session, *, actor: Actor, now: datetime, per_pair: int
                 ) -> tuple[date, list[tuple[Pairing, list[Goal], int]]]:
    """The viewer's today, and for each current relationship its first goals and their count."""
    me = require_member(session, actor=actor)
    found = []
    for relationship in relationships_of(session, member=me):
        listing = goals_of(session, actor=actor, relationship_id=relationship.id, now=now)
        total = session.query(Goal).filter(Goal.relationship_id == relationship.id).count()
        found.append((listing.pairing, listing.goals[:per_pair], total))
    return local_today(me.tz, now), found
