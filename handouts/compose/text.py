"""Turn text into safe ReportLab paragraph markup.

Two kinds of text reach a handout.  What a practitioner or patient types (names,
notes, goals) is *data*: it is cleaned and escaped, so ``<img src=…>`` prints as
those characters and embeds nothing.  Library text is Markdown: only **bold**,
*italic* and line breaks become markup; everything else, raw HTML included, is
escaped too.  Either way the result is a ``Markup`` the renderer may trust.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from markdown_it import MarkdownIt
from markupsafe import Markup, escape

# Control characters (C0/C1, except tab and newline) are invisible on paper and
# can break PDF text extraction; remove them.  Format characters such as the
# zero-width joiner are kept: some scripts need them.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def clean(text: str) -> str:
    """NFC-normalised text without control characters or lone surrogates."""
    text = _SURROGATE.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))
    return unicodedata.normalize("NFC", _CONTROL.sub("", text.replace("\t", " ")))


def plain(text: str | None) -> Markup:
    """User-typed text as escaped markup; blank lines separate paragraphs, newlines break."""
    if not text:
        return Markup("")
    lines = [escape(line.strip()) for line in clean(text).strip().split("\n")]
    return Markup("<br/>").join(lines)


@cache
def _inline_parser() -> MarkdownIt:
    # Raw HTML off, as in ``handouts.load.markdown``: it can only ever be literal text.
    return MarkdownIt("commonmark", {"html": False})


def inline(markdown: str) -> Markup:
    """Library Markdown (one paragraph or list item) as paragraph markup.

    Why here and not in ``handouts.load``: load reads the *structure* of a
    library file (sections, lists, paragraphs) and keeps each piece's inline
    text as Markdown source; which markup that becomes on the page is compose's
    choice.  Compose never imports load (see docs/architecture.md).
    """
    tokens = _inline_parser().parseInline(clean(markdown))
    out: list[str] = []
    for tok in tokens[0].children or [] if tokens else []:
        kind = tok.type
        if kind in {"text", "code_inline", "html_inline"}:
            out.append(str(escape(tok.content)))
        elif kind in {"strong_open", "strong_close"}:
            out.append("<b>" if kind.endswith("open") else "</b>")
        elif kind in {"em_open", "em_close"}:
            out.append("<i>" if kind.endswith("open") else "</i>")
        elif kind == "softbreak":
            out.append(" ")
        elif kind == "hardbreak":
            out.append("<br/>")
        elif kind == "image":
            out.append(str(escape(tok.content)))
        # link_open/link_close: the link text is kept as text; no clickable links
        # from library content (a printed page cannot follow them anyway).
    return Markup("".join(out))


def strip_markup(markup: str) -> str:
    """Markup back to plain text, for PDF metadata and terminal output."""
    text = re.sub(r"<br/>", "\n", markup)
    text = re.sub(r"<[^>]+>", "", text)
    return Markup(text).unescape()
