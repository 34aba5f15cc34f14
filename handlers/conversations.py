"""Questions and messages between two members: the thread modal and sending from it."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient

from blocks import ids
from blocks.conversations import read_message, thread_view
from blocks.forms import clicked_view, submission_of
from blocks.payloads import MemberRef, Page, action_payload
from domain.conversations import open_thread, send_message
from handlers.context import Ctx
from handlers.surfaces import open_modal
from handlers.wiring import Wiring


def handle_open_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Ask question, Message, Messages or Reply: open the conversation with that person."""
    ack()
    with ctx.transaction() as session:
        thread = open_thread(session, actor=ctx.actor,
                             partner_id=action_payload(body, MemberRef).member)
        view = thread_view(thread, asking=thread.partner.is_mentor)
    open_modal(client, body, view)


def handle_earlier_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Earlier / Newer messages: another page of the same conversation, in place."""
    ack()
    page = action_payload(body, Page)
    with ctx.transaction() as session:
        thread = open_thread(session, actor=ctx.actor, partner_id=page.need_of(), page=page.page)
        view = thread_view(thread)
    current = clicked_view(body)
    client.views_update(view_id=current["id"], hash=current.get("hash"), view=view)


def handle_message_submitted(ack: Ack, view: dict[str, Any], ctx: Ctx) -> None:
    """Send message: deliver it and show it at the bottom of the conversation."""
    partner_id, body, files = read_message(view)
    with ctx.transaction() as session:
        send_message(session, actor=ctx.actor, partner_id=partner_id, body=body, files=files,
                     now=ctx.now(), submission=submission_of(view))
        updated = thread_view(open_thread(session, actor=ctx.actor, partner_id=partner_id))
    ack(response_action="update", view=updated)


def register(wiring: Wiring) -> None:
    """Wire the conversation listeners."""
    for action_id in (ids.CONVERSATION_OPEN, ids.PROPOSAL_MESSAGE):
        wiring.action(action_id, handle_open_clicked)
    wiring.action(ids.CONVERSATION_EARLIER, handle_earlier_clicked)
    wiring.view(ids.CONVERSATION_SEND, handle_message_submitted)
