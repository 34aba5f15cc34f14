"""Inactive relationships: when the programme sets `inactive_warning_days` (off by default),
both sides of a pair that stayed quiet that long are warned, and `inactive_close_days` after
the warning, if still nobody got in touch, the relationship is closed as inactive.

The close is an action, not a nudge: it happens on the tick that finds it due, as a
withdrawal would (meetings ahead called off, the mentor's place given back), and both are
told by ordinary DMs. Only a pair warned on this quiet spell is closed: the warning's row in
the ledger has the spell's anchor, so any activity since (a new anchor) calls the close off."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from domain import outbox
from domain.activity import active_pairs, last_activity
from domain.lifecycle import NotPossibleNow
from domain.loading import SIDES
from domain.model import Nudge, NudgeKind, NudgeStatus, OutboxKind, Relationship
from domain.outbox import OwedDM
from domain.people import person
from domain.programme import ProgrammeSnapshot, every_programme, nudging
from domain.relationships import end_early
from domain.reminders.delivery import send_nudges
from domain.reminders.kinds.quiet import side_due, sides_due
from domain.reminders.schedule import Schedule, days

KIND = NudgeKind.INACTIVE_RELATIONSHIP
# Still true however late it is found: a relationship quiet for longer is no less inactive
# (an admin turning the warning on warns every pair already that quiet).
WARNING_GRACE = timedelta(days=3650)
# Closes per tick: each is a withdrawal's few statements; the rest close on the next tick.
CLOSE_BATCH = 50
REASON = "Closed as inactive: nobody had been in touch for a long while."


def warning_schedule(programme: ProgrammeSnapshot) -> Schedule | None:
    """The warning, `inactive_warning_days` after the last activity; None while it is off."""
    warning = programme.reminders.inactive_warning_days
    return Schedule(days(warning), grace=WARNING_GRACE) if warning else None


def remind_inactive_relationships(session: Session, *, now: datetime) -> int:
    """Close the warned pairs still quiet, then warn the pairs newly that quiet; returns how
    many relationships were closed and warnings owed."""
    programmes = every_programme(session)
    schedules = {team: s for team, p in programmes.items()
                 if (s := warning_schedule(p)) is not None}
    if not schedules:
        return 0
    closed = _close_due(session, programmes, list(schedules), now)
    dues = []
    for row in session.execute(sides_due(KIND, schedules, now,
                                         Relationship.team_id.in_(list(schedules)))):
        closes_at = now + timedelta(days=programmes[row.team_id].reminders.inactive_close_days)
        line = (f"Your mentoring relationship with {row.partner_name} will be closed as "
                f"inactive unless you get in touch: send a message or arrange a meeting "
                f"from your Home.")
        due = side_due(row, KIND, schedules[row.team_id], now, message=OutboxKind.INACTIVE_WARNING,
                       line=line, closes_at=closes_at.isoformat(),
                       close_days=programmes[row.team_id].reminders.inactive_close_days)
        if due is not None:
            dues.append(due)
    return closed + send_nudges(session, dues=dues, now=now)


def _warned(session: Session, teams: list[str], before: datetime, now: datetime
            ) -> list[Any]:
    """(relationship id, team, when warned) of active pairs warned before `before` on their
    current quiet spell: warnings recorded (sent, or carried by a digest) whose anchor is
    still the pair's last activity, the later side's counting (each had the full notice).
    One statement."""
    last = last_activity(active_pairs(nudging(Relationship.team_id),
                                      Relationship.team_id.in_(teams)), now)
    warned_at = func.max(Nudge.created_at)
    return list(session.execute(
        select(last.c.rid, Relationship.team_id, warned_at)
        .join(Nudge, and_(Nudge.kind == KIND, Nudge.subject_id == last.c.rid,
                          Nudge.anchor_at == last.c.last, Nudge.step == 0,
                          Nudge.status.in_((NudgeStatus.SENT, NudgeStatus.DIGESTED))))
        .join(Relationship, Relationship.id == last.c.rid)
        .group_by(last.c.rid, Relationship.team_id)
        .having(warned_at <= before)
        .order_by(warned_at, last.c.rid)).all())


def _close_due(session: Session, programmes: dict[str, ProgrammeSnapshot], teams: list[str],
               now: datetime) -> int:
    """Close, as inactive, each warned pair whose notice has run out; both are told."""
    notice = {team: timedelta(days=programmes[team].reminders.inactive_close_days)
              for team in teams}
    due = [rid for rid, team, warned_at in _warned(session, teams, now - min(notice.values()),
                                                   now)
           if warned_at <= now - notice[team]]
    if not due:
        return 0
    found = session.scalars(select(Relationship).where(Relationship.id.in_(due[:CLOSE_BATCH]))
                            .options(*SIDES)).unique().all()
    told: list[OwedDM] = []
    for relationship in found:
        try:
            end_early(session, relationship=relationship, ended_by_id=None, reason=REASON,
                      now=now, move="lapse")
        except NotPossibleNow:  # ended meanwhile (by them, or a second scheduler): leave it
            continue
        told += _closed_dms(relationship, programmes[relationship.team_id])
    outbox.enqueue_many(session, rows=told, now=now)
    return len(told) // 2


def _closed_dms(relationship: Relationship, programme: ProgrammeSnapshot
                ) -> list[OwedDM]:
    """The word to each side that the relationship was closed as inactive."""
    return [OwedDM(relationship.team_id, side.slack_user_id, OutboxKind.INACTIVE_CLOSED,
                   f"relationship:{relationship.id}:inactive:{side.id}",
                   {"partner": person(partner), "i_am_mentor": side is relationship.mentor,
                    "programme": programme.name,
                    "warning_days": programme.reminders.inactive_warning_days})
            for side, partner in ((relationship.mentee, relationship.mentor),
                                  (relationship.mentor, relationship.mentee))]
