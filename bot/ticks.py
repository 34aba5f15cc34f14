"""The scheduler's jobs: short passes over what our own tables say is due.

Each tick is one use case run in one transaction; `TICKS` lists them all, so that the
scheduler, `mentorbot tick` and the benchmark run exactly the same set."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from domain.admin.alerts.quiet import alert_quiet_relationships
from domain.outbox.retention import forget_old_messages
from domain.proposals.answers import expire_unanswered
from domain.reminders.kinds import send_morning_digests
from domain.reminders.kinds.feedback import remind_feedback
from domain.reminders.kinds.goals import remind_goals
from domain.reminders.kinds.inactive import remind_inactive_relationships
from domain.reminders.kinds.meetings import remind_meetings
from domain.reminders.kinds.newcomers import remind_newcomers
from domain.reminders.kinds.proposals import remind_proposals
from domain.reminders.kinds.quiet import remind_quiet_relationships

log = logging.getLogger("mentorbot.ticks")


@dataclass(frozen=True)
class Tick:
    """One background pass: its name, how often it runs, and the use case it runs."""

    name: str
    every_seconds: int
    run: Callable[..., int]  # run(session, *, now) -> how many things it did
    done: str  # how the log line names what it did


TICKS: tuple[Tick, ...] = (
    Tick("proposals_expire", 300, expire_unanswered, "requests closed"),
    Tick("proposals_chase", 300, remind_proposals, "request reminders sent"),
    Tick("meetings", 300, remind_meetings, "meeting reminders sent"),
    # quiet is counted in days: an hourly look is soon enough
    Tick("quiet_relationships", 3600, alert_quiet_relationships, "quiet relationships carded"),
    # counted in days since registration; matching is capped per tick (see no_request.py)
    Tick("newcomers", 3600, remind_newcomers, "newcomer reminders sent"),
    # a goal's steps start at midnight where its author lives: a look every quarter of an
    # hour sends them soon after the working day begins
    Tick("goals", 900, remind_goals, "goal reminders sent"),
    Tick("feedback", 3600, remind_feedback, "feedback reminders sent"),
    # Both sides of a quiet pair; the warning before closing an inactive one, and the close.
    # Every 15 minutes, so that a nudge held overnight goes soon after 08:00 where they live.
    Tick("quiet_nudges", 900, remind_quiet_relationships, "quiet pairs nudged"),
    Tick("inactive_relationships", 900, remind_inactive_relationships,
         "inactive relationships warned or closed"),
    # after the kinds above: what they held over the day's cap, once it is morning where people are
    Tick("digests", 300, send_morning_digests, "reminder digests sent"),
    # Copies of DMs finished 90 days ago go, a few thousand a tick (domain/outbox/retention.py)
    Tick("outbox_retention", 900, forget_old_messages, "old DM copies deleted"),
)
TICK_NAMED = {tick.name: tick for tick in TICKS}


def run_tick(tick: Tick | str, sessions: sessionmaker[Session], clock: Callable[[], datetime],
             after: Callable[[], None]) -> int:
    """Run one tick in its own transaction; `after` (the sender's kick) runs if it did anything."""
    tick = TICK_NAMED[tick] if isinstance(tick, str) else tick
    with sessions.begin() as session:
        done = tick.run(session, now=clock())
    if done:
        log.info("%s: %s", tick.done, done)
        after()
    return done


def run_every_tick(sessions: sessionmaker[Session], clock: Callable[[], datetime],
                   after: Callable[[], None]) -> dict[str, int]:
    """Every tick once, in order; what each did, by name."""
    return {tick.name: run_tick(tick, sessions, clock, after) for tick in TICKS}
