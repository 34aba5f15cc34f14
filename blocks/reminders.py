"""The row under every reminder: mute reminders like this one, and the line once muted."""

from __future__ import annotations

from typing import Any

from blocks import ids
from blocks.kit import Block, actions, button, escape, section
from blocks.payloads import ReminderKindRef, value


def mute_row(kind: str) -> Block:
    """A quiet button that stops this kind of reminder."""
    return actions(button("Mute reminders like this", ids.REMINDER_MUTE,
                          value(ReminderKindRef(kind))), block_id=ids.REMINDER_MUTE_ROW)


def muted_row(kind: str, name: str) -> Block:
    """What the row says once muted, with the way back."""
    return section(f":no_bell: Muted: you won't get {escape(name)} any more.",
                   button("Undo", ids.REMINDER_UNMUTE, value(ReminderKindRef(kind))),
                   block_id=ids.REMINDER_MUTE_ROW)


def with_row(blocks: list[dict[str, Any]], row: Block) -> list[dict[str, Any]]:
    """The message's blocks with its reminder row replaced by `row` (added if missing)."""
    kept = [block for block in blocks if block.get("block_id") != ids.REMINDER_MUTE_ROW]
    return [*kept, row]
