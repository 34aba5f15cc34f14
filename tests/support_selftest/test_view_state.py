"""fill() builds the state.values Slack sends, and refuses answers Slack could not send."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

import pytest

from tests.support.view_state import fill, submitted


def _opt(value: str, label: str | None = None) -> dict[str, Any]:
    """A Block Kit option object."""
    return {"text": {"type": "plain_text", "text": label or value.title()}, "value": value}


def _input(block_id: str, element: dict[str, Any], action_id: str | None = None) -> dict[str, Any]:
    """An input block holding element (action_id defaults to block_id)."""
    return {"type": "input", "block_id": block_id, "optional": True,
            "label": {"type": "plain_text", "text": block_id},
            "element": {"action_id": action_id or block_id, **element}}


VIEW: dict[str, Any] = {"type": "modal", "id": "V1", "blocks": [
    {"type": "section", "block_id": "intro", "text": {"type": "mrkdwn", "text": "Hi"}},
    _input("name", {"type": "plain_text_input"}, "name_input"),
    _input("email", {"type": "email_text_input"}),
    _input("site", {"type": "url_text_input"}),
    _input("hours", {"type": "number_input", "is_decimal_allowed": False, "max_value": "40"}),
    _input("track", {"type": "static_select", "option_groups": [
        {"label": {"type": "plain_text", "text": "G"}, "options": [_opt("eng"), _opt("pm")]}]}),
    _input("skill", {"type": "external_select", "min_query_length": 0}),
    _input("level", {"type": "radio_buttons", "options": [
        {**_opt("jr"), "description": {"type": "plain_text", "text": "Junior"}}, _opt("sr")]}),
    _input("days", {"type": "checkboxes", "options": [_opt("mon"), _opt("tue")]}),
    _input("langs", {"type": "multi_static_select", "options": [_opt("py"), _opt("go")]}),
    _input("tags", {"type": "multi_external_select"}),
    _input("start", {"type": "datepicker"}),
    _input("at", {"type": "timepicker"}),
    _input("when", {"type": "datetimepicker"}),
    _input("mentor", {"type": "users_select"}),
    _input("peers", {"type": "multi_users_select"}),
    _input("conv", {"type": "conversations_select"}),
    _input("chan", {"type": "channels_select"}),
    _input("cv", {"type": "file_input"}),
]}


def test_answered_shapes() -> None:
    values = fill(VIEW, {
        "name": "Ann", "email": "ann@acme.test", "site": "https://acme.test", "hours": 5,
        "track": "pm", "skill": ("s1", "Python"), "level": "jr", "days": ["tue"],
        "langs": ["py", "go"], "tags": ["t1", ("t2", "Two")], "start": date(2024, 3, 1),
        "at": "09:30", "when": datetime(2024, 3, 1, 12, tzinfo=UTC), "mentor": "U2",
        "peers": ["U3", "U4"], "conv": "C1", "chan": "C2", "cv": [{"id": "F1", "name": "cv.pdf"}],
    })
    assert "intro" not in values
    assert values["name"] == {"name_input": {"type": "plain_text_input", "value": "Ann"}}
    assert values["hours"]["hours"] == {"type": "number_input", "value": "5"}
    assert values["track"]["track"]["selected_option"] == _opt("pm")
    assert values["skill"]["skill"]["selected_option"] == {
        "text": {"type": "plain_text", "text": "Python", "emoji": True}, "value": "s1"}
    assert values["level"]["level"]["selected_option"]["description"]["text"] == "Junior"
    assert values["days"]["days"] == {"type": "checkboxes", "selected_options": [_opt("tue")]}
    assert [o["value"] for o in values["tags"]["tags"]["selected_options"]] == ["t1", "t2"]
    assert values["start"]["start"] == {"type": "datepicker", "selected_date": "2024-03-01"}
    assert values["at"]["at"] == {"type": "timepicker", "selected_time": "09:30"}
    assert values["when"]["when"]["selected_date_time"] == 1709294400
    assert values["mentor"]["mentor"] == {"type": "users_select", "selected_user": "U2"}
    assert values["peers"]["peers"]["selected_users"] == ["U3", "U4"]
    assert values["conv"]["conv"]["selected_conversation"] == "C1"
    assert values["chan"]["chan"]["selected_channel"] == "C2"
    assert values["cv"]["cv"] == {"type": "file_input", "files": [{"id": "F1", "name": "cv.pdf"}]}


def test_untouched_inputs_get_empty_shapes() -> None:
    values = fill(VIEW, {})
    assert values["name"]["name_input"] == {"type": "plain_text_input", "value": None}
    assert values["track"]["track"] == {"type": "static_select", "selected_option": None}
    assert values["days"]["days"] == {"type": "checkboxes", "selected_options": []}
    assert values["start"]["start"] == {"type": "datepicker", "selected_date": None}
    assert values["peers"]["peers"] == {"type": "multi_users_select", "selected_users": []}
    assert values["cv"]["cv"] == {"type": "file_input", "files": []}


def test_untouched_inputs_keep_initial_values() -> None:
    view = {"blocks": [
        _input("a", {"type": "plain_text_input", "initial_value": "hello"}),
        _input("b", {"type": "static_select", "options": [_opt("x")], "initial_option": _opt("x")}),
        _input("c", {"type": "checkboxes", "options": [_opt("x")], "initial_options": [_opt("x")]}),
        _input("d", {"type": "datepicker", "initial_date": "2024-01-02"}),
        _input("e", {"type": "users_select", "initial_user": "U1"}),
        _input("f", {"type": "timepicker", "initial_time": "08:00"}),
    ]}
    values = fill(view, {"a": None})
    assert values["a"]["a"]["value"] is None
    assert values["b"]["b"]["selected_option"] == _opt("x")
    assert values["c"]["c"]["selected_options"] == [_opt("x")]
    assert values["d"]["d"]["selected_date"] == "2024-01-02"
    assert values["e"]["e"]["selected_user"] == "U1"
    assert values["f"]["f"]["selected_time"] == "08:00"


@pytest.mark.parametrize(("answers", "message"), [
    ({"nope": "x"}, "no input block 'nope'"),
    ({"intro": "x"}, "no input block 'intro'"),
    ({"track": "ceo"}, "option 'ceo' is not one of"),
    ({"days": "mon"}, "expected a list"),
    ({"langs": ["py", "rust"]}, "option 'rust'"),
    ({"hours": "4.5"}, "whole number"),
    ({"hours": "41"}, "outside"),
    ({"email": "not-an-email"}, "email"),
    ({"site": "acme.test"}, "URL"),
    ({"start": "01/03/2024"}, "YYYY-MM-DD"),
    ({"at": "9am"}, "HH:MM"),
    ({"when": datetime(2024, 1, 1)}, "timezone-aware"),
])
def test_refuses_answers_slack_could_not_send(answers: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        fill(VIEW, answers)


def test_submitted_returns_a_copy_with_state() -> None:
    result = submitted(VIEW, {"name": "Ann", "at": time(7, 5)})
    assert result["state"]["values"]["name"]["name_input"]["value"] == "Ann"
    assert result["state"]["values"]["at"]["at"]["selected_time"] == "07:05"
    assert "state" not in VIEW and result["blocks"] == VIEW["blocks"]
