"""Feedback at the end of a relationship: each side answers the survey once."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient

from blocks import ids
from blocks.feedback import feedback_form, read_feedback_answers, thanks_view
from blocks.payloads import RelationshipRef, action_payload, view_payload
from domain.feedback import feedback_form_for, give_feedback
from handlers.context import Ctx
from handlers.surfaces import open_modal
from handlers.wiring import Wiring


def open_feedback_form(client: WebClient, body: dict[str, Any], ctx: Ctx,
                       relationship_id: int) -> None:
    """Ready to give feedback: the survey, or a kind word when it was answered already."""
    with ctx.transaction() as session:
        view = feedback_form(feedback_form_for(session, actor=ctx.actor,
                                               relationship_id=relationship_id))
    open_modal(client, body, view)


def handle_feedback_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Ready to give feedback."""
    ack()
    open_feedback_form(client, body, ctx, action_payload(body, RelationshipRef).relationship)


def handle_feedback_submitted(ack: Ack, view: dict[str, Any], ctx: Ctx) -> None:
    """Send feedback: recorded once, then thanked."""
    answers, pair = read_feedback_answers(view), view_payload(view, RelationshipRef)
    with ctx.transaction() as session:
        give_feedback(session, actor=ctx.actor, relationship_id=pair.relationship, answers=answers,
                      now=ctx.now())
    ack(response_action="update", view=thanks_view())


def register(wiring: Wiring) -> None:
    """Wire the feedback listeners."""
    wiring.action(ids.FEEDBACK_OPEN, handle_feedback_clicked)
    wiring.view(ids.FEEDBACK_SUBMIT, handle_feedback_submitted)
