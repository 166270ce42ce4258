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
from typing import Literal

# Control characters (C0/C1, except tab and newline) are invisible on paper and
# can break PDF text extraction; remove them.  Format characters such as the
# zero-width joiner are kept: some scripts need them.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def clean(text: str) -> str:
    """NFC-normalised text without control characters or lone surrogates."""
    text = _SURROGATE.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))
    return unicodedata.normalize("NFC", _CONTROL.sub("", text.replace("\t", " ")))


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
