"""The App Home tab: published when opened and whenever what it shows changes."""

from __future__ import annotations

from typing import Any

from slack_sdk import WebClient

from handlers.context import Ctx
from handlers.surfaces import publish_home
from handlers.wiring import Wiring


def handle_home_opened(event: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Someone opened the Home tab: show their dashboard."""
    if event.get("tab", "home") == "home":
        publish_home(client, ctx)


def register(wiring: Wiring) -> None:
    """Wire the Home listeners."""
    wiring.event("app_home_opened", handle_home_opened)
