"""One scheduler ticks at a time: a PostgreSQL advisory lock decides which; SQLite runs all."""

from __future__ import annotations

import logging
import threading
from typing import Any

import pytest
from sqlalchemy import Engine, select

from bot.app import Mentorbot
from bot.leadership import TickLeadership
from bot.outbox import OutboxSender
from bot.scheduler import led_tick
from bot.slack import background_client
from domain import outbox
from domain.model import OutboxKind, OutboxMessage, OutboxStatus
from tests.support.clock import FakeClock
from tests.support.fake_slack import FakeSlack

WELCOME = {"name": "Ana", "programme": "Mentoring programme", "is_mentor": False,
           "is_mentee": True}
STANDING_BY = "standing by"


def on_postgresql(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("advisory locks are PostgreSQL's; SQLite runs every scheduler")


def owe_welcomes(app: Mentorbot, clock: FakeClock, count: int) -> None:
    with app.sessions.begin() as session:
        for n in range(count):
            outbox.enqueue(session, team_id="T1", recipient=f"U{n}", kind=OutboxKind.WELCOME,
                           dedupe_key=f"welcome:{n}", payload=WELCOME, now=clock.now())


def test_one_process_leads_and_the_other_stands_by_until_it_stops(
    clean_engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    on_postgresql(clean_engine)
    first, second = TickLeadership(clean_engine), TickLeadership(clean_engine)
    caplog.set_level(logging.INFO, logger="mentorbot.scheduler")
    try:
        assert first.leads() and first.leads()
        assert [second.leads() for _ in range(3)] == [False, False, False]
        standing = [r for r in caplog.records if STANDING_BY in r.getMessage()]
        assert len(standing) == 1  # said once, not at every tick
        first.close()
        assert first.leads() is False  # closed: it never takes the ticks back
        assert second.leads() is True
        assert caplog.records[-1].getMessage() == "this scheduler runs the ticks"
    finally:
        first.close()
        second.close()


def test_on_sqlite_every_scheduler_ticks_as_before(clean_engine: Engine) -> None:
    if clean_engine.dialect.name != "sqlite":
        pytest.skip("the SQLite behaviour")
    first, second = TickLeadership(clean_engine), TickLeadership(clean_engine)
    assert first.leads() and second.leads()


def test_two_schedulers_ticking_at_once_deliver_each_dm_once(
    app: Mentorbot, fake_slack: FakeSlack, clock: FakeClock
) -> None:
    on_postgresql(app.engine)
    owe_welcomes(app, clock, 20)
    other = OutboxSender(app.sessions, background_client(app.settings), clock.now)
    senders = [app.sender, other]
    leaderships = [TickLeadership(app.engine), TickLeadership(app.engine)]
    start = threading.Barrier(2)
    results: list[Any] = [None, None]

    def tick(n: int) -> None:
        start.wait(timeout=5)
        results[n] = led_tick(job=senders[n].deliver_due, leadership=leaderships[n])

    threads = [threading.Thread(target=tick, args=(n,)) for n in range(2)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=20)
    finally:
        for leadership in leaderships:
            leadership.close()
        other.close()
    assert sorted(results, key=str) == [20, None]  # one ticked, the other stood by
    channels = [call.params["channel"] for call in fake_slack.calls_to("chat.postMessage")]
    assert sorted(channels) == sorted(f"DU{n}" for n in range(20))
    with app.sessions() as session:
        statuses = session.scalars(select(OutboxMessage.status)).all()
    assert statuses == [OutboxStatus.SENT] * 20
