"""Small modals that tell a person something: a refusal, a confirmation."""

from __future__ import annotations

from blocks import ids
from blocks.kit import Block, modal, section


def notice_view(message: str, title: str = "Mentoring") -> Block:
    """A one-paragraph modal with a Close button."""
    return modal(ids.NOTICE_VIEW, title, [section(message)], close="Close")
