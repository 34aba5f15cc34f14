"""Meeting reminders: before a meeting (a day and an hour ahead, on time whatever the hour),
and once it has ended, a prompt to write its notes and a diary entry.

Both are anchored on the meeting's start, so a moved meeting starts a fresh schedule and
its old reminders are never found again; a cancelled meeting, or one of a pair that ended,
is not found at all."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, and_, or_, select
from sqlalchemy.orm import Session, aliased

from domain.meetings.times import DURATIONS
from domain.model import (
    Meeting,
    Member,
    MemberStatus,
    NudgeKind,
    OutboxKind,
    Relationship,
)
from domain.model.states import MeetingStatus, RelationshipStatus
from domain.programme import ProgrammeSnapshot, every_programme, nudging
from domain.reminders.delivery import send_nudges
from domain.reminders.schedule import Due, Recipient, Schedule, in_window, last_step, not_muted

# A reminder before the meeting found later than this after its moment (the scheduler was
# down) is dropped: the next step, or the meeting itself, is near.
SOON_GRACE = timedelta(hours=1)
# A follow-up held by the night and a weekend still goes on Monday morning; older ones, as
# after a deploy, are never sent.
FOLLOW_UP_GRACE = timedelta(days=3)
SHORTEST, LONGEST = (timedelta(minutes=m) for m in (min(DURATIONS), max(DURATIONS)))

Partner = aliased(Member, name="partner")
# What each reminder needs of the meeting, the recipient and the other side of the pair.
COLUMNS = (Meeting.id, Meeting.team_id, Meeting.relationship_id, Meeting.title,
           Meeting.starts_at, Meeting.duration_minutes, Meeting.location, Meeting.details,
           Meeting.video_url, Meeting.created_at, Meeting.updated_at,
           (Meeting.notes != "").label("has_notes"),
           Member.id.label("member_id"), Member.slack_user_id, Member.tz,
           Partner.id.label("partner_id"), Partner.slack_user_id.label("partner_user_id"),
           Partner.name.label("partner_name"), Partner.job_title.label("partner_title"),
           Partner.organisation.label("partner_organisation"),
           Partner.contact_email.label("partner_email"),
           Partner.image_url.label("partner_image_url"))


def soon_schedule(programme: ProgrammeSnapshot) -> Schedule:
    """The programme's hours before a meeting, earliest first, as offsets from its start."""
    hours = sorted({h for h in programme.reminders.meeting_hours_before if h > 0}, reverse=True)
    return Schedule(offsets=tuple(timedelta(hours=-h) for h in hours), grace=SOON_GRACE)


def follow_up_schedule(duration_minutes: int) -> Schedule:
    """One step, when a meeting of this length ends."""
    return Schedule(offsets=(timedelta(minutes=duration_minutes),), grace=FOLLOW_UP_GRACE)


def _who_knows(kind: NudgeKind) -> Select[Any]:
    """(meeting, recipient, partner) rows of scheduled meetings of active pairs: the creator,
    and the partner too when the meeting was shared, each active and not muted."""
    pair = (Relationship.mentee_id, Relationship.mentor_id)
    return (
        select(*COLUMNS, last_step(kind, Meeting.id, Member.id, Meeting.starts_at)
               .label("last_step"))
        .join(Relationship, Relationship.id == Meeting.relationship_id)
        .join(Member, and_(or_(*(Member.id == side for side in pair)),
                           or_(Member.id == Meeting.created_by_id,
                               Meeting.share_with_partner.is_(True))))
        .join(Partner, and_(or_(*(Partner.id == side for side in pair)),
                            Partner.id != Member.id))
        .where(Meeting.status == MeetingStatus.SCHEDULED,
               Relationship.status == RelationshipStatus.ACTIVE,
               Member.status == MemberStatus.ACTIVE, nudging(Meeting.team_id),
               not_muted(kind, Member.id)))


def _partner(row: Any) -> dict[str, Any]:
    """The other side as a DM shows them (the shape of domain.people.person)."""
    return {"member_id": row.partner_id, "user_id": row.partner_user_id,
            "name": row.partner_name, "title": row.partner_title,
            "organisation": row.partner_organisation, "email": row.partner_email or "",
            "image_url": row.partner_image_url or ""}


