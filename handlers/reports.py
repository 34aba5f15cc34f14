"""Report to the programme and Block, on what a member receives from another member, and
Unblock in Account."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient

from blocks import ids
from blocks.account import account_view
from blocks.payloads import MemberRef, action_payload
from blocks.reports import blocked_view, read_report, report_form, report_of, reported_view
from domain import account, reports
from handlers.context import Ctx
from handlers.surfaces import open_modal
from handlers.wiring import Wiring


def handle_report_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Report to the programme: the form, naming who is reported."""
    ack()
    with ctx.transaction() as session:
        member = reports.reportable(session, actor=ctx.actor,
                                    member_id=action_payload(body, MemberRef).member)
        view = report_form(member.id, member.name)
    open_modal(client, body, view)


def handle_report_submitted(ack: Ack, view: dict[str, Any], ctx: Ctx) -> None:
    """Send report: kept and shown to the admins only; then the offer to block."""
    member_id, reason, details = read_report(view)
    with ctx.transaction() as session:
        filed = reports.report_member(session, actor=ctx.actor, member_id=member_id,
                                      reason=reason, details=details, now=ctx.now())
        done = reported_view(filed.reported.id, filed.reported.name, filed.request.id)
    ack(response_action="update", view=done)


def handle_block_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Block: nothing more from that person; the modal says so and where to undo it."""
    ack()
    with ctx.transaction() as session:
        blocked = reports.block_member(session, actor=ctx.actor,
                                       member_id=action_payload(body, MemberRef).member,
                                       report_id=report_of(body["view"]), now=ctx.now())
        view = blocked_view(blocked.name)
    client.views_update(view_id=body["view"]["id"], view=view)


def handle_unblock_clicked(ack: Ack, body: dict[str, Any], client: WebClient,
                           ctx: Ctx) -> None:
    """Unblock in Account: the person may contact the member again; the list updates."""
    ack()
    with ctx.transaction() as session:
        now = account.unblock(session, actor=ctx.actor,
                              member_id=action_payload(body, MemberRef).member)
    client.views_update(view_id=body["view"]["id"], view=account_view(now))


def register(wiring: Wiring) -> None:
    """Wire Report to the programme, Block and Unblock."""
    wiring.action(ids.REPORT_OPEN, handle_report_clicked)
    wiring.view(ids.REPORT_SUBMIT, handle_report_submitted)
    wiring.action(ids.REPORT_BLOCK, handle_block_clicked)
    wiring.action(ids.ACCOUNT_UNBLOCK, handle_unblock_clicked)
