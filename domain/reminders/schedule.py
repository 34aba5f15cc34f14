"""What falls due: a kind's schedule (offsets from an anchor) and the nudges it yields.

Every tick computes what is due from the tables themselves. A kind's query finds the
subjects whose schedule has a step due by now that was not yet recorded for that person
(`last_step` reads the ledger), so nothing depends on a job store, and a subject that
changed (a meeting moved, a request answered) simply stops being found."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, ScalarSelect, and_, exists, func, select
from sqlalchemy.orm import Session

from domain.model import Nudge, NudgeKind, NudgeMute, OutboxKind

# Ids per IN (...) list: inside SQLite's limit on bound parameters.
IN_BATCH = 5000


@dataclass(frozen=True)
class Schedule:
    """When a kind falls due: offsets from its anchor in order (negative: before it). A step
    found more than `grace` after its moment is skipped, so that a new kind, or a scheduler
    that was down for a week, never sends a backlog of stale reminders. The default outlasts
    a quiet weekend (Friday 20:00 to Monday 08:00), so a step due then still goes on Monday."""

    offsets: tuple[timedelta, ...]
    grace: timedelta = timedelta(days=4)

    def step_due(self, anchor: datetime, now: datetime, after_step: int | None) -> int | None:
        """The latest step due by `now` beyond `after_step` (the last one recorded), if any."""
        due = [step for step, offset in enumerate(self.offsets) if anchor + offset <= now]
        if not due or due[-1] <= (after_step if after_step is not None else -1):
            return None
        step = due[-1]
        return step if now - (anchor + self.offsets[step]) <= self.grace else None

    def moment(self, anchor: datetime, step: int) -> datetime:
        """When `step` falls due."""
        return anchor + self.offsets[step]


def days(*counts: int) -> tuple[timedelta, ...]:
    """Offsets of whole days after the anchor."""
    return tuple(timedelta(days=count) for count in counts)


def widest(schedules: Iterable[Schedule]) -> tuple[timedelta, timedelta]:
    """(earliest offset, latest offset plus grace) across the programmes' schedules: the SQL
    window that holds every anchor any programme may have due."""
    listed = list(schedules) or [Schedule(offsets=(timedelta(0),))]
    return (min(s.offsets[0] for s in listed),
            max(s.offsets[-1] + s.grace for s in listed))


def in_window(anchor: ColumnElement[datetime], schedules: Iterable[Schedule],
              now: datetime) -> ColumnElement[bool]:
    """Anchors with some step of some programme's schedule due by now and not too late."""
    first, last = widest(schedules)
    return and_(anchor <= now - first, anchor >= now - last)


def last_step(kind: NudgeKind, subject: ColumnElement[int], member: ColumnElement[int],
              anchor: ColumnElement[datetime]) -> ScalarSelect[Any]:
    """The last step recorded for this person on this schedule (NULL when none), as a column."""
    return (select(func.max(Nudge.step))
            .where(Nudge.kind == kind, Nudge.subject_id == subject, Nudge.member_id == member,
                   Nudge.anchor_at == anchor)
            .correlate_except(Nudge).scalar_subquery())


def batches(ids: Collection[int]) -> list[list[int]]:
    """The ids, sorted and without repeats, in lists short enough for one IN (...) each."""
    listed = sorted(set(ids))
    return [listed[start:start + IN_BATCH] for start in range(0, len(listed), IN_BATCH)]


def recorded_steps(session: Session, *, kind: NudgeKind, subject_ids: Collection[int]
                   ) -> dict[tuple[int, int, datetime], int]:
    """The last step recorded for each (subject, member, anchor) of these subjects, for kinds
    whose anchor is not a timestamp column (`last_step` is the in-query form). One statement
    per `IN_BATCH` subjects."""
    found: dict[tuple[int, int, datetime], int] = {}
    for batch in batches(subject_ids):
        rows = session.execute(
            select(Nudge.subject_id, Nudge.member_id, Nudge.anchor_at, func.max(Nudge.step))
            .where(Nudge.kind == kind, Nudge.subject_id.in_(batch))
            .group_by(Nudge.subject_id, Nudge.member_id, Nudge.anchor_at))
        found.update({(subject, member, anchor): step for subject, member, anchor, step in rows})
    return found


def not_muted(kind: NudgeKind, member: ColumnElement[int]) -> ColumnElement[bool]:
    """People who have not muted this kind of reminder."""
    return ~exists().where(NudgeMute.member_id == member, NudgeMute.kind == kind)


@dataclass(frozen=True)
class Recipient:
    """Who a nudge goes to, with what working hours need to know."""

    member_id: int
    team_id: str
    slack_user_id: str
    tz: str

    @classmethod
    def of(cls, row: Any, member_id: int | None = None) -> Recipient:
        """The member a query row names (its `member_id`, unless another column is given),
        with their team, Slack id and zone."""
        chosen = row.member_id if member_id is None else member_id
        return cls(chosen, row.team_id, row.slack_user_id, row.tz)


@dataclass(frozen=True)
class Due:
    """One nudge owed now: its schedule step, its recipient and the DM that carries it."""

    kind: NudgeKind
    subject_id: int
    anchor_at: datetime
    step: int
    due_at: datetime
    recipient: Recipient
    message: OutboxKind
    payload: dict[str, Any] = field(hash=False, compare=False)
    line: str = ""  # what a digest says of it, in mrkdwn
    urgent: bool = False  # on time whatever the hour, and never held over the day's cap

    @property
    def key(self) -> str:
        """Once per kind, subject, person, schedule and step."""
        return (f"{self.kind}:{self.subject_id}:{self.recipient.member_id}:"
                f"{self.anchor_at.strftime('%Y%m%dT%H%M%S')}:{self.step}")
