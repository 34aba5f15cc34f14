"""Direct messages: a Jinja2 text for notifications and fallbacks, plus the blocks around it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from blocks import ids
from blocks.admin_alerts import alert_card_blocks, closed_dm_blocks, nudge_dm_blocks
from blocks.admin_health import health_dm_blocks
from blocks.admin_match import matched_dm_blocks
from blocks.completion import completed_dm_blocks, completion_requested_dm_blocks
from blocks.conversations import message_dm_blocks
from blocks.feedback import feedback_chase_dm_blocks
from blocks.goals import goal_due_dm_blocks
from blocks.kit import Block, actions, button, escape, photo, quote, section
from blocks.meetings.dms import (
    cancelled_dm_blocks,
    follow_up_dm_blocks,
    logged_dm_blocks,
    meeting_dm_blocks,
    reminder_dm_blocks,
    slack_date_filter,
)
from blocks.newcomers import no_request_dm_blocks, profile_incomplete_dm_blocks
from blocks.payloads import MemberRef, value
from blocks.proposals import answer_buttons, proposal_card_blocks, reminder_blocks
from blocks.relationships import ended_dm_blocks, quiet_dm_blocks
from blocks.reminders import mute_row
from blocks.stages import next_step_dm_blocks
from blocks.support import answer_dm_blocks, support_card_blocks
from blocks.workflows import invite_dm_blocks
from domain.model import OutboxKind

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


Builder = Callable[[str, dict[str, Any]], list[Block]]


def render_text(kind: OutboxKind, payload: dict[str, Any]) -> str:
    """The message text of one kind of DM, filled from its payload."""
    return _templates.get_template(f"{kind}.txt.j2").render(**payload).strip()


def _text_only(text: str, payload: dict[str, Any]) -> list[Block]:
    return [section(text)]


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


# Every kind has its builder here: a kind without one fails tests/blocks/test_notifications.py.
BUILDERS: dict[OutboxKind, Builder] = {
    OutboxKind.WELCOME: _welcome,
    # A workflow invited someone not yet in the programme: Register is the whole next step.
    OutboxKind.PROGRAMME_INVITE: invite_dm_blocks,
    # The same matches, Mentor request and View profile as the newcomers' reminder.
    OutboxKind.MENTOR_SUGGESTIONS: no_request_dm_blocks,
    OutboxKind.PROPOSAL_CARD: proposal_card_blocks,
    OutboxKind.PROPOSAL_REMINDER: reminder_blocks,
    OutboxKind.PROPOSAL_REINSTATED: _with_answer_buttons,
    # Nothing is left for the mentor to do: the card above it already shows the new state.
    OutboxKind.PROPOSAL_WITHDRAWN: _text_only,
    OutboxKind.PROPOSAL_CLOSED: _text_only,
    OutboxKind.PROPOSAL_ACCEPTED: _accepted,
    OutboxKind.PROPOSAL_DECLINED: _with_alternatives,
    OutboxKind.PROPOSAL_EXPIRED: _with_alternatives,
    # The mentor paused or is full: the mentee is told at once, with other mentors to ask.
    OutboxKind.PROPOSAL_UNAVAILABLE: _with_alternatives,
    OutboxKind.RELATIONSHIP_ENDED: ended_dm_blocks,
    OutboxKind.CONVERSATION_MESSAGE: message_dm_blocks,
    OutboxKind.MEETING_ARRANGED: meeting_dm_blocks,
    OutboxKind.MEETING_UPDATED: meeting_dm_blocks,
    OutboxKind.MEETING_CANCELLED: cancelled_dm_blocks,
    OutboxKind.MEETING_REMINDER: reminder_dm_blocks,
    # Logged afterwards from a workflow (Log a meeting): no calendar file, it is over.
    OutboxKind.MEETING_LOGGED: logged_dm_blocks,
    OutboxKind.STAGE_COMPLETED: next_step_dm_blocks,
    OutboxKind.COMPLETION_REQUESTED: completion_requested_dm_blocks,
    OutboxKind.RELATIONSHIP_COMPLETED: completed_dm_blocks,
    OutboxKind.JOURNEY_STARTED: next_step_dm_blocks,
    # The PDF itself is attached under the DM by the sender.
    OutboxKind.GOAL_PDF: _text_only,
    OutboxKind.DIARY_PDF: _text_only,
    OutboxKind.WORKSHEET_PDF: _text_only,
    # The charts are added in place once uploaded; the PDF and the CSVs are attached below.
    OutboxKind.HEALTH_PDF: health_dm_blocks,
    OutboxKind.HEALTH_CSV: health_dm_blocks,
    # Programme admins: a manual match, an alert card in the admin channel, what it sends.
    OutboxKind.ADMIN_MATCHED: matched_dm_blocks,
    OutboxKind.ADMIN_ALERT: alert_card_blocks,
    OutboxKind.ADMIN_NUDGE: nudge_dm_blocks,
    OutboxKind.ADMIN_CLOSED: closed_dm_blocks,
    # Tells the mentee; the request itself is on their Home, to withdraw if they wish.
    OutboxKind.PROPOSAL_SUGGESTED: _text_only,
    # Each line says where to act (Home, or the DM it stands for).
    OutboxKind.NUDGE_DIGEST: _text_only,
    # Newcomers: finish your profile; a mentee's best matches, each with Mentor request.
    OutboxKind.NUDGE_PROFILE_INCOMPLETE: profile_incomplete_dm_blocks,
    OutboxKind.NUDGE_NO_REQUEST: no_request_dm_blocks,
    # Reminders: a goal's date (change it, complete it), the survey still unanswered.
    OutboxKind.GOAL_DUE: goal_due_dm_blocks,
    OutboxKind.FEEDBACK_CHASE: feedback_chase_dm_blocks,
    OutboxKind.MEETING_FOLLOW_UP: follow_up_dm_blocks,
    # A quiet pair, and one about to be closed as inactive: a message or a meeting away.
    OutboxKind.QUIET_NUDGE: quiet_dm_blocks,
    OutboxKind.INACTIVE_WARNING: quiet_dm_blocks,
    # Closed as inactive: as when an admin closes it (the mentee may look for another mentor).
    OutboxKind.INACTIVE_CLOSED: closed_dm_blocks,
    # Contact support: the admins' card, the person's confirmation, the answer under it.
    OutboxKind.SUPPORT_CARD: support_card_blocks,
    OutboxKind.SUPPORT_RECEIVED: _text_only,
    OutboxKind.SUPPORT_ANSWER: answer_dm_blocks,
    # The two files of "See what is stored" are attached under the DM by the sender.
    OutboxKind.MY_DATA: _text_only,
}


def direct_message(kind: OutboxKind, payload: dict[str, Any]) -> DirectMessage:
    """The DM an outbox row of `kind` stands for."""
    text = render_text(kind, payload)
    blocks = BUILDERS[kind](text, payload)
    if payload.get("nudge_kind"):  # every reminder the programme sends by itself can be muted
        blocks = [*blocks, mute_row(str(payload["nudge_kind"]))]
    return DirectMessage(text=text, blocks=blocks)
