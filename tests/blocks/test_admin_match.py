"""The manual match form, its confirmation past a limit, and the DM each side gets."""

from __future__ import annotations

from blocks import ids
from blocks.admin_match import confirm_view, match_form, matched_dm_blocks, matched_view
from blocks.payloads import MatchDraft, view_payload
from domain.admin.matching import ManualMatch
from tests.blocks.builders import EVIL, assert_escaped, member
from tests.blocks.test_notifications import JOHN
from tests.support.block_limits import assert_fits_slack


def test_the_form_is_prefilled_from_a_card_and_remembers_it() -> None:
    form = match_form(MatchDraft(mentee="UANA", alert=4))
    mentee = next(b for b in form["blocks"] if b.get("block_id") == ids.ADMIN_MATCH_MENTEE)
    assert mentee["element"]["type"] == "users_select"
    assert mentee["element"]["initial_user"] == "UANA"
    assert view_payload(form, MatchDraft).alert == 4
    assert_fits_slack(form)


def test_the_confirmation_says_each_limit_and_carries_the_match() -> None:
    result = ManualMatch(member(EVIL), member("John Smith"), "A note", (
        f"{EVIL} is full.", "Too many mentors."))
    view = confirm_view(result, 4)
    assert view["callback_id"] == ids.ADMIN_MATCH_CONFIRM and view["submit"]["text"] == \
        "Match anyway"
    assert_escaped(view)
    assert "Too many mentors." in str(view)
    assert view_payload(view, MatchDraft) == MatchDraft("UANA", "UANA", "A note", 4)
    assert_fits_slack(view)
    assert_fits_slack(matched_view(result))


def test_the_dm_shows_the_partner_the_note_and_message() -> None:
    blocks = matched_dm_blocks("Sam matched you.", {"partner": JOHN, "note": EVIL})
    assert "Why you were matched" in str(blocks)
    assert ids.CONVERSATION_OPEN in str(blocks)
    assert_escaped(blocks)
