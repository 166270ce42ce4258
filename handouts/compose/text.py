"""Turn text into safe ReportLab paragraph markup.

Two kinds of text reach a handout.  What a practitioner or patient types (names,
notes, goals) is *data*: it is cleaned and escaped, so ``<img src=…>`` prints as
those characters and embeds nothing.  Library text is Markdown: only **bold**,
*italic* and line breaks become markup; everything else, raw HTML included, is
escaped too.  Either way the result is a ``Markup`` the renderer may trust.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from handouts.models.rich import Rich, clean

__all__ = ["clean", "markup", "plain", "strip_markup"]


def plain(text: str | None) -> Markup:
    """User-typed text as escaped markup; blank lines separate paragraphs, newlines break."""
    if not text:
        return Markup("")
    lines = [escape(line.strip()) for line in clean(text).strip().split("\n")]
    return Markup("<br/>").join(lines)


def markup(rich: Rich) -> Markup:
    """Library text, already read from its Markdown by ``load``, as paragraph markup.

    Every span's text is escaped; only the bold and italic the author wrote, and
    their line breaks, become tags.
    """
    out: list[str] = []
    for span in rich:
        text = str(escape(span.text)).replace("\n", "<br/>")
        if span.italic:
            text = f"<i>{text}</i>"
        if span.bold:
            text = f"<b>{text}</b>"
        out.append(text)
    return Markup("".join(out))


def strip_markup(markup: str) -> str:
    """Markup back to plain text, for PDF metadata and terminal output."""
    text = re.sub(r"<br/>", "\n", markup)
    text = re.sub(r"<[^>]+>", "", text)
    return Markup(text).unescape()
