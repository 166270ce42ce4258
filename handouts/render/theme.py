"""One stylesheet per handout, built from the clinic's colours.

Why derive every style from a few brand colours: a clinic sets three colours in
clinic.yaml and gets a coherent page, with tints computed rather than chosen.
Bands, rules and tinted boxes use the brand colours as given; text prints in the
readable shades ``handouts.models.colour.text_colours`` derives from them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import TableStyle

from handouts.compose.handout import Brand, Look
from handouts.models.colour import MUTED, text_colours
from handouts.models.colour import tint as tint_hex
from handouts.models.plan import Layout
from handouts.render.direction import right_to_left
from handouts.render.fonts import bold, register_fonts

GREY = colors.HexColor(MUTED)
RULE = colors.HexColor("#c9d1da")
# Greyscale printing: primary, accent and text colours.
GREYSCALE = ("#1f1f1f", "#5a5a5a", "#000000")


def tint(colour: colors.Color, amount: float) -> colors.Color:
    """Mix ``colour`` with white: amount 0 is the colour, 1 is white.

    The same mix as ``handouts.models.colour.tint``, which chooses the text
    colours that must read on these tints.
    """
    return colors.HexColor(tint_hex(_hex(colour), amount))


def _hex(colour: colors.Color) -> str:
    return "#" + str(colour.hexval())[2:]


@dataclass(frozen=True)
class Theme:
    """Colours and paragraph styles for one handout.

    ``primary`` and ``accent`` are for bands, rules and tints; text in those
    colours uses ``heading`` and ``sign``, text on a primary band ``on_primary``.
    """

    font: str
    primary: colors.Color
    accent: colors.Color
    text: colors.Color
    heading: colors.Color  # the primary colour, as dark as text needs: headings, bullets
    muted: colors.Color  # labels, details, captions, page furniture
    sign: colors.Color  # the accent colour, as dark as text needs: the ⚠ sign
    on_primary: colors.Color  # white or dark text on a primary band
    title: ParagraphStyle
    intro: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    body: ParagraphStyle
    list_item: ParagraphStyle
    list_item_last: ParagraphStyle
    small: ParagraphStyle
    label: ParagraphStyle
    card_title: ParagraphStyle
    card_details: ParagraphStyle
    step: ParagraphStyle
    dose: ParagraphStyle
    note: ParagraphStyle
    caption: ParagraphStyle
    table_head: ParagraphStyle
    change: ParagraphStyle
    greyscale: bool = False
    large_print: bool = False
    compact: bool = False  # the compact layout: tables and boxes drawn tighter


# Large print: the body size (issue: 16 pt or more) for older patients, and
# the smallest print on the page (labels, footer, page numbers, diary heads).
LARGE_PRINT_SIZE = 16.0
LARGE_PRINT_SMALLEST = 14.0
# Compact layout: half-width cards in a slightly smaller size, so two rows of
# cards fit on most pages.
COMPACT_SIZE = 8.5


def theme_for(brand: Brand, look: Look) -> Theme:
    """The theme for a handout's brand and look (large print, greyscale)."""
    if look.layout is Layout.COMPACT and not look.large_print:
        # Lines in the compact layout are half a page wide at most: they read
        # well a little closer together.
        theme = make_theme(brand, COMPACT_SIZE, greyscale=look.greyscale, leading=1.3)
        s = COMPACT_SIZE
        return replace(
            theme,
            compact=True,
            step=ParagraphStyle(
                "step_compact", parent=theme.step, leading=s * 1.22, spaceAfter=s * 0.12
            ),
            note=ParagraphStyle("note_compact", parent=theme.note, fontSize=s * 0.94),
            list_item=ParagraphStyle(
                "list_item_compact", parent=theme.list_item, spaceAfter=s * 0.15
            ),
        )
    if not look.large_print:
        return make_theme(brand, greyscale=look.greyscale)
    return _large_print(make_theme(brand, LARGE_PRINT_SIZE, greyscale=look.greyscale))


def _large_print(theme: Theme) -> Theme:
    """``theme`` (at the large-print body size) with nothing printed below 14 pt.

    Why every style: a patient who needs large print needs it for the dose
    label, the page number and the clinic's phone number too.  Notes, tips and
    safety are read as closely as the steps, so they print at the body size.
    Slightly tighter leading keeps a whole card on one page.
    """
    s, least = LARGE_PRINT_SIZE, LARGE_PRINT_SMALLEST

    def at_least(style: ParagraphStyle, leading: float) -> ParagraphStyle:
        size = max(style.fontSize, least)
        return ParagraphStyle(
            f"{style.name}_large", parent=style, fontSize=size, leading=size * leading
        )

    return replace(
        theme,
        large_print=True,
        step=ParagraphStyle("step_large", parent=theme.step, leading=s * 1.28),
        note=ParagraphStyle("note_large", parent=theme.note, fontSize=s, leading=s * 1.28),
        body=ParagraphStyle("body_large", parent=theme.body, leading=s * 1.32),
        small=at_least(theme.small, 1.2),
        label=at_least(theme.label, 1.2),
        caption=at_least(theme.caption, 1.15),
        table_head=at_least(theme.table_head, 1.15),
        card_details=at_least(theme.card_details, 1.3),
        change=at_least(theme.change, 1.3),
    )


