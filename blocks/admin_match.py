"""Manual matching: the form, the confirmation past a limit, the result, and the pair's DMs."""

from __future__ import annotations

from typing import Any

from blocks import ids, kit
from blocks.forms import selected_user, text_value
from blocks.kit import Block
from blocks.payloads import MatchDraft, MemberRef, metadata, value, view_payload
from domain.admin.matching import MAX_NOTE, ManualMatch, MatchRequest

TITLE = "Match manually"


def _user_picker(block_id: str, label: str, chosen: str | None, hint: str) -> Block:
    element: Block = {"type": "users_select", "placeholder": kit.plain("Choose a person")}
    if chosen:
        element["initial_user"] = chosen
    return kit.input_block(block_id, label, element, hint=hint)


def match_form(draft: MatchDraft | None = None) -> Block:
    """Pick a mentee and a mentor, add a note for them, then Match (prefilled from `draft`)."""
    draft = draft or MatchDraft()
    note: Block = {"type": "plain_text_input", "multiline": True, "max_length": MAX_NOTE}
    if draft.note:
        note["initial_value"] = draft.note
    return kit.modal(ids.ADMIN_MATCH_SUBMIT, TITLE, [
        kit.section("Pair a mentee with a mentor directly. The relationship starts straight "
                    "away, as if the mentor had accepted a request, and both people get a DM "
                    "saying you matched them."),
        _user_picker(ids.ADMIN_MATCH_MENTEE, "Mentee", draft.mentee,
                     "Someone registered as a mentee."),
        _user_picker(ids.ADMIN_MATCH_MENTOR, "Mentor", draft.mentor,
                     "Someone registered as a mentor."),
        kit.input_block(ids.ADMIN_MATCH_NOTE, "Why this match? (optional)", note, optional=True,
                        hint="Both of them see this note in their DM."),
    ], submit="Match", close="Cancel", private_metadata=metadata(MatchDraft(alert=draft.alert)))


def read_match_request(view: dict[str, Any]) -> MatchRequest:
    """The form as submitted: the two people, the note, and the alert it came from."""
    alert = view_payload(view, MatchDraft).alert
    return MatchRequest(selected_user(view, ids.ADMIN_MATCH_MENTEE),
                        selected_user(view, ids.ADMIN_MATCH_MENTOR),
                        text_value(view, ids.ADMIN_MATCH_NOTE), alert)


def confirmed_request(view: dict[str, Any]) -> MatchRequest:
    """The match the confirmation step carries (nothing typed there)."""
    draft = view_payload(view, MatchDraft)
    return MatchRequest(draft.mentee, draft.mentor, draft.note, draft.alert)


def confirm_view(result: ManualMatch, alert_id: int | None) -> Block:
    """Past a programme limit: say exactly which, and offer Match anyway (logged)."""
    mentee, mentor = kit.escape(result.mentee.name), kit.escape(result.mentor.name)
    limits = "\n".join(f"• {kit.escape(limit)}" for limit in result.limits)
    draft = MatchDraft(result.mentee.slack_user_id, result.mentor.slack_user_id, result.note,
                       alert_id)
    return kit.modal(ids.ADMIN_MATCH_CONFIRM, "Match anyway?", [
        kit.section(f"Matching *{mentee}* with *{mentor}* goes past the programme's limits:"),
        kit.section(limits),
        kit.context("If you match them anyway, the override is recorded in the admin log "
                    "with your name."),
    ], submit="Match anyway", close="Cancel", private_metadata=metadata(draft))


def matched_view(result: ManualMatch) -> Block:
    """The match is made: who, and that both were told."""
    mentee, mentor = kit.escape(result.mentee.name), kit.escape(result.mentor.name)
    extra = ("\n_Matched past the programme's limits; the override is in the admin log._"
             if result.limits else "")
    return kit.modal(ids.ADMIN_MATCH_DONE_VIEW, "Matched", [
        kit.section(f":handshake: *{mentee}* is now mentored by *{mentor}*. Both have been "
                    f"sent a DM saying you matched them{', with your note' if result.note else ''}"
                    f".{extra}"),
    ], close="Done")


def matched_dm_blocks(text: str, payload: dict[str, Any]) -> list[Block]:
    """The DM to each side of a manual match: the partner's card, the note, and Message."""
    partner = payload["partner"]
    details = [kit.escape(p) for p in (partner.get("email"), partner.get("title"),
                                       partner.get("organisation")) if p]
    why = f"\n*Why you were matched*\n{kit.quote(payload['note'])}" if payload.get("note") else ""
    blocks = [kit.section(text + why),
              kit.section(f"*{kit.escape(partner['name'])}*\n" + "\n".join(details),
                          kit.photo(partner.get("image_url"), partner["name"]))]
    return [*blocks, kit.actions(kit.button(f"Message {partner['name']}"[:75],
                                            ids.CONVERSATION_OPEN,
                                            value(MemberRef(partner["member_id"])),
                                            style="primary"))]
