"""Completion: who may mark it, what the DMs and past rows carry, and the partner escaped."""

from __future__ import annotations

from blocks import ids
from blocks.completion import (
    COMPLETE,
    FEEDBACK,
    NEW_JOURNEY,
    REQUEST_COMPLETION,
    ROAD_MAP,
    completed_dm_blocks,
    completion_option,
    completion_requested_dm_blocks,
    confirm_completion_form,
    past_rows,
)
from blocks.payloads import MemberRef, RelationshipAction, RelationshipRef, decode, view_payload
from domain.completion import PastPairing
from domain.model import RelationshipStatus
from tests.blocks.builders import EVIL, NOW, assert_escaped, carried, pairing
from tests.support.block_limits import assert_fits_slack

PERSON = {"name": EVIL, "member_id": 2}


def test_the_mentor_marks_complete_and_the_mentee_asks() -> None:
    assert decode(completion_option(pairing(i_am_mentor=True))["value"],
                  RelationshipAction) == RelationshipAction(COMPLETE, 7)
    asks = completion_option(pairing())
    assert decode(asks["value"], RelationshipAction) == RelationshipAction(REQUEST_COMPLETION, 7)
    assert asks["text"]["text"].startswith("Ask <!channel>")  # plain text: Slack shows it as is


def test_the_confirmation_carries_the_relationship_and_escapes_the_mentee() -> None:
    view = confirm_completion_form(pairing(i_am_mentor=True))
    assert_fits_slack(view)
    assert_escaped(view)
    assert view_payload(view, RelationshipRef) == RelationshipRef(7)


def test_the_dms_lead_to_completion_feedback_and_the_partner() -> None:
    asked = completion_requested_dm_blocks("Alice asks…", {"relationship_id": 7,
                                                            "mentee": PERSON})
    done = completed_dm_blocks("Completed.", {"relationship_id": 7, "partner": PERSON})
    for blocks in (asked, done):
        assert_fits_slack({"blocks": blocks})
        assert carried(blocks, ids.CONVERSATION_OPEN, MemberRef) == [MemberRef(2)]
    assert carried(asked, ids.COMPLETION_OPEN, RelationshipRef) == [RelationshipRef(7)]
    assert carried(done, ids.FEEDBACK_OPEN, RelationshipRef) == [RelationshipRef(7)]
    assert carried(done, ids.COMPLETION_NEW_JOURNEY, RelationshipRef) == [RelationshipRef(7)]


def test_a_past_row_offers_only_what_is_left_to_do() -> None:
    ended = pairing(status=RelationshipStatus.COMPLETED, ended_at=NOW)
    fresh = past_rows([PastPairing(ended, feedback_given=False, continued=False)])
    done = past_rows([PastPairing(ended, feedback_given=True, continued=True)])
    assert_fits_slack({"blocks": fresh})
    assert_escaped(fresh)
    verbs = [p.verb for p in carried(fresh, ids.RELATIONSHIP_ACTIONS, RelationshipAction)]
    assert verbs == [FEEDBACK, NEW_JOURNEY, ROAD_MAP]
    assert carried(done, ids.RELATIONSHIP_ACTIONS, RelationshipAction) == [
        RelationshipAction(ROAD_MAP, 7)]
    assert past_rows([]) == []
