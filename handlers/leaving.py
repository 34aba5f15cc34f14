"""Cancel my account: the confirmation stacked on the Account modal, and its red button."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient

from blocks import ids
from blocks.leaving import leaving_view, left_view
from domain import leaving
from handlers.context import Ctx
from handlers.surfaces import open_modal, publish_home
from handlers.wiring import Wiring


def handle_cancel_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Cancel my account…: what it would do for this person, before anything changes."""
    ack()
    with ctx.transaction() as session:
        view = leaving_view(leaving.what_leaving_does(session, actor=ctx.actor, now=ctx.now()))
    open_modal(client, body, view)


def handle_cancel_confirmed(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx
                            ) -> None:
    """The red button: withdraw and erase (a second click finds nothing left to do), then say
    so in place and show the Home of someone not registered."""
    ack()
    with ctx.transaction() as session:
        leaving.cancel_account(session, actor=ctx.actor, now=ctx.now())
    shown_in = (body.get("view") or {}).get("id")
    if shown_in:  # the button lives in the confirmation modal; said there, in place
        client.views_update(view_id=shown_in, view=left_view())
    publish_home(client, ctx)


def register(wiring: Wiring) -> None:
    """Wire the Cancel my account listeners."""
    wiring.action(ids.LEAVING_OPEN, handle_cancel_clicked)
    wiring.action(ids.LEAVING_CONFIRM, handle_cancel_confirmed)
