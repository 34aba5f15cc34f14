"""What the two newcomer reminders share: schedules anchored at registration, and the SQL that
keeps only the people who have a step to be sent now."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, false, or_, true

from domain.programme import ProgrammeSnapshot, ReminderTimings
from domain.reminders import Schedule, days

# Three days rather than two: a step that falls due on a Friday evening is still found on
# Monday morning, while someone who registered months ago is never reminded on deploy.
GRACE = timedelta(days=3)


def schedules_of(programmes: Mapping[str, ProgrammeSnapshot],
                 offsets: Callable[[ReminderTimings], tuple[int, ...]]) -> dict[str, Schedule]:
    """Each programme's schedule of this kind (days after registration, in order); a
    programme that lists no days sends none."""
    found = {}
    for team_id, programme in programmes.items():
        counts = sorted({count for count in offsets(programme.reminders) if count >= 0})
        if counts:
            found[team_id] = Schedule(days(*counts), GRACE)
    return found


def step_unsent(team: ColumnElement[str], anchor: ColumnElement[datetime],
                last: ColumnElement[Any], schedules: Mapping[str, Schedule],
                now: datetime) -> ColumnElement[bool]:
    """Rows whose programme's schedule has a step due now, not too late, beyond the last one
    recorded: `Schedule.step_due` spelt in SQL, so that a query with a LIMIT takes only rows
    it will act on and none behind them waits for ever."""
    teams_by_schedule: dict[Schedule, list[str]] = defaultdict(list)
    for team_id, schedule in schedules.items():
        teams_by_schedule[schedule].append(team_id)
    return or_(false(), *(and_(team.in_(teams), _any_step_unsent(schedule, anchor, last, now))
                          for schedule, teams in teams_by_schedule.items()))


def _any_step_unsent(schedule: Schedule, anchor: ColumnElement[datetime],
                     last: ColumnElement[Any], now: datetime) -> ColumnElement[bool]:
    """Step k is the one due when its moment has passed, within the grace, and the next
    step's moment has not; it is owed when the ledger has no step k or later."""
    offsets = schedule.offsets
    steps = []
    for step, offset in enumerate(offsets):
        before_next = anchor > now - offsets[step + 1] if step + 1 < len(offsets) else true()
        steps.append(and_(anchor <= now - offset, anchor >= now - offset - schedule.grace,
                          before_next, or_(last.is_(None), last < step)))
    return or_(*steps)

