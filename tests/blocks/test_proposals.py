"""The mentor's DMs about a request: the card (the area asked for is not repeated as an
'also'), the reminder with Decline and pause, and what the reminder becomes after it."""

from __future__ import annotations

import json
from typing import Any

from blocks import ids
from blocks.proposals import paused_confirmation, proposal_card_blocks, reminder_blocks
from domain.model import ProposalStatus
from domain.proposals import DeclinedAndPaused
from tests.support.block_limits import assert_fits_slack


def card(needs: list[str]) -> str:
    payload: dict[str, Any] = {
        "mentee": {"name": "Alice <b>", "title": "Planner", "organisation": "Mango"},
        "area": "Networking", "statement": "Please.", "needs": needs,
        "status": ProposalStatus.ACCEPTED}
    return json.dumps(proposal_card_blocks("Alice would like you to be their mentor.", payload))


def test_other_needs_are_listed_without_the_area_asked_for() -> None:
    assert "Also looking for support with: Leadership, Rail\"" in card(
        ["Networking", "Leadership", "Rail"])
    assert "Also looking" not in card(["Networking"])
    assert "Alice &lt;b&gt;" in card([])


def test_the_reminder_asks_before_declining_and_pausing() -> None:
    blocks = reminder_blocks("A reminder.", {"proposal_id": 4,
                                             "mentee": {"member_id": 2, "name": "Ana <Lima>"}})
    assert_fits_slack({"type": "message", "blocks": blocks})
    buttons = {e["action_id"]: e for e in blocks[-1]["elements"]}
    assert list(buttons) == [ids.PROPOSAL_ACCEPT, ids.PROPOSAL_DECLINE, ids.PROPOSAL_MESSAGE,
                             ids.PROPOSAL_DECLINE_AND_PAUSE]
    confirm = buttons[ids.PROPOSAL_DECLINE_AND_PAUSE]["confirm"]
    assert confirm["text"]["type"] == "plain_text"  # shown as typed: nothing to escape
    assert confirm["text"]["text"].startswith("Ana <Lima> will be told kindly")
    assert "confirm" not in buttons[ids.PROPOSAL_ACCEPT]


def test_the_confirmation_says_what_closed_and_how_to_open_requests_again() -> None:
    for others, says in ((0, "other mentors.\n"), (1, "The other request waiting for you was"),
                         (3, "The 3 other requests waiting for you were")):
        text, blocks = paused_confirmation(DeclinedAndPaused("Ana <Lima>", others))
        assert says in text and "Ana &lt;Lima&gt;" in text and "<Lima>" not in text
        assert "Open to new mentee requests now" in text
        assert [e["action_id"] for e in blocks[-1]["elements"]] == [
            ids.NOTIFICATION_OPEN_PROFILE]
