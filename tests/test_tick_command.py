"""`mentorbot tick` as a real process: every tick once, the DMs it owes sent, then it exits."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from slack_sdk.oauth.installation_store import Installation
from sqlalchemy import Engine, select

from bot import db
from bot.installations import Installations
from bot.leadership import TickLeadership
from bot.tick_once import STANDING_BY
from domain.model import (
    Meeting,
    MeetingStatus,
    OutboxKind,
    OutboxMessage,
    OutboxStatus,
    slack_bots,
)
from domain.proposals import propose_mentorship
from domain.proposals.requests import ProposalAnswers
from tests.support import seed
from tests.support.databases import backends, postgres_url, scratch_schema
from tests.support.fake_slack import FakeSlack
from tests.support.fake_slack_oauth import rotating_token
from tests.support.installs import CLIENT_ID, CLIENT_SECRET, install_by_oauth

REPO = Path(__file__).resolve().parents[1]
# A bound for a busy 2-core machine, not an expectation of speed.
RUN_SECONDS = 120


@contextmanager
def database(backend: str, directory: Path) -> Iterator[tuple[Engine, str]]:
    """A migrated database nobody else uses, and the DATABASE_URL another process reaches it by."""
    if backend == "sqlite":
        url = f"sqlite:///{directory / 'tick.sqlite3'}"
        engine = db.make_engine(url)
        try:
            db.upgrade(engine)
            yield engine, url
        finally:
            engine.dispose()
        return
    with scratch_schema(postgres_url(), "mentorbot_tick") as (engine, url):
        db.upgrade(engine)
        yield engine, url


def working_zone(now: datetime) -> str:
    """A time zone where `now` is mid-morning to mid-afternoon on a weekday: the process runs
    on the real clock, and a request's reminder waits for the mentor's working hours."""
    for hours in range(-12, 15):
        local = now + timedelta(hours=hours)
        if local.weekday() < 5 and 10 <= local.hour < 18:
            # POSIX names count the other way: Etc/GMT-9 is nine hours ahead of UTC.
            return f"Etc/GMT{-hours:+d}" if hours else "UTC"
    raise AssertionError("every zone is at night or at a weekend")  # cannot happen


def seed_what_is_due(engine: Engine, now: datetime) -> None:
    """John mentors Alice; they meet in 23 and a half hours (arranged two days ago), and
    Carol's request has waited 8 days for John's answer. All live where it is working time."""
    with db.session_factory(engine).begin() as session:
        lists = seed.programme(session)
        john = seed.mentor(session, lists, "UJOHN", areas=[1], name="John Smith", capacity=3)
        alice = seed.mentee(session, lists, "UALICE", areas=[1], name="Alice Kember")
        carol = seed.mentee(session, lists, "UCAROL", areas=[1], name="Carol Diaz")
        for member in (john, alice, carol):
            member.tz = working_zone(now)
        pair = seed.pair(session, john, alice)
        arranged = now - timedelta(days=2)
        session.add(Meeting(team_id="T1", relationship_id=pair.id, created_by_id=alice.id,
                            uid="tick-test", title="Kick-off chat", duration_minutes=60,
                            starts_at=now + timedelta(hours=23, minutes=30),
                            status=MeetingStatus.SCHEDULED,
                            created_at=arranged, updated_at=arranged))
        propose_mentorship(session, actor=seed.actor(carol), mentor_id=john.id,
                           answers=ProposalAnswers(lists.areas[1].id, "I would like help."),
                           now=now - timedelta(days=8))
        # The request's own DM went out back then.
        for row in session.scalars(select(OutboxMessage)):
            row.status, row.sent_at = OutboxStatus.SENT, row.created_at


def tick(fake: FakeSlack, url: str, directory: Path, **extra: str
         ) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_"))}
    # No signing secret: a tick answers no request from Slack, it only posts.
    env.update({"SLACK_BOT_TOKEN": "xoxb-tick", "SLACK_API_URL": fake.base_url,
                "DATABASE_URL": url, "PYTHONPATH": str(REPO), **extra})
    return subprocess.run([sys.executable, "-m", "bot.cli", "tick"], cwd=directory, env=env,
                          capture_output=True, text=True, timeout=RUN_SECONDS, check=False)


def dm_texts(fake: FakeSlack) -> dict[str, list[str]]:
    texts: dict[str, list[str]] = {}
    for call in fake.calls_to("chat.postMessage"):
        texts.setdefault(call.params["channel"], []).append(call.params["text"])
    return texts


@pytest.mark.parametrize("backend", backends())
def test_mentorbot_tick_sends_what_is_due_and_exits(
    backend: str, fake_slack: FakeSlack, tmp_path: Path
) -> None:
    with database(backend, tmp_path) as (engine, url):
        seed_what_is_due(engine, datetime.now(UTC))
        result = tick(fake_slack, url, tmp_path)
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        texts = dm_texts(fake_slack)
        assert [t.startswith("A reminder: your meeting “Kick-off chat”") for t in
                texts["DUALICE"]] == [True]
        assert len(texts["DUJOHN"]) == 2  # the meeting, and Carol's waiting request
        assert any("Kick-off chat" in t for t in texts["DUJOHN"])
        with engine.connect() as connection:
            rows = connection.execute(select(OutboxMessage.kind, OutboxMessage.status)).all()
        assert sorted(kind for kind, status in rows if status != OutboxStatus.SENT) == []
        assert sorted(kind for kind, _ in rows).count(OutboxKind.MEETING_REMINDER) == 2

        again = tick(fake_slack, url, tmp_path)  # the next cron run: nothing more is owed
        assert again.returncode == 0, again.stderr
        assert len(fake_slack.calls_to("chat.postMessage")) == 3


@pytest.mark.skipif(not os.environ.get("TEST_DATABASE_URL"),
                    reason="the ticks' leadership is an advisory lock of PostgreSQL")
def test_mentorbot_tick_stands_by_while_a_scheduler_leads_the_ticks(
    fake_slack: FakeSlack, tmp_path: Path
) -> None:
    with database("postgresql", tmp_path) as (engine, url):
        seed_what_is_due(engine, datetime.now(UTC))
        scheduler = TickLeadership(engine)
        assert scheduler.leads()
        try:
            result = tick(fake_slack, url, tmp_path)
        finally:
            scheduler.close()
        assert result.returncode == 0, result.stderr
        assert result.stderr.count(STANDING_BY) == 1, result.stderr
        assert fake_slack.calls_to("chat.postMessage") == []  # no tick ran: nothing was owed
        with engine.connect() as connection:
            assert connection.execute(select(OutboxMessage.id).where(
                OutboxMessage.status != OutboxStatus.SENT)).all() == []


def test_mentorbot_tick_without_a_reachable_database_stops_with_one_sentence(
    fake_slack: FakeSlack, tmp_path: Path
) -> None:
    result = tick(fake_slack, "postgresql+psycopg://nobody@127.0.0.1:9/none", tmp_path)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith(
        "mentorbot: cannot reach the database in DATABASE_URL"), result.stderr


def test_mentorbot_tick_without_a_bot_token_stops_with_one_sentence(
    fake_slack: FakeSlack, tmp_path: Path
) -> None:
    result = tick(fake_slack, f"sqlite:///{tmp_path / 'x.sqlite3'}", tmp_path,
                  SLACK_BOT_TOKEN="")
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith(
        "mentorbot: SLACK_BOT_TOKEN is not set"), result.stderr


@pytest.mark.parametrize("backend", backends())
def test_mentorbot_tick_in_distributed_mode_sends_with_the_workspaces_installed_token(
    backend: str, fake_slack: FakeSlack, tmp_path: Path
) -> None:
    with database(backend, tmp_path) as (engine, url):
        seed_what_is_due(engine, datetime.now(UTC))
        Installations("1111.2222", engine).store.save(Installation(
            app_id="A1", team_id="T1", user_id="UADMIN", bot_token="xoxb-T1-installed",
            bot_id="BT1", bot_user_id="UBOTT1", bot_scopes="chat:write"))
        result = tick(fake_slack, url, tmp_path, SLACK_BOT_TOKEN="",
                      SLACK_CLIENT_ID="1111.2222", SLACK_CLIENT_SECRET="shh")
        assert result.returncode == 0, result.stderr
        posts = fake_slack.calls_to("chat.postMessage")
        assert len(posts) == 3
        assert {call.token for call in fake_slack.calls} == {"xoxb-T1-installed"}


@pytest.mark.parametrize("backend", backends())
def test_mentorbot_tick_refreshes_an_expiring_token_before_it_sends(
    backend: str, fake_slack: FakeSlack, tmp_path: Path
) -> None:
    fake_slack.turn_on_token_rotation()
    with database(backend, tmp_path) as (engine, url):
        seed_what_is_due(engine, datetime.now(UTC))
        # Installed with a token in its last ten minutes, on the real clock this process reads.
        install_by_oauth(fake_slack, Installations(CLIENT_ID, engine).store, "T1",
                         expires_in=600)
        result = tick(fake_slack, url, tmp_path, SLACK_BOT_TOKEN="", SLACK_CLIENT_ID=CLIENT_ID,
                      SLACK_CLIENT_SECRET=CLIENT_SECRET, SLACK_TOKEN_ROTATION="on")
        assert result.returncode == 0, result.stderr
        assert "bot token of T1 refreshed" in result.stderr
        posts = fake_slack.calls_to("chat.postMessage")
        assert len(posts) == 3
        assert {call.token for call in posts} == {rotating_token("T1", 2)}
        with engine.connect() as connection:
            assert connection.scalar(select(slack_bots.c.bot_token)) == rotating_token("T1", 2)
