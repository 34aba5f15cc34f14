"""Wait for work the app finishes after it has acknowledged Slack's request."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def eventually(read: Callable[[], T], check: Callable[[T], bool], what: str,
               timeout: float = 5.0) -> T:
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
