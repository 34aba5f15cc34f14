"""What a meeting's DMs carry: the meeting as it stands, and the calendar event to attach."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from domain import outbox
from domain.meetings.times import ends_at
from domain.model import Meeting, Member
from domain.model.states import OutboxKind
from domain.people import partner_of, person

# DMs that carry a calendar file, and the iCalendar METHOD each one sends.
CALENDAR_METHODS = {OutboxKind.MEETING_ARRANGED: "REQUEST", OutboxKind.MEETING_UPDATED: "REQUEST",
                    OutboxKind.MEETING_CANCELLED: "CANCEL"}


def _address(member: Member) -> dict[str, str]:
    return {"name": member.name, "email": member.contact_email or member.slack_email or ""}


def calendar_event(meeting: Meeting, method: str, now: datetime) -> dict[str, Any]:
    """Everything an .ics file of the meeting needs; the creator organises, the partner attends."""
    organiser = meeting.created_by
    description = meeting.details
    if meeting.video_url:
        description = (description + "\n\n" if description else "") + \
            f"Video chat: {meeting.video_url}"
    return {
        "uid": meeting.uid, "sequence": meeting.sequence, "method": method,
        "status": "CANCELLED" if method == "CANCEL" else "CONFIRMED",
        "stamp": now.isoformat(), "starts_at": meeting.starts_at.isoformat(),
        "ends_at": ends_at(meeting).isoformat(), "summary": meeting.title,
        "description": description, "location": meeting.location,
        "url": meeting.video_url or "", "organizer": _address(organiser),
        "attendee": _address(partner_of(meeting.pair, organiser.id)),
    }


def meeting_payload(meeting: Meeting, recipient: Member) -> dict[str, Any]:
    """The meeting as a DM to `recipient` shows it, with the other side of the pair."""
    return {
        "meeting_id": meeting.id, "relationship_id": meeting.relationship_id,
        "partner": person(partner_of(meeting.pair, recipient.id)),
        "title": meeting.title, "starts_at": meeting.starts_at.isoformat(),
        "ends_at": ends_at(meeting).isoformat(), "duration": meeting.duration_minutes,
        "location": meeting.location, "details": meeting.details,
        "video_url": meeting.video_url or "", "status": meeting.status,
    }


def who_knows(meeting: Meeting) -> list[Member]:
    """The sides of the pair who know of the meeting: its creator, and the partner if shared."""
    creator = meeting.created_by
    return [creator, *([partner_of(meeting.pair, creator.id)] if meeting.share_with_partner
                       else [])]


def tell(session: Session, *, meeting: Meeting, kind: OutboxKind, whom: Member, now: datetime,
         **extra: Any) -> None:
    """DM one side of the pair about the meeting as it stands (with a calendar file if due)."""
    payload = {**meeting_payload(meeting, whom), **extra}
    if kind in CALENDAR_METHODS:
        payload["calendar"] = calendar_event(meeting, CALENDAR_METHODS[kind], now)
    outbox.enqueue(session, team_id=meeting.team_id, recipient=whom.slack_user_id, kind=kind,
                   dedupe_key=f"meeting:{meeting.id}:{kind}:s{meeting.sequence}:{whom.id}",
                   payload=payload, now=now)
