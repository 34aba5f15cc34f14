"""oauth.v2.access and per-token auth.test of the fake Slack: workspaces that install the app.

A test offers an install (`FakeSlack.offer_install`): the code Slack would hand the browser,
and the workspace it installs into. oauth.v2.access then answers like Slack, with a bot token
of that workspace alone, and auth.test tells each token's workspace apart."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

from .fake_slack_errors import SlackError

APP_ID = "A1"


@dataclass(frozen=True)
class FakeInstall:
    """One workspace's install: what oauth.v2.access gives for its code."""

    code: str
    team_id: str
    team_name: str
    installer: str
    scope: str  # what the installer granted, comma-separated as Slack answers it

    @property
    def bot_token(self) -> str:
        """The workspace's own bot token."""
        return f"xoxb-{self.team_id}-bot-token"

    @property
    def bot_user_id(self) -> str:
        """The bot user mentorbot has in this workspace."""
        return f"UBOT{self.team_id}"

    @property
    def bot_id(self) -> str:
        """The bot id mentorbot has in this workspace."""
        return f"BBOT{self.team_id}"


class FakeInstalls:
    """The installs on offer, the app's client credentials, and the tokens handed out."""

    def __init__(self) -> None:
        self.client_id = ""
        self.client_secret = ""
        self.offered: dict[str, FakeInstall] = {}
        self.by_token: dict[str, FakeInstall] = {}

    def answer(self, method: str, params: dict[str, Any], token: str | None,
               headers: dict[str, str]) -> dict[str, Any] | None:
        """The answer to oauth.v2.access, or to auth.test with an installed token; None for
        every other call (the workspace answers it)."""
        if method == "oauth.v2.access":
            return self.access(params, headers.get("authorization", ""))
        return self.who(token) if method == "auth.test" else None

    def team_of(self, token: str | None) -> str:
        """The workspace a token was installed in; T1 for the single workspace's token."""
        install = self.by_token.get(token or "")
        return install.team_id if install else "T1"

    def access(self, params: dict[str, Any], authorization: str) -> dict[str, Any]:
        """oauth.v2.access: exchange a code (once) for the workspace's bot token."""
        client_id, client_secret = _client_credentials(params, authorization)
        if client_id != self.client_id:
            raise SlackError("invalid_client_id")
        if client_secret != self.client_secret:
            raise SlackError("bad_client_secret")
        install = self.offered.pop(str(params.get("code", "")), None)
        if install is None:
            raise SlackError("invalid_code")
        self.by_token[install.bot_token] = install
        return {
            "ok": True, "app_id": APP_ID, "access_token": install.bot_token,
            "token_type": "bot", "scope": install.scope,
            "bot_user_id": install.bot_user_id,
            "team": {"id": install.team_id, "name": install.team_name},
            "enterprise": None, "is_enterprise_install": False,
            "authed_user": {"id": install.installer},
        }

    def who(self, token: str | None) -> dict[str, Any] | None:
        """auth.test for a token an install handed out; None for any other token."""
        install = self.by_token.get(token or "")
        if install is None:
            return None
        return {"ok": True, "url": f"https://{install.team_id.lower()}.slack.test/",
                "team": install.team_name, "user": "mentorbot", "team_id": install.team_id,
                "user_id": install.bot_user_id, "bot_id": install.bot_id,
                "is_enterprise_install": False}


def _client_credentials(params: dict[str, Any], authorization: str) -> tuple[str, str]:
    """The client id and secret, from HTTP Basic auth (as slack_sdk sends them) or the form."""
    scheme, _, encoded = authorization.partition(" ")
    if scheme.lower() == "basic":
        client_id, _, client_secret = base64.b64decode(encoded).decode().partition(":")
        return client_id, client_secret
    return str(params.get("client_id", "")), str(params.get("client_secret", ""))
