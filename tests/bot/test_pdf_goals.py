"""Goal PDFs: printable, Unicode-safe, with every milestone, read back with pypdf."""

from __future__ import annotations

import io
from typing import Any

from fontTools.ttLib import TTFont
from pypdf import PdfReader

from bot.pdf_fonts import MISSING, new_document, safe_text
from bot.pdf_goals import goals_pdf, pdf_filename
from domain.model import GoalStatus, MilestoneKind

NAMES = "Zoë Ngô — Ωμέγα, Дмитрий"


def goal(**changes: Any) -> dict[str, Any]:
    return {"label": f"Lead {NAMES}", "owner": "Zoë Ngô", "partner": "Дмитрий Ωμέγα",
            "details": "Ship the depot plan 東京 ✓ 🚚 by spring.", "status": GoalStatus.COMPLETED,
            "outcome_note": "Done — Việt Nam office too.", "due_on": "2026-12-01",
            "created_on": "2026-11-01", "completed_on": "2026-11-20",
            "milestones": [
                {"kind": MilestoneKind.MILESTONE, "text": "Draft written by Ωμέγα",
                 "happened_on": "2026-11-05"},
                {"kind": MilestoneKind.REVIEW, "text": "Reviewed with Дмитрий",
                 "happened_on": "2026-11-10"},
                {"kind": MilestoneKind.OUTCOME, "text": "Adopted 🚚 東京",
                 "happened_on": "2026-11-19"}],
            **changes}


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_a_goal_pdf_holds_names_in_every_script_and_each_milestone() -> None:
    pdf = goals_pdf("Goal: Lead", [goal()])
    assert pdf.startswith(b"%PDF")
    text = text_of(pdf)
    for expected in ("Zoë Ngô", "Ωμέγα", "Дмитрий", "Việt Nam", "Draft written by Ωμέγα",
                     "Reviewed with Дмитрий", "Adopted", "Milestone", "Review", "Outcome",
                     "01 December 2026", "Completed", "Ship the depot plan"):
        assert expected in text, expected
    assert "by spring." in text  # the rest of the line survives characters no font has


def test_all_goals_of_a_relationship_each_get_a_page() -> None:
    pdf = goals_pdf("Goals: Zoë and Дмитрий", [goal(), goal(label="Second", milestones=[],
                                                            due_on=None, status=GoalStatus.OPEN)])
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 2
    assert "No completion date" in text_of(pdf) and "None recorded." in text_of(pdf)
    assert reader.pages[0].mediabox.width == 595.28 or round(reader.pages[0].mediabox.width) == 595


def test_characters_no_font_has_are_replaced_visibly_not_fatal() -> None:
    pdf = new_document("t")
    cleaned = safe_text(pdf, "a \U000E0001\U0010FFFD b")
    assert cleaned.startswith("a ") and cleaned.endswith(" b")
    assert cleaned.count(MISSING) + cleaned.count("?") == 2
    assert safe_text(pdf, NAMES) == NAMES


def test_file_names_are_plain() -> None:
    assert pdf_filename("Goal: Lead Zoë's team!") == "goal-lead-zo-s-team.pdf"
    assert pdf_filename("東京") == "goals.pdf"


# One phrase per script a name, goal, worksheet or diary entry may be written in (issue 8).
SCRIPTS = {
    "Latin": "Attend CILT(UK) event — 東京 Zoë",
    "Greek": "Ελληνική ομάδα",
    "Russian": "Русская команда",
    "Vietnamese": "Tiếng Việt có dấu",
    "Chinese": "东京和北京的会议",
    "Arabic": "مرحبا بالعالم",
    "Hebrew": "שלום עולם",
    "Devanagari": "नमस्ते दुनिया",
    "Thai": "สวัสดีชาวโลก",
}
REPLACEMENTS = (MISSING, "\ufffd", "?")


def test_a_goal_in_every_script_reads_back_in_logical_order_without_replacements() -> None:
    # Each phrase on a line of its own: pypdf puts right-to-left runs in logical order when a
    # line is one run (see bot/pdf_fonts.py), which is what this test can prove.
    lines = "\n".join(SCRIPTS.values())
    pdf = goals_pdf("Goal", [goal(label=SCRIPTS["Latin"], details=lines, outcome_note="",
                                  milestones=[{"kind": "review", "text": SCRIPTS["Arabic"],
                                               "happened_on": "2026-11-10"}])])
    text = text_of(pdf)
    for script, phrase in SCRIPTS.items():
        assert phrase in text.split("\n"), (script, text)
    assert not any(mark in text for mark in REPLACEMENTS), text
    assert "Meet أحمد at 3pm" in text_of(goals_pdf("Goal", [goal(details="Meet أحمد at 3pm")]))
    assert len(pdf) < 300_000, len(pdf)  # fonts are embedded as subsets


def embedded_glyph_names(pdf: bytes, family: str) -> set[str]:
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    for ref in page["/Resources"]["/Font"].values():
        font = ref.get_object()
        if family in font["/BaseFont"]:
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            data = descriptor["/FontFile2"].get_object().get_data()
            return set(TTFont(io.BytesIO(data)).getGlyphOrder())
    raise AssertionError(f"no {family} font embedded")


def test_arabic_is_joined_and_laid_out_right_to_left() -> None:
    pdf = goals_pdf("Goal", [goal(details=SCRIPTS["Arabic"], milestones=[])])
    glyphs = embedded_glyph_names(pdf, "NotoSansArabic")
    # Joined: the meem that starts مرحبا is drawn with its initial form (U+FEE3), not the
    # isolated letter (U+0645) an unshaped PDF would hold.
    assert "uniFEE3" in glyphs and "uni0645" not in glyphs, glyphs
    # Right to left: pypdf reverses right-to-left runs, taking the page's order as visual, so a
    # run drawn left to right in logical order would read back reversed.
    assert SCRIPTS["Arabic"] in text_of(pdf).split("\n")
