"""Manual matching: the admin menu's button, the form, and the confirmation past a limit."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient

from blocks import ids
from blocks.admin_match import (
    confirm_view,
    confirmed_request,
    match_form,
    matched_view,
    read_match_request,
)
from blocks.forms import submission_of
from domain.admin import require_admin
from domain.admin.matching import ManualMatch, MatchRequest, match_manually
from handlers.context import Ctx
from handlers.surfaces import open_modal
from handlers.wiring import Wiring


def handle_open_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Match manually, in the admin menu: the form, for admins only."""
    ack()
    with ctx.transaction() as session:
        require_admin(session, actor=ctx.actor, workspace_admin=ctx.workspace_admin(client),
                      what="match manually", now=ctx.now())
    open_modal(client, body, match_form())


def _match(view: dict[str, Any], client: WebClient, ctx: Ctx, request: MatchRequest,
           override: bool) -> ManualMatch:
    with ctx.transaction() as session:
        return match_manually(session, actor=ctx.actor,
                              workspace_admin=ctx.workspace_admin(client),
                              admin_name=ctx.identity(client).name, request=request,
                              override=override, now=ctx.now(), submission=submission_of(view))


def _answer(ack: Ack, result: ManualMatch, request: MatchRequest) -> None:
    """The match made, or the limits to confirm, in place of the form."""
    if result.relationship is None:
        ack(response_action="update", view=confirm_view(result, request.alert_id))
    else:
        ack(response_action="update", view=matched_view(result))


def handle_match_submitted(ack: Ack, view: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Match: made at once, or a confirmation when it goes past a programme limit."""
    request = read_match_request(view)
    _answer(ack, _match(view, client, ctx, request, override=False), request)


def handle_match_confirmed(ack: Ack, view: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Match anyway: the override, recorded in the admin log."""
    request = confirmed_request(view)
    _answer(ack, _match(view, client, ctx, request, override=True), request)


def register(wiring: Wiring) -> None:
    """Wire the manual matching listeners."""
    wiring.action(ids.ADMIN_MATCH_OPEN, handle_open_clicked)
    wiring.view(ids.ADMIN_MATCH_SUBMIT, handle_match_submitted)
    wiring.view(ids.ADMIN_MATCH_CONFIRM, handle_match_confirmed)
