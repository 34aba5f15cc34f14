"""End to end: a real Bolt app served over HTTP, driven by SlackRequests, talking to FakeSlack."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest
from slack_bolt import Ack, App, Respond
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient

from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import SlackRequests
from tests.support.view_state import fill

SECRET = "bolt-secret"
MODAL: dict[str, Any] = {
    "type": "modal", "callback_id": "bio", "title": {"type": "plain_text", "text": "Bio"},
    "submit": {"type": "plain_text", "text": "Save"}, "notify_on_close": True,
    "blocks": [{"type": "input", "block_id": "bio", "label": {"type": "plain_text", "text": "B"},
                "element": {"type": "plain_text_input", "action_id": "text"}}],
}


class _QuietHandler(WSGIRequestHandler):
    """wsgiref handler without request logging."""

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""


def _build_app(fake: FakeSlack) -> App:
    """A tiny Bolt app exercising commands, views, actions, options and events."""
    app = App(signing_secret=SECRET, client=WebClient(base_url=fake.base_url, token="xoxb-test"))
    _add_modal_listeners(app)

    @app.action("ping")
    def ping(ack: Ack, respond: Respond) -> None:
        ack()
        respond("pong")

    @app.options("skill")
    def skills(ack: Ack, payload: dict[str, Any]) -> None:
        ack(options=[{"text": {"type": "plain_text", "text": payload["value"]}, "value": "s1"}])

    @app.event("app_home_opened")
    def home(event: dict[str, Any], client: WebClient) -> None:
        client.views_publish(user_id=event["user"], view={"type": "home", "blocks": []})

    return app


def _add_modal_listeners(app: App) -> None:
    """/mentor opens the bio modal; submitting it posts the bio back."""

    @app.command("/mentor")
    def open_bio(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        client.views_open(trigger_id=body["trigger_id"], view=MODAL)

    @app.view("bio")
    def save_bio(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient) -> None:
        ack()
        text = view["state"]["values"]["bio"]["text"]["value"]
        client.chat_postMessage(channel=body["user"]["id"], text=f"Saved: {text}")

    @app.view_closed("bio")
    def closed(ack: Ack) -> None:
        ack()


@pytest.fixture
def slack(fake: FakeSlack) -> Iterator[SlackRequests]:
    """SlackRequests aimed at the Bolt app served by wsgiref."""
    handler = SlackRequestHandler(_build_app(fake))
    server: WSGIServer = make_server("127.0.0.1", 0, handler, handler_class=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01})
    thread.start()
    yield SlackRequests(f"http://127.0.0.1:{server.server_port}/slack/events", SECRET,
                        response_url_base=fake.response_url_base)
    server.shutdown()
    server.server_close()
    thread.join()


def test_command_then_submit_modal(slack: SlackRequests, fake: FakeSlack) -> None:
    assert slack.command("U1", "bio").status == 200
    fake.wait_for("views.open")
    modal = fake.latest_modal()
    reply = slack.view_submission("U1", modal, fill(modal, {"bio": "I mentor"}))
    assert (reply.status, reply.json()) == (200, None)
    message = fake.wait_for("chat.postMessage")[0]
    assert (message.params["channel"], message.params["text"]) == ("U1", "Saved: I mentor")
    assert slack.view_closed("U1", modal).status == 200


def test_action_options_event_and_bad_signature(slack: SlackRequests, fake: FakeSlack) -> None:
    assert slack.block_action("U1", "ping", message={"ts": "1.1", "text": "x"}).status == 200
    assert fake.wait_for("response_url")[0].params["text"] == "pong"
    reply = slack.options("U1", "skill", "Py", view=MODAL)
    assert reply.json()["options"][0]["text"]["text"] == "Py"
    assert slack.app_home_opened("U1").status == 200
    assert fake.wait_for("views.publish")[0].params["user_id"] == "U1"
    bad = slack.raw("command=%2Fmentor", {"X-Slack-Request-Timestamp": "1",
                                          "X-Slack-Signature": "v0=00"})
    assert bad.status == 401
