"""Whole-cohort matching: a run of suggested pairs the admins review, then publish once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Float, ForeignKey, Index, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from domain.base import Base, EnumString, JSONDocument, UTCDateTime
from domain.model.members import Member
from domain.model.states import CohortOutcome, CohortRunStatus, equals

DRAFT = text(equals("status", CohortRunStatus.DRAFT))


class CohortRun(Base):
    """One Suggest matches: who ran it, what it considered, and whether it was published."""

    __tablename__ = "cohort_runs"
    __table_args__ = (
        # One run under review per workspace: a second Suggest replaces it.
        Index("uq_cohort_runs_draft", "team_id", unique=True,
              sqlite_where=DRAFT, postgresql_where=DRAFT),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(ForeignKey("programmes.team_id"), index=True)
    status: Mapped[CohortRunStatus] = mapped_column(EnumString(CohortRunStatus, 16),
                                                   default=CohortRunStatus.DRAFT)
    created_by: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    mentees_considered: Mapped[int] = mapped_column(Integer, default=0)
    mentors_considered: Mapped[int] = mapped_column(Integer, default=0)
    published_by: Mapped[str | None] = mapped_column(String(32))
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # What publishing did: {outcome: count}, kept so a second Publish can say it again.
    outcomes: Mapped[dict[str, int] | None] = mapped_column(JSONDocument, nullable=True)


class CohortSuggestion(Base):
    """One suggested pair of a run, with how well they fit, in the order the review shows."""

    __tablename__ = "cohort_suggestions"
    __table_args__ = (Index("ix_cohort_suggestions_run_position", "run_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("cohort_runs.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    mentee_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    mentor_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    score: Mapped[float] = mapped_column(Float)
    areas_met: Mapped[int] = mapped_column(Integer)
    areas_asked: Mapped[int] = mapped_column(Integer)
    role_met: Mapped[bool] = mapped_column(Boolean)
    community_met: Mapped[bool] = mapped_column(Boolean)
    removed: Mapped[bool] = mapped_column(Boolean, default=False)
    outcome: Mapped[CohortOutcome | None] = mapped_column(EnumString(CohortOutcome, 24))
    proposal_id: Mapped[int | None] = mapped_column(ForeignKey("proposals.id"))

    mentee: Mapped[Member] = relationship(foreign_keys=[mentee_id], lazy="raise")
    mentor: Mapped[Member] = relationship(foreign_keys=[mentor_id], lazy="raise")
