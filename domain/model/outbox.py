"""Messages the programme owes people, and Home tabs waiting to be re-published."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Index, Integer, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from domain.base import Base, EnumString, JSONDocument, UTCDateTime
from domain.model.states import OutboxStatus

# Rows whose DM is not out yet: a later DM to the same person waits behind them
# (domain/outbox.claim_due), and this index answers "is there an older one?" cheaply.
UNDELIVERED = text("status IN ('pending', 'sending') AND message_ts IS NULL")


class OutboxMessage(Base):
    """A direct message the programme owes someone, written in the same transaction as its cause."""

    __tablename__ = "outbox"
    __table_args__ = (
        UniqueConstraint("team_id", "dedupe_key"),
        Index("ix_outbox_due", "status", "next_attempt_at"),
        Index("ix_outbox_undelivered_recipient", "team_id", "recipient_user_id", "id",
              sqlite_where=UNDELIVERED, postgresql_where=UNDELIVERED),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    dedupe_key: Mapped[str] = mapped_column(String(200))
    recipient_user_id: Mapped[str] = mapped_column(String(32))
    # Plain text, not OutboxKind: a row may outlive its kind, and the sender must be able to
    # read it to give up on it (bot/outbox.py) rather than fail the whole pass.
    kind: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict[str, Any]] = mapped_column(JSONDocument, default=dict)
    status: Mapped[OutboxStatus] = mapped_column(EnumString(OutboxStatus, 16),
                                                default=OutboxStatus.PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    channel_id: Mapped[str | None] = mapped_column(String(32))
    message_ts: Mapped[str | None] = mapped_column(String(32))
    # Follow-up steps under the DM (an attachment, a PDF) already done: the DM being out
    # (channel_id and message_ts set) and a step being done are each recorded as they happen,
    # so a retry repeats neither.
    steps_done: Mapped[list[str] | None] = mapped_column(JSONDocument)


class HomeRefresh(Base):
    """A person whose Home tab shows something that changed; the sender re-publishes it."""

    __tablename__ = "home_refreshes"

    team_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime)
