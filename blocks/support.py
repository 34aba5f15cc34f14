"""Contact support: the form, the admins' card with Reply and Mark answered, the Reply form,
and the person's DMs (the confirmation, and the answer threaded under it)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from blocks import ids
from blocks.kit import (
    Block,
    actions,
    button,
    context,
    cut,
    escape,
    input_block,
    modal,
    quote,
    section,
    slack_date,
)
from blocks.payloads import SupportRef, metadata, value
from domain.model import SupportKind
from domain.support import MAX_EMAIL, MAX_MESSAGE, MAX_NAME, MAX_SUBJECT, SupportDraft
from domain.support.answering import MAX_ANSWER


def _text(block_id: str, label: str, shown: str, most: int, *, multiline: bool = False,
          hint: str | None = None) -> Block:
    element: Block = {"type": "plain_text_input", "max_length": most, "multiline": multiline}
    if shown:
        element["initial_value"] = shown[:most]
    return input_block(block_id, label, element, hint=hint)


def support_form(draft: SupportDraft) -> Block:
    """Contact support: name and e-mail filled in, then a subject and the message."""
    return modal(ids.SUPPORT_SUBMIT, "Contact support", [
        section("Ask the programme team anything. They answer by DM, usually within a "
                "working day."),
        _text(ids.SUPPORT_NAME, "Your name", draft.name, MAX_NAME),
        _text(ids.SUPPORT_EMAIL, "Your e-mail", draft.email, MAX_EMAIL,
              hint="In case the team needs to reach you outside Slack."),
        _text(ids.SUPPORT_SUBJECT, "Subject", draft.subject, MAX_SUBJECT),
        _text(ids.SUPPORT_MESSAGE, "Message", draft.message, MAX_MESSAGE, multiline=True),
    ], submit="Send", close="Cancel")


def sent_view() -> Block:
    """What replaces the form once the request is on its way."""
    return modal(ids.SUPPORT_SUBMIT, "Contact support", [section(
        ":white_check_mark: Thank you: your request is with the programme team. Their answer "
        "will come to you by DM.")])


def _date(iso: str | None) -> str:
    return slack_date(datetime.fromisoformat(iso), "{date_short_pretty} {time}") if iso else ""


def support_card_blocks(text: str, payload: dict[str, Any]) -> list[Block]:
    """One request's card: who asked what; Reply and Mark answered until an admin answers,
    then who did, and when, in their place."""
    who = f"*{escape(payload['name'])}*" + (f" <@{payload['requester']}>"
                                            if str(payload.get("requester", "")).isalnum()
                                            else "")
    report = payload.get("kind") == SupportKind.REPORT
    title = (f":triangular_flag_on_post: *{escape(cut(payload['subject'], 150))}*" if report
             else f":sos: *New support request: {escape(cut(payload['subject'], 150))}*")
    blocks = [section(f"{title}\n{'Reported by' if report else 'From'} {who} · "
                      f"{escape(payload.get('email') or '')}"),
              section(quote(cut(payload["message"], 2800))),
              context(f"Sent {_date(payload.get('at'))}" + (
                  " · A report: only admins see it, and the person reported has not been told."
                  if report else ""))]
    answered = payload.get("answered")
    if answered:
        done = "replied" if answered.get("replied") else "marked this answered"
        return [*blocks, context(f":white_check_mark: *{escape(answered['by'])}* {done} · "
                                 f"{_date(answered.get('at'))}")]
    ref = value(SupportRef(payload["request_id"]))
    return [*blocks, actions(button("Reply", ids.ADMIN_SUPPORT_REPLY, ref, style="primary"),
                             button("Mark answered", ids.ADMIN_SUPPORT_MARK_ANSWERED, ref))]


def answer_dm_blocks(text: str, payload: dict[str, Any]) -> list[Block]:
    """The admin's answer, as they wrote it."""
    return [section(text), section(quote(cut(payload["answer"], 2800)))]


def reply_form(request_id: int, name: str, subject: str, message: str) -> Block:
    """Reply: the request again, and the answer to send to the person."""
    return modal(ids.ADMIN_SUPPORT_REPLY_SUBMIT, "Reply", [
        section(f"*{escape(cut(subject, 150))}* from *{escape(name)}*\n"
                f"{quote(cut(message, 2800))}"),
        _text(ids.ADMIN_SUPPORT_ANSWER, "Your answer", "", MAX_ANSWER, multiline=True,
              hint="Sent to them by DM, under their request."),
    ], submit="Send answer", close="Cancel", private_metadata=metadata(SupportRef(request_id)))
