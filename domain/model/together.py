"""What a matched pair does together: meetings, journey stages and feedback."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from domain.base import Base, EnumString, UTCDateTime
from domain.model.journey import Relationship
from domain.model.members import Member
from domain.model.states import MeetingStatus, Stage, equals

SCHEDULED = text(equals("status", MeetingStatus.SCHEDULED))


class Meeting(Base):
    """A meeting of the pair, with its time in UTC and its notes afterwards."""

    __tablename__ = "meetings"
    __table_args__ = (
        Index("ix_meetings_relationship_start", "relationship_id", "starts_at"),
        Index("ix_meetings_due", "status", "starts_at"),
        CheckConstraint("duration_minutes BETWEEN 5 AND 1440", name="duration_range"),
        # The same person arranging the same meeting twice (a double submit) makes one.
        Index("uq_meetings_same_slot", "relationship_id", "created_by_id", "starts_at", "title",
              unique=True, sqlite_where=SCHEDULED, postgresql_where=SCHEDULED),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    relationship_id: Mapped[int] = mapped_column(ForeignKey("relationships.id"))
    created_by_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    uid: Mapped[str] = mapped_column(String(100), unique=True)
    title: Mapped[str] = mapped_column(String(120))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    duration_minutes: Mapped[int] = mapped_column(Integer)
    location: Mapped[str] = mapped_column(String(200), default="")
    details: Mapped[str] = mapped_column(Text, default="")
    video_url: Mapped[str | None] = mapped_column(String(500))
    share_with_partner: Mapped[bool] = mapped_column(Boolean, default=True)
    status: Mapped[MeetingStatus] = mapped_column(EnumString(MeetingStatus, 16),
                                                 default=MeetingStatus.SCHEDULED)
    # Calendar apps replace an event when its SEQUENCE grows (edit) or METHOD is CANCEL.
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    notes: Mapped[str] = mapped_column(Text, default="")
    notes_updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    pair: Mapped[Relationship] = relationship(lazy="raise")
    created_by: Mapped[Member] = relationship(lazy="raise")


class StageCompletion(Base):
    """A stage of the road map that a pair marked complete (once per stage)."""

    __tablename__ = "stage_completions"
    __table_args__ = (UniqueConstraint("relationship_id", "stage"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    relationship_id: Mapped[int] = mapped_column(
        ForeignKey("relationships.id", ondelete="CASCADE"), index=True)
    stage: Mapped[Stage] = mapped_column(EnumString(Stage, 24))
    completed_by_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    completed_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Feedback(Base):
    """One side's answers to the feedback survey of one relationship (once each)."""

    __tablename__ = "feedback"
    __table_args__ = (
        UniqueConstraint("relationship_id", "author_id"),
        CheckConstraint("rating BETWEEN 1 AND 5", name="rating_range"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    relationship_id: Mapped[int] = mapped_column(ForeignKey("relationships.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    rating: Mapped[int] = mapped_column(Integer)
    goals_met: Mapped[str] = mapped_column(String(16))
    would_recommend: Mapped[bool] = mapped_column(Boolean)
    what_worked: Mapped[str] = mapped_column(Text, default="")
    could_be_better: Mapped[str] = mapped_column(Text, default="")
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime)
