"""Report to the programme: the button on what a member receives from another, the form, its
confirmation offering Block, and the blocked list's rows in Account."""

from __future__ import annotations

from typing import Any

from blocks import ids, kit
from blocks.forms import selected_value, text_value
from blocks.kit import Block
from blocks.payloads import MemberRef, SupportRef, metadata, value, view_payload
from domain.errors import StalePayload
from domain.reports import MAX_DETAILS, REASONS


def report_button(member_id: int) -> Block:
    """Report to the programme, about the member who sent what it sits under."""
    return kit.button("Report to the programme", ids.REPORT_OPEN, value(MemberRef(member_id)))


def report_form(member_id: int, name: str) -> Block:
    """Who is reported, why (a reason and optional details), and who sees it."""
    reasons = [kit.option(label, key) for key, label in REASONS.items()]
    return kit.modal(ids.REPORT_SUBMIT, "Report a problem", [
        kit.section(f"Tell the programme team about a problem with *{kit.escape(name)}*. Only "
                    "the team sees your report; "
                    f"{kit.escape(name)} is not told."),
        kit.input_block(ids.REPORT_REASON, "What is the problem?", {
            "type": "static_select", "placeholder": kit.plain("Choose a reason"),
            "options": reasons}),
        kit.input_block(ids.REPORT_DETAILS, "Anything else the team should know?", {
            "type": "plain_text_input", "multiline": True, "max_length": MAX_DETAILS},
            optional=True),
        kit.divider(),
        kit.context(f"Rather not report? You can just block {kit.escape(name)}: they won't be "
                    "able to send you requests, questions or messages through the programme, "
                    "and aren't told. You can unblock them in your account."),
        kit.actions(_block_button(member_id, name)),
    ], submit="Send report", close="Cancel", private_metadata=metadata(MemberRef(member_id)))


def _block_button(member_id: int, name: str) -> Block:
    """Block, about this member."""
    return kit.button(f"Block {name}"[:75], ids.REPORT_BLOCK, value(MemberRef(member_id)),
                      style="danger")


def read_report(view: dict[str, Any]) -> tuple[int, str, str]:
    """(reported member's id, reason, details) from the submitted form."""
    return (view_payload(view, MemberRef).member, selected_value(view, ids.REPORT_REASON) or "",
            text_value(view, ids.REPORT_DETAILS))


def reported_view(member_id: int, name: str, request_id: int) -> Block:
    """The form once sent: what happens next, and Block (which the report goes with)."""
    return kit.modal(ids.REPORT_SUBMIT, "Report a problem", [
        kit.section(":white_check_mark: Thank you. The programme team will look into it and may "
                    "contact you by DM. "
                    f"{kit.escape(name)} has not been told about your report."),
        kit.section(f"If you'd rather not hear from {kit.escape(name)} again, block them: "
                    "they won't be able to send you requests, questions or messages through "
                    "the programme, and you won't see each other in search. You can unblock "
                    "them in your account at any time."),
        kit.actions(_block_button(member_id, name)),
    ], private_metadata=metadata(SupportRef(request_id)))


def report_of(view: dict[str, Any]) -> int | None:
    """The report a confirmation's Block goes with; None for Block on the form itself, before
    any report (its metadata names the member instead)."""
    try:
        return view_payload(view, SupportRef).request
    except StalePayload:
        return None


def blocked_view(name: str) -> Block:
    """After Block: what it means, and where to undo it."""
    return kit.modal(ids.REPORT_SUBMIT, "Blocked", [kit.section(
        f":no_entry_sign: You have blocked {kit.escape(name)}. They can't send you requests, "
        "questions or messages through the programme any more, and they aren't told. To undo "
        "this, open *Account* on the app's Home and choose *Unblock*.")])


def blocked_rows(blocked: tuple[tuple[int, str], ...]) -> list[Block]:
    """Account's list of the people the member blocked, each with Unblock."""
    if not blocked:
        return []
    rows: list[Block] = [kit.divider(), kit.section(
        "*People you blocked*\nThey can't send you requests, questions or messages.")]
    for member_id, name in blocked[:40]:
        rows.append(kit.section(kit.escape(name), kit.button(
            "Unblock", ids.ACCOUNT_UNBLOCK, value(MemberRef(member_id)))))
    return rows
