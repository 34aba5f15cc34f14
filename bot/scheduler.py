"""Background ticks (APScheduler 3, UTC): short jobs over what our own tables say is due."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy.orm import Session, sessionmaker

from bot.db import SCHEDULER_THREADS
from bot.leadership import TickLeadership
from bot.outbox import OutboxSender
from bot.ticks import TICKS, run_tick


def led_tick(*, job: Callable[..., Any], leadership: TickLeadership | None,
             **arguments: Any) -> Any:
    """Run one tick when this process leads the ticks (always without a leadership)."""
    if leadership is not None and not leadership.leads():
        return None
    return job(**arguments)


def build_scheduler(sender: OutboxSender, outbox_interval_seconds: float,
                    sessions: sessionmaker[Session], clock: Callable[[], datetime],
                    leadership: TickLeadership | None = None) -> BackgroundScheduler:
    """A scheduler with every tick registered; the caller starts and stops it.

    With a leadership, each tick first asks whether this process runs the ticks, so that
    several schedulers on one PostgreSQL database tick as one."""
    scheduler = BackgroundScheduler(
        timezone=UTC, executors={"default": ThreadPoolExecutor(SCHEDULER_THREADS)},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 60},
    )
    after = {"sessions": sessions, "clock": clock, "after": sender.kick}
    jobs: list[tuple[str, Callable[..., Any], float, dict[str, Any]]] = [
        ("deliver_outbox", sender.deliver_due, outbox_interval_seconds, {}),
        *((tick.name, run_tick, tick.every_seconds, {"tick": tick, **after}) for tick in TICKS),
    ]
    for job_id, job, seconds, arguments in jobs:
        scheduler.add_job(
            led_tick, "interval", seconds=seconds, id=job_id, next_run_time=datetime.now(UTC),
            kwargs={"job": job, "leadership": leadership, **arguments},
        )
    return scheduler
