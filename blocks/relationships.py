"""Relationship cards on Home, the withdraw confirmation, and the DM when a pair ends early."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from blocks import ids, kit
from blocks.completion import completion_option
from blocks.goals import goals_menu
from blocks.kit import Block
from blocks.payloads import MemberRef, RelationshipAction, RelationshipRef, metadata, value
from blocks.stages import stage_label
from domain.model import RelationshipStatus
from domain.relationships import MAX_REASON, Pairing

WITHDRAW = "withdraw"


def pairing_card(pairing: Pairing, now: datetime) -> list[Block]:
    """One relationship: the partner's photo and contact details, and what the pair can do.

    The row's block_id changes with every render (see ids.relationship_card_block), so a menu
    left on "SWOT" can be chosen again."""
    partner, rel = pairing.partner, pairing.relationship.id
    role = "Your mentee" if pairing.i_am_mentor else "Your mentor"
    details = [kit.escape(p) for p in (partner.contact_email, partner.job_title,
                                       partner.organisation) if p]
    since = kit.slack_date(pairing.relationship.started_at, "{date_short_pretty}")
    active = pairing.relationship.status == RelationshipStatus.ACTIVE
    actions_menu = kit.menu(ids.RELATIONSHIP_ACTIONS, "Actions", [
        kit.option("Withdraw from this relationship", value(RelationshipAction(WITHDRAW, rel))),
        *([completion_option(pairing)] if active else [])])
    asked = (f"\n:raised_hand: {kit.escape(partner.name)} asked you to mark it complete"
             if pairing.i_am_mentor and pairing.relationship.completion_requested_at else "")
    return [
        kit.section(f"*{kit.escape(partner.name)}* · {role}\n" + "\n".join(details)
                    + f"\nMatched {since} · {stage_label(pairing.relationship)}{asked}",
                    kit.photo(partner.image_url, partner.name)),
        kit.actions(kit.button("Messages", ids.CONVERSATION_OPEN, value(MemberRef(partner.id))),
                    kit.button("Meet / Video", ids.MEETING_OPEN, value(RelationshipRef(rel))),
                    kit.button("Next step", ids.STAGE_OPEN, value(RelationshipRef(rel)),
                               style="primary"),
                    goals_menu(rel), actions_menu,
                    block_id=ids.relationship_card_block(rel, now)),
    ]


def withdraw_form(pairing: Pairing) -> Block:
    """Confirm ending a relationship early, with an optional reason for the partner."""
    name = kit.escape(pairing.partner.name)
    after = ("You can look for another mentor straight away."
             if not pairing.i_am_mentor else "Your place becomes free for another mentee.")
    return kit.modal(ids.RELATIONSHIP_WITHDRAW_SUBMIT, "End relationship", [
        kit.section(f"Are you sure you want to end your mentoring relationship with *{name}*? "
                    f"{name} will be told. {after}"),
        kit.input_block(ids.RELATIONSHIP_REASON, f"A word to {pairing.partner.name} (optional)", {
            "type": "plain_text_input", "multiline": True, "max_length": MAX_REASON},
            optional=True),
    ], submit="End relationship", close="Keep it",
        private_metadata=metadata(RelationshipRef(pairing.relationship.id)))


def ended_dm_blocks(text: str, payload: dict[str, Any]) -> list[Block]:
    """The DM that tells a partner the relationship has ended."""
    reason = f"\n{kit.quote(payload['reason'])}" if payload.get("reason") else ""
    blocks = [kit.section(text + reason)]
    if payload.get("partner_was_mentor"):
        return blocks
    return [*blocks, kit.context("You can look for another mentor whenever you are ready."),
            kit.actions(kit.button("Find a mentor", ids.SEARCH_OPEN, style="primary"))]


def quiet_dm_blocks(text: str, payload: dict[str, Any]) -> list[Block]:
    """A nudge to a quiet pair (or the warning before closing it): message the partner, or
    arrange a meeting with them."""
    partner = payload["partner"]
    return [kit.section(text), kit.actions(
        kit.button(f"Message {partner['name']}"[:75], ids.CONVERSATION_OPEN,
                   value(MemberRef(partner["member_id"])), style="primary"),
        kit.button("Arrange a meeting", ids.MEETING_OPEN,
                   value(RelationshipRef(payload["relationship_id"]))))]
