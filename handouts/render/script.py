"""Get any script onto the page: font fallback per character, right-to-left text,
a visible sign for what no font covers, and only harmless paragraph markup.

Every paragraph (``Paragraph`` below) and every string drawn straight on the
canvas (``draw_text``) passes through here, so this is the one place that decides:

* which font draws each character: DejaVu Sans, then WenQuanYi Micro Hei for
  Chinese, Japanese and Korean (see ``handouts.render.fonts``);
* what happens to a character neither covers (an emoji, Thai, Devanagari …): it
  prints as ``FALLBACK`` ("�"), never as a silent empty box, and
  ``uncovered_characters`` lists them so ``make`` and ``check`` can warn;
* how Arabic and Hebrew are laid out: letters joined (arabic-reshaper), lines
  broken in reading order, each line then put in display order, right-aligned
  when the paragraph reads right to left, and read back from the PDF in reading
  order (``handouts.render.rtl``);
* which markup reaches ReportLab: bold, italic, underline, line breaks, colour
  and size, and links to ``https:``, ``mailto:`` and ``tel:`` only.  Any other
  tag (``<img>``, ``<a href="javascript:…">``, ``<onDraw>``, ``<link>``) prints as
  the characters it is made of, so a clinic's template cannot pull in a file or
  run an action either.
"""

from __future__ import annotations

import copy
import dataclasses
import html
import re
import unicodedata
from functools import cache
from typing import Any

from markupsafe import escape
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph as _Paragraph
from reportlab.platypus.paragraph import cleanBlockQuotedText

from handouts.cache import Lru
from handouts.compose.text import strip_markup
from handouts.render.direction import right_to_left
from handouts.render.fonts import CJK, FAMILY, bold, cjk_coverage, coverage
from handouts.render.rtl import (
    BIDI_CONTROLS,
    RTL_TEXT,
    aligned,
    display_line,
    display_lines,
    first_strong_is_rtl,
    join_letters,
    paragraph_direction,
)
from handouts.render.span_language import span_language
from handouts.render.tagging import Marked, heading_role, leaf

FALLBACK = "\ufffd"  # "�", in DejaVu Sans; documented in the README

# Paragraph markup we allow, whatever produced it (templates, Markdown, our code).
_TAG = re.compile(r"<[^<>]*>")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});")
_SIMPLE_TAG = re.compile(r"</?(?:b|i|u|strong|em|super|sub|strike)>|<br\s*/?>|</font>|</a>")
_FONT_TAG = re.compile(
    r"""<font(?:\s+(?:color|size)\s*=\s*(?:"[#\w.]{1,20}"|'[#\w.]{1,20}'))+\s*>"""
)
_LINK_TAG = re.compile(r"""<a\s+href\s*=\s*(?:"([^"<>]{1,500})"|'([^'<>]{1,500})')\s*>""")
SAFE_LINK = re.compile(r"(?:https://[^\s\"'<>\\]+|mailto:[^\s\"'<>\\]+|tel:\+?[0-9 ()./-]{3,40})")

# Invisible characters (joiners, variation selectors, direction marks) and
# combining marks: if no font has them, dropping them loses nothing visible,
# whereas printing them would show an empty box.
_SKIPPABLE = {"Cf", "Mn", "Me"}
_EMOJI_TAIL = re.compile("[\u200d\ufe0e\ufe0f\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f]")


def uncovered_characters(text: str) -> list[str]:
    """The visible characters in ``text`` that no bundled font draws, each once, in order.

    These print as ``FALLBACK``.  ``text`` is plain text as typed (not markup);
    it is shaped first, as when printing, so Arabic letters count as covered.
    """
    cover = coverage()
    found: dict[str, None] = {}
    for char in join_letters(unicodedata.normalize("NFC", text)):
        point = ord(char)
        if point in cover.main or _invisible(char) or point in cjk_coverage():
            continue
        found[char] = None
    return list(found)


def handout_uncovered(handout: Any) -> list[str]:
    """``uncovered_characters`` of every text a composed ``Handout`` prints."""
    return uncovered_characters("\n".join(_texts(handout)))


def _texts(value: Any) -> list[str]:
    if isinstance(value, str):  # Markup too: tags and entities are all ASCII
        return [strip_markup(value)]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [t for f in dataclasses.fields(value) for t in _texts(getattr(value, f.name))]
    if isinstance(value, tuple | list):
        return [t for item in value for t in _texts(item)]
    return []


