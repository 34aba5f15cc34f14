"""Journey: one modal submission arriving three times at once makes one row, on every create."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select

from blocks import ids
from blocks.payloads import MemberRef, value
from bot.app import Mentorbot
from domain.model import (
    ConversationMessage,
    DiaryEntry,
    Goal,
    GoalMilestone,
    Meeting,
    Member,
    Proposal,
)
from tests.journeys.goal_steps import open_goals, open_milestones, set_goal
from tests.journeys.meeting_steps import KICK_OFF, open_meetings
from tests.journeys.steps import (
    button_values,
    dms_to,
    join_as_mentee,
    join_as_mentor,
    search,
    text_of,
    wait_for_dm,
)
from tests.journeys.test_questions import open_thread_with_first_mentor
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import Reply, SlackRequests
from tests.support.view_state import fill
from tests.support.waiting import settled


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


def saved_once(app: Mentorbot, slack: SlackRequests, form: dict[str, Any],
               answers: dict[str, Any], model: type) -> None:
    """Alice sends the form three times at once: each copy closes it, one row is made."""
    replies = three_at_once(slack, "UALICE", form, answers)
    assert [r.status for r in replies] == [200, 200, 200]
    assert all(not r.body.strip() for r in replies), [r.body for r in replies]
    assert count(app, model) == 1


def one_dm(app: Mentorbot, fake: FakeSlack, user: str, containing: str) -> None:
    """The person got exactly one DM with these words, once everything queued went out."""
    wait_for_dm(fake, user, containing)
    settled(app)
    told = [m for m in dms_to(fake, user) if containing in m.get("text", "")]
    assert len(told) == 1, [m.get("text") for m in told]


def count(app: Mentorbot, model: type) -> int:
    """Rows of `model` once the app has settled."""
    app.close()
    with app.sessions() as session:
        return session.query(model).count()


def new_goal_form(slack: SlackRequests, fake: FakeSlack, pair: int) -> dict[str, Any]:
    """New goal, from Alice's list of goals."""
    listing = open_goals(slack, fake, "UALICE", pair)
    known = len(fake.views)
    slack.block_action("UALICE", ids.GOAL_NEW, view=listing)
    return fake.wait_for_new_modal(ids.GOAL_SUBMIT, known)


def new_entry_form(slack: SlackRequests, fake: FakeSlack, pair: int) -> dict[str, Any]:
    """New diary entry, from the shortcut."""
    known = len(fake.views)
    slack.shortcut("UALICE", ids.DIARY_SHORTCUT)
    return fake.wait_for_new_modal(ids.DIARY_SUBMIT, known)


@pytest.mark.parametrize(("open_form", "answers", "model"), [
    (new_goal_form, {ids.GOAL_LABEL: "Once only", ids.GOAL_DUE_ON: "2026-12-29"}, Goal),
    (new_entry_form, {ids.DIARY_TITLE: "Once only", ids.DIARY_DATE: "2026-11-20"}, DiaryEntry),
], ids=["goal", "diary entry"])
def test_a_goal_or_diary_entry_sent_three_times_at_once_is_saved_once(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, pair: int,
    open_form: Callable[[SlackRequests, FakeSlack, int], dict[str, Any]],
    answers: dict[str, Any], model: type
) -> None:
    saved_once(app, slack, open_form(slack, fake_slack, pair), answers, model)


def test_a_milestone_sent_three_times_at_once_is_recorded_once(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, pair: int
) -> None:
    listing, target = set_goal(slack, fake_slack, pair, "With steps", "2026-12-29")
    form = open_milestones(slack, fake_slack, "UALICE", listing, target)
    replies = three_at_once(slack, "UALICE", form, {
        ids.GOAL_MILESTONE_KIND: "review", ids.GOAL_MILESTONE_TEXT: "Halfway.",
        ids.GOAL_MILESTONE_DATE: "2026-11-20"})
    assert [r.status for r in replies] == [200, 200, 200]
    assert count(app, GoalMilestone) == 1


def test_a_message_sent_three_times_at_once_is_sent_once(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, pair: int
) -> None:
    with app.sessions() as session:
        john = session.scalars(select(Member.id).where(Member.slack_user_id == "UJOHN")).one()
    known = len(fake_slack.views)
    slack.block_action("UALICE", ids.CONVERSATION_OPEN, value=value(MemberRef(john)))
    thread = fake_slack.wait_for_new_modal(ids.CONVERSATION_SEND, known)
    replies = three_at_once(slack, "UALICE", thread, {ids.CONVERSATION_MESSAGE: "Only once."})
    assert [r.json()["response_action"] for r in replies] == ["update"] * 3
    one_dm(app, fake_slack, "UJOHN", "Only once.")
    assert count(app, ConversationMessage) == 1


def test_a_question_sent_three_times_at_once_is_asked_once(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack
) -> None:
    thread = open_thread_with_first_mentor(slack, fake_slack)
    replies = three_at_once(slack, "UALICE", thread, {ids.CONVERSATION_MESSAGE: "Just one ask?"})
    assert all("Just one ask?" in text_of(r.json()["view"]) for r in replies)
    one_dm(app, fake_slack, "UJOHN", "Just one ask?")
    assert count(app, ConversationMessage) == 1


def test_a_meeting_sent_three_times_at_once_is_arranged_once(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, pair_ref: str
) -> None:
    form = open_meetings(slack, fake_slack, "UALICE", pair_ref)
    replies = three_at_once(slack, "UALICE", form, KICK_OFF)
    assert [r.json()["response_action"] for r in replies] == ["update"] * 3
    one_dm(app, fake_slack, "UJOHN", "has arranged a meeting with you")
    assert count(app, Meeting) == 1


def test_a_mentor_request_sent_three_times_at_once_is_sent_once(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack
) -> None:
    join_as_mentee(slack, fake_slack, "UALICE", "Alice Kember")
    join_as_mentor(slack, fake_slack, "UJOHN", "John Smith")
    fake_slack.reset()
    results = search(slack, fake_slack, "UALICE")
    known = len(fake_slack.views)
    slack.block_action("UALICE", ids.PROPOSAL_OPEN,
                       value=button_values(results, ids.PROPOSAL_OPEN)[0], view=results)
    form = fake_slack.wait_for_new_modal(ids.PROPOSAL_SUBMIT, known)
    replies = three_at_once(slack, "UALICE", form, {ids.PROPOSAL_STATEMENT: "Just once."})
    assert all("on its way" in text_of(r.json()["view"]) for r in replies), [
        r.body for r in replies]
    one_dm(app, fake_slack, "UJOHN", "would like you to be their mentor")
    assert count(app, Proposal) == 1
