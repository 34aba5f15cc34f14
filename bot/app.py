"""The app factory: one call builds the Bolt app, the database and the background sender."""

from __future__ import annotations

import io
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot import db, gate
from bot.config import Settings
from bot.installations import Installations, InstalledAuthorize, installations_for
from bot.manifest import EVENTS_PATH
from bot.oauth import oauth_settings
from bot.outbox import OutboxSender
from bot.slack import background_clients, interactive_client
from bot.workers import Workers, wait_all_idle
from domain.workspace import resume_sending
from handlers import register_all
from handlers.context import Services
from handlers.wiring import Wiring

SLACK_PATH = EVENTS_PATH
# What a person sees when their workspace has no installation (never installed, or removed).
NOT_INSTALLED_HERE = ("mentorbot is not installed in this workspace. Please ask a workspace "
                      "admin to add it to Slack again.")
log = logging.getLogger("mentorbot")


def utc_now() -> datetime:
    """The wall clock, in UTC."""
    return datetime.now(UTC)


@dataclass
class Mentorbot:
    """A running mentorbot: Bolt app, database and outbox sender, wired together."""

    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    bolt: App
    sender: OutboxSender
    wiring: Wiring
    listeners: Workers
    clock: Callable[[], datetime] = utc_now
    owns_engine: bool = True
    # Distributed mode only: the workspaces that installed mentorbot, and their tokens.
    installations: Installations | None = None

    def wsgi(self) -> Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]:
        """The WSGI application: Slack's requests at /slack/events, a health check at /healthz.

        Every POST to /slack/events passes `bot.gate` first, so Bolt only ever sees a signed,
        fresh, well-formed body.
        """
        # GET /slack/install and /slack/oauth_redirect (distributed mode) go to Bolt as they
        # come: they carry no Slack signature, only the install's state cookie.
        slack = SlackRequestHandler(self.bolt, path=SLACK_PATH)

        def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
            if environ.get("PATH_INFO") == "/healthz":
                return _plain(start_response, "200 OK", "ok")
            if environ.get("PATH_INFO") == SLACK_PATH and environ.get("REQUEST_METHOD") == "POST":
                try:
                    raw = gate.admit(environ, self.settings.signing_secret)
                except gate.Refused as refusal:
                    log.warning("refused a request to %s: %s", SLACK_PATH, refusal.reason)
                    return _plain(start_response, _STATUS[refusal.status], "refused")
                # The gate read the body; Bolt reads the same bytes again.
                environ = {**environ, "wsgi.input": io.BytesIO(raw),
                           "CONTENT_LENGTH": str(len(raw))}
            return slack(environ, start_response)

        return application

    def settle(self, timeout: float = 5.0) -> bool:
        """Wait until no listener runs and the sender has delivered what they handed it."""
        return wait_all_idle([self.listeners, self.sender.kicks], timeout)

    def close(self) -> None:
        """Let running listeners finish, stop the sender, release database connections."""
        self.listeners.shutdown(wait=True)
        self.sender.close()
        if self.owns_engine:
            self.engine.dispose()


_STATUS = {400: "400 Bad Request", 401: "401 Unauthorized"}


def _plain(start_response: Callable[..., Any], status: str, text: str) -> list[bytes]:
    """A short text/plain answer."""
    start_response(status, [("Content-Type", "text/plain; charset=utf-8")])
    return [f"{text}\n".encode()]


def create_app(
    settings: Settings,
    *,
    clock: Callable[[], datetime] = utc_now,
    engine: Engine | None = None,
    migrate: bool = True,
    token_clock: Callable[[], float] = time.time,
) -> Mentorbot:
    """Build mentorbot from settings; the schema is upgraded first unless `migrate` is False.
    (`token_clock` is the wall clock, in Unix seconds, that installed tokens expire by.)"""
    logging.getLogger("mentorbot").setLevel(settings.log_level)
    owns_engine = engine is None
    engine = engine or db.make_engine(settings.database_url, threads=settings.web_threads)
    if migrate:
        db.upgrade(engine)
    sessions = db.session_factory(engine)
    installations = installations_for(settings, engine, token_clock)
    sender = OutboxSender(sessions, background_clients(settings, installations), clock)
    listeners = Workers(max_workers=settings.web_threads, thread_name_prefix="listener")
    bolt = App(
        client=interactive_client(settings),
        signing_secret=settings.signing_secret,
        process_before_response=False,
        listener_executor=listeners,
        **_installs(settings, installations, _resuming(sessions, clock)),
    )
    # Bolt logs the start of a body it refuses at INFO; the gate refuses first and logs only
    # the reason, and this keeps Bolt's own check (left on as a second lock) from echoing it.
    logging.getLogger("slack_bolt.RequestVerification").setLevel(logging.WARNING)
    services = Services(session_factory=sessions, clock=clock, after_commit=sender.kick,
                        **_forgetting(installations))
    wiring = register_all(bolt, services)
    return Mentorbot(settings, engine, sessions, bolt, sender, wiring, listeners, clock,
                     owns_engine, installations)


def _forgetting(installations: Installations | None) -> dict[str, Any]:
    """How the uninstall listeners forget an install: only installs by OAuth have one."""
    return {} if installations is None else {"forget_install": installations.delete_installation}


def _resuming(sessions: sessionmaker[Session], clock: Callable[[], datetime]
              ) -> Callable[[str], None]:
    """What an install does to its workspace's programme: sending resumes, if it had stopped."""

    def resume(team_id: str) -> None:
        with sessions.begin() as session:
            resume_sending(session, team_id=team_id, now=clock())

    return resume


def _installs(settings: Settings, installations: Installations | None,
              resume: Callable[[str], None]) -> dict[str, Any]:
    """Bolt's arguments for installs by OAuth: the flow, and authorize from our store."""
    if installations is None:
        return {}
    return {"oauth_settings": oauth_settings(settings, installations, on_installed=resume),
            "authorize": InstalledAuthorize(installations),
            "user_facing_authorize_error_message": NOT_INSTALLED_HERE}
