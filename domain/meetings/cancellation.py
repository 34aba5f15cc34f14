"""Calling meetings off: one at a time, or every one still ahead when a relationship ends."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.loading import MEETING_APART
from domain.meetings.notices import tell, who_knows
from domain.model import Meeting, MeetingStatus, Member, OutboxKind, Relationship


def call_off(session: Session, *, meeting: Meeting, told: Iterable[Member], now: datetime,
             **why: Any) -> None:
    """Cancel a meeting still ahead; each of `told` gets the DM and the cancelling .ics."""
    meeting.status = MeetingStatus.CANCELLED
    # A calendar app drops its copy of the event only for a higher SEQUENCE of the same UID.
    meeting.sequence += 1
    meeting.updated_at = now
    for whom in told:
        tell(session, meeting=meeting, kind=OutboxKind.MEETING_CANCELLED, whom=whom, now=now, **why)


def cancel_meetings_ahead(session: Session, *, relationship: Relationship, now: datetime) -> int:
    """Call off the ended pair's meetings still to start, telling who knew; returns how many.

    Meetings under way or held stay as they are, with their notes."""
    ahead = session.scalars(
        select(Meeting).where(Meeting.relationship_id == relationship.id,
                              Meeting.status == MeetingStatus.SCHEDULED, Meeting.starts_at > now)
        .order_by(Meeting.starts_at, Meeting.id).with_for_update()
        .options(*MEETING_APART)).all()
    for meeting in ahead:
        call_off(session, meeting=meeting, told=who_knows(meeting), now=now,
                 ended=relationship.status)
    return len(ahead)
