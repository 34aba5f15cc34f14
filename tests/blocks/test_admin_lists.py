"""The admins' lists modal and forms, and the selects over the lists: static up to 100 entries,
external beyond, retired entries kept where chosen and never offered."""

from __future__ import annotations

from typing import Any

from blocks import ids
from blocks.admin_lists import (
    PAGE_SIZE,
    add_form,
    edit_answers,
    edit_form,
    lists_view,
)
from blocks.choices import multi_choice, one_choice, suggestions
from blocks.payloads import AdminListItem, AdminListPage, decode, decode_id
from blocks.profiles import profile_view
from blocks.search import search_view
from domain.admin.lists import AdminList, EditableEntry
from domain.matching import SearchCriteria
from domain.model import ListKind
from domain.profiles import MentorAnswers, ProfileAnswers
from domain.programme import ListEntry, ProgrammeLists
from tests.blocks.builders import EVIL, assert_escaped
from tests.support.block_limits import assert_fits_slack
from tests.support.view_state import submitted


def entries(kind: ListKind, count: int, start: int = 1, archived: bool = False,
            name: str = "Area") -> list[ListEntry]:
    return [ListEntry(start + n, kind, f"{name} {start + n}", n, archived) for n in range(count)]


def lists_with(areas: int, retired: list[ListEntry] | None = None) -> ProgrammeLists:
    return ProgrammeLists(entries(ListKind.AREA, areas),
                          entries(ListKind.ROLE, 3, 1000, name="Role"),
                          entries(ListKind.COMMUNITY, 3, 2000, name="Community"),
                          retired=retired or [])


def labels(element: dict[str, Any], key: str = "options") -> list[str]:
    return [o["text"]["text"] for o in element.get(key, [])]


def overflow_verbs(view: dict[str, Any], item_id: int) -> list[str]:
    block = next(b for b in view["blocks"] if b.get("block_id") == ids.admin_lists_item_block(
        item_id))
    return [decode(o["value"], AdminListItem).verb for o in block["accessory"]["options"]]


# ---- the lists modal --------------------------------------------------------------------


def test_the_modal_pages_a_long_list_and_offers_each_entry_what_its_place_allows() -> None:
    shown = AdminList(ListKind.AREA, entries(ListKind.AREA, 150),
                      entries(ListKind.AREA, 2, 500, archived=True))
    first = lists_view(shown)
    assert_fits_slack(first)
    assert overflow_verbs(first, 1) == ["edit", "down", "retire"]
    assert overflow_verbs(first, 2) == ["edit", "up", "down", "retire"]
    assert "150 offered, 2 retired" in str(first)
    assert sum(1 for b in first["blocks"] if str(b.get("block_id", "")).startswith(
        "admin_lists.item.")) == PAGE_SIZE
    last = lists_view(shown, page=99, notice="Moved “Area 3” up.")  # beyond the end: the last
    assert_fits_slack(last)
    assert overflow_verbs(last, 150) == ["edit", "up", "retire"]
    assert overflow_verbs(last, 501) == ["edit", "back"]
    assert "Retired" in str(last) and "Moved “Area 3” up." in str(last)
    assert decode(last["private_metadata"], AdminListPage) == AdminListPage("area", 3)


def test_the_modal_escapes_labels_and_switches_list_by_a_select() -> None:
    view = lists_view(AdminList(ListKind.ROLE, [ListEntry(1, ListKind.ROLE, EVIL, 0)], []))
    assert_escaped(view)
    chooser = view["blocks"][0]["accessory"]
    assert chooser["action_id"] == ids.ADMIN_LISTS_KIND
    assert decode(chooser["initial_option"]["value"], AdminListPage).kind == "role"
    assert len(chooser["options"]) == 4


def test_the_forms_fit_slack_and_read_back() -> None:
    assert_fits_slack(add_form(ListKind.COMMUNITY, 0, None))
    editable = EditableEntry(ListEntry(7, ListKind.AREA, "Rail", 2), position=3, size=20)
    form = edit_form(editable, 0, None)
    assert_fits_slack(form)
    assert edit_answers(submitted(form, {})) == ("Rail", 3)
    retired = edit_form(EditableEntry(ListEntry(7, ListKind.AREA, "Rail", 2, True), None, 20),
                        0, None)
    assert edit_answers(submitted(retired, {ids.ADMIN_LISTS_LABEL: "Railways"})) == \
        ("Railways", None)


# ---- selects over the lists -------------------------------------------------------------


def test_up_to_100_entries_a_static_select_offers_them_and_keeps_a_retired_choice() -> None:
    old = ListEntry(900, ListKind.AREA, "Canals", 0, True)
    other = ListEntry(901, ListKind.AREA, "Airships", 1, True)
    lists = lists_with(99, [old, other])
    element = multi_choice(lists, ListKind.AREA, [old.id, 1], most=5)
    assert element["type"] == "multi_static_select"
    assert labels(element)[-1] == "Canals (retired)" and "Airships (retired)" not in \
        labels(element)
    assert labels(element, "initial_options") == ["Canals (retired)", "Area 1"]
    assert len(element["options"]) == 100


def test_beyond_100_entries_the_selects_are_external_with_the_choices_kept() -> None:
    old = ListEntry(900, ListKind.AREA, "Canals", 0, True)
    lists = lists_with(150, [old])
    element = multi_choice(lists, ListKind.AREA, [old.id, 3], most=5)
    assert element["type"] == "multi_external_select" and "options" not in element
    assert element["min_query_length"] == 0
    assert labels(element, "initial_options") == ["Canals (retired)", "Area 3"]
    assert decode_id(element["initial_options"][1]["value"]) == 3
    few = one_choice(lists, ListKind.ROLE, None, any_label="Any role")
    assert few["type"] == "static_select" and few["initial_option"]["text"]["text"] == "Any role"


def test_suggestions_filter_by_what_was_typed_and_never_offer_retired_entries() -> None:
    lists = lists_with(150, [ListEntry(900, ListKind.AREA, "Area 999", 0, True)])
    everything = suggestions(lists, ids.PROFILE_MENTOR_AREAS, "")
    assert len(everything) == 100 and labels({"options": everything})[0] == "Area 1"
    found = labels({"options": suggestions(lists, ids.SEARCH_AREAS, "  area 14 ")})
    assert found == ["Area 14", *(f"Area {n}" for n in range(140, 150))]
    assert suggestions(lists, ids.SEARCH_AREAS, "999") == []
    roles = labels({"options": suggestions(lists, ids.SEARCH_ROLE, "")})
    assert roles == ["Any role", "Role 1000", "Role 1001", "Role 1002"]
    assert suggestions(lists, "admin_lists.forged", "") == []


def test_profile_and_search_forms_switch_to_external_selects_beyond_100() -> None:
    lists = lists_with(150)
    answers = ProfileAnswers(True, False, "Planner", "", "", MentorAnswers(
        area_ids=[5], role_id=1000, community_id=2000, bio="", capacity=2))
    profile = profile_view(lists, answers)
    assert_fits_slack(profile)
    areas = next(b for b in profile["blocks"] if b.get("block_id") == ids.PROFILE_MENTOR_AREAS)
    assert areas["element"]["type"] == "multi_external_select"
    assert areas["element"]["action_id"] == ids.PROFILE_MENTOR_AREAS
    search = search_view(lists, SearchCriteria(area_ids=(5,)), None)
    assert_fits_slack(search)
    found = next(b for b in search["blocks"] if b.get("block_id") == ids.SEARCH_AREAS)
    assert found["element"]["type"] == "multi_external_select"
    assert labels(found["element"], "initial_options") == ["Area 5"]
