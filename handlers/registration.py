"""Joining the programme: the Register modal, then straight on to the profile."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient

from blocks import ids
from blocks.forms import selected_values
from blocks.profiles import answers_from_member, profile_view
from domain import profiles, registration
from handlers.context import Ctx
from handlers.surfaces import open_registration
from handlers.wiring import Wiring


def handle_register_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Register on Home or in a DM."""
    ack()
    open_registration(client, body, ctx)


def handle_register_submitted(
    ack: Ack, view: dict[str, Any], client: WebClient, ctx: Ctx
) -> None:
    """Register pressed: join with the roles chosen and go on to the profile form."""
    roles = selected_values(view, ids.REGISTRATION_ROLES)
    identity = ctx.identity(client)
    with ctx.transaction() as session:
        registration.register_member(session, actor=ctx.actor, as_mentor="mentor" in roles,
                                     as_mentee="mentee" in roles, identity=identity,
                                     now=ctx.now())
        draft = profiles.open_profile(session, actor=ctx.actor, now=ctx.now())
        form = profile_view(draft.lists, answers_from_member(draft.member, draft.default_capacity))
    ack(response_action="update", view=form)


def register(wiring: Wiring) -> None:
    """Wire the registration listeners."""
    wiring.action(ids.HOME_REGISTER, handle_register_clicked)
    wiring.action(ids.REGISTRATION_OPEN, handle_register_clicked)
    wiring.view(ids.REGISTRATION_SUBMIT, handle_register_submitted)
