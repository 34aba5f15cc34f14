"""Build the `state.values` mapping Slack sends when a user submits a modal."""

from __future__ import annotations

import copy
from typing import Any

from .view_state_elements import (
    MULTI_OPTION_TYPES,
    PICKERS,
    SINGLE_OPTION_TYPES,
    TEXT_TYPES,
    as_list,
    selected_option,
    text_value,
)

StateValues = dict[str, dict[str, dict[str, Any]]]


def fill(view: dict[str, Any], answers: dict[str, Any]) -> StateValues:
    """Slack's `view.state.values` for a submission; answers are keyed by input block_id."""
    inputs = input_elements(view)
    for block_id in answers:
        if block_id not in inputs:
            raise ValueError(f"no input block {block_id!r} in the view; inputs: {sorted(inputs)}")
    values: StateValues = {}
    for block_id, element in inputs.items():
        action_id = element.get("action_id") or f"{block_id}-action"
        if block_id in answers:
            state = answered_state(element, answers[block_id])
        else:
            state = initial_state(element)
        values[block_id] = {action_id: state}
    return values


def submitted(view: dict[str, Any], answers: dict[str, Any]) -> dict[str, Any]:
    """A copy of view carrying `state: {"values": fill(view, answers)}`."""
    result = copy.deepcopy(view)
    result["state"] = {"values": fill(view, answers)}
    return result


def input_elements(view: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Map block_id -> element for every input block (Slack-style ids when one is missing)."""
    found: dict[str, dict[str, Any]] = {}
    for index, block in enumerate(view.get("blocks") or []):
        if not isinstance(block, dict) or block.get("type") != "input":
            continue
        element = block.get("element")
        if not isinstance(element, dict) or "type" not in element:
            raise ValueError(f"input block #{index} has no element with a type")
        block_id = block.get("block_id") or f"auto-block-{index}"
        if block_id in found:
            raise ValueError(f"duplicate block_id {block_id!r} in the view")
        found[block_id] = element
    return found


def answered_state(element: dict[str, Any], answer: Any) -> dict[str, Any]:
    """The state entry for an element the user filled in (None clears it)."""
    kind = element["type"]
    if kind in TEXT_TYPES:
        return {"type": kind, "value": text_value(element, answer)}
    if kind in SINGLE_OPTION_TYPES:
        option = None if answer is None else selected_option(element, answer)
        return {"type": kind, "selected_option": option}
    if kind in MULTI_OPTION_TYPES:
        chosen = [] if answer is None else [selected_option(element, a) for a in as_list(answer)]
        return {"type": kind, "selected_options": chosen}
    if kind in PICKERS:
        key, _, empty, convert = PICKERS[kind]
        return {"type": kind, key: copy.deepcopy(empty) if answer is None else convert(answer)}
    raise ValueError(f"unsupported input element type {kind!r}")


def initial_state(element: dict[str, Any]) -> dict[str, Any]:
    """The state entry Slack sends for an untouched element: its initial value or empty."""
    kind = element["type"]
    if kind in TEXT_TYPES:
        return {"type": kind, "value": element.get("initial_value") or None}
    if kind in SINGLE_OPTION_TYPES:
        return {"type": kind, "selected_option": copy.deepcopy(element.get("initial_option"))}
    if kind in MULTI_OPTION_TYPES:
        return {"type": kind, "selected_options": copy.deepcopy(element.get("initial_options", []))}
    if kind in PICKERS:
        key, initial_key, empty, _ = PICKERS[kind]
        initial = element.get(initial_key) if initial_key else None
        return {"type": kind, key: copy.deepcopy(empty if initial is None else initial)}
    raise ValueError(f"unsupported input element type {kind!r}")
