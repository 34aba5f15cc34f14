"""Goals as use cases: validation, the author alone changes them, milestones, lists and PDFs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from domain import goals
from domain.errors import InvalidInput, NotAllowed, NotFound
from domain.goals import GoalAnswers
from domain.lifecycle import NotPossibleNow
from domain.model import (
    Goal,
    GoalMilestone,
    GoalStatus,
    Member,
    OutboxMessage,
    Relationship,
    RelationshipStatus,
)
from domain.programme import ProgrammeLists
from tests.support import seed
from tests.support.clock import FakeClock
from tests.support.seed import actor, pair_of

NETWORK = GoalAnswers(label="Grow my network", details="Meet ten people in freight.",
                      due_on=date(2027, 3, 1), no_due_date=False)


@pytest.fixture
def alices_goal(session: Session, lists: ProgrammeLists, clock: FakeClock) -> Goal:
    """A goal Alice, John's mentee, has set in their relationship."""
    _, alice, pair = pair_of(session, lists)
    return set_goal(session, alice, pair, clock)


def set_goal(session: Session, author: Member, pair: Relationship, clock: FakeClock,
             **changes: object) -> Goal:
    return goals.create_goal(session, actor=actor(author), relationship_id=pair.id,
                             answers=replace(NETWORK, **changes), now=clock.now())


# Setting a goal -----------------------------------------------------------------------------

def test_either_side_sets_a_goal_of_their_own(
    session: Session, lists: ProgrammeLists, clock: FakeClock
) -> None:
    john, alice, pair = pair_of(session, lists)
    mine = set_goal(session, alice, pair, clock, label="  Grow my network  ")
    assert (mine.label, mine.details, mine.due_on) == ("Grow my network",
                                                       "Meet ten people in freight.",
                                                       date(2027, 3, 1))
    assert (mine.status, mine.author_id, mine.team_id, mine.created_at) == (
        GoalStatus.OPEN, alice.id, "T1", clock.now())
    his = set_goal(session, john, pair, clock, due_on=date(2027, 1, 1), no_due_date=True)
    assert his.author_id == john.id and his.due_on is None  # the tick wins over a stale date


@pytest.mark.parametrize(("changes", "field", "says"), [
    ({"label": "   "}, "label", "Please enter your goal."),
    ({"label": "x" * 121}, "label", "to 120 characters"),
    ({"details": "x" * 2001}, "details", "to 2000 characters"),
    ({"due_on": None}, "due_on", "No completion date"),
    ({"due_on": date(9999, 12, 31)}, "due_on", "within ten years"),
    ({"due_on": date(1, 1, 1)}, "due_on", "within ten years"),
])
def test_a_goal_with_a_wrong_field_is_refused_naming_it(
    session: Session, lists: ProgrammeLists, clock: FakeClock, changes: dict[str, object],
    field: str, says: str
) -> None:
    _, alice, pair = pair_of(session, lists)
    with pytest.raises(InvalidInput) as refused:
        set_goal(session, alice, pair, clock, **changes)
    assert list(refused.value.errors) == [field] and says in refused.value.errors[field]
    assert session.scalars(select(Goal)).all() == []


def test_every_wrong_field_is_named_at_once(
    session: Session, lists: ProgrammeLists, clock: FakeClock
) -> None:
    _, alice, pair = pair_of(session, lists)
    with pytest.raises(InvalidInput) as refused:
        set_goal(session, alice, pair, clock, label="", details="x" * 2001, due_on=None)
    assert set(refused.value.errors) == {"label", "details", "due_on"}


@pytest.mark.parametrize(("status", "says"), [(RelationshipStatus.WITHDRAWN, "has ended"),
                                              (RelationshipStatus.COMPLETED, "has been completed")])
def test_no_goal_is_set_once_the_relationship_is_over(
    session: Session, lists: ProgrammeLists, clock: FakeClock, status: str, says: str
) -> None:
    _, alice, pair = pair_of(session, lists)
    pair.status = status
    with pytest.raises(NotPossibleNow, match=f"{says}, so new goals can't be set"):
        set_goal(session, alice, pair, clock)
    assert session.scalars(select(Goal)).all() == []


# Changing one's own goal --------------------------------------------------------------------

