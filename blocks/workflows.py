"""Workflow Builder steps: the DMs they send, and reading a step's inputs as Slack sends them."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from blocks import ids
from blocks.kit import Block, actions, button, section
from domain.errors import DomainError
from domain.meetings.logged import HeldMeeting
from domain.workflows import RUNNER_NEEDED

# A Slack user id as a user_context or user_id input carries it.
SLACK_USER = re.compile(r"[UW][A-Z0-9]{2,30}")
WHOLE_NUMBER = re.compile(r"\d{1,12}")
# Slack's `timestamp` type is a Unix time in whole seconds; a float is taken as sent.
NOT_A_TIME = "The time of the meeting is not a date and time Slack sent; please choose it again."
NOT_MINUTES = "The meeting's duration must be a whole number of minutes."
NO_PARTNER = "Please name the mentor or mentee the meeting was with."


@dataclass(frozen=True)
class MeetingLog:
    """Log a meeting's inputs: who ran the workflow, as Slack's user_context says, and the
    meeting they name."""

    runner: str
    held: HeldMeeting


def invite_dm_blocks(text: str, payload: dict[str, Any]) -> list[Block]:
    """The invitation a workflow sent: what the programme is, and Register."""
    return [section(text), actions(button("Register", ids.REGISTRATION_OPEN, style="primary"))]


def runner_of(user_context: object) -> str | None:
    """The user id in a user_context input, shaped as Slack documents it ({"id", "secret"});
    None for anything else, so the step refuses rather than guesses who ran it."""
    if not isinstance(user_context, dict):
        return None
    user_id, secret = user_context.get("id"), user_context.get("secret")
    if not isinstance(user_id, str) or not SLACK_USER.fullmatch(user_id):
        return None
    return user_id if isinstance(secret, str) and secret.strip() else None


def _moment(sent: object) -> datetime:
    if isinstance(sent, str) and WHOLE_NUMBER.fullmatch(sent.strip()):
        sent = int(sent.strip())
    if isinstance(sent, bool) or not isinstance(sent, int | float) or not math.isfinite(sent):
        raise DomainError(NOT_A_TIME)
    try:
        return datetime.fromtimestamp(sent, UTC).replace(microsecond=0)
    except (OverflowError, OSError, ValueError):  # years beyond what a datetime holds
        raise DomainError(NOT_A_TIME) from None


def _minutes(sent: object) -> int | None:
    if sent is None or sent == "":
        return None
    if isinstance(sent, str) and WHOLE_NUMBER.fullmatch(sent.strip()):
        return int(sent.strip())
    if isinstance(sent, bool) or not isinstance(sent, int | float) or \
            not math.isfinite(sent) or sent != int(sent):
        raise DomainError(NOT_MINUTES)
    return int(sent)


def read_meeting_log(inputs: dict[str, Any]) -> MeetingLog:
    """Log a meeting's inputs, typed; a value Slack would not send is refused with a reason,
    first of all a missing or malformed user_context: then nobody may be taken as the actor."""
    runner = runner_of(inputs.get("runner"))
    if runner is None:
        raise DomainError(RUNNER_NEEDED)
    partner = inputs.get("partner")
    if not isinstance(partner, str) or not SLACK_USER.fullmatch(partner):
        raise DomainError(NO_PARTNER)
    notes = inputs.get("notes")
    held = HeldMeeting(partner_user_id=partner, starts_at=_moment(inputs.get("when")),
                       duration=_minutes(inputs.get("duration")),
                       notes=notes if isinstance(notes, str) else "")
    return MeetingLog(runner=runner, held=held)
