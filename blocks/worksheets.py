"""SWOT and G-STAR worksheets: guidance, one's own editable sheet, the partner's to read."""

from __future__ import annotations

from typing import Any

from blocks import ids, kit
from blocks.forms import text_value
from blocks.kit import Block
from blocks.payloads import Worksheet, metadata, value, view_payload
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
    blocks: list[Block] = [kit.section(GUIDANCE[kind]),
                           kit.context(f"{kit.escape(partner)} can read your {TITLES[kind]} "
                                       "but not change it."),
                           kit.header(f"Your {TITLES[kind]}")]
    for name, label in SECTIONS[kind]:
        element: dict[str, Any] = {"type": "plain_text_input", "multiline": True,
                                   "max_length": MAX_SECTION}
        if sheets.mine.get(name):
            element["initial_value"] = sheets.mine[name]
        blocks.append(kit.input_block(block_id_of(name), label, element, optional=True,
                                      hint=HINTS[name]))
    target = Worksheet(kind, sheets.pairing.relationship.id)
    if any(sheets.mine.values()):
        blocks.append(kit.actions(kit.button(DOWNLOAD, ids.WORKSHEET_DOWNLOAD, value(target)),
                                  kit.button(f"Delete my {TITLES[kind]}", ids.WORKSHEET_DELETE,
                                             value(target), style="danger")))
    blocks += [kit.divider(), kit.header(kit.cut(f"{partner}'s {TITLES[kind]}", 150))]
    if not sheets.theirs or not any(sheets.theirs.values()):
        blocks.append(kit.context(f"{kit.escape(partner)} hasn't written one yet."))
    else:
        blocks += [kit.section(f"*{label}*\n"
                               f"{kit.escape(kit.cut(sheets.theirs.get(name) or '—', 2800))}")
                   for name, label in SECTIONS[kind]]
        theirs = Worksheet(kind, sheets.pairing.relationship.id, sheets.pairing.partner.id)
        blocks.append(kit.actions(kit.button(DOWNLOAD, ids.WORKSHEET_DOWNLOAD, value(theirs))))
    return kit.modal(ids.WORKSHEET_SUBMIT, TITLES[kind], blocks, submit="Save", close="Close",
                  private_metadata=metadata(target))


def delete_worksheet_form(target: Worksheet) -> Block:
    """Confirm deleting one's own worksheet."""
    title = TITLES.get(target.kind, "worksheet")
    return kit.modal(ids.WORKSHEET_DELETE_SUBMIT, "Delete worksheet", [kit.section(
        f"Delete your {title}? What you wrote is removed for good; your partner's is kept.")],
        submit="Delete", close="Keep it", private_metadata=metadata(target))


def read_worksheet(view: dict[str, Any]) -> tuple[str, int, dict[str, str]]:
    """(kind, relationship id, sections) of a submitted worksheet."""
    sheet = view_payload(view, Worksheet)
    answers = {name: text_value(view, block_id_of(name))
               for name, _ in SECTIONS.get(sheet.kind, ())}
    return sheet.kind, sheet.relationship, answers
