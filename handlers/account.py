"""The Account modal: opened by /mentor account or Account on Home, saved in one go."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient

from blocks import ids
from blocks.account import account_view, read_account_answers
from domain import account
from handlers.context import Ctx
from handlers.surfaces import open_modal
from handlers.wiring import Wiring


def open_account(client: WebClient, body: dict[str, Any], ctx: Ctx) -> None:
    """The actor's Account modal (NotRegistered sends a newcomer to Register)."""
    with ctx.transaction() as session:
        view = account_view(account.open_account(session, actor=ctx.actor))
    open_modal(client, body, view)


def handle_account_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Account on Home (or a Help answer's Open my account)."""
    ack()
    open_account(client, body, ctx)


def handle_account_submitted(ack: Ack, view: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Save: the e-mail is checked beside its field (the modal stays, as typed), then saved."""
    answers = read_account_answers(view)
    with ctx.transaction() as session:
        account.save_account(session, actor=ctx.actor, answers=answers, now=ctx.now())
    ack()


def register(wiring: Wiring) -> None:
    """Wire the Account listeners."""
    wiring.action(ids.ACCOUNT_OPEN, handle_account_clicked)
    wiring.view(ids.ACCOUNT_VIEW, handle_account_submitted)
