"""Reading submitted modals: what Slack sends, and what a forged or broken state reads as."""

from __future__ import annotations

from datetime import date, time
from typing import Any

import pytest

from blocks.forms import (
    NOT_OFFERED,
    chosen_id,
    chosen_ids,
    date_value,
    field_errors,
    has_input,
    int_value,
    parent_view_of,
    selected_value,
    selected_values,
    text_value,
    time_value,
    uploaded_files,
)
from blocks.payloads import BoundView
from domain.errors import InvalidInput


def state(**blocks: dict[str, Any]) -> dict[str, Any]:
    """A submitted view whose block `b` holds `{action_id: element_state}`."""
    return {"state": {"values": blocks}}


def test_the_value_is_read_under_the_block_id_or_else_the_only_action() -> None:
    assert text_value(state(b={"b": {"value": "mine"}}), "b") == "mine"
    # An element whose action_id is not its block id (an older view) still reads.
    assert text_value(state(b={"other": {"value": "old"}}), "b") == "old"


def test_an_absent_or_empty_input_reads_as_nothing() -> None:
    for view in ({}, {"state": None}, {"state": {}}, state(), state(b={}), state(b=None),
                 state(b={"b": {"value": None}}), state(b={"b": {}})):
        assert text_value(view, "b") == ""
        assert int_value(view, "b") is None
        assert selected_value(view, "b") is None
        assert selected_values(view, "b") == []
        assert uploaded_files(view, "b") == []
        assert date_value(view, "b") is None and time_value(view, "b") is None


def test_numbers_dates_and_times_that_are_not_read_as_none() -> None:
    assert int_value(state(b={"b": {"value": " 3 "}}), "b") == 3
    for typed in ("3.5", "three", "1e3"):
        assert int_value(state(b={"b": {"value": typed}}), "b") is None
    assert date_value(state(b={"b": {"selected_date": "2026-02-28"}}), "b") == date(2026, 2, 28)
    for forged in ("2026-02-30", "tomorrow", ["2026-02-28"]):
        assert date_value(state(b={"b": {"selected_date": forged}}), "b") is None
    assert time_value(state(b={"b": {"selected_time": "09:30"}}), "b") == time(9, 30)
    for forged in ("9:30", "25:00", "09:30:00", "noon"):
        assert time_value(state(b={"b": {"selected_time": forged}}), "b") is None


def test_broken_option_and_file_lists_are_tolerated() -> None:
    assert selected_values(state(b={"b": {"selected_options": [{"value": "1"}, {}]}}),
                           "b") == ["1", ""]
    assert selected_value(state(b={"b": {"selected_option": None}}), "b") is None
    files = state(b={"b": {"files": [{"id": "F1"}, "F2", None]}})
    assert uploaded_files(files, "b") == [{"id": "F1"}]


def test_has_input_tells_a_missing_block_from_an_empty_one() -> None:
    assert has_input(state(b={"b": {"value": None}}), "b")
    assert not has_input(state(c={}), "b") and not has_input({}, "b")


def test_field_errors_land_on_blocks_the_view_shows() -> None:
    view = {"blocks": [{"type": "section"}, {"type": "input", "block_id": "goal.label"},
                       {"type": "input", "block_id": "goal.due_on"}]}
    assert field_errors(view, {"due_on": "Pick a date."}) == {"goal.due_on": "Pick a date."}
    assert field_errors(view, {"": "Not yours.", "secret": "Too long."}) == {
        "goal.label": "Not yours. Too long."}
    assert field_errors({"blocks": []}, {"x": "No."}) == {"x": "No."}


def test_the_parent_view_is_only_the_list_named() -> None:
    body = {"view": {"id": "V1", "callback_id": "goal.list"}, "user": {"id": "U1"}}
    assert parent_view_of(body, "goal.list") == BoundView("V1", "U1")
    assert parent_view_of({**body, "user": {}}, "goal.list") is None
    assert parent_view_of(body, "diary.list") is None
    assert parent_view_of({}, "goal.list") is None
    assert parent_view_of({"view": {"callback_id": "goal.list"}}, "goal.list") is None


FORGED_STATES: list[Any] = [
    {"state": {"values": [{"b": {"value": "x"}}]}},  # values as a list
    {"state": "values"}, {"state": {"values": "b"}}, [], "view", 7,
    state(b="b"), state(b=["b"]), state(b={"b": "typed"}), state(b={"b": ["typed"]}),
    state(b={"b": {"value": 7, "selected_option": [{"value": "1"}],
                   "selected_options": "1", "selected_date": 20260228,
                   "selected_time": ["09:30"], "files": "F1"}}),
    state(b={"b": {"value": ["x"], "selected_option": "1", "selected_options": {"value": "1"},
                   "selected_date": {"d": 1}, "selected_time": 930, "files": {"id": "F1"}}}),
    state(b={"b": {"selected_option": {"value": 1}, "selected_options": [1, "1", None]}}),
]


@pytest.mark.parametrize("view", FORGED_STATES)
def test_a_forged_shape_reads_as_an_empty_input_and_never_raises(view: Any) -> None:
    assert text_value(view, "b") == "" and int_value(view, "b") is None
    assert selected_value(view, "b") is None
    assert all(one == "" for one in selected_values(view, "b"))
    assert uploaded_files(view, "b") == []
    assert date_value(view, "b") is None and time_value(view, "b") is None
    assert chosen_id(view, "b") is None
    assert parent_view_of({"view": view}, "goal.list") is None
    assert field_errors(view, {"": "No."}) == {"": "No."}


def test_an_id_never_offered_is_refused_beside_its_input() -> None:
    assert chosen_id(state(b={"b": {"selected_option": {"value": "12"}}}), "b") == 12
    assert chosen_id(state(b={"b": {"selected_option": {"value": "any"}}}), "b") is None
    assert chosen_ids(state(b={"b": {"selected_options": [{"value": "3"}]}}), "b") == [3]
    for forged in ("012", "-1", "1.0", "x", "9" * 16, "١٢"):
        for read in (chosen_id, chosen_ids):
            picked = {"selected_option": {"value": forged},
                      "selected_options": [{"value": "2"}, {"value": forged}]}
            with pytest.raises(InvalidInput) as refused:
                read(state(**{"goal.area": {"goal.area": picked}}), "goal.area")
            assert refused.value.errors == {"goal.area": NOT_OFFERED}
    view = {"blocks": [{"type": "input", "block_id": "goal.label"},
                       {"type": "input", "block_id": "goal.area"}]}
    assert field_errors(view, {"goal.area": NOT_OFFERED}) == {"goal.area": NOT_OFFERED}
