"""The newcomers' DMs: what is missing from a profile, and a mentee's matches to ask."""

from __future__ import annotations

from typing import Any

from blocks import ids
from blocks.notifications import direct_message
from blocks.payloads import MemberRef, decode
from domain.model import OutboxKind
from tests.blocks.builders import NOW
from tests.journeys.steps import button_values, text_of


def _mentor(member_id: int, name: str) -> dict[str, Any]:
    return {"member_id": member_id, "user_id": f"U{member_id}", "name": name,
            "title": "Director", "organisation": "Acme", "email": "", "image_url": "",
            "offers": ["Leadership", "Networking"]}


def _no_request(matches: list[dict[str, Any]]) -> dict[str, Any]:
    return {"name": "Ana Lima", "programme": "Mentoring", "registered_at": NOW.isoformat(),
            "step": 0, "last": False, "matches": matches}


def test_the_profile_reminder_says_what_is_missing_and_offers_the_profile_form() -> None:
    dm = direct_message(OutboxKind.NUDGE_PROFILE_INCOMPLETE, {
        "name": "Ana <Lima>", "programme": "Mentoring", "registered_at": NOW.isoformat(),
        "missing": ["mentor"], "step": 1, "last": True})
    assert "Say what you can offer as a mentor" in dm.text
    assert "what you would like help with" not in dm.text
    assert "Ana &lt;Lima&gt;" in dm.text
    assert "This is the last reminder about it" in dm.text
    assert button_values(dm.blocks, ids.NOTIFICATION_OPEN_PROFILE) == [""]


def test_each_match_has_a_mentor_request_for_that_mentor_then_find_a_mentor() -> None:
    dm = direct_message(OutboxKind.NUDGE_NO_REQUEST, _no_request(
        [_mentor(4, "John <Smith>"), _mentor(5, "Mia Chen"), _mentor(6, "Ola Berg")]))
    requested = [decode(v, MemberRef).member for v in button_values(dm.blocks, ids.PROPOSAL_OPEN)]
    assert requested == [4, 5, 6]
    viewed = [decode(v, MemberRef).member
              for v in button_values(dm.blocks, ids.SEARCH_VIEW_PROFILE)]
    assert viewed == [4, 5, 6]
    assert button_values(dm.blocks, ids.SEARCH_OPEN) == [""]
    shown = text_of(dm.blocks)
    assert "John &lt;Smith&gt;" in shown and "Offers: Leadership, Networking" in shown
    assert "<!date^" in dm.text  # the day they joined, in each reader's own zone


def test_with_no_match_the_dm_still_opens_search_and_the_preferences() -> None:
    dm = direct_message(OutboxKind.NUDGE_NO_REQUEST, _no_request([]))
    assert "no mentor with room matches" in dm.text
    assert button_values(dm.blocks, ids.PROPOSAL_OPEN) == []
    assert button_values(dm.blocks, ids.SEARCH_OPEN) == [""]
    assert button_values(dm.blocks, ids.NOTIFICATION_OPEN_PROFILE) == [""]
