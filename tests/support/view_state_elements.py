"""Per-element-type shapes of a submitted modal's `state.values` entries."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any

TEXT_TYPES = frozenset({"plain_text_input", "email_text_input", "url_text_input", "number_input"})
SINGLE_OPTION_TYPES = frozenset({"static_select", "external_select", "radio_buttons"})
MULTI_OPTION_TYPES = frozenset({"multi_static_select", "multi_external_select", "checkboxes"})
EXTERNAL_TYPES = frozenset({"external_select", "multi_external_select"})


def _one_id(answer: Any) -> str:
    """A single Slack id (user, conversation or channel)."""
    if not isinstance(answer, str) or not answer:
        raise ValueError(f"expected a Slack id string, got {answer!r}")
    return answer


def _many_ids(answer: Any) -> list[str]:
    """A list of Slack ids."""
    return [_one_id(item) for item in as_list(answer)]


def _date(answer: Any) -> str:
    """A datepicker answer as YYYY-MM-DD."""
    if isinstance(answer, datetime):
        raise ValueError("datepicker takes a date, not a datetime")
    if isinstance(answer, date):
        return answer.isoformat()
    if isinstance(answer, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", answer):
        return date.fromisoformat(answer).isoformat()
    raise ValueError(f"datepicker answer must be a date or 'YYYY-MM-DD', got {answer!r}")


def _time(answer: Any) -> str:
    """A timepicker answer as HH:MM."""
    if isinstance(answer, time):
        return answer.strftime("%H:%M")
    if isinstance(answer, str) and re.fullmatch(r"\d{2}:\d{2}", answer):
        return time.fromisoformat(answer).strftime("%H:%M")
    raise ValueError(f"timepicker answer must be a time or 'HH:MM', got {answer!r}")


def _date_time(answer: Any) -> int:
    """A datetimepicker answer as a UNIX timestamp (aware datetimes only)."""
    if isinstance(answer, datetime):
        if answer.tzinfo is None:
            raise ValueError("datetimepicker needs a timezone-aware datetime")
        return int(answer.timestamp())
    if isinstance(answer, int) and not isinstance(answer, bool):
        return answer
    raise ValueError(f"datetimepicker answer must be an aware datetime or int, got {answer!r}")


def _files(answer: Any) -> list[dict[str, Any]]:
    """file_input answer: file objects (dicts) or bare file ids."""
    files = []
    for item in as_list(answer):
        if isinstance(item, str):
            files.append({"id": item})
        elif isinstance(item, dict):
            files.append(copy.deepcopy(item))
        else:
            raise ValueError(f"file_input answer items must be dicts or ids, got {item!r}")
    return files


def _rich_text(answer: Any) -> dict[str, Any]:
    """rich_text_input answer: a rich_text object, or plain text wrapped into one."""
    if isinstance(answer, dict):
        return copy.deepcopy(answer)
    if isinstance(answer, str):
        section = {"type": "rich_text_section", "elements": [{"type": "text", "text": answer}]}
        return {"type": "rich_text", "elements": [section]}
    raise ValueError(f"rich_text_input answer must be str or dict, got {answer!r}")


# type -> (state key, initial_* key, empty value, converter)
PICKERS: dict[str, tuple[str, str | None, Any, Callable[[Any], Any]]] = {
    "datepicker": ("selected_date", "initial_date", None, _date),
    "timepicker": ("selected_time", "initial_time", None, _time),
    "datetimepicker": ("selected_date_time", "initial_date_time", None, _date_time),
    "users_select": ("selected_user", "initial_user", None, _one_id),
    "multi_users_select": ("selected_users", "initial_users", [], _many_ids),
    "conversations_select": ("selected_conversation", "initial_conversation", None, _one_id),
    "multi_conversations_select": (
        "selected_conversations", "initial_conversations", [], _many_ids),
    "channels_select": ("selected_channel", "initial_channel", None, _one_id),
    "multi_channels_select": ("selected_channels", "initial_channels", [], _many_ids),
    "file_input": ("files", None, [], _files),
    "rich_text_input": ("rich_text_value", "initial_value", None, _rich_text),
}


def as_list(answer: Any) -> list[Any]:
    """A multi-value answer as a list; a bare string is refused (it is not a list of values)."""
    if isinstance(answer, (list, tuple, set, frozenset)):
        return list(answer)
    raise ValueError(f"expected a list of values, got {answer!r}")


def text_value(element: dict[str, Any], answer: Any) -> str | None:
    """Validate a text-like answer the way Slack's client would; None/'' mean empty."""
    if answer is None or answer == "":
        return None
    if isinstance(answer, bool) or not isinstance(answer, (str, int, float)):
        raise ValueError(f"text input answer must be str or number, got {answer!r}")
    value = str(answer)
    kind = element["type"]
    if kind == "number_input":
        _check_number(element, value)
    elif kind == "email_text_input" and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
        raise ValueError(f"{value!r} is not an email address")
    elif kind == "url_text_input" and not re.match(r"https?://\S+$", value):
        raise ValueError(f"{value!r} is not a URL")
    max_length = element.get("max_length")
    if max_length is not None and len(value) > int(max_length):
        raise ValueError(f"{value!r} is longer than max_length {max_length}")
    return value


def _check_number(element: dict[str, Any], value: str) -> None:
    """Refuse non-numbers, decimals where not allowed, and values outside min/max."""
    try:
        number = float(value)
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a number") from exc
    if not element.get("is_decimal_allowed") and not re.fullmatch(r"-?\d+", value):
        raise ValueError(f"{value!r} is not a whole number")
    low, high = element.get("min_value"), element.get("max_value")
    if (low is not None and number < float(low)) or (high is not None and number > float(high)):
        raise ValueError(f"{value!r} is outside [{low}, {high}]")


def selected_option(element: dict[str, Any], answer: Any) -> dict[str, Any]:
    """The option object Slack sends for an answer (an option value, or (value, label))."""
    if element["type"] in EXTERNAL_TYPES:
        return _external_option(answer)
    value = answer.get("value") if isinstance(answer, dict) else answer
    choices = [*element.get("options", []),
               *(o for g in element.get("option_groups", []) for o in g.get("options", []))]
    for option in choices:
        if option.get("value") == value:
            chosen = {"text": copy.deepcopy(option["text"]), "value": option["value"]}
            if "description" in option:
                chosen["description"] = copy.deepcopy(option["description"])
            return chosen
    known = [option.get("value") for option in choices]
    raise ValueError(f"option {value!r} is not one of {known} in {element.get('action_id')!r}")


def _external_option(answer: Any) -> dict[str, Any]:
    """An external_select option from a value, a (value, label) tuple or an option dict."""
    if isinstance(answer, dict) and "value" in answer:
        return copy.deepcopy(answer)
    if isinstance(answer, tuple) and len(answer) == 2:
        value, label = answer
    elif isinstance(answer, str):
        value, label = answer, answer
    else:
        raise ValueError(f"external option must be a value or (value, label), got {answer!r}")
    return {"text": {"type": "plain_text", "text": str(label), "emoji": True}, "value": str(value)}
