"""SMART goals: the list, the form read back, milestones, and Home; escaped and within limits."""

from __future__ import annotations

from datetime import date, timedelta

from blocks import ids
from blocks.goals import (
    across_view,
    complete_form,
    delete_form,
    goal_completed_view,
    goal_form,
    goals_view,
    home_goals,
    milestones_view,
    read_goal_answers,
    read_milestone,
    read_target,
)
from blocks.payloads import (
    BoundView,
    GoalAction,
    GoalMenuChoice,
    GoalRef,
    MilestoneRef,
    Page,
    Target,
)
from domain.goals import GoalAccess, GoalAnswers, GoalList
from domain.model import Goal, GoalMilestone, GoalStatus, MilestoneKind
from tests.blocks.builders import EVIL, NOW, assert_escaped, pairing, payloads
from tests.support.block_limits import assert_fits_slack
from tests.support.view_state import submitted

TODAY = date(2026, 11, 23)
PAIR = pairing()
V1 = BoundView("V1", "U1")
ME, PARTNER = PAIR.relationship.mentee, PAIR.partner


def goal(n: int, *, mine: bool = True, status: GoalStatus = GoalStatus.OPEN,
         milestones: int = 0, text: str = EVIL) -> Goal:
    author = ME if mine else PARTNER
    made = Goal(id=n, team_id="T1", relationship_id=7, author_id=author.id, author=author,
                label=EVIL, details=text, due_on=TODAY + timedelta(days=n), status=status)
    made.milestones = [GoalMilestone(id=100 + i, kind=MilestoneKind.REVIEW, text=text,
                                     happened_on=TODAY) for i in range(milestones)]
    return made


def test_the_list_offers_changes_only_on_ones_own_goals() -> None:
    goals = [goal(1), goal(2, mine=False), goal(3, status=GoalStatus.COMPLETED)]
    view = goals_view(GoalList(PAIR, ME, goals, TODAY, page=1, pages=3))
    assert_fits_slack(view)
    assert_escaped(view)
    acts = payloads(view, ids.GOAL_ACTIONS, GoalAction)
    assert GoalAction("pdfall", 7) == acts[0]
    assert {a.verb for a in acts if a.target == 1} == {"pdf", "milestones", "edit", "delete",
                                                       "complete"}
    assert {a.verb for a in acts if a.target == 2} == {"pdf", "milestones"}
    assert "reopen" in {a.verb for a in acts if a.target == 3}
    assert payloads(view, ids.GOAL_PAGE, Page) == [Page(0, 7), Page(2, 7)]
    assert read_target(view, "U1") == Target(7)


def test_a_full_page_of_goals_with_long_milestones_fits_slack() -> None:
    goals = [goal(n, milestones=3, text="long " * 2000) for n in range(1, 11)]
    assert_fits_slack(goals_view(GoalList(PAIR, ME, goals, TODAY, page=0, pages=1)))


def test_the_form_reads_back_what_was_typed_and_carries_its_target() -> None:
    view = goal_form(PAIR, None, BoundView("V9", "U1"))
    assert_fits_slack(view)
    assert_escaped(view)
    assert read_target(view, "U1") == Target(7, None, BoundView("V9", "U1"))
    sent = submitted(view, {ids.GOAL_LABEL: "Lead a review", ids.GOAL_DUE_ON: "2027-01-31"})
    assert read_goal_answers(sent) == GoalAnswers("Lead a review", "", date(2027, 1, 31), False)
    no_date = submitted(view, {ids.GOAL_LABEL: "x", ids.GOAL_NO_DUE: ["none"]})
    assert read_goal_answers(no_date).no_due_date


def test_editing_starts_from_the_goal() -> None:
    view = goal_form(PAIR, goal(4), None)
    assert read_target(view, "U1") == Target(7, 4, None)
    assert read_goal_answers(submitted(view, {})) == GoalAnswers(EVIL, EVIL, date(2026, 11, 27),
                                                                 False)


def test_delete_and_complete_name_the_goal_escaped() -> None:
    for view in (delete_form(goal(5), V1), complete_form(goal(5), V1)):
        assert_fits_slack(view)
        assert_escaped(view)
        assert read_target(view, "U1") == Target(7, 5, V1)


def test_milestones_can_be_removed_and_added_only_by_the_author() -> None:
    mine = milestones_view(GoalAccess(goal(1, milestones=50, text="long " * 1000), PAIR, True),
                           None)
    theirs = milestones_view(GoalAccess(goal(1, mine=False, milestones=2), PAIR, False), None)
    for view in (mine, theirs):
        assert_fits_slack(view)
        assert_escaped(view)
    assert len(payloads(mine, ids.GOAL_MILESTONE_REMOVE, MilestoneRef)) == 40
    assert payloads(theirs, ids.GOAL_MILESTONE_REMOVE, MilestoneRef) == []
    assert "submit" not in theirs
    sent = submitted(mine, {ids.GOAL_MILESTONE_KIND: "outcome", ids.GOAL_MILESTONE_TEXT: "Done",
                            ids.GOAL_MILESTONE_DATE: "2026-11-20"})
    assert read_milestone(sent) == ("outcome", "Done", date(2026, 11, 20))


def test_home_and_the_across_view_open_the_pairs_goals() -> None:
    home = home_goals([goal(1), goal(2)], ME, NOW)
    assert_escaped(home)
    assert payloads(home, ids.GOAL_MENU, GoalMenuChoice) == [GoalMenuChoice("smart", 7)] * 2
    assert "No goals yet" in home_goals([], ME, NOW)[0]["text"]["text"]
    across = across_view(TODAY, [(PAIR, [goal(1)], 4), (pairing(i_am_mentor=True), [], 0)])
    assert_fits_slack(across)
    assert_escaped(across)
    text = str(across)
    assert "and 3 more" in text and "No goals yet." in text
    assert "no current mentoring" in str(across_view(TODAY, []))


def test_a_completed_goal_leads_to_the_diary() -> None:
    view = goal_completed_view(goal(6, status=GoalStatus.COMPLETED))
    assert_fits_slack(view)
    assert_escaped(view)
    assert payloads(view, ids.DIARY_FROM_GOAL, GoalRef) == [GoalRef(6)]
