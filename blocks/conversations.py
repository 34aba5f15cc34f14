"""A conversation between two members: the history so far and a box for the next message."""

from __future__ import annotations

from typing import Any

from blocks import ids, kit
from blocks.forms import text_value, uploaded_files
from blocks.kit import Block
from blocks.payloads import MemberRef, Page, metadata, value, view_payload
from blocks.reports import report_button
from domain.conversations import MAX_FILES, MAX_MESSAGE, Thread
from domain.model import ConversationMessage

MAX_SHOWN_CHARACTERS = 2900


def _paging(thread: Thread) -> list[Block]:
    """Earlier / Newer buttons, when the history is longer than a page."""
    partner, buttons = thread.partner, []
    if thread.earlier:
        buttons.append(kit.button(f"Earlier messages ({thread.earlier})", ids.CONVERSATION_EARLIER,
                                  value(Page(thread.page + 1, partner.id))))
    if thread.page > 0:
        buttons.append(kit.button("Newer messages", ids.CONVERSATION_EARLIER,
                                  value(Page(thread.page - 1, partner.id))))
    return [kit.actions(*buttons, block_id=ids.CONVERSATION_PAGING)] if buttons else []


def _message_section(thread: Thread, message: ConversationMessage) -> Block:
    """One message: who, when, the text quoted, and the names of its files."""
    author = "You" if message.author_id == thread.me.id else kit.escape(message.author.name)
    attached = "".join(f"\n:paperclip: {kit.escape(f.get('name', 'file'))}"
                       for f in message.files or [])
    return kit.section(kit.cut(f"*{author}* · {kit.slack_date(message.created_at)}\n"
                               + kit.quote(message.body) + attached, MAX_SHOWN_CHARACTERS))


def thread_view(thread: Thread, *, asking: bool = False, draft: str = "") -> Block:
    """Messages with one partner, oldest at the top, newest just above the New Message box
    (which opens holding `draft`, when given)."""
    partner = thread.partner
    intro = (f"Ask *{kit.escape(partner.name)}* anything that helps you decide whether they are "
             "the right mentor for you." if asking and not thread.messages else "")
    heading = f"*Messages with {kit.escape(partner.name)}*" + (f"\n{intro}" if intro else "")
    blocks: list[Block] = [kit.section(heading, kit.photo(partner.image_url, partner.name))]
    if any(message.author_id == partner.id for message in thread.messages):
        blocks.append(kit.actions(report_button(partner.id)))  # they wrote: it may be reported
    blocks += _paging(thread)
    if not thread.messages:
        blocks.append(kit.context("There are no messages yet."))
    blocks += [_message_section(thread, message) for message in thread.messages]
    blocks += [
        kit.divider(),
        kit.input_block(ids.CONVERSATION_MESSAGE, "New message", {
            "type": "plain_text_input", "multiline": True, "max_length": MAX_MESSAGE,
            **({"initial_value": draft[:MAX_MESSAGE]} if draft else {})}),
        kit.input_block(ids.CONVERSATION_FILES, "Add file", {
            "type": "file_input", "max_files": MAX_FILES}, optional=True),
    ]
    return kit.modal(ids.CONVERSATION_SEND, "Messages", blocks, submit="Send message",
                     close="Close", private_metadata=metadata(MemberRef(partner.id)))


def message_dm_blocks(text: str, payload: dict[str, Any]) -> list[Block]:
    """A new message as a DM: who wrote, what they wrote, and Reply."""
    sender = payload["sender"]
    files = payload.get("files") or []
    attached = [kit.context(f":paperclip: {len(files)} file{'s' if len(files) != 1 else ''} "
                            "attached, in the thread below.")] if files else []
    reply = value(MemberRef(sender["member_id"]))
    return [
        kit.section(f"*{kit.escape(sender['name'])}* sent you a message:\n"
                    + kit.quote(payload["body"]),
                    kit.photo(sender.get("image_url"), sender["name"])),
        *attached,
        kit.actions(kit.button("Reply", ids.CONVERSATION_OPEN, reply, style="primary"),
                    report_button(sender["member_id"])),
    ]


def read_message(view: dict[str, Any]) -> tuple[int, str, list[dict[str, str]]]:
    """(partner's member id, message text, attached files) from a submitted conversation."""
    files = [{"id": str(f.get("id", "")), "name": str(f.get("name") or f.get("title") or "file")}
             for f in uploaded_files(view, ids.CONVERSATION_FILES)]
    return (view_payload(view, MemberRef).member,
            text_value(view, ids.CONVERSATION_MESSAGE), files)
