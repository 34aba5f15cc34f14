"""Which scheduler runs the ticks: on PostgreSQL the one holding an advisory lock.

Several processes may run a scheduler (`mentorbot scheduler`, each `mentorbot serve`). Before
every tick each asks `TickLeadership.leads()`; on PostgreSQL the answer is yes only for the
process whose dedicated connection holds the session-level advisory lock named
`SCHEDULER_LOCK` in its schema.
The others stand by and try again at each tick, so when the leader stops (its connection
closes and PostgreSQL frees the lock) one of them takes the ticks over. SQLite is one file
on one machine and keeps running every scheduler it is given, as before.
"""

from __future__ import annotations

import logging
import threading
from contextlib import suppress

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError

log = logging.getLogger("mentorbot.scheduler")

# The lock's name; its 64-bit key also hashes in the schema, so that deployments (or test
# runs) in different schemas of one database never wait for each other's scheduler.
SCHEDULER_LOCK = "mentorbot.scheduler"
_KEY = "hashtextextended(:name || '@' || current_schema(), 0)"


class TickLeadership:
    """Answers, at each tick, whether this process runs the ticks (thread-safe)."""

    def __init__(self, engine: Engine, name: str = SCHEDULER_LOCK, *,
                 announce: bool = True) -> None:
        self._engine = engine
        self._announcing = announce  # `mentorbot tick` says in its own words what it does
        self._name = name
        self._held: Connection | None = None
        self._lock = threading.Lock()
        self._standing_by: bool | None = None  # None until the first answer is logged
        self._closed = False

    def leads(self) -> bool:
        """True when this process should run the tick now."""
        if self._engine.dialect.name != "postgresql":
            return True
        with self._lock:
            if self._closed:  # shutting down: a tick still under way must not lead again
                return False
            leading = self._still_held() or self._take()
            self._announce(leading)
            return leading

    def close(self) -> None:
        """Give the lock up, so a standing-by scheduler takes the next tick."""
        with self._lock:
            self._closed = True
            self._drop()

    def _still_held(self) -> bool:
        """A session lock lasts as long as its connection: check that ours is alive."""
        if self._held is None:
            return False
        try:
            self._held.execute(text("SELECT 1"))
        except DBAPIError:
            log.warning("lost the scheduler's database connection; trying to lead again")
            self._drop()
            return False
        return True

    def _take(self) -> bool:
        try:
            connection = self._engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        except DBAPIError as failure:
            log.warning("cannot reach the database to lead the ticks: %s", failure.orig)
            return False
        try:
            taken = bool(connection.scalar(text(f"SELECT pg_try_advisory_lock({_KEY})"),
                                           {"name": self._name}))
        except DBAPIError:
            connection.invalidate()
            connection.close()
            return False
        if taken:
            self._held = connection
        else:
            connection.close()
        return taken

    def _drop(self) -> None:
        if self._held is None:
            return
        # Unlocked at once, rather than whenever the server notices the connection has gone
        # (if the connection is gone already, so is the lock).
        with suppress(DBAPIError):
            self._held.execute(text(f"SELECT pg_advisory_unlock({_KEY})"), {"name": self._name})
        # Never pooled again: a session lock left on a pooled connection would outlive us.
        self._held.invalidate()
        self._held.close()
        self._held = None

    def _announce(self, leading: bool) -> None:
        """One log line when the role changes, never one per tick."""
        standing_by = not leading
        if standing_by == self._standing_by or not self._announcing:
            return
        self._standing_by = standing_by
        if standing_by:
            log.info("another scheduler runs the ticks; this one is standing by")
        else:
            log.info("this scheduler runs the ticks")
