"""Layout shared by every PDF: paragraphs, labelled fields and the texts a document prints."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from fpdf import FPDF

from bot.pdf_fonts import FAMILY, safe_text


def day(iso: str | None, missing: str = "No completion date") -> str:
    """'01 December 2026' for an ISO date, or `missing`."""
    return date.fromisoformat(iso).strftime("%d %B %Y") if iso else missing


def write(pdf: FPDF, text: str, *, size: float = 11, style: str = "",
          height: float = 6) -> None:
    """A paragraph, each line in its own cell with the font selected afresh: after a line
    that ends in a fallback-font glyph, fpdf2 would otherwise draw the next in that font."""
    for line in text.split("\n"):
        pdf.set_font("helvetica", "", size)
        pdf.set_font(FAMILY, style, size)
        pdf.multi_cell(0, height, safe_text(pdf, line) or " ", new_x="LMARGIN", new_y="NEXT")


def field(pdf: FPDF, label: str, value: str) -> None:
    """A small bold label and its value below it."""
    write(pdf, label, size=9, style="B", height=5)
    write(pdf, value or "—")
    pdf.ln(2)


def texts_in(data: Any) -> Iterator[str]:
    """Every string in nested export data, so the document loads the glyphs they need."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from texts_in(value)
    elif isinstance(data, list | tuple):
        for value in data:
            yield from texts_in(value)
