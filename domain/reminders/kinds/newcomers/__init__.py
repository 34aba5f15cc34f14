"""Newcomers: a reminder to finish the profile, and a mentee who has asked nobody yet shown
the mentors who match them best. Both are anchored at registration."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from domain.programme import every_programme
from domain.reminders import send_nudges
from domain.reminders.kinds.newcomers.incomplete import incomplete_profile_dues, still_incomplete
from domain.reminders.kinds.newcomers.no_request import (
    MATCHED_PER_TICK,
    no_request_dues,
    still_without_request,
)

__all__ = ["MATCHED_PER_TICK", "remind_newcomers", "still_incomplete", "still_without_request"]


def remind_newcomers(session: Session, *, now: datetime,
                     matched_limit: int = MATCHED_PER_TICK) -> int:
    """Both newcomer reminders owed now, sent in one pass; returns how many DMs are owed.
    At most `matched_limit` mentees are matched with mentors in one call."""
    programmes = every_programme(session)
    dues = [*incomplete_profile_dues(session, programmes=programmes, now=now),
            *no_request_dues(session, programmes=programmes, now=now, limit=matched_limit)]
    return send_nudges(session, dues=dues, now=now)
