"""What a programme setting may be: small pure checks, each with a message for its field."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time
from urllib.parse import urlparse

from domain.errors import InvalidInput

MAX_NAME = 80
MAX_ADMINS = 30
MAX_TEMPLATE = 300
ROOM = "{room}"
# Slack's ids of people and channels, as its pickers send them.
SLACK_ID = re.compile(r"[A-Z0-9]{2,32}")
NOT_OFFERED = "That choice is no longer offered. Please choose again."

# field: (lowest, highest, what the number counts), for messages people can act on.
RANGES: dict[str, tuple[int, int, str]] = {
    "default_capacity": (1, 20, "mentees"),
    "max_open_proposals": (1, 10, "requests"),
    "max_active_mentors": (1, 5, "mentors"),
    "proposal_expiry_days": (1, 90, "days"),
    "daily_nudge_cap": (1, 20, "nudges"),
    "quiet_relationship_days": (7, 180, "days"),
    "goal_days_before": (0, 30, "days"),
    "inactive_warning_days": (14, 365, "days"),
}
CHASE_DAYS = (1, 60)
MOST_CHASES = 4


@dataclass(frozen=True)
class SettingsForm:
    """The settings as an admin typed them: numbers are None where nothing (or no whole
    number) was typed, and reminder chase days are the text as typed ("3, 7")."""

    name: str
    support_channel_id: str | None
    admin_channel_id: str | None
    admin_user_ids: tuple[str, ...]
    default_capacity: int | None
    max_open_proposals: int | None
    max_active_mentors: int | None
    proposal_expiry_days: int | None
    video_link_template: str
    nudges_paused: bool
    quiet_hours_start: time | None
    quiet_hours_end: time | None
    quiet_weekends: bool
    daily_nudge_cap: int | None
    quiet_relationship_days: int | None
    proposal_chase_days: str
    goal_days_before: int | None
    inactive_warning_days: int | None  # None: no warning


def number_error(field: str, number: int | None) -> str | None:
    """Why a required whole number is not acceptable for `field`, or None when it is."""
    low, high, unit = RANGES[field]
    if number is None or not low <= number <= high:
        return f"Please enter a whole number of {unit} from {low} to {high}."
    return None


def name_error(name: str) -> str | None:
    """Why a programme name cannot be used, or None."""
    if not name.strip():
        return "Please give the programme a name; members see it on every screen."
    if len(name.strip()) > MAX_NAME:
        return f"Please keep the name to {MAX_NAME} characters."
    return None


def video_link_error(template: str) -> str | None:
    """Why a video-link template would not make working links, or None."""
    shape = urlparse(template.replace(ROOM, "room"))
    if len(template) > MAX_TEMPLATE:
        return f"Please keep the link to {MAX_TEMPLATE} characters."
    if shape.scheme != "https" or not shape.netloc or re.search(r"\s", template):
        return "Please enter a secure web link starting with https://, " \
               "for example https://meet.jit.si/ourprogramme-{room}."
    if ROOM not in template:
        return "Please put {room} in the link where each meeting's own room name goes."
    return None


def hour_error(moment: time | None) -> str | None:
    """Why a quiet-hours time is not usable: quiet hours start and end on the hour."""
    if moment is None:
        return "Please choose a time."
    if moment.minute:
        return "Please choose a time on the hour, for example 20:00."
    return None


def slack_ids_error(*found: str | None) -> str | None:
    """Why picked people or channels cannot be used: only what Slack's pickers send is."""
    if any(one is not None and not SLACK_ID.fullmatch(one) for one in found):
        return NOT_OFFERED
    return None


def chase_days(text: str) -> tuple[int, ...] | None:
    """The days after a request when its mentor is reminded ("3, 7"), or None when the text
    is not a short list of whole numbers in range; blank means no reminders."""
    parts = [part.strip() for part in re.split(r"[,\s]+", text.strip()) if part.strip()]
    if len(parts) > MOST_CHASES or not all(part.isdigit() for part in parts):
        return None
    days = tuple(sorted({int(part) for part in parts}))
    return days if all(CHASE_DAYS[0] <= day <= CHASE_DAYS[1] for day in days) else None


def _errors(form: SettingsForm) -> dict[str, str | None]:
    """Every field's error (None for a field that is fine)."""
    errors: dict[str, str | None] = {
        "name": name_error(form.name),
        "video_link_template": video_link_error(form.video_link_template.strip()),
        "quiet_hours_start": hour_error(form.quiet_hours_start),
        "quiet_hours_end": hour_error(form.quiet_hours_end) or (
            "Please end quiet hours at another time than they start."
            if form.quiet_hours_end == form.quiet_hours_start else None),
        "support_channel_id": slack_ids_error(form.support_channel_id),
        "admin_channel_id": slack_ids_error(form.admin_channel_id),
        "admin_user_ids": slack_ids_error(*form.admin_user_ids) or (
            f"Please name at most {MAX_ADMINS} admins here."
            if len(form.admin_user_ids) > MAX_ADMINS else None),
        "proposal_chase_days": None if chase_days(form.proposal_chase_days) is not None else
        f"Please list up to {MOST_CHASES} numbers of days from {CHASE_DAYS[0]} to "
        f"{CHASE_DAYS[1]}, separated by commas (for example 3, 7), or leave it empty.",
    }
    for field in RANGES:
        number = getattr(form, field)
        if field != "inactive_warning_days" or number is not None:
            errors[field] = number_error(field, number)
    return errors


def checked(form: SettingsForm) -> dict[str, object]:
    """The settings as the programme stores them, or InvalidInput naming every wrong field."""
    errors = {field: message for field, message in _errors(form).items() if message}
    if errors:
        raise InvalidInput(errors)
    assert form.quiet_hours_start is not None and form.quiet_hours_end is not None
    return {
        "name": form.name.strip(), "support_channel_id": form.support_channel_id,
        "admin_channel_id": form.admin_channel_id,
        "admin_user_ids": sorted(set(form.admin_user_ids)),
        "default_capacity": form.default_capacity, "max_open_proposals": form.max_open_proposals,
        "max_active_mentors": form.max_active_mentors,
        "proposal_expiry_days": form.proposal_expiry_days,
        "video_link_template": form.video_link_template.strip(),
        "nudges_paused": form.nudges_paused,
        "quiet_hours_start": form.quiet_hours_start.hour,
        "quiet_hours_end": form.quiet_hours_end.hour, "quiet_weekends": form.quiet_weekends,
        "daily_nudge_cap": form.daily_nudge_cap,
        "quiet_relationship_days": form.quiet_relationship_days,
    }