# A run's font: the paragraph's own, the CJK font, or the paragraph's own but
# upright (a character the oblique faces lack, such as Arabic, inside <i>).
MAIN, UPRIGHT, CJK_RUN = "main", "upright", "cjk"


def runs(text: str) -> list[tuple[str, str]]:
    """Plain one-line ``text`` in display order, split into ``(text, run kind)`` pieces.

    Uncovered characters become ``FALLBACK``; an emoji sequence (joiners,
    skin-tone modifiers, variation selectors) becomes a single one.
    """
    return _font_runs(_display(text), keep_controls=False)


def _font_runs(text: str, *, keep_controls: bool) -> list[tuple[str, str]]:
    """``text`` split into runs by font, characters no font has replaced.

    Direction controls are kept (in the run they are in) when ``keep_controls``:
    a paragraph's lines are put in display order after line breaking, and the
    controls must reach that step; they are never drawn.
    """
    if not text:
        return []
    if set(text) <= _plain_characters():
        return [(text, MAIN)]  # nearly every run: one font draws it all, upright or sloped
    cover = coverage()
    out: list[tuple[str, str]] = []
    previous, joined = "", False
    for char in text:
        if char in "\n\r\t":
            char = " "  # line breaks in markup are spaces; <br/> breaks lines
        if char in BIDI_CONTROLS:
            if keep_controls:
                out = _add(out, char, out[-1][1] if out else MAIN)
            continue
        if previous == FALLBACK and _EMOJI_TAIL.match(char):
            joined = joined or char == "\u200d"
            continue  # part of the emoji sequence already shown as one sign
        point = ord(char)
        if point in cover.main:
            piece, kind = char, MAIN if point in cover.sloped else UPRIGHT
        elif _invisible(char):
            continue
        elif point in cjk_coverage():
            piece, kind = char, CJK_RUN
        elif joined:
            joined = False
            continue  # the next emoji of a joined sequence
        else:
            piece, kind = FALLBACK, MAIN
        joined = False
        previous = piece
        out = _add(out, piece, kind)
    return out


@cache
def _plain_characters() -> frozenset[str]:
    """Characters every face of the main font draws and that need no handling of their own."""
    return frozenset(map(chr, coverage().sloped)) - BIDI_CONTROLS - set("\n\r\t")


def _add(out: list[tuple[str, str]], piece: str, kind: str) -> list[tuple[str, str]]:
    if out and out[-1][1] == kind:
        out[-1] = (out[-1][0] + piece, kind)
    else:
        out.append((piece, kind))
    return out


def safe_markup(markup: str) -> str:
    """Paragraph markup with fonts chosen per character and unsafe tags made literal."""
    out: list[str] = []
    state = _TagState()
    pos = 0
    for tag in _TAG.finditer(markup):
        out.append(_text(markup[pos : tag.start()], state))
        out.append(state.admit(tag.group()))
        pos = tag.end()
    out.append(_text(markup[pos:], state))
    return "".join(out)


