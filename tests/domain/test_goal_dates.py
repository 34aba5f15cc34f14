"""How far off a goal is, from the viewer's own date."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from domain.errors import InvalidInput
from domain.goals import GoalAnswers, check_goal, due_label, local_today

TODAY = date(2026, 11, 22)


@pytest.mark.parametrize(("due", "expected"), [
    (date(2026, 11, 28), "Due 6 days from now"),
    (date(2026, 11, 23), "Due 1 day from now"),
    (TODAY, "Due today"),
    (date(2026, 11, 21), "Overdue by 1 day"),
    (date(2026, 11, 20), "Overdue by 2 days"),
    (None, "No completion date"),
])
def test_due_label_counts_days_from_the_viewer_s_today(due: date | None, expected: str) -> None:
    assert due_label(due, TODAY) == expected


def test_local_today_is_the_date_where_the_viewer_is() -> None:
    late_in_london = datetime(2026, 11, 22, 23, 30, tzinfo=UTC)
    assert local_today("Europe/London", late_in_london) == date(2026, 11, 22)
    assert local_today("Asia/Tokyo", late_in_london) == date(2026, 11, 23)
    assert local_today("America/New_York", datetime(2026, 11, 22, 3, tzinfo=UTC)) == \
        date(2026, 11, 21)
    assert local_today("Not/AZone", late_in_london) == date(2026, 11, 22)


def test_a_goal_needs_a_label_and_a_date_or_no_date() -> None:
    with pytest.raises(InvalidInput) as refused:
        check_goal(GoalAnswers("", "", None, False), TODAY)
    assert set(refused.value.errors) == {"label", "due_on"}
    with pytest.raises(InvalidInput):
        check_goal(GoalAnswers("x" * 121, "", None, True), TODAY)
    checked = check_goal(GoalAnswers(" Lead a project ", "", TODAY, True), TODAY)
    assert (checked.label, checked.due_on) == ("Lead a project", None)
