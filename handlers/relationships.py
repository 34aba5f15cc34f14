"""A relationship's Actions menu: ending it early, completing it, feedback, a new journey."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient

from blocks import ids
from blocks.completion import COMPLETE, FEEDBACK, NEW_JOURNEY, REQUEST_COMPLETION, ROAD_MAP
from blocks.forms import text_value
from blocks.home import relationships_view
from blocks.payloads import RelationshipAction, RelationshipRef, action_payload, view_payload
from blocks.relationships import WITHDRAW, withdraw_form
from domain.errors import StalePayload
from domain.home.dashboard import load_dashboard
from domain.relationships import pairing_for, withdraw_from_relationship
from handlers.completion import ask_for_completion, open_completion_form, start_again
from handlers.context import Ctx
from handlers.feedback import open_feedback_form
from handlers.stages import open_road_map
from handlers.surfaces import open_modal, open_registration, reset_home_menu
from handlers.wiring import Wiring

LISTED = 15  # of each list: keeps the modal within Slack's 100 blocks


def open_relationships(client: WebClient, body: dict[str, Any], ctx: Ctx) -> None:
    """/mentor relationships (and Open my requests in Help): every current relationship and
    request of the member."""
    with ctx.transaction() as session:
        dashboard = load_dashboard(session, actor=ctx.actor, now=ctx.now(), shown=LISTED)
    if dashboard.member is None:
        open_registration(client, body, ctx)
    else:
        open_modal(client, body, relationships_view(dashboard, LISTED))


def open_withdraw_form(client: WebClient, body: dict[str, Any], ctx: Ctx,
                       relationship_id: int) -> None:
    """Withdraw: confirm first, with an optional reason."""
    with ctx.transaction() as session:
        view = withdraw_form(pairing_for(session, actor=ctx.actor, relationship_id=relationship_id))
    open_modal(client, body, view)


# Each option of the Actions ▾ menu is a RelationshipAction; features add their verbs.
ACTIONS: dict[str, Callable[[WebClient, dict[str, Any], Ctx, int], None]] = {
    WITHDRAW: open_withdraw_form,
    COMPLETE: open_completion_form,
    REQUEST_COMPLETION: ask_for_completion,
    FEEDBACK: open_feedback_form,
    NEW_JOURNEY: start_again,
    ROAD_MAP: open_road_map,
}


def handle_actions_chosen(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Actions ▾ on a relationship card: run the chosen action."""
    ack()
    try:
        chosen = action_payload(body, RelationshipAction)
        action = ACTIONS.get(chosen.verb)
        if action is None:
            raise StalePayload()
        action(client, body, ctx, chosen.relationship)
    finally:
        reset_home_menu(client, body, ctx)


def handle_withdraw_submitted(ack: Ack, view: dict[str, Any], ctx: Ctx) -> None:
    """End relationship confirmed."""
    with ctx.transaction() as session:
        withdraw_from_relationship(session, actor=ctx.actor,
                                   relationship_id=view_payload(view, RelationshipRef).relationship,
                                   reason=text_value(view, ids.RELATIONSHIP_REASON), now=ctx.now())
    ack()


def register(wiring: Wiring) -> None:
    """Wire the relationship listeners."""
    wiring.action(ids.RELATIONSHIP_ACTIONS, handle_actions_chosen)
    wiring.view(ids.RELATIONSHIP_WITHDRAW_SUBMIT, handle_withdraw_submitted)