class Paragraph(Marked, _Paragraph):  # type: ignore[misc]
    """A ReportLab Paragraph whose markup first goes through ``safe_markup``.

    Text with anything right-to-left is broken into lines in reading order and
    each line drawn in display order (``handouts.render.rtl``), right-aligned if
    it reads right to left, unless ``align_by_direction`` is False (a value
    beside its label in a left-to-right table).  Other text, nearly all of it,
    is left to ReportLab alone.
    """

    def __init__(
        self, text: str | None, style: Any, *args: Any, align_by_direction: bool = True, **kw: Any
    ) -> None:
        markup = safe_markup(str(text))
        #: None: nothing right-to-left; else whether the paragraph reads right to left.
        self.right_to_left = paragraph_direction(markup)
        if self.right_to_left is not None and right_to_left():
            # In a right-to-left handout every paragraph with such text reads that
            # way, even one that opens with a Latin word ("psoas …").
            self.right_to_left = True
        self.align_by_direction = align_by_direction
        #: A bullet or number drawn at the right (a right-to-left handout's lists).
        self.right_bullet: str | None = None
        if right_to_left() and kw.get("bulletText"):
            self.right_bullet = str(kw.pop("bulletText"))
            style = _mirrored_indents(style)
        super().__init__(markup, style, *args, **kw)
        # Made while a handout is built: an element of its structure (see ``tagging``).
        self.tag = leaf(heading_role(style))
        if self.tag is not None and (self.right_to_left is not None or not str(text).isascii()):
            plain = strip_markup(str(text))  # as written: before letters are joined for drawing
            self.tag.lang = span_language(plain)
            if self.right_to_left is not None:
                # Right-to-left lines are drawn in display order; a screen reader
                # gets the paragraph as written.
                self.tag.actual_text = plain

    def _setup(self, text: Any, style: Any, bullet_text: Any, frags: Any, cleaner: Any) -> None:
        # Why remembered: ReportLab parses every paragraph's markup with an HTML
        # parser, about a fifth of a warm handout's time, and a handout (and every
        # handout of a batch) makes the same markup in equal styles again and
        # again.  Each paragraph gets its own copies of the parsed fragments.
        if frags is not None or not isinstance(text, str) or cleaner is not cleanBlockQuotedText:
            super()._setup(text, style, bullet_text, frags, cleaner)
            return
        settings = _style_key(style)
        if settings is None:
            super()._setup(text, style, bullet_text, frags, cleaner)
            return
        key = (text, settings, self.caseSensitive)
        parsed = _PARSED.get(key)
        if parsed is not None:
            cleaned, kept = parsed
            super()._setup(cleaned, style, bullet_text, [f.clone() for f in kept], cleaner)
            return
        super()._setup(text, style, bullet_text, None, cleaner)
        # Only the plain case: the style as given (no <para> attributes) and no
        # <bullet> fragments.
        if self.style is style and self.bulletText is bullet_text:
            _PARSED.put(key, (self.text, [f.clone() for f in self.frags]))

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        # Why remembered: ReportLab's tables measure each cell again for every
        # question they ask (widths, heights, splitting, drawing), at the same width:
        # 2.2 line breakings per paragraph of the demo handout, measured.  Breaking
        # lines depends only on the width and the style (not on the height).
        key = (avail_width, self.style)
        done = self.__dict__.get("_wrapped")
        # ReportLab's split deletes the lines when it moves a paragraph on whole.
        if done is not None and done[0] == key and "blPara" in self.__dict__:
            return done[1]  # type: ignore[no-any-return]
        size: tuple[float, float] = super().wrap(avail_width, avail_height)
        self._wrapped = (key, size)
        return size

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        # ReportLab builds the parts from frags, without text: they keep the
        # direction of the whole paragraph, not of the words they start with.
        parts: list[Any] = super().split(avail_width, avail_height)
        for n, part in enumerate(parts):
            if isinstance(part, Paragraph):
                part.right_to_left = self.right_to_left
                part.align_by_direction = self.align_by_direction
                part.right_bullet = self.right_bullet if n == 0 else None
                part.tag = self.tag  # both parts are the one paragraph
        return parts

    def draw(self) -> None:
        if self.right_bullet is not None:
            self._draw_right_bullet()
        if self.right_to_left is None:
            super().draw()
            return
        # A copy is drawn, so the lines kept for a later split stay in reading order.
        shown = copy.copy(self)
        shown.blPara = display_lines(self.blPara, self.right_to_left)
        if self.align_by_direction:
            shown.style = aligned(self.style, self.right_to_left)
        _Paragraph.draw(shown)

    def _draw_right_bullet(self) -> None:
        """The list item's bullet or number at the right of its first line ("1." reads ".1")."""
        style = self.style
        size = style.bulletFontSize
        text = display_line(self.right_bullet or "", True)
        ascent = getattr(self.blPara, "ascent", style.fontSize)
        baseline = self.height - ascent + getattr(style, "bulletOffsetY", 0)
        canv = self.canv
        canv.saveState()
        canv.setFillColor(getattr(style, "bulletColor", style.textColor))
        right = self.width - style.bulletIndent
        x = right - text_width(text, style.bulletFontName, size)
        draw_text(canv, x, baseline, text, style.bulletFontName, size)
        canv.restoreState()


def _mirrored_indents(style: Any) -> Any:
    """``style`` with its left indent (room for a bullet) on the right instead."""
    return type(style)(
        f"{style.name}-rtl",
        parent=style,
        leftIndent=style.rightIndent,
        rightIndent=style.leftIndent,
        firstLineIndent=0,
    )


# Parsed markup by (markup, every value of the style, case sensitivity).  1,024: a
# handout has about 300 paragraphs, most of them the same in every handout, and a
# batch worker's memory must stay bounded (measured: 400 handouts for different
# patients in one process, 74 -> 85 MB resident with this cache, 74 -> 81 without).
_PARSED: Lru[tuple[str, tuple[Any, ...], int], tuple[str, list[Any]]] = Lru(1024)


