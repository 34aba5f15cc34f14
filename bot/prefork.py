"""Several HTTP worker processes on one port (gunicorn), each with its own mentorbot.

`mentorbot serve` uses this on PostgreSQL when gunicorn is installed (the `production`
extra): one Python process uses about one core, so a programme's busiest morning needs a
process per core. Each worker builds its own mentorbot after the fork (threads do not
survive a fork, and connections must not be shared) and embeds the scheduler; on PostgreSQL
the advisory lock lets exactly one of them tick (bot/leadership.py)."""

from __future__ import annotations

import importlib.util
import logging
import os
import threading
from collections.abc import Callable, Iterable
from typing import Any

from bot import db
from bot.app import Mentorbot, create_app
from bot.config import ConfigError, Settings
from bot.runtime import tune_gc
from bot.server import ticking

log = logging.getLogger("mentorbot")
WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
MOST_WORKERS = 4  # beyond this, run more machines rather than more processes on one


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

    def warm(self) -> Mentorbot:
        """Build this process's mentorbot now rather than at its first request."""
        self._current()
        assert self.bot is not None
        return self.bot

    def _current(self) -> WSGIApp:
        with self._lock:
            if self._wsgi is None or self._pid != os.getpid():
                self.bot = create_app(self._settings, migrate=False)
                self._wsgi, self._pid = self.bot.wsgi(), os.getpid()
                tune_gc()
            return self._wsgi


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def worker_count(settings: Settings) -> int:
    """WEB_WORKERS when set; else one per core (at most four) on PostgreSQL with gunicorn
    installed, and one otherwise. More than one needs both, said in one sentence."""
    postgres = settings.database_url.startswith("postgresql")
    gunicorn = importlib.util.find_spec("gunicorn") is not None
    if settings.web_workers is None:
        return min(_cores(), MOST_WORKERS) if postgres and gunicorn else 1
    if settings.web_workers > 1 and not postgres:
        raise ConfigError("WEB_WORKERS above 1 needs PostgreSQL: a SQLite file serves one "
                          "process. Unset WEB_WORKERS or set DATABASE_URL to PostgreSQL.")
    if settings.web_workers > 1 and not gunicorn:
        raise ConfigError("WEB_WORKERS above 1 needs gunicorn: pip install -e '.[production]'.")
    return settings.web_workers


def serve_workers(settings: Settings, workers: int) -> None:
    """Serve mentorbot from `workers` gunicorn processes until stopped; the schema is
    upgraded once, here, before any worker starts."""
    engine = db.make_engine(settings.database_url, threads=1)
    db.upgrade(engine)
    engine.dispose()  # nothing of the master's database reaches a worker
    log.info("mentorbot listening on http://%s:%s/slack/events with %s workers",
             settings.host, settings.port, workers)
    run_gunicorn(settings, workers, lambda: PerProcess(settings),
                 post_worker_init=_start_ticking, worker_exit=_stop_ticking)


def run_gunicorn(settings: Settings, workers: int, load: Callable[[], WSGIApp],
                 **hooks: Callable[..., None]) -> None:
    """Serve the application `load` builds (in each worker) from gunicorn's threaded workers
    at HOST:PORT, WEB_THREADS threads each; benchmarks/bare.py serves its floor so too."""
    from gunicorn.app.base import BaseApplication  # only here: gunicorn is an optional extra

    class Workers(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            options = {"bind": f"{settings.host}:{settings.port}", "workers": workers,
                       "threads": settings.web_threads, "worker_class": "gthread",
                       "loglevel": settings.log_level.lower(), "proc_name": "mentorbot",
                       **hooks}
            for name, value in options.items():
                self.cfg.set(name, value)

        def load(self) -> WSGIApp:
            return load()

    Workers().run()


def _start_ticking(worker: Any) -> None:
    """In each worker, once its app is loaded: build mentorbot and start its scheduler."""
    bot = worker.wsgi.warm()
    worker.mentorbot_ticking = ticking(bot)
    worker.mentorbot_ticking.__enter__()


def _stop_ticking(_server: Any, worker: Any) -> None:
    """A worker leaving: its scheduler gives up the lead, and its mentorbot finishes."""
    held = getattr(worker, "mentorbot_ticking", None)
    if held is not None:
        held.__exit__(None, None, None)
