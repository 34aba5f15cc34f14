"""The outbox: DMs owed, written with their cause, delivered once, retried with backoff."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from domain.base import insert_ignoring_duplicates, insert_many_ignoring_duplicates
from domain.model import HomeRefresh, OutboxKind, OutboxMessage, OutboxStatus

# A claimed message is someone's to send for this long; after that a tick may take it again.
CLAIM_LEASE = timedelta(minutes=2)
MAX_ATTEMPTS = 12
MAX_BACKOFF = timedelta(hours=1)
# Set on a session that wrote to the outbox, so the unit of work knows to wake the sender.
PENDING_FLAG = "outbox_pending"

# Recorded on a row whose kind this version does not know (say, written before a kind was removed).
UNKNOWN_KIND = "unknown_kind"
# Slack errors that no retry will cure: the person left, or cannot receive DMs from the app.
PERMANENT_ERRORS = frozenset(
    {
        "user_not_found",
        "user_disabled",
        "account_inactive",
        "cannot_dm_bot",
        "channel_not_found",
        "is_archived",
        "user_is_bot",
        "messages_tab_disabled",
        "invalid_blocks",
        "msg_too_long",
        "no_text",
        UNKNOWN_KIND,
    }
)


def enqueue(
    session: Session,
    *,
    team_id: str,
    recipient: str,
    kind: OutboxKind,
    dedupe_key: str,
    payload: dict[str, Any],
    now: datetime,
) -> bool:
    """Owe `recipient` a DM of `kind`; a second call with the same dedupe key adds nothing."""
    kind = OutboxKind(kind)  # a typo fails here, in the cause's transaction, not in the sender
    session.info[PENDING_FLAG] = True
    return insert_ignoring_duplicates(
        session,
        model=OutboxMessage,
        values={
            "team_id": team_id,
            "dedupe_key": dedupe_key[:200],
            "recipient_user_id": recipient,
            "kind": kind,
            "payload": payload,
            "status": OutboxStatus.PENDING,
            "attempts": 0,
            "next_attempt_at": now,
            "created_at": now,
        },
    )


def enqueue_many(session: Session, *, rows: Sequence[dict[str, Any]], now: datetime) -> int:
    """Owe many DMs at once (each a dict of `enqueue`'s arguments but the session and the
    clock); rows whose dedupe key is taken add nothing. Returns how many were added."""
    if not rows:
        return 0
    session.info[PENDING_FLAG] = True
    values = [{"team_id": row["team_id"], "dedupe_key": row["dedupe_key"][:200],
               "recipient_user_id": row["recipient"], "kind": OutboxKind(row["kind"]),
               "payload": row["payload"], "status": OutboxStatus.PENDING, "attempts": 0,
               "next_attempt_at": now, "created_at": now} for row in rows]
    return len(insert_many_ignoring_duplicates(session, model=OutboxMessage, rows=values,
                                               returning=OutboxMessage.id))


def replaced_by(session: Session, *, update: OutboxMessage) -> OutboxMessage | None:
    """The DM an update rewrites in place, once it has been sent (None until then)."""
    original = session.scalars(select(OutboxMessage).where(
        OutboxMessage.team_id == update.team_id,
        OutboxMessage.dedupe_key == update.payload.get("replaces"))).one_or_none()
    if original is not None and original.status == OutboxStatus.FAILED:
        update.status = OutboxStatus.FAILED
        update.last_error = "the message it updates was never sent"
        return None
    return original if original is not None and original.status == OutboxStatus.SENT else None


def claim_due(session: Session, *, now: datetime, limit: int = 50) -> Sequence[OutboxMessage]:
    """Take up to `limit` due messages for sending; concurrent senders never take the same one."""
    query = (
        select(OutboxMessage)
        .where(
            or_(OutboxMessage.status == OutboxStatus.PENDING,
                OutboxMessage.status == OutboxStatus.SENDING),
            OutboxMessage.next_attempt_at <= now,
        )
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    messages = session.scalars(query).all()
    for message in messages:
        if message.attempts >= MAX_ATTEMPTS:
            # Claimed that often without an answer recorded: something breaks before Slack is asked.
            _give_up(message, error="gave up after repeated attempts", now=now)
            continue
        message.status = OutboxStatus.SENDING
        message.attempts += 1
        message.next_attempt_at = now + CLAIM_LEASE
    return [m for m in messages if m.status == OutboxStatus.SENDING]


def is_posted(message: OutboxMessage) -> bool:
    """Slack has the DM itself; only follow-up steps may still be owed."""
    return bool(message.channel_id and message.message_ts)


def mark_posted(message: OutboxMessage, *, channel_id: str, message_ts: str) -> None:
    """Slack accepted the post: remember where, so that no retry posts it again."""
    message.channel_id = channel_id
    message.message_ts = message_ts


def mark_step_done(message: OutboxMessage, step: str) -> None:
    """A follow-up step under the DM succeeded, so that no retry repeats it."""
    message.steps_done = [*(message.steps_done or []), step]  # a new list: JSON is not tracked


def mark_sent(message: OutboxMessage, *, channel_id: str, message_ts: str, now: datetime) -> None:
    """Slack accepted the DM."""
    message.status = OutboxStatus.SENT
    message.sent_at = now
    message.channel_id = channel_id
    message.message_ts = message_ts
    message.last_error = None


def mark_failed_attempt(
    message: OutboxMessage, *, error: str, now: datetime, retry_after: float | None = None
) -> bool:
    """Slack refused or was unreachable: try again later, or give up for good (True)."""
    if message.status == OutboxStatus.FAILED:  # already given up (its original was never sent)
        return False
    if error in PERMANENT_ERRORS or message.attempts >= MAX_ATTEMPTS:
        _give_up(message, error=error, now=now)
        return True
    message.last_error = error[:200]
    message.status = OutboxStatus.PENDING
    message.next_attempt_at = now + retry_delay(message.attempts, retry_after)
    return False


def _give_up(message: OutboxMessage, *, error: str, now: datetime) -> None:
    """No more attempts: a DM that is out counts as sent, with the step that failed on record."""
    message.last_error = error[:200]
    if is_posted(message):  # updates of it may still go out; only a follow-up step is lost
        message.status = OutboxStatus.SENT
        message.sent_at = now
    else:
        message.status = OutboxStatus.FAILED


def retry_delay(attempts: int, retry_after: float | None = None) -> timedelta:
    """Slack's Retry-After when it gave one, else exponential backoff from 5 s up to an hour."""
    if retry_after is not None:
        return timedelta(seconds=max(retry_after, 1))
    return min(timedelta(seconds=5 * 2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def take_home_refreshes(session: Session, *, limit: int = 50) -> list[tuple[str, str]]:
    """Remove and return up to `limit` waiting Home refreshes as (team, user)."""
    rows = session.scalars(
        select(HomeRefresh).order_by(HomeRefresh.requested_at).limit(limit)
        .with_for_update(skip_locked=True)).all()
    taken = [(row.team_id, row.user_id) for row in rows]
    for row in rows:
        session.delete(row)
    return taken
