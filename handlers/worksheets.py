"""SWOT and G-STAR worksheets: saving, deleting and downloading one's own or the partner's.

Goals ▾ on a relationship opens them (handlers/goals.py holds that menu)."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient

from blocks import ids
from blocks.payloads import Worksheet, action_payload, view_payload
from blocks.worksheets import delete_worksheet_form, read_worksheet
from domain import worksheets
from handlers.context import Ctx
from handlers.surfaces import open_modal
from handlers.wiring import Wiring


def handle_worksheet_submitted(ack: Ack, view: dict[str, Any], ctx: Ctx) -> None:
    """Save on one's own SWOT or G-STAR worksheet."""
    kind, relationship_id, answers = read_worksheet(view)
    with ctx.transaction() as session:
        worksheets.save_worksheet(session, actor=ctx.actor, relationship_id=relationship_id,
                                  kind=kind, answers=answers, now=ctx.now())
    ack()


def handle_worksheet_delete_clicked(ack: Ack, body: dict[str, Any], client: WebClient
                                    ) -> None:
    """Delete my worksheet: confirm first."""
    ack()
    open_modal(client, body, delete_worksheet_form(action_payload(body, Worksheet)))


def handle_worksheet_delete_submitted(ack: Ack, view: dict[str, Any], ctx: Ctx) -> None:
    """Delete confirmed: the worksheet goes, and the modals close."""
    sheet = view_payload(view, Worksheet)
    with ctx.transaction() as session:
        worksheets.delete_worksheet(session, actor=ctx.actor, relationship_id=sheet.relationship,
                                    kind=sheet.kind)
    ack(response_action="clear")


def handle_worksheet_download_clicked(ack: Ack, body: dict[str, Any], ctx: Ctx) -> None:
    """Download (PDF) on one's own worksheet or the partner's: it comes as a DM."""
    ack()
    sheet = action_payload(body, Worksheet)
    with ctx.transaction() as session:
        worksheets.send_worksheet_pdf(session, actor=ctx.actor, relationship_id=sheet.relationship,
                                      kind=sheet.kind, author_id=sheet.author, now=ctx.now())


def register(wiring: Wiring) -> None:
    """Wire the worksheet listeners."""
    wiring.view(ids.WORKSHEET_SUBMIT, handle_worksheet_submitted)
    wiring.action(ids.WORKSHEET_DELETE, handle_worksheet_delete_clicked)
    wiring.view(ids.WORKSHEET_DELETE_SUBMIT, handle_worksheet_delete_submitted)
    wiring.action(ids.WORKSHEET_DOWNLOAD, handle_worksheet_download_clicked)
