"""Read a library file's Markdown: its structure (steps, tips, sections) and its inline text.

Why markdown-it-py: a CommonMark parser gets nested lists, emphasis and line
numbers right; hand-written regexes would not.  This is the only place that
parses Markdown: inline text leaves here as ``Rich`` spans (plain, bold,
italic, line breaks), which compose turns into PDF markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from handouts.models.rich import Rich, RichBlock, Span, clean

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_ANCHOR = re.compile(r"\s*\{#([a-z0-9]+(?:-[a-z0-9]+)*)\}\s*$")


@cache
def parser() -> MarkdownIt:
    """One CommonMark parser; raw HTML is off so it can only ever be literal text.

    Imported here: a library read from the disk cache (``handouts.cache``) parses no
    Markdown, and markdown-it costs about 35 ms of start-up.
    """
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False})


@dataclass(frozen=True)
class Heading:
    """A ``##`` heading with the body lines up to the next one."""

    text: str
    slug: str
    line: int  # 1-based, within the text given to ``split_sections``
    body: str


def slugify(text: str) -> str:
    """A lower-case, hyphenated id from heading text."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"


def split_sections(text: str) -> tuple[str, list[Heading]]:
    """Split at level-2 headings: (text before the first, the sections)."""
    tokens = parser().parse(text)
    lines = text.splitlines(keepends=True)
    starts: list[tuple[int, str]] = []
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open" and tok.tag == "h2" and tok.map:
            starts.append((tok.map[0], tokens[i + 1].content))
    intro_end = starts[0][0] if starts else len(lines)
    sections = []
    for n, (start, raw) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(lines)
        anchor = _ANCHOR.search(raw)
        title = _ANCHOR.sub("", raw).strip()
        slug = anchor.group(1) if anchor else slugify(title)
        sections.append(Heading(title, slug, start + 1, "".join(lines[start + 1 : end]).strip()))
    return "".join(lines[:intro_end]).strip(), sections


def list_items(text: str, ordered: bool) -> list[str]:
    """The items (as Markdown source) of the first top-level list of the given kind."""
    tokens = parser().parse(text)
    lines = text.splitlines()
    kind = "ordered_list_open" if ordered else "bullet_list_open"
    depth = 0
    inside = False
    items: list[str] = []
    for tok in tokens:
        if tok.type == kind and tok.level == 0 and not items:
            inside = True
        elif inside and tok.type in {"ordered_list_close", "bullet_list_close"} and tok.level == 0:
            break
        elif inside and tok.type == "list_item_open":
            depth += 1
            if depth == 1 and tok.map:
                items.append(_item_text(lines[tok.map[0] : tok.map[1]]))
        elif inside and tok.type == "list_item_close":
            depth -= 1
    return items


def _item_text(lines: list[str]) -> str:
    first = re.sub(r"^\s*(?:\d+[.)]|[-*+])\s+", "", lines[0])
    rest = [line.strip() for line in lines[1:]]
    return " ".join([first.strip(), *rest]).strip()


def blocks(text: str) -> list[tuple[str, list[str]]]:
    """A section body as blocks: ("p", [markdown]), ("ul", items) or ("ol", items)."""
    tokens: list[Token] = parser().parse(text)
    lines = text.splitlines()
    out: list[tuple[str, list[str]]] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.level == 0 and tok.type == "paragraph_open":
            out.append(("p", [tokens[i + 1].content]))
        elif tok.level == 0 and tok.type in {"bullet_list_open", "ordered_list_open"} and tok.map:
            kind = "ol" if tok.type == "ordered_list_open" else "ul"
            out.append((kind, list_items("\n".join(lines[tok.map[0] : tok.map[1]]), kind == "ol")))
        elif tok.level == 0 and tok.type == "heading_open":
            out.append(("h", [tokens[i + 1].content]))
        i += 1
    return out


def rich(markdown: str) -> Rich:
    """Inline Markdown (a title, step, tip or paragraph) as spans.

    Only emphasis and line breaks carry meaning; raw HTML, code and link
    targets are kept as literal text (a printed page cannot follow a link).
    """
    tokens = parser().parseInline(clean(markdown))
    spans: list[Span] = []
    bold = italic = 0
    for tok in tokens[0].children or [] if tokens else []:
        kind = tok.type
        if kind in {"strong_open", "strong_close"}:
            bold += 1 if kind.endswith("open") else -1
        elif kind in {"em_open", "em_close"}:
            italic += 1 if kind.endswith("open") else -1
        elif kind in {"text", "code_inline", "html_inline", "image", "softbreak", "hardbreak"}:
            text = {"softbreak": " ", "hardbreak": "\n"}.get(kind, tok.content)
            spans.append(Span(text, bold > 0, italic > 0))
    return _merged(spans)


def _merged(spans: list[Span]) -> Rich:
    """Neighbouring spans of the same style as one (markdown-it splits text at '*' and '_')."""
    out: list[Span] = []
    for span in spans:
        if out and (out[-1].bold, out[-1].italic) == (span.bold, span.italic):
            out[-1] = Span(out[-1].text + span.text, span.bold, span.italic)
        elif span.text:
            out.append(span)
    return tuple(out)


def rich_blocks(text: str) -> tuple[RichBlock, ...]:
    """A section body as blocks of rich text."""
    return tuple(
        RichBlock(kind, tuple(rich(item) for item in items))  # type: ignore[arg-type]
        for kind, items in blocks(text)
    )