def test_the_author_edits_completes_reopens_and_deletes_their_goal(
    session: Session, clock: FakeClock, alices_goal: Goal
) -> None:
    goal, pair = alices_goal, alices_goal.pair
    me = actor(goal.author)
    goals.edit_goal(session, actor=me, goal_id=goal.id, now=clock.advance(days=1),
                    answers=GoalAnswers("Grow my network abroad", "", None, True))
    assert (goal.label, goal.details, goal.due_on) == ("Grow my network abroad", "", None)
    assert goal.updated_at == clock.now()
    with pytest.raises(InvalidInput):
        goals.edit_goal(session, actor=me, goal_id=goal.id, now=clock.now(),
                        answers=replace(NETWORK, label=""))
    assert goal.label == "Grow my network abroad"

    goals.complete_goal(session, actor=me, goal_id=goal.id, note="Met twelve people.",
                        now=clock.advance(days=1))
    assert (goal.status, goal.outcome_note, goal.completed_at) == (
        GoalStatus.COMPLETED, "Met twelve people.", clock.now())
    with pytest.raises(InvalidInput) as refused:
        goals.complete_goal(session, actor=me, goal_id=goal.id, note="x" * 2001,
                            now=clock.now())
    assert list(refused.value.errors) == ["note"]
    # A Mark complete kept in an old reminder leaves the outcome as it was.
    with pytest.raises(NotPossibleNow, match="“Grow my network abroad” is already complete"):
        goals.complete_goal(session, actor=me, goal_id=goal.id, note="", now=clock.now())
    assert goal.outcome_note == "Met twelve people."
    goals.reopen_goal(session, actor=me, goal_id=goal.id, now=clock.advance(days=1))
    assert (goal.status, goal.completed_at) == (GoalStatus.OPEN, None)

    goals.add_milestone(session, actor=me, goal_id=goal.id, kind="review", text="Halfway.",
                        happened_on=date(2026, 12, 1), now=clock.now())
    assert goals.delete_goal(session, actor=me, goal_id=goal.id, now=clock.now()) == pair.id
    assert session.scalars(select(Goal)).all() == []
    assert session.scalars(select(GoalMilestone)).all() == []


def changes_to(session: Session, goal: Goal, clock: FakeClock
               ) -> list[Callable[[Member], object]]:
    """Every change a person might try on the goal, each with a forged or real id."""
    now = clock.now()
    return [
        lambda who: goals.edit_goal(session, actor=actor(who), goal_id=goal.id,
                                    answers=replace(NETWORK, label="Hijacked"), now=now),
        lambda who: goals.complete_goal(session, actor=actor(who), goal_id=goal.id, note="",
                                        now=now),
        lambda who: goals.reopen_goal(session, actor=actor(who), goal_id=goal.id, now=now),
        lambda who: goals.add_milestone(session, actor=actor(who), goal_id=goal.id,
                                        kind="milestone", text="Hijacked",
                                        happened_on=date(2026, 12, 1), now=now),
        lambda who: goals.remove_milestone(session, actor=actor(who),
                                           milestone_id=goal.milestones[0].id, now=now),
        lambda who: goals.delete_goal(session, actor=actor(who), goal_id=goal.id, now=now),
    ]


def goal_with_a_milestone(session: Session, lists: ProgrammeLists, clock: FakeClock
                          ) -> tuple[Member, Goal]:
    john, alice, pair = pair_of(session, lists)
    goal = set_goal(session, alice, pair, clock)
    goals.add_milestone(session, actor=actor(alice), goal_id=goal.id, kind="milestone",
                        text="First event attended.", happened_on=date(2026, 11, 20),
                        now=clock.now())
    return john, goal


def assert_unchanged(session: Session, goal: Goal) -> None:
    session.expire_all()
    kept = session.scalars(select(Goal).where(Goal.id == goal.id)
                           .options(selectinload(Goal.milestones))).one_or_none()
    assert kept is not None and (kept.label, kept.status) == ("Grow my network", GoalStatus.OPEN)
    assert [m.text for m in kept.milestones] == ["First event attended."]


