"""Shared PDF setup: an A4 document whose text is shaped and drawn in every script we expect.

Roboto (`font-roboto`) draws Latin, Greek, Cyrillic and Vietnamese. Arabic, Hebrew, Devanagari,
Thai and CJK come from packaged fallback fonts (see pyproject.toml); fonts found on the system
are used after those, for symbols. Text shaping (uharfbuzz) joins Arabic, orders Indic clusters
and lays right-to-left runs out right to left. Characters no loaded font can draw are replaced
by a visible mark, so an export never fails.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import tempfile
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

from fontTools.ttLib import TTFont
from fpdf import FPDF

from bot.pdf_cjk import cjk_subset

FAMILY = "Roboto"
MISSING = "□"
MISSING_ASCII = "?"
# (package, file) of each packaged fallback, tried in this order for a glyph Roboto lacks.
PACKAGED_FALLBACKS = (
    ("fontpkg_noto_sans_arabic", "files/NotoSansArabic[wdth,wght].ttf"),
    ("fontpkg_heebo", "files/Heebo[wght].ttf"),
    ("fontpkg_noto_sans_devanagari", "files/NotoSansDevanagari[wdth,wght].ttf"),
    ("fontpkg_noto_sans_thai", "files/NotoSansThai[wdth,wght].ttf"),
)
CJK_FONT = ("noto_cjk_sans_jp_regular", "NotoSansCJKjp-Regular.otf")
# Searched in order for further fallbacks; the first existing file of each name is used.
SYSTEM_FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts")
SYSTEM_FALLBACKS = ("DejaVuSans.ttf", "NotoSansSymbols2-Regular.ttf")


def _packaged(package: str, name: str) -> Path:
    """Path of a font file shipped inside an installed Python package."""
    return Path(str(importlib.resources.files(package) / name))


def _roboto(style: str) -> Path:
    """Path of one Roboto face shipped inside the font-roboto package."""
    return _packaged("font_roboto", f"files/Roboto-{style}.ttf")


@cache
def _system_fallbacks() -> tuple[Path, ...]:
    """Optional fallback fonts found on this machine, in preference order."""
    found: list[Path] = []
    for name in SYSTEM_FALLBACKS:
        for root in SYSTEM_FONT_DIRS:
            hits = sorted(Path(root).rglob(name)) if Path(root).is_dir() else []
            if hits:
                found.append(hits[0])
                break
    return tuple(found)


def _fallback_files() -> tuple[Path, ...]:
    """Every whole fallback font file, packaged ones first."""
    return tuple(_packaged(*item) for item in PACKAGED_FALLBACKS) + _system_fallbacks()


@cache
def _codepoints(path: Path) -> frozenset[int]:
    """The code points one font file can draw."""
    with TTFont(str(path), lazy=True) as font:
        return frozenset(font.getBestCmap() or {})


@cache
def _all_codepoints() -> frozenset[int]:
    """Union of every font's coverage, CJK included."""
    points = set(_codepoints(_roboto("Regular"))) | _codepoints(_packaged(*CJK_FONT))
    for path in _fallback_files():
        points |= _codepoints(path)
    return frozenset(points)


@cache
def _font_cache() -> Path:
    """A private folder for this process's CJK subsets."""
    return Path(tempfile.mkdtemp(prefix="mentorbot-fonts-"))


def _cjk_file(texts: Iterable[str]) -> Path | None:
    """A small TrueType file with the CJK glyphs these texts need; None when they need none."""
    roman = _codepoints(_roboto("Regular"))
    wanted = {ord(c) for text in texts for c in text} & _codepoints(_packaged(*CJK_FONT))
    wanted -= roman
    if not wanted:
        return None
    key = hashlib.sha256(repr(sorted(wanted)).encode()).hexdigest()[:24]
    path = _font_cache() / f"cjk-{key}.ttf"
    if not path.exists():
        partial = path.with_suffix(".part")
        partial.write_bytes(cjk_subset(_packaged(*CJK_FONT), wanted))
        partial.replace(path)
    return path


def new_document(title: str, texts: Iterable[str] = ()) -> FPDF:
    """An A4 portrait document with margins, page numbers, shaping and fallback fonts;
    `texts` is everything it will print, so that only the CJK glyphs it needs are loaded."""
    pdf = _NumberedPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_title(title)
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(auto=True, margin=20)
    for style, face in (("", "Regular"), ("B", "Bold"), ("I", "Italic")):
        pdf.add_font(FAMILY, style, str(_roboto(face)))
    cjk = _cjk_file([title, *texts])
    files = (*_fallback_files(), *((cjk,) if cjk else ()))
    fallbacks = []
    for number, path in enumerate(files):
        pdf.add_font(f"Fallback{number}", "", str(path))
        fallbacks.append(f"Fallback{number}")
    pdf.set_fallback_fonts(fallbacks, exact_match=False)
    pdf.set_text_shaping(True)
    pdf.set_font(FAMILY, size=11)
    pdf.add_page()
    return pdf


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


class _NoText(int):
    """A ToUnicode target that prints as nothing (see _NumberedPDF.output)."""

    def __format__(self, spec: str) -> str:
        return ""


class _NumberedPDF(FPDF):
    """FPDF with a 'Page n of N' footer, text that reads back in logical order, and font
    files closed once output."""

    def _parse_chars(self, text: str, markdown: bool, **kwargs: Any) -> Iterator[Any]:
        """fpdf2's fragments, with a space between two runs of one fallback font kept in that
        font: a font change splits a right-to-left run, and readers then put its words in
        visual order."""
        merged: list[Any] = []
        pending: list[Any] = []
        for fragment in super()._parse_chars(text, markdown, **kwargs):
            if merged and not "".join(fragment.characters).strip() and not pending:
                pending.append(fragment)
                continue
            if pending and fragment.font is merged[-1].font and all(
                    ord(c) in fragment.font.cmap for c in pending[0].characters):
                merged[-1].characters.extend(pending[0].characters + fragment.characters)
            else:
                merged.extend([*pending, fragment])
            pending = []
        return iter(merged + pending)

    def output(self, *args: Any, **kwargs: Any) -> Any:
        """The document, as FPDF gives it; the font files fpdf keeps open are closed after."""
        self._silence_cluster_tails()
        try:
            return super().output(*args, **kwargs)
        finally:
            self.close_fonts()

    def _silence_cluster_tails(self) -> None:
        """Give glyphs that carry no text of their own (the second glyph of a shaped cluster,
        such as an Arabic dot or a reordered Devanagari vowel sign) an empty ToUnicode entry;
        without one, text extraction shows their raw code as a stray character."""
        for font in getattr(self, "fonts", {}).values():
            subset = getattr(font, "subset", None)
            for glyph, _ in subset.items() if subset is not None else ():
                if glyph is not None and glyph.unicode == ():
                    glyph.unicode = (_NoText(0),)

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
