"""Goal reminders: 3 days before the date, on the day and once overdue, in the author's own day."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from blocks.notifications import render_text
from domain.goals import GoalAnswers, complete_goal, create_goal, edit_goal
from domain.model import Goal, Member, NudgeKind, OutboxKind, Programme, RelationshipStatus
from domain.programme import ProgrammeLists
from domain.reminders import mute_reminders
from domain.reminders.kinds import send_morning_digests
from domain.reminders.kinds.goals import remind_goals
from tests.support import seed
from tests.support.statements import counting

# Alice lives in New York (UTC-5 in November); her goal is due on Friday 27 November.
FRIDAY = date(2026, 11, 27)
SET_ON = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A UTC moment in November 2026 (or early December past the 30th)."""
    month, day = (11, day) if day <= 30 else (12, day - 30)
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


def set_goal(session: Session, author: Member, relationship_id: int, due_on: date | None,
             label: str = "Run a team meeting", now: datetime = SET_ON) -> Goal:
    """The author sets a goal from the goal form."""
    return create_goal(session, actor=seed.actor(author), relationship_id=relationship_id,
                       answers=GoalAnswers(label, "", due_on, due_on is None), now=now)


def reminders(session: Session) -> list[tuple[str, str]]:
    """(recipient, text) of every goal reminder owed so far."""
    return [(row.recipient_user_id, render_text(OutboxKind.GOAL_DUE, row.payload))
            for row in seed.dms(session, OutboxKind.GOAL_DUE)]


def matched(session: Session, lists: ProgrammeLists) -> tuple[Member, Member, int]:
    """John Smith mentors Alice Kember: the two and their relationship's id."""
    john, alice, pair = seed.pair_of(session, lists)
    return john, alice, pair.id


def new_yorker(session: Session, lists: ProgrammeLists) -> tuple[Member, Member, int]:
    """John Smith mentors Alice Kember, who lives in New York."""
    john, alice, pair = matched(session, lists)
    alice.tz = "America/New_York"
    session.flush()
    return john, alice, pair


def test_the_author_hears_three_days_before_on_the_day_and_once_overdue_in_her_own_day(
        session: Session, lists: ProgrammeLists) -> None:
    _, alice, pair = new_yorker(session, lists)
    set_goal(session, alice, pair, FRIDAY)
    # Monday 19:30 in New York is Tuesday in UTC, but still four days before for Alice.
    assert remind_goals(session, now=at(24, 0, 30)) == 0
    assert remind_goals(session, now=at(24, 12, 59)) == 0  # 07:59 in New York: not yet
    assert remind_goals(session, now=at(24, 13, 0)) == 1
    assert reminders(session) == [("UALICE", "A friendly reminder: your goal “Run a team "
                                   "meeting” is due in 3 days, on Friday 27 November.\nIf it's "
                                   "done, mark it complete. If it needs a little longer, that's "
                                   "fine: change the date so John Smith knows where you are.")]
    assert remind_goals(session, now=at(24, 13, 15)) == 0  # once
    # Thursday evening in New York is Friday in UTC: not yet "due today".
    assert remind_goals(session, now=at(27, 0, 30)) == 0
    assert remind_goals(session, now=at(27, 13, 0)) == 1
    assert "“Run a team meeting” is due today." in reminders(session)[-1][1]
    assert remind_goals(session, now=at(27, 18, 0)) == 0
    # Overdue from Saturday, a quiet weekend day: it waits for Monday morning in New York.
    assert remind_goals(session, now=at(28, 14, 0)) == 0
    assert remind_goals(session, now=at(30, 12, 45)) == 0
    assert remind_goals(session, now=at(30, 13, 0)) == 1
    assert "is overdue: it was due on Friday 27 November." in reminders(session)[-1][1]
    for later in (at(30, 15, 0), at(31, 14, 0), at(34, 14, 0)):
        assert remind_goals(session, now=later) == 0
    assert [who for who, _ in reminders(session)] == ["UALICE"] * 3  # never her partner


