"""Hostile and clumsy bodies at /slack/events, over HTTP: a 4xx and one log line, never a 5xx,
a traceback or the body in the log."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import pytest

from tests.conftest import SIGNING_SECRET
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import FORM, SlackRequests, sign

# Every body carries this, so a log that quotes any of a body is caught.
MARK = "MARKER-7Q2Z"
JSON = "application/json"


def form_payload(payload: Any) -> str:
    """An interactivity body as Slack form-encodes it."""
    return urlencode({"payload": json.dumps(payload)})


def interaction(**fields: Any) -> dict[str, Any]:
    """A block_actions payload with these fields replaced."""
    payload: dict[str, Any] = {
        "type": "block_actions", "team": {"id": "T1", "domain": "acme"},
        "user": {"id": "UALICE", "team_id": "T1", "name": MARK}, "trigger_id": "1.2.3",
        "actions": [{"type": "button", "action_id": "home.open_help", "block_id": "b",
                     "value": MARK}]}
    payload.update(fields)
    return payload


# (name, body, content type): bodies no listener must ever see.
MALFORMED: list[tuple[str, str | bytes, str]] = [
    ("payload= with invalid JSON", f"payload=%7B{MARK}", FORM),
    ("JSON that does not parse", f'{{"type": "event_callback", "{MARK}', JSON),
    ("payload= holding a JSON list", form_payload([MARK]), FORM),
    ("payload= holding a JSON string", form_payload(MARK), FORM),
    ("a JSON list", json.dumps([MARK]), JSON),
    ("user as a number", form_payload(interaction(user=12345)), FORM),
    ("user whose id is a number", form_payload(interaction(user={"id": 7, "n": MARK})), FORM),
    ("team as a number", form_payload(interaction(team=1)), FORM),
    ("a non-UTF-8 body", b"payload=" + MARK.encode() + b"\xff\xfe\xc3\x28", FORM),
    ("actions as a string", form_payload(interaction(actions=MARK)), FORM),
    ("no actions", form_payload(interaction(actions=[])), FORM),
    ("an action_id that is a number", form_payload(interaction(actions=[{"action_id": 3}])),
     FORM),
    ("response_urls as an object", form_payload(interaction(response_urls={"u": MARK})), FORM),
    ("a view that is a list", form_payload(
        {"type": "view_submission", "user": {"id": "UALICE"}, "view": [MARK]}), FORM),
    ("a view without a callback_id", form_payload(
        {"type": "view_submission", "user": {"id": "UALICE"}, "view": {"id": MARK}}), FORM),
    ("an event that is a string", json.dumps({"type": "event_callback", "event": MARK}), JSON),
    ("an event that is null", json.dumps({"type": "block_actions", "event": None}), JSON),
    ("an event without a type", json.dumps(
        {"type": "event_callback", "team_id": "T1", "event": {"user": MARK}}), JSON),
    ("an event user that is a list", json.dumps(
        {"type": "event_callback", "event": {"type": "app_home_opened", "user": [MARK]}}), JSON),
    ("nesting deeper than the parser goes", "[" * 100_000 + MARK, JSON),
]


@pytest.fixture
def captured(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """Every log record at INFO and above, Bolt's included."""
    caplog.set_level(logging.INFO)
    for name in ("mentorbot", "slack_bolt", "slack_bolt.RequestVerification"):
        caplog.set_level(logging.INFO, logger=name)
    return caplog


def assert_refused_quietly(captured: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str],
                           reply_status: int, expected: int, fake: FakeSlack) -> None:
    """The expected 4xx, one reason in the log, and nothing of a traceback or the body."""
    assert reply_status == expected
    printed = capsys.readouterr()
    assert "Traceback" not in printed.err + printed.out
    assert "Traceback" not in captured.text
    assert [r for r in captured.records if r.exc_info] == []
    assert MARK not in captured.text
    assert any("refused a request" in r.getMessage() for r in captured.records)
    assert [call for call in fake.calls if call.method != "auth.test"] == []


@pytest.mark.parametrize(("name", "body", "content_type"), MALFORMED,
                         ids=[case[0] for case in MALFORMED])
def test_an_unsigned_malformed_body_is_refused_as_unauthorized(
    slack: SlackRequests, fake_slack: FakeSlack, captured: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str], name: str, body: str | bytes, content_type: str
) -> None:
    reply = slack.raw(body, {"Content-Type": content_type})
    assert_refused_quietly(captured, capsys, reply.status, 401, fake_slack)


@pytest.mark.parametrize(("name", "body", "content_type"), MALFORMED,
                         ids=[case[0] for case in MALFORMED])
