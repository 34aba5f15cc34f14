"""Proposals and the relationships they become."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from domain.base import Base, EnumString, UTCDateTime
from domain.model.members import Member
from domain.model.programme import ListItem
from domain.model.states import ProposalStatus, RelationshipStatus, Stage, equals

# Partial unique indexes: the database itself refuses a second open proposal or a second
# active relationship for the same pair, whatever a double click or two servers do.
PENDING = text(equals("status", ProposalStatus.PENDING))
ACTIVE = text(equals("status", RelationshipStatus.ACTIVE))


class Proposal(Base):
    """A mentee's request to be mentored by a mentor."""

    __tablename__ = "proposals"
    __table_args__ = (
        Index("uq_proposals_open_pair", "mentee_id", "mentor_id", unique=True,
              sqlite_where=PENDING, postgresql_where=PENDING),
        Index("ix_proposals_due", "status", "expires_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    mentee_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    mentor_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    area_id: Mapped[int] = mapped_column(ForeignKey("list_items.id"))
    statement: Mapped[str] = mapped_column(Text)
    status: Mapped[ProposalStatus] = mapped_column(EnumString(ProposalStatus, 16),
                                                  default=ProposalStatus.PENDING)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answer_note: Mapped[str] = mapped_column(Text, default="")
    # Bumped on every change, so each update of the mentor's DM has its own outbox key.
    revision: Mapped[int] = mapped_column(Integer, default=0)
    # Sent by the programme's cohort matching rather than by the mentee (domain/admin/cohort).
    suggested_by_programme: Mapped[bool] = mapped_column(Boolean, default=False,
                                                         server_default=sa_false())

    mentee: Mapped[Member] = relationship(foreign_keys=[mentee_id], lazy="raise")
    mentor: Mapped[Member] = relationship(foreign_keys=[mentor_id], lazy="raise")
    area: Mapped[ListItem] = relationship(lazy="raise")


class Relationship(Base):
    """A mentor and a mentee working together, from acceptance to completion or withdrawal."""

    __tablename__ = "relationships"
    __table_args__ = (
        Index("uq_relationships_active_pair", "mentee_id", "mentor_id", unique=True,
              sqlite_where=ACTIVE, postgresql_where=ACTIVE),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    mentee_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    mentor_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    proposal_id: Mapped[int | None] = mapped_column(ForeignKey("proposals.id"), unique=True)
    status: Mapped[RelationshipStatus] = mapped_column(EnumString(RelationshipStatus, 16),
                                                      default=RelationshipStatus.ACTIVE)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ended_by_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    end_reason: Mapped[str] = mapped_column(Text, default="")
    # The road map: first_conversation -> progression -> completion (see domain.stages).
    stage: Mapped[Stage] = mapped_column(EnumString(Stage, 24), default=Stage.FIRST_CONVERSATION,
                                         server_default=Stage.FIRST_CONVERSATION.value)
    # A new journey with the same partner continues from the completed relationship.
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("relationships.id"))
    completion_requested_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    mentee: Mapped[Member] = relationship(foreign_keys=[mentee_id], lazy="raise")
    mentor: Mapped[Member] = relationship(foreign_keys=[mentor_id], lazy="raise")
    proposal: Mapped[Proposal | None] = relationship(lazy="raise",
                                                     foreign_keys=[proposal_id])