def test_each_author_hears_of_their_own_goals_only(session: Session,
                                                    lists: ProgrammeLists) -> None:
    john, alice, pair = matched(session, lists)
    set_goal(session, alice, pair, FRIDAY, "Alice's goal")
    set_goal(session, john, pair, date(2026, 11, 26), "John's goal")
    assert remind_goals(session, now=at(26, 9, 0)) == 2  # UTC both: Alice 1 day ahead, John today
    assert sorted(reminders(session)) == [
        ("UALICE", "A friendly reminder: your goal “Alice's goal” is due tomorrow, Friday 27 "
                   "November.\nIf it's done, mark it complete. If it needs a little longer, "
                   "that's fine: change the date so John Smith knows where you are."),
        ("UJOHN", "Your goal “John's goal” is due today.\nIf it's done, mark it complete. If it "
                  "needs a little longer, that's fine: change the date so Alice Kember knows "
                  "where you are.")]


def test_a_goal_completed_on_time_is_never_called_overdue(session: Session,
                                                          lists: ProgrammeLists) -> None:
    _, alice, pair = new_yorker(session, lists)
    goal = set_goal(session, alice, pair, FRIDAY)
    assert remind_goals(session, now=at(27, 13, 0)) == 1
    complete_goal(session, actor=seed.actor(alice), goal_id=goal.id, note="", now=at(27, 15, 0))
    for later in (at(30, 13, 0), at(30, 18, 0), at(31, 13, 0)):
        assert remind_goals(session, now=later) == 0
    assert len(reminders(session)) == 1


def test_moving_the_date_drops_the_old_schedule_and_starts_a_new_one(
        session: Session, lists: ProgrammeLists) -> None:
    _, alice, pair = new_yorker(session, lists)
    goal = set_goal(session, alice, pair, FRIDAY)
    assert remind_goals(session, now=at(24, 13, 0)) == 1
    edit_goal(session, actor=seed.actor(alice), goal_id=goal.id, now=at(25, 14, 0),
              answers=GoalAnswers("Run a team meeting", "", date(2026, 12, 4), False))
    for old in (at(27, 13, 0), at(30, 13, 0)):  # the old date's "today" and "overdue"
        assert remind_goals(session, now=old) == 0
    assert remind_goals(session, now=at(31, 13, 0)) == 1  # Tuesday 1 December
    assert "is due in 3 days, on Friday 4 December." in reminders(session)[-1][1]
    assert remind_goals(session, now=at(34, 13, 0)) == 1
    assert "is due today." in reminders(session)[-1][1]


def test_a_step_that_fell_due_before_the_goal_was_set_is_not_sent(
        session: Session, lists: ProgrammeLists) -> None:
    _, alice, pair = matched(session, lists)
    set_goal(session, alice, pair, FRIDAY, now=at(26, 10, 0))  # a day before: no "in 3 days"
    set_goal(session, alice, pair, date(2026, 11, 25), "Set after the fact", now=at(26, 10, 0))
    assert remind_goals(session, now=at(26, 11, 0)) == 0
    assert remind_goals(session, now=at(27, 9, 0)) == 1
    assert reminders(session)[-1][1].startswith("Your goal “Run a team meeting” is due today.")


def test_undated_goals_and_goals_of_ended_relationships_are_not_reminded(
        session: Session, lists: ProgrammeLists) -> None:
    _, alice, pair = matched(session, lists)
    set_goal(session, alice, pair, None, "Whenever")
    ended = seed.pair(session, seed.mentor(session, lists, "UCAROL", areas=[1]), alice)
    set_goal(session, alice, ended.id, FRIDAY, "From an old pairing")
    ended.status = RelationshipStatus.WITHDRAWN
    session.flush()
    assert remind_goals(session, now=at(27, 9, 0)) == 0


