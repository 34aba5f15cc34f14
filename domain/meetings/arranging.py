"""Meetings of a matched pair: arranged, changed, cancelled and noted afterwards (the
reminders before and after them are domain/reminders/kinds/meetings.py)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import bindparam, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from domain import permissions as may
from domain.errors import DomainError
from domain.lifecycle import NotPossibleNow
from domain.loading import MEETING, relock
from domain.meetings.cancellation import call_off
from domain.meetings.notices import tell
from domain.meetings.times import (
    DURATIONS,
    MeetingAnswers,
    answers_of,
    check_answers,
    ends_at,
)
from domain.members import Actor, require_member
from domain.model import Meeting, Member, Relationship
from domain.model.states import MeetingStatus, OutboxKind, RelationshipStatus
from domain.people import participant_in
from domain.programme import ensure_programme
from domain.relationships import Pairing, pairing_for, partner_of, relationships_of
from domain.submissions import create_once
from domain.text import one_text

__all__ = [
    "LONGEST",
    "MAX_NOTES",
    "MAX_REASON",
    "SHOWN_RECENT",
    "SHOWN_UPCOMING",
    "MeetingEdit",
    "MeetingList",
    "NoMeetingPartner",
    "arrange_meeting",
    "cancel_meeting",
    "edit_meeting",
    "meeting_for",
    "meeting_to_edit",
    "meetings_of",
    "notes_of",
    "pairings_to_meet",
    "record_meeting_notes",
    "upcoming_meetings",
]

MAX_REASON = 500
MAX_NOTES = 2500
SHOWN_UPCOMING = 10
SHOWN_RECENT = 5
LONGEST = timedelta(minutes=max(DURATIONS))


class NoMeetingPartner(DomainError):
    """Meetings need a mentor or mentee to meet."""


@dataclass(frozen=True)
class MeetingList:
    """One pair's meetings as one of them sees them: what is coming, and what was."""

    pairing: Pairing
    me: Member
    upcoming: list[Meeting]
    recent: list[Meeting]
    now: datetime


@dataclass(frozen=True)
class MeetingEdit:
    """A meeting and its form answers, in the time zone of the person editing it."""

    meeting: Meeting
    pairing: Pairing
    answers: MeetingAnswers
    tz: str
    partner_told: bool


def _active(pairing: Pairing) -> Pairing:
    _refuse_unless(may.meetings_closed_refusal(pairing.relationship))
    return pairing


def meeting_for(session: Session, *, actor: Actor, meeting_id: int) -> tuple[Meeting, Pairing]:
    """A meeting of one of the actor's relationships, with that relationship from their side."""
    meeting, me = participant_in(session, actor=actor, model=Meeting, object_id=meeting_id,
                                 what="meeting", pair_of=lambda meeting: meeting.pair,
                                 options=MEETING)
    pair = meeting.pair
    return meeting, Pairing(pair, partner_of(pair, me.id), may.is_mentor_of(pair, me))


def _refuse_unless(refusal: str | None) -> None:
    if refusal is not None:
        raise NotPossibleNow(refusal)


def _changeable(session: Session, actor: Actor, meeting_id: int, now: datetime
                ) -> tuple[Meeting, Pairing]:
    """The meeting locked for a change, while it is still ahead and its pair active."""
    meeting, pairing = meeting_for(session, actor=actor, meeting_id=meeting_id)
    meeting = relock(session, meeting)
    _refuse_unless(may.meeting_change_refusal(meeting, pairing.me, now))
    return meeting, pairing


def _video_link(session: Session, team_id: str, now: datetime) -> str:
    template = ensure_programme(session, team_id=team_id, now=now).video_link_template
    return template.replace("{room}", secrets.token_urlsafe(12))[:500]


def _partner_knows(meeting: Meeting, partner: Member) -> bool:
    return meeting.share_with_partner or partner.id == meeting.created_by_id


