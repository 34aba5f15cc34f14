"""SlackRequests sends correctly signed, Slack-shaped requests and never raises on HTTP errors."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl

import pytest
from slack_sdk.signature import SignatureVerifier

from tests.support.slack_requests import SlackRequests, sign
from tests.support.view_state import fill

SECRET = "shh-secret"
BUTTON = {"type": "button", "action_id": "join", "value": "p1",
          "text": {"type": "plain_text", "text": "Join"}}
MODAL: dict[str, Any] = {
    "type": "modal", "id": "V1", "callback_id": "goal", "private_metadata": "{\"id\": 1}",
    "title": {"type": "plain_text", "text": "Goal"}, "submit": {"type": "plain_text", "text": "OK"},
    "blocks": [{"type": "input", "block_id": "goal", "label": {"type": "plain_text", "text": "G"},
                "element": {"type": "plain_text_input", "action_id": "text"}},
               {"type": "actions", "block_id": "acts", "elements": [BUTTON]}],
}


@dataclass
class Captured:
    """One request the capture server received."""

    headers: dict[str, str]
    body: str

    def payload(self) -> dict[str, Any]:
        """The decoded payload (form payload=..., plain form, or JSON)."""
        if self.headers["content-type"] == "application/json":
            return dict(json.loads(self.body))
        form = dict(parse_qsl(self.body, keep_blank_values=True))
        return json.loads(form["payload"]) if "payload" in form else form


@dataclass
class CaptureApp:
    """A stand-in app endpoint: records requests, answers with a fixed status."""

    url: str = ""
    status: int = 200
    requests: list[Captured] = field(default_factory=list)

    def last(self) -> Captured:
        """The most recent request."""
        return self.requests[-1]


@pytest.fixture
def app() -> Iterator[CaptureApp]:
    """A running CaptureApp on 127.0.0.1."""
    capture = CaptureApp()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"])).decode()
            headers = {k.lower(): v for k, v in self.headers.items()}
            capture.requests.append(Captured(headers, body))
            reply = b'{"ok": true}' if capture.status == 200 else b"invalid request"
            self.send_response(capture.status)
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    capture.url = f"http://127.0.0.1:{server.server_address[1]}/slack/events"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01})
    thread.start()
    yield capture
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def slack(app: CaptureApp) -> SlackRequests:
    """SlackRequests aimed at the capture app."""
    return SlackRequests(app.url, SECRET, response_url_base="http://127.0.0.1:1/response/")


def _verify(captured: Captured) -> bool:
    """Check the request's signature the way Bolt does."""
    return SignatureVerifier(SECRET).is_valid(
        body=captured.body, timestamp=captured.headers["x-slack-request-timestamp"],
        signature=captured.headers["x-slack-signature"])


def test_every_request_kind_is_signed(slack: SlackRequests, app: CaptureApp) -> None:
    slack.command("U1", "help")
    slack.block_action("U1", "join", message={"ts": "1.2", "blocks": []})
    slack.view_submission("U1", MODAL)
    slack.view_closed("U1", MODAL)
    slack.shortcut("U1", "new_goal")
    slack.message_shortcut("U1", "save", channel_id="C1", message={"ts": "1.2", "text": "x"})
    slack.options("U1", "skill", "py", view=MODAL)
    slack.event({"type": "member_joined_channel", "user": "U1", "channel": "C1"})
    slack.app_home_opened("U1")
    assert len(app.requests) == 9 and all(_verify(r) for r in app.requests)
    assert not SignatureVerifier("other").is_valid(
        body=app.last().body, timestamp=app.last().headers["x-slack-request-timestamp"],
        signature=app.last().headers["x-slack-signature"])


def test_command_form_and_retry_headers(slack: SlackRequests, app: CaptureApp) -> None:
    reply = slack.command("U1", "goals list", retry_num=1)
    form = app.last().payload()
    assert reply.status == 200 and reply.json() == {"ok": True}
    assert (form["command"], form["text"], form["user_id"], form["team_id"]) == (
        "/mentor", "goals list", "U1", "T1")
    assert form["response_url"].startswith("http://127.0.0.1:1/response/")
    assert form["api_app_id"] == "A1" and form["channel_id"] == "DU1" and form["trigger_id"]
    assert app.last().headers["x-slack-retry-num"] == "1"
    assert app.last().headers["x-slack-retry-reason"] == "http_timeout"
    slack.command("U1")
    assert app.last().payload()["trigger_id"] != form["trigger_id"]
    assert "x-slack-retry-num" not in app.last().headers


def test_block_action_in_view_and_message(slack: SlackRequests, app: CaptureApp) -> None:
    slack.block_action("U1", "join", view=MODAL)
    payload = app.last().payload()
    assert payload["type"] == "block_actions"
    assert payload["container"] == {"type": "view", "view_id": "V1"}
    assert payload["view"]["state"]["values"] == fill(MODAL, {})
    assert payload["actions"][0]["value"] == "p1" and payload["actions"][0]["block_id"] == "acts"
    option = {"text": {"type": "plain_text", "text": "Eng"}, "value": "eng"}
    slack.block_action("U1", "pick", message={"ts": "5.6"}, channel_id="C1", value=None,
                       selected_option=option, action_type="static_select")
    payload = app.last().payload()
    assert payload["container"]["type"] == "message"
    assert payload["container"]["message_ts"] == "5.6" and payload["channel"]["id"] == "C1"
    assert payload["actions"][0]["selected_option"] == option and payload["response_url"]


def test_view_submission_and_event_envelope(slack: SlackRequests, app: CaptureApp) -> None:
    values = fill(MODAL, {"goal": "Ship it"})
    slack.view_submission("U1", MODAL, values, retry_num=2)
    view = app.last().payload()["view"]
    assert view["state"]["values"]["goal"]["text"]["value"] == "Ship it"
    assert (view["id"], view["callback_id"], view["private_metadata"]) == (
        "V1", "goal", "{\"id\": 1}")
    first = slack.event({"type": "app_mention", "user": "U1", "text": "hi"})
    envelope = app.last().payload()
    assert first.status == 200 and envelope["type"] == "event_callback"
    assert envelope["team_id"] == "T1" and envelope["authorizations"][0]["user_id"] == "UBOT"
    assert envelope["event"]["text"] == "hi" and envelope["event"]["event_ts"]
    slack.app_home_opened("U1")
    second = app.last().payload()
    assert second["event_id"] != envelope["event_id"]
    assert second["event"] | {"event_ts": ""} == {
        "type": "app_home_opened", "user": "U1", "channel": "DU1", "tab": "home", "event_ts": ""}


def test_http_errors_are_returned_not_raised(slack: SlackRequests, app: CaptureApp) -> None:
    app.status = 401
    body = "token=x&command=%2Fmentor"
    reply = slack.raw(body, {"X-Slack-Request-Timestamp": "1", "X-Slack-Signature": "v0=bad"})
    assert (reply.status, reply.body) == (401, "invalid request")
    assert app.last().body == body and app.last().headers["x-slack-signature"] == "v0=bad"


def test_sign_matches_slack_sdk() -> None:
    headers = sign(SECRET, "a=b", timestamp=1700000000)
    assert headers["X-Slack-Request-Timestamp"] == "1700000000"
    assert SignatureVerifier(SECRET, clock=_FixedClock()).is_valid(
        body="a=b", timestamp="1700000000", signature=headers["X-Slack-Signature"])


class _FixedClock:
    """A clock frozen at the signing time."""

    def now(self) -> float:
        """Seconds since the epoch."""
        return 1700000000.0
