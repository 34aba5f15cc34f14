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
    """One workspace's install: what oauth.v2.access gives for its code."""

    code: str
    team_id: str
    team_name: str
    installer: str
    scope: str  # what the installer granted, comma-separated as Slack answers it
    expires_in: int | None = None  # token rotation: how long the first token lasts

    @property
    def bot_token(self) -> str:
        """The workspace's own bot token (with token rotation, its first install's first)."""
        if self.expires_in is not None:
            return rotating_token(self.team_id, 1)
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
        self.rotation: int | None = None  # with token rotation: how long refreshed tokens last
        self.refresh_tokens: dict[str, FakeInstall] = {}  # handed out and not used yet
        self.issued: dict[str, list[str]] = {}  # each workspace's bot tokens, oldest first

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
        """oauth.v2.access: exchange a code (once) for the workspace's bot token, or, with
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
            number = len(self.issued[install.team_id]) + 1
            return self._grant(install, rotating_token(install.team_id, number),
                               self.rotation or TOKEN_SECONDS)
        install = self.offered.pop(str(params.get("code", "")), None)
        if install is None:
            raise SlackError("invalid_code")
        token = install.bot_token if install.expires_in is None else rotating_token(
            install.team_id, len(self.issued.get(install.team_id, [])) + 1)
        return self._grant(install, token, install.expires_in)

    def _grant(self, install: FakeInstall, token: str, expires_in: int | None) -> dict[str, Any]:
        """Hand out a bot token (and, when it expires, the refresh token that replaces it)."""
        self.by_token[token] = install
        self.issued.setdefault(install.team_id, []).append(token)
        answer: dict[str, Any] = {
            "ok": True, "app_id": APP_ID, "access_token": token,
            "token_type": "bot", "scope": install.scope,
            "bot_user_id": install.bot_user_id,
            "team": {"id": install.team_id, "name": install.team_name},
            "enterprise": None, "is_enterprise_install": False,
            "authed_user": {"id": install.installer},
        }
        if expires_in is not None:
            refresh = f"xoxe-1-{install.team_id}-{len(self.issued[install.team_id])}"
            self.refresh_tokens[refresh] = install
            answer.update(refresh_token=refresh, expires_in=expires_in)
        return answer

    def revoke_refresh_tokens(self, team_id: str) -> None:
        """The workspace's refresh tokens stop working (as when its tokens are revoked)."""
        for token in [t for t, i in self.refresh_tokens.items() if i.team_id == team_id]:
            del self.refresh_tokens[token]

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
