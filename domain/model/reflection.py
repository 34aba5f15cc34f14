"""Goals and reflection: SWOT and G-STAR worksheets, SMART goals with milestones, the diary."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from domain.base import Base, EnumString, JSONDocument, UTCDateTime
from domain.model.journey import Relationship
from domain.model.members import Member
from domain.model.states import GoalStatus, MilestoneKind, WorksheetKind, one_of


class Worksheet(Base):
    """One author's SWOT or G-STAR worksheet for one relationship; the partner may read it."""

    __tablename__ = "worksheets"
    __table_args__ = (
        UniqueConstraint("relationship_id", "author_id", "kind"),
        CheckConstraint(one_of("kind", WorksheetKind), name="kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    relationship_id: Mapped[int] = mapped_column(ForeignKey("relationships.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    kind: Mapped[WorksheetKind] = mapped_column(EnumString(WorksheetKind, 8))
    # Section name -> text, e.g. {"strengths": "...", "weaknesses": "..."}.
    sections: Mapped[dict[str, Any]] = mapped_column(JSONDocument, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    author: Mapped[Member] = relationship(lazy="raise")


class Goal(Base):
    """A SMART goal its author set within a relationship; the partner may read it."""

    __tablename__ = "goals"
    __table_args__ = (CheckConstraint(one_of("status", GoalStatus), name="status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    relationship_id: Mapped[int] = mapped_column(ForeignKey("relationships.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    label: Mapped[str] = mapped_column(String(120))
    details: Mapped[str] = mapped_column(Text, default="")
    due_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[GoalStatus] = mapped_column(EnumString(GoalStatus, 16),
                                              default=GoalStatus.OPEN)
    outcome_note: Mapped[str] = mapped_column(Text, default="")
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    author: Mapped[Member] = relationship(lazy="raise")
    pair: Mapped[Relationship] = relationship(lazy="raise")
    milestones: Mapped[list[GoalMilestone]] = relationship(
        back_populates="goal", cascade="all, delete-orphan", lazy="raise",
        order_by="(GoalMilestone.happened_on, GoalMilestone.id)")


class GoalMilestone(Base):
    """A dated milestone, review or outcome recorded against a goal."""

    __tablename__ = "goal_milestones"
    __table_args__ = (
        CheckConstraint(one_of("kind", MilestoneKind), name="kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goals.id", ondelete="CASCADE"), index=True)
    kind: Mapped[MilestoneKind] = mapped_column(EnumString(MilestoneKind, 16))
    text: Mapped[str] = mapped_column(Text)
    happened_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    goal: Mapped[Goal] = relationship(back_populates="milestones", lazy="raise")


diary_entry_themes = Table(
    "diary_entry_themes",
    Base.metadata,
    Column("entry_id", ForeignKey("diary_entries.id", ondelete="CASCADE"), primary_key=True),
    Column("theme", String(75), primary_key=True),
)


class DiaryEntry(Base):
    """A private learning-diary entry: only its author ever reads it."""

    __tablename__ = "diary_entries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    title: Mapped[str] = mapped_column(String(120))
    reflection: Mapped[str] = mapped_column(Text, default="")
    entry_date: Mapped[date] = mapped_column(Date)
    relationship_id: Mapped[int | None] = mapped_column(
        ForeignKey("relationships.id", ondelete="SET NULL"))
    goal_id: Mapped[int | None] = mapped_column(ForeignKey("goals.id", ondelete="SET NULL"))
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="SET NULL"))
    source_permalink: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
