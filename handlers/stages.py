"""Journey stages: Next step opens the road map, where the pair marks its current stage complete."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient

from blocks import ids
from blocks.payloads import RelationshipRef, StageMark, action_payload
from blocks.stages import stage_view
from domain.stages import complete_stage, road_map
from handlers.context import Ctx
from handlers.surfaces import open_modal
from handlers.wiring import Wiring


def show_road_map(client: WebClient, body: dict[str, Any], view: dict[str, Any]) -> None:
    """Redraw the road map the click came from, or open it when the click came from elsewhere."""
    current = body.get("view") or {}
    if current.get("type") == "modal" and current.get("callback_id") == ids.STAGE_VIEW:
        # No hash: a double click redraws the same view twice rather than failing once.
        client.views_update(view_id=current["id"], view=view)
    else:
        open_modal(client, body, view)


def open_road_map(client: WebClient, body: dict[str, Any], ctx: Ctx,
                  relationship_id: int) -> None:
    """The road map of one of the actor's relationships."""
    with ctx.transaction() as session:
        view = stage_view(road_map(session, actor=ctx.actor, relationship_id=relationship_id))
    open_modal(client, body, view)


def handle_next_step_clicked(ack: Ack, body: dict[str, Any], client: WebClient,
                             ctx: Ctx) -> None:
    """Next step on a relationship card or in a DM."""
    ack()
    open_road_map(client, body, ctx, action_payload(body, RelationshipRef).relationship)


def handle_stage_completed(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Mark “…” complete: the button carries the stage it was drawn for, so a double click
    completes that stage once and never the one after it."""
    ack()
    mark = action_payload(body, StageMark)
    with ctx.transaction() as session:
        road = complete_stage(session, actor=ctx.actor, relationship_id=mark.relationship,
                              stage=mark.stage, now=ctx.now())
        view = stage_view(road)
    show_road_map(client, body, view)


def register(wiring: Wiring) -> None:
    """Wire the stages listeners."""
    wiring.action(ids.STAGE_OPEN, handle_next_step_clicked)
    wiring.action(ids.STAGE_COMPLETE, handle_stage_completed)
