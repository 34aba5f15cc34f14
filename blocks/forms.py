"""Reading what a person entered in a modal: the inverse of the input blocks in kit.py.

Slack sends one shape, but a forger (or a proxy bug) can send any JSON: every reader here
takes what it finds through `_state` and `_dict`, so an unexpected shape reads as an empty
input (which the use case refuses beside that input) and never raises.
"""

from __future__ import annotations

from datetime import date, time
from typing import Any

from blocks import ids
from blocks.codec import BoundView, decode_id
from domain.errors import InvalidInput, StalePayload
from domain.submissions import submission_key

NOT_OFFERED = "That choice is no longer offered. Please choose again."


def _dict(found: Any) -> dict[str, Any]:
    """`found` when it is a JSON object, else an empty one."""
    return found if isinstance(found, dict) else {}


def _values(view: Any) -> dict[str, Any]:
    """The view's `state.values`: every input's state, keyed by block id."""
    return _dict(_dict(_dict(view).get("state")).get("values"))


def _state(view: dict[str, Any], block_id: str) -> dict[str, Any]:
    """The state of one input; its action_id is its block_id (see kit.input_block)."""
    block = _dict(_values(view).get(block_id))
    own = block.get(block_id)
    if isinstance(own, dict):
        return own
    return next((one for one in block.values() if isinstance(one, dict)), {})


def _string(found: Any) -> str | None:
    """A string Slack would send; any other JSON (a number, a list) is not one."""
    return found if isinstance(found, str) else None


def text_value(view: dict[str, Any], block_id: str) -> str:
    """What was typed in a text, e-mail or number input ('' when empty or absent)."""
    return _string(_state(view, block_id).get("value")) or ""


def int_value(view: dict[str, Any], block_id: str) -> int | None:
    """A whole number typed in an input, or None when it is empty or not a whole number."""
    text = text_value(view, block_id).strip()
    try:
        return int(text)
    except ValueError:
        return None


def selected_value(view: dict[str, Any], block_id: str) -> str | None:
    """The value of the option chosen in a select or radio group."""
    return _string(_dict(_state(view, block_id).get("selected_option")).get("value"))


def selected_user(view: dict[str, Any], block_id: str) -> str | None:
    """The Slack user chosen in a users_select."""
    return _string(_state(view, block_id).get("selected_user")) or None


def selected_values(view: dict[str, Any], block_id: str) -> list[str]:
    """The values of the options chosen in a multi-select or checkbox group."""
    chosen = _state(view, block_id).get("selected_options")
    if not isinstance(chosen, list):
        return []
    return [_string(_dict(one).get("value")) or "" for one in chosen]


def chosen_id(view: dict[str, Any], block_id: str) -> int | None:
    """The id of the list entry chosen in a select: None for nothing or "any" (no preference).

    A value we never offered is refused beside its input, where the person can choose again.
    """
    chosen = selected_value(view, block_id)
    if chosen is None or chosen in ("", ids.ANY):
        return None
    return _decoded(chosen, block_id)


def chosen_ids(view: dict[str, Any], block_id: str) -> list[int]:
    """The ids of the list entries chosen in a multi-select, refused as `chosen_id` refuses."""
    return [_decoded(one, block_id) for one in selected_values(view, block_id)]


def _decoded(written: str, block_id: str) -> int:
    try:
        return decode_id(written)
    except StalePayload:
        raise InvalidInput.of(block_id, NOT_OFFERED) from None


def uploaded_files(view: dict[str, Any], block_id: str) -> list[dict[str, Any]]:
    """The files a person attached with a file_input."""
    files = _state(view, block_id).get("files")
    return [f for f in files if isinstance(f, dict)] if isinstance(files, list) else []


def has_input(view: dict[str, Any], block_id: str) -> bool:
    """True when the submitted view carries this input at all."""
    return block_id in _values(view)


def field_errors(view: dict[str, Any], errors: dict[str, str]) -> dict[str, str]:
    """Domain field errors keyed by the block ids of the view that shows those fields.

    A field is named by its input's block id or by that id's last part. A field the view does
    not show (or the "" key of a general refusal) is reported on the view's first input, so
    Slack always accepts the answer and the person always sees it.
    """
    blocks = _dict(view).get("blocks")
    inputs = [str(b["block_id"]) for b in blocks if isinstance(b, dict)
              and b.get("type") == "input" and b.get("block_id")] \
        if isinstance(blocks, list) else []
    by_field = {block_id.rsplit(".", 1)[-1]: block_id for block_id in inputs}
    keyed: dict[str, str] = {}
    for field, message in errors.items():
        block_id = field if field in inputs else by_field.get(field) or (
            inputs[0] if inputs else field)
        keyed[block_id] = (keyed[block_id] + " " + message) if block_id in keyed else message
    return keyed


def date_value(view: dict[str, Any], block_id: str) -> date | None:
    """The date chosen in a datepicker, or None when none was (or it is not a date)."""
    try:
        return date.fromisoformat(_string(_state(view, block_id).get("selected_date")) or "")
    except ValueError:
        return None


def time_value(view: dict[str, Any], block_id: str) -> time | None:
    """The time chosen in a timepicker ("HH:MM"), or None when none was (or it is not one)."""
    chosen = _string(_state(view, block_id).get("selected_time")) or ""
    try:
        return time.fromisoformat(chosen) if len(chosen) == 5 else None
    except ValueError:
        return None


def parent_view_of(body: dict[str, Any], callback_id: str) -> BoundView | None:
    """The view a button was clicked in, when it is the list `callback_id` names, bound to the
    person who clicked (Slack sent us their own view)."""
    view, user = _dict(body.get("view")), _dict(body.get("user")).get("id")
    found = view.get("id")
    if view.get("callback_id") != callback_id or not isinstance(found, str) or not found \
            or not isinstance(user, str) or not user:
        return None
    return BoundView(found, user)


def clicked_view(body: dict[str, Any]) -> dict[str, Any]:
    """The modal a button was clicked in; a click that names none (forged) is stale."""
    view = body.get("view")
    if not isinstance(view, dict) or not isinstance(view.get("id"), str) or not view["id"]:
        raise StalePayload()
    return view


def submission_of(view: dict[str, Any]) -> str | None:
    """The key of this submission of `view`; every copy of one double send has the same."""
    found = _dict(view)
    return submission_key(str(found.get("id") or ""), str(found.get("hash") or ""))


def suggestion_query(body: dict[str, Any]) -> tuple[str, str]:
    """An external select's request for options: its action id and what was typed so far."""
    return _string(body.get("action_id")) or "", _string(body.get("value")) or ""


def picked_id(view: dict[str, Any], block_id: str, key: str) -> str | None:
    """What a users, channels or conversations picker sent (`key` is its state's name, e.g.
    "selected_conversation"): None when nothing is chosen, "" for what no picker sends (the
    use case refuses it beside the field, after it has checked who is asking)."""
    found = _state(view, block_id).get(key)
    if found is None:
        return None
    return found if isinstance(found, str) else ""


def picked_ids(view: dict[str, Any], block_id: str, key: str) -> list[str]:
    """What a multi picker sent ("selected_users"), in the order chosen, read as `picked_id`."""
    found = _state(view, block_id).get(key)
    if found is None:
        return []
    if not isinstance(found, list):
        return [""]
    return [one if isinstance(one, str) else "" for one in found]
