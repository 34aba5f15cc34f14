"""The morning digest: the nudges held over a day's cap, in one DM, still true when it goes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import exists, select, update
from sqlalchemy.orm import Session

from domain import outbox
from domain.model import Member, Nudge, NudgeKind, NudgeMute, NudgeStatus, OutboxKind
from domain.programme import every_programme
from domain.reminders.delivery import local_day, may_reach, owed_dm, record_sent
from domain.reminders.schedule import Due, Recipient

# Each kind's question "which of these subjects still need the nudge?", one statement each;
# a kind without one is taken as still due.
Liveness = Callable[[Session, Collection[int]], set[int]]


def _held(session: Session) -> list[Any]:
    muted = exists().where(NudgeMute.member_id == Nudge.member_id, NudgeMute.kind == Nudge.kind)
    return list(session.execute(
        select(Nudge.id, Nudge.kind, Nudge.subject_id, Nudge.line, Nudge.local_day,
               Member.id.label("member_id"), Member.team_id, Member.slack_user_id, Member.tz,
               muted.label("muted"))
        .join(Member, Member.id == Nudge.member_id)
        .where(Nudge.status == NudgeStatus.HELD).order_by(Nudge.created_at, Nudge.id)))


def _still_due(session: Session, held: list[Any],
               liveness: Mapping[NudgeKind, Liveness]) -> set[int]:
    """The ids of held nudges that are still true: not muted since, subject still due."""
    by_kind: dict[NudgeKind, set[int]] = defaultdict(set)
    for row in held:
        by_kind[row.kind].add(row.subject_id)
    live = {kind: liveness[kind](session, subjects) if kind in liveness else subjects
            for kind, subjects in by_kind.items()}
    return {row.id for row in held if not row.muted and row.subject_id in live[row.kind]}


def send_digests(session: Session, *, now: datetime,
                 liveness: Mapping[NudgeKind, Liveness]) -> int:
    """One digest DM to each person with nudges held on an earlier day, once it is working
    time where they are; returns how many digests are owed."""
    held = _held(session)
    if not held:
        return 0
    programmes = every_programme(session)
    due_people: dict[int, list[Any]] = defaultdict(list)
    for row in held:
        recipient = Recipient.of(row)
        digest = _digest_due(recipient, now)
        if row.local_day < local_day(now, row.tz) and may_reach(
                digest, programmes.get(row.team_id), now):
            due_people[row.member_id].append(row)
    taken = [row for rows in due_people.values() for row in rows]
    if not taken:
        return 0
    live = _still_due(session, taken, liveness)
    digests = []
    for rows in due_people.values():
        lines = [row.line for row in rows if row.id in live]
        if lines:
            digests.append(_digest_due(Recipient.of(rows[0]), now, lines=lines))
    _settle(session, taken, live)
    return _send(session, digests, now)


def _digest_due(recipient: Recipient, now: datetime, lines: list[str] | None = None) -> Due:
    """The digest as a nudge of its own: once per person and local day."""
    day = datetime.fromisoformat(local_day(now, recipient.tz)).replace(tzinfo=now.tzinfo)
    return Due(kind=NudgeKind.DIGEST, subject_id=recipient.member_id, anchor_at=day, step=0,
               due_at=now, recipient=recipient, message=OutboxKind.NUDGE_DIGEST,
               payload={"lines": lines or []})


def _settle(session: Session, taken: list[Any], live: set[int]) -> None:
    """Held nudges become part of the digest, or dropped when no longer true."""
    for status, ids in ((NudgeStatus.DIGESTED, [r.id for r in taken if r.id in live]),
                        (NudgeStatus.DROPPED, [r.id for r in taken if r.id not in live])):
        if ids:
            session.execute(update(Nudge).where(Nudge.id.in_(ids)).values(status=status))


def _send(session: Session, digests: list[Due], now: datetime) -> int:
    """Owe each digest once (a second tick the same morning adds nothing)."""
    record_sent(session, dues=digests, now=now)
    return outbox.enqueue_many(session, rows=[owed_dm(d, mutable=False) for d in digests],
                               now=now)
