"""Steps of an install by OAuth over HTTP: the Add to Slack page, and Slack's redirect back."""

from __future__ import annotations

import re
from html import unescape
from urllib.error import HTTPError
from urllib.parse import parse_qs, urlencode, urlsplit
from urllib.request import Request, urlopen

from bot.manifest import bot_scopes

CLIENT_ID = "1111.2222"
CLIENT_SECRET = "client-secret"
STATE_COOKIE = "slack-app-oauth-state"


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
