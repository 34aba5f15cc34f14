"""Steps of an install by OAuth over HTTP: mentorbot in distributed mode, the Add to Slack
page, and Slack's redirect back."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html import escape, unescape
from typing import Any
from urllib.error import HTTPError
from urllib.parse import parse_qs, urlencode, urlsplit
from urllib.request import Request, urlopen

from sqlalchemy import Engine, func, select

from blocks import ids
from bot.app import Mentorbot, create_app
from bot.config import Settings
from bot.manifest import bot_scopes
from tests.conftest import SIGNING_SECRET
from tests.journeys.steps import button_values, wait_for_dm
from tests.support.clock import FakeClock
from tests.support.fake_slack import RESPONSE_URL_METHOD, UPLOAD_METHOD, FakeSlack
from tests.support.fake_slack_oauth import APP_ID, FakeInstall
from tests.support.http_server import serving
from tests.support.slack_requests import SlackRequests
from tests.support.view_state import fill

CLIENT_ID = "1111.2222"
CLIENT_SECRET = "client-secret"
STATE_COOKIE = "slack-app-oauth-state"

# Calls that carry no Web API token: uploads go to a pre-signed URL, replies to response_url.
TOKENLESS = {UPLOAD_METHOD, RESPONSE_URL_METHOD}


def open_install_page(url: str) -> tuple[str, str]:
    """GET /slack/install: the Add to Slack link's state, and the cookie the page set."""
    with urlopen(f"{url}/slack/install", timeout=10) as page:
        cookie = page.headers["Set-Cookie"].split(";")[0]
        html = page.read().decode()
    found = re.search(r'href="(https://slack\.com/oauth/v2/authorize\?[^"]+)"', html)
    assert found, html
    query = parse_qs(urlsplit(unescape(found.group(1))).query)
    assert query["client_id"] == [CLIENT_ID]
    assert query["scope"][0].split(",") == list(bot_scopes())
    state = query["state"][0]
    assert cookie == f"{STATE_COOKIE}={state}"
    return state, cookie


def come_back(url: str, *, code: str, state: str, cookie: str) -> tuple[int, str]:
    """GET /slack/oauth_redirect as Slack sends the browser back: status and page."""
    query = urlencode({"code": code, "state": state})
    request = Request(f"{url}/slack/oauth_redirect?{query}", headers={"Cookie": cookie})
    try:
        with urlopen(request, timeout=10) as page:
            return page.status, page.read().decode()
    except HTTPError as refused:
        return refused.code, refused.read().decode()


@dataclass
class Distributed:
    """mentorbot in distributed mode, served over HTTP."""

    bot: Mentorbot
    url: str

    def slack(self, fake: FakeSlack, team_id: str, *, enterprise_id: str | None = None,
              org_wide: bool = False) -> SlackRequests:
        """Signed requests from one workspace (of an Enterprise Grid org, when given; through
        its org-wide install when `org_wide`)."""
        return SlackRequests(f"{self.url}/slack/events", SIGNING_SECRET, team_id=team_id,
                             team_domain=team_id.lower(),
                             response_url_base=fake.response_url_base, settle=self.bot.settle,
                             enterprise_id=enterprise_id, org_wide=org_wide)


@contextmanager
def serving_distributed(engine: Engine, fake: FakeSlack, clock: FakeClock, *,
                        token_clock: Callable[[], float] = time.time,
                        **settings: Any) -> Iterator[Distributed]:
    """mentorbot with a client id and secret and no bot token, served on 127.0.0.1."""
    fake.accept_client(CLIENT_ID, CLIENT_SECRET)
    bot = create_app(Settings(client_id=CLIENT_ID, client_secret=CLIENT_SECRET,
                              signing_secret=SIGNING_SECRET, slack_api_url=fake.base_url,
                              outbox_interval_seconds=1, **settings),
                     clock=clock.now, engine=engine, migrate=False, token_clock=token_clock)
    try:
        with serving(bot.wsgi()) as url:
            yield Distributed(bot, url)
    finally:
        bot.close()


def install(app: Distributed, fake: FakeSlack, team_id: str, team_name: str,
            **offer: Any) -> FakeInstall:
    """The whole install of one workspace (or, with `org_wide` and `enterprise_id`, of an
    org), from Add to Slack to the success page."""
    offered = fake.offer_install(f"code-{team_id}", team_id=team_id, team_name=team_name,
                                 installer=f"UADMIN{team_id}", **offer)
    state, cookie = open_install_page(app.url)
    status, page = come_back(app.url, code=offered.code, state=state, cookie=cookie)
    assert status == 200, page
    assert f"mentorbot is now part of <strong>{escape(team_name)}</strong>" in page
    unit = offered.unit
    assert f'href="slack://app?team={unit}&amp;id={APP_ID}&amp;tab=home"' in page
    assert f"app_redirect?app={APP_ID}&amp;team={unit}" in page  # without the Slack app
    return offered


def ask_for_a_mentor(slack: SlackRequests, fake: FakeSlack, mentee: str, mentor: str) -> None:
    """The mentee finds the mentor and sends a request; the mentor's DM arrives."""
    updates = len(fake.calls_to("views.update"))
    slack.command(mentee, "find")
    fake.wait_for("views.update", updates + 1)
    results = fake.latest_modal()
    slack.block_action(mentee, ids.PROPOSAL_OPEN,
                       value=button_values(results, ids.PROPOSAL_OPEN)[0], view=results)
    form = fake.latest_modal()
    slack.view_submission(mentee, form, fill(form, {ids.PROPOSAL_STATEMENT: "Please."}))
    wait_for_dm(fake, mentor, "would like you to be their mentor")


def count_rows(engine: Engine, what: Any) -> int:
    """How many rows a table (or any selectable) holds now."""
    with engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(what)) or 0)
