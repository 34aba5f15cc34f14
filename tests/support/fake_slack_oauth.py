"""oauth.v2.access and per-token auth.test of the fake Slack: workspaces that install the app.

A test offers an install (`FakeSlack.offer_install`): the code Slack would hand the browser,
and the workspace it installs into. oauth.v2.access then answers like Slack, with a bot token
of that workspace alone, and auth.test tells each token's workspace apart.

With token rotation on (`FakeSlack.turn_on_token_rotation`) each token comes with
`expires_in` and a refresh token, which oauth.v2.access with grant_type=refresh_token takes
once (Slack revokes a refresh token as it is used) for the workspace's next token and
refresh token."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

from .fake_slack_errors import SlackError

APP_ID = "A1"
TOKEN_SECONDS = 12 * 60 * 60  # how long Slack's rotating tokens last


def rotating_token(team_id: str, number: int) -> str:
    """The workspace's `number`th bot token, with token rotation (Slack's start xoxe.xoxb-)."""
    return f"xoxe.xoxb-{team_id}-{number}"


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
    expires_in: int | None = None  # token rotation: how long the first token lasts

    @property
    def unit(self) -> str:
        """The workspace's id, or the org's for an org-wide install."""
        return str(self.enterprise_id) if self.org_wide else self.team_id

    @property
    def bot_token(self) -> str:
        """The install's own bot token (with token rotation, its first install's first)."""
        if self.expires_in is not None:
            return rotating_token(self.unit, 1)
        return f"xoxb-{self.unit}-bot-token"

    @property
    def bot_user_id(self) -> str:
        """The bot user mentorbot has there."""
        return f"UBOT{self.unit}"

    @property
    def bot_id(self) -> str:
        """The bot id mentorbot has there."""
        return f"BBOT{self.unit}"

    def access(self, token: str) -> dict[str, Any]:
        """oauth.v2.access's answer handing out this bot token."""
        enterprise = ({"id": self.enterprise_id, "name": self.enterprise_name}
                      if self.enterprise_id else None)
        return {
            "ok": True, "app_id": APP_ID, "access_token": token,
            "token_type": "bot", "scope": self.scope, "bot_user_id": self.bot_user_id,
            "team": None if self.org_wide else {"id": self.team_id, "name": self.team_name},
            "enterprise": enterprise, "is_enterprise_install": self.org_wide,
            "authed_user": {"id": self.installer},
        }

    def who(self) -> dict[str, Any]:
        """auth.test's answer for this install's tokens."""
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
        self.rotation: int | None = None  # with token rotation: how long refreshed tokens last
        self.refresh_tokens: dict[str, FakeInstall] = {}  # handed out and not used yet
        self.issued: dict[str, list[str]] = {}  # each install's bot tokens, oldest first

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
        """oauth.v2.access: exchange a code (once) for the install's bot token, or, with
        grant_type=refresh_token, a refresh token (once) for its next one."""
        client_id, client_secret = _client_credentials(params, authorization)
        if client_id != self.client_id:
            raise SlackError("invalid_client_id")
        if client_secret != self.client_secret:
            raise SlackError("bad_client_secret")
        if params.get("grant_type") == "refresh_token":
            install = self.refresh_tokens.pop(str(params.get("refresh_token", "")), None)
            if install is None:
                raise SlackError("invalid_refresh_token")
            number = len(self.issued[install.unit]) + 1
            return self._grant(install, rotating_token(install.unit, number),
                               self.rotation or TOKEN_SECONDS)
        install = self.offered.pop(str(params.get("code", "")), None)
        if install is None:
            raise SlackError("invalid_code")
        token = install.bot_token if install.expires_in is None else rotating_token(
            install.unit, len(self.issued.get(install.unit, [])) + 1)
        return self._grant(install, token, install.expires_in)

    def _grant(self, install: FakeInstall, token: str, expires_in: int | None) -> dict[str, Any]:
        """Hand out a bot token (and, when it expires, the refresh token that replaces it)."""
        self.by_token[token] = install
        self.issued.setdefault(install.unit, []).append(token)
        answer = install.access(token)
        if expires_in is not None:
            refresh = f"xoxe-1-{install.unit}-{len(self.issued[install.unit])}"
            self.refresh_tokens[refresh] = install
            answer.update(refresh_token=refresh, expires_in=expires_in)
        return answer

    def revoke_refresh_tokens(self, unit: str) -> None:
        """The install's refresh tokens stop working (as when its tokens are revoked)."""
        for token in [t for t, i in self.refresh_tokens.items() if i.unit == unit]:
            del self.refresh_tokens[token]

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
