"""Serving: HTTP through waitress (threaded, production-grade) or Slack's Socket Mode."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from slack_bolt.adapter.socket_mode import SocketModeHandler
from waitress import serve

from bot.app import Mentorbot
from bot.scheduler import build_scheduler

log = logging.getLogger("mentorbot")


@contextmanager
def _ticking(bot: Mentorbot) -> Iterator[None]:
    """The background ticks run while the block runs; mentorbot is closed after."""
    scheduler = build_scheduler(bot.sender, bot.settings.outbox_interval_seconds, bot.sessions,
                                bot.clock)
    scheduler.start()
    try:
        yield
    finally:
        scheduler.shutdown(wait=False)
        bot.close()


def serve_http(bot: Mentorbot) -> None:
    """Answer Slack at http://HOST:PORT/slack/events until stopped."""
    with _ticking(bot):
        log.info("mentorbot listening on http://%s:%s/slack/events", bot.settings.host,
                 bot.settings.port)
        serve(bot.wsgi(), host=bot.settings.host, port=bot.settings.port,
              threads=bot.settings.web_threads, ident="mentorbot")


def serve_socket_mode(bot: Mentorbot) -> None:
    """Answer Slack over a Socket Mode connection (no public URL needed)."""
    with _ticking(bot):
        log.info("mentorbot connecting to Slack over Socket Mode")
        SocketModeHandler(bot.bolt, bot.settings.app_token).start()


def run_scheduler(bot: Mentorbot) -> None:
    """Only the background ticks, for deployments that serve HTTP from several workers."""
    with _ticking(bot):
        log.info("mentorbot scheduler running")
        threading.Event().wait()
