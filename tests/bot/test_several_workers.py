"""Two gunicorn workers and two schedulers on one PostgreSQL database send every DM once.

Real processes, as a deployment runs them: `gunicorn -w 2 --threads 4 --preload
'bot.wsgi:application'` (preloaded, so each worker must build its own app after the fork) and
two `mentorbot scheduler`, all pointed at the fake Slack Web API. Many people register at
once, each twice (a double send), and each registration owes a welcome DM.
"""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.request
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest
from sqlalchemy import select

from blocks import ids
from blocks.registration import register_view
from bot import db
from domain.model import OutboxMessage, OutboxStatus
from tests.support.databases import postgres_url, scratch_schema
from tests.support.fake_slack import FakeSlack
from tests.support.processes import free_port, stop
from tests.support.slack_requests import SlackRequests
from tests.support.view_state import fill
from tests.support.waiting import eventually

pytestmark = [
    pytest.mark.processes,
    pytest.mark.skipif(not os.environ.get("TEST_DATABASE_URL"),
                       reason="several workers need PostgreSQL (TEST_DATABASE_URL)"),
]
REPO = Path(__file__).resolve().parents[2]
SECRET = "workers-test-secret"
PEOPLE = 24
# Bounds for starting processes on a busy 2-core machine, not expectations of speed.
START_SECONDS = 90


@contextmanager
def postgres_schema() -> Iterator[str]:
    """A DATABASE_URL on a new, migrated schema of the test database."""
    with scratch_schema(postgres_url(), "mentorbot_workers") as (engine, url):
        db.upgrade(engine)
        yield url


def start(stack: ExitStack, command: list[str], env: dict[str, str], log: Path
              ) -> subprocess.Popen[bytes]:
    """Start a process that is stopped (and waited for) when the stack closes."""
    output = stack.enter_context(log.open("wb"))
    process = subprocess.Popen(command, cwd=log.parent, env=env, stdout=output,
                               stderr=subprocess.STDOUT)

    stack.callback(stop, process)
    return process


def environment(fake: FakeSlack, url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_"))}
    env.update(SLACK_BOT_TOKEN="xoxb-workers", SLACK_SIGNING_SECRET=SECRET,
               SLACK_API_URL=fake.base_url, DATABASE_URL=url, PYTHONPATH=str(REPO), **extra)
    return env


def healthy(base: str, process: subprocess.Popen[bytes], log: Path) -> bool:
    """True once gunicorn answers /healthz; a server that died fails with its log."""
    if process.poll() is not None:
        raise AssertionError(f"gunicorn exited: {log.read_text()}")
    try:
        with urllib.request.urlopen(f"{base}/healthz", timeout=2) as answer:
            return answer.read() == b"ok\n"
    except OSError:
        return False


def register_twice(slack: SlackRequests, user_id: str) -> None:
    view = register_view("Mentoring programme")
    answers = fill(view, {ids.REGISTRATION_ROLES: ["mentee"]})
    for _ in range(2):  # a double send: the second owes nothing new
        # Not checked: on a loaded machine Bolt may answer 404 when ack() came after its 3 s;
        # the registration is still made, and what is checked is the DMs it owes.
        slack.view_submission(user_id, view, answers)


def test_two_workers_and_two_schedulers_send_every_dm_once(
    fake_slack: FakeSlack, tmp_path: Path
) -> None:
    pytest.importorskip("gunicorn")
    people = [f"UW{n:03d}" for n in range(PEOPLE)]
    for user_id in people:
        fake_slack.add_user(user_id, name=user_id.lower(), real_name=f"Person {user_id}")
    port = free_port()
    with postgres_schema() as url, ExitStack() as stack:
        logs = [tmp_path / name for name in ("gunicorn.log", "first.log", "second.log")]
        web = start(stack, [sys.executable, "-m", "gunicorn", "-w", "2", "--threads", "4",
                            "-b", f"127.0.0.1:{port}", "--graceful-timeout", "5",
                            "--preload", "bot.wsgi:application"],
                    environment(fake_slack, url, WEB_THREADS="4"), logs[0])
        for log in logs[1:]:
            start(stack, [sys.executable, "-m", "bot.cli", "scheduler"],
                  environment(fake_slack, url, OUTBOX_INTERVAL_SECONDS="0.5"), log)
        base = f"http://127.0.0.1:{port}"
        eventually(lambda: healthy(base, web, logs[0]), bool, "gunicorn answering",
                   START_SECONDS)
        roles = eventually(lambda: [log.read_text() for log in logs[1:]],
                           lambda texts: all("scheduler runs the ticks" in t or "standing by" in t
                                             for t in texts), "both schedulers' roles",
                           START_SECONDS)
        slack = SlackRequests(f"http://127.0.0.1:{port}/slack/events", SECRET, team_id="T1",
                              response_url_base=fake_slack.response_url_base, timeout=60)
        with ThreadPoolExecutor(max_workers=8) as clients:
            list(clients.map(lambda user_id: register_twice(slack, user_id), people))
        engine = db.make_engine(url)
        stack.callback(engine.dispose)

        def unsent() -> int:
            with engine.connect() as connection:
                return len(connection.execute(select(OutboxMessage.id).where(
                    OutboxMessage.status != OutboxStatus.SENT)).all())

        eventually(unsent, lambda left: left == 0, "every DM marked sent", 60)
        with engine.connect() as connection:
            owed = connection.execute(select(OutboxMessage.recipient_user_id)).scalars().all()
        log_texts = [log.read_text() for log in logs]
    sent = Counter(call.params["channel"] for call in fake_slack.calls_to("chat.postMessage"))
    assert sorted(owed) == people  # one welcome each, whatever the double sends
    assert sent == Counter({f"D{user_id}": 1 for user_id in people})
    assert sum("standing by" in text for text in roles) == 1
    assert [text.count("standing by") for text in log_texts[1:]] in ([0, 1], [1, 0])
    assert log_texts[0].count("Booting worker") == 2
    assert all("Traceback" not in text for text in log_texts), log_texts
