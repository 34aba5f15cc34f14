"""The meeting form's rules: what a person may type, read in their own time zone, kept in UTC."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from domain.errors import InvalidInput
from domain.members import valid_tz
from domain.model import Meeting
from domain.text import check_text

# Minutes a meeting may last: the choices the form offers, and the only ones accepted.
DURATIONS = (15, 30, 45, 60, 90, 120, 180, 240, 360, 480)
DEFAULT_DURATION = 60
MAX_TITLE = 120
MAX_LOCATION = 200
MAX_DETAILS = 2000
MAX_AHEAD = timedelta(days=2 * 365)


@dataclass(frozen=True)
class MeetingAnswers:
    """The meeting form as typed: a local date and time in the typist's own time zone."""

    day: date | None
    start: time | None
    duration: int | None
    title: str
    location: str = ""
    details: str = ""
    share: bool = True
    video: bool = False


@dataclass(frozen=True)
class CheckedMeeting:
    """Answers that passed every rule, with the start as a UTC instant."""

    starts_at: datetime
    duration: int
    title: str
    location: str
    details: str


def ends_at(meeting: Meeting) -> datetime:
    """When the meeting ends."""
    return meeting.starts_at + timedelta(minutes=meeting.duration_minutes)


def zone_of(tz: str | None) -> ZoneInfo:
    """A member's Slack time zone (UTC when unknown)."""
    return ZoneInfo(valid_tz(tz))


def duration_label(minutes: int) -> str:
    """'45 minutes', '1 hour', '1 h 30 min', '3 hours'."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} minutes"
    whole = f"{hours} hour{'s' if hours != 1 else ''}"
    return whole if not rest else f"{hours} h {rest} min"


def local_instant(day: date, start: time, zone: ZoneInfo) -> datetime | None:
    """The UTC instant of a local date and time; None when the clocks skip that time."""
    local = datetime.combine(day, start.replace(second=0, microsecond=0), tzinfo=zone)
    instant = local.astimezone(UTC)
    back = instant.astimezone(zone)
    return instant if (back.date(), back.time()) == (local.date(), local.time()) else None


def _check_when(errors: dict[str, str], answers: MeetingAnswers, zone: ZoneInfo,
                now: datetime) -> datetime | None:
    if answers.day is None:
        errors["date"] = "Please choose the date of the meeting."
    if answers.start is None:
        errors["time"] = "Please choose the time the meeting starts."
    if answers.day is None or answers.start is None:
        return None
    today = now.astimezone(zone).date()
    if answers.day > today + MAX_AHEAD:
        # checked before any arithmetic: a date near 9999-12-31 overflows datetime
        errors["date"] = "Please choose a date within the next two years."
        return None
    starts_at = local_instant(answers.day, answers.start, zone)
    if starts_at is None:
        errors["time"] = (f"{answers.start:%H:%M} doesn't exist on that day in {zone.key} "
                          "(the clocks change); please choose another time.")
    elif answers.day < today:
        errors["date"] = "That date has passed; please choose a date in the future."
    elif starts_at <= now:
        errors["time"] = "That time has passed; please choose a time in the future."
    elif starts_at > now + MAX_AHEAD:
        errors["date"] = "Please choose a date within the next two years."
    return starts_at


def _check_duration(errors: dict[str, str], answers: MeetingAnswers, zone: ZoneInfo,
                    starts_at: datetime | None) -> int:
    duration = answers.duration or 0
    if duration <= 0:
        errors["duration"] = "Please choose how long the meeting lasts."
    elif duration not in DURATIONS:
        errors["duration"] = "Please choose one of the durations offered."
    elif starts_at is not None and answers.day is not None:
        midnight = datetime.combine(answers.day + timedelta(days=1), time(), tzinfo=zone)
        if starts_at + timedelta(minutes=duration) > midnight.astimezone(UTC):
            errors["duration"] = ("The meeting would end after midnight; please choose an "
                                  "earlier start or a shorter meeting.")
    return duration


def check_answers(answers: MeetingAnswers, tz: str | None, now: datetime) -> CheckedMeeting:
    """The answers checked and read in the typist's time zone; InvalidInput names each problem."""
    errors: dict[str, str] = {}
    zone = zone_of(tz)
    starts_at = _check_when(errors, answers, zone, now)
    duration = _check_duration(errors, answers, zone, starts_at)
    title = check_text(errors, "title", answers.title, label="meeting title",
                       max_length=MAX_TITLE)
    location = check_text(errors, "location", answers.location, label="method or location",
                          max_length=MAX_LOCATION, required=False)
    details = check_text(errors, "details", answers.details, label="details",
                         max_length=MAX_DETAILS, required=False)
    if errors:
        raise InvalidInput(errors)
    assert starts_at is not None
    return CheckedMeeting(starts_at, duration, title, location, details)


def answers_of(meeting: Meeting, tz: str | None) -> MeetingAnswers:
    """A meeting as its form shows it to someone in time zone `tz`."""
    local = meeting.starts_at.astimezone(zone_of(tz))
    return MeetingAnswers(local.date(), local.time(), meeting.duration_minutes, meeting.title,
                          meeting.location, meeting.details, meeting.share_with_partner,
                          meeting.video_url is not None)
