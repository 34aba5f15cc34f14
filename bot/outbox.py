"""Delivering the outbox: claim due DMs, send them to Slack, record what happened."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.orm import Session, sessionmaker

from blocks.home import home_view
from blocks.notifications import DirectMessage, direct_message
from bot.calendar import attach_calendar
from bot.files import share_files
from bot.pdf_diary import attach_diary_pdf
from bot.pdf_goals import attach_goals_pdf
from bot.pdf_worksheets import attach_worksheet_pdf
from bot.workers import Workers
from domain import outbox
from domain.home.dashboard import load_dashboard
from domain.members import Actor
from domain.model import OutboxKind, OutboxMessage, member_of

log = logging.getLogger("mentorbot.outbox")


class OutboxSender:
    """Sends what the outbox owes; safe to run from a request thread and the scheduler at once."""

    def __init__(
        self, session_factory: sessionmaker[Session], client: WebClient,
        clock: Callable[[], datetime],
    ) -> None:
        self._sessions = session_factory
        self._client = client
        self._clock = clock
        self._pass_lock = threading.Lock()
        self.kicks = Workers(max_workers=1, thread_name_prefix="outbox")

    def kick(self) -> None:
        """Deliver soon, off the caller's thread (called after every commit)."""
        self.kicks.submit(self._deliver_logged)

    def close(self) -> None:
        """Finish the delivery under way and stop taking kicks."""
        self.kicks.shutdown(wait=True, cancel_futures=True)

    def _deliver_logged(self) -> None:
        try:
            self.deliver_due()
        except Exception:  # a background pass must never die silently
            log.exception("outbox delivery pass failed")

    def deliver_due(self, limit: int = 50) -> int:
        """One pass: send every due DM (up to `limit`) and re-publish Home tabs that changed;
        returns how many DMs Slack accepted."""
        with self._pass_lock:
            with self._sessions.begin() as session:
                claimed = [
                    (m.id, m.recipient_user_id, m.kind, dict(m.payload))
                    for m in outbox.claim_due(session, now=self._clock(), limit=limit)
                ]
            delivered = sum(self._send(*message) for message in claimed)
            self._publish_homes()
            return delivered

    def _publish_homes(self) -> None:
        """Re-publish each Home that changed; no transaction stays open while Slack answers."""
        with self._sessions.begin() as session:
            waiting = outbox.take_home_refreshes(session)
        for team_id, user_id in waiting:
            with self._sessions() as session:
                view = home_view(load_dashboard(session, actor=Actor(team_id, user_id),
                                                now=self._clock()))
                session.rollback()
            try:
                self._client.views_publish(user_id=user_id, view=view)
            except (SlackApiError, OSError) as failure:  # opening Home publishes it afresh
                log.warning("Home of %s not published: %s", user_id, failure)

    def _post(self, message_id: int, recipient: str, dm: DirectMessage,
              replaces: str | None) -> tuple[str, str] | None:
        """Post the DM, or update the one it replaces; None when that one is not out yet."""
        if replaces is None:
            channel = self._client.conversations_open(users=recipient)["channel"]["id"]
            posted = self._client.chat_postMessage(channel=channel, text=dm.text, blocks=dm.blocks)
            return posted["channel"], posted["ts"]
        with self._sessions.begin() as session:
            row = session.get_one(OutboxMessage, message_id)
            original = outbox.replaced_by(session, update=row)
            where = (original.channel_id, original.message_ts) if original else None
        if where is None or not all(where):
            return None
        self._client.chat_update(channel=where[0], ts=where[1], text=dm.text, blocks=dm.blocks)
        return where[0], where[1]

    def _send(self, message_id: int, recipient: str, kind: str, payload: dict[str, Any]) -> bool:
        known = member_of(OutboxKind, kind)
        if known is None:  # no retry will teach this version the kind: give up on the row alone
            log.error("DM %s has a kind this version does not know: %r", message_id, kind)
            self._record(message_id, error=outbox.UNKNOWN_KIND)
            return False
        try:
            dm = direct_message(known, payload)
            posted = self._post(message_id, recipient, dm, payload.get("replaces"))
            if posted is None:
                self._record(message_id, error="waiting_for_original")
                return False
        except SlackApiError as failure:
            self._record(message_id, error=_error_name(failure), retry_after=_retry_after(failure))
            return False
        except OSError as failure:  # Slack unreachable: refused, reset, timed out
            self._record(message_id, error=f"unreachable: {type(failure).__name__}")
            return False
        if payload.get("files") and "replaces" not in payload:
            self._pass_on_files(payload["files"], posted)
        if payload.get("calendar") and "replaces" not in payload:
            attach_calendar(self._client, payload["calendar"], channel=posted[0],
                            thread_ts=posted[1])
        if payload.get("goals_pdf"):
            attach_goals_pdf(self._client, payload["goals_pdf"], channel=posted[0],
                             thread_ts=posted[1])
        if payload.get("worksheet_pdf"):
            attach_worksheet_pdf(self._client, payload["worksheet_pdf"], channel=posted[0],
                                 thread_ts=posted[1])
        if payload.get("diary_pdf"):
            attach_diary_pdf(self._client, self._sessions, Actor(payload["diary_pdf"], recipient),
                             self._clock(), channel=posted[0], thread_ts=posted[1])
        with self._sessions.begin() as session:
            row = session.get_one(OutboxMessage, message_id)
            outbox.mark_sent(row, channel_id=posted[0], message_ts=posted[1], now=self._clock())
        return True

    def _pass_on_files(self, files: list[dict[str, Any]], posted: tuple[str, str]) -> None:
        """Attach the sender's files under the DM; say which could not be passed on."""
        missed = share_files(self._client, files, channel=posted[0], thread_ts=posted[1])
        if missed:
            self._client.chat_postMessage(
                channel=posted[0], thread_ts=posted[1],
                text="Some files could not be passed on: " + ", ".join(missed)[:500])

    def _record(self, message_id: int, *, error: str, retry_after: float | None = None) -> None:
        log.warning("DM %s not delivered: %s", message_id, error)
        with self._sessions.begin() as session:
            row = session.get_one(OutboxMessage, message_id)
            outbox.mark_failed_attempt(row, error=error, now=self._clock(), retry_after=retry_after)


def _error_name(failure: SlackApiError) -> str:
    response = failure.response
    if response.status_code == 429:
        return "ratelimited"
    if response.status_code >= 500:
        return f"http_{response.status_code}"
    if isinstance(response.data, dict) and response.data.get("error"):
        return str(response.data["error"])
    return f"http_{response.status_code}"


def _retry_after(failure: SlackApiError) -> float | None:
    if failure.response.status_code != 429:
        return None
    headers = {k.lower(): v for k, v in (failure.response.headers or {}).items()}
    value = headers.get("retry-after")
    if isinstance(value, list):
        value = value[0] if value else None
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None
