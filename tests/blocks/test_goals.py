"""SMART goals: the list, the form read back, milestones, and Home; escaped and within limits."""

from __future__ import annotations

from datetime import date, timedelta

from blocks import goals, ids, payloads
from domain.goals import GoalAccess, GoalAnswers, GoalList
from domain.model import Goal, GoalMilestone, GoalStatus, MilestoneKind
from tests.blocks.builders import EVIL, NOW, assert_escaped, carried, pairing
from tests.support.block_limits import assert_fits_slack
from tests.support.view_state import submitted

TODAY = date(2026, 11, 23)
PAIR = pairing()
V1 = payloads.BoundView("V1", "U1")
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
    listed = [goal(1), goal(2, mine=False), goal(3, status=GoalStatus.COMPLETED)]
    view = goals.goals_view(GoalList(PAIR, ME, listed, TODAY, page=1, pages=3))
    assert_fits_slack(view)
    assert_escaped(view)
    acts = carried(view, ids.GOAL_ACTIONS, payloads.GoalAction)
    assert payloads.GoalAction("pdfall", 7) == acts[0]
    assert {a.verb for a in acts if a.target == 1} == {"pdf", "milestones", "edit", "delete",
                                                       "complete"}
    assert {a.verb for a in acts if a.target == 2} == {"pdf", "milestones"}
    assert "reopen" in {a.verb for a in acts if a.target == 3}
    assert carried(view, ids.GOAL_PAGE, payloads.Page) == [payloads.Page(0, 7), payloads.Page(2, 7)]
    assert goals.read_target(view, "U1") == payloads.Target(7)


def test_a_full_page_of_goals_with_long_milestones_fits_slack() -> None:
    listed = [goal(n, milestones=3, text="long " * 2000) for n in range(1, 11)]
    assert_fits_slack(goals.goals_view(GoalList(PAIR, ME, listed, TODAY, page=0, pages=1)))


def test_the_form_reads_back_what_was_typed_and_carries_its_target() -> None:
    view = goals.goal_form(PAIR, None, payloads.BoundView("V9", "U1"))
    assert_fits_slack(view)
    assert_escaped(view)
    assert goals.read_target(view, "U1") == payloads.Target(7, None, payloads.BoundView("V9", "U1"))
    sent = submitted(view, {ids.GOAL_LABEL: "Lead a review", ids.GOAL_DUE_ON: "2027-01-31"})
    assert goals.read_goal_answers(sent) == GoalAnswers("Lead a review", "", date(2027, 1, 31),
                                                        False)
    no_date = submitted(view, {ids.GOAL_LABEL: "x", ids.GOAL_NO_DUE: ["none"]})
    assert goals.read_goal_answers(no_date).no_due_date


def test_editing_starts_from_the_goal() -> None:
    view = goals.goal_form(PAIR, goal(4), None)
    assert goals.read_target(view, "U1") == payloads.Target(7, 4, None)
    unchanged = GoalAnswers(EVIL, EVIL, date(2026, 11, 27), False)
    assert goals.read_goal_answers(submitted(view, {})) == unchanged


def test_delete_and_complete_name_the_goal_escaped() -> None:
    for view in (goals.delete_form(goal(5), V1), goals.complete_form(goal(5), V1)):
        assert_fits_slack(view)
        assert_escaped(view)
        assert goals.read_target(view, "U1") == payloads.Target(7, 5, V1)


def test_milestones_can_be_removed_and_added_only_by_the_author() -> None:
    long_goal = goal(1, milestones=50, text="long " * 1000)
    mine = goals.milestones_view(GoalAccess(long_goal, PAIR, True), None)
    theirs = goals.milestones_view(GoalAccess(goal(1, mine=False, milestones=2), PAIR, False), None)
    for view in (mine, theirs):
        assert_fits_slack(view)
        assert_escaped(view)
    assert len(carried(mine, ids.GOAL_MILESTONE_REMOVE, payloads.MilestoneRef)) == 40
    assert carried(theirs, ids.GOAL_MILESTONE_REMOVE, payloads.MilestoneRef) == []
    assert "submit" not in theirs
    sent = submitted(mine, {ids.GOAL_MILESTONE_KIND: "outcome", ids.GOAL_MILESTONE_TEXT: "Done",
                            ids.GOAL_MILESTONE_DATE: "2026-11-20"})
    assert goals.read_milestone(sent) == ("outcome", "Done", date(2026, 11, 20))


def test_home_and_the_across_view_open_the_pairs_goals() -> None:
    home = goals.home_goals([goal(1), goal(2)], ME, NOW)
    assert_escaped(home)
    smart = payloads.GoalMenuChoice("smart", 7)
    assert carried(home, ids.GOAL_MENU, payloads.GoalMenuChoice) == [smart] * 2
    assert "No goals yet" in goals.home_goals([], ME, NOW)[0]["text"]["text"]
    across = goals.across_view(TODAY, [(PAIR, [goal(1)], 4), (pairing(i_am_mentor=True), [], 0)])
    assert_fits_slack(across)
    assert_escaped(across)
    text = str(across)
    assert "and 3 more" in text and "No goals yet." in text
    assert "no current mentoring" in str(goals.across_view(TODAY, []))


def test_a_completed_goal_leads_to_the_diary() -> None:
    view = goals.goal_completed_view(goal(6, status=GoalStatus.COMPLETED))
    assert_fits_slack(view)
    assert_escaped(view)
    assert carried(view, ids.DIARY_FROM_GOAL, payloads.GoalRef) == [payloads.GoalRef(6)]
