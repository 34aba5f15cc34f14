"""The report's calendar: the last 12 calendar months in UTC, and a figure month by month."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import ColumnElement, and_, case

MONTHS = 12
UP, DOWN, FLAT = "↑", "↓", "→"


def month_starts(now: datetime) -> tuple[datetime, ...]:
    """The first instant of each of the last 12 months (this one last), and of the next."""
    year, month = now.astimezone(UTC).year, now.astimezone(UTC).month
    starts = []
    for back in range(MONTHS - 1, -2, -1):
        index = year * 12 + (month - 1) - back
        starts.append(datetime(index // 12, index % 12 + 1, 1, tzinfo=UTC))
    return tuple(starts)


def month_of(column: ColumnElement[datetime], starts: Sequence[datetime]) -> ColumnElement[int]:
    """SQL for the window's month a timestamp falls in (0 = oldest, 11 = this one), NULL
    outside it: plain comparisons with bound instants, the same on every database."""
    return case(*((and_(column >= starts[n], column < starts[n + 1]), n)
                  for n in range(MONTHS)), else_=None)


def month_label(first_day: date) -> str:
    """'Nov 2026'."""
    return first_day.strftime("%b %Y")


def trend(this: float | None, last: float | None) -> str:
    """↑, ↓ or → from last month to this one (→ when either is unknown)."""
    if this is None or last is None or this == last:
        return FLAT
    return UP if this > last else DOWN


@dataclass(frozen=True)
class Monthly:
    """One figure for each month of the window, oldest first (None where nothing to measure)."""

    values: tuple[float | None, ...]

    @classmethod
    def counted(cls, pairs: Iterable[tuple[int | None, float]]) -> Monthly:
        """Totals per month from (month index, amount) pairs; other indexes are ignored."""
        values = [0.0] * MONTHS
        for index, amount in pairs:
            if index is not None and 0 <= index < MONTHS:
                values[index] += amount
        return cls(tuple(int(v) if float(v).is_integer() else v for v in values))

    @classmethod
    def measured(cls, by_month: dict[int, float]) -> Monthly:
        """A measure (an average, a median) where known, None in the other months."""
        return cls(tuple(by_month.get(n) for n in range(MONTHS)))

    @property
    def this_month(self) -> float | None:
        """The current (partial) month."""
        return self.values[-1]

    @property
    def last_month(self) -> float | None:
        """The month before."""
        return self.values[-2]

    @property
    def arrow(self) -> str:
        """How this month compares with the last."""
        return trend(self.this_month, self.last_month)

    @property
    def total(self) -> float:
        """The sum over the window (for counts)."""
        return sum(v or 0 for v in self.values)
