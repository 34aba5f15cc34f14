"""Find a mentor: criteria kept across pages, results escaped and paged, a mentor's profile."""

from __future__ import annotations

from fractions import Fraction

from blocks import ids
from blocks.payloads import MemberRef, Page
from blocks.search import (
    criteria_from_metadata,
    criteria_from_profile,
    mentor_profile_view,
    read_criteria,
    search_view,
)
from domain.matching import Fit, SearchCriteria
from domain.search import PAGE_SIZE, MentorMatch, SearchPage
from tests.blocks.builders import EVIL, assert_escaped, carried, default_lists, member
from tests.support.block_limits import assert_fits_slack
from tests.support.view_state import submitted

LISTS = default_lists()
CRITERIA = SearchCriteria(area_ids=(100, 102), role_id=200, community_id=None, exact=True,
                          keyword=EVIL)


def match(n: int, spare: int = 1) -> MentorMatch:
    mentor = member(EVIL, mentee=False, id=n, organisation=EVIL)
    return MentorMatch(mentor, Fit(1, 2, True, False, Fraction(1, 2)), spare)


def test_the_criteria_survive_the_modal_and_its_metadata() -> None:
    view = search_view(LISTS, CRITERIA, None)
    assert_fits_slack(view)
    assert criteria_from_metadata(view) == CRITERIA
    assert read_criteria(submitted(view, {})) == CRITERIA
    assert read_criteria(submitted(view, {ids.SEARCH_ROLE: "any", ids.SEARCH_EXACT: []})) == \
        SearchCriteria(area_ids=(100, 102), keyword=EVIL)


def test_a_mentees_profile_is_where_the_search_starts() -> None:
    assert criteria_from_profile(member()).area_ids == (102,)
    assert criteria_from_profile(member(mentee=False)) == SearchCriteria()


def test_a_full_page_of_results_fits_escapes_and_pages() -> None:
    page = SearchPage(CRITERIA, [match(n) for n in range(1, PAGE_SIZE + 1)], page=1,
                      total=3 * PAGE_SIZE)
    view = search_view(LISTS, CRITERIA, page)
    assert_fits_slack(view)
    assert_escaped(view)
    text = str(view)
    role = LISTS.roles[0].label
    assert f"Showing {PAGE_SIZE + 1}–{2 * PAGE_SIZE} of {3 * PAGE_SIZE}" in text
    assert f"'Meets some: 1 of 2 areas · ✓ {role}'" in text
    assert "'Room for 1 more mentee'" in text
    assert carried(view, ids.SEARCH_PAGE, Page) == [Page(0), Page(2)]
    assert [r.member for r in carried(view, ids.PROPOSAL_OPEN, MemberRef)] == list(
        range(1, PAGE_SIZE + 1))


def test_a_total_past_the_count_reads_as_more_than_and_still_pages_on() -> None:
    page = SearchPage(CRITERIA, [match(n) for n in range(1, PAGE_SIZE + 1)], page=0,
                      total=100, more=True)
    view = search_view(LISTS, CRITERIA, page)
    assert f"Showing 1–{PAGE_SIZE} of more than 100 mentors, closest matches first." in str(view)
    assert carried(view, ids.SEARCH_PAGE, Page) == [Page(1)]


def test_no_results_suggest_loosening_the_search() -> None:
    view = search_view(LISTS, CRITERIA, SearchPage(CRITERIA, [], page=0, total=0))
    assert "Try turning off exact matching" in str(view)


def test_a_mentors_profile_says_whether_they_take_requests() -> None:
    full = mentor_profile_view(member(EVIL, mentee=False, id=5, bio=EVIL), spare=0)
    assert_fits_slack(full)
    assert_escaped(full)
    assert "Not taking new requests" in str(full) and "Room for 0 more mentees" in str(full)
    assert carried(full, ids.PROPOSAL_OPEN, MemberRef) == [MemberRef(5)]
