"""The reminders the programme sent by itself, and the kinds each member has muted."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from domain.base import Base, EnumString, UTCDateTime
from domain.model.states import NudgeKind, NudgeStatus


class Nudge(Base):
    """One reminder owed to one member at one step of its schedule, recorded once.

    A schedule is an anchor (a meeting's start, a request's date, a goal's due date) plus
    offsets; `step` counts along the offsets. A moved anchor starts a fresh schedule, so a
    moved meeting is reminded of again at its new time and never at its old one."""

    __tablename__ = "nudges"
    __table_args__ = (
        UniqueConstraint("team_id", "key"),
        Index("ix_nudges_schedule", "kind", "subject_id", "member_id", "anchor_at"),
        Index("ix_nudges_member_day", "member_id", "local_day"),
        Index("ix_nudges_status", "status", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    kind: Mapped[NudgeKind] = mapped_column(EnumString(NudgeKind, 32))
    subject_id: Mapped[int] = mapped_column(Integer)
    anchor_at: Mapped[datetime] = mapped_column(UTCDateTime)
    step: Mapped[int] = mapped_column(Integer)
    # kind:subject:member:anchor:step, so that two ticks at once record it once
    key: Mapped[str] = mapped_column(String(120))
    status: Mapped[NudgeStatus] = mapped_column(EnumString(NudgeStatus, 16))
    # The recipient's own calendar day when it was recorded: the daily cap counts these.
    local_day: Mapped[str] = mapped_column(String(10))
    # What the digest says of it, when it is held over the day's cap.
    line: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class NudgeMute(Base):
    """A member's wish not to get one kind of reminder any more."""

    __tablename__ = "nudge_mutes"

    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"),
                                           primary_key=True)
    kind: Mapped[NudgeKind] = mapped_column(EnumString(NudgeKind, 32), primary_key=True)
    muted_at: Mapped[datetime] = mapped_column(UTCDateTime)
