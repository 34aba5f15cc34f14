"""Feedback: each side of a completed relationship that has not answered the survey is asked
again some days after completion (2 and 7 by default)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import and_, case, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from domain.model import (
    Feedback,
    Member,
    MemberStatus,
    NudgeKind,
    OutboxKind,
    Relationship,
    RelationshipStatus,
)
from domain.programme import ReminderTimings, every_programme, nudging
from domain.reminders.delivery import send_nudges
from domain.reminders.schedule import (
    Due,
    Recipient,
    Schedule,
    days,
    in_window,
    last_step,
    not_muted,
)


def feedback_schedule(timings: ReminderTimings) -> Schedule:
    """The programme's days after completion."""
    # The default grace carries a Friday-evening step to Monday, and never chases a pair that
    # completed long before (more than the last step plus the grace).
    return Schedule(offsets=days(*sorted(timings.feedback_chase_days)) or days(2))


def _answered(member_id: Any) -> Any:
    return exists().where(Feedback.relationship_id == Relationship.id,
                          Feedback.author_id == member_id)


def _candidates(session: Session, schedules: Collection[Schedule], now: datetime
                ) -> Sequence[Any]:
    """Each side, active and unmuted, of a relationship completed within the window that has
    not answered its survey, with the last step recorded for them: one statement."""
    partner = aliased(Member)
    i_am_mentor = Member.id == Relationship.mentor_id
    return session.execute(
        select(Relationship.id, Relationship.ended_at, Member.id.label("member_id"),
               Member.team_id, Member.slack_user_id, Member.tz,
               i_am_mentor.label("i_am_mentor"), partner.id.label("partner_id"),
               partner.name.label("partner_name"),
               last_step(NudgeKind.FEEDBACK_CHASE, Relationship.id, Member.id,
                         Relationship.ended_at).label("last_step"))
        .join(Member, or_(i_am_mentor, Member.id == Relationship.mentee_id))
        .join(partner, partner.id == case((i_am_mentor, Relationship.mentee_id),
                                          else_=Relationship.mentor_id))
        .where(Relationship.status == RelationshipStatus.COMPLETED,
               Relationship.ended_at.is_not(None),
               in_window(Relationship.ended_at, schedules, now),
               Member.status == MemberStatus.ACTIVE, ~_answered(Member.id),
               nudging(Relationship.team_id),
               not_muted(NudgeKind.FEEDBACK_CHASE, Member.id))).all()


def remind_feedback(session: Session, *, now: datetime) -> int:
    """Ask each side that has not answered for their feedback; how many DMs are owed."""
    schedules = {team: feedback_schedule(programme.reminders)
                 for team, programme in every_programme(session).items()}
    dues = []
    for row in _candidates(session, schedules.values(), now):
        schedule = schedules.get(row.team_id)
        step = schedule.step_due(row.ended_at, now, row.last_step) if schedule else None
        if schedule is not None and step is not None:
            dues.append(_due(row, step, schedule))
    return send_nudges(session, dues=dues, now=now)


def _due(row: Any, step: int, schedule: Schedule) -> Due:
    """The nudge to one side: the survey's button and who it was with."""
    payload = {"relationship_id": row.id, "i_am_mentor": bool(row.i_am_mentor),
               "partner": {"member_id": row.partner_id, "name": row.partner_name},
               "ended_at": row.ended_at.isoformat(),
               "last": step == len(schedule.offsets) - 1 and step > 0}
    line = (f"Your feedback on your mentoring with {row.partner_name} is still welcome: "
            "choose Give feedback under Past relationships on your Home.")
    return Due(kind=NudgeKind.FEEDBACK_CHASE, subject_id=row.id, anchor_at=row.ended_at,
               step=step, due_at=schedule.moment(row.ended_at, step),
               recipient=Recipient.of(row),
               message=OutboxKind.FEEDBACK_CHASE, payload=payload, line=line)


def feedback_missing(session: Session, subject_ids: Collection[int]) -> set[int]:
    """Of these relationships, the completed ones where a side has yet to answer (the digest's
    check that a held reminder is still true)."""
    if not subject_ids:
        return set()
    answers = (select(func.count()).where(Feedback.relationship_id == Relationship.id)
               .correlate(Relationship).scalar_subquery())
    return set(session.scalars(
        select(Relationship.id).where(and_(Relationship.id.in_(list(subject_ids)),
                                           Relationship.status == RelationshipStatus.COMPLETED,
                                           answers < 2))))
