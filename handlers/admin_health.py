"""The programme's health for its admins: the summary modal, and the PDF or CSVs by DM."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from blocks import ids
from blocks.admin_health import health_view, loading_view, with_notice
from domain.admin import require_admin
from domain.admin.health import CSV, PDF, health_report, send_health_report
from handlers.context import Ctx
from handlers.errors import VANISHED
from handlers.surfaces import open_modal
from handlers.wiring import Wiring

ON_ITS_WAY = {
    PDF: ":white_check_mark: The PDF with its charts is on its way to your direct messages.",
    CSV: ":white_check_mark: The CSV files are on their way to your direct messages.",
}


def handle_open_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Programme health: refuse anyone but an admin, open the modal at once, then count."""
    ack()
    admin = ctx.workspace_admin(client)
    with ctx.transaction() as session:  # a refusal comes before any modal opens
        require_admin(session, actor=ctx.actor, workspace_admin=admin, what="health report",
                      now=ctx.now())
    view_id = open_modal(client, body, loading_view())
    with ctx.transaction() as session:
        report = health_report(session, actor=ctx.actor, workspace_admin=admin, now=ctx.now())
    try:
        client.views_update(view_id=view_id, view=health_view(report))
    except SlackApiError as failure:
        # Closed while it was counted: nothing to show, and nothing to apologise for.
        if failure.response.get("error") not in VANISHED:
            raise


def _send(form: str, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Owe the admin the report as `form`; say so under the buttons of the open summary."""
    view = body.get("view") or {}
    asked_in = str(view.get("id") or f"{ctx.now():%Y%m%d%H%M}")
    admin = ctx.workspace_admin(client)
    with ctx.transaction() as session:
        send_health_report(session, actor=ctx.actor, workspace_admin=admin, form=form,
                           asked_in=asked_in, now=ctx.now())
    if view.get("type") == "modal":
        client.views_update(view_id=view["id"], view=with_notice(view, ON_ITS_WAY[form]))


def handle_pdf_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Send me the PDF."""
    ack()
    _send(PDF, body, client, ctx)


def handle_csv_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Send me the CSVs."""
    ack()
    _send(CSV, body, client, ctx)


def register(wiring: Wiring) -> None:
    """Wire the health report's listeners."""
    wiring.action(ids.ADMIN_HEALTH_OPEN, handle_open_clicked)
    wiring.action(ids.ADMIN_HEALTH_PDF, handle_pdf_clicked)
    wiring.action(ids.ADMIN_HEALTH_CSV, handle_csv_clicked)