def meetings_of(session: Session, *, actor: Actor, relationship_id: int, now: datetime
                ) -> MeetingList:
    """The pair's coming meetings (soonest first) and latest past ones, for either of them."""
    pairing = pairing_for(session, actor=actor, relationship_id=relationship_id)
    scheduled = select(Meeting).where(Meeting.relationship_id == relationship_id,
                                      Meeting.status == MeetingStatus.SCHEDULED
                                      ).options(*MEETING)
    coming = session.scalars(scheduled.where(Meeting.starts_at > now - LONGEST)
                             .order_by(Meeting.starts_at, Meeting.id)
                             .limit(SHOWN_UPCOMING + 20)).unique().all()
    past = session.scalars(scheduled.where(Meeting.starts_at < now)
                           .order_by(Meeting.starts_at.desc(), Meeting.id.desc())
                           .limit(SHOWN_RECENT + 20)).unique().all()
    return MeetingList(pairing, require_member(session, actor=actor),
                       [m for m in coming if ends_at(m) > now][:SHOWN_UPCOMING],
                       [m for m in past if ends_at(m) <= now][:SHOWN_RECENT], now)


# Built once: Home sends it every time (a meeting longer than any we offer can't be under way).
_UPCOMING = (
    select(Meeting).join(Relationship, Meeting.relationship_id == Relationship.id)
    .where(or_(Relationship.mentee_id == bindparam("member_id"),
               Relationship.mentor_id == bindparam("member_id")),
           Relationship.status == RelationshipStatus.ACTIVE,
           Meeting.status == MeetingStatus.SCHEDULED,
           Meeting.starts_at > bindparam("since")).options(*MEETING)
    .order_by(Meeting.starts_at, Meeting.id).limit(bindparam("fetched")))


def upcoming_meetings(session: Session, *, member: Member, now: datetime,
                      limit: int = 5) -> list[Meeting]:
    """The member's next scheduled meetings (those under way too), soonest first."""
    rows = session.scalars(_UPCOMING, {"member_id": member.id, "since": now - LONGEST,
                                       "fetched": limit + 20}).unique().all()
    return [m for m in rows if ends_at(m) > now][:limit]


def pairings_to_meet(session: Session, *, actor: Actor) -> list[Pairing]:
    """The actor's active relationships, newest first; refused when there are none."""
    me = require_member(session, actor=actor)
    pairings = [Pairing(r, partner_of(r, me.id), r.mentor_id == me.id)
                for r in relationships_of(session, member=me)]
    if not pairings:
        raise NoMeetingPartner("Meetings are arranged with a mentor or mentee you are matched "
                               "with, and you have no active mentoring relationship yet.")
    return pairings


def _same_meeting(session: Session, relationship_id: int, creator_id: int,
                  starts_at: datetime, title: str) -> Meeting | None:
    """The meeting this form already made (a double click or a Slack retry), if any."""
    return session.scalars(select(Meeting).where(
        Meeting.relationship_id == relationship_id, Meeting.created_by_id == creator_id,
        Meeting.status == MeetingStatus.SCHEDULED, Meeting.starts_at == starts_at,
        Meeting.title == title).options(*MEETING)).first()


def arrange_meeting(session: Session, *, actor: Actor, relationship_id: int,
                    answers: MeetingAnswers, now: datetime,
                    submission: str | None = None) -> Meeting:
    """Arrange a meeting of the pair, once per view submission; the partner gets the details
    and a calendar file."""
    return create_once(session, team_id=actor.team_id, key=submission, model=Meeting, now=now,
                       options=MEETING,
                       make=lambda: _arrange(session, actor, relationship_id, answers, now))


def _arrange(session: Session, actor: Actor, relationship_id: int, answers: MeetingAnswers,
             now: datetime) -> Meeting:
    pairing = _active(pairing_for(session, actor=actor, relationship_id=relationship_id))
    me = require_member(session, actor=actor)
    checked = check_answers(answers, me.tz, now)
    same = _same_meeting(session, relationship_id, me.id, checked.starts_at, checked.title)
    if same is not None:
        return same
    meeting = Meeting(
        team_id=actor.team_id, pair=pairing.relationship, created_by=me,
        uid=f"{secrets.token_hex(16)}@mentorbot", title=checked.title,
        starts_at=checked.starts_at, duration_minutes=checked.duration,
        location=checked.location, details=checked.details,
        video_url=_video_link(session, actor.team_id, now) if answers.video else None,
        share_with_partner=answers.share, status=MeetingStatus.SCHEDULED, sequence=0, notes="",
        created_at=now, updated_at=now)
    try:
        with session.begin_nested():
            session.add(meeting)
    except IntegrityError:  # the same form, submitted twice at once: keep the first
        same = _same_meeting(session, relationship_id, me.id, checked.starts_at, checked.title)
        if same is None:
            raise
        return same
    if meeting.share_with_partner:
        tell(session, meeting=meeting, kind=OutboxKind.MEETING_ARRANGED, whom=pairing.partner,
             now=now)
    return meeting


