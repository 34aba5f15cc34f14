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

from dotenv import find_dotenv, load_dotenv

from bot.config import Settings, load_settings
from bot.prefork import PerProcess
from bot.slack import check_slack_access

__all__ = ["PerProcess", "application"]


def _checked_settings() -> Settings:
    load_dotenv(find_dotenv(usecwd=True), override=False)
    settings = load_settings()
    check_slack_access(settings)
    return settings


application = PerProcess(_checked_settings())
# Without --preload gunicorn imports this in each worker: build there and then. With it, the
# one built in the master holds no thread nor connection, and each worker builds its own.
application.warm()
