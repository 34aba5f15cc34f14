"""Programme admins: the admin menu (`/mentor admin`, Home's Open admin), settings and the
log of recent changes. Every listener asks the domain, which refuses anyone but an admin."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from blocks import ids
from blocks.admin import (
    MENU_SECTIONS,
    admin_menu_view,
    read_settings,
    recent_changes_view,
    settings_form,
    settings_saved_view,
)
from blocks.admin.scope import SCOPE_SECTION
from domain import admin
from handlers.context import Ctx
from handlers.surfaces import open_modal, publish_home
from handlers.wiring import Wiring

log = logging.getLogger("mentorbot")


def open_admin(client: WebClient, body: dict[str, Any], ctx: Ctx) -> None:
    """/mentor admin: the admin menu for admins; a polite refusal for anyone else."""
    workspace_admin = ctx.workspace_admin(client)
    with ctx.transaction() as session:
        menu = admin.admin_menu_of(session, actor=ctx.actor, workspace_admin=workspace_admin,
                                   now=ctx.now())
    open_modal(client, body, admin_menu_view(
        menu, (*MENU_SECTIONS, SCOPE_SECTION) if ctx.origin.org_wide else MENU_SECTIONS))


def handle_open_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Open admin on Home, or Programme admin in the /mentor menu."""
    ack()
    open_admin(client, body, ctx)


def handle_settings_clicked(ack: Ack, body: dict[str, Any], client: WebClient,
                            ctx: Ctx) -> None:
    """Settings in the admin menu: the form, filled in with what is set now."""
    ack()
    workspace_admin = ctx.workspace_admin(client)
    with ctx.transaction() as session:
        programme = admin.settings_of(session, actor=ctx.actor, workspace_admin=workspace_admin,
                                      now=ctx.now())
    open_modal(client, body, settings_form(programme))


def handle_settings_submitted(ack: Ack, view: dict[str, Any], client: WebClient,
                              ctx: Ctx) -> None:
    """Save settings: errors beside their fields, else what changed; Home shows the name."""
    changes = read_settings(view)
    workspace_admin = ctx.workspace_admin(client)
    with ctx.transaction() as session:
        made = admin.update_settings(session, actor=ctx.actor, workspace_admin=workspace_admin,
                                     changes=changes, now=ctx.now())
    ack(response_action="update", view=settings_saved_view(made))
    if made:
        _show_on_home(client, ctx)


def _show_on_home(client: WebClient, ctx: Ctx) -> None:
    """The admin's own Home with the new settings (others see them when they next look)."""
    try:
        publish_home(client, ctx)
    except SlackApiError as failure:  # cosmetic: the settings are saved and the admin told
        log.warning("could not re-publish Home after settings: %s",
                    failure.response.get("error"))


def handle_recent_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Recent changes in the settings: who changed what, when."""
    ack()
    workspace_admin = ctx.workspace_admin(client)
    with ctx.transaction() as session:
        entries = admin.recent_changes(session, actor=ctx.actor,
                                       workspace_admin=workspace_admin, now=ctx.now())
    open_modal(client, body, recent_changes_view(entries))


def register(wiring: Wiring) -> None:
    """Wire the admin menu, settings and recent changes."""
    wiring.action(ids.ADMIN_OPEN, handle_open_clicked)
    wiring.action(ids.ADMIN_SETTINGS_OPEN, handle_settings_clicked)
    wiring.view(ids.ADMIN_SETTINGS_SUBMIT, handle_settings_submitted)
    wiring.action(ids.ADMIN_RECENT_OPEN, handle_recent_clicked)
