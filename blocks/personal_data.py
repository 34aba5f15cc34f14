"""See what is stored: the button that asks for a copy, and what the person is told."""

from __future__ import annotations

from blocks import ids
from blocks.kit import Block, actions, button, context
from blocks.notices import notice_view

LABEL = "See what is stored"
ON_ITS_WAY = ("A copy of everything the programme holds about you is on its way to your "
              "messages with me: a JSON file and a PDF you can read. Only you receive it.")


def export_button(style: str | None = None) -> Block:
    """See what is stored, in its own row."""
    return actions(button(LABEL, ids.PERSONAL_DATA_EXPORT, style=style))


def export_row() -> list[Block]:
    """The Account modal's line about the export, with its button."""
    return [context("Want a copy of everything the programme holds about you? It comes to "
                    "your messages with me as two files."), export_button()]


def on_its_way_view() -> Block:
    """The modal that tells the person their files are coming."""
    return notice_view(ON_ITS_WAY, "Your data")
