"""A small TrueType font with just the CJK glyphs one document needs.

Noto Sans CJK ships as a CID-keyed CFF OpenType font. fpdf2 embeds such a font with a custom
encoding CMap, which text extractors such as pypdf do not decode (they read every byte as a
character); TrueType outlines are embedded with the standard Identity-H encoding, which they
do. So the characters a document needs are cut out of the 16 MB font (a fraction of a second)
and their outlines converted from cubic to quadratic curves.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

# Largest distance (in font units, 1000 a em) a converted curve may stray from the original.
MAX_ERROR = 1.0
UNUSED_MAXP = ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
               "maxStackElements", "maxSizeOfInstructions", "maxComponentElements")


def _cut(path: Path, codepoints: Iterable[int]) -> TTFont:
    """The font reduced to the given characters, with the layout rules shaping needs."""
    font = TTFont(str(path), lazy=True)
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    cutter = subset.Subsetter(options)
    cutter.populate(unicodes=list(codepoints))
    cutter.subset(font)
    return font


def _to_truetype(font: TTFont) -> None:
    """Replace the font's CFF outlines by TrueType ones, in place."""
    glyphs, order = font.getGlyphSet(), font.getGlyphOrder()
    glyf = newTable("glyf")
    glyf.glyphOrder, glyf.glyphs = order, {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, MAX_ERROR, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["glyf"], font["loca"] = glyf, newTable("loca")
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    maxp = font["maxp"]
    maxp.tableVersion, maxp.maxZones = 0x00010000, 1
    for name in UNUSED_MAXP:
        setattr(maxp, name, 0)
    font["head"].glyphDataFormat = 0
    post = font["post"]
    post.formatType, post.extraNames, post.mapping = 2.0, [], {}
    font.sfntVersion = "\x00\x01\x00\x00"


def cjk_subset(path: Path, codepoints: Iterable[int]) -> bytes:
    """TrueType font bytes holding only these characters of the CFF font at `path`."""
    font = _cut(path, codepoints)
    try:
        _to_truetype(font)
        out = io.BytesIO()
        font.save(out)
        return out.getvalue()
    finally:
        font.close()
