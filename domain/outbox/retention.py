"""How long the outbox keeps its copies of DMs: 90 days after they are finished, then they go.

A row's payload copies what the DM said (names, typed text), so it is kept only as long as
the programme may still need it. What reads a finished row, and why these rows stay:

- An update in place (`replaces`) or a reply in a thread (`thread_under`) reads where its
  original went. A row a waiting one names stays until that one is out.
- Things people can still act on have their DM rewritten later: a request's card to the
  mentor while the request may still change (waiting, or withdrawn and not yet expired), an
  alert card while it is open, a support request's cards and the person's "we have your
  request" while it is open. Those originals stay while that is so.
- Dedupe keys: every other key is made once by its cause (a row's id, a revision, a meeting's
  sequence, a view or execution id, a time stamp), and reminders are kept once by the
  `nudges` ledger, so no deleted key can be owed again.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    String,
    and_,
    cast,
    delete,
    exists,
    literal,
    or_,
    select,
    tuple_,
    union,
)
from sqlalchemy.orm import Session, aliased

from domain.model import (
    AdminAlert,
    AlertState,
    OutboxKind,
    OutboxMessage,
    OutboxStatus,
    Proposal,
    ProposalStatus,
    SupportRequest,
    SupportState,
)
from domain.outbox import WAITING

RETENTION = timedelta(days=90)
# Rows deleted per statement, and statements per tick: a tick's transaction stays small,
# and a backlog (the first run on a long-lived programme) goes over a few ticks.
BATCH = 1_000
BATCHES = 5
# Sent, given up, withdrawn or put aside: whatever is no longer owed to Slack.
FINISHED = tuple(status for status in OutboxStatus if status not in WAITING)


def forget_old_messages(session: Session, *, now: datetime, batch: int = BATCH,
                        batches: int = BATCHES) -> int:
    """Delete the outbox rows finished more than RETENTION ago that nothing reads any more,
    `batch` rows a statement and at most `batches` statements; how many went."""
    forgotten = 0
    for _ in range(batches):
        gone = _forget_batch(session, now=now, batch=batch)
        forgotten += gone
        if gone < batch:
            break
    return forgotten


def _forget_batch(session: Session, *, now: datetime, batch: int) -> int:
    cutoff = now - RETENTION
    # Finished at: `sent_at` for a DM that went out. One that never did has no such column;
    # its `next_attempt_at` (its last attempt, or when it fell due) is within hours of when it
    # was given up, withdrawn or put aside (12 attempts at most, an hour apart at most). Both
    # are past the cutoff, so `ix_outbox_due` (status, next_attempt_at) finds the rows.
    old = (select(OutboxMessage.id)
           .where(OutboxMessage.status.in_(FINISHED), OutboxMessage.next_attempt_at < cutoff,
                  or_(OutboxMessage.sent_at.is_(None), OutboxMessage.sent_at < cutoff),
                  ~_still_read(now))
           .limit(batch).with_for_update(skip_locked=True))
    return int(session.execute(delete(OutboxMessage).where(OutboxMessage.id.in_(old))
                               .execution_options(synchronize_session=False)).rowcount or 0)


def _still_read(now: datetime) -> ColumnElement[bool]:
    """A finished row something may still read (see the module's docstring)."""
    row = OutboxMessage
    return or_(
        tuple_(row.team_id, row.dedupe_key).in_(_named_by_waiting_rows()),
        and_(row.kind == OutboxKind.PROPOSAL_CARD,  # domain/proposals/requests.notify_card
             row.dedupe_key.in_(select(_key("proposal:", Proposal.id, ":card")).where(or_(
                 Proposal.status == ProposalStatus.PENDING,
                 and_(Proposal.status == ProposalStatus.WITHDRAWN, Proposal.expires_at > now)))
             )),
        and_(row.kind == OutboxKind.ADMIN_ALERT,  # domain/admin/alerts/cards.card_key
             row.dedupe_key.in_(select(_key("admin_alert:", AdminAlert.id))
                                .where(AdminAlert.state == AlertState.OPEN))),
        and_(row.kind.in_([OutboxKind.SUPPORT_CARD, OutboxKind.SUPPORT_RECEIVED]),
             exists().where(  # domain/support: card_prefix and received_key
                 SupportRequest.team_id == row.team_id,
                 SupportRequest.state == SupportState.OPEN,
                 row.dedupe_key.startswith(_key("support:", SupportRequest.id, ":")))),
    )


def _named_by_waiting_rows() -> CompoundSelect:
    """(team, dedupe key) of every original a DM still owed updates or threads under."""
    waiting = aliased(OutboxMessage)
    named = [select(waiting.team_id, waiting.payload[key].as_string())
             .where(waiting.status.in_(WAITING), waiting.payload[key].as_string().is_not(None))
             for key in ("replaces", "thread_under")]
    return union(*named)


def _key(*parts: str | ColumnElement[int]) -> ColumnElement[str]:
    """A dedupe key spelt in SQL: literal text and ids, concatenated."""
    spelt = [literal(part) if isinstance(part, str) else cast(part, String) for part in parts]
    key = spelt[0]
    for part in spelt[1:]:
        key = key + part
    return key
