"""Direct messages: a Jinja2 text for notifications and fallbacks, plus the blocks around it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from blocks import ids
from blocks.completion import completed_dm_blocks, completion_requested_dm_blocks
from blocks.conversations import message_dm_blocks
from blocks.kit import Block, actions, button, escape, photo, quote, section
from blocks.meeting_dms import (
    cancelled_dm_blocks,
    meeting_dm_blocks,
    reminder_dm_blocks,
    slack_date_filter,
)
from blocks.payloads import MemberRef, value
from blocks.proposals import answer_buttons, proposal_card_blocks
from blocks.relationships import ended_dm_blocks
from blocks.stages import next_step_dm_blocks

# finalize escapes every value a template prints, so names and titles cannot ping or link.
_templates = Environment(
    loader=PackageLoader("blocks", "templates"),
    finalize=lambda shown: escape(str(shown)) if isinstance(shown, str) else shown,
    undefined=StrictUndefined,
    autoescape=False,
    keep_trailing_newline=False,
)
_templates.filters["slack_date"] = slack_date_filter


@dataclass(frozen=True)
class DirectMessage:
    """A DM ready for chat.postMessage: the plain-text fallback and the blocks."""

    text: str
    blocks: list[Block]


def render_text(kind: str, payload: dict[str, Any]) -> str:
    """The message text of one kind of DM, filled from its payload."""
    return _templates.get_template(f"{kind}.txt.j2").render(**payload).strip()


def _welcome(text: str, payload: dict[str, Any]) -> list[Block]:
    return [section(text), actions(button("Complete your profile", ids.NOTIFICATION_OPEN_PROFILE,
                                          style="primary"))]


def _with_answer_buttons(text: str, payload: dict[str, Any]) -> list[Block]:
    return [section(text), answer_buttons(payload["proposal_id"], payload["mentee"]["member_id"])]


def _accepted(text: str, payload: dict[str, Any]) -> list[Block]:
    mentor = payload["mentor"]
    details = [escape(p) for p in (mentor.get("email"), mentor.get("title"),
                                   mentor.get("organisation")) if p]
    return [section(text, photo(mentor.get("image_url"), mentor["name"])),
            section(f"*{escape(mentor['name'])}*\n" + "\n".join(details)),
            actions(button(f"Message {mentor['name']}"[:75], ids.CONVERSATION_OPEN,
                           value(MemberRef(mentor["member_id"])), style="primary"))]


def _with_alternatives(text: str, payload: dict[str, Any]) -> list[Block]:
    blocks = [section(text + (f"\n{quote(payload['note'])}" if payload.get("note") else ""))]
    for alternative in payload.get("alternatives", [])[:5]:
        who = ", ".join(escape(p) for p in (alternative.get("title"),
                                            alternative.get("organisation")) if p)
        blocks.append(section(f"*{escape(alternative['name'])}*" + (f"\n{who}" if who else ""),
                              button("View profile", ids.SEARCH_VIEW_PROFILE,
                                     value(MemberRef(alternative["member_id"])))))
    blocks.append(actions(button("Find a mentor", ids.SEARCH_OPEN, style="primary")))
    return blocks


_BLOCKS: dict[str, Callable[[str, dict[str, Any]], list[Block]]] = {
    "welcome": _welcome,
    "proposal_card": proposal_card_blocks,
    "proposal_reminder": _with_answer_buttons,
    "proposal_reinstated": _with_answer_buttons,
    "proposal_accepted": _accepted,
    "proposal_declined": _with_alternatives,
    "proposal_expired": _with_alternatives,
    "relationship_ended": ended_dm_blocks,
    "conversation_message": message_dm_blocks,
    "meeting_arranged": meeting_dm_blocks,
    "meeting_updated": meeting_dm_blocks,
    "meeting_cancelled": cancelled_dm_blocks,
    "meeting_reminder": reminder_dm_blocks,
    "stage_completed": next_step_dm_blocks,
    "completion_requested": completion_requested_dm_blocks,
    "relationship_completed": completed_dm_blocks,
    "journey_started": next_step_dm_blocks,
}


def direct_message(kind: str, payload: dict[str, Any]) -> DirectMessage:
    """The DM an outbox row of `kind` stands for."""
    text = render_text(kind, payload)
    build = _BLOCKS.get(kind, lambda t, _: [section(t)])
    return DirectMessage(text=text, blocks=build(text, payload))
