"""Right-to-left text: paragraphs broken into lines in reading order, then each
line put in display order.

ReportLab has no bidirectional layout of its own (its hook needs pyfribidi), so
it happens in two steps around ReportLab's line breaking:

1. Before: ``join_letters`` gives Arabic letters their joined forms
   (arabic-reshaper) and leaves the text in reading (logical) order, so
   ReportLab breaks a paragraph where a reader expects: sentence one starts
   the top line.
2. When drawing: ``display_lines`` puts each line in display order on its own
   (the Unicode bidirectional algorithm, brackets mirrored, ``display_pieces``),
   and a paragraph that reads right to left is right-aligned (``aligned``).

Copied out of the PDF, the text comes back in reading order: PDF readers
(PDFium, pypdf) put right-to-left glyphs drawn in display order back into
reading order, line by line; poppler's pdftotext keeps a line's runs in display
order but each run in reading order.  Why no ``/ActualText`` spans giving each
line in reading order: poppler and PDFium reorder the replacement text as if
it were drawn, so it came out backwards (tried with poppler 22.12 and the
PDFium of pypdfium2 5).

Why python-bidi's Python implementation (``bidi.algorithm``) for the levels: a
line's pieces carry different fonts (bold, a Chinese name), so reordering must
know each character's level, which only that implementation exposes.  (Its
Rust ``get_display`` also leaves brackets unmirrored: "(1)" printed as ")1(".)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from handouts.compose.text import strip_markup
from handouts.render.fonts import coverage

if TYPE_CHECKING:
    from arabic_reshaper import ArabicReshaper

# Right-to-left letters, and the explicit direction controls (ALM, LRM, RLM,
# LRE … RLO, LRI … PDI): text with any of them goes through the bidirectional
# algorithm, which applies the controls; none is ever drawn.
RTL_TEXT = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
# The Python algorithm predates isolates (UBA 6.3): each is read as the
# embedding it resembles.  Patient text never has them (compose removes them).
_ISOLATES = str.maketrans({"\u2066": "\u202a", "\u2067": "\u202b", "\u2069": "\u202c"})
_FSI = re.compile("\u2068([^\u2069]*)")
# A paragraph that opens with a bold label ("Your note:", after a ⚠ sign) takes
# its direction from what follows the label: the label is the clinic's wording,
# the rest is what the paragraph is about.
_LEADING_LABEL = re.compile(r"\s*(?:<font[^<>]*>[^<>]*</font>\s*)?<b>[^<>]*</b>")

# What the reshaper changes: Arabic letters (and their presentation forms).  Why
# not RTL_TEXT: a direction control around an English phone number needs no
# joining, and loading the reshaper costs about 80 ms.
_ARABIC_LETTERS = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]")

# The bidirectional classes that start right-to-left text: letters (R, AL, with RLM
# and ALM), Arabic digits (AN), and the embeddings, overrides and isolates that
# open a right-to-left run.
_RIGHT_TO_LEFT = frozenset({"R", "AL", "AN", "RLE", "RLO", "RLI"})

Piece = TypeVar("Piece")


def join_letters(text: str) -> str:
    """``text`` with Arabic letters in their joined forms, still in reading order."""
    return _reshaper().reshape(text) if _ARABIC_LETTERS.search(text) else text


def first_strong_is_rtl(text: str) -> bool | None:
    """Whether the first letter with a direction reads right to left; None if none has one."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return False
        if kind in ("R", "AL"):
            return True
    return None


def paragraph_direction(markup: str) -> bool | None:
    """None if the paragraph has nothing right-to-left, else whether it reads right to left.

    None is the fast path: ReportLab lays such a paragraph out on its own.
    Otherwise the first letter with a direction decides (after a leading bold label).
    """
    if not RTL_TEXT.search(markup):
        return None
    label = _LEADING_LABEL.match(markup)
    rtl = first_strong_is_rtl(strip_markup(markup[label.end() :])) if label else None
    if rtl is None:
        rtl = first_strong_is_rtl(strip_markup(markup))
    return bool(rtl)


def display_pieces(pieces: Sequence[tuple[str, Piece]], rtl: bool) -> list[tuple[str, Piece]]:
    """One line's ``(text, how it is drawn)`` pieces, in reading order, put in display order.

    Left to right as drawn; each character stays with its piece (a bold word
    stays bold); brackets and other mirrored signs at a right-to-left level are
    mirrored, so "(1)" still looks like "(1)"; direction controls and marks are
    dropped.  ``rtl`` is the paragraph's direction.
    """
    text = "".join(t for t, _ in pieces)
    owner = [n for n, (t, _) in enumerate(pieces) for _ in t]
    kept = _levels(text, rtl)
    levels = [level for _, level in kept]
    out: list[tuple[str, Piece]] = []
    last = -1
    for position in _visual_order(levels):
        index, level = kept[position]
        char = text[index]
        if level % 2 and unicodedata.mirrored(char):
            from bidi.mirror import MIRRORED

            char = MIRRORED.get(char, char)
        if owner[index] == last:
            out[-1] = (out[-1][0] + char, out[-1][1])
        else:
            out.append((char, pieces[owner[index]][1]))
            last = owner[index]
    return out


