"""Slack-shaped payloads for slash commands, interactivity and Events API requests."""

from __future__ import annotations

import copy
import itertools
import secrets
import time
from typing import Any

from .view_state import fill

APP_ID = "A1"
BOT_USER_ID = "UBOT"
VERIFICATION_TOKEN = "verification-token"


def dm_channel_for(user_id: str) -> str:
    """The app's DM channel with a user, as the fake Slack names it ("D" + user id)."""
    return f"D{user_id}"


def channel_name(channel_id: str) -> str:
    """Slack's channel name in payloads: 'directmessage' for DMs, else a plain name."""
    return "directmessage" if channel_id.startswith("D") else "general"


def find_element(blocks: list[Any], action_id: str) -> tuple[str, dict[str, Any]]:
    """(block_id, element) of action_id in actions/section/input blocks; ("b", {}) if absent."""
    for block in blocks:
        if not isinstance(block, dict):
            continue
        candidates = [*block.get("elements", []), block.get("accessory"), block.get("element")]
        for element in candidates:
            if isinstance(element, dict) and element.get("action_id") == action_id:
                return str(block.get("block_id") or "b"), element
    return "b", {}


class PayloadFactory:
    """Builds request payloads with fresh trigger ids, event ids and timestamps."""

    def __init__(self, team_id: str, team_domain: str, response_url_base: str,
                 enterprise_id: str | None = None, org_wide: bool = False) -> None:
        """Remember the workspace identity (its Enterprise Grid org, and whether the app is
        installed org-wide there) and where response_urls should point."""
        self.team_id = team_id
        self.team_domain = team_domain
        self.enterprise_id = enterprise_id
        self.org_wide = org_wide
        self.response_url_base = response_url_base
        self._serial = itertools.count(1)

    def trigger_id(self) -> str:
        """A fresh, unique trigger_id."""
        return f"{int(time.time())}{next(self._serial):04d}.1.{secrets.token_hex(8)}"

    def action_ts(self) -> str:
        """A fresh action_ts / event_ts."""
        return f"{time.time():.6f}"

    def response_url(self, kind: str) -> str:
        """A fresh response_url under response_url_base."""
        return f"{self.response_url_base}{kind}-{next(self._serial)}"

    def user(self, user_id: str) -> dict[str, Any]:
        """The `user` object of an interactivity payload."""
        name = user_id.lower()
        return {"id": user_id, "username": name, "name": name, "team_id": self.team_id}

    def base(self, kind: str, user_id: str) -> dict[str, Any]:
        """Fields every interactivity payload shares."""
        # Under an org-wide install Slack may send no team: the user's says which it is.
        team = None if self.org_wide else {"id": self.team_id, "domain": self.team_domain,
                                           "enterprise_id": self.enterprise_id}
        return {"type": kind, "team": team,
                "user": self.user(user_id), "api_app_id": APP_ID, "token": VERIFICATION_TOKEN,
                "trigger_id": self.trigger_id(), "is_enterprise_install": self.org_wide,
                "enterprise": self._enterprise()}

    def _enterprise(self) -> dict[str, str] | None:
        """The `enterprise` object of a payload: the org, outside Grid none."""
        return {"id": self.enterprise_id, "name": f"Org {self.enterprise_id}"} \
            if self.enterprise_id else None

    def command(self, user_id: str, text: str, command: str,
                channel_id: str | None) -> dict[str, str]:
        """Form fields of a slash command invocation."""
        channel = channel_id or dm_channel_for(user_id)
        return {"token": VERIFICATION_TOKEN, "team_id": self.team_id,
                "team_domain": self.team_domain, "channel_id": channel,
                "channel_name": channel_name(channel),
                "user_id": user_id, "user_name": user_id.lower(), "command": command,
                "text": text, "api_app_id": APP_ID,
                "is_enterprise_install": "true" if self.org_wide else "false",
                **({"enterprise_id": self.enterprise_id} if self.enterprise_id else {}),
                "response_url": self.response_url("commands"), "trigger_id": self.trigger_id()}

    def view(self, view: dict[str, Any], values: dict[str, Any] | None) -> dict[str, Any]:
        """The view as Slack sends it back: ids and hash filled in, with state.values."""
        full: dict[str, Any] = {
            "id": f"V{secrets.token_hex(5).upper()}", "team_id": self.team_id, "type": "modal",
            "blocks": [], "private_metadata": "", "callback_id": "", "external_id": "",
            "hash": f"{int(time.time())}.{secrets.token_hex(4)}", "clear_on_close": False,
            "notify_on_close": False, "previous_view_id": None, "app_id": APP_ID,
            "app_installed_team_id": self.enterprise_id if self.org_wide else self.team_id,
            "bot_id": "BBOT", **copy.deepcopy(view)}
        full.setdefault("root_view_id", full["id"])
        if values is None:
            current = (view.get("state") or {}).get("values")
            values = current if current else fill(full, {})
        full["state"] = {"values": copy.deepcopy(values)}
        return full

    def message(self, message: dict[str, Any] | None) -> dict[str, Any]:
        """A bot message as it appears in payloads (ts generated when missing)."""
        full = {"type": "message", "user": BOT_USER_ID, "bot_id": "BBOT", "app_id": APP_ID,
                "team": self.team_id, "text": "", **copy.deepcopy(message or {})}
        full.setdefault("ts", self.action_ts())
        return full

    def event_callback(self, event: dict[str, Any]) -> dict[str, Any]:
        """An Events API event_callback envelope around event."""
        inner = {"event_ts": self.action_ts(), **copy.deepcopy(event)}
        return {"token": VERIFICATION_TOKEN, "team_id": self.team_id, "api_app_id": APP_ID,
                "event": inner, "type": "event_callback",
                "event_id": f"Ev{secrets.token_hex(5).upper()}", "event_time": int(time.time()),
                **({"enterprise_id": self.enterprise_id} if self.enterprise_id else {}),
                "authorizations": [{"enterprise_id": self.enterprise_id,
                                    "team_id": None if self.org_wide else self.team_id,
                                    "user_id": BOT_USER_ID, "is_bot": True,
                                    "is_enterprise_install": self.org_wide}],
                "is_ext_shared_channel": False,
                "event_context": f"4-{secrets.token_hex(12)}"}
