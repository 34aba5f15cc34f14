"""The door in front of Bolt: a request is checked on its raw bytes before anything parses it.

Bolt's WSGI adapter decodes and parses the body before it verifies the signature, so a
stranger's malformed body could reach a traceback and a 500. Here the signature and the
timestamp come first, then the encoding, then the shape of what Bolt and its matchers read.
A refusal names its reason and never carries any of the body.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import time
from collections.abc import Callable
from typing import Any

from slack_bolt.request import BoltRequest

MAX_AGE_SECONDS = 5 * 60
_TIMESTAMP = re.compile(r"[0-9]{1,12}")
_SIGNATURE = re.compile(r"v0=[0-9a-f]{64}")
# Bolt's parsing raises these on a body of the wrong shape (RecursionError: deep nesting).
_PARSE_ERRORS = (ValueError, TypeError, AttributeError, KeyError, IndexError, RecursionError)


class Refused(Exception):
    """A request the gate will not hand to Bolt: the HTTP status and the reason to log."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def admit(environ: dict[str, Any], signing_secret: str,
          now: Callable[[], float] = time.time) -> bytes:
    """The raw body of a request fit for Bolt, or Refused saying why it is not."""
    raw = read_body(environ)
    if not is_ssl_check(raw, environ):
        verify(raw, environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP", ""),
               environ.get("HTTP_X_SLACK_SIGNATURE", ""), signing_secret, now())
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused(400, "the body is not UTF-8") from None
    try:
        headers = {"content-type": environ.get("CONTENT_TYPE", "")}
        body = BoltRequest(body=text, headers=headers).body
    except _PARSE_ERRORS:
        raise Refused(400, "the body does not parse as a Slack payload") from None
    check_shape(body)
    return raw


def read_body(environ: dict[str, Any]) -> bytes:
    """Exactly Content-Length bytes of the request body."""
    declared = environ.get("CONTENT_LENGTH") or "0"
    if not declared.isascii() or not declared.isdigit():
        raise Refused(400, "Content-Length is not a number")
    stream = environ.get("wsgi.input")
    return stream.read(int(declared)) if stream is not None and int(declared) else b""


def is_ssl_check(raw: bytes, environ: dict[str, Any]) -> bool:
    """Slack's certificate probe, which Bolt answers before checking any signature."""
    # Bolt reads a body mentioning "payload" as that payload, never as the probe.
    if "json" in environ.get("CONTENT_TYPE", "") or raw.startswith(b"{") or b"payload" in raw:
        return False
    return b"ssl_check=1" in raw.split(b"&")


def verify(raw: bytes, timestamp: str, signature: str, signing_secret: str,
           now: float) -> None:
    """Refuse with 401 unless Slack's signature over these exact bytes is fresh and right."""
    if not _TIMESTAMP.fullmatch(timestamp):
        raise Refused(401, "the request timestamp is missing or not a number")
    if abs(now - int(timestamp)) > MAX_AGE_SECONDS:
        raise Refused(401, "the request timestamp is more than 5 minutes away")
    if not _SIGNATURE.fullmatch(signature):
        raise Refused(401, "the signature is missing or malformed")
    # Over the bytes as sent: slack_sdk's verifier decodes them first, which a stranger's
    # non-UTF-8 body turns into an exception.
    base = b"v0:" + timestamp.encode() + b":" + raw
    expected = "v0=" + hmac.new(signing_secret.encode(), base, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected.encode(), signature.encode()):
        raise Refused(401, "the signature does not match")


# What Bolt's context builder, middleware and matchers read from a payload, by shape.
_TEXTS = ("type", "command", "callback_id", "action_id", "block_id", "trigger_id",
          "response_url", "user_id", "team_id", "channel_id", "enterprise_id", "token",
          "challenge", "api_app_id", "ssl_check", "app_installed_team_id")
_NAMED = ("user", "team", "channel", "enterprise")
_OBJECTS = ("event", "view", "message", "previous_message", "container", "item")
_OBJECT_LISTS = ("actions", "authorizations", "response_urls")
# Bolt reads these without a None check (len(), .get()); elsewhere null means absent.
_NEVER_NULL = ("event", "response_urls")
# Objects Bolt looks inside for ids, each checked with the same rules.
_NESTED = ("event", "view", "message", "previous_message", "item")
_REQUIRED = {"block_actions": ("actions",), "view_submission": ("view",),
             "view_closed": ("view",), "event_callback": ("event",),
             "block_suggestion": ("action_id",), "shortcut": ("callback_id",),
             "message_action": ("callback_id",)}


def check_shape(body: Any) -> None:
    """Refuse with 400 a payload whose fields Bolt reads have shapes Slack never sends."""
    if not isinstance(body, dict):
        raise Refused(400, "the payload is not an object")
    _check_fields(body, "")
    kind = body.get("type")
    for name in _REQUIRED.get(kind, ()) if isinstance(kind, str) else ():
        if not body.get(name):
            raise Refused(400, f"a {kind} payload without {name}")
    for action in body.get("actions") or ():
        if not isinstance(action.get("action_id"), str) or not _fits("block_id",
                                                                     action.get("block_id", "")):
            raise Refused(400, "an action without a text action_id and block_id")
    if kind in ("view_submission", "view_closed") and not all(
            isinstance(body["view"].get(name), str) for name in ("type", "callback_id")):
        raise Refused(400, "a view without a text type and callback_id")
    if kind == "event_callback" and not isinstance(body["event"].get("type"), str):
        raise Refused(400, "an event without a text type")


def _check_fields(payload: dict[str, Any], where: str, depth: int = 0) -> None:
    """Each known field, when present, has the one shape Slack gives it; likewise inside."""
    for name, value in payload.items():
        if value is None and name not in _NEVER_NULL:
            continue
        if not _fits(name, value):
            raise Refused(400, f"the field {where}{name} has the wrong shape")
        if depth < 2 and name in _NESTED:
            _check_fields(value, f"{where}{name}.", depth + 1)
    for authorization in payload.get("authorizations") or ():
        _check_fields(authorization, f"{where}authorizations.", depth + 1)


def _fits(name: str, value: Any) -> bool:
    """Whether value has the shape Slack sends under name (unknown names fit anything)."""
    if name in _TEXTS:
        return isinstance(value, str)
    if name in _NAMED:
        return isinstance(value, str) or (
            isinstance(value, dict) and isinstance(value.get("id", ""), str))
    if name in _OBJECTS:
        return isinstance(value, dict)
    if name in _OBJECT_LISTS:
        return isinstance(value, list) and all(isinstance(item, dict) for item in value)
    return True
