"""Thread pools that can say when they have nothing left to do."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any


class Workers(ThreadPoolExecutor):
    """A ThreadPoolExecutor that counts the work submitted and not yet finished.

    Shutting down cleanly, and tests that must not race the background, ask it to wait
    until every task handed to it so far has ended.
    """

    def __init__(self, max_workers: int, thread_name_prefix: str) -> None:
        super().__init__(max_workers=max_workers, thread_name_prefix=thread_name_prefix)
        self._unfinished = 0
        self._changed = threading.Condition()

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        """Run fn(*args, **kwargs) on a worker, counting it until it ends."""
        with self._changed:
            self._unfinished += 1
        try:
            future = super().submit(fn, *args, **kwargs)
        except BaseException:
            self._finished()
            raise
        future.add_done_callback(lambda _future: self._finished())
        return future

    def _finished(self) -> None:
        with self._changed:
            self._unfinished -= 1
            self._changed.notify_all()

    @property
    def idle(self) -> bool:
        """True when nothing submitted is still queued or running."""
        with self._changed:
            return self._unfinished == 0

    def wait_idle(self, timeout: float) -> bool:
        """Block until nothing is queued or running; False if that took longer than timeout."""
        with self._changed:
            return self._changed.wait_for(lambda: self._unfinished == 0, timeout)


def wait_all_idle(pools: list[Workers], timeout: float) -> bool:
    """Wait until every pool is idle at once (work in one may hand work to another)."""
    deadline = time.monotonic() + timeout
    while True:
        for pool in pools:
            if not pool.wait_idle(max(deadline - time.monotonic(), 0)):
                return False
        if all(pool.idle for pool in pools):
            return True
