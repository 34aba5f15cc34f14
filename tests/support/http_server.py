"""Serving a WSGI callable on 127.0.0.1 in a thread, for tests and benchmarks."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep output quiet."""


@contextmanager
def serving(application: Callable[..., Any]) -> Iterator[str]:
    """Serve `application` on a free port; yields its base URL and stops cleanly after.

    Production serves the same callable with waitress (tests/test_serve.py runs that for
    real); waitress started and stopped inside one process races its own file descriptors at
    shutdown, the stdlib's threading server stops cleanly.
    """
    server = make_server("127.0.0.1", 0, application, server_class=_ThreadingWSGIServer,
                         handler_class=_QuietHandler)
    # shutdown() waits for the serving loop to look up, once per poll_interval: every test
    # that serves the app pays it once, so it is short (the loop is idle in between).
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01},
                              daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
