"""Meetings logged afterwards: one side of a pair records a meeting that took place, with its
notes, and the other is told (Workflow Builder's Log a meeting step, domain/workflows.py)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from domain.errors import DomainError
from domain.loading import MEETING
from domain.meetings.arranging import MAX_NOTES
from domain.meetings.notices import tell
from domain.meetings.times import DEFAULT_DURATION, DURATIONS, duration_label
from domain.members import Actor, find_member
from domain.model import Meeting, Member, Relationship
from domain.model.states import MeetingStatus, OutboxKind
from domain.people import partner_of
from domain.relationships import relationships_of
from domain.submissions import create_once
from domain.text import one_text

# What the pair's meetings list shows as the meeting's title: the step asks for none.
LOGGED_TITLE = "Mentoring meeting"
IN_THE_FUTURE = ("Log a meeting records a meeting that took place; to arrange one ahead, use "
                 "Arrange a meeting in mentorbot.")
NOT_A_MEMBER = ("The person who used this workflow is not in the mentoring programme, so "
                "there is no meeting of theirs to log.")
NOT_MATCHED = ("A meeting can be logged only with a mentor or mentee you are matched with "
               "now, and the person named as met is not one of yours.")


@dataclass(frozen=True)
class HeldMeeting:
    """A meeting that took place, as the person logging it names it."""

    partner_user_id: str
    starts_at: datetime
    duration: int | None = None
    notes: str = ""


@dataclass(frozen=True)
class LoggedMeeting:
    """The meeting in the pair's list, and whether this logging added it (False: the pair
    already had a meeting at that time, so nothing was added or sent)."""

    meeting: Meeting
    added: bool


def held_refusal(starts_at: datetime, matched_at: datetime, now: datetime) -> str | None:
    """Why a meeting starting then cannot be logged for a pair matched at `matched_at`."""
    if starts_at > now:
        return IN_THE_FUTURE
    if starts_at < matched_at:
        return ("That meeting started before you were matched, so it is not a meeting of "
                "this mentoring relationship.")
    return None


def checked_duration(duration: int | None) -> int:
    """The meeting's length in minutes: one the meetings form offers, an hour when not given."""
    if duration is None:
        return DEFAULT_DURATION
    if duration not in DURATIONS:
        offered = ", ".join(duration_label(minutes) for minutes in DURATIONS)
        raise DomainError(f"A meeting lasts one of the durations the meetings form offers: "
                          f"{offered}.")
    return duration


def _pair_with(session: Session, me: Member, partner_user_id: str) -> Relationship:
    """The actor's active relationship with that person; refused, saying no more, otherwise."""
    for relationship in relationships_of(session, member=me):
        if partner_of(relationship, me.id).slack_user_id == partner_user_id:
            return relationship
    raise DomainError(NOT_MATCHED)


def _already_there(session: Session, relationship_id: int, starts_at: datetime
                   ) -> Meeting | None:
    """The pair's meeting at that very start, by either of them: logging it again adds none."""
    return session.scalars(select(Meeting).where(
        Meeting.relationship_id == relationship_id, Meeting.starts_at == starts_at,
        Meeting.status == MeetingStatus.SCHEDULED).options(*MEETING)
        .order_by(Meeting.id)).first()


def log_held_meeting(session: Session, *, actor: Actor, held: HeldMeeting, key: str,
                     now: datetime) -> LoggedMeeting:
    """Record a meeting the actor had with their mentor or mentee, as held, with its notes;
    the partner is told. Once per `key` (a retry gets the first one's meeting)."""
    me = find_member(session, actor=actor)
    if me is None:
        raise DomainError(NOT_A_MEMBER)
    pair = _pair_with(session, me, held.partner_user_id)
    refusal = held_refusal(held.starts_at, pair.started_at, now)
    if refusal is not None:
        raise DomainError(refusal)
    duration = checked_duration(held.duration)
    notes = one_text("notes", held.notes, label="notes", max_length=MAX_NOTES)
    found: list[Meeting] = []

    def make() -> Meeting:
        same = _already_there(session, pair.id, held.starts_at)
        if same is not None:
            found.append(same)
            return same
        return _add(session, me, pair, held.starts_at, duration, notes, now)

    try:
        meeting = create_once(session, team_id=actor.team_id, key=key, model=Meeting, now=now,
                              options=MEETING, make=make)
    except IntegrityError:  # the same person logging the same meeting twice at once
        same = _already_there(session, pair.id, held.starts_at)
        if same is None:
            raise
        return LoggedMeeting(same, added=False)
    return LoggedMeeting(meeting, added=not found)


def _add(session: Session, me: Member, pair: Relationship, starts_at: datetime,
         duration: int, notes: str, now: datetime) -> Meeting:
    meeting = Meeting(
        team_id=me.team_id, pair=pair, created_by=me, uid=f"{secrets.token_hex(16)}@mentorbot",
        title=LOGGED_TITLE, starts_at=starts_at, duration_minutes=duration, location="",
        details="", video_url=None, share_with_partner=True, status=MeetingStatus.SCHEDULED,
        sequence=0, notes=notes, notes_updated_at=now if notes else None, created_at=now,
        updated_at=now)
    session.add(meeting)
    session.flush()
    tell(session, meeting=meeting, kind=OutboxKind.MEETING_LOGGED,
         whom=partner_of(pair, me.id), now=now, notes=notes)
    return meeting
