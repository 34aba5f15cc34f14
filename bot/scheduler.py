"""Background ticks (APScheduler 3, UTC): short jobs over what our own tables say is due."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy.orm import Session, sessionmaker

from bot.outbox import OutboxSender
from bot.ticks import meeting_tick, proposal_tick

PROPOSAL_TICK_SECONDS = 300
MEETING_TICK_SECONDS = 300


def build_scheduler(sender: OutboxSender, outbox_interval_seconds: float,
                    sessions: sessionmaker[Session], clock: Callable[[], datetime]
                    ) -> BackgroundScheduler:
    """A scheduler with every tick registered; the caller starts and stops it."""
    scheduler = BackgroundScheduler(
        timezone=UTC,
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 60},
    )
    scheduler.add_job(
        sender.deliver_due, "interval", seconds=outbox_interval_seconds, id="deliver_outbox",
        next_run_time=datetime.now(UTC),
    )
    scheduler.add_job(
        proposal_tick, "interval", seconds=PROPOSAL_TICK_SECONDS, id="proposals",
        kwargs={"sessions": sessions, "clock": clock, "after": sender.kick},
        next_run_time=datetime.now(UTC),
    )
    scheduler.add_job(
        meeting_tick, "interval", seconds=MEETING_TICK_SECONDS, id="meetings",
        kwargs={"sessions": sessions, "clock": clock, "after": sender.kick},
        next_run_time=datetime.now(UTC),
    )
    return scheduler
