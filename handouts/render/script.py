"""Get any script onto the page: font fallback per character, right-to-left text,
a visible sign for what no font covers, and only harmless paragraph markup.

Every paragraph (``Paragraph`` below) and every string drawn straight on the
canvas (``draw_text``) passes through here, so this is the one place that decides:

* which font draws each character: DejaVu Sans, then WenQuanYi Micro Hei for
  Chinese, Japanese and Korean (see ``handouts.render.fonts``);
* what happens to a character neither covers (an emoji, Thai, Devanagari …): it
  prints as ``FALLBACK`` ("�"), never as a silent empty box, and
  ``uncovered_characters`` lists them so ``make`` and ``check`` can warn;
* how Arabic and Hebrew are laid out: arabic-reshaper joins the letters and
  python-bidi puts each run in display order (ReportLab does neither; harfbuzz
  shaping gets the word order of a right-to-left phrase wrong);
* which markup reaches ReportLab: bold, italic, underline, line breaks, colour
  and size, and links to ``https:``, ``mailto:`` and ``tel:`` only.  Any other
  tag (``<img>``, ``<a href="javascript:…">``, ``<onDraw>``, ``<link>``) prints as
  the characters it is made of, so a clinic's template cannot pull in a file or
  run an action either.

Why right-to-left runs are reordered before line wrapping: ReportLab has no bidi
support of its own.  A name or a one-line note reads correctly; a right-to-left
paragraph long enough to wrap shows its lines in reverse order (documented).
"""

from __future__ import annotations

import dataclasses
import html
import re
import unicodedata
from functools import cache
from typing import Any

from arabic_reshaper import ArabicReshaper
from arabic_reshaper.ligatures import LIGATURES
from bidi import get_display
from markupsafe import escape
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph as _Paragraph

from handouts.compose.text import strip_markup
from handouts.render.fonts import CJK, FAMILY, bold, cjk_coverage, coverage

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
# Right-to-left letters, and the explicit direction controls (LRE … RLO, LRI …
# PDI, marks): text with any of them goes through the bidi algorithm, which
# applies the controls; none is ever drawn (a "right-to-left override" cannot
# make a name print backwards and extract differently from how it looks).
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def uncovered_characters(text: str) -> list[str]:
    """The visible characters in ``text`` that no bundled font draws, each once, in order.

    These print as ``FALLBACK``.  ``text`` is plain text as typed (not markup);
    it is shaped first, as when printing, so Arabic letters count as covered.
    """
    cover = coverage()
    found: dict[str, None] = {}
    for char in _shape(unicodedata.normalize("NFC", text)):
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
    """Plain ``text`` in display order, split into ``(text, run kind)`` pieces.

    Uncovered characters become ``FALLBACK``; an emoji sequence (joiners,
    skin-tone modifiers, variation selectors) becomes a single one.
    """
    cover = coverage()
    out: list[tuple[str, str]] = []
    previous, joined = "", False
    for char in _shape(text):
        if char in "\n\r\t":
            char = " "  # line breaks in markup are spaces; <br/> breaks lines
        if char in _BIDI_CONTROLS:
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


class Paragraph(_Paragraph):  # type: ignore[misc]
    """A ReportLab Paragraph whose markup first goes through ``safe_markup``."""

    def __init__(self, text: str, style: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(safe_markup(str(text)), style, *args, **kwargs)


def draw_text(canv: Any, x: float, y: float, text: str, font: str, size: float) -> None:
    """Draw plain ``text`` left-aligned at (x, y) in ``font`` (upright), switching per run."""
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


def _shape(text: str) -> str:
    """Join Arabic letters and put right-to-left runs in display order."""
    if not _RTL.search(text):
        return text
    # Spaces at the ends stay where they are: they separate this run from the
    # text around it, whichever direction it reads in.
    core = text.strip()
    start = text.index(core[0])
    shaped = _reshaper().reshape(core)
    # The handout reads left to right: text with any left-to-right letters keeps
    # that as its base direction, so "محمد · 24 November" is name then date.
    # Text entirely in a right-to-left script takes its own direction, which
    # puts its punctuation where its readers expect it.
    ltr = any(unicodedata.bidirectional(c) == "L" for c in core)
    display = get_display(shaped, base_dir="L" if ltr else None)
    return text[:start] + str(display) + text[start + len(core) :]


@cache
def _reshaper() -> ArabicReshaper:
    """A reshaper that only makes the ligatures DejaVu Sans can draw.

    Why: by default it turns "الله" into a single ligature character the font
    lacks, which would print as the fallback sign; lam-alef ligatures it has.
    Vowel marks (harakat) are kept: they are part of how a name is written.
    """
    main = coverage().main
    config = {"delete_harakat": "no"}
    for name, (_, forms) in LIGATURES:
        drawn = all(ord(c) in main for form in forms for c in form)
        config[name] = "yes" if drawn else "no"
    return ArabicReshaper(configuration=config)


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
    for piece, kind in runs(_unescape(markup_text)):
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
