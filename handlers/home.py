"""The App Home tab: published when opened and whenever what it shows changes."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient

from blocks import ids
from blocks.menu import help_view
from handlers.context import Ctx
from handlers.surfaces import open_modal, publish_home
from handlers.wiring import Wiring


def handle_home_opened(event: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Someone opened the Home tab: show their dashboard."""
    if event.get("tab", "home") == "home":
        publish_home(client, ctx)


def handle_help_clicked(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
    """Help from Home or the menu."""
    ack()
    open_modal(client, body, help_view())


def register(wiring: Wiring) -> None:
    """Wire the Home listeners."""
    wiring.event("app_home_opened", handle_home_opened)
    wiring.action(ids.HOME_OPEN_HELP, handle_help_clicked)
    wiring.action(ids.MENU_OPEN_HELP, handle_help_clicked)
