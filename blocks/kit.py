"""Small Block Kit constructors that keep every string inside Slack's limits."""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, datetime
from typing import Any

Block = dict[str, Any]

MAX_SECTION_TEXT = 3000
MAX_PLAIN_TEXT = 150  # button labels, headers, option texts are shorter; callers pass their own
MAX_OPTION_TEXT = 75
MAX_TITLE = 24
MAX_MODAL_BLOCKS = 100
MAX_MESSAGE_BLOCKS = 50


def escape(text: str | None) -> str:
    """User text made safe for mrkdwn: no mentions, broadcasts or forged links."""
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def cut(text: str | None, limit: int) -> str:
    """The text shortened to `limit` characters, with an ellipsis when cut."""
    text = text or ""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def plain(text: str, limit: int = MAX_PLAIN_TEXT) -> dict[str, Any]:
    """A plain_text object, emoji shown as emoji."""
    return {"type": "plain_text", "text": cut(text, limit) or " ", "emoji": True}


def mrkdwn(text: str) -> dict[str, Any]:
    """A mrkdwn text object cut to a section's limit; callers escape user text first."""
    return {"type": "mrkdwn", "text": cut(text, MAX_SECTION_TEXT) or " "}


def section(text: str, accessory: Block | None = None, block_id: str | None = None) -> Block:
    """A section of mrkdwn text with an optional accessory."""
    block: Block = {"type": "section", "text": mrkdwn(text)}
    if accessory:
        block["accessory"] = accessory
    if block_id:
        block["block_id"] = block_id
    return block


def header(text: str) -> Block:
    """A header line."""
    return {"type": "header", "text": plain(text, 150)}


def context(*texts: str) -> Block:
    """Small grey mrkdwn lines."""
    return {"type": "context", "elements": [mrkdwn(t) for t in texts[:10]]}


def divider() -> Block:
    """A horizontal rule."""
    return {"type": "divider"}


def button(
    text: str, action_id: str, value: str | None = None, style: str | None = None
) -> Block:
    """A button; `style` is 'primary' or 'danger'."""
    element: Block = {"type": "button", "text": plain(text, 75), "action_id": action_id}
    if value is not None:
        element["value"] = value[:2000]
    if style:
        element["style"] = style
    return element


def link_button(text: str, action_id: str, url: str) -> Block:
    """A button that opens `url` in the browser (Slack still sends the click, to be acked)."""
    return {"type": "button", "text": plain(text, 75), "action_id": action_id, "url": url[:3000]}


def confirmed(element: Block, title: str, text: str, yes: str, no: str = "Cancel") -> Block:
    """The element, asking Slack to confirm before the click reaches the app."""
    return {**element, "confirm": {"title": plain(title, 100), "text": plain(text, 300),
                                   "confirm": plain(yes, 30), "deny": plain(no, 30),
                                   "style": "danger"}}


def actions(*elements: Block, block_id: str | None = None) -> Block:
    """A row of buttons and menus (Slack shows at most 25)."""
    block: Block = {"type": "actions", "elements": list(elements)[:25]}
    if block_id:
        block["block_id"] = block_id
    return block


def option(text: str, value: str) -> Block:
    """One choice of a select, checkbox group or radio group."""
    return {"text": plain(text, MAX_OPTION_TEXT), "value": value}


def checkboxes(options: list[Block], ticked: Collection[str] = ()) -> Block:
    """Checkboxes, those whose values are in `ticked` shown ticked (Slack refuses an empty
    `initial_options`, so it is left out when none is)."""
    element: Block = {"type": "checkboxes", "options": options}
    chosen = [o for o in options if o["value"] in ticked]
    if chosen:
        element["initial_options"] = chosen
    return element


def menu(action_id: str, label: str, options: list[Block]) -> Block:
    """A labelled drop-down ("Goals ▾") for a row of buttons, where an unlabelled overflow
    beside another would leave people guessing which is which."""
    return {"type": "static_select", "action_id": action_id, "placeholder": plain(label, 150),
            "options": options[:100]}


def input_block(
    block_id: str, label: str, element: Block, *, optional: bool = False, hint: str | None = None,
    dispatch: bool = False,
) -> Block:
    """A labelled form field; the element's action_id is the block id, so state reads simply."""
    element = {**element, "action_id": block_id}
    block: Block = {
        "type": "input", "block_id": block_id, "label": plain(label, 2000), "element": element,
        "optional": optional,
    }
    if hint:
        block["hint"] = plain(hint, 2000)
    if dispatch:
        block["dispatch_action"] = True
    return block


def modal(
    callback_id: str, title: str, blocks: list[Block], *, submit: str | None = None,
    close: str = "Close", private_metadata: str = "",
) -> Block:
    """A modal view within Slack's title and block limits."""
    view: Block = {
        "type": "modal",
        "callback_id": callback_id,
        "title": plain(title, MAX_TITLE),
        "close": plain(close, MAX_TITLE),
        "blocks": blocks[:MAX_MODAL_BLOCKS],
        "private_metadata": private_metadata[:3000],
    }
    if submit:
        view["submit"] = plain(submit, MAX_TITLE)
    return view


def slack_date(moment: datetime, token: str = "{date_long_pretty}") -> str:
    """A date Slack shows in each reader's own time zone, with a UTC fallback."""
    fallback = moment.astimezone(UTC).strftime("%d %b %Y %H:%M UTC")
    return f"<!date^{int(moment.timestamp())}^{token}|{fallback}>"


def photo(url: str | None, name: str) -> Block | None:
    """A person's photo as a section accessory, when Slack gave us one."""
    return {"type": "image", "image_url": url, "alt_text": cut(name, 100) or "photo"} if url \
        else None


def quote(text: str) -> str:
    """User text as an escaped mrkdwn block quote."""
    return "\n".join("> " + line for line in escape(text).splitlines() or [""])
