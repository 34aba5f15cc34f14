"""Delivering the outbox: claim due DMs, send them to Slack, record what happened."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.orm import Session, sessionmaker

from blocks.home import home_view
from blocks.notifications import DirectMessage, direct_message
from bot.outbox_steps import follow_ups, tell_not_made
from bot.slack import OneWorkspace, WorkspaceClients
from bot.workers import Workers
from domain import outbox
from domain.home.dashboard import load_dashboard
from domain.members import Actor
from domain.model import OutboxKind, OutboxMessage, OutboxStatus, member_of

log = logging.getLogger("mentorbot.outbox")
NOT_INSTALLED = "not_installed"  # the workspace has no installation (distributed mode)


@dataclass(frozen=True)
class _Claim:
    """What the sender needs of a claimed row, read before its transaction ends."""

    id: int
    team_id: str
    recipient: str
    kind: str
    payload: dict[str, Any]
    posted: tuple[str, str] | None  # where the DM went, when an earlier attempt posted it
    steps_done: frozenset[str]

    @classmethod
    def of(cls, row: OutboxMessage) -> _Claim:
        """The claim of one row."""
        posted = (row.channel_id or "", row.message_ts or "") if outbox.is_posted(row) else None
        return cls(row.id, row.team_id, row.recipient_user_id, row.kind, dict(row.payload), posted,
                   frozenset(row.steps_done or ()))


class OutboxSender:
    """Sends what the outbox owes; safe to run from a request thread and the scheduler at once."""

    def __init__(
        self, session_factory: sessionmaker[Session], clients: WebClient | WorkspaceClients,
        clock: Callable[[], datetime],
    ) -> None:
        self._sessions = session_factory
        # Each row goes out with its own workspace's client (one, in single-workspace mode).
        self._clients = OneWorkspace(clients) if isinstance(clients, WebClient) else clients
        self._clock = clock
        self._pass_lock = threading.Lock()
        # What the pass under way learnt of its last failure (read under the pass lock).
        self._given_up = False
        self._unreachable_until: datetime | None = None
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
                due = outbox.claim_due(session, now=self._clock(), limit=limit)
                claimed = [_Claim.of(m) for m in due]
            delivered = self._send_in_order(claimed)
            self._publish_homes()
            return delivered

    def _send_in_order(self, claimed: list[_Claim]) -> int:
        """Send the claims oldest first; a person's later DM waits while an earlier one is
        still owed, and once Slack cannot be reached the rest wait for the next pass, their
        attempts not spent."""
        owed: set[str] = set()  # recipients whose earlier DM in this pass is not out
        delivered, waiting = 0, []
        self._unreachable_until = None
        for index, claim in enumerate(claimed):
            if claim.recipient in owed:
                waiting.append(claim.id)
                continue
            sent, out = self._send(claim)
            delivered += sent
            if not out:
                owed.add(claim.recipient)
            if self._unreachable_until is not None:
                self._release([c.id for c in claimed[index + 1:]], self._unreachable_until)
                break
        self._release(waiting, self._clock())
        return delivered

    def _release(self, message_ids: list[int], retry_at: datetime) -> None:
        if message_ids:
            with self._sessions.begin() as session:
                outbox.release(session, message_ids=message_ids, retry_at=retry_at)

    def _publish_homes(self) -> None:
        """Re-publish each Home that changed; no transaction stays open while Slack answers."""
        with self._sessions.begin() as session:
            waiting = outbox.take_home_refreshes(session)
        for team_id, user_id in waiting:
            client = self._clients.for_team(team_id)
            if client is None:  # not installed there (any more): nobody to show it to
                log.warning("Home of %s not published: %s", user_id, NOT_INSTALLED)
                continue
            with self._sessions() as session:
                view = home_view(load_dashboard(session, actor=Actor(team_id, user_id),
                                                now=self._clock()))
                session.rollback()
            try:
                client.views_publish(user_id=user_id, view=view)
            except (SlackApiError, OSError) as failure:  # opening Home publishes it afresh
                log.warning("Home of %s not published: %s", user_id, failure)

    def _post(self, client: WebClient, message_id: int, recipient: str, dm: DirectMessage,
              payload: dict[str, Any]) -> tuple[str, str] | None:
        """Post the DM, or update the one it replaces; None when that one is not out yet.

        A row `to_channel` (an alert card) goes to the channel it names instead of a DM."""
        replaces = payload.get("replaces")
        if replaces is None:
            thread = self._thread(message_id) if payload.get("thread_under") else ("", "")
            if thread is None:
                return None
            channel = thread[0] or (recipient if payload.get("to_channel") else
                                    client.conversations_open(users=recipient)
                                    ["channel"]["id"])
            posted = client.chat_postMessage(channel=channel, text=dm.text, blocks=dm.blocks,
                                                   **({"thread_ts": thread[1]} if thread[1]
                                                      else {}))
            return posted["channel"], posted["ts"]
        with self._sessions.begin() as session:
            row = session.get_one(OutboxMessage, message_id)
            original = outbox.replaced_by(session, update=row)
            where = (original.channel_id, original.message_ts) if original else None
        if where is None or not all(where):
            return None
        client.chat_update(channel=where[0], ts=where[1], text=dm.text, blocks=dm.blocks)
        return where[0], where[1]

    def _thread(self, message_id: int) -> tuple[str, str] | None:
        """The DM this reply threads under (see outbox.thread_parent)."""
        with self._sessions.begin() as session:
            return outbox.thread_parent(session, message=session.get_one(OutboxMessage,
                                                                         message_id))

    def _send(self, claim: _Claim) -> tuple[bool, bool]:
        """Post the DM unless it is out, then do the steps it still owes under it; whatever
        fails is recorded on this row alone. Says whether Slack accepted the post in this pass,
        and whether the DM is out (or given up), so that a later one may follow it."""
        client = self._clients.for_team(claim.team_id)
        if client is None:  # uninstalled, or never installed: no token may speak there
            self._record(claim.id, error=NOT_INSTALLED)
            return False, self._given_up
        posted = claim.posted or self._post_once(client, claim)
        if posted is None:
            return False, self._given_up
        if self._follow_up(client, claim, posted):
            with self._sessions.begin() as session:
                row = session.get_one(OutboxMessage, claim.id)
                outbox.mark_sent(row, channel_id=posted[0], message_ts=posted[1],
                                 now=self._clock())
        return claim.posted is None, True

    def _post_once(self, client: WebClient, claim: _Claim) -> tuple[str, str] | None:
        """Post the row's DM and record at once where it went; None (recorded) when not out."""
        known = member_of(OutboxKind, claim.kind)
        if known is None:  # no retry will teach this version the kind: give up on the row alone
            log.error("DM %s has a kind this version does not know: %r", claim.id, claim.kind)
            self._record(claim.id, error=outbox.UNKNOWN_KIND)
            return None
        try:
            dm = direct_message(known, claim.payload)
            posted = self._post(client, claim.id, claim.recipient, dm, claim.payload)
        except Exception as failure:  # recorded on the row: the pass goes on with the others
            self._record_failure(claim.id, failure, posting=True)
            return None
        if posted is None:
            self._record(claim.id, error="waiting_for_original")
            return None
        with self._sessions.begin() as session:
            row = session.get_one(OutboxMessage, claim.id)
            outbox.mark_posted(row, channel_id=posted[0], message_ts=posted[1])
        return posted

    def _follow_up(self, client: WebClient, claim: _Claim, posted: tuple[str, str]) -> bool:
        """Do each step not yet done, recording each as it succeeds; False when one failed."""
        steps = follow_ups(client, self._sessions, self._clock(), claim.recipient,
                           claim.payload)
        for number, step in enumerate(steps):
            if step.name in claim.steps_done:
                continue
            try:
                step.run(channel=posted[0], thread_ts=posted[1])
            except Exception as failure:  # retried alone later: the DM itself is out
                if self._record_failure(claim.id, failure):
                    log.error("DM %s: gave up on %s: %s", claim.id, step.name, failure)
                    tell_not_made(client, steps[number:], channel=posted[0],
                                  thread_ts=posted[1])
                return False
            with self._sessions.begin() as session:
                outbox.mark_step_done(session.get_one(OutboxMessage, claim.id), step.name)
        return True

    def _record_failure(self, message_id: int, failure: Exception, *,
                        posting: bool = False) -> bool:
        """Record why an attempt failed; True when the row will not be tried again.

        When the post itself finds Slack unreachable (refused, 5xx, rate-limited) the pass
        stops until this row's retry, rather than spend an attempt of every row on it; a
        follow-up step's failure (an upload) stays the row's own."""
        if isinstance(failure, SlackApiError):
            status = failure.response.status_code
            return self._record(message_id, error=_error_name(failure),
                                retry_after=_retry_after(failure),
                                unreachable=posting and (status == 429 or status >= 500))
        if isinstance(failure, OSError):  # Slack unreachable: refused, reset, timed out
            return self._record(message_id, error=f"unreachable: {type(failure).__name__}",
                                unreachable=posting)
        log.error("DM %s: unexpected failure", message_id, exc_info=failure)
        return self._record(message_id, error=f"unexpected: {type(failure).__name__}: {failure}")

    def _record(self, message_id: int, *, error: str, retry_after: float | None = None,
                unreachable: bool = False) -> bool:
        log.warning("DM %s not delivered: %s", message_id, error)
        with self._sessions.begin() as session:
            row = session.get_one(OutboxMessage, message_id)
            gave_up = outbox.mark_failed_attempt(row, error=error, now=self._clock(),
                                                 retry_after=retry_after)
            self._given_up = row.status == OutboxStatus.FAILED  # a later DM may go now
            if unreachable and row.status == OutboxStatus.PENDING:
                self._unreachable_until = row.next_attempt_at
            return gave_up


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
