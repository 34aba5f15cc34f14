"""Mentor requests: the request form, the mentor's DM card, and the decline form."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from blocks import ids, kit
from blocks.forms import chosen_id, text_value
from blocks.kit import Block
from blocks.payloads import (
    MemberRef,
    ProposalForm,
    ProposalRef,
    encode_id,
    metadata,
    value,
    view_payload,
)
from blocks.reports import report_button
from domain import permissions as may
from domain.model import Member, Proposal, ProposalStatus
from domain.programme import shown_label
from domain.proposals import MAX_STATEMENT, DeclinedAndPaused, ProposalAnswers, ProposalDraft
from domain.proposals.answers import MAX_NOTE

STATEMENT_HINT = (
    "Why would you like to be mentored? What are you hoping to get out of a mentoring "
    "relationship, and which areas would you like to discuss or receive guidance on? The more "
    "you say, the better your mentor can support you.")


def proposal_form(draft: ProposalDraft, *, proposal_id: int | None = None) -> Block:
    """The request form; with `proposal_id` it edits a waiting request instead."""
    areas = [kit.option(shown_label(a), encode_id(a.id)) for a in draft.areas][:100]
    wanted = encode_id(draft.answers.area_id) if draft.answers.area_id else None
    chosen = next((o for o in areas if o["value"] == wanted), None)
    mentor = kit.escape(draft.mentor.name)
    blocks = [
        kit.section(f"The following mentoring details will be sent to *{mentor}*."),
        kit.input_block(ids.PROPOSAL_AREA, "Area I need support with", {
            "type": "static_select", "options": areas,
            **({"initial_option": chosen} if chosen else {})}),
        kit.input_block(ids.PROPOSAL_STATEMENT, "Personal statement", {
            "type": "plain_text_input", "multiline": True, "max_length": MAX_STATEMENT,
            **({"initial_value": draft.answers.statement} if draft.answers.statement else {})},
            hint=STATEMENT_HINT),
    ]
    return kit.modal(ids.PROPOSAL_SUBMIT, "Edit your request" if proposal_id else "Mentor request",
                     blocks, submit="Save changes" if proposal_id else "Send request",
                     close="Cancel",
                     private_metadata=metadata(ProposalForm(draft.mentor.id, proposal_id)))


def read_proposal_answers(view: dict[str, Any]) -> ProposalAnswers:
    """The request form as submitted."""
    return ProposalAnswers(area_id=chosen_id(view, ids.PROPOSAL_AREA),
                           statement=text_value(view, ids.PROPOSAL_STATEMENT))


def form_target(view: dict[str, Any]) -> tuple[int, int | None]:
    """(mentor id, proposal id or None) from the form's private metadata."""
    target = view_payload(view, ProposalForm)
    return target.mentor, target.proposal


def sent_view(proposal: Proposal) -> Block:
    """What the form turns into once the request is on its way."""
    return kit.modal(ids.PROPOSAL_SENT_VIEW, "Request sent", [kit.section(
        f":white_check_mark: Your request is on its way to *{kit.escape(proposal.mentor.name)}*. "
        "You'll get a direct message here as soon as they answer. While you wait you can edit "
        "or withdraw it from your Home tab.")], close="Done")


def decline_form(proposal: Proposal) -> Block:
    """Decline, with an optional kind note to the mentee."""
    mentee = kit.escape(proposal.mentee.name)
    return kit.modal(ids.PROPOSAL_DECLINE_SUBMIT, "Decline request", [
        kit.section(f"{mentee} will be told kindly and shown other mentors who match."),
        kit.input_block(ids.PROPOSAL_NOTE, f"A note to {proposal.mentee.name} (optional)", {
            "type": "plain_text_input", "multiline": True, "max_length": MAX_NOTE},
            optional=True, hint="For example, why the timing isn't right or who might help."),
    ], submit="Decline", close="Cancel", private_metadata=metadata(ProposalRef(proposal.id)))


def _status_line(payload: dict[str, Any]) -> str:
    mentee = kit.escape(payload["mentee"]["name"])
    contact = kit.escape(payload["mentee"].get("email") or "")
    note = f"\n{kit.quote(payload['note'])}" if payload.get("note") else ""
    return {
        ProposalStatus.ACCEPTED: f":white_check_mark: You accepted. Contact {mentee} at {contact}.",
        ProposalStatus.DECLINED: f"You declined this request.{note}",
        ProposalStatus.WITHDRAWN: f"{mentee} withdrew this request.{note}",
        ProposalStatus.EXPIRED: "This request expired without an answer.",
    }.get(payload["status"], "")


def proposal_card_blocks(text: str, payload: dict[str, Any]) -> list[Block]:
    """The mentor's DM about a request: who, why, and Accept / Decline / Message."""
    mentee = payload["mentee"]
    who = ", ".join(kit.escape(p) for p in (mentee.get("title"), mentee.get("organisation")) if p)
    needs = ", ".join(kit.escape(n) for n in payload.get("needs", []) if n != payload["area"])
    blocks: list[Block] = [
        kit.section(text, kit.photo(mentee.get("image_url"), mentee["name"])),
        kit.section(f"*{kit.escape(mentee['name'])}*" + (f" · {who}" if who else "")
                    + f"\n*Area:* {kit.escape(payload['area'])}\n" + _why(payload)),
    ]
    if needs:
        blocks.append(kit.context(f"Also looking for support with: {needs}"))
    if payload["status"] == ProposalStatus.PENDING:
        expires = datetime.fromisoformat(payload["expires_at"])
        blocks.append(kit.context(f"Please answer by {kit.slack_date(expires)}; the request closes "
                                  "then."))
        blocks.append(answer_buttons(payload["proposal_id"], mentee["member_id"]))
    else:
        blocks.append(kit.section(_status_line(payload)))
    if mentee.get("member_id") and not payload.get("suggested"):  # not the programme's
        blocks.append(kit.actions(report_button(mentee["member_id"])))
    return blocks


