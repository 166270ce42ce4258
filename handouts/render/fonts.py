"""Register the bundled fonts with ReportLab, once per process, and say what they cover.

Why bundled TTFs: ReportLab's standard fonts cover Latin-1 only and are not
embedded, so "Łukasiewicz" or "Сергей" would print as black boxes.  Two fonts
make a fallback chain, chosen per character by ``handouts.render.script``:

* DejaVu Sans (regular, bold, oblique, bold oblique): Latin with diacritics,
  Vietnamese, Greek, Cyrillic, Arabic (with its presentation forms, which the
  reshaper produces) and Hebrew.  Bitstream Vera licence
  (assets/fonts/LICENSE-DejaVu.txt).  Bundled as "Handout Sans": slimmed once
  by tools/slim_fonts.py (no hinting, renamed as the licence asks), which keeps
  every embedded subset small.
* WenQuanYi Micro Hei (one face, used for every style): Chinese, Japanese kana
  and Korean Hangul.  Apache-2.0 or GPL-3+ with the font exception
  (assets/fonts/LICENSE-WenQuanYi.txt).  It is a TrueType collection; ReportLab
  embeds TrueType outlines only (Noto CJK's CFF outlines are refused, and
  ReportLab's built-in CID fonts are never embedded).

ReportLab embeds a subset of each font actually used, so the PDF shows the same
on every machine.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics

from handouts.images.svg_fonts import FAMILY as FAMILY
from handouts.images.svg_fonts import load_font, register_faces

CJK = "HandoutCJK"
_CJK_FILE = "wqy-microhei.ttc"


@cache
def register_fonts() -> str:
    """Register the main family and its fallbacks; return the main family's name.

    The four DejaVu faces are registered by ``handouts.images.svg_fonts``: SVG text
    is measured while an SVG is loaded, in a layer below this one.
    """
    return register_faces()


@cache
def cjk_coverage() -> frozenset[int]:
    """Register the CJK font on first need and return the code points it draws.

    Why lazily: the collection is 5 MB; parsing it cost every process about
    85 ms and tens of MB of memory although most handouts have no CJK text.
    Callers ask only about characters the main family lacks.
    """
    # Face 0 of the collection is the proportional Micro Hei.  It has no bold or
    # italic face, so <b> and <i> around CJK text keep the regular face.
    load_font(CJK, _CJK_FILE, subfontIndex=0)
    for is_bold in (0, 1):
        for is_italic in (0, 1):
            addMapping(CJK, is_bold, is_italic, CJK)
    return _cmap(CJK)


def _cmap(name: str) -> frozenset[int]:
    # Only the Basic Multilingual Plane: ReportLab 5.1 writes a broken ToUnicode
    # entry for characters beyond it (emoji), so their text could not be copied
    # or searched; they take the visible fallback instead.
    return frozenset(p for p in pdfmetrics.getFont(name).face.charToGlyph if p <= 0xFFFF)


@dataclass(frozen=True)
class Coverage:
    """Which code points each font of the chain draws."""

    main: frozenset[int]  # regular and bold DejaVu Sans
    sloped: frozenset[int]  # also in both oblique faces (no Arabic in those)


@cache
def coverage() -> Coverage:
    """What the bundled fonts cover.

    Why regular and bold together: a character missing from the bold face alone
    would print as an empty box in a heading, so the main family only claims
    what both draw.  The oblique faces lack Arabic; ``sloped`` says what they have.
    """
    register_fonts()
    main = _cmap(FAMILY) & _cmap(f"{FAMILY}-Bold")
    sloped = main & _cmap(f"{FAMILY}-Italic") & _cmap(f"{FAMILY}-BoldItalic")
    return Coverage(main=main, sloped=sloped)


def bold(family: str) -> str:
    """The bold face of a registered family."""
    return f"{family}-Bold"