def test_the_partner_reads_the_goal_but_changes_nothing(
    session: Session, lists: ProgrammeLists, clock: FakeClock
) -> None:
    john, goal = goal_with_a_milestone(session, lists, clock)
    seen = goals.goal_for(session, actor=actor(john), goal_id=goal.id)
    assert seen.goal.id == goal.id and not seen.may_change
    for change in changes_to(session, goal, clock):
        with pytest.raises(NotAllowed, match="Only Alice Kember can change this goal"):
            change(john)
    assert_unchanged(session, goal)


def test_a_member_of_another_pair_cannot_read_or_change_the_goal(
    session: Session, lists: ProgrammeLists, clock: FakeClock
) -> None:
    _, goal = goal_with_a_milestone(session, lists, clock)
    carol = seed.mentor(session, lists, "UCAROL", areas=[1])
    seed.pair(session, carol, seed.mentee(session, lists, "UBOB", areas=[1]))
    with pytest.raises(NotAllowed, match="that goal isn't yours"):
        goals.goal_for(session, actor=actor(carol), goal_id=goal.id)
    for change in changes_to(session, goal, clock):
        with pytest.raises(NotAllowed, match="that goal isn't yours"):
            change(carol)
    with pytest.raises(NotAllowed, match="isn't yours"):
        set_goal(session, carol, goal.pair, clock)
    assert_unchanged(session, goal)


def test_a_member_of_another_workspace_finds_nothing_behind_a_forged_id(
    session: Session, lists: ProgrammeLists, clock: FakeClock
) -> None:
    _, goal = goal_with_a_milestone(session, lists, clock)
    elsewhere = seed.programme(session, "T2")
    eve = seed.mentee(session, elsewhere, "UALICE", areas=[1], team_id="T2")  # same Slack id
    for change in changes_to(session, goal, clock):
        with pytest.raises(NotFound, match="that goal no longer exists"):
            change(eve)
    with pytest.raises(NotFound):
        set_goal(session, eve, goal.pair, clock)
    with pytest.raises(NotFound):
        goals.goals_of(session, actor=actor(eve), relationship_id=goal.relationship_id,
                       now=clock.now())
    assert_unchanged(session, goal)


# Milestones ---------------------------------------------------------------------------------

def test_milestones_are_added_in_date_order_and_removed_once(
    session: Session, clock: FakeClock, alices_goal: Goal
) -> None:
    goal = alices_goal
    me = actor(goal.author)
    later = goals.add_milestone(session, actor=me, goal_id=goal.id, kind="outcome",
                                text="  A new job offer.  ", happened_on=date(2027, 2, 1),
                                now=clock.now())
    sooner = goals.add_milestone(session, actor=me, goal_id=goal.id, kind="review",
                                 text="Halfway review.", happened_on=date(2026, 12, 1),
                                 now=clock.advance(hours=1))
    session.refresh(goal, ["milestones"])
    assert [(m.kind, m.text) for m in goal.milestones] == [
        ("review", "Halfway review."), ("outcome", "A new job offer.")]
    assert goal.updated_at == clock.now()

    after = goals.remove_milestone(session, actor=me, milestone_id=sooner.id, now=clock.now())
    assert [m.id for m in after.goal.milestones] == [later.id] and after.may_change
    with pytest.raises(NotFound, match="already been removed"):
        goals.remove_milestone(session, actor=me, milestone_id=sooner.id, now=clock.now())
    assert [m.id for m in session.scalars(select(GoalMilestone))] == [later.id]


@pytest.mark.parametrize(("kind", "text", "happened_on", "fields"), [
    ("milestone", "", date(2026, 12, 1), {"text"}),
    ("milestone", "x" * 1001, date(2026, 12, 1), {"text"}),
    ("setback", "Lost a contact.", date(2026, 12, 1), {"kind"}),
    ("review", "Halfway.", None, {"happened_on"}),
    ("review", "Halfway.", date(9999, 12, 31), {"happened_on"}),
    ("review", "Halfway.", date(1, 1, 1), {"happened_on"}),
    ("setback", " ", None, {"text", "kind", "happened_on"}),
])
def test_a_wrong_milestone_is_refused_naming_each_field(
    session: Session, lists: ProgrammeLists, clock: FakeClock, kind: str, text: str,
    happened_on: date | None, fields: set[str]
) -> None:
    _, alice, pair = pair_of(session, lists)
    goal = set_goal(session, alice, pair, clock)
    with pytest.raises(InvalidInput) as refused:
        goals.add_milestone(session, actor=actor(alice), goal_id=goal.id, kind=kind, text=text,
                            happened_on=happened_on, now=clock.now())
    assert set(refused.value.errors) == fields
    assert session.scalars(select(GoalMilestone)).all() == []


