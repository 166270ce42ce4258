"""Library text after its Markdown is read: runs of plain, bold or italic text.

Why a value of its own: Markdown is parsed once, in ``load``; what ``compose``
and the front ends receive is this neutral structure, so none of them parses
Markdown again, and none can mistake a library author's ``<b>`` for markup.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

# What never reaches a page, a file name or a message, from any field:
# - terminal escape sequences, removed whole (ESC [ 31 m, not just the ESC);
# - other control characters (C0/C1 except tab and newline);
# - bidi embedding, override and isolate controls: they reorder text ("John
#   <RLO>txt.exe<PDF> Smith"); the page's own bidi handling decides direction.
#   The marks LRM, RLM and ALM, which people type to place punctuation in
#   Hebrew and Arabic, are kept;
# - invisible characters (zero-width space, word joiner, BOM, invisible
#   operators), and zero-width (non-)joiners except where they shape Arabic or
#   Indic letters or join an emoji sequence.
_ANSI = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x9b[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC: window titles, links
    r"|\x1b[()*+\-./][ -~]"  # character set switches, ESC ( B
    # A lone ESC before a letter loses only the ESC ("D<ESC>oe" is still "Doe"):
    # the control-character rule below takes it.
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
_INVISIBLE = re.compile(r"[\u200b\u2060-\u2064\ufeff\u180e]")
_JOINER = re.compile(r"[\u200c\u200d]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Scripts whose letters zero-width (non-)joiners shape: Arabic, Syriac, Thaana,
# N'Ko, and the Indic scripts (Devanagari to Sinhala, Myanmar, Khmer).
_SHAPED = re.compile(
    r"[\u0600-\u08ff\u0900-\u0dff\u1000-\u109f\u1780-\u17ff\ufb50-\ufdff\ufe70-\ufefc]"
)
_EMOJI = re.compile(r"[\u2600-\u27bf\ufe0f\U0001f000-\U0001faff]")


class Removed(StrEnum):
    """Kinds of characters ``scrub`` takes out, in words for a warning (never the text)."""

    CONTROL = "control characters"
    BIDI = "text-direction controls"
    INVISIBLE = "invisible characters"


def _joiner_kept(text: str, at: int) -> bool:
    before, after = text[at - 1 : at], text[at + 1 : at + 2]
    shaped = bool(_SHAPED.match(before)) and bool(_SHAPED.match(after))
    emoji = text[at] == "\u200d" and bool(_EMOJI.match(before)) and bool(_EMOJI.match(after))
    return shaped or emoji


def scrub(text: str) -> tuple[str, frozenset[Removed]]:
    """``text`` without what never belongs on a page (see above), and what kinds went."""
    removed: set[Removed] = set()
    out = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    for pattern, kind in ((_ANSI, Removed.CONTROL), (_CONTROL, Removed.CONTROL)):
        out, n = pattern.subn("", out)
        if n:
            removed.add(kind)
    out, n = _BIDI.subn("", out)
    if n:
        removed.add(Removed.BIDI)
    out, n = _INVISIBLE.subn("", out)
    if n:
        removed.add(Removed.INVISIBLE)
    kept = [ch for i, ch in enumerate(out) if not _JOINER.match(ch) or _joiner_kept(out, i)]
    if len(kept) < len(out):
        removed.add(Removed.INVISIBLE)
    out = _SURROGATE.sub("\ufffd", "".join(kept))
    return unicodedata.normalize("NFC", out), frozenset(removed)


def clean(text: str) -> str:
    """NFC-normalised text without control, direction or invisible characters."""
    return scrub(text)[0]


@dataclass(frozen=True)
class Span:
    """A run of text; ``"\\n"`` inside it is a line break the author asked for."""

    text: str
    bold: bool = False
    italic: bool = False


Rich = tuple[Span, ...]
"""One paragraph, list item, heading or title of library text."""


@dataclass(frozen=True)
class RichBlock:
    """A paragraph (``p``), a bullet (``ul``) or numbered (``ol``) list, or a heading (``h``)."""

    kind: Literal["p", "ul", "ol", "h"]
    items: tuple[Rich, ...]


def plain(rich: Rich) -> str:
    """The words alone, for terminals, metadata and reading-level checks."""
    return "".join(span.text for span in rich)


def reading_text(blocks: Iterable[RichBlock]) -> str:
    """The words of ``blocks``, one line per paragraph, list item or heading.

    Why one line each: the reading-level grade treats a line break as a
    sentence end, so a hard-wrapped paragraph must stay one line, and each list
    item counts as a sentence of its own, as a patient reads it.
    """
    return "\n".join(" ".join(plain(item).split()) for block in blocks for item in block.items)
