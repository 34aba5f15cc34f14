"""Journey: installs by OAuth (distributed mode). Two workspaces install mentorbot over HTTP
(Add to Slack page, Slack's redirect back); then in each, people register, open Home and get
a DM from the background sender, every Web API call with that workspace's own token. A
signed request from a workspace that never installed, or whose install was deleted, is
refused and changes nothing."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from bot.app import NOT_INSTALLED_HERE
from domain import outbox
from domain.model import (
    Member,
    OutboxKind,
    OutboxMessage,
    OutboxStatus,
    Programme,
    slack_bots,
    slack_installations,
)
from tests.journeys.install_steps import (
    STATE_COOKIE,
    Distributed,
    ask_for_a_mentor,
    come_back,
    install,
    open_install_page,
    serving_distributed,
)
from tests.journeys.steps import join_as_mentee, join_as_mentor
from tests.support.clock import FakeClock
from tests.support.fake_slack import RESPONSE_URL_METHOD, UPLOAD_METHOD, FakeSlack

# Calls that carry no Web API token: uploads go to a pre-signed URL, replies to response_url.
TOKENLESS = {UPLOAD_METHOD, RESPONSE_URL_METHOD}


@pytest.fixture
def distributed(clean_engine: Engine, fake_slack: FakeSlack,
                clock: FakeClock) -> Iterator[Distributed]:
    """mentorbot with a client id and secret and no bot token, served on 127.0.0.1."""
    with serving_distributed(clean_engine, fake_slack, clock) as app:
        yield app


def journey(app: Distributed, fake: FakeSlack, team_id: str) -> list[Any]:
    """A mentor and a mentee join in this workspace, the mentee opens Home and asks the
    mentor; returns the Web API calls it made."""
    start = len(fake.calls)
    slack = app.slack(fake, team_id)
    join_as_mentor(slack, fake, f"UMENTOR{team_id}", "Grace Hopper", team_id=team_id)
    join_as_mentee(slack, fake, f"UMENTEE{team_id}", "Ada Lovelace", team_id=team_id)
    homes = len(fake.calls_to("views.publish"))
    slack.app_home_opened(f"UMENTEE{team_id}")
    fake.wait_for("views.publish", homes + 1)
    ask_for_a_mentor(slack, fake, f"UMENTEE{team_id}", f"UMENTOR{team_id}")
    assert app.bot.settle()
    return fake.calls[start:]


def _count(engine: Engine, what: Any) -> int:
    with engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(what)) or 0)


def test_two_workspaces_install_and_each_is_spoken_to_with_its_own_token(
    distributed: Distributed, fake_slack: FakeSlack, clean_engine: Engine,
) -> None:
    globex = install(distributed, fake_slack, "T2", "Globex")
    initech = install(distributed, fake_slack, "T3", "Initech & <Sons>")
    assert _count(clean_engine, slack_installations) == 2
    assert _count(clean_engine, slack_bots) == 2

    for offered in (globex, initech):
        calls = [c for c in journey(distributed, fake_slack, offered.team_id)
                 if c.method not in TOKENLESS]
        methods = {c.method for c in calls}
        assert {"views.open", "views.publish", "chat.postMessage"} <= methods, methods
        wrong = [(c.method, c.token) for c in calls if c.token != offered.bot_token]
        assert not wrong, f"calls in {offered.team_id} without its own token: {wrong}"
    with distributed.bot.sessions() as session:
        teams = session.execute(select(Member.team_id, Member.slack_user_id)).all()
    assert sorted(teams) == [("T2", "UMENTEET2"), ("T2", "UMENTORT2"),
                             ("T3", "UMENTEET3"), ("T3", "UMENTORT3")]


def test_a_workspace_that_never_installed_is_refused_and_nothing_changes(
    distributed: Distributed, fake_slack: FakeSlack, caplog: pytest.LogCaptureFixture,
) -> None:
    install(distributed, fake_slack, "T2", "Globex")
    before = len(fake_slack.calls)
    with caplog.at_level(logging.WARNING, logger="mentorbot.installations"):
        reply = distributed.slack(fake_slack, "T9").command("UINTRUDER")
        home = distributed.slack(fake_slack, "T9").app_home_opened("UINTRUDER")
    assert reply.status < 500 and home.status < 500
    assert "mentorbot is not installed there" in caplog.text
    api_calls = [c for c in fake_slack.calls[before:] if c.method != RESPONSE_URL_METHOD]
    assert not api_calls, [c.method for c in api_calls]
    said = [c.params.get("text") for c in fake_slack.calls_to(RESPONSE_URL_METHOD)]
    assert said == [NOT_INSTALLED_HERE]
    with distributed.bot.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Member)) == 0


def test_after_the_app_is_uninstalled_its_requests_and_dms_stop(
    distributed: Distributed, fake_slack: FakeSlack, clean_engine: Engine, clock: FakeClock,
) -> None:
    install(distributed, fake_slack, "T2", "Globex")
    slack = distributed.slack(fake_slack, "T2")
    join_as_mentor(slack, fake_slack, "UMENTORT2", "Grace Hopper", team_id="T2")
    # Slack's own word, signed: the install and its tokens are forgotten, sending stops.
    assert slack.event({"type": "app_uninstalled"}).status == 200
    assert _count(clean_engine, slack_bots) == 0
    assert _count(clean_engine, slack_installations) == 0
    before = len(fake_slack.calls)
    assert slack.command("UMENTORT2").status < 500
    with distributed.bot.sessions.begin() as session:
        outbox.enqueue(session, team_id="T2", recipient="UMENTORT2", kind=OutboxKind.WELCOME,
                       dedupe_key="after-uninstall", payload={}, now=clock.now())
    assert distributed.bot.sender.deliver_due() == 0
    sent = [c for c in fake_slack.calls[before:] if c.method != RESPONSE_URL_METHOD]
    assert not sent, [(c.method, c.token) for c in sent]
    with distributed.bot.sessions() as session:
        row = session.scalars(select(OutboxMessage)
                              .where(OutboxMessage.dedupe_key == "after-uninstall")).one()
    # Set aside for good (the refused command did not lift the stop), not retried forever.
    assert row.status == OutboxStatus.STOPPED and row.sent_at is None


def test_installing_again_after_an_uninstall_resumes_sending_with_the_data_kept(
    distributed: Distributed, fake_slack: FakeSlack, clean_engine: Engine, clock: FakeClock,
) -> None:
    install(distributed, fake_slack, "T2", "Globex")
    slack = distributed.slack(fake_slack, "T2")
    join_as_mentor(slack, fake_slack, "UMENTORT2", "Grace Hopper", team_id="T2")
    assert slack.event({"type": "app_uninstalled"}).status == 200
    with distributed.bot.sessions() as session:
        assert session.scalar(select(Programme.sending_stopped_at)) is not None

    globex = install(distributed, fake_slack, "T2", "Globex")  # the install lifts the stop
    with distributed.bot.sessions() as session:
        assert session.scalar(select(Programme.sending_stopped_at)) is None
        assert session.scalar(select(Member.name)) == "Grace Hopper"
    with distributed.bot.sessions.begin() as session:
        outbox.enqueue(session, team_id="T2", recipient="UMENTORT2", kind=OutboxKind.WELCOME,
                       dedupe_key="after-reinstall", now=clock.now(),
                       payload={"name": "Grace Hopper", "programme": "Mentoring programme",
                                "is_mentor": True, "is_mentee": False})
    before = len(fake_slack.calls_to("chat.postMessage"))
    assert distributed.bot.sender.deliver_due() == 1
    posted = fake_slack.calls_to("chat.postMessage")[before:]
    assert [call.token for call in posted] == [globex.bot_token]


def test_an_install_link_used_twice_or_from_another_browser_installs_nothing(
    distributed: Distributed, fake_slack: FakeSlack, clean_engine: Engine,
) -> None:
    offered = fake_slack.offer_install("code-T2", team_id="T2", team_name="Globex",
                                       installer="UADMINT2")
    state, _cookie = open_install_page(distributed.url)
    status, page = come_back(distributed.url, code=offered.code, state=state,
                             cookie=f"{STATE_COOKIE}=another-browser")
    assert status == 400 and "different browser" in page
    status, page = come_back(distributed.url, code=offered.code, state="made-up",
                             cookie=f"{STATE_COOKIE}=made-up")
    assert status == 401 and "expired or was already used" in page
    assert "Start the install again" in page
    assert _count(clean_engine, slack_installations) == 0
    assert not fake_slack.calls_to("oauth.v2.access")
