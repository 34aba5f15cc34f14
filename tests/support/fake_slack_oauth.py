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
    """One install: what oauth.v2.access gives for its code. An org-wide install (`org_wide`)
    is the org's (`enterprise_id`), for all its workspaces, with no team of its own."""

    code: str
    team_id: str
    team_name: str
    installer: str
    scope: str = "chat:write,commands"  # what the installer granted, as Slack answers it
    enterprise_id: str | None = None
    enterprise_name: str = ""
    org_wide: bool = False

    @property
    def unit(self) -> str:
        """The workspace's id, or the org's for an org-wide install."""
        return str(self.enterprise_id) if self.org_wide else self.team_id

    @property
    def bot_token(self) -> str:
        """The install's own bot token."""
        return f"xoxb-{self.unit}-bot-token"

    @property
    def bot_user_id(self) -> str:
        """The bot user mentorbot has there."""
        return f"UBOT{self.unit}"

    @property
    def bot_id(self) -> str:
        """The bot id mentorbot has there."""
        return f"BBOT{self.unit}"

    def access(self) -> dict[str, Any]:
        """oauth.v2.access's answer for this install."""
        enterprise = ({"id": self.enterprise_id, "name": self.enterprise_name}
                      if self.enterprise_id else None)
        return {
            "ok": True, "app_id": APP_ID, "access_token": self.bot_token,
            "token_type": "bot", "scope": self.scope, "bot_user_id": self.bot_user_id,
            "team": None if self.org_wide else {"id": self.team_id, "name": self.team_name},
            "enterprise": enterprise, "is_enterprise_install": self.org_wide,
            "authed_user": {"id": self.installer},
        }

    def who(self) -> dict[str, Any]:
        """auth.test's answer for this install's token."""
        return {"ok": True, "url": f"https://{self.unit.lower()}.slack.test/",
                "team": self.team_name, "user": "mentorbot",
                "team_id": self.unit, "user_id": self.bot_user_id, "bot_id": self.bot_id,
                "enterprise_id": self.enterprise_id, "is_enterprise_install": self.org_wide}


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
        """The workspace (or org) a token was installed in; T1 for the single workspace's."""
        install = self.by_token.get(token or "")
        return install.unit if install else "T1"

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
        return install.access()

    def who(self, token: str | None) -> dict[str, Any] | None:
        """auth.test for a token an install handed out; None for any other token."""
        install = self.by_token.get(token or "")
        return None if install is None else install.who()


def _client_credentials(params: dict[str, Any], authorization: str) -> tuple[str, str]:
    """The client id and secret, from HTTP Basic auth (as slack_sdk sends them) or the form."""
    scheme, _, encoded = authorization.partition(" ")
    if scheme.lower() == "basic":
        client_id, _, client_secret = base64.b64decode(encoded).decode().partition(":")
        return client_id, client_secret
    return str(params.get("client_id", "")), str(params.get("client_secret", ""))
