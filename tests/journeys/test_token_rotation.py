"""Journey: token rotation in distributed mode (SLACK_TOKEN_ROTATION=on). A workspace installs
and is given a bot token that expires in 12 hours; an hour before it does, a request and the
DM it owes both go out with the refreshed token, never the old one; later a scheduler tick
refreshes it again on its own. A refresh token Slack refuses leaves the workspace as if it
had not installed mentorbot: requests refused kindly, DMs held, one log line, no traceback."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import Engine, select

from bot.app import NOT_INSTALLED_HERE
from bot.outbox import NOT_INSTALLED
from bot.tick_once import tick_once
from domain import outbox
from domain.model import OutboxKind, OutboxMessage, OutboxStatus, slack_bots
from tests.journeys.install_steps import (
    Distributed,
    ask_for_a_mentor,
    install,
    serving_distributed,
)
from tests.journeys.steps import join_as_mentee, join_as_mentor
from tests.support.clock import FakeClock, WallClock
from tests.support.fake_slack import RESPONSE_URL_METHOD, UPLOAD_METHOD, Call, FakeSlack
from tests.support.fake_slack_oauth import TOKEN_SECONDS, rotating_token

HOUR = 3600.0


@dataclass
class Rotating:
    """mentorbot in distributed mode with token rotation, and the clock its tokens expire by."""

    app: Distributed
    tokens: WallClock


@pytest.fixture
def rotating(clean_engine: Engine, fake_slack: FakeSlack, clock: FakeClock) -> Iterator[Rotating]:
    """Served with SLACK_TOKEN_ROTATION=on, for a Slack app with token rotation turned on."""
    fake_slack.turn_on_token_rotation()
    tokens = WallClock()
    with serving_distributed(clean_engine, fake_slack, clock, token_clock=tokens,
                             token_rotation=True) as app:
        yield Rotating(app, tokens)


def web_api_calls(calls: list[Call]) -> list[Call]:
    """The calls that carry a workspace's token (not uploads, replies or refreshes)."""
    return [c for c in calls if c.method not in (UPLOAD_METHOD, RESPONSE_URL_METHOD)
            and c.method != "oauth.v2.access"]


def refreshes(fake: FakeSlack) -> list[Call]:
    return [c for c in fake.calls_to("oauth.v2.access")
            if c.params.get("grant_type") == "refresh_token"]


def test_a_request_and_the_dm_it_owes_go_out_with_the_refreshed_token(
    rotating: Rotating, fake_slack: FakeSlack, clean_engine: Engine,
) -> None:
    install(rotating.app, fake_slack, "T2", "Globex")
    with clean_engine.connect() as connection:
        row = connection.execute(select(slack_bots)).mappings().one()
    assert row["bot_refresh_token"] == "xoxe-1-T2-1" and row["bot_token_expires_at"]
    slack = rotating.app.slack(fake_slack, "T2")
    join_as_mentor(slack, fake_slack, "UMENTORT2", "Grace Hopper", team_id="T2")
    join_as_mentee(slack, fake_slack, "UMENTEET2", "Ada Lovelace", team_id="T2")
    assert {c.token for c in web_api_calls(fake_slack.calls)} == {rotating_token("T2", 1)}

    rotating.tokens.advance(TOKEN_SECONDS - HOUR)  # an hour before the first token expires
    start = len(fake_slack.calls)
    ask_for_a_mentor(slack, fake_slack, "UMENTEET2", "UMENTORT2")  # the mentor's DM is sent
    assert rotating.app.bot.settle()
    calls = web_api_calls(fake_slack.calls[start:])
    assert {"views.open", "views.update", "chat.postMessage"} <= {c.method for c in calls}
    assert {c.token for c in calls} == {rotating_token("T2", 2)}
    assert [c.params["refresh_token"] for c in refreshes(fake_slack)] == ["xoxe-1-T2-1"]


