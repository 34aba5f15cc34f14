"""Journey: one modal submission arriving three times at once makes one row, on every create."""

from __future__ import annotations

import threading
from typing import Any

from blocks import ids
from blocks.payloads import GoalAction, decode
from bot.app import Mentorbot
from domain.model import DiaryEntry, Goal, GoalMilestone
from tests.journeys.goal_steps import act, goal_menu, new_goal, open_goals
from tests.journeys.steps import choose
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import Reply, SlackRequests
from tests.support.view_state import fill


def three_at_once(slack: SlackRequests, user: str, form: dict[str, Any],
                  answers: dict[str, Any]) -> list[Reply]:
    """Send one submission of `form` three times concurrently, as a double send does."""
    values = fill(form, answers)
    replies: list[Reply] = []

    def send() -> None:
        replies.append(slack.view_submission(user, form, values))

    sends = [threading.Thread(target=send) for _ in range(3)]
    for each in sends:
        each.start()
    for each in sends:
        each.join()
    return replies


def count(app: Mentorbot, model: type) -> int:
    """Rows of `model` once the app has settled."""
    app.close()
    with app.sessions() as session:
        return session.query(model).count()


def test_a_goal_sent_three_times_at_once_is_set_once(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, pair: int
) -> None:
    listing = open_goals(slack, fake_slack, "UALICE", pair)
    known = len(fake_slack.views)
    slack.block_action("UALICE", ids.GOAL_NEW, view=listing)
    form = fake_slack.wait_for_new_modal(ids.GOAL_SUBMIT, known)
    replies = three_at_once(slack, "UALICE", form, {ids.GOAL_LABEL: "Once only",
                                                    ids.GOAL_DUE_ON: "2026-12-29"})
    assert [r.status for r in replies] == [200, 200, 200]
    assert all(not r.body.strip() for r in replies), [r.body for r in replies]
    assert count(app, Goal) == 1


def test_a_milestone_sent_three_times_at_once_is_recorded_once(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, pair: int
) -> None:
    listing = new_goal(slack, fake_slack, open_goals(slack, fake_slack, "UALICE", pair),
                       **{ids.GOAL_LABEL: "With steps", ids.GOAL_DUE_ON: "2026-12-29"})
    target = decode(goal_menu(listing, "With steps")[0], GoalAction).target
    known = len(fake_slack.views)
    choose(slack, "UALICE", ids.GOAL_ACTIONS, act("milestones", target), listing)
    form = fake_slack.wait_for_new_modal(ids.GOAL_MILESTONE_SUBMIT, known)
    replies = three_at_once(slack, "UALICE", form, {
        ids.GOAL_MILESTONE_KIND: "review", ids.GOAL_MILESTONE_TEXT: "Halfway.",
        ids.GOAL_MILESTONE_DATE: "2026-11-20"})
    assert [r.status for r in replies] == [200, 200, 200]
    assert count(app, GoalMilestone) == 1



def test_a_diary_entry_sent_three_times_at_once_is_written_once(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, pair: int
) -> None:
    known = len(fake_slack.views)
    slack.shortcut("UALICE", ids.DIARY_SHORTCUT)
    form = fake_slack.wait_for_new_modal(ids.DIARY_SUBMIT, known)
    replies = three_at_once(slack, "UALICE", form, {ids.DIARY_TITLE: "Once only",
                                                    ids.DIARY_DATE: "2026-11-20"})
    assert [r.status for r in replies] == [200, 200, 200]
    assert all(not r.body.strip() for r in replies), [r.body for r in replies]
    assert count(app, DiaryEntry) == 1
