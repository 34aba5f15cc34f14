"""/mentor: the menu, and its sub-commands as shortcuts into each feature."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, Respond
from slack_sdk import WebClient

from blocks import ids
from blocks.menu import help_text, menu_view
from domain.home.menu import menu_of
from handlers.account import open_account
from handlers.admin import open_admin
from handlers.context import Ctx
from handlers.diary import open_diary
from handlers.goals import open_goals
from handlers.help import open_help
from handlers.meetings import open_meetings
from handlers.profiles import open_profile_form
from handlers.relationships import open_relationships
from handlers.search import open_search
from handlers.surfaces import open_modal, open_registration
from handlers.wiring import Wiring

Opener = Callable[[WebClient, dict[str, Any], Ctx], None]


def open_menu(client: WebClient, body: dict[str, Any], ctx: Ctx) -> None:
    """The /mentor menu for members; Register for everyone else."""
    with ctx.transaction() as session:
        menu = menu_of(session, actor=ctx.actor, now=ctx.now())
    if menu.member is None:
        open_registration(client, body, ctx)
    else:
        open_modal(client, body, menu_view(menu.programme_name, menu.member, menu.admin))


SUBCOMMANDS: dict[str, Opener] = {
    "": open_menu,
    "menu": open_menu,
    "profile": open_profile_form,
    "find": open_search,
    "relationships": open_relationships,
    "meet": open_meetings,
    "diary": open_diary,
    "goals": open_goals,
    "admin": open_admin,
    "help": open_help,
    "account": open_account,
}


def handle_mentor_command(
    ack: Ack, command: dict[str, Any], body: dict[str, Any], client: WebClient,
    respond: Respond, ctx: Ctx,
) -> None:
    """`/mentor [sub-command]`: open what was asked for, or say briefly what can be asked."""
    ack()
    text = (command.get("text") or "").strip()
    word = text.split(maxsplit=1)[0].lower() if text else ""
    opener = SUBCOMMANDS.get(word)
    if opener is None:
        respond(text=help_text(text), response_type="ephemeral")
        return
    opener(client, body, ctx)


def register(wiring: Wiring) -> None:
    """Wire the slash command."""
    wiring.command(ids.COMMAND, handle_mentor_command)
