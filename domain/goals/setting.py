"""SMART goals of a relationship: set, changed and reviewed by their author alone (completing.py
marks them complete and reopens them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import bindparam, case, func, select
from sqlalchemy.orm import Session

from domain import permissions as may
from domain.errors import InvalidInput, NotAllowed, NotFound
from domain.lifecycle import RELATIONSHIP_NOW, NotPossibleNow
from domain.loading import GOAL, relock
from domain.meetings.times import zone_of
from domain.members import Actor, require_member
from domain.model import (
    Goal,
    GoalMilestone,
    GoalStatus,
    Member,
    MilestoneKind,
    Relationship,
    RelationshipStatus,
    member_of,
)
from domain.people import participant_in
from domain.relationships import Pairing, pairing_for, partner_of, relationships_of
from domain.submissions import create_once
from domain.text import check_text

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
    every = list(session.scalars(select(Goal).where(Goal.relationship_id == relationship_id)
                                 .options(*GOAL)).unique())
    every.sort(key=lambda g: (g.status != GoalStatus.OPEN, g.due_on or date.max, g.id))
    pages = max(1, -(-len(every) // PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    return GoalList(pairing, me, every[page * PAGE_SIZE:(page + 1) * PAGE_SIZE],
                    local_today(me.tz, now), page, pages)


@dataclass(frozen=True)
class GoalAccess:
    """A goal as the actor may use it: the goal, its pair from their side, what they may do."""

    goal: Goal
    pairing: Pairing
    may_change: bool


def goal_for(session: Session, *, actor: Actor, goal_id: int) -> GoalAccess:
    """A goal either half of its pair may read, with the pair from the actor's side."""
    goal, me = participant_in(session, actor=actor, model=Goal, object_id=goal_id, what="goal",
                              pair_of=lambda goal: goal.pair, options=GOAL)
    pair = goal.pair
    return GoalAccess(goal, Pairing(pair, partner_of(pair, me.id), may.is_mentor_of(pair, me)),
                      may.may_change_goal(goal, me))


def own_goal(session: Session, *, actor: Actor, goal_id: int) -> GoalAccess:
    """A goal the actor set, locked for a change; the partner may only read it."""
    access = goal_for(session, actor=actor, goal_id=goal_id)
    if not access.may_change:
        raise NotAllowed(f"Only {access.goal.author.name} can change this goal.")
    relock(session, access.goal)
    return access


def create_goal(session: Session, *, actor: Actor, relationship_id: int, answers: GoalAnswers,
                now: datetime, submission: str | None = None) -> Goal:
    """Set a new goal in an active relationship, once per view submission."""
    return create_once(session, team_id=actor.team_id, key=submission, model=Goal, now=now,
                       options=GOAL,
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
    goal = Goal(team_id=actor.team_id, pair=pairing.relationship, author=me, milestones=[],
                label=checked.label,
                details=checked.details, due_on=checked.due_on, status="open", outcome_note="",
                created_at=now, updated_at=now)
    session.add(goal)
    session.flush()
    return goal


def edit_goal(session: Session, *, actor: Actor, goal_id: int, answers: GoalAnswers,
              now: datetime) -> Goal:
    """Change one's own goal."""
    goal = own_goal(session, actor=actor, goal_id=goal_id).goal
    checked = check_goal(answers, local_today(require_member(session, actor=actor).tz, now))
    goal.label, goal.details, goal.due_on = checked.label, checked.details, checked.due_on
    goal.updated_at = now
    return goal


def delete_goal(session: Session, *, actor: Actor, goal_id: int, now: datetime) -> int:
    """Delete one's own goal and its milestones; returns its relationship's id."""
    goal = own_goal(session, actor=actor, goal_id=goal_id).goal
    relationship_id = goal.relationship_id
    session.delete(goal)
    session.flush()
    return relationship_id


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
    goal = own_goal(session, actor=actor, goal_id=goal_id).goal
    milestone = GoalMilestone(goal_id=goal.id, kind=kind, text=text,
                              happened_on=happened_on, created_at=now)
    goal.milestones.append(milestone)
    goal.updated_at = now
    session.flush()
    return milestone


def remove_milestone(session: Session, *, actor: Actor, milestone_id: int,
                     now: datetime) -> GoalAccess:
    """Take back a milestone, review or outcome recorded against one's own goal."""
    milestone = session.get(GoalMilestone, milestone_id)
    if milestone is None:
        raise NotFound("Sorry, that milestone has already been removed.")
    access = own_goal(session, actor=actor, goal_id=milestone.goal_id)
    goal = access.goal
    goal.milestones.remove(milestone)
    goal.updated_at = now
    session.flush()
    return access


def goals_due(session: Session, *, member: Member, limit: int,
              current: list[Relationship] | None = None) -> list[Goal]:
    """Open goals in the member's current relationships (`current` when the caller has them),
    soonest due first (undated last)."""
    pairs = [r.id for r in (relationships_of(session, member=member)
                            if current is None else current)]
    if not pairs:
        return []
    return list(session.scalars(_OPEN_GOALS, {"pairs": pairs, "limit": limit}).unique())


# Built once: Home sends it every time.
_OPEN_GOALS = (
    select(Goal).where(Goal.relationship_id.in_(bindparam("pairs", expanding=True)),
                       Goal.status == GoalStatus.OPEN).options(*GOAL)
    .order_by(Goal.due_on.is_(None), Goal.due_on, Goal.id).limit(bindparam("limit")))


def goals_across(session: Session, *, actor: Actor, now: datetime, per_pair: int
                 ) -> tuple[date, list[tuple[Pairing, list[Goal], int]]]:
    """The viewer's today, and for each current relationship its first goals and their count."""
    me = require_member(session, actor=actor)
    current = relationships_of(session, member=me)
    first, totals = _first_goals(session, [r.id for r in current], min(per_pair, PAGE_SIZE))
    return local_today(me.tz, now), [
        (Pairing(r, partner_of(r, me.id), r.mentor_id == me.id), first.get(r.id, []),
         totals.get(r.id, 0)) for r in current]


def _first_goals(session: Session, pairs: list[int], shown: int
                 ) -> tuple[dict[int, list[Goal]], dict[int, int]]:
    """Each pair's first `shown` goals in list order, and how many goals each pair has."""
    if not pairs:
        return {}, {}
    order = (case((Goal.status == GoalStatus.OPEN, 0), else_=1), Goal.due_on.is_(None),
             Goal.due_on, Goal.id)
    ranked = select(Goal.id, func.row_number().over(
        partition_by=Goal.relationship_id, order_by=order).label("rank"), func.count().over(
        partition_by=Goal.relationship_id).label("total")).where(
        Goal.relationship_id.in_(pairs)).subquery()
    rows = session.execute(select(Goal, ranked.c.total).join(ranked, ranked.c.id == Goal.id)
                           .where(ranked.c.rank <= shown).options(*GOAL)
                           .order_by(ranked.c.rank)).unique().all()
    first: dict[int, list[Goal]] = {}
    totals: dict[int, int] = {}
    for goal, total in rows:
        first.setdefault(goal.relationship_id, []).append(goal)
        totals[goal.relationship_id] = total
    return first, totals
