"""The thread pools that know when they are idle."""

from __future__ import annotations

import threading

from bot.workers import Workers, wait_all_idle


def test_a_pool_is_idle_only_once_everything_submitted_has_ended() -> None:
    release = threading.Event()
    pool = Workers(max_workers=2, thread_name_prefix="test")
    try:
        for _ in range(3):
            pool.submit(release.wait)
        assert not pool.idle
        assert not pool.wait_idle(0.05)
        release.set()
        assert pool.wait_idle(5.0) and pool.idle
    finally:
        pool.shutdown(wait=True)


def test_work_handed_from_one_pool_to_another_is_waited_for() -> None:
    first = Workers(max_workers=1, thread_name_prefix="first")
    second = Workers(max_workers=1, thread_name_prefix="second")
    release, ran = threading.Event(), threading.Event()
    try:
        first.submit(lambda: second.submit(lambda: (release.wait(), ran.set())))
        release.set()
        assert wait_all_idle([first, second], 5.0)
        assert ran.is_set()
    finally:
        first.shutdown(wait=True)
        second.shutdown(wait=True)


def test_a_failing_task_still_counts_as_finished() -> None:
    pool = Workers(max_workers=1, thread_name_prefix="test")
    try:
        future = pool.submit(lambda: 1 / 0)
        assert pool.wait_idle(5.0)
        assert isinstance(future.exception(), ZeroDivisionError)
    finally:
        pool.shutdown(wait=True)