def meeting_to_edit(session: Session, *, actor: Actor, meeting_id: int, now: datetime
                    ) -> MeetingEdit:
    """A meeting still ahead, with its answers in the editor's own time zone."""
    meeting, pairing = _changeable(session, actor, meeting_id, now)
    tz = require_member(session, actor=actor).tz
    return MeetingEdit(meeting, pairing, answers_of(meeting, tz), tz,
                       _partner_knows(meeting, pairing.partner))


def edit_meeting(session: Session, *, actor: Actor, meeting_id: int, answers: MeetingAnswers,
                 now: datetime) -> Meeting:
    """Change a meeting still ahead; the partner gets the new details and calendar file."""
    meeting, pairing = _changeable(session, actor, meeting_id, now)
    checked = check_answers(answers, require_member(session, actor=actor).tz, now)
    keep_link = meeting.video_url if answers.video else None
    changes = {
        "starts_at": checked.starts_at, "duration_minutes": checked.duration,
        "title": checked.title, "location": checked.location, "details": checked.details,
        "video_url": keep_link or (_video_link(session, actor.team_id, now)
                                   if answers.video else None),
        "share_with_partner": meeting.share_with_partner or answers.share,
    }
    if all(getattr(meeting, name) == value for name, value in changes.items()):
        return meeting  # nothing changed: a second submission of the same form
    partner_knew = _partner_knows(meeting, pairing.partner)
    for name, value in changes.items():
        setattr(meeting, name, value)
    meeting.sequence += 1
    meeting.updated_at = now
    if _partner_knows(meeting, pairing.partner):
        kind = OutboxKind.MEETING_UPDATED if partner_knew else OutboxKind.MEETING_ARRANGED
        tell(session, meeting=meeting, kind=kind, whom=pairing.partner, now=now)
    return meeting


def cancel_meeting(session: Session, *, actor: Actor, meeting_id: int, reason: str,
                   now: datetime) -> Meeting:
    """Cancel a meeting still ahead, with an optional reason; the partner is told."""
    reason = one_text("reason", reason, label="reason", max_length=MAX_REASON)
    meeting, pairing = meeting_for(session, actor=actor, meeting_id=meeting_id)
    if meeting.status == MeetingStatus.CANCELLED:
        return meeting  # cancelled a moment ago by the same click
    meeting, pairing = _changeable(session, actor, meeting_id, now)
    told = [pairing.partner] if _partner_knows(meeting, pairing.partner) else []
    call_off(session, meeting=meeting, told=told, now=now, reason=reason)
    return meeting


def notes_of(session: Session, *, actor: Actor, meeting_id: int, now: datetime
             ) -> tuple[Meeting, Pairing]:
    """A meeting under way or held, whose notes the actor may read and write."""
    meeting, pairing = meeting_for(session, actor=actor, meeting_id=meeting_id)
    _refuse_unless(may.meeting_notes_refusal(meeting, pairing.me, now))
    return meeting, pairing


def record_meeting_notes(session: Session, *, actor: Actor, meeting_id: int, notes: str,
                         now: datetime) -> Meeting:
    """Write the meeting's notes once it has started; both of the pair see and may edit them."""
    notes = one_text("notes", notes, label="notes", max_length=MAX_NOTES)
    meeting, _ = notes_of(session, actor=actor, meeting_id=meeting_id, now=now)
    meeting.notes, meeting.notes_updated_at = notes, now
    return meeting
