"""Relationship cards, withdrawing, and the DM when a pair ends early."""

from __future__ import annotations

from blocks import ids
from blocks.completion import COMPLETE, REQUEST_COMPLETION
from blocks.payloads import (
    GoalMenuChoice,
    MemberRef,
    RelationshipAction,
    RelationshipRef,
    view_payload,
)
from blocks.relationships import WITHDRAW, ended_dm_blocks, pairing_card, withdraw_form
from domain.model import RelationshipStatus
from domain.relationships import MAX_REASON
from tests.blocks.builders import EVIL, NOW, assert_escaped, carried, pairing
from tests.support.block_limits import assert_fits_slack


def verbs(blocks: list) -> list[str]:
    return [p.verb for p in carried(blocks, ids.RELATIONSHIP_ACTIONS, RelationshipAction)]


def test_a_card_escapes_the_partner_and_every_button_names_this_pair() -> None:
    card = pairing_card(pairing(), NOW)
    assert_fits_slack({"blocks": card})
    assert_escaped(card)
    assert "john@example.org" in card[0]["text"]["text"]
    assert carried(card, ids.CONVERSATION_OPEN, MemberRef) == [MemberRef(2)]
    for action_id in (ids.MEETING_OPEN, ids.STAGE_OPEN):
        assert carried(card, action_id, RelationshipRef) == [RelationshipRef(7)]
    assert {c.relationship for c in carried(card, ids.GOAL_MENU, GoalMenuChoice)} == {7}
    assert verbs(card) == [WITHDRAW, REQUEST_COMPLETION]


def test_the_mentor_sees_a_request_to_complete_and_may_complete() -> None:
    card = pairing_card(pairing(i_am_mentor=True, completion_requested_at=NOW), NOW)
    assert verbs(card) == [WITHDRAW, COMPLETE]
    assert "asked you to mark it complete" in card[0]["text"]["text"]
    assert "asked you" not in pairing_card(pairing(i_am_mentor=True), NOW)[0]["text"]["text"]


def test_a_pair_that_is_no_longer_active_cannot_be_completed() -> None:
    card = pairing_card(pairing(status=RelationshipStatus.COMPLETED), NOW)
    assert verbs(card) == [WITHDRAW]


def test_withdrawing_carries_the_pair_and_limits_the_reason() -> None:
    view = withdraw_form(pairing(partner_name=EVIL + "x" * 3000))
    assert_fits_slack(view)
    assert_escaped(view)
    assert view_payload(view, RelationshipRef) == RelationshipRef(7)
    assert view["blocks"][1]["element"]["max_length"] == MAX_REASON


def test_only_a_mentee_left_by_their_mentor_is_offered_a_new_search() -> None:
    mentee = ended_dm_blocks("John ended it.", {"reason": EVIL})
    mentor = ended_dm_blocks("Alice ended it.", {"reason": EVIL, "partner_was_mentor": True})
    assert_fits_slack({"blocks": mentee})
    assert_escaped(mentor)
    assert [e["action_id"] for e in mentee[-1]["elements"]] == [ids.SEARCH_OPEN]
    assert len(mentor) == 1
