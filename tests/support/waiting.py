"""Wait for work the app finishes after it has acknowledged Slack's request."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol, TypeVar

T = TypeVar("T")


def eventually(read: Callable[[], T], check: Callable[[T], bool], what: str,
               timeout: float = 30.0) -> T:
    """Re-read until check(value) holds and return the value; fail naming `what` after timeout."""
    deadline = time.monotonic() + timeout
    while True:
        value = read()
        if check(value):
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(f"{what} did not happen within {timeout}s; last seen: {value!r}"[
                :2000])
        time.sleep(0.01)


class Settles(Protocol):
    """Anything that can wait for its background work (the app: listeners and the sender)."""

    def settle(self, timeout: float = 30.0) -> bool: ...


def settled(app: Settles, timeout: float = 30.0) -> None:
    """Wait until every listener has finished and the sender has delivered what they queued.

    A test that asserts something did *not* happen starts from here, so a DM or a Home
    still on its way from an earlier step cannot arrive in the middle of its check.
    """
    if not app.settle(timeout):
        raise AssertionError(f"the app was still busy after {timeout}s")
