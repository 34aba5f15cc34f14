"""The mute button under every reminder, and its Undo."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient

from blocks import ids
from blocks.payloads import ReminderKindRef, action_payload
from blocks.reminders import mute_row, muted_row, with_row
from domain.errors import StalePayload
from domain.model import NudgeKind, member_of
from domain.reminders import mute_reminders, unmute_reminders
from handlers.context import Ctx
from handlers.wiring import Wiring


def _kind(body: dict[str, Any]) -> NudgeKind:
    kind = member_of(NudgeKind, action_payload(body, ReminderKindRef).kind)
    if kind is None:
        raise StalePayload()
    return kind


def _show(client: WebClient, body: dict[str, Any], row: dict[str, Any]) -> None:
    """Swap the reminder's row in place, keeping the rest of the message as it was."""
    message = body.get("message") or {}
    client.chat_update(channel=body["channel"]["id"], ts=message["ts"],
                       text=message.get("text", ""),
                       blocks=with_row(message.get("blocks") or [], row))


def handle_mute_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Mute reminders like this: no more of this kind, said where the button was."""
    ack()
    kind = _kind(body)
    with ctx.transaction() as session:
        name = mute_reminders(session, actor=ctx.actor, kind=kind, now=ctx.now())
    _show(client, body, muted_row(kind, name))


def handle_unmute_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Undo: this kind of reminder comes again."""
    ack()
    kind = _kind(body)
    with ctx.transaction() as session:
        unmute_reminders(session, actor=ctx.actor, kind=kind)
    _show(client, body, mute_row(kind))


def register(wiring: Wiring) -> None:
    """Wire the reminder row's buttons."""
    wiring.action(ids.REMINDER_MUTE, handle_mute_clicked)
    wiring.action(ids.REMINDER_UNMUTE, handle_unmute_clicked)
