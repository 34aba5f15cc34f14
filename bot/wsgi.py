"""WSGI entry point for multi-worker servers (PostgreSQL):

    gunicorn -w 2 --threads 8 -b 0.0.0.0:3000 'bot.wsgi:application'

Run `mentorbot db upgrade` once before starting the workers, set WEB_THREADS to the same number
as --threads (it sizes each worker's listener pool and connection pool), and run one or two
`mentorbot scheduler` beside them for the background ticks (a second one stands by).

Each worker process uses its own mentorbot (engine, listener threads, outbox sender), never
one built in the process it was forked from: threads do not survive a fork, and database
connections must not be shared between processes. So `--preload` is safe too.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from typing import Any

from dotenv import find_dotenv, load_dotenv

from bot.app import Mentorbot, create_app
from bot.config import Settings, load_settings
from bot.slack import check_slack_access

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


class PerProcess:
    """A WSGI application that builds mentorbot once in each process that serves with it."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._lock = threading.Lock()
        self._pid: int | None = None
        self._wsgi: WSGIApp | None = None
        self.bot: Mentorbot | None = None

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        """Answer one request with this process's mentorbot."""
        return self._current()(environ, start_response)

    def warm(self) -> None:
        """Build this process's mentorbot now rather than at its first request."""
        self._current()

    def _current(self) -> WSGIApp:
        with self._lock:
            if self._wsgi is None or self._pid != os.getpid():
                self.bot = create_app(self._settings, migrate=False)
                self._wsgi, self._pid = self.bot.wsgi(), os.getpid()
            return self._wsgi


def _checked_settings() -> Settings:
    load_dotenv(find_dotenv(usecwd=True), override=False)
    settings = load_settings()
    check_slack_access(settings)
    return settings


application = PerProcess(_checked_settings())
# Without --preload gunicorn imports this in each worker: build there and then. With it, the
# one built in the master holds no thread nor connection, and each worker builds its own.
application.warm()
