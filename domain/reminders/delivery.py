"""Sending what is due: in each person's working hours, within the programme's daily cap.

A nudge that falls due at night is simply not sent yet: the next tick inside the person's
working hours finds it again (nothing is recorded until it goes). Over the day's cap it is
recorded as held, and the next working morning's digest carries it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from domain import outbox
from domain.base import insert_many_ignoring_duplicates
from domain.model import Nudge, NudgeKind, NudgeStatus
from domain.programme import ProgrammeSnapshot, every_programme
from domain.reminders.hours import is_working_time, local_time
from domain.reminders.schedule import Due

# Meeting reminders go on time, whatever the hour, and never count against the cap.
URGENT = frozenset({NudgeKind.MEETING_SOON})


def local_day(now: datetime, tz: str) -> str:
    """The person's calendar day at `now`, as the ledger records it."""
    return local_time(now, tz).date().isoformat()


def may_reach(due: Due, programme: ProgrammeSnapshot | None, now: datetime) -> bool:
    """Whether the nudge may go now: the programme is not paused, and it is urgent or inside
    the person's working hours."""
    if programme is None or programme.nudges_paused:
        return False
    return due.kind in URGENT or is_working_time(local_time(now, due.recipient.tz), programme)


def send_nudges(session: Session, *, dues: Iterable[Due], now: datetime) -> int:
    """Record and send the nudges that may go now; returns how many DMs are owed."""
    programmes = every_programme(session)
    ready = _once_each(d for d in dues if may_reach(d, programmes.get(d.recipient.team_id), now))
    if not ready:
        return 0
    counts = sent_today(session, now=now)
    rows = []
    for due in ready:
        rows.append(_ledger_row(due, _status(due, programmes, counts, now), now))
    recorded = set(insert_many_ignoring_duplicates(session, model=Nudge, rows=rows,
                                                   returning=Nudge.key))
    going = [(due, row) for due, row in zip(ready, rows, strict=True)
             if row["key"] in recorded and row["status"] == NudgeStatus.SENT]
    outbox.enqueue_many(session, rows=[owed_dm(due) for due, _ in going], now=now)
    return len(going)


def _once_each(dues: Iterable[Due]) -> list[Due]:
    """Each key once, the earliest due first (so that the cap keeps the oldest)."""
    unique = {due.key: due for due in dues}
    return sorted(unique.values(), key=lambda due: (due.due_at, due.key))


def _status(due: Due, programmes: dict[str, ProgrammeSnapshot], counts: Counter[tuple[int, str]],
            now: datetime) -> NudgeStatus:
    """Sent, unless the person already had the day's share of non-urgent nudges."""
    if due.kind in URGENT:
        return NudgeStatus.SENT
    day = (due.recipient.member_id, local_day(now, due.recipient.tz))
    if counts[day] >= programmes[due.recipient.team_id].daily_nudge_cap:
        return NudgeStatus.HELD
    counts[day] += 1
    return NudgeStatus.SENT


def sent_today(session: Session, *, now: datetime) -> Counter[tuple[int, str]]:
    """How many non-urgent nudges (digests included) each person got on each recent local
    day; one statement over the last two days of the ledger."""
    rows = session.execute(
        select(Nudge.member_id, Nudge.local_day, func.count())
        .where(Nudge.status == NudgeStatus.SENT, Nudge.created_at >= now - timedelta(days=2),
               Nudge.kind.not_in(URGENT))
        .group_by(Nudge.member_id, Nudge.local_day))
    return Counter({(member, day): count for member, day, count in rows})


def _ledger_row(due: Due, status: NudgeStatus, now: datetime) -> dict[str, Any]:
    return {"team_id": due.recipient.team_id, "member_id": due.recipient.member_id,
            "kind": due.kind, "subject_id": due.subject_id, "anchor_at": due.anchor_at,
            "step": due.step, "key": due.key, "status": status,
            "local_day": local_day(now, due.recipient.tz), "line": due.line[:500],
            "created_at": now}


def owed_dm(due: Due, *, mutable: bool = True) -> outbox.OwedDM:
    """The DM of a nudge; a mutable one's payload names its kind, for the mute button."""
    return outbox.OwedDM(team_id=due.recipient.team_id, recipient=due.recipient.slack_user_id,
                         kind=due.message, dedupe_key=f"nudge:{due.key}",
                         payload={**due.payload, **({"nudge_kind": str(due.kind)} if mutable
                                                    else {})})


def record_sent(session: Session, *, dues: Sequence[Due], now: datetime) -> None:
    """Record nudges sent by another path (a digest), so that they count against the cap."""
    insert_many_ignoring_duplicates(
        session, model=Nudge, rows=[_ledger_row(due, NudgeStatus.SENT, now) for due in dues],
        returning=Nudge.key)
