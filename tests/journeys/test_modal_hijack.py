"""A tampered or foreign view id in a form never makes us update someone else's open modal."""

from __future__ import annotations

import json
from typing import Any

import pytest

from blocks import ids
from blocks.payloads import BoundView, Target, decode
from bot.app import Mentorbot
from domain.errors import StalePayload
from domain.model import Goal
from tests.journeys.goal_steps import open_goals
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import SlackRequests
from tests.support.view_state import fill


def goal_form(slack: SlackRequests, fake: FakeSlack, user: str, listing: dict[str, Any]
              ) -> dict[str, Any]:
    """New goal in `user`'s open list: the form, bound to that list."""
    before = len(fake.calls_to("views.push"))
    slack.block_action(user, ids.GOAL_NEW, view=listing)
    fake.wait_for("views.push", before + 1)
    return fake.latest_modal()


def with_parent(form: dict[str, Any], parent: Any) -> dict[str, Any]:
    """The form with its metadata's parent replaced by `parent`, written as a forger would."""
    written = json.loads(form["private_metadata"])
    return {**form, "private_metadata": json.dumps({**written, "parent": parent})}


@pytest.mark.parametrize("forge", ["alices_form", "own_form_to_her_list", "bare_view_id"])
def test_a_form_pointing_at_someone_elses_list_is_refused(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, pair: int, forge: str
) -> None:
    alices_list = open_goals(slack, fake_slack, "UALICE", pair)
    alices_form = goal_form(slack, fake_slack, "UALICE", alices_list)
    assert decode(alices_form["private_metadata"], Target, "UALICE").parent == BoundView(
        alices_list["id"], "UALICE")
    johns_form = goal_form(slack, fake_slack, "UJOHN", open_goals(slack, fake_slack, "UJOHN",
                                                                   pair))
    forged = {
        "alices_form": alices_form,
        "own_form_to_her_list": with_parent(johns_form, [alices_list["id"], "UALICE"]),
        "bare_view_id": with_parent(johns_form, alices_list["id"]),
    }[forge]
    updates = len(fake_slack.calls_to("views.update"))
    reply = slack.view_submission("UJOHN", forged, fill(forged, {
        ids.GOAL_LABEL: "Written into Alice's list", ids.GOAL_DUE_ON: "2026-12-10"}))
    assert reply.status == 200
    assert reply.json()["response_action"] == "errors"
    assert StalePayload().message in json.dumps(reply.json()["errors"])
    app.close()
    with app.sessions() as session:
        assert session.query(Goal).count() == 0
    assert len(fake_slack.calls_to("views.update")) == updates
    assert fake_slack.views[alices_list["id"]] == alices_list


def test_ones_own_form_still_refreshes_ones_own_list(
    slack: SlackRequests, fake_slack: FakeSlack, pair: int
) -> None:
    johns_list = open_goals(slack, fake_slack, "UJOHN", pair)
    form = goal_form(slack, fake_slack, "UJOHN", johns_list)
    updates = len(fake_slack.calls_to("views.update"))
    reply = slack.view_submission("UJOHN", form, fill(form, {
        ids.GOAL_LABEL: "Lead the depot review", ids.GOAL_DUE_ON: "2026-12-10"}))
    assert reply.status == 200 and not reply.body.strip(), reply.body
    shown = fake_slack.wait_for("views.update", updates + 1)[updates].params
    assert shown["view_id"] == johns_list["id"]
