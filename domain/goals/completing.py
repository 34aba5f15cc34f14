"""Completing a goal, and reopening it: only its author, and only what is in that state."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from domain.goals.setting import MAX_NOTE, GoalAccess, own_goal
from domain.lifecycle import NotPossibleNow
from domain.members import Actor
from domain.model import Goal, GoalStatus
from domain.text import one_text


def goal_to_complete(session: Session, *, actor: Actor, goal_id: int) -> GoalAccess:
    """One's own goal, still open: a Mark complete button (a reminder's, days old) on a goal
    completed since must not overwrite its outcome."""
    access = own_goal(session, actor=actor, goal_id=goal_id)
    if access.goal.status == GoalStatus.COMPLETED:
        raise NotPossibleNow(f"\u201c{access.goal.label}\u201d is already complete. If there "
                             "is more to do, reopen it from its Actions in your goals.")
    return access


def complete_goal(session: Session, *, actor: Actor, goal_id: int, note: str,
                  now: datetime) -> Goal:
    """Mark one's own open goal complete, with an optional outcome note."""
    note = one_text("note", note, label="outcome note", max_length=MAX_NOTE)
    goal = goal_to_complete(session, actor=actor, goal_id=goal_id).goal
    goal.status, goal.outcome_note, goal.completed_at = GoalStatus.COMPLETED, note, now
    goal.updated_at = now
    return goal


def reopen_goal(session: Session, *, actor: Actor, goal_id: int, now: datetime) -> Goal:
    """Open a completed goal again."""
    goal = own_goal(session, actor=actor, goal_id=goal_id).goal
    goal.status, goal.completed_at, goal.updated_at = GoalStatus.OPEN, None, now
    return goal
