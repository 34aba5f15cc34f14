"""Ask a mentor about this: the message above the search, your mentor first, the draft question."""

from __future__ import annotations

from typing import Any

from blocks import ids, kit
from blocks.kit import Block
from blocks.payloads import MemberRef, SearchState, value, view_payload
from domain.ask_about import MessageAbout
from domain.model import Member


def about_of(view: dict[str, Any]) -> MessageAbout | None:
    """The message a search modal was opened to ask about; None for an ordinary search."""
    kept = view_payload(view, SearchState)
    return MessageAbout(kept.permalink, kept.quote) if kept.permalink else None


def about_blocks(about: MessageAbout) -> list[Block]:
    """What the member is asking about, above the criteria."""
    shown = kit.quote(kit.cut(about.quote, 300)) if about.quote else "> _A message with files._"
    return [kit.section(f"*Ask a mentor about this message*\n{shown}"),
            kit.context("Pick a mentor below and choose *Ask question*: the message and its "
                        "link go into your question, ready for you to add your own words.")]


def your_mentor_blocks(mentors: list[Member]) -> list[Block]:
    """The member's own mentors, offered before the search results."""
    blocks: list[Block] = []
    for mentor in mentors:
        who = ", ".join(kit.escape(p) for p in (mentor.job_title, mentor.organisation) if p)
        blocks += [
            kit.section(f"*{kit.escape(mentor.name)}* · Your mentor" + (f"\n{who}" if who else ""),
                        kit.photo(mentor.image_url, mentor.name)),
            kit.actions(kit.button("Ask question", ids.ASK_ABOUT_QUESTION,
                                   value(MemberRef(mentor.id)), style="primary"),
                        block_id=ids.search_result_block(mentor.id)),
        ]
    return [*blocks, kit.divider()] if blocks else []


def draft_question(about: MessageAbout) -> str:
    """The question as it opens: the message quoted with its link, for the member to finish."""
    quoted = f"“{about.quote}”\n" if about.quote else ""
    return f"About this message: {about.permalink}\n{quoted}\nMy question: "
