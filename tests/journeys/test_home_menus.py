"""The relationship card's Goals ▾ and Actions ▾: labelled, and usable again after a choice."""

from __future__ import annotations

from typing import Any

from blocks import ids
from tests.journeys.steps import match_alice_with_john, wait_for_home
from tests.support.clock import FakeClock
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import SlackRequests
from tests.support.waiting import eventually


def card_row(home: dict[str, Any]) -> dict[str, Any]:
    return next(b for b in home["blocks"] if b["type"] == "actions"
                and any(e.get("action_id") == ids.GOAL_MENU for e in b["elements"]))


def test_the_card_menus_say_what_they_are_and_reset_after_a_choice(
    slack: SlackRequests, fake_slack: FakeSlack, clock: FakeClock
) -> None:
    match_alice_with_john(slack, fake_slack)
    home = wait_for_home(fake_slack, "UALICE", ids.GOAL_MENU)
    row = card_row(home)
    menus = {e["placeholder"]["text"]: e for e in row["elements"]
             if e["type"] == "static_select"}
    assert set(menus) == {"Goals", "Actions"}
    assert not [e for e in row["elements"] if e["type"] == "overflow"]
    assert [o["text"]["text"] for o in menus["Goals"]["options"]] == [
        "SWOT", "G-STAR", "SMART Goals"]
    # Alice picks SWOT: the worksheet opens and her Home comes back with a fresh menu row,
    # so Slack shows "Goals" again rather than keeping "SWOT" chosen.
    clock.advance(seconds=5)
    opened = len(fake_slack.calls_to("views.open"))
    slack.block_action("UALICE", ids.GOAL_MENU, action_type="static_select", view=home,
                       selected_option=menus["Goals"]["options"][0])
    fake_slack.wait_for("views.open", opened + 1)
    fresh = eventually(lambda: fake_slack.home_views["UALICE"],
                       lambda view: card_row(view)["block_id"] != row["block_id"],
                       "Alice's Home being published again")
    assert card_row(fresh)["block_id"].startswith("relationship.card.")
