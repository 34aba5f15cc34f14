"""Goals: the author is reminded before a goal's completion date, on the day, and once when it
is overdue. The date is a calendar date, so each step counts from the start of that day where
the author lives, and moving the date gives the goal a fresh schedule."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import case, select
from sqlalchemy.orm import Session, aliased

from domain.model import (
    Goal,
    GoalStatus,
    Member,
    MemberStatus,
    NudgeKind,
    OutboxKind,
    Relationship,
    RelationshipStatus,
)
from domain.programme import ReminderTimings, every_programme, nudging
from domain.reminders.delivery import send_nudges
from domain.reminders.hours import zone
from domain.reminders.schedule import (
    Due,
    Recipient,
    Schedule,
    not_muted,
    recorded_steps,
    widest,
)

# A person's calendar day starts up to 14 hours before or 12 after the UTC one.
ZONE_SLACK = timedelta(days=1)


def goal_schedule(timings: ReminderTimings) -> Schedule:
    """Steps 0, 1 and 2: days before the date, the day itself and the day after. With no days
    before, step 0 falls on the day and step 1 overtakes it; the steps keep their meaning, so
    an admin changing the setting between two steps neither repeats nor loses one."""
    before = timedelta(days=-max(timings.goal_days_before, 0))
    # The default grace: a step due on a Friday evening still goes on Monday morning.
    return Schedule(offsets=(before, timedelta(0), timedelta(days=1)))


def day_start(day: date, tz: str) -> datetime:
    """The first moment of `day` where the person lives, in UTC."""
    return datetime.combine(day, time(), tzinfo=zone(tz)).astimezone(UTC)


def day_name(day: date) -> str:
    """'Thursday 26 November', as a DM names a goal's date."""
    return f"{day:%A} {day.day} {day:%B}"


def _candidates(session: Session, first: date, last: date) -> Sequence[Any]:
    """Open goals of active relationships dated between `first` and `last`, with their active,
    unmuted author and the partner's name: one statement."""
    partner = aliased(Member)
    partner_id = case((Relationship.mentor_id == Goal.author_id, Relationship.mentee_id),
                      else_=Relationship.mentor_id)
    return session.execute(
        select(Goal.id, Goal.label, Goal.due_on, Goal.relationship_id, Goal.updated_at,
               Member.id.label("member_id"), Member.team_id, Member.slack_user_id, Member.tz,
               partner.name.label("partner_name"))
        .join(Relationship, Relationship.id == Goal.relationship_id)
        .join(Member, Member.id == Goal.author_id)
        .join(partner, partner.id == partner_id)
        .where(Goal.status == GoalStatus.OPEN, Goal.due_on.between(first, last),
               Relationship.status == RelationshipStatus.ACTIVE,
               Member.status == MemberStatus.ACTIVE, nudging(Goal.team_id),
               not_muted(NudgeKind.GOAL_DUE, Member.id))).all()


def remind_goals(session: Session, *, now: datetime) -> int:
    """Remind authors of open goals whose date is near, here or past; how many DMs are owed."""
    schedules = {team: goal_schedule(programme.reminders)
                 for team, programme in every_programme(session).items()}
    earliest, latest = widest(schedules.values())
    rows = _candidates(session, (now - latest - ZONE_SLACK).date(),
                       (now - earliest + ZONE_SLACK).date())
    recorded = recorded_steps(session, kind=NudgeKind.GOAL_DUE, subject_ids=[r.id for r in rows])
    dues = []
    for row in rows:
        schedule, anchor = schedules.get(row.team_id), day_start(row.due_on, row.tz)
        if schedule is None:
            continue
        step = schedule.step_due(anchor, now, recorded.get((row.id, row.member_id, anchor)))
        # A step that fell due before the author last changed the goal (set it, moved its
        # date, added a milestone) is not sent: they have just been looking at it.
        if step is not None and schedule.moment(anchor, step) >= row.updated_at:
            dues.append(_due(row, anchor, step, schedule, now))
    return send_nudges(session, dues=dues, now=now)


def _due(row: Any, anchor: datetime, step: int, schedule: Schedule, now: datetime) -> Due:
    """The nudge for one goal, its words counted from the author's own today."""
    days_left = (row.due_on - now.astimezone(zone(row.tz)).date()).days
    payload = {"goal_id": row.id, "relationship_id": row.relationship_id, "label": row.label,
               "partner": row.partner_name, "due_on": row.due_on.isoformat(),
               "due_day": day_name(row.due_on), "days_left": days_left}
    return Due(kind=NudgeKind.GOAL_DUE, subject_id=row.id, anchor_at=anchor, step=step,
               due_at=schedule.moment(anchor, step),
               recipient=Recipient.of(row),
               message=OutboxKind.GOAL_DUE, payload=payload, line=_line(row, days_left))


def _line(row: Any, days_left: int) -> str:
    """What the digest says of it, in one plain sentence."""
    when = ("is due today" if days_left == 0 else f"was due on {day_name(row.due_on)}"
            if days_left < 0 else f"is due on {day_name(row.due_on)}")
    return (f"Your goal \u201c{row.label}\u201d {when}: open it from Goals due on your Home to "
            "mark it complete or change its date.")


def open_goals(session: Session, subject_ids: Collection[int]) -> set[int]:
    """Of these goals, those still open and dated in an active relationship (the digest's
    check that a held reminder is still true)."""
    if not subject_ids:
        return set()
    return set(session.scalars(
        select(Goal.id).join(Relationship, Relationship.id == Goal.relationship_id)
        .where(Goal.id.in_(list(subject_ids)), Goal.status == GoalStatus.OPEN,
               Goal.due_on.is_not(None), Relationship.status == RelationshipStatus.ACTIVE)))
