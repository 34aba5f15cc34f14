"""The profile form read back as it was drawn, forged choices refused, and the summary."""

from __future__ import annotations

import pytest

from blocks import ids
from blocks.forms import NOT_OFFERED, field_errors
from blocks.profiles import profile_summary, profile_view, read_profile_answers, with_roles
from domain.errors import InvalidInput
from domain.profiles import MenteeAnswers, MentorAnswers, ProfileAnswers
from tests.blocks.builders import EVIL, assert_escaped, default_lists, member
from tests.support.block_limits import assert_fits_slack
from tests.support.view_state import submitted

LISTS = default_lists()
MENTOR = MentorAnswers(area_ids=[100, 101], role_id=200, community_id=300, bio="Freight.",
                       capacity=3, open_to_requests=False)
MENTEE = MenteeAnswers(area_ids=[102], preferred_role_id=None, preferred_community_id=301,
                       statement="Help me.")
BOTH = ProfileAnswers(True, True, "Planner", "Mango", "ana@example.org", MENTOR, MENTEE)


def test_an_untouched_form_reads_back_exactly_what_it_was_drawn_with() -> None:
    view = profile_view(LISTS, BOTH)
    assert_fits_slack(view)
    assert read_profile_answers(submitted(view, {})) == BOTH


def test_a_mentor_only_form_has_no_mentee_half() -> None:
    mentor_only = ProfileAnswers(True, False, "Planner", "", "", MENTOR)
    view = profile_view(LISTS, mentor_only)
    block_ids = {b.get("block_id") for b in view["blocks"]}
    assert ids.PROFILE_MENTOR_AREAS in block_ids and ids.PROFILE_MENTEE_AREAS not in block_ids
    read = read_profile_answers(submitted(view, {ids.PROFILE_CAPACITY: "5"}))
    assert read.mentee is None and read.mentor is not None and read.mentor.capacity == 5
    # Ticking "mentee" rebuilds the form with the saved mentee half, not an empty one.
    assert with_roles(read, BOTH).mentee == MENTEE


def test_a_forged_list_choice_is_refused_beside_its_input() -> None:
    view = submitted(profile_view(LISTS, BOTH), {})
    view["state"]["values"][ids.PROFILE_MENTOR_ROLE][ids.PROFILE_MENTOR_ROLE][
        "selected_option"] = {"value": "drop table"}
    with pytest.raises(InvalidInput) as refused:
        read_profile_answers(view)
    assert field_errors(view, refused.value.errors) == {ids.PROFILE_MENTOR_ROLE: NOT_OFFERED}


def test_the_summary_escapes_the_member_and_names_a_missing_half() -> None:
    done = profile_summary(member(name=EVIL, organisation=EVIL))
    assert_escaped(done)
    assert "up to 2 mentees · open to requests" in done[0]["text"]["text"]
    missing = profile_summary(member(complete=False))
    assert "mentor and mentee profile is not complete" in missing[-1]["elements"][0]["text"]
