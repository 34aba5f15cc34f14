"""SWOT and G-STAR worksheets: guidance, one's own editable sheet, the partner's to read."""

from __future__ import annotations

from typing import Any

from blocks import ids
from blocks.forms import text_value
from blocks.kit import (
    Block,
    actions,
    button,
    context,
    cut,
    divider,
    escape,
    header,
    input_block,
    modal,
    section,
)
from domain.worksheets import MAX_SECTION, SECTIONS, TITLES, WorksheetPair

GUIDANCE = {
    "swot": ("Take stock of where you stand. *Strengths* and *weaknesses* are about you: "
             "what you do well and what holds you back. *Opportunities* and *threats* are "
             "around you: openings you could use and obstacles that could get in the way. "
             "Be honest and specific, then talk it through with your partner and pick one "
             "or two things to act on."),
    "gstar": ("Use G-STAR to tell the story of one piece of work. *Goal*: what you set out to "
              "achieve. *Situation*: the background. *Task*: what fell to you. *Action*: "
              "what you did, step by step. *Result*: what came of it and what you learned. "
              "It helps you prepare for reviews and interviews, and to spot what to repeat."),
}
HINTS = {
    "strengths": "What do you do well? What do others come to you for?",
    "weaknesses": "Where do you struggle or lack experience?",
    "opportunities": "Changes, projects or people you could make use of.",
    "threats": "What could stop you, at work or around it?",
    "goal": "What did you want to achieve?",
    "situation": "Where, when, and what was going on?",
    "task": "What was your part in it?",
    "action": "What did you do?",
    "result": "What happened, and what did you learn?",
}
DOWNLOAD = "Download (PDF)"

BLOCK_IDS = {
    "strengths": ids.WORKSHEET_STRENGTHS, "weaknesses": ids.WORKSHEET_WEAKNESSES,
    "opportunities": ids.WORKSHEET_OPPORTUNITIES, "threats": ids.WORKSHEET_THREATS,
    "goal": ids.WORKSHEET_GOAL, "situation": ids.WORKSHEET_SITUATION,
    "task": ids.WORKSHEET_TASK, "action": ids.WORKSHEET_ACTION, "result": ids.WORKSHEET_RESULT,
}


def block_id_of(name: str) -> str:
    """The input block id of one worksheet section."""
    return BLOCK_IDS[name]


def worksheet_view(sheets: WorksheetPair) -> Block:
    """The author's own worksheet to edit, and below it the partner's, read-only."""
    kind, partner = sheets.kind, sheets.pairing.partner.name
    blocks: list[Block] = [section(GUIDANCE[kind]),
                           context(f"{escape(partner)} can read your {TITLES[kind]} but not "
                                   "change it."),
                           header(f"Your {TITLES[kind]}")]
    for name, label in SECTIONS[kind]:
        element: dict[str, Any] = {"type": "plain_text_input", "multiline": True,
                                   "max_length": MAX_SECTION}
        if sheets.mine.get(name):
            element["initial_value"] = sheets.mine[name]
        blocks.append(input_block(block_id_of(name), label, element, optional=True,
                                  hint=HINTS[name]))
    target = f"{kind}:{sheets.pairing.relationship.id}"
    if any(sheets.mine.values()):
        blocks.append(actions(button(DOWNLOAD, ids.WORKSHEET_DOWNLOAD, target),
                              button(f"Delete my {TITLES[kind]}", ids.WORKSHEET_DELETE, target,
                                     style="danger")))
    blocks += [divider(), header(cut(f"{partner}'s {TITLES[kind]}", 150))]
    if not sheets.theirs or not any(sheets.theirs.values()):
        blocks.append(context(f"{escape(partner)} hasn't written one yet."))
    else:
        blocks += [section(f"*{label}*\n{escape(cut(sheets.theirs.get(name) or '—', 2800))}")
                   for name, label in SECTIONS[kind]]
        blocks.append(actions(button(DOWNLOAD, ids.WORKSHEET_DOWNLOAD,
                                     f"{target}:{sheets.pairing.partner.id}")))
    return modal(ids.WORKSHEET_SUBMIT, TITLES[kind], blocks, submit="Save", close="Close",
                  private_metadata=f"{kind}:{sheets.pairing.relationship.id}")


def delete_worksheet_form(target: str) -> Block:
    """Confirm deleting one's own worksheet (`target` is 'kind:relationship id')."""
    title = TITLES.get(target.partition(":")[0], "worksheet")
    return modal(ids.WORKSHEET_DELETE_SUBMIT, "Delete worksheet", [section(
        f"Delete your {title}? What you wrote is removed for good; your partner's is kept.")],
        submit="Delete", close="Keep it", private_metadata=target[:100])


def read_worksheet(view: dict[str, Any]) -> tuple[str, int, dict[str, str]]:
    """(kind, relationship id, sections) of a submitted worksheet."""
    kind, _, relationship = str(view.get("private_metadata") or "").partition(":")
    answers = {name: text_value(view, block_id_of(name))
               for name, _ in SECTIONS.get(kind, ())}
    return kind, ids.id_in(relationship), answers


def read_download(value: str) -> tuple[str, int, int | None]:
    """(kind, relationship id, author's member id or None for one's own) of Download (PDF)."""
    kind, _, rest = value.partition(":")
    relationship, _, author = rest.partition(":")
    return kind, ids.id_in(relationship), ids.id_in(author) if author else None
