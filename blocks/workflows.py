"""Workflow Builder steps: the DMs they send."""

from __future__ import annotations

from typing import Any

from blocks import ids
from blocks.kit import Block, actions, button, section


def invite_dm_blocks(text: str, payload: dict[str, Any]) -> list[Block]:
    """The invitation a workflow sent: what the programme is, and Register."""
    return [section(text), actions(button("Register", ids.REGISTRATION_OPEN, style="primary"))]
