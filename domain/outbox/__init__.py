"""The outbox: DMs owed, written with their cause, delivered once, retried with backoff."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, literal_column, select, update
from sqlalchemy.orm import Session, aliased

from domain.base import insert_ignoring_duplicates, insert_many_ignoring_duplicates
from domain.model import HomeRefresh, OutboxKind, OutboxMessage, OutboxStatus, Programme

# A claimed message is someone's to send for this long; after that a tick may take it again.
CLAIM_LEASE = timedelta(minutes=2)
MAX_ATTEMPTS = 12
MAX_BACKOFF = timedelta(hours=1)
# Set on a session that wrote to the outbox, so the unit of work knows to wake the sender.
PENDING_FLAG = "outbox_pending"
# Rows still owed to Slack (a row being sent keeps its place until it is out or given up).
WAITING = (OutboxStatus.PENDING, OutboxStatus.SENDING)

# A payload key holding what the row is to keep once Slack has the DM (or it is given up):
# erasure (domain/personal_data/erasure.py) lets DMs still owed go out as written, then
# nothing of the erased person stays behind in the row.
KEPT_AFTER_SENT = "kept_after_sent"

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


@dataclass(frozen=True)
class OwedDM:
    """One DM for `enqueue_many`: what `enqueue` takes, as a value."""

    team_id: str
    recipient: str
    kind: OutboxKind
    dedupe_key: str
    payload: dict[str, Any]


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
    return enqueue_many(session, rows=[OwedDM(team_id, recipient, kind, dedupe_key, payload)],
                        now=now) == 1


def enqueue_many(session: Session, *, rows: Sequence[OwedDM], now: datetime) -> int:
    """Owe many DMs in one statement (a tick's reminders); a row whose dedupe key is already
    owed adds nothing. How many were added."""
    if not rows:
        return 0
    values = [_row(dm, now) for dm in rows]  # a typo'd kind fails here, in the cause's transaction
    session.info[PENDING_FLAG] = True
    if len(values) == 1:
        return int(insert_ignoring_duplicates(session, model=OutboxMessage, values=values[0]))
    return len(insert_many_ignoring_duplicates(session, model=OutboxMessage, rows=values,
                                               returning=OutboxMessage.id))


def _row(dm: OwedDM, now: datetime) -> dict[str, Any]:
    return {"team_id": dm.team_id, "dedupe_key": dm.dedupe_key[:200],
            "recipient_user_id": dm.recipient, "kind": OutboxKind(dm.kind),
            "payload": dm.payload, "status": OutboxStatus.PENDING, "attempts": 0,
            "next_attempt_at": now, "created_at": now}


def replaced_by(session: Session, *, update: OutboxMessage) -> OutboxMessage | None:
    """The DM an update rewrites in place, once it has been sent (None until then, and for
    good, the update given up, when it never will be)."""
    original = session.scalars(select(OutboxMessage).where(
        OutboxMessage.team_id == update.team_id,
        OutboxMessage.dedupe_key == update.payload.get("replaces"))).one_or_none()
    if original is None or original.status == OutboxStatus.FAILED:
        # Never sent, or its copy is no longer kept (outbox/retention.py keeps the originals
        # that can still be updated): waiting would not bring it back.
        update.status = OutboxStatus.FAILED
        update.last_error = ("the message it updates was never sent" if original
                             else "the message it updates is no longer kept")
        return None
    return original if original.status == OutboxStatus.SENT else None


def thread_parent(session: Session, *, message: OutboxMessage) -> tuple[str, str] | None:
    """Where a DM that threads under an earlier one (payload `thread_under`, its dedupe key)
    goes: that DM's channel and ts once it is out, None until then, and ("", "") when it will
    never be out (the reply then goes as a DM of its own rather than not at all)."""
    parent = session.scalars(select(OutboxMessage).where(
        OutboxMessage.team_id == message.team_id,
        OutboxMessage.dedupe_key == message.payload.get("thread_under"))).one_or_none()
    if parent is None or parent.status == OutboxStatus.FAILED:
        return "", ""
    if parent.status != OutboxStatus.SENT or not (parent.channel_id and parent.message_ts):
        return None
    return parent.channel_id, parent.message_ts


def claim_due(session: Session, *, now: datetime, limit: int = 50) -> list[OutboxMessage]:
    """Take up to `limit` due messages for sending, oldest first for each recipient; concurrent
    senders never take the same one, and a DM never overtakes an older one to the same person.

    First the heads: due rows with no older undelivered row for their recipient. Then, under
    the heads' locks, the due rows queued behind them, so one sender sends a person's DMs in
    order; nobody else can claim those, as each has an older undelivered row."""
    found = session.execute(
        select(OutboxMessage, Programme.sending_stopped_at)
        .outerjoin(Programme, Programme.team_id == OutboxMessage.team_id)
        .where(_due(OutboxMessage, now), ~_older_undelivered(OutboxMessage))
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id).limit(limit)
        .with_for_update(skip_locked=True, of=OutboxMessage)).all()
    heads = [message for message, _ in found]
    # The workspace uninstalled the app: what it is owed is put aside, never retried.
    stopped = {message.team_id for message, stopped_at in found if stopped_at is not None}
    messages = sorted([*heads, *_queued_behind(session, heads, now, limit - len(heads))],
                      key=lambda message: message.id)
    for message in messages:
        if message.team_id in stopped:
            mark_stopped(message)
            continue
        if message.attempts >= MAX_ATTEMPTS:
            # Claimed that often without an answer recorded: something breaks before Slack is asked.
            _give_up(message, error="gave up after repeated attempts", now=now)
            continue
        message.status = OutboxStatus.SENDING
        message.attempts += 1
        message.next_attempt_at = now + CLAIM_LEASE
    return [m for m in messages if m.status == OutboxStatus.SENDING]


def _due(row: type[OutboxMessage], now: datetime) -> ColumnElement[bool]:
    return and_(row.status.in_(WAITING), row.next_attempt_at <= now)


def _undelivered(row: type[OutboxMessage]) -> ColumnElement[bool]:
    """Not out yet. Spelt with literals, as the partial index's condition is, so that both
    databases can use that index (ix_outbox_undelivered_recipient) for it."""
    waiting = [literal_column(f"'{status.value}'") for status in WAITING]
    return and_(row.status.in_(waiting), row.message_ts.is_(None))


def _older_undelivered(row: type[OutboxMessage]) -> ColumnElement[bool]:
    """An older DM to the same person is not out yet (and has not been given up)."""
    older = aliased(OutboxMessage)
    return exists().where(older.team_id == row.team_id,
                          older.recipient_user_id == row.recipient_user_id,
                          older.id < row.id, _undelivered(older))


def _queued_behind(session: Session, heads: Sequence[OutboxMessage], now: datetime,
                   room: int) -> list[OutboxMessage]:
    """The undelivered rows after each head for its recipient, up to the first not yet due
    (which must go first), locked for this claim; at most `room` of them."""
    if not heads or room <= 0:
        return []
    head = aliased(OutboxMessage)
    behind = session.scalars(
        select(OutboxMessage).join(head, and_(
            head.team_id == OutboxMessage.team_id,
            head.recipient_user_id == OutboxMessage.recipient_user_id,
            OutboxMessage.id > head.id))
        .where(head.id.in_([h.id for h in heads]), _undelivered(OutboxMessage))
        .order_by(OutboxMessage.id).limit(room).with_for_update(of=OutboxMessage)).all()
    taken, stopped = [], set()
    for message in behind:
        person = (message.team_id, message.recipient_user_id)
        if person in stopped or message.next_attempt_at > now:
            stopped.add(person)
            continue
        taken.append(message)
    return taken


def release(session: Session, *, message_ids: Sequence[int], retry_at: datetime) -> None:
    """Hand claimed messages back untried (their attempt not counted), due again at `retry_at`:
    an older DM to the same person is still owed, or Slack cannot be reached just now."""
    if not message_ids:
        return
    session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(message_ids), OutboxMessage.status == OutboxStatus.SENDING)
        .values(status=OutboxStatus.PENDING, attempts=OutboxMessage.attempts - 1,
                next_attempt_at=retry_at)
        .execution_options(synchronize_session=False))


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
    _forget_what_was_erased(message)


def _forget_what_was_erased(message: OutboxMessage) -> None:
    """Once a DM is out or given up, a payload that erasure marked keeps only its scrubbed copy."""
    if isinstance(message.payload, dict) and KEPT_AFTER_SENT in message.payload:
        message.payload = message.payload[KEPT_AFTER_SENT]


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
    _forget_what_was_erased(message)


def retry_delay(attempts: int, retry_after: float | None = None) -> timedelta:
    """Slack's Retry-After when it gave one, else exponential backoff from 5 s up to an hour."""
    if retry_after is not None:
        return timedelta(seconds=max(retry_after, 1))
    return min(timedelta(seconds=5 * 2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def take_home_refreshes(session: Session, *, limit: int = 50) -> list[tuple[str, str]]:
    """Remove and return up to `limit` waiting Home refreshes as (team, user); those of a
    workspace that uninstalled the app are removed and not returned."""
    found = session.execute(
        select(HomeRefresh, Programme.sending_stopped_at)
        .outerjoin(Programme, Programme.team_id == HomeRefresh.team_id)
        .order_by(HomeRefresh.requested_at).limit(limit)
        .with_for_update(skip_locked=True, of=HomeRefresh)).all()
    for row, _ in found:
        session.delete(row)
    return [(row.team_id, row.user_id) for row, stopped_at in found if stopped_at is None]


STOPPED_ERROR = "the app was uninstalled from the workspace"


def mark_stopped(message: OutboxMessage) -> None:
    """Put a DM aside for good: its workspace no longer has the app."""
    message.status = OutboxStatus.STOPPED
    message.last_error = STOPPED_ERROR
