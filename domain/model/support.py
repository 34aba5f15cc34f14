"""Support requests: what someone asked the programme, and who answered it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from domain.base import Base, EnumString, UTCDateTime
from domain.model.states import SupportKind, SupportState


class SupportRequest(Base):
    """One request from Help's Contact support: the person may not be a member."""

    __tablename__ = "support_requests"
    __table_args__ = (
        # The rate limit counts a person's requests of the last hour.
        Index("ix_support_requests_requester", "team_id", "requester_user_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(ForeignKey("programmes.team_id"))
    requester_user_id: Mapped[str] = mapped_column(String(32))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    # A report (kind REPORT) names the member it is about; only admins ever see it.
    reported_member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(150))
    message: Mapped[str] = mapped_column(Text)
    kind: Mapped[SupportKind] = mapped_column(EnumString(SupportKind, 16),
                                              default=SupportKind.QUESTION)
    state: Mapped[SupportState] = mapped_column(EnumString(SupportState, 16),
                                                default=SupportState.OPEN)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answered_by_user_id: Mapped[str | None] = mapped_column(String(32))
    answered_by_name: Mapped[str] = mapped_column(String(120), default="")
    answer: Mapped[str | None] = mapped_column(Text)
    # Where the card went: the support channel, or None when it went to the admins by DM
    # (the outbox rows of the cards record where each was posted).
    card_channel_id: Mapped[str | None] = mapped_column(String(32))


class MemberBlock(Base):
    """A member's wish to get no more requests, questions or messages from another member."""

    __tablename__ = "member_blocks"
    __table_args__ = (
        UniqueConstraint("blocker_id", "blocked_id"),
        # Search and proposals ask "has either of these two blocked the other?".
        Index("ix_member_blocks_blocked", "blocked_id", "blocker_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(ForeignKey("programmes.team_id"))
    blocker_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    blocked_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    # The report that led to it, if any (a block may also be made without one).
    report_id: Mapped[int | None] = mapped_column(ForeignKey("support_requests.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
