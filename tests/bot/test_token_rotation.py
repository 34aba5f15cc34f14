"""Token rotation in the installation store: a bot token is refreshed in its last two hours,
saved for every process, never served from the cache into its refresh window, refreshed
once when two processes need it at the same moment, and given up (the workspace then counts
as not installed) when Slack refuses its refresh token."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import Engine, select

from bot.installations import TOKEN_CACHE_SECONDS, Installations
from bot.token_rotation import REFRESH_MARGIN_SECONDS, TokenRefresher
from domain.model import slack_bots, slack_installations
from tests.support.clock import WallClock
from tests.support.concurrency import at_once
from tests.support.fake_slack import Call, FakeSlack
from tests.support.fake_slack_oauth import TOKEN_SECONDS, rotating_token
from tests.support.installs import CLIENT_ID, CLIENT_SECRET, install_by_oauth

# Comfortably before and inside the first token's refresh window (the install itself takes
# a moment of real time after the clock was made).
BEFORE_WINDOW = TOKEN_SECONDS - REFRESH_MARGIN_SECONDS - 600
IN_WINDOW = TOKEN_SECONDS - REFRESH_MARGIN_SECONDS + 600


def process(engine: Engine, fake: FakeSlack, clock: WallClock) -> Installations:
    """The installations as one mentorbot process holds them (its own cache)."""
    refresher = TokenRefresher(client_id=CLIENT_ID, client_secret=CLIENT_SECRET,
                               api_url=fake.base_url, engine=engine, clock=clock)
    return Installations(CLIENT_ID, engine, clock, refresher)


def refreshes(fake: FakeSlack) -> list[Call]:
    """The oauth.v2.access calls that refreshed a token."""
    return [c for c in fake.calls_to("oauth.v2.access")
            if c.params.get("grant_type") == "refresh_token"]


def bot_row(engine: Engine, team_id: str = "T2") -> dict[str, object]:
    with engine.connect() as connection:
        return dict(connection.execute(select(slack_bots).where(
            slack_bots.c.team_id == team_id)).mappings().one())


@pytest.fixture
def rotating(fake_slack: FakeSlack) -> FakeSlack:
    """The fake Slack with token rotation on for the app."""
    fake_slack.turn_on_token_rotation()
    return fake_slack


def test_a_token_is_refreshed_in_its_last_two_hours_and_saved_for_every_process(
    clean_engine: Engine, rotating: FakeSlack,
) -> None:
    clock = WallClock()
    web, scheduler = process(clean_engine, rotating, clock), process(clean_engine, rotating, clock)
    install_by_oauth(rotating, web.store, "T2")
    first = rotating_token("T2", 1)
    assert bot_row(clean_engine)["bot_refresh_token"] == "xoxe-1-T2-1"
    clock.advance(BEFORE_WINDOW)
    assert web.bot_for("T2").token == first  # type: ignore[union-attr]
    assert refreshes(rotating) == []

    clock.advance(IN_WINDOW - BEFORE_WINDOW)
    refreshed = web.bot_for("T2")
    assert refreshed is not None and refreshed.token == rotating_token("T2", 2)
    [call] = refreshes(rotating)
    assert call.params["refresh_token"] == "xoxe-1-T2-1"
    assert refreshed.expires_at == pytest.approx(clock() + TOKEN_SECONDS, abs=2)
    # Saved: another process reads the new token, and refreshes nothing.
    assert scheduler.bot_for("T2").token == rotating_token("T2", 2)  # type: ignore[union-attr]
    assert len(refreshes(rotating)) == 1
    row = bot_row(clean_engine)
    assert (row["bot_token"], row["bot_refresh_token"]) == (rotating_token("T2", 2),
                                                             "xoxe-1-T2-2")
    installation = web.store.find_installation(enterprise_id=None, team_id="T2")
    assert installation is not None and installation.bot_token == rotating_token("T2", 2)
    assert installation.bot_refresh_token == "xoxe-1-T2-2"


def test_a_cached_token_is_never_served_into_its_refresh_window(
    clean_engine: Engine, rotating: FakeSlack,
) -> None:
    clock = WallClock()
    installations = process(clean_engine, rotating, clock)
    install_by_oauth(rotating, installations.store, "T2")
    bot = installations.bot_for("T2")
    assert bot is not None and bot.expires_at is not None
    window = bot.expires_at - REFRESH_MARGIN_SECONDS
    clock.advance(window - 30 - clock())  # looked up half a minute before the window opens
    assert installations.bot_for("T2").token == rotating_token("T2", 1)  # type: ignore[union-attr]
    clock.advance(31)  # inside the minute it would have been cached for, but in the window
    assert installations.bot_for("T2").token == rotating_token("T2", 2)  # type: ignore[union-attr]
    assert len(refreshes(rotating)) == 1


def test_two_processes_needing_the_token_at_once_refresh_it_once(
    clean_engine: Engine, rotating: FakeSlack,
) -> None:
    clock = WallClock()
    processes = [process(clean_engine, rotating, clock) for _ in range(2)]
    install_by_oauth(rotating, processes[0].store, "T2")
    clock.advance(IN_WINDOW)
    found = at_once(lambda installations: installations.bot_for("T2"), processes)
    # A second refresh with the same refresh token would be refused (Slack revokes it as it
    # is used): the one that waited read the token the other had saved.
    assert [bot.token for bot in found] == [rotating_token("T2", 2)] * 2  # type: ignore[union-attr]
    assert len(refreshes(rotating)) == 1
    assert bot_row(clean_engine)["bot_refresh_token"] == "xoxe-1-T2-2"


def test_a_refresh_token_slack_refuses_leaves_the_workspace_not_installed_in_one_line(
    clean_engine: Engine, rotating: FakeSlack, caplog: pytest.LogCaptureFixture,
) -> None:
    clock = WallClock()
    installations = process(clean_engine, rotating, clock)
    install_by_oauth(rotating, installations.store, "T2")
    install_by_oauth(rotating, installations.store, "T3")
    rotating.revoke_refresh_tokens("T2")
    clock.advance(IN_WINDOW)
    with caplog.at_level(logging.INFO, logger="mentorbot"):
        assert installations.bot_for("T2") is None
        assert installations.bot_for("T2") is None  # no second try: the token is gone
    said = [r for r in caplog.records if "T2" in r.getMessage()]
    assert [r.getMessage() for r in said] == [
        "bot token of T2 not refreshed: Slack said invalid_refresh_token, so mentorbot is not "
        "installed there until a workspace admin installs it again"]
    assert not any(r.exc_info for r in caplog.records)
    assert len(refreshes(rotating)) == 1
    assert bot_row(clean_engine)["bot_token"] is None
    with clean_engine.connect() as connection:
        assert connection.scalar(select(slack_installations.c.bot_token).where(
            slack_installations.c.team_id == "T2")) is None
    assert installations.bot_for("T3").token == rotating_token("T3", 2)  # type: ignore[union-attr]
    # Installing again brings a new token and refresh token: it works at once (one lasting
    # 12 hours from the moved clock's now, not the real one).
    install_by_oauth(rotating, installations.store, "T2", expires_in=TOKEN_SECONDS + IN_WINDOW)
    again = installations.bot_for("T2")
    assert again is not None and again.token == rotating_token("T2", 2)
    assert len(refreshes(rotating)) == 2  # T3's besides


def test_while_slack_cannot_refresh_the_old_token_serves_until_it_expires(
    clean_engine: Engine, rotating: FakeSlack, caplog: pytest.LogCaptureFixture,
) -> None:
    clock = WallClock()
    installations = process(clean_engine, rotating, clock)
    install_by_oauth(rotating, installations.store, "T2")
    clock.advance(IN_WINDOW)
    rotating.fail_next("oauth.v2.access", status=503, error="service_unavailable")
    with caplog.at_level(logging.WARNING, logger="mentorbot.installations"):
        assert installations.bot_for("T2").token == rotating_token("T2", 1)  # type: ignore[union-attr]
    assert "Slack said service_unavailable; the old one serves until it expires" in caplog.text
    assert bot_row(clean_engine)["bot_token"] == rotating_token("T2", 1)  # kept for a retry

    clock.advance(REFRESH_MARGIN_SECONDS)  # expired now
    rotating.set_down(True)
    assert installations.bot_for("T2") is None
    rotating.set_down(False)
    assert installations.bot_for("T2").token == rotating_token("T2", 2)  # type: ignore[union-attr]


def test_a_token_that_never_expires_is_never_refreshed(
    clean_engine: Engine, fake_slack: FakeSlack,
) -> None:
    clock = WallClock()
    installations = process(clean_engine, fake_slack, clock)
    install_by_oauth(fake_slack, installations.store, "T2")
    for _ in range(3):
        clock.advance(365 * 24 * 3600.0)
        assert installations.bot_for("T2").token == "xoxb-T2-bot-token"  # type: ignore[union-attr]
    assert refreshes(fake_slack) == []
    assert TOKEN_CACHE_SECONDS == 60
