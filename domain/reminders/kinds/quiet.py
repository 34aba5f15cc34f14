"""Quiet relationships: after the programme's `quiet_relationship_days` with no activity, a
friendly nudge to both people, with a message and a meeting one click away.

The anchor is the pair's last activity (domain/activity.py, as the admin channel's quiet
card counts it), so each quiet spell is nudged once, and a pair who get back in touch start a
new spell that is nudged only after as many quiet days again."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, and_, case, exists, or_, select
from sqlalchemy.orm import Session, aliased

from domain.activity import active_pairs, last_activity
from domain.model import Member, MemberStatus, Nudge, NudgeKind, NudgeStatus, OutboxKind
from domain.model import Relationship as Rel
from domain.programme import ProgrammeSnapshot, every_programme, nudging
from domain.reminders.delivery import send_nudges
from domain.reminders.digest import Liveness
from domain.reminders.schedule import (
    Due,
    Recipient,
    Schedule,
    days,
    in_window,
    last_step,
    not_muted,
)

# A quiet pair stays quiet: a nudge a few days late (a weekend, a scheduler down) still helps.
QUIET_GRACE = timedelta(days=7)
# Sides nudged per tick at most (both kinds have a single step, so what is left is found by
# the next tick); the steady state is a handful a day.
PER_TICK = 200


def quiet_schedule(programme: ProgrammeSnapshot) -> Schedule:
    """One nudge, `quiet_relationship_days` after the last activity."""
    return Schedule(days(programme.quiet_relationship_days), grace=QUIET_GRACE)


def sides_due(kind: NudgeKind, schedules: Mapping[str, Schedule], now: datetime,
              *where: Any) -> Select[Any]:
    """Each side of every active pair (narrowed by `where`) whose last activity is inside its
    programme's window and who has no nudge of `kind` recorded on this spell yet, with their
    partner and zone: one statement, whatever the number of pairs. The longest quiet come
    first, at most `PER_TICK` of them (a first tick after a long pause is not a flood)."""
    last = last_activity(active_pairs(nudging(Rel.team_id), *where), now)
    me, partner = aliased(Member, name="me"), aliased(Member, name="partner")
    partner_id = case((me.id == Rel.mentee_id, Rel.mentor_id), else_=Rel.mentee_id)
    recorded = last_step(kind, Rel.id, me.id, last.c.last)
    windows = [and_(Rel.team_id == team, in_window(last.c.last, [schedule], now))
               for team, schedule in schedules.items()]
    # The pairs are joined by primary key to what the aggregate found, not to the CTE again:
    # the database cannot tell how few rows the aggregate keeps.
    return (
        select(Rel.id.label("rid"), Rel.team_id, last.c.last, me.id.label("member_id"),
               me.slack_user_id, me.tz, me.name, (me.id == Rel.mentor_id).label("mentor"),
               partner.id.label("partner_id"), partner.slack_user_id.label("partner_user_id"),
               partner.name.label("partner_name"), recorded.label("last_step"))
        .select_from(last).join(Rel, Rel.id == last.c.rid)
        .join(me, or_(me.id == Rel.mentee_id, me.id == Rel.mentor_id))
        .join(partner, partner.id == partner_id)
        .where(me.status == MemberStatus.ACTIVE, not_muted(kind, me.id), or_(*windows),
               recorded.is_(None))
        .order_by(last.c.last, Rel.id, me.id).limit(PER_TICK))


def side_payload(row: Any, now: datetime) -> dict[str, Any]:
    """What a DM to one side of a quiet pair shows: the partner, and since when it is quiet."""
    return {"name": row.name, "relationship_id": row.rid, "i_am_mentor": bool(row.mentor),
            "partner": {"member_id": row.partner_id, "user_id": row.partner_user_id,
                        "name": row.partner_name},
            "last_in_touch": row.last.isoformat(), "quiet_days": (now - row.last).days}


def side_due(row: Any, kind: NudgeKind, schedule: Schedule, now: datetime, *,
             message: OutboxKind, line: str, **payload: Any) -> Due | None:
    """The nudge owed to this side now on this schedule, if any."""
    step = schedule.step_due(row.last, now, row.last_step)
    if step is None:
        return None
    return Due(kind=kind, subject_id=row.rid, anchor_at=row.last, step=step,
               due_at=schedule.moment(row.last, step),
               recipient=Recipient.of(row),
               message=message, payload={**side_payload(row, now), **payload}, line=line)


def remind_quiet_relationships(session: Session, *, now: datetime) -> int:
    """Nudge both sides of every pair that went quiet; returns how many DMs are owed."""
    schedules = {team: quiet_schedule(p) for team, p in every_programme(session).items()}
    if not schedules:
        return 0
    dues = []
    for row in session.execute(sides_due(NudgeKind.QUIET_RELATIONSHIP, schedules, now)):
        line = (f"You and {row.partner_name} haven't been in touch for "
                f"{(now - row.last).days} days: send a message or arrange a meeting from "
                f"your Home.")
        due = side_due(row, NudgeKind.QUIET_RELATIONSHIP, schedules[row.team_id], now,
                       message=OutboxKind.QUIET_NUDGE, line=line)
        if due is not None:
            dues.append(due)
    return send_nudges(session, dues=dues, now=now)


def still_quiet(kind: NudgeKind) -> Liveness:
    """The digest's check for `kind`: pairs still active with no activity since the held
    nudge's anchor. Any meeting on the calendar counts here, held or ahead: a pair with a
    meeting coming up needs no nudge."""
    def live(session: Session, subject_ids: Collection[int]) -> set[int]:
        last = last_activity(active_pairs(Rel.id.in_(sorted(subject_ids))), None)
        held = exists().where(and_(Nudge.kind == kind, Nudge.subject_id == last.c.rid,
                                   Nudge.status == NudgeStatus.HELD,
                                   Nudge.anchor_at == last.c.last))
        return set(session.scalars(select(last.c.rid).where(held)))

    return live
