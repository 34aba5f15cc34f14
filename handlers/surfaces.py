"""Putting views in front of people: modals opened or stacked, Home published, quiet replies."""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from blocks.home import home_view
from blocks.registration import register_view
from domain.home.dashboard import Dashboard, load_dashboard
from domain.members import Actor
from domain.programme import ensure_programme
from handlers.context import Ctx

log = logging.getLogger("mentorbot")


def open_modal(client: WebClient, body: dict[str, Any], view: dict[str, Any]) -> str:
    """Open a modal on the click that asked for it, stacked on top when one is already open;
    returns the new view's id."""
    if body.get("view", {}).get("type") == "modal":
        opened = client.views_push(trigger_id=body["trigger_id"], view=view)
    else:
        opened = client.views_open(trigger_id=body["trigger_id"], view=view)
    return str(opened["view"]["id"])


def publish_home(client: WebClient, ctx: Ctx, *user_ids: str) -> None:
    """Re-publish the Home tab of each person named (the actor when none is)."""
    for user_id in user_ids or (ctx.user_id,):
        client.views_publish(user_id=user_id, view=home_view(_dashboard(client, ctx, user_id)))


def _dashboard(client: WebClient, ctx: Ctx, user_id: str) -> Dashboard:
    """A person's dashboard. A member's row says whether Slack makes them an admin (no Slack
    call on the busiest surface); for someone who has not registered, Slack is asked, as a
    programme manager may run the programme without taking part in it."""
    actor = Actor(ctx.team_id, user_id)
    with ctx.transaction() as session:
        dashboard = load_dashboard(session, actor=actor, now=ctx.now())
    if dashboard.member is None and dashboard.admin is None and user_id == ctx.user_id \
            and ctx.workspace_admin(client):
        with ctx.transaction() as session:
            dashboard = load_dashboard(session, actor=actor, now=ctx.now(), workspace_admin=True)
    return dashboard


def reset_home_menu(client: WebClient, body: dict[str, Any], ctx: Ctx) -> None:
    """After a choice from a Home drop-down, show the Home afresh so the menu reads "Goals" or
    "Actions" again (and the same choice can be made twice)."""
    chosen_from = (body.get("actions") or [{}])[0].get("type")
    if chosen_from != "static_select" or body.get("view", {}).get("type") != "home":
        return
    try:
        publish_home(client, ctx)
    except SlackApiError as failure:  # cosmetic: never hide what the choice itself did
        log.warning("could not reset the Home menu: %s", failure.response.get("error"))


def open_registration(client: WebClient, body: dict[str, Any], ctx: Ctx) -> None:
    """Show the Register modal; every entry point sends newcomers here."""
    with ctx.transaction() as session:
        programme_name = ensure_programme(session, team_id=ctx.team_id, now=ctx.now()).name
    open_modal(client, body, register_view(programme_name))
