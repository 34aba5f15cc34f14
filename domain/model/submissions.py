"""View submissions already acted on, so a double send makes one row, not two."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from domain.base import Base, UTCDateTime


class Submission(Base):
    """One view submission that created a row: which kind of row, and its id."""

    __tablename__ = "submissions"
    __table_args__ = (UniqueConstraint("team_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    # The view id and hash Slack sent; the same for every copy of one submission.
    key: Mapped[str] = mapped_column(String(200))
    # The table of the row made, so a repeat is answered with that row.
    kind: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
