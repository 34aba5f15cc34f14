"""The fake Slack's HTTP side: a threaded server on 127.0.0.1 handing each request, read whole,
to whatever answers it (FakeSlack.handle), and the record of one call."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from .fake_slack_wire import Answer

Handle = Callable[[str, dict[str, str], bytes], Answer]


@dataclass
class Call:
    """One recorded HTTP call to the fake Slack server."""

    method: str
    params: dict[str, Any]
    token: str | None = None
    files: dict[str, bytes] = field(default_factory=dict)


class _Server(ThreadingHTTPServer):
    """ThreadingHTTPServer that knows what answers its requests."""

    daemon_threads = True
    handle: Handle


class _Handler(BaseHTTPRequestHandler):
    """Reads each request fully and lets the server's handle answer it."""

    server: _Server

    def do_GET(self) -> None:
        """Serve a GET (slack_sdk's async client sends some methods this way)."""
        self._serve()

    def do_POST(self) -> None:
        """Serve a POST (form, multipart, JSON or raw upload body)."""
        self._serve()

    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output quiet."""

    def _serve(self) -> None:
        """Read the body, ask for an Answer and write it out."""
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = {key.lower(): value for key, value in self.headers.items()}
        answer = self.server.handle(self.path, headers, body)
        self.send_response(answer.status)
        for key, value in answer.headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(answer.body)))
        self.end_headers()
        self.wfile.write(answer.body)


class Serving:
    """A server bound to an ephemeral port of 127.0.0.1, serving in a daemon thread."""

    def __init__(self, handle: Handle) -> None:
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.handle = handle
        self.origin = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={"poll_interval": 0.01}, name="fake-slack",
                                        daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop serving and release the port."""
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
