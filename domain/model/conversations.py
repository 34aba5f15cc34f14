"""Conversations between two members: questions before a proposal, messages after."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from domain.base import Base, JSONDocument, UTCDateTime
from domain.model.members import Member


class Conversation(Base):
    """The one thread two members share; its pair is stored lowest id first."""

    __tablename__ = "conversations"
    __table_args__ = (
        UniqueConstraint("first_member_id", "second_member_id"),
        CheckConstraint("first_member_id < second_member_id", name="ordered_pair"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    first_member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    second_member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_message_at: Mapped[datetime] = mapped_column(UTCDateTime)

    first_member: Mapped[Member] = relationship(foreign_keys=[first_member_id], lazy="raise")
    second_member: Mapped[Member] = relationship(foreign_keys=[second_member_id], lazy="raise")


class ConversationMessage(Base):
    """One message of a conversation, with the files attached to it."""

    __tablename__ = "conversation_messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    body: Mapped[str] = mapped_column(Text)
    files: Mapped[list[dict[str, Any]]] = mapped_column(JSONDocument, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    author: Mapped[Member] = relationship(lazy="raise")