def make_theme(
    brand: Brand, base_size: float = 10.0, *, greyscale: bool = False, leading: float = 1.4
) -> Theme:
    """The theme for a clinic's brand at a body text size of ``base_size`` points.

    ``greyscale`` swaps the brand colours for near-black and a dark grey: headings
    stay bold and dark, and boxes are told apart by fills and rules, not hue.
    """
    font = register_fonts()
    given = (brand.primary, brand.accent, brand.text)
    if greyscale:
        # Why fixed greys rather than each colour's own lightness: a pale brand
        # colour would turn into a pale grey heading on white.
        given = GREYSCALE
    primary, accent = colors.HexColor(given[0]), colors.HexColor(given[1])
    readable = text_colours(*given)
    ink = _Ink(
        heading=colors.HexColor(readable.heading),
        muted=colors.HexColor(readable.muted),
        on_primary=colors.HexColor(readable.on_primary),
    )
    text = colors.HexColor(readable.body)
    body = ParagraphStyle(
        "body",
        fontName=font,
        bulletFontName=font,
        fontSize=base_size,
        leading=base_size * leading,
        textColor=text,
        # A right-to-left handout is right-aligned throughout (see ``direction``).
        alignment=TA_RIGHT if right_to_left() else TA_LEFT,
        spaceAfter=base_size * 0.5,
        # Long unbroken "words" (a pasted URL, a 300-letter name) wrap inside
        # their box instead of running off the page.
        splitLongWords=True,
    )
    return Theme(
        font=font,
        primary=primary,
        accent=accent,
        text=text,
        heading=ink.heading,
        muted=ink.muted,
        sign=colors.HexColor(readable.sign),
        on_primary=ink.on_primary,
        body=body,
        **_page_styles(body, bold(font), ink),
        **_small_styles(body, bold(font), ink),
        **_card_styles(body, bold(font), ink),
        greyscale=greyscale,
    )


@dataclass(frozen=True)
class _Ink:
    """The text colours the styles below are built with."""

    heading: colors.Color
    muted: colors.Color
    on_primary: colors.Color


def _style(parent: ParagraphStyle, name: str, **kw: object) -> ParagraphStyle:
    return ParagraphStyle(name, parent=parent, **kw)


def _page_styles(body: ParagraphStyle, heavy: str, ink: _Ink) -> dict[str, ParagraphStyle]:
    """Titles, headings and lists, scaled from the body size."""
    s = body.fontSize
    heading = {"fontName": heavy, "textColor": ink.heading, "keepWithNext": True}
    # Bullets at the text's size: ParagraphStyle's default is 10 pt whatever the text.
    bullets = {
        "leftIndent": s * 1.5,
        "bulletIndent": s * 0.3,
        "bulletColor": ink.heading,
        "bulletFontSize": s,
    }
    return {
        "title": _style(
            body,
            "title",
            fontName=heavy,
            fontSize=s * 2.2,
            leading=s * 2.7,
            textColor=ink.heading,
            spaceAfter=s * 0.6,
        ),
        "intro": _style(body, "intro", fontSize=s * 1.1, leading=s * 1.55, spaceAfter=s),
        "h1": _style(
            body,
            "h1",
            **heading,
            fontSize=s * 1.6,
            leading=s * 2,
            spaceBefore=s * 1.2,
            spaceAfter=s * 0.6,
        ),
        "h2": _style(
            body,
            "h2",
            **heading,
            fontSize=s * 1.2,
            leading=s * 1.6,
            spaceBefore=s * 0.8,
            spaceAfter=s * 0.3,
        ),
        "list_item": _style(body, "list_item", **bullets, spaceAfter=s * 0.3),
        "list_item_last": _style(body, "list_item_last", **bullets),
    }


def _small_styles(body: ParagraphStyle, heavy: str, ink: _Ink) -> dict[str, ParagraphStyle]:
    """Small print: page furniture, labels, captions and table headings."""
    s = body.fontSize
    return {
        "small": _style(
            body, "small", fontSize=s * 0.8, leading=s * 1.05, textColor=ink.muted, spaceAfter=0
        ),
        "label": _style(
            body,
            "label",
            fontName=heavy,
            fontSize=s * 0.75,
            leading=s,
            textColor=ink.muted,
            spaceAfter=0,
        ),
        "caption": _style(
            body,
            "caption",
            fontSize=s * 0.7,
            leading=s * 0.9,
            textColor=ink.muted,
            spaceAfter=0,
            alignment=1,
        ),
        "table_head": _style(
            body,
            "table_head",
            fontName=heavy,
            fontSize=s * 0.75,
            leading=s * 0.9,
            textColor=ink.on_primary,
            alignment=1,
            spaceAfter=0,
        ),
    }


def _card_styles(body: ParagraphStyle, heavy: str, ink: _Ink) -> dict[str, ParagraphStyle]:
    """The exercise card's title, details, steps, dose, notes and change banner."""
    s = body.fontSize
    return {
        "card_title": _style(
            body,
            "card_title",
            fontName=heavy,
            fontSize=s * 1.3,
            leading=s * 1.6,
            textColor=ink.heading,
            spaceAfter=0,
        ),
        "card_details": _style(
            body,
            "card_details",
            fontSize=s * 0.85,
            leading=s * 1.2,
            textColor=ink.muted,
            spaceAfter=s * 0.5,
        ),
        "step": _style(body, "step", spaceAfter=s * 0.25, leading=s * 1.35),
        "dose": _style(
            body, "dose", fontName=heavy, fontSize=s * 1.05, leading=s * 1.4, spaceAfter=0
        ),
        "note": _style(body, "note", fontSize=s * 0.9, leading=s * 1.3, spaceAfter=s * 0.3),
        "change": _style(
            body,
            "change",
            fontSize=s * 0.9,
            leading=s * 1.2,
            textColor=ink.on_primary,
            spaceAfter=0,
        ),
    }


def table_style(theme: Theme, *commands: tuple[object, ...]) -> TableStyle:
    """A TableStyle in the handout's font.

    Why: a table cell otherwise selects Helvetica before drawing its contents,
    which puts an unembedded font reference on the page.
    """
    return TableStyle([("FONT", (0, 0), (-1, -1), theme.font), *commands])
