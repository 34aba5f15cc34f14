"""Home tabs follow the rows they show, whichever code changes them."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from domain.model import DiaryEntry, Goal, GoalMilestone, HomeRefresh, Relationship
from tests.support import seed

WHEN = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def refreshed(session: Session) -> set[str]:
    """Whose Homes are waiting to be re-published."""
    session.flush()
    return set(session.scalars(select(HomeRefresh.user_id)))


def start_afresh(session: Session) -> None:
    session.flush()
    session.execute(delete(HomeRefresh))


def matched(session: Session) -> Relationship:
    lists = seed.programme(session)
    john = seed.mentor(session, lists, "UJOHN", areas=[0])
    alice = seed.mentee(session, lists, "UALICE", areas=[0])
    return seed.pair(session, john, alice)


def goal_of(session: Session, pair: Relationship) -> Goal:
    goal = Goal(team_id="T1", relationship_id=pair.id, author_id=pair.mentee_id, milestones=[],
                label="Run the depot review", details="", due_on=None, status="open",
                outcome_note="", created_at=WHEN, updated_at=WHEN)
    session.add(goal)
    return goal


def test_a_milestone_refreshes_both_sides_of_the_pair(session: Session) -> None:
    pair = matched(session)
    goal = goal_of(session, pair)
    start_afresh(session)
    goal.milestones.append(GoalMilestone(kind="milestone", text="Kick-off held",
                                         happened_on=date(2026, 11, 23), created_at=WHEN))
    assert refreshed(session) == {"UALICE", "UJOHN"}


def test_a_diary_entry_refreshes_its_author_alone(session: Session) -> None:
    pair = matched(session)
    start_afresh(session)
    session.add(DiaryEntry(team_id="T1", author_id=pair.mentor_id, title="What I learnt",
                           reflection="", entry_date=date(2026, 11, 23), created_at=WHEN,
                           updated_at=WHEN))
    assert refreshed(session) == {"UJOHN"}


def test_a_profile_change_reaches_the_partner_who_shows_it(session: Session) -> None:
    pair = matched(session)
    start_afresh(session)
    pair.mentor.organisation = "Kember Freight"
    assert refreshed(session) == {"UALICE", "UJOHN"}


def test_unchanged_values_ask_for_nothing(session: Session) -> None:
    pair = matched(session)
    start_afresh(session)
    pair.mentor.organisation = pair.mentor.organisation
    assert refreshed(session) == set()


def test_a_rolled_back_change_asks_for_nothing(session: Session) -> None:
    pair = matched(session)
    start_afresh(session)
    savepoint = session.begin_nested()
    goal_of(session, pair)
    session.flush()
    savepoint.rollback()
    assert refreshed(session) == set()
