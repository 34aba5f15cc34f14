"""Alert cards in the admin channel, their confirmation and profile modals, and their DMs."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from blocks import ids
from blocks.kit import Block
from blocks.payloads import AlertRef, MemberRef, SupportRef, metadata, value
from blocks.profiles import kit, profile_lines
from domain.model import AlertKind, Member, Relationship
from domain.relationships import MAX_REASON


def _date(iso: str | None) -> str:
    return kit.slack_date(datetime.fromisoformat(iso), "{date_short_pretty}") if iso else ""


def _name(someone: dict[str, Any] | None) -> str:
    """A person as the card names them: their name, or Slack's mention when we know no name."""
    if not someone:
        return "someone"
    if someone.get("name"):
        return f"*{kit.escape(someone['name'])}*"
    user = str(someone.get("user_id") or "")
    return f"<@{user}>" if user.isalnum() else "someone"


def _what_happened(payload: dict[str, Any]) -> str:
    mentee, mentor = _name(payload.get("mentee")), _name(payload.get("mentor"))
    kind = payload.get("kind")
    if kind == AlertKind.PROPOSAL_EXPIRED:
        area = f" for support with _{kit.escape(payload['area'])}_" if payload.get("area") else ""
        return (f":hourglass_flowing_sand: *A mentoring request expired unanswered*\n{mentee} "
                f"asked {mentor}{area} on {_date(payload.get('asked_at'))}. Nobody answered "
                f"before it expired on {_date(payload.get('expired_at'))}; the mentee has been "
                "told and offered other mentors.")
    if kind == AlertKind.QUIET_RELATIONSHIP:
        return (f":zzz: *A mentoring relationship has gone quiet*\n{mentee} and their mentor "
                f"{mentor} (matched {_date(payload.get('started_at'))}) have had no messages, "
                f"meetings, goal or stage updates since {_date(payload.get('quiet_since'))}: "
                f"{payload.get('quiet_days', 0)} days.")
    if kind == AlertKind.MEMBER_LEFT:
        return _member_left(payload)
    summary = kit.quote(kit.cut(payload.get("summary") or "", 2500))
    return f":sos: *New support request*\nFrom {_name(payload.get('requester'))}:\n{summary}"


def _counted(number: int, one: str) -> str:
    return f"{number} {one}{'' if number == 1 else 's'}"


def _member_left(payload: dict[str, Any]) -> str:
    """Who was affected when a member left the workspace; the leaver is never named."""
    mentees, mentors = int(payload.get("left_mentees") or 0), int(payload.get("left_mentors") or 0)
    ties = " and ".join(part for part in (_counted(mentees, "mentee") if mentees else "",
                                          _counted(mentors, "mentor") if mentors else "") if part)
    who = f"A member with {ties}" if ties else "A member with no current relationships"
    partners = [kit.escape(name) for name in payload.get("partners") or []]
    told = (f" Their partners were told kindly: {', '.join(partners)}." if partners else "")
    return (f":wave: *A member left the Slack workspace*\n{who} was deactivated in Slack. "
            "Their requests were withdrawn, their relationships ended and meetings ahead "
            f"cancelled, and their personal data erased.{told} You may want to help any "
            "mentee left without a mentor find a new one.")


def _buttons(payload: dict[str, Any]) -> list[Block]:
    ref, kind = value(AlertRef(payload["alert_id"])), payload.get("kind")
    pair = bool(payload.get("mentee") and payload.get("mentor"))
    buttons = []
    if payload.get("request_id"):  # a support request: answer it as from its own card
        buttons.append(kit.button("Reply", ids.ADMIN_SUPPORT_REPLY,
                                  value(SupportRef(payload["request_id"])), style="primary"))
    if pair:
        buttons.append(kit.button("Nudge both", ids.ADMIN_ALERTS_NUDGE, ref, style="primary"))
    if payload.get("mentee"):
        buttons.append(kit.button("Match manually", ids.ADMIN_ALERTS_MATCH, ref))
    if kind == AlertKind.QUIET_RELATIONSHIP:
        buttons.append(kit.button("Close relationship", ids.ADMIN_ALERTS_CLOSE, ref,
                                  style="danger"))
    if payload.get("mentee") or payload.get("mentor") or (payload.get("requester") or {}).get(
            "member_id"):
        buttons.append(kit.button("Open profile", ids.ADMIN_ALERTS_PROFILE, ref))
    buttons.append(kit.button("Mark as handled", ids.ADMIN_ALERTS_DONE, ref))
    return buttons


