"""The mentor's DM about a request: the area asked for is not repeated as an 'also'."""

from __future__ import annotations

import json
from typing import Any

from blocks.proposals import proposal_card_blocks
from domain.model import ProposalStatus


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
