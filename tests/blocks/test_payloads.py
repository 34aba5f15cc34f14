"""The payload codec: what it writes reads back, and nothing else reads at all."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from blocks import codec, payloads
from blocks.payloads import (
    BoundView,
    GoalAction,
    GoalRef,
    Page,
    ProposalForm,
    ProposalRef,
    SearchState,
    Target,
)
from domain.errors import DomainError, StalePayload

ids_ = st.integers(min_value=1, max_value=10**15 - 1)
short = st.text(max_size=40)
view_ids = st.text(min_size=1, max_size=40)


@given(st.one_of(
    st.builds(GoalRef, ids_),
    st.builds(GoalAction, short, ids_),
    st.builds(Page, st.integers(0, 10**6), st.none() | ids_, st.booleans()),
    st.builds(ProposalForm, ids_, st.none() | ids_),
    st.builds(Target, st.none() | ids_, st.none() | ids_,
              st.none() | st.builds(BoundView, view_ids, view_ids),
              st.none() | st.text(max_size=1000)),
    st.builds(SearchState, st.lists(ids_, max_size=100).map(tuple), st.none() | ids_,
              st.none() | ids_, st.booleans(), st.text(max_size=200)),
))
def test_what_is_written_reads_back_the_same(payload: Any) -> None:
    parent = getattr(payload, "parent", None)
    written = payloads.encode(payload)
    assert payloads.decode(written, type(payload), parent and parent.user) == payload


def test_the_written_form_is_compact_tagged_and_versioned() -> None:
    assert payloads.value(GoalRef(12)) == '{"v":1,"t":"goal","goal":12}'
    assert json.loads(payloads.metadata(Target(3, parent=BoundView("V1", "U1")))) == {
        "v": 1, "t": "target", "relationship": 3, "parent": ["V1", "U1"]}


GOAL = '{"v":1,"t":"goal","goal":12}'


@pytest.mark.parametrize("forged", [
    None, 12, "", "012", "1.5", "goal:12", "not json", "[1]", "null",
    '{"v":2,"t":"goal","goal":12}',  # another version
    '{"t":"goal","goal":12}',  # no version
    '{"v":true,"t":"goal","goal":12}', '{"v":1.0,"t":"goal","goal":12}',
    '{"v":1,"t":"meeting","meeting":12}',  # another shape
    '{"v":1,"goal":12}',  # no tag
    '{"v":1,"t":"goal"}',  # a required field missing
    '{"v":1,"t":"goal","goal":12,"admin":true}',  # an unknown field
    '{"v":1,"t":"goal","goal":true}',  # a bool is not an id
    '{"v":1,"t":"goal","goal":"12"}',
    '{"v":1,"t":"goal","goal":12.0}',
    '{"v":1,"t":"goal","goal":0}',
    '{"v":1,"t":"goal","goal":-1}',
    '{"v":1,"t":"goal","goal":1000000000000000000000}',
    '{"v":1,"t":"goal","goal":null}',
    "x" * 4000,
])
def test_anything_else_is_a_stale_payload(forged: Any) -> None:
    with pytest.raises(StalePayload):
        payloads.decode(forged, GoalRef)


def test_a_bare_id_from_a_dm_sent_before_the_codec_still_reads() -> None:
    assert payloads.decode("12", ProposalRef) == ProposalRef(12)
    assert payloads.decode("12", GoalRef) == GoalRef(12)
    for not_one_id in (Target, Page, GoalAction):
        with pytest.raises(StalePayload):
            payloads.decode("12", not_one_id)
    with pytest.raises(StalePayload):
        payloads.decode("1" * 16, ProposalRef)


@pytest.mark.parametrize("forged", [
    '{"v":1,"t":"goalact","verb":"' + "x" * 41 + '","target":1}',  # overlong string
    '{"v":1,"t":"goalact","verb":7,"target":1}',
])
def test_strings_are_checked_too(forged: str) -> None:
    with pytest.raises(StalePayload):
        payloads.decode(forged, GoalAction)


def test_pages_start_at_zero_and_tuples_hold_only_ids() -> None:
    assert payloads.decode('{"v":1,"t":"page","page":0}', Page) == Page(0)
    for forged in ('{"v":1,"t":"page","page":-1}', '{"v":1,"t":"page","by_theme":1}'):
        with pytest.raises(StalePayload):
            payloads.decode(forged, Page)
    for areas in ("[1,0]", "[true]", '["1"]', "[[1]]", "7"):
        with pytest.raises(StalePayload):
            payloads.decode('{"v":1,"t":"search","areas":' + areas + "}", SearchState)


def test_the_refusal_is_friendly() -> None:
    error = StalePayload()
    assert isinstance(error, DomainError)
    assert "out of date" in error.message and "{" not in error.message


def test_writing_outside_a_shape_or_slacks_limits_is_a_bug() -> None:
    with pytest.raises(ValueError, match="value limit"):
        payloads.value(_too_long_for_a_value())
    with pytest.raises(ValueError, match="does not fit"):
        payloads.encode(GoalRef(0))
    with pytest.raises(ValueError, match="does not fit"):
        payloads.encode(GoalAction("x" * 41, 1))
    with pytest.raises(ValueError, match="not a registered"):
        payloads.encode({"goal": 1})


def _too_long_for_a_value() -> Target:
    """A Target within its own field limits whose written form passes 2,000 characters."""
    # Each quote is written escaped, as two characters.
    return Target(1, 2, BoundView("V1", "U1"), '"' * 1000)


def test_metadata_allows_three_thousand_characters() -> None:
    big = _too_long_for_a_value()
    assert 2000 < len(payloads.metadata(big)) <= 3000


def test_bare_option_ids_are_strict() -> None:
    assert payloads.encode_id(7) == "7" and payloads.decode_ids(["7", "12"]) == [7, 12]
    for forged in ("", "-1", "07", "1.0", "١٢", "9" * 16, "any"):
        with pytest.raises(StalePayload):
            payloads.decode_id(forged)
    for bad in (0, -3, True):
        with pytest.raises(ValueError, match="not an id"):
            payloads.encode_id(bad)


def test_readers_take_the_value_from_a_slack_body() -> None:
    button = {"actions": [{"type": "button", "value": payloads.value(GoalRef(5))}]}
    menu = {"actions": [{"type": "static_select",
                         "selected_option": {"value": payloads.value(GoalRef(6))}}]}
    assert payloads.action_payload(button, GoalRef) == GoalRef(5)
    assert payloads.action_payload(menu, GoalRef) == GoalRef(6)
    view = {"private_metadata": payloads.metadata(GoalRef(7))}
    assert payloads.view_payload(view, GoalRef) == GoalRef(7)
    for body in ({}, {"actions": []}, {"actions": [{}]}, {"actions": "x"}):
        with pytest.raises(StalePayload):
            payloads.action_payload(body, GoalRef)
    with pytest.raises(StalePayload):
        payloads.view_payload({"private_metadata": ""}, GoalRef)


def test_every_shape_is_frozen_and_registered_once() -> None:
    with pytest.raises(ValueError, match="taken"):
        codec.shape("goal")(type("Again", (), {}))


def test_a_shape_must_be_a_frozen_dataclass() -> None:
    @dataclass
    class Loose:
        goal: int

    with pytest.raises(ValueError, match="frozen"):
        codec.shape("loose")(Loose)


def test_a_view_id_reads_back_only_for_the_person_it_was_drawn_for() -> None:
    written = payloads.metadata(Target(3, 4, BoundView("V1", "UANNA")))
    assert payloads.decode(written, Target, "UANNA").parent == BoundView("V1", "UANNA")
    with pytest.raises(StalePayload):
        payloads.decode(written, Target, "UJOHN")
    # Read by no one in particular (only to learn the item), it is nobody's view to update.
    assert payloads.decode(written, Target) == Target(3, 4)
    for forged in ('"V1"', '["V1"]', '["V1","UANNA","x"]', '["V1",7]', '["","UANNA"]',
                   '{"view":"V1","user":"UANNA"}', '["V1","' + "U" * 41 + '"]'):
        with pytest.raises(StalePayload):
            payloads.decode('{"v":1,"t":"target","item":4,"parent":' + forged + "}", Target,
                            "UANNA")
