"""Hostile and clumsy bodies at /slack/events, over HTTP: a 4xx and one log line, never a 5xx,
a traceback or the body in the log."""

from __future__ import annotations

import json
import logging
import time
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
GOOD = sign(SIGNING_SECRET, COMMAND)
STALE = sign(SIGNING_SECRET, COMMAND, timestamp=int(time.time()) - 6 * 60)
FUTURE = sign(SIGNING_SECRET, COMMAND, timestamp=int(time.time()) + 6 * 60)
# (name, headers) for a well-formed slash command whose signing is wrong.
BAD_SIGNING: list[tuple[str, dict[str, str]]] = [
    ("no signing headers", {"Content-Type": FORM}),
    ("a timestamp that is not a number", _headers("soon", GOOD["X-Slack-Signature"])),
    ("an empty timestamp", _headers("", GOOD["X-Slack-Signature"])),
    ("a negative timestamp", _headers("-1", GOOD["X-Slack-Signature"])),
    ("a stale timestamp, correctly signed", {"Content-Type": FORM, **STALE}),
    ("a timestamp from the future, correctly signed", {"Content-Type": FORM, **FUTURE}),
    ("a forged signature", _headers(GOOD["X-Slack-Request-Timestamp"], "v0=" + "0" * 64)),
    ("a signature that is not hex", _headers(GOOD["X-Slack-Request-Timestamp"], "v0=" + "g" * 64)),
    ("an empty signature", _headers(GOOD["X-Slack-Request-Timestamp"], "")),
    ("a signature for another timestamp",
     _headers(str(int(GOOD["X-Slack-Request-Timestamp"]) - 1), GOOD["X-Slack-Signature"])),
]


@pytest.mark.parametrize(("name", "headers"), BAD_SIGNING, ids=[case[0] for case in BAD_SIGNING])
def test_a_request_not_signed_right_now_by_slack_is_refused(
    slack: SlackRequests, fake_slack: FakeSlack, captured: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str], name: str, headers: dict[str, str]
) -> None:
    reply = slack.raw(COMMAND, headers)
    assert_refused_quietly(captured, capsys, reply.status, 401, fake_slack)


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
