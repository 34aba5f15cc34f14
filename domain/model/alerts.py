"""Alert cards in the programme's admin channel, each acted on once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from domain.base import Base, EnumString, UTCDateTime
from domain.model.states import AlertKind, AlertState


class AdminAlert(Base):
    """One card posted to the admin channel: what happened, about whom, and who acted on it."""

    __tablename__ = "admin_alerts"
    __table_args__ = (
        # One card per cause: an expired request, a quiet spell, a support request.
        UniqueConstraint("team_id", "dedupe_key"),
        Index("ix_admin_alerts_relationship", "relationship_id", "kind", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(ForeignKey("programmes.team_id"), index=True)
    kind: Mapped[AlertKind] = mapped_column(EnumString(AlertKind, 24))
    state: Mapped[AlertState] = mapped_column(EnumString(AlertState, 16),
                                              default=AlertState.OPEN)
    dedupe_key: Mapped[str] = mapped_column(String(120))
    mentee_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    mentor_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    proposal_id: Mapped[int | None] = mapped_column(ForeignKey("proposals.id"))
    relationship_id: Mapped[int | None] = mapped_column(ForeignKey("relationships.id"))
    # For a support request: who asked (they may not be a member) and what about.
    requester_user_id: Mapped[str | None] = mapped_column(String(32))
    summary: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    handled_by_user_id: Mapped[str | None] = mapped_column(String(32))
    handled_by_name: Mapped[str] = mapped_column(String(120), default="")
    handled_action: Mapped[str | None] = mapped_column(String(24))
    handled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
