"""The one error handler: refusals become friendly words where the person is looking."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from blocks.forms import field_errors
from blocks.notices import notice_view
from domain.errors import DomainError, InvalidInput, NotRegistered
from handlers.context import Ctx
from handlers.surfaces import open_modal, open_registration

log = logging.getLogger("mentorbot")

SORRY = "Sorry, something went wrong on our side. Please try again in a minute."
# Slack's word that the person's modal closed or changed while the listener worked, or that
# their trigger expired: a race with the person or Slack's clock, not a fault to trace.
VANISHED = frozenset({"not_found", "hash_conflict", "expired_trigger_id"})


def answer_failure(
    error: Exception, *, ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx
) -> None:
    """Answer a listener that raised: in the open modal if it can, else as a notice or DM."""
    kind = body.get("type") or body.get("command") or "request"
    if isinstance(error, DomainError):
        log.info("refused %s for %s: %s", kind, ctx.user_id, error.message)
    elif isinstance(error, SlackApiError) and error.response.get("error") in VANISHED:
        log.warning("gave up %s for %s: Slack says %s", kind, ctx.user_id,
                    error.response.get("error"))
    else:
        log.error("failed %s for %s", kind, ctx.user_id, exc_info=error)
    message = error.message if isinstance(error, DomainError) else SORRY
    acknowledged = ack.response is not None
    if kind == "view_submission" and not acknowledged:
        _refuse_submission(ack, body["view"], error, message)
        return
    if not acknowledged:
        ack()
    if isinstance(error, NotRegistered) and body.get("trigger_id"):
        open_registration(client, body, ctx)
        return
    _tell(client, body, ctx, message)


def _refuse_submission(ack: Ack, view: dict[str, Any], error: Exception, message: str) -> None:
    """Field errors where the view has an input to hang them on, else a notice in its place.

    Slack rejects `errors` keyed to a block that is not an input, and the person would see
    only a connection error; a confirmation (no inputs) is replaced by the reason instead.
    """
    if not _has_input(view):
        ack(response_action="update", view=notice_view(message))
        return
    errors = error.errors if isinstance(error, InvalidInput) else {"": message}
    ack(response_action="errors", errors=field_errors(view, errors))


def _has_input(view: dict[str, Any]) -> bool:
    """Whether the submitted view has at least one input block (read without trusting it)."""
    blocks = view.get("blocks")
    return isinstance(blocks, list) and any(
        isinstance(block, dict) and block.get("type") == "input" for block in blocks)


def _tell(client: WebClient, body: dict[str, Any], ctx: Ctx, message: str) -> None:
    """Show the message as a small modal (on top of the open one) while Slack's trigger lasts,
    else as a DM."""
    try:
        if body.get("trigger_id"):
            open_modal(client, body, notice_view(message))
            return
    except SlackApiError as failure:
        # The trigger was used already, or expired: a DM still reaches the person.
        log.warning("could not show a notice: %s", failure.response.get("error"))
    if ctx.user_id:
        client.chat_postMessage(channel=ctx.user_id, text=message)