def display_line(text: str, rtl: bool) -> str:
    """A one-line ``text`` in display order (see ``display_pieces``)."""
    return "".join(t for t, _ in display_pieces([(text, None)], rtl))


def display_lines(lines: Any, rtl: bool) -> Any:
    """A copy of ReportLab's broken lines (``Paragraph.blPara``) with each line in display order.

    ``lines`` stay as they are: a paragraph split across pages is split in
    reading order.  Both of ReportLab's line kinds: one font for the whole
    paragraph (each line a list of words), or several (each line a list of frags).
    """
    if lines.kind == 0:
        # A word that was only direction marks is left out, not drawn as a gap.
        shown = [
            (space, [w for w in display_line(" ".join(words), rtl).split(" ") if w])
            for space, words in lines.lines
        ]
        return lines.clone(lines=shown)
    return lines.clone(lines=[_display_frag_line(line, rtl) for line in lines.lines])


def _display_frag_line(line: Any, rtl: bool) -> Any:
    pieces = [(f.text, f) for f in line.words if getattr(f, "text", "")]
    return line.clone(words=[f.clone(text=text) for text, f in display_pieces(pieces, rtl)])


def aligned(style: ParagraphStyle, rtl: bool) -> ParagraphStyle:
    """``style``, right-aligned instead of left-aligned if the paragraph reads right to left."""
    if rtl and style.alignment == TA_LEFT:
        return ParagraphStyle(f"{style.name}-rtl", parent=style, alignment=TA_RIGHT)
    return style


def _levels(text: str, rtl: bool) -> list[tuple[int, int]]:
    """``(index, level)`` of each character of ``text`` that is drawn, in reading order."""
    if not rtl and not any(unicodedata.bidirectional(c) in _RIGHT_TO_LEFT for c in text):
        # Nothing here can raise a level to an odd one: the order is the text's own,
        # without its controls.  Why skip the algorithm: an English header with an
        # isolated name would otherwise import python-bidi (about 35 ms) to learn that.
        return [(i, 0) for i, c in enumerate(text) if c not in BIDI_CONTROLS]
    from bidi import algorithm

    mapped = _FSI.sub(_fsi_as_embedding, text).translate(_ISOLATES)
    storage = algorithm.get_empty_storage()
    storage["base_level"] = int(rtl)
    storage["base_dir"] = "R" if rtl else "L"
    algorithm.get_embedding_levels(mapped, storage)
    for index, char in enumerate(storage["chars"]):
        char["index"] = index
        # A code point this Python's Unicode tables do not know has no bidi class;
        # Unicode's default for it is left to right (python-bidi would assert).
        char["type"] = char["type"] or "L"
    algorithm.explicit_embed_and_overrides(storage)  # drops the controls it applied
    algorithm.resolve_weak_types(storage)
    algorithm.resolve_neutral_types(storage, False)
    algorithm.resolve_implicit_levels(storage, False)
    chars = [c for c in storage["chars"] if text[c["index"]] not in BIDI_CONTROLS]
    # L1: spaces at the end of the line take the paragraph's level.
    for char in reversed(chars):
        if not text[char["index"]].isspace():
            break
        char["level"] = int(rtl)
    return [(c["index"], c["level"]) for c in chars]


def _fsi_as_embedding(match: re.Match[str]) -> str:
    rtl = first_strong_is_rtl(match.group(1))
    return ("\u202b" if rtl else "\u202a") + match.group(1)


def _visual_order(levels: list[int]) -> list[int]:
    """Rule L2: positions in display order, reversing every run at or above each odd level."""
    order = list(range(len(levels)))
    odd = [level for level in levels if level % 2]
    if not odd:
        return order
    for level in range(max(levels), min(odd) - 1, -1):
        start = 0
        while start < len(order):
            if levels[order[start]] < level:
                start += 1
                continue
            end = start
            while end < len(order) and levels[order[end]] >= level:
                end += 1
            order[start:end] = order[start:end][::-1]
            start = end
    return order


@cache
def _reshaper() -> ArabicReshaper:
    """A reshaper that only makes the ligatures DejaVu Sans can draw.

    Why: by default it turns "الله" into a single ligature character the font
    lacks, which would print as the fallback sign; lam-alef ligatures it has.
    Vowel marks (harakat) are kept: they are part of how a name is written.
    Imported here: arabic-reshaper builds its tables on import, about 80 ms that a
    handout without Arabic letters never needs.
    """
    from arabic_reshaper import ArabicReshaper
    from arabic_reshaper.ligatures import LIGATURES

    main = coverage().main
    config = {"delete_harakat": "no"}
    for name, (_, forms) in LIGATURES:
        drawn = all(ord(c) in main for form in forms for c in form)
        config[name] = "yes" if drawn else "no"
    return ArabicReshaper(configuration=config)
