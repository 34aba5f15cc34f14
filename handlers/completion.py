"""Completion: the mentee asks, the mentor confirms, and the pair may start again."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient

from blocks import ids
from blocks.completion import confirm_completion_form
from blocks.payloads import RelationshipRef, action_payload, view_payload
from blocks.stages import stage_view
from domain.completion import (
    complete_relationship,
    completion_to_confirm,
    request_completion,
    start_new_journey,
)
from handlers.context import Ctx
from handlers.stages import show_road_map
from handlers.surfaces import open_modal
from handlers.wiring import Wiring


def _relationship_id(body: dict[str, Any]) -> int:
    return action_payload(body, RelationshipRef).relationship


def open_completion_form(client: WebClient, body: dict[str, Any], ctx: Ctx,
                         relationship_id: int) -> None:
    """Mark relationship complete: the mentor confirms first."""
    with ctx.transaction() as session:
        view = confirm_completion_form(completion_to_confirm(session, actor=ctx.actor,
                                                             relationship_id=relationship_id))
    open_modal(client, body, view)


def ask_for_completion(client: WebClient, body: dict[str, Any], ctx: Ctx,
                       relationship_id: int) -> None:
    """The mentee asks the mentor to mark the relationship complete; the road map says so."""
    with ctx.transaction() as session:
        view = stage_view(request_completion(session, actor=ctx.actor,
                                             relationship_id=relationship_id, now=ctx.now()))
    show_road_map(client, body, view)


def start_again(client: WebClient, body: dict[str, Any], ctx: Ctx, relationship_id: int) -> None:
    """Start a new journey with the same partner, and show its road map."""
    with ctx.transaction() as session:
        view = stage_view(start_new_journey(session, actor=ctx.actor,
                                            relationship_id=relationship_id, now=ctx.now()))
    show_road_map(client, body, view)


def handle_complete_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Mark relationship complete, on the road map or in the mentee's request DM."""
    ack()
    open_completion_form(client, body, ctx, _relationship_id(body))


def handle_completion_confirmed(ack: Ack, view: dict[str, Any], ctx: Ctx) -> None:
    """The mentor confirmed: the relationship is complete and the road map says what's next."""
    with ctx.transaction() as session:
        road = complete_relationship(
            session, actor=ctx.actor,
            relationship_id=view_payload(view, RelationshipRef).relationship, now=ctx.now())
        updated = stage_view(road)
    ack(response_action="update", view=updated)


def handle_request_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Ask <mentor> to mark it complete."""
    ack()
    ask_for_completion(client, body, ctx, _relationship_id(body))


def handle_new_journey_clicked(ack: Ack, body: dict[str, Any], client: WebClient,
                               ctx: Ctx) -> None:
    """Start a new journey, from the completion DM or the road map."""
    ack()
    start_again(client, body, ctx, _relationship_id(body))


def register(wiring: Wiring) -> None:
    """Wire the completion listeners."""
    wiring.action(ids.COMPLETION_OPEN, handle_complete_clicked)
    wiring.view(ids.COMPLETION_CONFIRM_SUBMIT, handle_completion_confirmed)
    wiring.action(ids.COMPLETION_REQUEST, handle_request_clicked)
    wiring.action(ids.COMPLETION_NEW_JOURNEY, handle_new_journey_clicked)