def test_a_scheduler_tick_refreshes_the_token_it_sends_with(
    rotating: Rotating, fake_slack: FakeSlack, clock: FakeClock,
) -> None:
    install(rotating.app, fake_slack, "T2", "Globex")
    slack = rotating.app.slack(fake_slack, "T2")
    join_as_mentor(slack, fake_slack, "UMENTORT2", "Grace Hopper", team_id="T2")
    join_as_mentee(slack, fake_slack, "UMENTEET2", "Ada Lovelace", team_id="T2")
    ask_for_a_mentor(slack, fake_slack, "UMENTEET2", "UMENTORT2")
    assert rotating.app.bot.settle()

    # Three days on the mentor is reminded of the request, by the scheduler alone, the token
    # having come within an hour of its expiry meanwhile.
    clock.advance(days=3, hours=1)
    rotating.tokens.advance(TOKEN_SECONDS - HOUR)
    start = len(fake_slack.calls)
    bot = rotating.app.bot
    run = tick_once(bot.engine, bot.sessions, bot.sender, clock.now)
    assert run.ticked is not None and run.ticked["proposals_chase"] == 1 and run.delivered >= 1
    calls = web_api_calls(fake_slack.calls[start:])
    assert "chat.postMessage" in {c.method for c in calls}
    assert {c.token for c in calls} == {rotating_token("T2", 2)}
    assert len(refreshes(fake_slack)) == 1


def test_a_refused_refresh_token_leaves_the_workspace_as_if_not_installed(
    rotating: Rotating, fake_slack: FakeSlack, clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    install(rotating.app, fake_slack, "T2", "Globex")
    slack = rotating.app.slack(fake_slack, "T2")
    join_as_mentor(slack, fake_slack, "UMENTORT2", "Grace Hopper", team_id="T2")
    fake_slack.revoke_refresh_tokens("T2")  # revoked at Slack, say, by an admin
    rotating.tokens.advance(TOKEN_SECONDS - HOUR)
    start = len(fake_slack.calls)
    with caplog.at_level(logging.INFO):
        assert slack.command("UMENTORT2").status < 500
        with rotating.app.bot.sessions.begin() as session:
            outbox.enqueue(session, team_id="T2", recipient="UMENTORT2",
                           kind=OutboxKind.WELCOME, dedupe_key="after-refusal", payload={},
                           now=clock.now())
        assert rotating.app.bot.sender.deliver_due() == 0
    assert web_api_calls(fake_slack.calls[start:]) == []
    said = [c.params.get("text") for c in fake_slack.calls_to(RESPONSE_URL_METHOD)[-1:]]
    assert said == [NOT_INSTALLED_HERE]
    why = [r.getMessage() for r in caplog.records if "invalid_refresh_token" in r.getMessage()]
    assert why == ["bot token of T2 not refreshed: Slack said invalid_refresh_token, so "
                   "mentorbot is not installed there until a workspace admin installs it again"]
    # (Bolt adds its own line for any request it could not authorize, as for a workspace
    # that never installed; none of them carries a traceback.)
    assert not [r for r in caplog.records if r.exc_info]
    assert not [r for r in caplog.records
                if r.name.startswith("mentorbot") and r.levelno >= logging.ERROR]
    with rotating.app.bot.sessions() as session:
        row = session.scalars(select(OutboxMessage)
                              .where(OutboxMessage.dedupe_key == "after-refusal")).one()
    assert (row.status, row.last_error) == (OutboxStatus.PENDING, NOT_INSTALLED)  # held


def test_an_install_whose_token_never_expires_while_rotation_is_on_says_so(
    clean_engine: Engine, fake_slack: FakeSlack, clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    with serving_distributed(clean_engine, fake_slack, clock, token_rotation=True) as app, \
            caplog.at_level(logging.WARNING, logger="mentorbot.installations"):
        install(app, fake_slack, "T2", "Globex")  # the Slack app's rotation is off
    assert ("SLACK_TOKEN_ROTATION is on, but the bot token installed in T2 never expires: "
            "turn token rotation on for the Slack app (OAuth & Permissions)") in caplog.text
