"""Shared PDF setup: an A4 document with a Unicode TTF font and safe text for any input.

Roboto (the `font-roboto` package) covers Latin, Greek, Cyrillic and Vietnamese. Scripts it
lacks (CJK, emoji, symbols) fall back to fonts installed on the system when there are any;
characters no loaded font can draw are replaced by a visible mark, so an export never fails.
"""

from __future__ import annotations

import importlib.resources
from functools import cache
from pathlib import Path
from typing import Any

from fontTools.ttLib import TTFont
from fpdf import FPDF

FAMILY = "Roboto"
MISSING = "□"
MISSING_ASCII = "?"
# Searched in order for fallbacks; the first existing file of each name is used.
SYSTEM_FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts")
SYSTEM_FALLBACKS = (
    "NotoSansCJK-Regular.ttc", "NotoSansCJKjp-Regular.otf", "NotoSansCJK-Regular.otf",
    "NotoSansJP-Regular.ttf", "NotoSansSC-Regular.ttf", "DroidSansFallbackFull.ttf",
    "wqy-microhei.ttc", "DejaVuSans.ttf", "NotoSansSymbols2-Regular.ttf",
)


def _roboto(style: str) -> Path:
    """Path of one Roboto face shipped inside the font-roboto package."""
    return Path(str(importlib.resources.files("font_roboto") / "files" / f"Roboto-{style}.ttf"))


@cache
def _system_fallbacks() -> tuple[Path, ...]:
    """Fallback fonts found on this machine, in preference order (TrueType/OpenType only)."""
    found: list[Path] = []
    for name in SYSTEM_FALLBACKS:
        for root in SYSTEM_FONT_DIRS:
            hits = sorted(Path(root).rglob(name)) if Path(root).is_dir() else []
            if hits and not name.endswith(".ttc"):
                found.append(hits[0])
                break
    return tuple(found)


@cache
def _codepoints(path: Path) -> frozenset[int]:
    """The code points one font file can draw."""
    with TTFont(str(path), lazy=True) as font:
        return frozenset(font.getBestCmap() or {})


def new_document(title: str) -> FPDF:
    """An A4 portrait document with margins, page numbers, Roboto and system fallbacks."""
    pdf = _NumberedPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_title(title)
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_font(FAMILY, "", str(_roboto("Regular")))
    pdf.add_font(FAMILY, "B", str(_roboto("Bold")))
    pdf.add_font(FAMILY, "I", str(_roboto("Italic")))
    fallbacks = []
    for number, path in enumerate(_system_fallbacks()):
        name = f"Fallback{number}"
        pdf.add_font(name, "", str(path))
        fallbacks.append(name)
    if fallbacks:
        pdf.set_fallback_fonts(fallbacks, exact_match=False)
    pdf.set_font(FAMILY, size=11)
    pdf.add_page()
    return pdf


@cache
def _all_codepoints() -> frozenset[int]:
    """Union of every loaded font's coverage."""
    points = set(_codepoints(_roboto("Regular")))
    for path in _system_fallbacks():
        points |= _codepoints(path)
    return frozenset(points)


def safe_text(pdf: FPDF, text: str) -> str:
    """The text with characters no loaded font can draw replaced by a visible mark."""
    del pdf
    points = _all_codepoints()
    mark = MISSING if ord(MISSING) in points else MISSING_ASCII
    kept = []
    for char in text:
        if char in "\n\t" or ord(char) in points:
            kept.append(char)
        elif char in "\ufe0f\u200d":
            continue  # emoji variation selectors and joiners: drop silently
        else:
            kept.append(mark)
    return "".join(kept)


class _NumberedPDF(FPDF):
    """FPDF with a centred 'Page n of N' footer that closes its font files once output."""

    def output(self, *args: Any, **kwargs: Any) -> Any:
        """The document, as FPDF gives it; the font files fpdf keeps open are closed after."""
        try:
            return super().output(*args, **kwargs)
        finally:
            self.close_fonts()

    def close_fonts(self) -> None:
        """Close the font files fpdf reads lazily (safe to call more than once)."""
        for font in getattr(self, "fonts", {}).values():
            ttfont = getattr(font, "ttfont", None)
            if ttfont is not None:
                ttfont.close()

    def __del__(self) -> None:
        self.close_fonts()

    def footer(self) -> None:
        """Draw the page number at the bottom of each page."""
        self.set_y(-15)
        self.set_font(FAMILY, "I", 8)
        self.cell(0, 10, f"Page {self.page_no()} of {{nb}}", align="C")