def alert_card_blocks(text: str, payload: dict[str, Any]) -> list[Block]:
    """One alert card: what happened, who, when, and the act-now buttons until an admin acts;
    then who did what, and when, in their place."""
    blocks = [kit.section(_what_happened(payload)),
              kit.context(f"Raised {_date(payload.get('at'))}")]
    handled = payload.get("handled")
    if handled:
        return [*blocks, kit.context(f":white_check_mark: *{kit.escape(handled['by'])}* "
                                     f"{kit.escape(handled['done'])} · {_date(handled['at'])}")]
    return [*blocks, kit.actions(*_buttons(payload),
                                 block_id=ids.admin_alert_block(payload["alert_id"]))]


def nudge_dm_blocks(text: str, payload: dict[str, Any]) -> list[Block]:
    """The friendly nudge to one side: message the partner, or find another mentor."""
    partner = payload["partner"]
    buttons = [kit.button(f"Message {partner['name']}"[:75], ids.CONVERSATION_OPEN,
                          value(MemberRef(partner["member_id"])), style="primary")]
    if payload.get("alert_kind") == AlertKind.PROPOSAL_EXPIRED and not payload.get("i_am_mentor"):
        buttons.append(kit.button("Find a mentor", ids.SEARCH_OPEN))
    return [kit.section(text), kit.actions(*buttons)]


def closed_dm_blocks(text: str, payload: dict[str, Any]) -> list[Block]:
    """The DM that tells each side an admin closed their relationship."""
    reason = f"\n{kit.quote(payload['reason'])}" if payload.get("reason") else ""
    blocks = [kit.section(text + reason)]
    if payload.get("i_am_mentor"):
        return blocks
    return [*blocks, kit.actions(kit.button("Find a mentor", ids.SEARCH_OPEN, style="primary"))]


def close_form(alert_id: int, relationship: Relationship) -> Block:
    """Confirm closing a relationship from its alert, with an optional word to both."""
    mentee, mentor = (kit.escape(relationship.mentee.name), kit.escape(relationship.mentor.name))
    return kit.modal(ids.ADMIN_ALERTS_CLOSE_SUBMIT, "Close relationship", [
        kit.section(f"Close the mentoring relationship of *{mentee}* and their mentor "
                    f"*{mentor}*? Both will be told, meetings ahead are cancelled, and "
                    f"{mentor}'s place becomes free for another mentee."),
        kit.input_block(ids.ADMIN_ALERTS_REASON, "A word to both of them (optional)", {
            "type": "plain_text_input", "multiline": True, "max_length": MAX_REASON},
            optional=True),
    ], submit="Close it", close="Keep it", private_metadata=metadata(AlertRef(alert_id)))


def _profile_card(member: Member) -> list[Block]:
    return [kit.section("\n".join(profile_lines(member, for_admins=True)),
                        kit.photo(member.image_url, member.name))]


def profiles_view(members: Sequence[Member]) -> Block:
    """The profile cards of the people an alert is about."""
    blocks: list[Block] = []
    for member in members:
        blocks += [*_profile_card(member), kit.divider()]
    if not blocks:
        blocks = [kit.section("This person isn't registered in the programme.")]
    title = "Profile" if len(members) == 1 else "Profiles"
    return kit.modal(ids.ADMIN_ALERTS_PROFILE_VIEW, title, blocks[:-1] if members else blocks)
