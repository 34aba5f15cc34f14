"""Fixtures: real databases, a fake Slack Web API, and the real app served over HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot import db
from bot.app import Mentorbot, create_app
from bot.config import Settings
from tests.support.clock import FakeClock
from tests.support.databases import backends, empty_database, wipe
from tests.support.fake_slack import FakeSlack
from tests.support.http_server import serving
from tests.support.slack_requests import SlackRequests

SIGNING_SECRET = "test-signing-secret"
TEAM = "T1"


@pytest.fixture(scope="session", params=backends())
def engine(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[
    Engine
]:
    """A migrated database for the whole run, once per backend."""
    with empty_database(request.param, tmp_path_factory.mktemp("db")) as engine:
        db.upgrade(engine)
        yield engine


@pytest.fixture
def clean_engine(engine: Engine) -> Engine:
    """The run's database, emptied for this test."""
    wipe(engine)
    return engine


@pytest.fixture
def session(clean_engine: Engine) -> Iterator[Session]:
    """A session on an empty database; the test commits or flushes as the use case would."""
    with db.session_factory(clean_engine)() as session, session.begin():
        yield session


@pytest.fixture
def sessions(clean_engine: Engine) -> sessionmaker[Session]:
    """Sessions on an empty database, for tests that run transactions side by side."""
    return db.session_factory(clean_engine)


@pytest.fixture
def clock() -> FakeClock:
    """Monday 23 November 2026, 09:00 UTC, until a test moves it."""
    return FakeClock()


@pytest.fixture(scope="session")
def fake_slack_server() -> Iterator[FakeSlack]:
    """One fake Slack Web API for the run."""
    with FakeSlack() as fake:
        yield fake


@pytest.fixture
def fake_slack(fake_slack_server: FakeSlack) -> FakeSlack:
    """The fake Slack, with no users, no calls recorded and no failures scripted."""
    fake_slack_server.reset(keep_users=False)
    return fake_slack_server


def settings_for(fake: FakeSlack) -> Settings:
    """Settings that point the app at the fake Slack."""
    return Settings(bot_token="xoxb-test", signing_secret=SIGNING_SECRET,
                    slack_api_url=fake.base_url, outbox_interval_seconds=1)


@pytest.fixture
def app(clean_engine: Engine, fake_slack: FakeSlack, clock: FakeClock) -> Iterator[Mentorbot]:
    """The real mentorbot (not yet serving), on an empty database, talking to the fake Slack."""
    bot = create_app(settings_for(fake_slack), clock=clock.now, engine=clean_engine, migrate=False)
    yield bot
    bot.close()


@pytest.fixture
def server_url(app: Mentorbot) -> Iterator[str]:
    """The app's WSGI callable served over HTTP on 127.0.0.1."""
    with serving(app.wsgi()) as url:
        yield url


@pytest.fixture
def slack(app: Mentorbot, server_url: str, fake_slack: FakeSlack) -> SlackRequests:
    """Sends signed, Slack-shaped requests to the served app; each returns once it settled."""
    return SlackRequests(f"{server_url}/slack/events", SIGNING_SECRET, team_id=TEAM,
                         response_url_base=fake_slack.response_url_base, settle=app.settle)


@pytest.fixture
def tmp_dir(tmp_path: Path) -> Path:
    """A scratch directory."""
    return tmp_path
