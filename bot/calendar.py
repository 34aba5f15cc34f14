""".ics calendar files for meetings (icalendar), attached under the DM that announces them."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from icalendar import Calendar, Event, vCalAddress, vText
from slack_sdk import WebClient

PRODID = "-//mentorbot//Mentoring meetings//EN"


def _utc(iso: str) -> datetime:
    return datetime.fromisoformat(iso).astimezone(UTC)


def _address(who: dict[str, str], **params: str) -> vCalAddress | None:
    """A mailto: address with the person's name as CN; None without an e-mail."""
    if not who.get("email"):
        return None
    address = vCalAddress(f"mailto:{who['email']}")
    address.params["cn"] = vText(who.get("name") or who["email"])
    for key, value in params.items():
        address.params[key] = vText(value)
    return address


def _event(event: dict[str, Any]) -> Event:
    vevent = Event()
    vevent.add("uid", event["uid"])
    vevent.add("dtstamp", _utc(event["stamp"]))
    vevent.add("dtstart", _utc(event["starts_at"]))
    vevent.add("dtend", _utc(event["ends_at"]))
    vevent.add("sequence", int(event["sequence"]))
    vevent.add("summary", event["summary"])
    vevent.add("status", event["status"])
    for key in ("description", "location", "url"):
        if event.get(key):
            vevent.add(key, event[key])
    organizer = _address(event["organizer"])
    if organizer is not None:
        vevent.add("organizer", organizer)
    attendee = _address(event["attendee"], role="REQ-PARTICIPANT", partstat="NEEDS-ACTION")
    if attendee is not None:
        vevent.add("attendee", attendee)
    return vevent


def meeting_ics(event: dict[str, Any]) -> bytes:
    """The iCalendar file of one meeting: METHOD REQUEST to add or update it, CANCEL to drop it."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", event["method"])
    calendar.add_component(_event(event))
    return bytes(calendar.to_ical())


def ics_filename(event: dict[str, Any]) -> str:
    """A file name from the meeting's title: 'kick-off-chat.ics'."""
    slug = re.sub(r"[^a-z0-9]+", "-", str(event.get("summary", "")).lower()).strip("-")[:60]
    return f"{slug or 'meeting'}{'-cancelled' if event['method'] == 'CANCEL' else ''}.ics"


def attach_calendar(client: WebClient, event: dict[str, Any], *, channel: str,
                    thread_ts: str) -> None:
    """Upload the meeting's .ics into the DM's thread; Slack's refusal is the outbox's to retry."""
    client.files_upload_v2(channel=channel, thread_ts=thread_ts, content=meeting_ics(event),
                           filename=ics_filename(event),
                           title=f"{event.get('summary') or 'Meeting'} (.ics)")