SUGGESTED = "Suggested by the programme"


def _why(payload: dict[str, Any]) -> str:
    """The mentee's own words, or, for a programme suggestion, that the programme chose."""
    if payload.get("suggested"):
        about = payload["statement"]
        return f"*{SUGGESTED}*" + (f"\nFrom their profile:\n{kit.quote(about)}" if about else "")
    return "*Why they'd like to be mentored:*\n" + kit.quote(payload["statement"])


def answer_buttons(proposal_id: int, mentee_member_id: int) -> Block:
    """Accept / Decline / Message for a waiting request."""
    ref = value(ProposalRef(proposal_id))
    return kit.actions(kit.button("Accept", ids.PROPOSAL_ACCEPT, ref, style="primary"),
                       kit.button("Decline", ids.PROPOSAL_DECLINE, ref),
                       kit.button("Message", ids.PROPOSAL_MESSAGE,
                                  value(MemberRef(mentee_member_id))),
                       block_id=ids.proposal_answer_block(proposal_id))


def reminder_blocks(text: str, payload: dict[str, Any]) -> list[Block]:
    """The mentor's reminder of a waiting request: the answers, plus Decline and pause."""
    answers = answer_buttons(payload["proposal_id"], payload["mentee"]["member_id"])
    pause = kit.confirmed(
        kit.button("Decline and pause my requests", ids.PROPOSAL_DECLINE_AND_PAUSE,
                   value(ProposalRef(payload["proposal_id"]))),
        "Decline and pause?",
        f"{payload['mentee']['name']} will be told kindly and shown other mentors. Nobody new "
        "can ask you until you open your requests again, and any other request waiting for "
        "you closes kindly too.", "Decline and pause")
    return [kit.section(text), {**answers, "elements": [*answers["elements"], pause]}]


def paused_confirmation(done: DeclinedAndPaused) -> tuple[str, list[Block]]:
    """What the reminder becomes once the mentor declined and paused: done, and how to undo."""
    others = {0: "", 1: " The other request waiting for you was closed kindly too."}.get(
        done.others_closed,
        f" The {done.others_closed} other requests waiting for you were closed kindly too.")
    name = kit.escape(done.mentee_name)
    text = (f":double_vertical_bar: Done: you declined {name}'s request and paused new "
            f"requests. {name} has been told kindly and shown other mentors.{others}\n"
            "When you're ready for mentees again, choose *Edit profile* (here or on your Home) "
            "and tick *Open to new mentee requests now*.")
    return text, [kit.section(text),
                  kit.actions(kit.button("Edit profile", ids.NOTIFICATION_OPEN_PROFILE))]


def sent_row(proposal: Proposal, me: Member, now: datetime) -> list[Block]:
    """A request the member sent, on their Home tab, with what they can do with it."""
    mentor, ref = kit.escape(proposal.mentor.name), value(ProposalRef(proposal.id))
    if proposal.status == ProposalStatus.PENDING:
        suggested = f"{SUGGESTED} · " if proposal.suggested_by_programme else ""
        line = (f"*{mentor}* · {kit.escape(shown_label(proposal.area))}\n{suggested}"
                "Waiting for an answer · closes "
                f"{kit.slack_date(proposal.expires_at, '{date_short_pretty}')}")
        buttons = [kit.button("Edit", ids.PROPOSAL_EDIT, ref),
                   kit.button("Withdraw", ids.PROPOSAL_WITHDRAW, ref)]
    else:
        line = f"*{mentor}* · {kit.escape(shown_label(proposal.area))}\nWithdrawn"
        buttons = [kit.button("Reinstate", ids.PROPOSAL_REINSTATE, ref)] \
            if may.may_reinstate_proposal(proposal, me, now) else []
    return [kit.section(line, kit.photo(proposal.mentor.image_url, proposal.mentor.name)),
            *([kit.actions(*buttons, block_id=ids.proposal_sent_block(proposal.id))]
              if buttons else [])]


def received_row(proposal: Proposal) -> list[Block]:
    """A request waiting on the member, on their Home tab."""
    mentee = proposal.mentee
    who = ", ".join(kit.escape(p) for p in (mentee.job_title, mentee.organisation) if p)
    return [kit.section(f"*{kit.escape(mentee.name)}*" + (f" · {who}" if who else "")
                        + f"\n{kit.escape(shown_label(proposal.area))}\n"
                        + (f"_{SUGGESTED}_" if proposal.suggested_by_programme
                           else kit.quote(proposal.statement[:280])),
                        kit.photo(mentee.image_url, mentee.name)),
            answer_buttons(proposal.id, mentee.id)]
