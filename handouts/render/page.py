"""The page furniture: running header with the clinic's logo and name, footer with
contact details, disclaimer and "Page N of M" on every page.

Why the page number is a form: "of M" is only known once every page is laid
out.  Each page refers to a form XObject holding its own label, which
``Canvas.doForm`` allows to be defined later; the canvas draws the labels when
the document is saved and the count is known.  One pass instead of building the
document twice, with public canvas methods only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

from markupsafe import Markup
from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate
from reportlab.platypus.doctemplate import LayoutError

from handouts.compose.handout import Handout
from handouts.compose.text import strip_markup
from handouts.errors import HandoutError
from handouts.models.plan import Layout
from handouts.render.artwork import picture
from handouts.render.direction import right_to_left
from handouts.render.fonts import FAMILY, bold
from handouts.render.greyscale import to_grey
from handouts.render.sample import draw_sample_mark
from handouts.render.script import Paragraph, draw_text, text_width
from handouts.render.tagging import Element, Structure, artifact, draw_marked, unmarked
from handouts.render.theme import GREY, LARGE_PRINT_SMALLEST, Theme

PAGE_SIZES = {"A4": A4, "Letter": LETTER}
MARGIN = 16 * mm
HEADER = 24 * mm  # from the top edge to the frame
FOOTER = 26 * mm  # from the bottom edge to the frame
LOGO_HEIGHT = 12 * mm
_TOP = 8 * mm  # from the top edge to the logo
_NOTE_ROW = 8 * mm  # large print: who and when, on a line under the clinic's name
_LARGE_FOOTER = 22 * mm  # large print, after the first page: one line
_FURNITURE = "furniture"
_LOGO = "logo"


@dataclass(frozen=True)
class _Sizes:
    """Type sizes of the page furniture, in points."""

    name: float  # the clinic's name, top left
    note: float  # who and when, top right
    label: float  # "Page N of M"


_STANDARD = _Sizes(name=13, note=8.5, label=8)
# Large print: nothing under 14 pt (see theme.LARGE_PRINT_SMALLEST).
_LARGE = _Sizes(name=16, note=LARGE_PRINT_SMALLEST, label=LARGE_PRINT_SMALLEST)


@dataclass(frozen=True)
class _Label:
    """Where a page's "Page N of M" goes: an edge, baseline, size and colour.

    ``right`` is the label's right edge; with ``from_left`` its left edge (the
    bottom left corner of a right-to-left handout).
    """

    right: float
    baseline: float
    size: float
    colour: Color
    from_left: bool = False


def numbered_canvas(
    label: Callable[[int, int], str],
    font: str,
    page_width: float,
    structure: Structure | None = None,
) -> type[Canvas]:
    """A Canvas class that writes ``label(page, pages)`` at the foot of every page.

    The document says where on each page (``place_label``); a page it says
    nothing about gets the standard place and size.  With a ``structure``, the
    canvas records marked content and links for the tagged PDF (``tagging``).
    """
    standard = _Label(page_width - MARGIN, FOOTER - 8 * mm, _STANDARD.label, GREY)

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        pages = 0

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.places: dict[int, _Label] = {}
            self.structure = structure
            self.artifact_depth = 0
            self.current_element = None

        def linkURL(self, *args: Any, **kwargs: Any) -> None:  # noqa: N802 - ReportLab's name
            super().linkURL(*args, **kwargs)
            if self.structure is not None:
                self.structure.link(self.getPageNumber() - 1, self.current_element)

        def place_label(self, place: _Label) -> None:
            """Put the current page's label at ``place``."""
            self.places[self.pages + 1] = place

        def showPage(self) -> None:  # noqa: N802 - ReportLab's name
            self.pages += 1
            with artifact(self):
                self.doForm(_page_label_form(self.pages))
            super().showPage()

        def save(self) -> None:
            for page in range(1, self.pages + 1):
                place = self.places.get(page, standard)
                self.beginForm(_page_label_form(page))
                self.setFillColor(place.colour)
                text = label(page, self.pages)
                x = place.right
                if not place.from_left:
                    x -= text_width(text, font, place.size)
                draw_text(self, x, place.baseline, text, font, place.size)
                self.endForm()
            super().save()

    return NumberedCanvas


def _page_label_form(page: int) -> str:
    return f"page-label-{page}"


