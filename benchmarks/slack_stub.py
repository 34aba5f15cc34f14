"""A small, fast stand-in for Slack's Web API that notes when each view arrives.

The load benchmark puts mentorbot and the bare Bolt app behind it. It answers every method
with `ok` (views with a fresh id), and records the moment a `views.publish` for a user or a
`views.open` for a trigger_id arrives, so a client can time "until the view reaches Slack".
It is deliberately not the test suite's fake: that one keeps a whole workspace and checks
every call, which would make the driver, not the app, the bottleneck.
"""

from __future__ import annotations

import itertools
import json
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

# The key each timed method is correlated by; slack_sdk writes it before the (large) view.
KEYS = {"views.publish": "user_id", "views.open": "trigger_id"}
_FIRST = {method: re.compile(rf'"{key}"\s*:\s*"([^"]*)"'.encode()) for method, key in
          KEYS.items()}


class Arrival:
    """One awaited API call: set when it arrives, with the perf_counter time it arrived at."""

    def __init__(self) -> None:
        self.event = threading.Event()
        self.at = 0.0

    def wait(self, timeout: float) -> float | None:
        """The arrival time, or None when the call did not come within `timeout` seconds."""
        return self.at if self.event.wait(timeout) else None


class SlackStub:
    """Answers the Web API; `expect` a publish or open before sending what causes it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._awaited: dict[tuple[str, str], Arrival] = {}
        self._ids = itertools.count(1)
        self.captured: dict[str, list[dict[str, Any]]] | None = None
        self.calls: dict[str, int] = {}

    def expect(self, method: str, key: str) -> Arrival:
        """Note that `method` for `key` (a user id, a trigger id) is about to be caused."""
        arrival = Arrival()
        with self._lock:
            self._awaited[(method, key)] = arrival
        return arrival

    def forget(self, method: str, key: str) -> None:
        """Stop waiting for a call that never came."""
        with self._lock:
            self._awaited.pop((method, key), None)

    def start_capture(self) -> None:
        """Keep every view published or opened from now on (to give the bare app the same)."""
        with self._lock:
            self.captured = {"views.publish": [], "views.open": []}

    def stop_capture(self) -> dict[str, list[dict[str, Any]]]:
        """The views kept since start_capture."""
        with self._lock:
            captured, self.captured = self.captured or {}, None
        return captured

    def answer(self, method: str, body: bytes, content_type: str, query: str) -> dict[str, Any]:
        """Note the call, then Slack's answer to it."""
        at = time.perf_counter()
        with self._lock:
            self.calls[method] = self.calls.get(method, 0) + 1
            capturing = self.captured is not None and method in self.captured
        if capturing:
            view = _params(body, content_type, query).get("view")
            with self._lock:
                if self.captured is not None and isinstance(view, dict):
                    self.captured[method].append(view)
        if method in KEYS:
            self._arrived(method, body, at)
        return self._reply(method)

    def _arrived(self, method: str, body: bytes, at: float) -> None:
        found = _FIRST[method].search(body)
        if found is None:
            return
        with self._lock:
            arrival = self._awaited.pop((method, found.group(1).decode()), None)
        if arrival is not None:
            arrival.at = at
            arrival.event.set()

    def _reply(self, method: str) -> dict[str, Any]:
        if method.startswith("views."):
            return {"ok": True, "view": {"id": f"V{next(self._ids):010d}", "hash": "1.a"}}
        if method == "auth.test":
            return {"ok": True, "user_id": "UBOT", "bot_id": "BBOT", "team_id": "T1",
                    "team": "Acme", "user": "mentorbot"}
        if method == "users.info":
            return {"ok": True, "user": {"id": "U0", "name": "someone", "tz": "UTC",
                                         "profile": {"real_name": "Someone"}}}
        if method == "conversations.open":
            return {"ok": True, "channel": {"id": "D0"}}
        return {"ok": True, "channel": "D0", "ts": f"{time.time():.6f}"}


def _params(body: bytes, content_type: str, query: str) -> dict[str, Any]:
    """The call's arguments, whether sent as JSON, a form or a query string."""
    if "json" in content_type:
        parsed = json.loads(body or b"{}")
        return parsed if isinstance(parsed, dict) else {}
    params: dict[str, Any] = dict(parse_qsl(query))
    params.update(parse_qsl(body.decode("utf-8", "replace")))
    if isinstance(params.get("view"), str):
        params["view"] = json.loads(params["view"])
    return params


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    stub: SlackStub

    def do_POST(self) -> None:
        """A Web API call."""
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self._answer(body)

    def do_GET(self) -> None:
        """A Web API call with its arguments in the query string."""
        self._answer(b"")

    def _answer(self, body: bytes) -> None:
        url = urlsplit(self.path)
        method = url.path.rsplit("/", 1)[-1]
        reply = json.dumps(self.stub.answer(method, body, self.headers.get("Content-Type", ""),
                                            url.query)).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: one line per call would cost more than the call."""


@contextmanager
def serving_stub() -> Iterator[tuple[SlackStub, str]]:
    """A SlackStub on a free port; yields it and its base URL (SLACK_API_URL)."""
    stub = SlackStub()
    handler = type("Handler", (_Handler,), {"stub": stub})
    # The app's Web API client opens a connection per call; a deep accept queue keeps a
    # burst of them from being dropped and retried a second later by TCP (the stdlib's 5).
    server_class = type("Server", (ThreadingHTTPServer,), {"request_queue_size": 1024,
                                                           "daemon_threads": True})
    server = server_class(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield stub, f"http://127.0.0.1:{server.server_port}/api/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
