"""Milestones of a SMART goal: the author takes back one recorded by mistake; nobody else can."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from blocks import ids
from blocks.payloads import Target, decode, metadata
from bot.app import Mentorbot
from domain.errors import StalePayload
from domain.model import Goal, GoalMilestone
from tests.journeys.goal_steps import open_goals, open_milestones, set_goal
from tests.journeys.steps import text_of, wait_for_home
from tests.support.block_limits import assert_fits_slack
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import SlackRequests
from tests.support.view_state import fill
from tests.support.waiting import eventually


def add(slack: SlackRequests, form: dict[str, Any], when: str, what: str) -> dict[str, Any]:
    """Submit the milestone form; returns the form as it shows afterwards."""
    reply = slack.view_submission("UALICE", form, fill(form, {
        ids.GOAL_MILESTONE_DATE: when, ids.GOAL_MILESTONE_TEXT: what})).json()
    assert reply["response_action"] == "update"
    return {**reply["view"], "id": form["id"]}


def remove_buttons(view: dict[str, Any]) -> list[dict[str, Any]]:
    return [b["accessory"] for b in view["blocks"]
            if b.get("accessory", {}).get("action_id") == ids.GOAL_MILESTONE_REMOVE]


def inputs_of(view: dict[str, Any]) -> list[tuple[str, str]]:
    return [(b["block_id"], b["element"]["action_id"]) for b in view["blocks"]
            if b["type"] == "input"]


def test_alice_removes_a_mistaken_milestone_and_john_cannot(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, pair: int
) -> None:
    listing, goal_id = set_goal(slack, fake_slack, pair, "Run the depot review", "2026-12-10")
    form = open_milestones(slack, fake_slack, "UALICE", listing, goal_id)
    form = add(slack, form, "2026-11-23", "Kick-off held")
    form = add(slack, form, "2026-11-23", "Typo <b>oops</b>")
    buttons = remove_buttons(form)
    assert len(buttons) == 2 and buttons[1]["confirm"]["confirm"]["text"] == "Remove"
    assert_fits_slack(form)
    # John reads the milestones without any Remove button, and a forged click changes nothing.
    johns = open_goals(slack, fake_slack, "UJOHN", pair)
    theirs = open_milestones(slack, fake_slack, "UJOHN", johns, goal_id, ids.GOAL_MILESTONES_VIEW)
    assert remove_buttons(theirs) == []
    # Alice's own form is bound to her (it would refresh her list), so John's copy is stale;
    # one without her list beneath still reaches the goal's own rule.
    unbound = {**form, "private_metadata": metadata(decode(form["private_metadata"], Target))}
    for forged, reason in ((form, StalePayload().message),
                           (unbound, "Only Zoë Ngô can change this goal.")):
        known = len(fake_slack.views)
        slack.block_action("UJOHN", ids.GOAL_MILESTONE_REMOVE, value=buttons[1]["value"],
                           view=forged)
        assert reason in text_of(fake_slack.wait_for_new_modal(ids.NOTICE_VIEW, known))
    # Alice removes the typo; her form shows what is left and her list the latest that stays.
    updates = len(fake_slack.calls_to("views.update"))
    slack.block_action("UALICE", ids.GOAL_MILESTONE_REMOVE, value=buttons[1]["value"], view=form)
    shown = fake_slack.wait_for("views.update", updates + 1)[updates].params
    assert shown["view_id"] == form["id"]
    assert "Kick-off held" in text_of(shown["view"]) and "oops" not in text_of(shown["view"])
    # Slack keeps what is typed in inputs whose block and action ids stay the same.
    assert inputs_of(shown["view"]) == inputs_of(form) != []
    eventually(lambda: text_of(fake_slack.views[listing["id"]]),
               lambda text: "Latest milestone: Kick-off held" in text, "the list catching up")
    with app.sessions() as session:
        assert session.scalars(select(GoalMilestone.text)).all() == ["Kick-off held"]
        assert session.get_one(Goal, int(goal_id)).milestones[0].text == "Kick-off held"
    # Clicking Remove again (a double click) answers kindly and removes nothing more; so does
    # a forged value.
    for value, says in ((buttons[1]["value"], "already been removed"),
                        ("not-a-number", "that button is out of date")):
        known = len(fake_slack.views)
        slack.block_action("UALICE", ids.GOAL_MILESTONE_REMOVE, value=value, view=form)
        notice = fake_slack.wait_for_new_modal(ids.NOTICE_VIEW, known)
        assert says in text_of(notice)
    with app.sessions() as session:
        assert session.query(GoalMilestone).count() == 1


def test_a_new_milestone_reaches_both_homes(
    slack: SlackRequests, fake_slack: FakeSlack, pair: int
) -> None:
    listing, goal_id = set_goal(slack, fake_slack, pair, "Run the depot review", "2026-12-10")
    for user in ("UALICE", "UJOHN"):
        wait_for_home(fake_slack, user, "Run the depot review")
    add(slack, open_milestones(slack, fake_slack, "UALICE", listing, goal_id), "2026-11-23",
        "Kick-off held")
    # Nothing in the use case asks for it: the Home rows it changed re-publish both Homes.
    for user in ("UALICE", "UJOHN"):
        assert "Latest milestone: Kick-off held" in text_of(
            wait_for_home(fake_slack, user, "Latest milestone: Kick-off held"))
