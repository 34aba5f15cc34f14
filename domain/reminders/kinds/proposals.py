"""Requests waiting for the mentor's answer: reminded after the programme's chase days.

The anchor is the day the request was sent, the steps the programme's `proposal_chase_days`
(3 and 7 by default). An answered, withdrawn or expired request is simply no longer found, so
it is never chased; the expiry itself is an event of its own (`expire_unanswered`)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from domain.model import (
    ListItem,
    Member,
    MemberStatus,
    NudgeKind,
    OutboxKind,
    Proposal,
    ProposalStatus,
)
from domain.programme import every_programme, nudging
from domain.reminders.delivery import send_nudges
from domain.reminders.schedule import (
    Due,
    Recipient,
    Schedule,
    batches,
    days,
    in_window,
    last_step,
    not_muted,
)

KIND = NudgeKind.PROPOSAL_CHASE
# Long enough to carry a reminder due on a Friday evening over a weekend to Monday morning in
# any zone; still well inside the request's life, which ends at its own expiry anyway.
GRACE = timedelta(days=3)


def _schedules(session: Session) -> dict[str, Schedule]:
    """Each programme's chase schedule; a programme with no chase days has none."""
    return {team: Schedule(days(*programme.reminders.proposal_chase_days), grace=GRACE)
            for team, programme in every_programme(session).items()
            if programme.reminders.proposal_chase_days}


def _waiting(session: Session, schedules: dict[str, Schedule], now: datetime) -> list[Any]:
    """Pending requests with some chase step due, to active mentors who have not muted it."""
    mentor, mentee = aliased(Member), aliased(Member)
    return list(session.execute(
        select(Proposal.id, Proposal.team_id, Proposal.created_at, Proposal.expires_at,
               mentor.id.label("mentor_id"), mentor.slack_user_id, mentor.tz,
               mentee.id.label("mentee_id"), mentee.name.label("mentee_name"),
               ListItem.label.label("area"),
               last_step(KIND, Proposal.id, mentor.id, Proposal.created_at).label("last_step"))
        .join(mentor, mentor.id == Proposal.mentor_id)
        .join(mentee, mentee.id == Proposal.mentee_id)
        .join(ListItem, ListItem.id == Proposal.area_id)
        .where(Proposal.status == ProposalStatus.PENDING, Proposal.expires_at > now,
               mentor.status == MemberStatus.ACTIVE, nudging(Proposal.team_id),
               not_muted(KIND, mentor.id), in_window(Proposal.created_at, schedules.values(), now))
        .order_by(Proposal.created_at, Proposal.id)))


def _due(row: Any, schedule: Schedule, now: datetime) -> Due | None:
    """The reminder this request owes its mentor now, if any."""
    step = schedule.step_due(row.created_at, now, row.last_step)
    if step is None:
        return None
    waited = (now - row.created_at).days
    left = max((row.expires_at - now).days, 0)
    payload = {"proposal_id": row.id, "mentee": {"member_id": row.mentee_id,
                                                  "name": row.mentee_name},
               "area": row.area, "days_waiting": waited, "days_left": left,
               "expires_at": row.expires_at.isoformat()}
    return Due(kind=KIND, subject_id=row.id, anchor_at=row.created_at, step=step,
               due_at=schedule.moment(row.created_at, step),
               recipient=Recipient.of(row, row.mentor_id),
               message=OutboxKind.PROPOSAL_REMINDER, payload=payload,
               line=f"{row.mentee_name}'s mentoring request has waited {waited} days for your "
                    "answer: accept or decline it from your Home.")


def remind_proposals(session: Session, *, now: datetime) -> int:
    """Remind mentors of the requests waiting for their answer; how many DMs are owed."""
    schedules = _schedules(session)
    if not schedules:
        return 0
    dues = [due for row in _waiting(session, schedules, now)
            if row.team_id in schedules
            and (due := _due(row, schedules[row.team_id], now)) is not None]
    return send_nudges(session, dues=dues, now=now)


def proposals_still_waiting(session: Session, subject_ids: Collection[int]) -> set[int]:
    """Of these requests, those still waiting for an answer (for the morning digest)."""
    waiting: set[int] = set()
    for batch in batches(subject_ids):
        waiting.update(session.scalars(select(Proposal.id).where(
            Proposal.id.in_(batch), Proposal.status == ProposalStatus.PENDING)))
    return waiting
