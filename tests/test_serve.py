"""`mentorbot serve` as a real process: migrates, listens, answers Slack, sends the welcome."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from blocks import ids
from tests.journeys.install_steps import CLIENT_ID, CLIENT_SECRET, come_back, open_install_page
from tests.support.fake_slack import FakeSlack
from tests.support.processes import free_port, stop, wait_until_healthy
from tests.support.slack_requests import SlackRequests
from tests.support.view_state import fill

REPO = Path(__file__).resolve().parents[1]
SECRET = "serve-test-secret"


@pytest.fixture
def served(tmp_path: Path, fake_slack: FakeSlack) -> Iterator[str]:
    """`mentorbot serve` on a free port with a fresh SQLite file, pointed at the fake Slack."""
    with serving(tmp_path, fake_slack) as base:
        yield base


@contextmanager
def serving(tmp_path: Path, fake_slack: FakeSlack, **extra: str) -> Iterator[str]:
    """`mentorbot serve` running with `extra` in its environment; yields its base URL."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_"))}
    env.update(SLACK_BOT_TOKEN="xoxb-serve", SLACK_SIGNING_SECRET=SECRET,
               SLACK_API_URL=fake_slack.base_url, PORT=str(port), HOST="127.0.0.1",
               DATABASE_URL=f"sqlite:///{tmp_path / 'serve.sqlite3'}", PYTHONPATH=str(REPO))
    env.update(extra)
    log = tmp_path / "serve.log"
    with log.open("wb") as output:
        process = subprocess.Popen([sys.executable, "-m", "bot.cli", "serve"], cwd=tmp_path,
                                   env=env, stdout=output, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_healthy(base, process, log)
            yield base
        finally:
            stop(process)


def test_serve_answers_slack_and_delivers_the_welcome(served: str, fake_slack: FakeSlack,
                                                      tmp_path: Path) -> None:
    fake_slack.add_user("UALICE", name="alice", real_name="Alice Kember")
    slack = SlackRequests(f"{served}/slack/events", SECRET, team_id="T1",
                          response_url_base=fake_slack.response_url_base)
    assert slack.command("UALICE").status == 200
    fake_slack.wait_for("views.open")
    view = fake_slack.latest_modal()
    assert view["callback_id"] == ids.REGISTRATION_SUBMIT
    reply = slack.view_submission("UALICE", view, fill(view, {ids.REGISTRATION_ROLES: ["mentor"]}))
    assert reply.json()["response_action"] == "update"
    welcome = fake_slack.wait_for("chat.postMessage")[0].params
    assert "Welcome" in welcome["text"]
    assert (tmp_path / "serve.sqlite3").exists()
    assert "Scheduler started" in (tmp_path / "serve.log").read_text()  # the ticks run here


def test_serve_with_scheduler_off_runs_no_ticks_and_still_sends_at_once(
        tmp_path: Path, fake_slack: FakeSlack) -> None:
    fake_slack.add_user("UALICE", name="alice", real_name="Alice Kember")
    with serving(tmp_path, fake_slack, SCHEDULER="off") as base:
        slack = SlackRequests(f"{base}/slack/events", SECRET, team_id="T1",
                              response_url_base=fake_slack.response_url_base)
        slack.command("UALICE")
        view = fake_slack.wait_for("views.open") and fake_slack.latest_modal()
        slack.view_submission("UALICE", view, fill(view, {ids.REGISTRATION_ROLES: ["mentor"]}))
        assert "Welcome" in fake_slack.wait_for("chat.postMessage")[0].params["text"]
    log = (tmp_path / "serve.log").read_text()
    assert "SCHEDULER=off: this process runs no background ticks" in log
    assert "Scheduler started" not in log  # APScheduler's own word when it starts


def test_serve_in_distributed_mode_runs_the_install_flow_over_waitress(
        tmp_path: Path, fake_slack: FakeSlack) -> None:
    fake_slack.accept_client(CLIENT_ID, CLIENT_SECRET)
    offered = fake_slack.offer_install("code-T7", team_id="T7", team_name="Umbrella",
                                       installer="UADMINT7")
    with serving(tmp_path, fake_slack, SLACK_BOT_TOKEN="", SLACK_CLIENT_ID=CLIENT_ID,
                 SLACK_CLIENT_SECRET=CLIENT_SECRET) as base:
        state, cookie = open_install_page(base)
        status, page = come_back(base, code=offered.code, state=state, cookie=cookie)
    assert status == 200 and "mentorbot is now part of <strong>Umbrella</strong>" in page
    # No start-up check of a token it has not got; the install's own check, with the new one.
    assert [c.token for c in fake_slack.calls_to("auth.test")] == [offered.bot_token]
