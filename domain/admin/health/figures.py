"""What the health report holds: counts and measures of the programme, never who said what."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from domain.admin.health.months import Monthly, month_label
from domain.model import Stage


@dataclass(frozen=True)
class MemberFigures:
    """Members taking part now, by role, and how many joined each month."""

    mentors_only: int
    mentees_only: int
    both: int
    joined: Monthly

    @property
    def total(self) -> int:
        """Everyone taking part."""
        return self.mentors_only + self.mentees_only + self.both

    @property
    def mentors(self) -> int:
        """Everyone who mentors (some also have a mentor)."""
        return self.mentors_only + self.both

    @property
    def mentees(self) -> int:
        """Everyone who is mentored (some also mentor)."""
        return self.mentees_only + self.both


@dataclass(frozen=True)
class ProposalFigures:
    """Mentor requests: totals since the start, and each month by when it happened."""

    sent: int
    accepted: int
    declined: int
    expired: int
    withdrawn: int
    waiting: int
    sent_by_month: Monthly
    accepted_by_month: Monthly
    declined_by_month: Monthly
    expired_by_month: Monthly
    withdrawn_by_month: Monthly
    # Hours from a request to the mentor's accept or decline, over the window and by month.
    median_answer_hours: float | None
    median_answer_by_month: Monthly


@dataclass(frozen=True)
class RelationshipFigures:
    """Mentoring relationships: where they stand now, and started or completed each month."""

    active: int
    completed: int
    ended_early: int
    closed_inactive: int  # closed by the programme after a warning: neither of the above
    by_stage: tuple[tuple[Stage, int], ...]  # active relationships, in road-map order
    started_by_month: Monthly
    completed_by_month: Monthly

    @property
    def started(self) -> int:
        """Every relationship there has been."""
        return self.active + self.completed + self.ended_early + self.closed_inactive


@dataclass(frozen=True)
class MeetingFigures:
    """Meetings held (not cancelled, start time passed), and those still to come."""

    held: int
    upcoming: int
    held_by_month: Monthly


@dataclass(frozen=True)
class GoalFigures:
    """SMART goals set and completed."""

    set: int
    completed: int
    set_by_month: Monthly
    completed_by_month: Monthly


@dataclass(frozen=True)
class Comment:
    """A feedback comment with only the month it came in: no name, no pair, no day."""

    month: date
    what_worked: str
    could_be_better: str

    @property
    def when(self) -> str:
        """'Nov 2026'."""
        return month_label(self.month)


@dataclass(frozen=True)
class FeedbackFigures:
    """Answers to the end-of-relationship survey, averaged, and the latest comments."""

    answers: int
    average_rating: float | None  # 1 to 5
    recommend_share: float | None  # 0 to 1: would recommend mentoring to a colleague
    goals_met: tuple[tuple[str, int], ...]  # ("fully", n), ("mostly", n), ...
    answers_by_month: Monthly
    rating_by_month: Monthly
    comments: tuple[Comment, ...]


@dataclass(frozen=True)
class HealthReport:
    """The programme's health over the last 12 calendar months (UTC), this month last."""

    programme: str
    as_of: datetime
    months: tuple[date, ...]
    members: MemberFigures
    proposals: ProposalFigures
    relationships: RelationshipFigures
    meetings: MeetingFigures
    goals: GoalFigures
    feedback: FeedbackFigures

    @property
    def labels(self) -> tuple[str, ...]:
        """'Dec 2025' … 'Nov 2026'."""
        return tuple(month_label(m) for m in self.months)

    @property
    def period(self) -> str:
        """'Dec 2025 to Nov 2026', with an en dash."""
        return f"{self.labels[0]} – {self.labels[-1]}"
