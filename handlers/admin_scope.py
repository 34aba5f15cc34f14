"""Whom the programme is for, under an org-wide install: the org's admins choose one
programme for the whole org or one per workspace."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient

from blocks import ids
from blocks.admin.scope import read_scope, scope_form, scope_saved_view
from domain.admin.scope import programme_scope_of, set_programme_scope
from handlers.context import Ctx
from handlers.surfaces import open_modal
from handlers.wiring import Wiring


def handle_scope_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Programme scope in the admin menu: the org's choice now."""
    ack()
    identity = ctx.identity(client)
    with ctx.transaction() as session:
        choice = programme_scope_of(session, actor=ctx.actor,
                                    workspace_admin=ctx.workspace_admin(client),
                                    org_admin=identity.org_admin, origin=ctx.origin,
                                    now=ctx.now())
    open_modal(client, body, scope_form(choice))


def handle_scope_submitted(ack: Ack, view: dict[str, Any], client: WebClient,
                           ctx: Ctx) -> None:
    """Save the choice (an org admin's only); the next request of each member follows it."""
    scope = read_scope(view)
    identity = ctx.identity(client)
    with ctx.transaction() as session:
        changed = set_programme_scope(session, actor=ctx.actor,
                                      workspace_admin=ctx.workspace_admin(client),
                                      org_admin=identity.org_admin, origin=ctx.origin,
                                      scope=scope, now=ctx.now())
    assert scope is not None  # refused above otherwise
    ack(response_action="update", view=scope_saved_view(scope, changed))


def register(wiring: Wiring) -> None:
    """Wire the programme scope form."""
    wiring.action(ids.ADMIN_SCOPE_OPEN, handle_scope_clicked)
    wiring.view(ids.ADMIN_SCOPE_SUBMIT, handle_scope_submitted)