def _meeting(row: Any) -> dict[str, Any]:
    """The meeting as it stands, for the DM's template (the shape of meeting_payload)."""
    ends = row.starts_at + timedelta(minutes=row.duration_minutes)
    return {"meeting_id": row.id, "relationship_id": row.relationship_id,
            "partner": _partner(row), "title": row.title,
            "starts_at": row.starts_at.isoformat(), "ends_at": ends.isoformat(),
            "duration": row.duration_minutes, "location": row.location,
            "details": row.details, "video_url": row.video_url or "",
            "status": MeetingStatus.SCHEDULED}


def _due(kind: NudgeKind, row: Any, step: int, due_at: datetime, message: OutboxKind,
         payload: dict[str, Any], line: str) -> Due:
    recipient = Recipient.of(row)
    return Due(kind=kind, subject_id=row.id, anchor_at=row.starts_at, step=step, due_at=due_at,
               recipient=recipient, message=message, payload=payload, line=line,
               urgent=kind == NudgeKind.MEETING_SOON)


def _soon(session: Session, programmes: dict[str, ProgrammeSnapshot],
          now: datetime) -> Iterable[Due]:
    """Reminders before meetings still ahead. A step whose moment had passed when the meeting
    was arranged or last changed (`updated_at`) is skipped: short notice needs no 'tomorrow'."""
    schedules = {team: schedule for team, p in programmes.items()
                 if (schedule := soon_schedule(p)).offsets}
    if not schedules:
        return
    rows = session.execute(_who_knows(NudgeKind.MEETING_SOON).where(
        Meeting.starts_at > now, in_window(Meeting.starts_at, schedules.values(), now)))
    for row in rows:
        schedule = schedules.get(row.team_id)
        step = schedule.step_due(row.starts_at, now, row.last_step) if schedule else None
        if schedule is None or step is None or \
                schedule.moment(row.starts_at, step) < row.updated_at:
            continue
        hours = -int(schedule.offsets[step].total_seconds() // 3600)
        yield _due(NudgeKind.MEETING_SOON, row, step, schedule.moment(row.starts_at, step),
                   OutboxKind.MEETING_REMINDER, {**_meeting(row), "hours_before": hours},
                   f"Your meeting “{row.title}” with {row.partner_name} starts in "
                   f"{hours} hour{'s' if hours != 1 else ''}.")


def _follow_ups(session: Session, now: datetime) -> Iterable[Due]:
    """One prompt to each who knew of a meeting once it has ended (not for one logged only
    after it ended: whoever logged it wrote what they meant to, and the partner was told)."""
    window = [follow_up_schedule(int(SHORTEST.total_seconds() // 60)),
              follow_up_schedule(int(LONGEST.total_seconds() // 60))]
    rows = session.execute(_who_knows(NudgeKind.MEETING_FOLLOW_UP).where(
        in_window(Meeting.starts_at, window, now)))
    for row in rows:
        schedule = follow_up_schedule(row.duration_minutes)
        if schedule.step_due(row.starts_at, now, row.last_step) is None or \
                row.created_at >= schedule.moment(row.starts_at, 0):
            continue
        payload = {**_meeting(row), "has_notes": bool(row.has_notes)}
        yield _due(NudgeKind.MEETING_FOLLOW_UP, row, 0, schedule.moment(row.starts_at, 0),
                   OutboxKind.MEETING_FOLLOW_UP, payload,
                   f"Your meeting “{row.title}” with {row.partner_name} is over: write its "
                   "notes from Meet / Video on your Home, and what you took away from it in "
                   "your learning diary.")


def remind_meetings(session: Session, *, now: datetime) -> int:
    """Remind both sides of meetings coming up, and prompt them for notes once a meeting has
    ended; returns how many DMs are owed."""
    programmes = every_programme(session)
    dues = [*_soon(session, programmes, now), *_follow_ups(session, now)]
    return send_nudges(session, dues=dues, now=now)


def meetings_still_on(session: Session, subject_ids: Collection[int]) -> set[int]:
    """Which of these meetings are still scheduled, for a pair still together (the digest's
    check on a held follow-up)."""
    if not subject_ids:
        return set()
    return set(session.scalars(
        select(Meeting.id).join(Relationship, Relationship.id == Meeting.relationship_id)
        .where(Meeting.id.in_(sorted(subject_ids)), Meeting.status == MeetingStatus.SCHEDULED,
               Relationship.status == RelationshipStatus.ACTIVE)))