def _style_key(style: Any) -> tuple[Any, ...] | None:
    """Every setting of a paragraph style but its name (what the markup parser reads),
    or None if one cannot be compared (then nothing is remembered)."""
    key = tuple(item for item in vars(style).items() if item[0] not in ("name", "parent"))
    try:
        hash(key)
    except TypeError:
        return None
    return key


def draw_text(canv: Any, x: float, y: float, text: str, font: str, size: float) -> None:
    """Draw one line of plain ``text`` from (x, y) in ``font`` (upright), switching per run."""
    for piece, kind in runs(text):
        name = CJK if kind == CJK_RUN else font
        canv.setFont(name, size)
        canv.drawString(x, y, piece)
        x += stringWidth(piece, name, size)


def text_width(text: str, font: str, size: float) -> float:
    """The printed width of plain ``text`` as ``draw_text`` draws it."""
    return float(sum(stringWidth(p, CJK if k == CJK_RUN else font, size) for p, k in runs(text)))


def _invisible(char: str) -> bool:
    return unicodedata.category(char) in _SKIPPABLE or unicodedata.category(char) == "Cc"


def _display(text: str) -> str:
    """One line of plain text: Arabic letters joined, in display order."""
    if not RTL_TEXT.search(text):
        return text
    # Spaces at the ends stay where they are: they separate this run from the
    # text around it, whichever direction it reads in.
    core = text.strip()
    start = text.index(core[0])
    # A left-to-right handout: a line with any left-to-right letters keeps that
    # as its base direction, so "محمد · 24 November" is name then date.  Text
    # entirely in a right-to-left script takes its own direction, which puts its
    # punctuation where its readers expect it.  A right-to-left handout: every
    # line with right-to-left letters reads right to left ("Jane Doe · 24 نوفمبر").
    ltr = any(unicodedata.bidirectional(c) == "L" for c in core)
    rtl = right_to_left() or (not ltr and bool(first_strong_is_rtl(core)))
    return text[:start] + display_line(join_letters(core), rtl) + text[start + len(core) :]


class _TagState:
    """Which allowed tags are open, so fonts and links can be chosen and closed right."""

    def __init__(self) -> None:
        self.bold = 0
        self.italic = 0
        self.links: list[bool] = []  # per open <a>: was it kept?

    def admit(self, tag: str) -> str:
        """``tag`` if it is allowed, else the tag as visible text."""
        name = tag.strip("</>").split()[0].lower() if tag.strip("</>") else ""
        closing = tag.startswith("</")
        if _SIMPLE_TAG.fullmatch(tag) or _FONT_TAG.fullmatch(tag):
            step = -1 if closing else 1
            if name in {"b", "strong"}:
                self.bold += step
            elif name in {"i", "em"}:
                self.italic += step
            if name == "a":  # "</a>"
                if not self.links:
                    return str(escape(tag))
                return "</a>" if self.links.pop() else ""
            return tag
        link = _LINK_TAG.fullmatch(tag)
        if link:
            href = html.unescape(link.group(1) or link.group(2))
            keep = bool(SAFE_LINK.fullmatch(href))
            self.links.append(keep)
            # An unsafe link keeps its text and loses the link.
            return f'<a href="{escape(href)}">' if keep else ""
        return str(escape(tag))


def _text(markup_text: str, state: _TagState) -> str:
    """A stretch of markup between tags: its characters, font-wrapped and re-escaped."""
    parts: list[str] = []
    # Reading order: lines are put in display order once broken (Paragraph.draw).
    for piece, kind in _font_runs(join_letters(_unescape(markup_text)), keep_controls=True):
        escaped = str(escape(piece))
        if kind == CJK_RUN:
            parts.append(f'<font name="{CJK}">{escaped}</font>')
        elif kind == UPRIGHT and state.italic > 0:
            face = bold(FAMILY) if state.bold > 0 else FAMILY
            parts.append(f'<font name="{face}">{escaped}</font>')
        else:
            parts.append(escaped)
    return "".join(parts)


def _unescape(markup_text: str) -> str:
    # Only well-formed entities are decoded; a stray "&" stays an ampersand.
    return _ENTITY.sub(lambda m: html.unescape(m.group()), markup_text)
