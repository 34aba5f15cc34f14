"""Reading what a person entered in a modal: the inverse of the input blocks in kit.py."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from domain.submissions import submission_key


def _state(view: dict[str, Any], block_id: str) -> dict[str, Any]:
    """The state of one input; its action_id is its block_id (see kit.input_block)."""
    block = (view.get("state") or {}).get("values", {}).get(block_id) or {}
    return block.get(block_id) or next(iter(block.values()), {})


def text_value(view: dict[str, Any], block_id: str) -> str:
    """What was typed in a text, e-mail or number input ('' when empty or absent)."""
    return str(_state(view, block_id).get("value") or "")


def int_value(view: dict[str, Any], block_id: str) -> int | None:
    """A whole number typed in an input, or None when it is empty or not a whole number."""
    text = text_value(view, block_id).strip()
    try:
        return int(text)
    except ValueError:
        return None


def selected_value(view: dict[str, Any], block_id: str) -> str | None:
    """The value of the option chosen in a select or radio group."""
    chosen = _state(view, block_id).get("selected_option") or {}
    return chosen.get("value")


def selected_values(view: dict[str, Any], block_id: str) -> list[str]:
    """The values of the options chosen in a multi-select or checkbox group."""
    return [o.get("value", "") for o in _state(view, block_id).get("selected_options") or []]


def uploaded_files(view: dict[str, Any], block_id: str) -> list[dict[str, Any]]:
    """The files a person attached with a file_input."""
    return [f for f in _state(view, block_id).get("files") or [] if isinstance(f, dict)]


def has_input(view: dict[str, Any], block_id: str) -> bool:
    """True when the submitted view carries this input at all."""
    return block_id in (view.get("state") or {}).get("values", {})


def field_errors(view: dict[str, Any], errors: dict[str, str]) -> dict[str, str]:
    """Domain field errors keyed by the block ids of the view that shows those fields.

    A field the view does not show (or the "" key of a general refusal) is reported on the
    view's first input, so Slack always accepts the answer and the person always sees it.
    """
    inputs = [b["block_id"] for b in view.get("blocks", []) if b.get("type") == "input"]
    by_field = {block_id.rsplit(".", 1)[-1]: block_id for block_id in inputs}
    keyed: dict[str, str] = {}
    for field, message in errors.items():
        block_id = by_field.get(field) or (inputs[0] if inputs else field)
        keyed[block_id] = (keyed[block_id] + " " + message) if block_id in keyed else message
    return keyed


def date_value(view: dict[str, Any], block_id: str) -> date | None:
    """The date chosen in a datepicker, or None when none was (or it is not a date)."""
    try:
        return date.fromisoformat(str(_state(view, block_id).get("selected_date") or ""))
    except ValueError:
        return None


def time_value(view: dict[str, Any], block_id: str) -> time | None:
    """The time chosen in a timepicker ("HH:MM"), or None when none was (or it is not one)."""
    chosen = str(_state(view, block_id).get("selected_time") or "")
    try:
        return time.fromisoformat(chosen) if len(chosen) == 5 else None
    except ValueError:
        return None


def parent_view_of(body: dict[str, Any], callback_id: str) -> str | None:
    """The id of the view a button was clicked in, when it is the list `callback_id` names."""
    view = body.get("view") or {}
    return str(view["id"]) if view.get("callback_id") == callback_id and view.get("id") else None


def submission_of(view: dict[str, Any]) -> str | None:
    """The key of this submission of `view`; every copy of one double send has the same."""
    return submission_key(str(view.get("id") or ""), str(view.get("hash") or ""))
