"""One stylesheet per handout, built from the clinic's colours.

Why derive every style from a few brand colours: a clinic sets three colours in
clinic.yaml and gets a coherent page, with tints computed rather than chosen.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import TableStyle

from handouts.compose.handout import Brand, Look
from handouts.models.plan import Layout
from handouts.render.fonts import bold, register_fonts

GREY = colors.HexColor("#5b6470")
RULE = colors.HexColor("#c9d1da")
GREY_PRIMARY = colors.HexColor("#1f1f1f")
GREY_ACCENT = colors.HexColor("#5a5a5a")


def tint(colour: colors.Color, amount: float) -> colors.Color:
    """Mix ``colour`` with white: amount 0 is the colour, 1 is white."""
    r, g, b = colour.red, colour.green, colour.blue
    return colors.Color(r + (1 - r) * amount, g + (1 - g) * amount, b + (1 - b) * amount)


@dataclass(frozen=True)
class Theme:
    """Colours and paragraph styles for one handout."""

    font: str
    primary: colors.Color
    accent: colors.Color
    text: colors.Color
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


# Large print: the body size (issue: 16 pt or more) for older patients.
LARGE_PRINT_SIZE = 16.0
# Compact layout: half-width cards in a slightly smaller size, so two rows of
# cards fit on most pages.
COMPACT_SIZE = 8.5


def theme_for(brand: Brand, look: Look) -> Theme:
    """The theme for a handout's brand and look (large print, greyscale)."""
    if look.layout is Layout.COMPACT and not look.large_print:
        theme = make_theme(brand, COMPACT_SIZE, greyscale=look.greyscale)
        s = COMPACT_SIZE
        return replace(
            theme,
            step=ParagraphStyle(
                "step_compact", parent=theme.step, leading=s * 1.22, spaceAfter=s * 0.12
            ),
            note=ParagraphStyle("note_compact", parent=theme.note, fontSize=s * 0.94),
        )
    if not look.large_print:
        return make_theme(brand, greyscale=look.greyscale)
    theme = make_theme(brand, LARGE_PRINT_SIZE, greyscale=look.greyscale)
    s = LARGE_PRINT_SIZE
    regular = make_theme(brand, greyscale=look.greyscale)
    # Notes, tips and safety are read as closely as the steps: no smaller print
    # for them.  Slightly tighter leading keeps a whole card on one page.
    return replace(
        theme,
        large_print=True,
        step=ParagraphStyle("step_large", parent=theme.step, leading=s * 1.28),
        note=ParagraphStyle("note_large", parent=theme.note, fontSize=s, leading=s * 1.28),
        body=ParagraphStyle("body_large", parent=theme.body, leading=s * 1.32),
        # Page furniture, small-caps labels and the diary's narrow day columns
        # keep their regular size: they would not fit, and the patient reads the
        # values and the exercises, which are large.
        small=regular.small,
        label=ParagraphStyle("label_large", parent=regular.label, fontSize=9, leading=11),
        table_head=regular.table_head,
    )


def make_theme(brand: Brand, base_size: float = 10.0, *, greyscale: bool = False) -> Theme:
    """The theme for a clinic's brand at a body text size of ``base_size`` points.

    ``greyscale`` swaps the brand colours for near-black and a dark grey: headings
    stay bold and dark, and boxes are told apart by fills and rules, not hue.
    """
    font = register_fonts()
    primary = colors.HexColor(brand.primary)
    accent = colors.HexColor(brand.accent)
    text = colors.HexColor(brand.text)
    if greyscale:
        # Why fixed greys rather than each colour's own lightness: a pale brand
        # colour would turn into a pale grey heading on white.
        primary, accent, text = GREY_PRIMARY, GREY_ACCENT, colors.black
    body = ParagraphStyle(
        "body",
        fontName=font,
        bulletFontName=font,
        fontSize=base_size,
        leading=base_size * 1.4,
        textColor=text,
        alignment=TA_LEFT,
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
        body=body,
        **_page_styles(body, bold(font), primary),
        **_small_styles(body, bold(font)),
        **_card_styles(body, bold(font), primary),
        greyscale=greyscale,
    )


def _style(parent: ParagraphStyle, name: str, **kw: object) -> ParagraphStyle:
    return ParagraphStyle(name, parent=parent, **kw)


def _page_styles(
    body: ParagraphStyle, heavy: str, primary: colors.Color
) -> dict[str, ParagraphStyle]:
    """Titles, headings and lists, scaled from the body size."""
    s = body.fontSize
    heading = {"fontName": heavy, "textColor": primary, "keepWithNext": True}
    bullets = {"leftIndent": s * 1.5, "bulletIndent": s * 0.3, "bulletColor": primary}
    return {
        "title": _style(
            body,
            "title",
            fontName=heavy,
            fontSize=s * 2.2,
            leading=s * 2.7,
            textColor=primary,
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


def _small_styles(body: ParagraphStyle, heavy: str) -> dict[str, ParagraphStyle]:
    """Small print: page furniture, labels, captions and table headings."""
    s = body.fontSize
    return {
        "small": _style(
            body, "small", fontSize=s * 0.8, leading=s * 1.05, textColor=GREY, spaceAfter=0
        ),
        "label": _style(
            body,
            "label",
            fontName=heavy,
            fontSize=s * 0.75,
            leading=s,
            textColor=GREY,
            spaceAfter=0,
        ),
        "caption": _style(
            body,
            "caption",
            fontSize=s * 0.7,
            leading=s * 0.9,
            textColor=GREY,
            spaceAfter=0,
            alignment=1,
        ),
        "table_head": _style(
            body,
            "table_head",
            fontName=heavy,
            fontSize=s * 0.75,
            leading=s * 0.9,
            textColor=colors.white,
            alignment=1,
            spaceAfter=0,
        ),
    }


def _card_styles(
    body: ParagraphStyle, heavy: str, primary: colors.Color
) -> dict[str, ParagraphStyle]:
    """The exercise card's title, details, steps, dose, notes and change banner."""
    s = body.fontSize
    return {
        "card_title": _style(
            body,
            "card_title",
            fontName=heavy,
            fontSize=s * 1.3,
            leading=s * 1.6,
            textColor=primary,
            spaceAfter=0,
        ),
        "card_details": _style(
            body,
            "card_details",
            fontSize=s * 0.85,
            leading=s * 1.2,
            textColor=GREY,
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
            textColor=colors.white,
            spaceAfter=0,
        ),
    }


def table_style(theme: Theme, *commands: tuple[object, ...]) -> TableStyle:
    """A TableStyle in the handout's font.

    Why: a table cell otherwise selects Helvetica before drawing its contents,
    which puts an unembedded font reference on the page.
    """
    return TableStyle([("FONT", (0, 0), (-1, -1), theme.font), *commands])
