"""Working hours: when a non-urgent nudge may reach a person, in their own time zone."""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from domain.programme import ProgrammeSnapshot

SATURDAY = 5


@lru_cache(maxsize=512)
def zone(name: str) -> ZoneInfo:
    """The named time zone; Slack's tz of someone we know nothing about is taken as UTC."""
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def local_time(now: datetime, tz: str) -> datetime:
    """The moment `now` on the person's own clock."""
    return now.astimezone(zone(tz))


def is_working_time(local: datetime, programme: ProgrammeSnapshot) -> bool:
    """Outside the programme's quiet hours (20:00-08:00 by default) and, unless the programme
    allows them, not on a Saturday or Sunday."""
    if programme.quiet_weekends and local.weekday() >= SATURDAY:
        return False
    start, end = programme.quiet_hours_start, programme.quiet_hours_end
    if start == end:  # no quiet hours at all
        return True
    quiet = (local.hour >= start or local.hour < end) if start > end else start <= local.hour < end
    return not quiet


def next_working_time(now: datetime, tz: str, programme: ProgrammeSnapshot) -> datetime:
    """The first moment from `now` (UTC) that is working time where the person lives."""
    local = local_time(now, tz).replace(second=0, microsecond=0)
    if is_working_time(local, programme):
        return now
    for _ in range(24 * 8):  # a week and a day of whole hours always reaches a working one
        local = (local + timedelta(hours=1)).replace(minute=0)
        if is_working_time(local, programme):
            return local.astimezone(now.tzinfo)
    return now
