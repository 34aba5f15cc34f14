"""Reading Log a meeting's inputs as Slack sends them: the user_context first, then the rest."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from blocks.workflows import (
    NO_PARTNER,
    NOT_A_TIME,
    NOT_MINUTES,
    read_meeting_log,
    runner_of,
)
from domain.errors import DomainError
from domain.meetings.logged import HeldMeeting
from domain.workflows import RUNNER_NEEDED

HELD = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
RUNNER = {"id": "UJOHN", "secret": "NDEyNTQ3MzUyNTMwOjE="}


def inputs(**changes: Any) -> dict[str, Any]:
    base = {"runner": RUNNER, "partner": "UALICE", "when": int(HELD.timestamp())}
    return {key: value for key, value in {**base, **changes}.items() if value is not ...}


def test_the_inputs_read_as_the_meeting_they_name() -> None:
    log = read_meeting_log(inputs(duration=45, notes="We met."))
    assert log.runner == "UJOHN"
    assert log.held == HeldMeeting("UALICE", HELD, 45, "We met.")
    bare = read_meeting_log(inputs(when=str(int(HELD.timestamp()))))
    assert bare.held == HeldMeeting("UALICE", HELD, None, "")


@pytest.mark.parametrize("user_context", [
    ..., None, "UJOHN", ["UJOHN"], {}, {"id": "UJOHN"}, {"id": "UJOHN", "secret": ""},
    {"id": "UJOHN", "secret": 7}, {"id": "", "secret": "s"}, {"id": "ujohn", "secret": "s"},
    {"id": "<@UJOHN>", "secret": "s"}, {"id": 12, "secret": "s"},
    {"secret": "s", "user_id": "UJOHN"},
])
def test_a_missing_or_misshapen_user_context_names_nobody_and_is_refused_first(
    user_context: Any
) -> None:
    sent = inputs(runner=user_context)
    assert runner_of(sent.get("runner")) is None
    with pytest.raises(DomainError) as refused:
        read_meeting_log({**sent, "partner": None, "when": "soon"})
    assert refused.value.message == RUNNER_NEEDED


def test_a_user_context_as_slack_documents_it_names_its_person() -> None:
    assert runner_of({"id": "W0ENTERPRISE1", "secret": "abc"}) == "W0ENTERPRISE1"


@pytest.mark.parametrize(("changes", "says"), [
    ({"partner": ...}, NO_PARTNER), ({"partner": "Alice"}, NO_PARTNER),
    ({"partner": {"id": "UALICE"}}, NO_PARTNER),
    ({"when": ...}, NOT_A_TIME), ({"when": "tomorrow"}, NOT_A_TIME), ({"when": True}, NOT_A_TIME),
    ({"when": 10 ** 20}, NOT_A_TIME), ({"when": float("nan")}, NOT_A_TIME),
    ({"duration": "an hour"}, NOT_MINUTES), ({"duration": 45.5}, NOT_MINUTES),
    ({"duration": False}, NOT_MINUTES), ({"duration": float("inf")}, NOT_MINUTES),
])
def test_a_value_slack_would_not_send_is_refused_with_a_reason(
    changes: dict[str, Any], says: str
) -> None:
    with pytest.raises(DomainError) as refused:
        read_meeting_log(inputs(**changes))
    assert refused.value.message == says
