"""See what is stored: the Account modal's (or a Help answer's) button asks for a copy."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient

from blocks import ids
from blocks.personal_data import on_its_way_view
from domain import personal_data
from handlers.context import Ctx
from handlers.surfaces import open_modal
from handlers.wiring import Wiring


def handle_export_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """The person's data, as a JSON file and a PDF, is owed to their DM; they are told so."""
    ack()
    with ctx.transaction() as session:
        personal_data.request_export(session, actor=ctx.actor, now=ctx.now())
    open_modal(client, body, on_its_way_view())


def register(wiring: Wiring) -> None:
    """Wire the See what is stored listener."""
    wiring.action(ids.PERSONAL_DATA_EXPORT, handle_export_clicked)
