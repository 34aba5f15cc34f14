"""A reminder still waiting in the outbox when its subject changes is withdrawn, unsent.

Ticks never enqueue a stale reminder, but one enqueued a moment before a change (or held in
the outbox while Slack was down) would still go: a meeting's old time, an answered request.
After each flush, the subjects whose telling columns changed withdraw their kinds' waiting
DMs, in the same transaction, so no use case has to remember to."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, inspect, or_, update
from sqlalchemy.orm import Session

from domain.model import (
    Feedback,
    Goal,
    Meeting,
    NudgeKind,
    OutboxMessage,
    OutboxStatus,
    Proposal,
    Relationship,
)

# The columns whose change makes a subject's waiting reminders of these kinds out of date.
STALE_WHEN: dict[type, tuple[frozenset[str], tuple[NudgeKind, ...]]] = {
    Meeting: (frozenset({"starts_at", "duration_minutes", "status"}),
              (NudgeKind.MEETING_SOON, NudgeKind.MEETING_FOLLOW_UP)),
    Proposal: (frozenset({"status"}), (NudgeKind.PROPOSAL_CHASE,)),
    Goal: (frozenset({"due_on", "status"}), (NudgeKind.GOAL_DUE,)),
    Relationship: (frozenset({"status"}),
                   (NudgeKind.QUIET_RELATIONSHIP, NudgeKind.INACTIVE_RELATIONSHIP)),
}


def _changed(row: Any, columns: frozenset[str]) -> bool:
    state = inspect(row)
    return any(state.attrs[name].history.has_changes() for name in columns)


def stale_prefixes(session: Session) -> list[str]:
    """The outbox dedupe-key prefixes of the reminders this flush made out of date."""
    prefixes = []
    for row in session.dirty:
        rule = STALE_WHEN.get(type(row))
        if rule is not None and _changed(row, rule[0]):
            prefixes += [f"nudge:{kind}:{row.id}:" for kind in rule[1]]
    for row in session.new:  # an answer to the survey: that side is not asked again
        if isinstance(row, Feedback) and row.relationship_id and row.author_id:
            prefixes.append(f"nudge:{NudgeKind.FEEDBACK_CHASE}:{row.relationship_id}:"
                            f"{row.author_id}:")
    return prefixes


@event.listens_for(Session, "before_flush")
def _note_stale(session: Session, _context: Any, _instances: Any) -> None:
    """Before the flush clears the changes, note which subjects' reminders they outdate."""
    found = stale_prefixes(session)
    if found:
        session.info.setdefault("stale_reminders", []).extend(found)


@event.listens_for(Session, "after_flush_postexec")
def _withdraw(session: Session, _context: Any) -> None:
    """Withdraw the waiting DMs of what the flush outdated: one UPDATE, only when needed."""
    prefixes = session.info.pop("stale_reminders", None)
    if prefixes:
        outbox = OutboxMessage.__table__  # plain SQL: nothing in the session to keep in step
        session.execute(
            update(outbox)
            .where(outbox.c.status == OutboxStatus.PENDING,
                   or_(*(outbox.c.dedupe_key.startswith(p, autoescape=True) for p in prefixes)))
            .values(status=OutboxStatus.WITHDRAWN, last_error="no longer due"))
