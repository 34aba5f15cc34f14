"""The installation store on our tables: the same columns slack_sdk declares, each
workspace's bot token cached for a minute, and the wsgi entry point serving the install."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from urllib.request import urlopen

import pytest
from slack_sdk.oauth.installation_store import Installation
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Engine, MetaData, Table, update

from bot.config import Settings
from bot.installations import TOKEN_CACHE_SECONDS, Installations
from bot.prefork import PerProcess
from domain.model import slack_bots, slack_installations, slack_oauth_states
from tests.conftest import SIGNING_SECRET
from tests.support.fake_slack import FakeSlack
from tests.support.http_server import serving

CLIENT_ID = "1111.2222"


def _columns(table: Table) -> list[tuple[str, str, bool, bool]]:
    return [(c.name, repr(c.type), bool(c.nullable), bool(c.primary_key)) for c in table.columns]


def _indexes(table: Table) -> set[tuple[str | None, tuple[str, ...]]]:
    return {(i.name, tuple(c.name for c in i.columns)) for i in table.indexes}


@pytest.mark.parametrize(("ours", "build"), [
    (slack_installations, lambda m: SQLAlchemyInstallationStore.build_installations_table(
        m, "slack_installations")),
    (slack_bots, lambda m: SQLAlchemyInstallationStore.build_bots_table(m, "slack_bots")),
    (slack_oauth_states, lambda m: SQLAlchemyOAuthStateStore.build_oauth_states_table(
        m, "slack_oauth_states")),
], ids=["installations", "bots", "oauth_states"])
def test_our_tables_are_the_ones_slack_sdk_declares(ours: Table, build) -> None:  # type: ignore[no-untyped-def]
    theirs = build(MetaData())
    assert _columns(ours) == _columns(theirs)
    assert _indexes(ours) == _indexes(theirs)


def _installation(team_id: str, token: str) -> Installation:
    return Installation(app_id="A1", team_id=team_id, team_name=team_id, user_id="UADMIN",
                        bot_token=token, bot_id=f"B{team_id}", bot_user_id=f"UBOT{team_id}",
                        bot_scopes="chat:write", installed_at=datetime.now(UTC).timestamp())


class Ticks:
    """A monotonic clock the test moves."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_token_is_cached_for_a_minute_and_a_miss_is_not(clean_engine: Engine) -> None:
    ticks = Ticks()
    installations = Installations(CLIENT_ID, clean_engine, clock=ticks)
    assert installations.bot_for("T2") is None  # not installed: asked again next time
    installations.store.save(_installation("T2", "xoxb-T2-first"))
    assert installations.bot_for("T2").token == "xoxb-T2-first"  # type: ignore[union-attr]
    with clean_engine.begin() as connection:  # another process rotates it behind our back
        connection.execute(update(slack_bots).values(bot_token="xoxb-T2-second"))
    ticks.now += TOKEN_CACHE_SECONDS - 1
    assert installations.bot_for("T2").token == "xoxb-T2-first"  # type: ignore[union-attr]
    ticks.now += 2
    assert installations.bot_for("T2").token == "xoxb-T2-second"  # type: ignore[union-attr]


def test_workspaces_never_get_each_others_token_even_looked_up_at_once(
    clean_engine: Engine,
) -> None:
    installations = Installations(CLIENT_ID, clean_engine)
    teams = [f"T{n}" for n in range(2, 8)]
    for team in teams:
        installations.store.save(_installation(team, f"xoxb-{team}"))
    with ThreadPoolExecutor(max_workers=6) as pool:
        found = list(pool.map(lambda team: (team, installations.bot_for(team)), teams * 10))
    assert all(bot is not None and bot.token == f"xoxb-{team}" for team, bot in found)


def test_deleting_an_installation_forgets_its_token_at_once(clean_engine: Engine) -> None:
    installations = Installations(CLIENT_ID, clean_engine)
    installations.store.save(_installation("T2", "xoxb-T2"))
    installations.store.save(_installation("T3", "xoxb-T3"))
    assert installations.bot_for("T2") is not None
    installations.delete_installation("T2", None)
    assert installations.bot_for("T2") is None
    assert installations.store.find_installation(enterprise_id=None, team_id="T2") is None
    assert installations.bot_for("T3").token == "xoxb-T3"  # type: ignore[union-attr]


def test_the_wsgi_entry_point_serves_the_add_to_slack_page(
    clean_engine: Engine, fake_slack: FakeSlack,
) -> None:
    settings = Settings(client_id=CLIENT_ID, client_secret="shh", signing_secret=SIGNING_SECRET,
                        slack_api_url=fake_slack.base_url,
                        database_url=clean_engine.url.render_as_string(hide_password=False))
    application = PerProcess(settings)
    try:
        with serving(application) as url, urlopen(f"{url}/slack/install", timeout=10) as page:
            assert page.status == 200
            assert "slack-app-oauth-state=" in page.headers["Set-Cookie"]
            assert "Add to Slack" in page.read().decode()
    finally:
        assert application.bot is not None
        application.bot.close()
