"""The .ics files of meetings: standard iCalendar that calendar apps read back faithfully."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from icalendar import Calendar

from bot.calendar import ics_filename, meeting_ics

EVENT: dict[str, Any] = {
    "uid": "abc123@mentorbot", "sequence": 3, "method": "REQUEST", "status": "CONFIRMED",
    "stamp": "2026-11-23T09:00:00+00:00", "starts_at": "2026-12-01T14:00:00+00:00",
    "ends_at": "2026-12-01T15:30:00+00:00", "summary": "Goals, plans; and more",
    "description": "Line one\nLine two, with a comma; and " + "long " * 40,
    "location": "Room 4, Depot", "url": "https://meet.jit.si/mentorbot-x",
    "organizer": {"name": "Alice Kember", "email": "alice@example.org"},
    "attendee": {"name": "John Smith", "email": "john@example.org"},
}


def parsed(event: dict[str, Any]) -> tuple[Calendar, Any]:
    calendar = Calendar.from_ical(meeting_ics(event))
    return calendar, calendar.walk("VEVENT")[0]


def test_every_field_reads_back_as_written() -> None:
    calendar, event = parsed(EVENT)
    assert str(calendar["METHOD"]) == "REQUEST" and str(calendar["VERSION"]) == "2.0"
    assert event.decoded("DTSTART") == datetime(2026, 12, 1, 14, 0, tzinfo=UTC)
    assert event.decoded("DTEND") == datetime(2026, 12, 1, 15, 30, tzinfo=UTC)
    assert event.decoded("DTSTAMP") == datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    assert int(event["SEQUENCE"]) == 3 and str(event["UID"]) == "abc123@mentorbot"
    for key in ("SUMMARY", "DESCRIPTION", "LOCATION", "URL"):
        assert str(event[key]) == EVENT[key.lower()]
    assert str(event["ORGANIZER"]) == "mailto:alice@example.org"
    assert str(event["ORGANIZER"].params["CN"]) == "Alice Kember"
    assert str(event["ATTENDEE"]) == "mailto:john@example.org"
    assert all(len(line) <= 75 for line in meeting_ics(EVENT).split(b"\r\n"))


def test_a_cancellation_says_so_and_people_without_e_mail_are_left_out() -> None:
    cancelled = {**EVENT, "method": "CANCEL", "status": "CANCELLED", "url": "",
                 "attendee": {"name": "John Smith", "email": ""}}
    calendar, event = parsed(cancelled)
    assert str(calendar["METHOD"]) == "CANCEL" and str(event["STATUS"]) == "CANCELLED"
    assert "ATTENDEE" not in event and "URL" not in event
    assert ics_filename(cancelled) == "goals-plans-and-more-cancelled.ics"
    assert ics_filename({**EVENT, "summary": "☕"}) == "meeting.ics"
