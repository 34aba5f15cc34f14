"""Send Slack-shaped, correctly signed HTTP requests to the app under test."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from .slack_payloads import PayloadFactory, channel_name, dm_channel_for, find_element

FORM = "application/x-www-form-urlencoded"
USER_AGENT = "Slackbot 1.0 (+https://api.slack.com/robots)"


@dataclass
class Reply:
    """The app's HTTP answer to one request."""

    status: int
    body: str
    headers: dict[str, str] = field(default_factory=dict)

    def json(self) -> Any:
        """The body parsed as JSON (None for an empty body)."""
        return json.loads(self.body) if self.body.strip() else None


def sign(signing_secret: str, body: str | bytes,
         timestamp: int | None = None) -> dict[str, str]:
    """Slack's X-Slack-Request-Timestamp and X-Slack-Signature headers for body."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    raw = body if isinstance(body, bytes) else body.encode()
    base = f"v0:{ts}:".encode() + raw
    digest = hmac.new(signing_secret.encode(), base, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"}


class SlackRequests:
    """Posts signed slash commands, interactivity payloads and events to one app URL."""

    def __init__(self, url: str, signing_secret: str, team_id: str = "T1",
                 team_domain: str = "acme", *, response_url_base: str | None = None,
                 timeout: float = 60.0, settle: Callable[[float], bool] | None = None,
                 enterprise_id: str | None = None, org_wide: bool = False) -> None:
        """Target url; response_urls point at response_url_base (e.g. fake.response_url_base);
        `enterprise_id` and `org_wide` place the workspace in an Enterprise Grid org.

        With `settle` (the app's), every request returns only once the app has finished the
        work it started, so no later check races a listener or the outbox sender.
        """
        self.url = url
        self.settle = settle
        self.signing_secret = signing_secret
        self.timeout = timeout
        base = response_url_base or "http://127.0.0.1:9/response/"
        self.payloads = PayloadFactory(team_id, team_domain, base, enterprise_id, org_wide)

    def command(self, user_id: str, text: str = "", command: str = "/mentor", *,
                retry_num: int | None = None, channel_id: str | None = None) -> Reply:
        """Invoke a slash command (form-encoded like Slack)."""
        fields = self.payloads.command(user_id, text, command, channel_id)
        return self._post(urlencode(fields), FORM, retry_num)

    def block_action(self, user_id: str, action_id: str, *, value: str | None = None,
                     block_id: str | None = None, view: dict[str, Any] | None = None,
                     message: dict[str, Any] | None = None, channel_id: str | None = None,
                     selected_option: dict[str, Any] | None = None, action_type: str = "button",
                     state_values: dict[str, Any] | None = None,
                     retry_num: int | None = None) -> Reply:
        """Click/select action_id in a view (if given) or a message; block_id defaults to its."""
        payload = self.payloads.base("block_actions", user_id)
        if view is not None:
            full_view = self.payloads.view(view, state_values)
            payload.update(container={"type": "view", "view_id": full_view["id"]},
                           view=full_view)
            blocks = full_view["blocks"]
        else:
            payload.update(self._message_context(user_id, message, channel_id, state_values))
            blocks = payload["message"].get("blocks", [])
        found_block, element = find_element(blocks, action_id)
        action = self._action(element, action_id, block_id or found_block, action_type)
        if value is not None:
            action["value"] = value
        if selected_option is not None:
            action["selected_option"] = selected_option
        payload["actions"] = [action]
        return self.interactive(payload, retry_num=retry_num)

    def view_submission(self, user_id: str, view: dict[str, Any],
                        values: dict[str, Any] | None = None, *,
                        retry_num: int | None = None) -> Reply:
        """Submit a modal; values is state.values (default: untouched inputs, as Slack)."""
        payload = self.payloads.base("view_submission", user_id)
        payload.update(view=self.payloads.view(view, values), response_urls=[])
        return self.interactive(payload, retry_num=retry_num)

    def view_closed(self, user_id: str, view: dict[str, Any]) -> Reply:
        """Close a modal (sent only when it has notify_on_close)."""
        payload = self.payloads.base("view_closed", user_id)
        payload.pop("trigger_id")
        payload.update(view=self.payloads.view(view, None), is_cleared=False)
        return self.interactive(payload)

    def shortcut(self, user_id: str, callback_id: str) -> Reply:
        """Run a global shortcut."""
        payload = self.payloads.base("shortcut", user_id)
        payload.update(callback_id=callback_id, action_ts=self.payloads.action_ts())
        return self.interactive(payload)

    def message_shortcut(self, user_id: str, callback_id: str, *, channel_id: str,
                         message: dict[str, Any]) -> Reply:
        """Run a message shortcut on message in channel_id."""
        payload = self.payloads.base("message_action", user_id)
        full = self.payloads.message(message)
        payload.update(callback_id=callback_id, action_ts=self.payloads.action_ts(),
                       channel={"id": channel_id, "name": channel_name(channel_id)},
                       message_ts=full["ts"], message=full,
                       response_url=self.payloads.response_url("actions"))
        return self.interactive(payload)

    def options(self, user_id: str, action_id: str, value: str, *,
                view: dict[str, Any] | None = None, block_id: str = "b") -> Reply:
        """Ask an external_select for options (type block_suggestion)."""
        payload = self.payloads.base("block_suggestion", user_id)
        payload.pop("trigger_id")
        payload.update(action_id=action_id, block_id=block_id, value=value)
        if view is not None:
            full_view = self.payloads.view(view, None)
            payload.update(container={"type": "view", "view_id": full_view["id"]},
                           view=full_view)
        else:
            payload.update(self._message_context(user_id, None, None, None))
            payload.pop("response_url")
        return self.interactive(payload)

    def event(self, event: dict[str, Any], *, retry_num: int | None = None) -> Reply:
        """Deliver an Events API event inside an event_callback envelope (JSON body)."""
        envelope = self.payloads.event_callback(event)
        return self._post(json.dumps(envelope), "application/json", retry_num)

    def app_home_opened(self, user_id: str, *, view: dict[str, Any] | None = None) -> Reply:
        """The user opened the app's Home tab (view: the currently published home, if any)."""
        event: dict[str, Any] = {"type": "app_home_opened", "user": user_id,
                                 "channel": dm_channel_for(user_id), "tab": "home"}
        if view is not None:
            event["view"] = self.payloads.view(view, None)
        return self.event(event)

    def interactive(self, payload: dict[str, Any], *, retry_num: int | None = None) -> Reply:
        """Post any interactivity payload as Slack does (form field payload=<json>)."""
        return self._post(urlencode({"payload": json.dumps(payload)}), FORM, retry_num)

    def raw(self, body: str | bytes, headers: dict[str, str]) -> Reply:
        """POST body (str as UTF-8) with exactly these headers (no signing); never raises on
        HTTP errors."""
        reply = self._send(body, headers)
        if self.settle is not None and not self.settle(self.timeout):
            raise AssertionError(f"the app was still busy {self.timeout}s after the request")
        return reply

    def _send(self, body: str | bytes, headers: dict[str, str]) -> Reply:
        data = body if isinstance(body, bytes) else body.encode("utf-8")
        request = urllib.request.Request(self.url, data=data, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                text = response.read().decode("utf-8")
                return Reply(response.status, text, dict(response.headers.items()))
        except urllib.error.HTTPError as error:
            with error:
                text = error.read().decode("utf-8", "replace")
                return Reply(error.code, text, dict(error.headers.items()))

    def _post(self, body: str, content_type: str, retry_num: int | None) -> Reply:
        """Sign body and POST it, adding Slack's retry headers when retry_num is given."""
        headers = {"Content-Type": content_type, "User-Agent": USER_AGENT,
                   **sign(self.signing_secret, body)}
        if retry_num is not None:
            headers["X-Slack-Retry-Num"] = str(retry_num)
            headers["X-Slack-Retry-Reason"] = "http_timeout"
        return self.raw(body, headers)

    def _action(self, element: dict[str, Any], action_id: str, block_id: str,
                action_type: str) -> dict[str, Any]:
        """An `actions` entry; buttons carry the element's text and value as Slack sends them."""
        action: dict[str, Any] = {"type": action_type, "action_id": action_id,
                                  "block_id": block_id, "action_ts": self.payloads.action_ts()}
        if action_type == "button":
            action["text"] = element.get("text") or {"type": "plain_text", "text": "Button"}
            if element.get("value") is not None:
                action["value"] = element["value"]
        return action

    def _message_context(self, user_id: str, message: dict[str, Any] | None,
                         channel_id: str | None,
                         state_values: dict[str, Any] | None) -> dict[str, Any]:
        """container/channel/message/state/response_url of an action inside a message."""
        channel = channel_id or dm_channel_for(user_id)
        full = self.payloads.message(message)
        return {"container": {"type": "message", "message_ts": full["ts"], "channel_id": channel,
                              "is_ephemeral": False},
                "channel": {"id": channel, "name": channel_name(channel)}, "message": full,
                "state": {"values": state_values or {}},
                "response_url": self.payloads.response_url("actions")}
