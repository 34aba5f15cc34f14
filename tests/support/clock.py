"""A clock the tests move by hand."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta


class FakeClock:
    """Starts at a fixed UTC instant and moves only when told to."""

    def __init__(self, start: datetime = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)) -> None:
        self._now = start
        self._lock = threading.Lock()

    def now(self) -> datetime:
        """The current fake time."""
        with self._lock:
            return self._now

    def advance(self, **delta: float) -> datetime:
        """Move forward by a timedelta's keyword arguments; returns the new time."""
        with self._lock:
            self._now += timedelta(**delta)
            return self._now


class WallClock:
    """Unix seconds: the real time when made, then moving only when told to (what installed
    tokens expire by, in tests that must not wait 12 hours)."""

    def __init__(self) -> None:
        self._now = time.time()
        self._lock = threading.Lock()

    def __call__(self) -> float:
        """The current fake time."""
        with self._lock:
            return self._now

    def advance(self, seconds: float) -> float:
        """Move forward by `seconds`; returns the new time."""
        with self._lock:
            self._now += seconds
            return self._now
