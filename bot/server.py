"""Serving: HTTP through waitress (threaded, production-grade) or Slack's Socket Mode."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_sdk.socket_mode.builtin import SocketModeClient
from slack_sdk.socket_mode.request import SocketModeRequest
from slack_sdk.socket_mode.response import SocketModeResponse
from waitress import serve

from bot import gate
from bot.app import Mentorbot
from bot.config import Settings
from bot.leadership import TickLeadership
from bot.runtime import tune_gc
from bot.scheduler import build_scheduler

log = logging.getLogger("mentorbot")


class CheckedSocketModeHandler(SocketModeHandler):
    """Bolt's Socket Mode handler, refusing envelopes whose payload Bolt would choke on.

    Socket Mode needs no signature, but a payload of the wrong shape would still raise
    inside Bolt; it is acknowledged (so it is not sent again) and one line says why.
    """

    # The connection is named `socket`: it is no Web API client (tests/test_manifest.py).
    def handle(self, socket: SocketModeClient, req: SocketModeRequest) -> None:  # type: ignore[override]
        """Hand the envelope to Bolt once its payload has shapes Bolt can read."""
        try:
            gate.check_shape(req.payload)
        except gate.Refused as refusal:
            log.warning("refused a Socket Mode envelope: %s", refusal.reason)
            socket.send_socket_mode_response(SocketModeResponse(envelope_id=req.envelope_id))
            return
        super().handle(socket, req)


@contextmanager
def ticking(bot: Mentorbot, *, embedded: bool = True) -> Iterator[None]:
    """The background ticks run while the block runs (on PostgreSQL only in the process that
    leads them); mentorbot is closed after. A serving process (`embedded`) runs none when
    SCHEDULER=off: a `mentorbot scheduler` or a cron `mentorbot tick` runs them instead."""
    if embedded and not bot.settings.scheduler:
        log.info("SCHEDULER=off: this process runs no background ticks")
        try:
            yield
        finally:
            bot.close()
        return
    leadership = TickLeadership(bot.engine)
    scheduler = build_scheduler(bot.sender, bot.settings.outbox_interval_seconds, bot.sessions,
                                bot.clock, leadership)
    scheduler.start()
    try:
        yield
    finally:
        scheduler.shutdown(wait=False)
        leadership.close()
        bot.close()


def serve_http(bot: Mentorbot) -> None:
    """Answer Slack at http://HOST:PORT/slack/events until stopped."""
    with ticking(bot):
        tune_gc()
        log.info("mentorbot listening on http://%s:%s/slack/events", bot.settings.host,
                 bot.settings.port)
        listen(bot.wsgi(), bot.settings)


def listen(application: Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]],
           settings: Settings) -> None:
    """Serve a WSGI application with waitress at HOST:PORT on WEB_THREADS threads.

    benchmarks/bare.py serves its bare Bolt app through here too, so the floor it measures
    runs on the same server code as mentorbot.
    """
    serve(application, host=settings.host, port=settings.port, threads=settings.web_threads,
          ident="mentorbot")


def serve_socket_mode(bot: Mentorbot) -> None:
    """Answer Slack over a Socket Mode connection (no public URL needed)."""
    with ticking(bot):
        tune_gc()
        log.info("mentorbot connecting to Slack over Socket Mode")
        CheckedSocketModeHandler(bot.bolt, bot.settings.app_token).start()


def run_scheduler(bot: Mentorbot) -> None:
    """Only the background ticks, for deployments that serve HTTP from several workers."""
    with ticking(bot, embedded=False):
        log.info("mentorbot scheduler running")
        threading.Event().wait()
