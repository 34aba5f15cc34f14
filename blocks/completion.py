"""Completion: the mentor's confirmation, the DMs around it, and past relationships on Home."""

from __future__ import annotations

from typing import Any

from blocks import ids
from blocks.kit import Block, actions, button, escape, modal, option, section, slack_date
from blocks.payloads import MemberRef, RelationshipAction, RelationshipRef, metadata, value
from domain.completion import PastPairing
from domain.relationships import Pairing

# Verbs of the relationship Actions ▾ menu (a RelationshipAction) this feature adds.
COMPLETE = "complete"
REQUEST_COMPLETION = "request_completion"
FEEDBACK = "feedback"
NEW_JOURNEY = "new_journey"
ROAD_MAP = "road_map"


def completion_option(pairing: Pairing) -> Block:
    """The Actions ▾ option that ends an active relationship well, for this side of it."""
    rel = pairing.relationship.id
    if pairing.i_am_mentor:
        return option("Mark relationship complete", value(RelationshipAction(COMPLETE, rel)))
    return option(f"Ask {pairing.partner.name} to mark it complete",
                  value(RelationshipAction(REQUEST_COMPLETION, rel)))


def confirm_completion_form(pairing: Pairing) -> Block:
    """The mentor confirms marking the relationship complete."""
    name = escape(pairing.partner.name)
    return modal(ids.COMPLETION_CONFIRM_SUBMIT, "Complete relationship", [
        section(f"Mark your mentoring relationship with *{name}* complete?\n"
                f"You'll both be asked for feedback. Afterwards you can carry on informally, "
                f"or set new goals and start a new journey with {name}."),
    ], submit="Mark complete", close="Not yet",
        private_metadata=metadata(RelationshipRef(pairing.relationship.id)))


def completion_requested_dm_blocks(text: str, payload: dict[str, Any]) -> list[Block]:
    """The mentor's DM when their mentee asks them to mark the relationship complete."""
    mentee = payload["mentee"]
    return [section(text), actions(
        button("Mark relationship complete", ids.COMPLETION_OPEN,
               value(RelationshipRef(payload["relationship_id"])), style="primary"),
        button(f"Message {mentee['name']}", ids.CONVERSATION_OPEN,
               value(MemberRef(mentee["member_id"]))))]


def completed_dm_blocks(text: str, payload: dict[str, Any]) -> list[Block]:
    """Each side's DM once the relationship is complete: feedback, a new journey, or carry on."""
    ref, partner = value(RelationshipRef(payload["relationship_id"])), payload["partner"]
    return [section(text), actions(
        button("Ready to give feedback", ids.FEEDBACK_OPEN, ref, style="primary"),
        button("Start a new journey", ids.COMPLETION_NEW_JOURNEY, ref),
        button(f"Message {partner['name']}", ids.CONVERSATION_OPEN,
               value(MemberRef(partner["member_id"]))))]


def _past_options(past: PastPairing) -> list[Block]:
    rel = past.pairing.relationship.id
    verbs = [] if past.feedback_given else [("Give feedback", FEEDBACK)]
    if not past.continued:
        verbs.append(("Start a new journey", NEW_JOURNEY))
    verbs.append(("See the road map", ROAD_MAP))
    return [option(label, value(RelationshipAction(verb, rel))) for label, verb in verbs]


def past_rows(past: list[PastPairing]) -> list[Block]:
    """Past relationships, one compact line each with its Actions ▾ menu."""
    if not past:
        return []
    rows = [section("*Past relationships*")]
    for one in past:
        pairing = one.pairing
        role = "your mentee" if pairing.i_am_mentor else "your mentor"
        ended = pairing.relationship.ended_at or pairing.relationship.started_at
        rows.append(section(
            f"{escape(pairing.partner.name)} · {role} · completed "
            f"{slack_date(ended, '{date_short_pretty}')}",
            {"type": "overflow", "action_id": ids.RELATIONSHIP_ACTIONS,
             "options": _past_options(one)},
            block_id=ids.relationship_past_block(pairing.relationship.id)))
    return rows