# Lists and PDFs -----------------------------------------------------------------------------

def test_goals_list_open_ones_first_soonest_due_then_undated_and_page_by_ten(
    session: Session, lists: ProgrammeLists, clock: FakeClock
) -> None:
    john, alice, pair = pair_of(session, lists)
    first_day = date(2027, 1, 1)
    dated = [set_goal(session, alice if n % 2 else john, pair, clock, label=f"Dated {n}",
                      due_on=first_day + timedelta(days=10 - n)) for n in range(10)]
    undated = set_goal(session, alice, pair, clock, label="Someday", no_due_date=True)
    done = set_goal(session, alice, pair, clock, label="Done", due_on=first_day)
    goals.complete_goal(session, actor=actor(alice), goal_id=done.id, note="",
                        now=clock.now())
    expected = [*reversed(dated), undated, done]

    first = goals.goals_of(session, actor=actor(john), relationship_id=pair.id,
                           now=clock.now())
    assert (first.page, first.pages, first.today) == (0, 2, clock.now().date())
    assert first.goals == expected[:10] and first.pairing.partner.id == alice.id
    second = goals.goals_of(session, actor=actor(alice), relationship_id=pair.id,
                            now=clock.now(), page=1)
    assert second.goals == expected[10:] and second.me.id == alice.id
    for asked, shown in ((99, 1), (-3, 0)):  # a stale or forged page number
        assert goals.goals_of(session, actor=actor(alice), relationship_id=pair.id,
                              now=clock.now(), page=asked).page == shown


def test_a_pair_without_goals_has_one_empty_page(
    session: Session, lists: ProgrammeLists, clock: FakeClock
) -> None:
    _, alice, pair = pair_of(session, lists)
    listing = goals.goals_of(session, actor=actor(alice), relationship_id=pair.id,
                             now=clock.now(), page=3)
    assert (listing.goals, listing.page, listing.pages) == ([], 0, 1)


def pdf_dms(session: Session) -> list[OutboxMessage]:
    return list(session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "goal_pdf")
                                .order_by(OutboxMessage.id)))


def test_a_goals_pdf_is_one_dm_to_whoever_asked(
    session: Session, lists: ProgrammeLists, clock: FakeClock
) -> None:
    john, alice, pair = pair_of(session, lists)
    goal = set_goal(session, alice, pair, clock)
    set_goal(session, john, pair, clock, label="Mentor well")
    goals.send_goals_pdf(session, actor=actor(john), goal_id=goal.id, now=clock.now())
    (one,) = pdf_dms(session)
    assert one.recipient_user_id == "UJOHN"
    printed = one.payload["goals_pdf"]
    assert printed["title"] == "Goal: Grow my network"
    assert [(g["label"], g["owner"], g["partner"]) for g in printed["goals"]] == [
        ("Grow my network", "Alice Kember", "John Smith")]

    goals.send_goals_pdf(session, actor=actor(alice), relationship_id=pair.id,
                         now=clock.advance(seconds=1))
    every = pdf_dms(session)[1]
    assert every.recipient_user_id == "UALICE"
    assert every.payload["goals_pdf"]["title"] == "Goals: Alice Kember and John Smith"
    assert [g["label"] for g in every.payload["goals_pdf"]["goals"]] == [
        "Grow my network", "Mentor well"]
    assert len(pdf_dms(session)) == 2


def test_a_goals_pdf_of_someone_elses_goal_is_refused(
    session: Session, lists: ProgrammeLists, clock: FakeClock
) -> None:
    _, alice, pair = pair_of(session, lists)
    goal = set_goal(session, alice, pair, clock)
    carol = seed.mentor(session, lists, "UCAROL", areas=[1])
    with pytest.raises(NotAllowed):
        goals.send_goals_pdf(session, actor=actor(carol), goal_id=goal.id, now=clock.now())
    with pytest.raises(NotAllowed):
        goals.send_goals_pdf(session, actor=actor(carol), relationship_id=pair.id, now=clock.now())
    assert pdf_dms(session) == []
