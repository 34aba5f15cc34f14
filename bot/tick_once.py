"""`mentorbot tick`: every tick once, then the DMs they owe, for cron and Kubernetes CronJobs.

On PostgreSQL the run first takes the ticks' advisory lock (bot/leadership.py). When a
running scheduler or another `mentorbot tick` holds it, this one ticks nothing and says so
in one line; it still delivers what the outbox has due, which is safe beside any number of
senders (claims are exclusive, `FOR UPDATE SKIP LOCKED`). The lock is held until delivery is
done, so two overlapping cron runs tick once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot import db
from bot.config import Settings
from bot.installations import installations_for
from bot.leadership import TickLeadership
from bot.outbox import OutboxSender
from bot.slack import background_clients
from bot.ticks import run_every_tick

log = logging.getLogger("mentorbot.tick")

# A pass claims up to 50 DMs: one run sends at most this many passes' worth and leaves the
# rest (still due) to the next run or to the scheduler.
MAX_PASSES = 100
STANDING_BY = ("another scheduler or mentorbot tick runs the ticks: standing by, delivering only "
               "the DMs already due")


@dataclass(frozen=True)
class TickRun:
    """What one run did: each tick's count by name (None when another process leads), and
    how many DMs Slack accepted."""

    ticked: dict[str, int] | None
    delivered: int


def tick_once(engine: Engine, sessions: sessionmaker[Session], sender: OutboxSender,
              clock: Callable[[], datetime]) -> TickRun:
    """Every tick of the registry once when this process may lead them, then the outbox."""
    leadership = TickLeadership(engine, announce=False)
    try:
        if leadership.leads():
            ticked: dict[str, int] | None = run_every_tick(sessions, clock, after=_nothing)
        else:
            log.info(STANDING_BY)
            ticked = None
        return TickRun(ticked, deliver_all_due(sender))
    finally:
        leadership.close()


def deliver_all_due(sender: OutboxSender, passes: int = MAX_PASSES) -> int:
    """Delivery passes until one sends nothing new (what failed is left on its row, due again
    later), at most `passes` of them; how many DMs Slack accepted."""
    delivered = 0
    for _ in range(passes):
        sent = sender.deliver_due()
        delivered += sent
        if not sent:
            break
    return delivered


def run_tick_command(settings: Settings) -> TickRun:
    """`mentorbot tick`: the schema brought up to date, one run, everything closed after."""
    logging.getLogger("mentorbot").setLevel(settings.log_level)
    engine = db.make_engine(settings.database_url, threads=1)
    try:
        db.upgrade(engine)
        sessions = db.session_factory(engine)
        installations = installations_for(settings, engine)
        sender = OutboxSender(sessions, background_clients(settings, installations), _utc_now)
        try:
            run = tick_once(engine, sessions, sender, _utc_now)
        finally:
            sender.close()
    finally:
        engine.dispose()
    done = ", ".join(f"{name} {count}" for name, count in (run.ticked or {}).items())
    log.info("mentorbot tick done: %s; %s DMs delivered", done or "no ticks run", run.delivered)
    return run


def _nothing() -> None:
    """Nothing to kick: the run delivers the outbox itself once the ticks are done."""


def _utc_now() -> datetime:
    return datetime.now(UTC)