class HandoutDocument(BaseDocTemplate):  # type: ignore[misc]
    """A4/Letter document with the clinic's header and footer on every page.

    Large print sets the furniture at 14 pt and more, so it grows: the patient's
    name and date move under the clinic's name when they do not fit beside it,
    and the footer holds the clinic's phone number and the page number, with the
    full contact details and fine print on the first page only.  The compact
    layout, made to save paper, keeps the fine print to the first page too: later
    pages carry the contact line and the page number.
    """

    def __init__(self, target: Any, handout: Handout, theme: Theme) -> None:
        page_size = PAGE_SIZES[handout.page_size]
        logo = picture(
            handout.brand.logo,
            40 * mm,
            LOGO_HEIGHT,
            greyscale=theme.greyscale,
            named_in=handout.brand.source,
            field="logo",
        )
        layout = _Layout.of(handout, theme, page_size[0], logo)
        meta = handout.metadata
        super().__init__(
            target,
            pagesize=page_size,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=layout.header,
            bottomMargin=layout.footer,
            title=meta.title,
            author=meta.author,
            subject=meta.subject,
            creator=meta.creator,
            producer=meta.creator,
            keywords="patient handout, home exercise programme",
            # Identical input gives identical bytes (no timestamps, fixed ids):
            # batches can be checked and cached, and tests can compare files.
            invariant=True,
            # Start pages in our embedded font: ReportLab's default, Helvetica,
            # would be referenced (unembedded) on every page.
            initialFontName=FAMILY,
            # Greyscale: every colour set on the canvas or a text object passes
            # through this hook, the illustrations' colours included.
            enforceColorSpace=to_grey if theme.greyscale else None,
        )
        self.handout = handout
        self.theme = theme
        self._logo = logo
        self._layout = layout
        later = self._template("page", layout.footer, first=False)
        if layout.first_footer == layout.footer:
            self.addPageTemplates([later])
        else:
            first = self._template("first", layout.first_footer, first=True)
            first.autoNextPageTemplate = "page"
            self.addPageTemplates([first, later])

    def _template(self, name: str, footer: float, *, first: bool) -> PageTemplate:
        width, height = self.pagesize
        frame = Frame(
            MARGIN,
            footer,
            width - 2 * MARGIN,
            height - self._layout.header - footer,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="body",
        )
        return PageTemplate(
            id=name,
            frames=[frame],
            onPage=partial(self._furniture, first=first),
            onPageEnd=self._sample_mark,
        )

    def beforeDocument(self) -> None:  # noqa: N802 - ReportLab's hook, called once the canvas exists
        """Date the PDF (CreationDate, ModDate) with the handout's own date.

        Why: ``invariant`` stamps every file 1 January 2000 so that the same input
        gives the same bytes; the plan's date keeps that and tells a reader when
        the handout was written.  ``setDateFormatter`` is the canvas's public hook.
        """
        stamp = f"D:{self.handout.metadata.created:%Y%m%d}000000+00'00'"
        self.canv.setDateFormatter(lambda *_: stamp)

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        """As Platypus does, but a part too large for a page is named (never quoted).

        A flowable may carry ``handout_part`` ("exercise step-ups, its note"),
        set by the card builders; anything else fails with ``pdf.py``'s message.
        """
        part = str(getattr(flowables[0], "handout_part", "")) if flowables else ""
        try:
            super().handle_flowable(flowables)
        except LayoutError:
            if not part:
                raise
            raise HandoutError(
                f"the handout could not be laid out: {part} does not fit on one page"
            ) from None

    def _furniture(self, canv: Canvas, doc: BaseDocTemplate, *, first: bool) -> None:
        # Why a form: header and footer are the same on every page, so they are
        # laid out and stored once per document and each page refers to them;
        # a seven-page handout is smaller and quicker to make.
        width, height = self.pagesize
        full = first or not self._layout.short_later  # the whole footer, or one line
        name = _FURNITURE if full else f"{_FURNITURE}-short"
        if not canv.hasForm(name):
            canv.beginForm(name, 0, 0, width, height)
            with unmarked(canv):  # each page marks the form, as an artifact
                self._header(canv, width, height)
                fine_print = self._layout.fine_print(self.handout, self.theme)
                if full:
                    self._footer(canv, width, self._layout.first_footer, fine_print)
                elif self.theme.large_print:
                    self._short_footer(canv, width)
                else:
                    self._footer(canv, width, self._layout.footer, fine_print[:1])
            canv.endForm()
        with artifact(canv):
            canv.doForm(name)
        self._draw_logo(canv, height)
        place_label = getattr(canv, "place_label", None)
        if place_label is not None:
            place_label(self._label_place(width, first=first))

    def _draw_logo(self, canv: Canvas, height: float) -> None:
        """The clinic's logo: on the first page a figure named for the clinic (it is
        the first thing on the sheet), on later pages decoration like the rest of
        the header.  A form of its own, so it is drawn once for all pages."""
        if not canv.hasForm(_LOGO):
            canv.beginForm(_LOGO, 0, 0, *self.pagesize)
            with unmarked(canv):
                logo_w, logo_h = self._logo.wrap(40 * mm, LOGO_HEIGHT)
                x = self.pagesize[0] - MARGIN - logo_w if right_to_left() else MARGIN
                self._logo.drawOn(canv, x, height - _TOP - logo_h)
            canv.endForm()
        structure: Structure | None = getattr(canv, "structure", None)
        if structure is None or canv.getPageNumber() > 1:
            with artifact(canv):
                canv.doForm(_LOGO)
            return
        brand = self.handout.brand
        logo = Element("Figure", alt=brand.logo_alt or strip_markup(brand.name))
        logo.parent = structure.root
        structure.root.kids.insert(0, logo)
        draw_marked(canv, logo, lambda: canv.doForm(_LOGO))

    def _label_place(self, width: float, *, first: bool) -> _Label:
        """Where "Page N of M" goes: beside the first line of the footer."""
        size = self._layout.sizes.label
        footer = self._layout.first_footer if first else self._layout.footer
        baseline = footer - 8 * mm
        if self.theme.large_print:
            baseline = _first_baseline(footer, size)
        if right_to_left():  # the mirror: at the left, beside the end of the footer's lines
            return _Label(MARGIN, baseline, size, self.theme.muted, from_left=True)
        return _Label(width - MARGIN, baseline, size, self.theme.muted)

    def _sample_mark(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        if self.handout.sample:
            width, height = self.pagesize
            with artifact(canv):
                draw_sample_mark(canv, width, height, self.theme.font)

    def _header(self, canv: Canvas, width: float, height: float) -> None:
        theme, layout = self.theme, self._layout
        sizes, heavy = layout.sizes, bold(theme.font)
        top = height - _TOP
        logo_w, logo_h = self._logo.wrap(40 * mm, LOGO_HEIGHT)  # drawn by _draw_logo
        canv.saveState()
        rtl = right_to_left()  # the mirror: logo and name at the right, the note at the left
        name_x = MARGIN + logo_w + 3 * mm
        if rtl:
            name_x = width - MARGIN - logo_w - 3 * mm - text_width(layout.name, heavy, sizes.name)
        middle = top - logo_h / 2  # text is centred on the logo: its baseline 0.35 em lower
        canv.setFillColor(theme.heading)
        draw_text(canv, name_x, middle - 0.35 * sizes.name, layout.name, heavy, sizes.name)
        canv.setFillColor(theme.muted)
        note_x = width - MARGIN - text_width(layout.note, theme.font, sizes.note)
        if rtl:
            note_x = MARGIN
        note_y = middle - 0.35 * sizes.note
        if layout.note_below:
            # 1.5 mm under the logo, less the text's ascent: clear of the rule below.
            note_y = top - LOGO_HEIGHT - 1.5 * mm - 0.76 * sizes.note
        draw_text(canv, note_x, note_y, layout.note, theme.font, sizes.note)
        canv.setStrokeColor(theme.primary)
        canv.setLineWidth(1.2)
        rule_y = height - layout.header + 4 * mm
        canv.line(MARGIN, rule_y, width - MARGIN, rule_y)
        canv.restoreState()

    def _footer(self, canv: Canvas, width: float, footer: float, lines: list[Paragraph]) -> None:
        """The rule, then ``lines`` (the contact line and the fine print), at the foot of a page."""
        canv.saveState()
        canv.setStrokeColor(self.theme.primary)
        canv.setLineWidth(0.6)
        rule_y = footer - 4 * mm
        canv.line(MARGIN, rule_y, width - MARGIN, rule_y)
        y = rule_y - 1.5 * mm
        # Right to left, the lines end at the right margin; the page number is at the left.
        x = width - MARGIN - self._layout.footer_width if right_to_left() else MARGIN
        for para in lines:
            _, h = para.wrap(self._layout.footer_width, footer)
            para.drawOn(canv, x, y - h)
            y -= h + 0.8 * mm
        canv.restoreState()

    def _short_footer(self, canv: Canvas, width: float) -> None:
        """Large print after the first page: the rule and the clinic's phone number."""
        theme, size = self.theme, self._layout.sizes.label
        canv.saveState()
        canv.setStrokeColor(theme.primary)
        canv.setLineWidth(0.6)
        rule_y = self._layout.footer - 4 * mm
        canv.line(MARGIN, rule_y, width - MARGIN, rule_y)
        canv.setFillColor(theme.muted)
        contact = _fit(
            self.handout.brand.short_contact, theme.font, size, self._layout.footer_width
        )
        x = MARGIN
        if right_to_left():
            x = width - MARGIN - text_width(contact, theme.font, size)
        draw_text(canv, x, _first_baseline(self._layout.footer, size), contact, theme.font, size)
        canv.restoreState()


@dataclass(frozen=True)
class _Layout:
    """The sizes and texts of one handout's header and footer."""

    sizes: _Sizes
    name: str  # the clinic's name, shortened to fit
    note: str  # who and when, shortened to fit
    note_below: bool  # on a line of its own, under the clinic's name
    header: float  # from the top edge to the frame
    footer: float  # from the bottom edge to the frame
    first_footer: float  # the same on the first page (large print, compact: the full footer)
    footer_width: float  # for the footer's text, beside the page number
    short_later: bool = False  # after the first page, a footer of one line

    @classmethod
    def of(cls, handout: Handout, theme: Theme, width: float, logo: Flowable) -> _Layout:
        """The layout for ``handout`` on a page ``width`` wide, with its ``logo``."""
        name_x = MARGIN + logo.wrap(40 * mm, LOGO_HEIGHT)[0] + 3 * mm
        heavy, font = bold(theme.font), theme.font
        note = strip_markup(handout.header_note)
        if not theme.large_print:
            layout = cls(
                sizes=_STANDARD,
                name=_fit(handout.brand.name, heavy, _STANDARD.name, width * 0.55 - name_x),
                note=_fit(note, font, _STANDARD.note, width * 0.4 - MARGIN),
                note_below=False,
                header=HEADER,
                footer=FOOTER,
                first_footer=FOOTER,
                footer_width=width - 2 * MARGIN - 24 * mm,  # room for "Page N of M"
            )
            if handout.look.layout is not Layout.COMPACT:
                return layout
            contact = layout.fine_print(handout, theme)[:1]
            height = sum(p.wrap(layout.footer_width, 1e6)[1] for p in contact)
            # As the full footer: the rule 4 mm under the frame, the text 1.5 mm
            # under the rule, and at least the full footer's margin under the text.
            return replace(layout, footer=_footer_height(height), short_later=True)
        sizes = _LARGE
        room = width - MARGIN - name_x
        name = _fit(handout.brand.name, heavy, sizes.name, room)
        beside = text_width(name, heavy, sizes.name) + 6 * mm + text_width(note, font, sizes.note)
        note_below = beside > room
        widest_label = text_width(handout.page_label(888, 888), font, sizes.label)
        footer_width = width - 2 * MARGIN - widest_label - 4 * mm
        layout = cls(
            sizes=sizes,
            name=name,
            note=_fit(note, font, sizes.note, width - 2 * MARGIN if note_below else room),
            note_below=note_below,
            header=HEADER + (_NOTE_ROW if note_below else 0),
            footer=_LARGE_FOOTER,
            first_footer=_LARGE_FOOTER,
            footer_width=footer_width,
            short_later=True,
        )
        fine_print = layout.fine_print(handout, theme)
        height = sum(p.wrap(footer_width, 1e6)[1] + 0.8 * mm for p in fine_print)
        return replace(layout, first_footer=max(_LARGE_FOOTER, _footer_height(height)))

    @staticmethod
    def fine_print(handout: Handout, theme: Theme) -> list[Paragraph]:
        """The contact line, then the clinic's footer line and disclaimer."""
        brand = handout.brand
        fine = Markup(" – ").join(p for p in (brand.footer, brand.disclaimer) if p)
        return [Paragraph(markup, theme.small) for markup in (brand.contact, fine) if markup]


def _footer_height(text: float) -> float:
    """From the bottom edge to the frame, for a footer whose text is ``text`` points tall:
    the rule 4 mm under the frame, the text 1.5 mm under the rule, 8 mm of margin."""
    return float(4 * mm + 1.5 * mm + text + 8 * mm)


def _first_baseline(footer: float, size: float) -> float:
    """The baseline of a footer's first line of ``size`` points (under its rule)."""
    return float(footer - 5.5 * mm - size)


def _fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` shortened with an ellipsis so it fits ``width`` points."""
    if text_width(text, font, size) <= width:
        return text
    while text and text_width(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"