def test_a_signed_malformed_body_is_refused_as_bad_request(
    slack: SlackRequests, fake_slack: FakeSlack, captured: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str], name: str, body: str | bytes, content_type: str
) -> None:
    reply = slack.raw(body, {"Content-Type": content_type, **sign(SIGNING_SECRET, body)})
    assert_refused_quietly(captured, capsys, reply.status, 400, fake_slack)


def _headers(timestamp: str, signature: str) -> dict[str, str]:
    return {"Content-Type": FORM, "X-Slack-Request-Timestamp": timestamp,
            "X-Slack-Signature": signature}


COMMAND = urlencode({"command": "/mentor", "user_id": "UALICE", "team_id": "T1", "text": MARK,
                     "trigger_id": "1.2.3", "response_url": "http://127.0.0.1:9/r"})


def signed_at(offset: int) -> dict[str, str]:
    """COMMAND's correct signing headers, dated offset seconds from now."""
    return {"Content-Type": FORM, **sign(SIGNING_SECRET, COMMAND, int(time.time()) + offset)}


def resigned(timestamp: str | None = None, signature: str | None = None) -> dict[str, str]:
    """COMMAND's correct signing headers for now, with the timestamp or signature replaced."""
    good = signed_at(0)
    return _headers(good["X-Slack-Request-Timestamp"] if timestamp is None else timestamp,
                    good["X-Slack-Signature"] if signature is None else signature)


# (name, headers for now, the reason logged) for a well-formed slash command signed wrong;
# the headers are built when the test runs, so a long run cannot turn "now" into "stale".
BAD_SIGNING: list[tuple[str, Callable[[], dict[str, str]], str]] = [
    ("no signing headers", lambda: {"Content-Type": FORM}, "timestamp is missing"),
    ("a timestamp that is not a number", lambda: resigned(timestamp="soon"),
     "timestamp is missing"),
    ("an empty timestamp", lambda: resigned(timestamp=""), "timestamp is missing"),
    ("a negative timestamp", lambda: resigned(timestamp="-1"), "timestamp is missing"),
    ("a stale timestamp, correctly signed", lambda: signed_at(-6 * 60), "5 minutes"),
    ("a timestamp from the future, correctly signed", lambda: signed_at(6 * 60), "5 minutes"),
    ("a forged signature", lambda: resigned(signature="v0=" + "0" * 64), "does not match"),
    ("a signature that is not hex", lambda: resigned(signature="v0=" + "g" * 64), "malformed"),
    ("an empty signature", lambda: resigned(signature=""), "malformed"),
    ("a signature for another timestamp",
     lambda: resigned(timestamp=str(int(time.time()) - 1)), "does not match"),
]


@pytest.mark.parametrize(("name", "headers", "reason"), BAD_SIGNING,
                         ids=[case[0] for case in BAD_SIGNING])
def test_a_request_not_signed_right_now_by_slack_is_refused(
    slack: SlackRequests, fake_slack: FakeSlack, captured: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str], name: str, headers: Callable[[], dict[str, str]],
    reason: str
) -> None:
    reply = slack.raw(COMMAND, headers())
    assert_refused_quietly(captured, capsys, reply.status, 401, fake_slack)
    assert reason in captured.text


def test_the_same_command_signed_right_is_answered(slack: SlackRequests,
                                                  fake_slack: FakeSlack) -> None:
    fake_slack.add_user("UALICE", name="alice")
    body = COMMAND
    assert slack.raw(body, {"Content-Type": FORM, **sign(SIGNING_SECRET, body)}).status == 200
    fake_slack.wait_for("views.open")


def test_slack_url_verification_is_answered_with_its_challenge(slack: SlackRequests) -> None:
    body = json.dumps({"type": "url_verification", "token": "t", "challenge": "c-123"})
    reply = slack.raw(body, {"Content-Type": JSON, **sign(SIGNING_SECRET, body)})
    assert reply.status == 200
    assert reply.json() == {"challenge": "c-123"}


def test_an_unsigned_url_verification_is_refused(slack: SlackRequests) -> None:
    body = json.dumps({"type": "url_verification", "token": "t", "challenge": "c-123"})
    reply = slack.raw(body, {"Content-Type": JSON})
    assert reply.status == 401
    assert "c-123" not in reply.body


def test_slacks_ssl_check_is_answered(slack: SlackRequests, fake_slack: FakeSlack) -> None:
    reply = slack.raw("ssl_check=1&token=abc", {"Content-Type": FORM})
    assert reply.status == 200
    assert [call for call in fake_slack.calls if call.method != "auth.test"] == []