def test_a_muted_author_and_a_paused_programme_get_nothing(session: Session,
                                                           lists: ProgrammeLists) -> None:
    john, alice, pair = matched(session, lists)
    set_goal(session, alice, pair, FRIDAY, "Alice's goal")
    set_goal(session, john, pair, FRIDAY, "John's goal")
    mute_reminders(session, actor=seed.actor(alice), kind=NudgeKind.GOAL_DUE, now=SET_ON)
    programme = session.scalars(select(Programme)).one()
    programme.nudges_paused = True
    session.flush()
    assert remind_goals(session, now=at(24, 9, 0)) == 0
    programme.nudges_paused = False
    session.flush()
    assert remind_goals(session, now=at(24, 9, 0)) == 1
    assert [who for who, _ in reminders(session)] == ["UJOHN"]


def test_a_held_reminder_leaves_the_digest_once_the_goal_is_complete(
        session: Session, lists: ProgrammeLists) -> None:
    _, alice, pair = matched(session, lists)
    set_goal(session, alice, pair, FRIDAY, "Sent at once")
    done = set_goal(session, alice, pair, FRIDAY, "Done by the morning")
    set_goal(session, alice, pair, FRIDAY, "Still open")
    session.scalars(select(Programme)).one().daily_nudge_cap = 1
    session.flush()
    assert remind_goals(session, now=at(24, 9, 0)) == 1  # the other two are held over the cap
    assert "“Sent at once”" in reminders(session)[0][1]
    complete_goal(session, actor=seed.actor(alice), goal_id=done.id, note="", now=at(24, 18, 0))
    assert send_morning_digests(session, now=at(25, 9, 0)) == 1
    assert seed.dms(session, OutboxKind.NUDGE_DIGEST)[0].payload["lines"] == [
        "Your goal “Still open” is due on Friday 27 November: open it from Goals due on your "
        "Home to mark it complete or change its date."]


def test_the_programme_chooses_how_many_days_before(session: Session,
                                                    lists: ProgrammeLists) -> None:
    _, alice, pair = matched(session, lists)
    set_goal(session, alice, pair, date(2026, 12, 2), "Five days ahead")
    programme = session.scalars(select(Programme)).one()
    programme.reminder_timings = {"goal_days_before": 5}
    session.flush()
    assert remind_goals(session, now=at(27, 9, 0)) == 1  # Friday, five days before the 2nd
    assert "is due in 5 days, on Wednesday 2 December." in reminders(session)[-1][1]
    programme.reminder_timings = {"goal_days_before": 0}
    session.flush()
    assert remind_goals(session, now=at(31, 9, 0)) == 0  # the day before the 2nd: nothing
    assert remind_goals(session, now=at(32, 9, 0)) == 1
    assert "“Five days ahead” is due today." in reminders(session)[-1][1]


def _seed_goals(session: Session, lists: ProgrammeLists, pairs: int) -> None:
    """`pairs` pairs, each mentee with a goal due in three days and one long past."""
    for n in range(pairs):
        mentor = seed.mentor(session, lists, f"UM{pairs}X{n}", areas=[1])
        mentee = seed.mentee(session, lists, f"UE{pairs}X{n}", areas=[1])
        relationship = seed.pair(session, mentor, mentee)
        set_goal(session, mentee, relationship.id, FRIDAY)
        set_goal(session, mentee, relationship.id, date(2026, 10, 1), "Long past")


def test_a_tick_costs_the_same_statements_for_two_goals_as_for_forty(
        session: Session, lists: ProgrammeLists) -> None:
    counts = []
    for pairs in (2, 40):
        session.execute(Goal.__table__.update().values(status="completed"))
        _seed_goals(session, lists, pairs)
        with counting(session.get_bind()) as statements:
            assert remind_goals(session, now=at(24 if pairs == 2 else 25, 9, 0)) == pairs
        counts.append(len(statements))
    # programmes, the goals, their recorded steps; then sending: programmes, the day's
    # counts, the ledger, the outbox
    assert counts == [7, 7], statements
