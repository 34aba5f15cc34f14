"""`mentorbot serve` on PostgreSQL runs a worker process per core (gunicorn), each with its
own mentorbot and embedded scheduler, exactly one of which ticks."""

from __future__ import annotations

import os
import sys
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings
from bot.prefork import worker_count
from tests.bot.test_several_workers import (
    SECRET,
    START_SECONDS,
    environment,
    healthy,
    postgres_schema,
    register_twice,
    start,
)
from tests.support.fake_slack import FakeSlack
from tests.support.processes import free_port
from tests.support.slack_requests import SlackRequests
from tests.support.waiting import eventually

PG = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s",
      "DATABASE_URL": "postgresql://u@localhost/db"}


@pytest.mark.processes
@pytest.mark.skipif(not os.environ.get("TEST_DATABASE_URL"),
                    reason="several workers need PostgreSQL (TEST_DATABASE_URL)")
def test_serve_with_two_workers_ticks_once_and_sends_every_dm_once(
        fake_slack: FakeSlack, tmp_path: Path) -> None:
    pytest.importorskip("gunicorn")
    people = [f"US{n:03d}" for n in range(12)]
    for user_id in people:
        fake_slack.add_user(user_id, name=user_id.lower(), real_name=f"Person {user_id}")
    port = free_port()
    log = tmp_path / "serve.log"
    with postgres_schema() as url, ExitStack() as stack:
        serve = start(stack, [sys.executable, "-m", "bot.cli", "serve"],
                      environment(fake_slack, url, WEB_WORKERS="2", WEB_THREADS="4",
                                  HOST="127.0.0.1", PORT=str(port),
                                  OUTBOX_INTERVAL_SECONDS="0.5"), log)
        base = f"http://127.0.0.1:{port}"
        eventually(lambda: healthy(base, serve, log), bool, "serve answering", START_SECONDS)
        eventually(log.read_text, lambda text: "this scheduler runs the ticks" in text
                   and "standing by" in text, "both workers' scheduler roles", START_SECONDS)
        slack = SlackRequests(f"{base}/slack/events", SECRET, team_id="T1",
                              response_url_base=fake_slack.response_url_base, timeout=60)
        with ThreadPoolExecutor(max_workers=6) as clients:
            list(clients.map(lambda user_id: register_twice(slack, user_id), people))
        eventually(lambda: {call.params["channel"] for call in
                            fake_slack.calls_to("chat.postMessage")},
                   lambda sent: sent >= {f"D{user_id}" for user_id in people},
                   "a welcome to everyone", 60)
        text = log.read_text()
    sent = Counter(call.params["channel"] for call in fake_slack.calls_to("chat.postMessage"))
    assert sent == Counter({f"D{user_id}": 1 for user_id in people})
    assert text.count("Booting worker") == 2 and "with 2 workers" in text
    assert text.count("this scheduler runs the ticks") == 1
    assert "Traceback" not in text, text


def test_workers_default_to_one_on_sqlite_and_refuse_more() -> None:
    sqlite = {**PG, "DATABASE_URL": "sqlite:///x.sqlite3"}
    assert worker_count(load_settings(sqlite)) == 1
    with pytest.raises(ConfigError, match="WEB_WORKERS above 1 needs PostgreSQL"):
        worker_count(load_settings({**sqlite, "WEB_WORKERS": "2"}))
    assert worker_count(load_settings({**PG, "WEB_WORKERS": "3"})) == 3
    with pytest.raises(ConfigError, match="WEB_WORKERS must be a whole number"):
        load_settings({**PG, "WEB_WORKERS": "many"})
