"""Contact support (Help's footer and the /mentor menu), and the Reply and Mark answered
buttons of a request's card, which only the programme's admins may use."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient

from blocks import ids
from blocks.forms import text_value
from blocks.payloads import SupportRef, action_payload, view_payload
from blocks.support import reply_form, sent_view, support_form
from domain.support import SupportDraft, request_support, support_draft
from domain.support.answering import mark_answered, open_request, reply_to_request
from handlers.context import Ctx
from handlers.surfaces import open_modal
from handlers.wiring import Wiring


def handle_contact_clicked(ack: Ack, body: dict[str, Any], client: WebClient,
                           ctx: Ctx) -> None:
    """Contact support: the form, with the person's name and e-mail filled in."""
    ack()
    identity = ctx.identity(client)
    with ctx.transaction() as session:
        draft = support_draft(session, actor=ctx.actor, slack_name=identity.name,
                              slack_email=identity.email, now=ctx.now())
    open_modal(client, body, support_form(draft))


def handle_support_submitted(ack: Ack, view: dict[str, Any], ctx: Ctx) -> None:
    """Send: the request is kept and shown to the admins; a wrong field is named beside it."""
    draft = SupportDraft(name=text_value(view, ids.SUPPORT_NAME),
                         email=text_value(view, ids.SUPPORT_EMAIL),
                         subject=text_value(view, ids.SUPPORT_SUBJECT),
                         message=text_value(view, ids.SUPPORT_MESSAGE))
    with ctx.transaction() as session:
        request_support(session, actor=ctx.actor, draft=draft, now=ctx.now())
    ack(response_action="update", view=sent_view())


def handle_reply_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Reply: the answer form, with the request above it."""
    ack()
    with ctx.transaction() as session:
        _, request = open_request(session, actor=ctx.actor,
                                  workspace_admin=ctx.workspace_admin(client),
                                  request_id=action_payload(body, SupportRef).request,
                                  now=ctx.now())
        view = reply_form(request.id, request.name, request.subject, request.message)
    open_modal(client, body, view)


def handle_reply_submitted(ack: Ack, view: dict[str, Any], client: WebClient,
                           ctx: Ctx) -> None:
    """Send answer: to the person under their request, and the cards say who answered."""
    with ctx.transaction() as session:
        reply_to_request(session, actor=ctx.actor, workspace_admin=ctx.workspace_admin(client),
                         admin_name=ctx.identity(client).name,
                         request_id=view_payload(view, SupportRef).request,
                         answer=text_value(view, ids.ADMIN_SUPPORT_ANSWER), now=ctx.now())
    ack()


def handle_mark_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Mark answered: the cards say who, once, and their buttons go."""
    ack()
    with ctx.transaction() as session:
        mark_answered(session, actor=ctx.actor, workspace_admin=ctx.workspace_admin(client),
                      admin_name=ctx.identity(client).name,
                      request_id=action_payload(body, SupportRef).request, now=ctx.now())


def register(wiring: Wiring) -> None:
    """Wire Contact support and its cards' buttons."""
    wiring.action(ids.HELP_CONTACT, handle_contact_clicked)
    wiring.action(ids.MENU_CONTACT_SUPPORT, handle_contact_clicked)
    wiring.view(ids.SUPPORT_SUBMIT, handle_support_submitted)
    wiring.action(ids.ADMIN_SUPPORT_REPLY, handle_reply_clicked)
    wiring.view(ids.ADMIN_SUPPORT_REPLY_SUBMIT, handle_reply_submitted)
    wiring.action(ids.ADMIN_SUPPORT_MARK_ANSWERED, handle_mark_clicked)
