"""Errors of the fake Slack Web API: method errors and scripted failures."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .fake_slack_wire import Answer, json_answer


class SlackError(Exception):
    """Raised by a fake method handler to answer {"ok": false, "error": error}."""

    def __init__(self, error: str, messages: list[str] | None = None) -> None:
        """Remember the Slack error code and optional response_metadata messages."""
        super().__init__(error)
        self.error = error
        self.messages = messages or []

    def to_slack(self) -> dict[str, Any]:
        """Render the error body as Slack sends it."""
        body: dict[str, Any] = {"ok": False, "error": self.error}
        if self.messages:
            body["response_metadata"] = {"messages": self.messages}
        return body


def require(params: dict[str, Any], *names: str, error: str = "invalid_arguments") -> None:
    """Raise SlackError(error) unless every named parameter is present and non-empty."""
    missing = [name for name in names if params.get(name) in (None, "")]
    if missing:
        raise SlackError(error, [f"[ERROR] missing required field: {name}" for name in missing])


@dataclass
class ScriptedFailure:
    """A failure scripted with FakeSlack.fail_next, consumed by the next call to its method."""

    status: int
    error: str | None
    retry_after: int | None

    def answer(self) -> Answer:
        """Render the failure as Slack would send it (429, HTTP error, or ok:false)."""
        if self.retry_after is not None:
            return json_answer({"ok": False, "error": "ratelimited"}, 429,
                               **{"Retry-After": str(self.retry_after)})
        if self.status != 200:
            return json_answer({"ok": False, "error": self.error or "internal_error"}, self.status)
        return json_answer({"ok": False, "error": self.error or "fatal_error"})
