"""Steps with SMART goals, as the goal, milestone and worksheet journeys take them."""

from __future__ import annotations

from typing import Any

from blocks import ids, payloads
from blocks.payloads import value
from tests.journeys.steps import choose, text_of
from tests.support.block_limits import assert_fits_slack
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import SlackRequests
from tests.support.view_state import fill


def menu_choice(kind: str, relationship: int) -> str:
    """The value of one choice of Goals ▾."""
    return value(payloads.GoalMenuChoice(kind, relationship))


def act(verb: str, goal_id: int) -> str:
    """The value of one of a goal's Actions."""
    return value(payloads.GoalAction(verb, goal_id))


def open_goals(slack: SlackRequests, fake: FakeSlack, user: str, rel: int) -> dict[str, Any]:
    """Goals ▾ → SMART Goals on the relationship card."""
    before = len(fake.calls_to("views.open"))
    choose(slack, user, ids.GOAL_MENU, menu_choice("smart", rel))
    fake.wait_for("views.open", before + 1)
    view = fake.latest_modal()
    assert view["callback_id"] == ids.GOAL_LIST_VIEW
    assert_fits_slack(view)
    return view


def new_goal(slack: SlackRequests, fake: FakeSlack, listing: dict[str, Any],
             **answers: Any) -> dict[str, Any]:
    """New goal in the list, filled in and saved; returns the list afterwards."""
    before = len(fake.calls_to("views.push"))
    slack.block_action("UALICE", ids.GOAL_NEW, view=listing)
    fake.wait_for("views.push", before + 1)
    form = fake.latest_modal()
    assert "Your goals can be viewed by Дмитрий Ωμέγα but not amended" in text_of(form)
    assert "Measurable" in text_of(form) and "Timebound" in text_of(form)
    updates = len(fake.calls_to("views.update"))
    reply = slack.view_submission("UALICE", form, fill(form, answers))
    assert reply.status == 200 and not reply.body.strip(), reply.body
    fake.wait_for("views.update", updates + 1)
    return fake.views[listing["id"]]


def goal_menu(listing: dict[str, Any], label: str) -> list[str]:
    """The values of the Actions of the goal whose line says `label`."""
    block = next(b for b in listing["blocks"] if label in text_of(b.get("text")))
    return [o["value"] for o in block["accessory"]["options"]]


def set_goal(slack: SlackRequests, fake: FakeSlack, pair: int, label: str, due: str
             ) -> tuple[dict[str, Any], int]:
    """Alice sets a goal from her list: the list afterwards, and the new goal's id."""
    listing = new_goal(slack, fake, open_goals(slack, fake, "UALICE", pair),
                       **{ids.GOAL_LABEL: label, ids.GOAL_DUE_ON: due})
    return listing, payloads.decode(goal_menu(listing, label)[0], payloads.GoalAction).target


def open_milestones(slack: SlackRequests, fake: FakeSlack, user: str, listing: dict[str, Any],
                    goal_id: int, expect: str = ids.GOAL_MILESTONE_SUBMIT) -> dict[str, Any]:
    """Actions ▾ → Milestones on a goal of the list: the form (or, for the partner, the view)."""
    known = len(fake.views)
    choose(slack, user, ids.GOAL_ACTIONS, act("milestones", goal_id), listing)
    return fake.wait_for_new_modal(expect, known)
