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
from typing import Any

from markupsafe import Markup
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate
from reportlab.platypus.doctemplate import LayoutError

from handouts.compose.handout import Handout
from handouts.compose.text import strip_markup
from handouts.errors import HandoutError
from handouts.render.artwork import picture
from handouts.render.fonts import FAMILY, bold
from handouts.render.greyscale import to_grey
from handouts.render.sample import draw_sample_mark
from handouts.render.script import Paragraph, draw_text, text_width
from handouts.render.theme import GREY, Theme

PAGE_SIZES = {"A4": A4, "Letter": LETTER}
MARGIN = 16 * mm
HEADER = 24 * mm  # from the top edge to the frame
FOOTER = 26 * mm  # from the bottom edge to the frame
LOGO_HEIGHT = 12 * mm
_FURNITURE = "furniture"


def numbered_canvas(label: Callable[[int, int], str], font: str, page_width: float) -> type[Canvas]:
    """A Canvas class that writes ``label(page, pages)`` at the foot of every page."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        pages = 0

        def showPage(self) -> None:  # noqa: N802 - ReportLab's name
            self.pages += 1
            self.doForm(_page_label_form(self.pages))
            super().showPage()

        def save(self) -> None:
            for page in range(1, self.pages + 1):
                self.beginForm(_page_label_form(page))
                self.setFillColor(GREY)
                text = label(page, self.pages)
                x = page_width - MARGIN - text_width(text, font, 8)
                draw_text(self, x, FOOTER - 8 * mm, text, font, 8)
                self.endForm()
            super().save()

    return NumberedCanvas


def _page_label_form(page: int) -> str:
    return f"page-label-{page}"


class HandoutDocument(BaseDocTemplate):  # type: ignore[misc]
    """A4/Letter document with the clinic's header and footer on every page."""

    def __init__(self, target: Any, handout: Handout, theme: Theme) -> None:
        page_size = PAGE_SIZES[handout.page_size]
        meta = handout.metadata
        super().__init__(
            target,
            pagesize=page_size,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=HEADER,
            bottomMargin=FOOTER,
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
        self._logo = picture(
            handout.brand.logo,
            40 * mm,
            LOGO_HEIGHT,
            greyscale=theme.greyscale,
            named_in=handout.brand.source,
            field="logo",
        )
        frame = Frame(
            MARGIN,
            FOOTER,
            page_size[0] - 2 * MARGIN,
            page_size[1] - HEADER - FOOTER,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="body",
        )
        template = PageTemplate(
            id="page", frames=[frame], onPage=self._furniture, onPageEnd=self._sample_mark
        )
        self.addPageTemplates([template])

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

    def _furniture(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        # Why a form: header and footer are the same on every page, so they are
        # laid out and stored once per document and each page refers to them;
        # a seven-page handout is smaller and quicker to make.
        if not canv.hasForm(_FURNITURE):
            width, height = self.pagesize
            canv.beginForm(_FURNITURE, 0, 0, width, height)
            self._header(canv, width, height)
            self._footer(canv, width)
            canv.endForm()
        canv.doForm(_FURNITURE)

    def _sample_mark(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        if self.handout.sample:
            width, height = self.pagesize
            draw_sample_mark(canv, width, height, self.theme.font)

    def _header(self, canv: Canvas, width: float, height: float) -> None:
        brand, theme = self.handout.brand, self.theme
        top = height - 8 * mm
        logo: Flowable = self._logo
        logo_w, logo_h = logo.wrap(40 * mm, LOGO_HEIGHT)
        logo.drawOn(canv, MARGIN, top - logo_h)
        canv.saveState()
        name_x = MARGIN + logo_w + 3 * mm
        canv.setFillColor(theme.primary)
        name = _fit(brand.name, bold(theme.font), 13, width * 0.55 - name_x)
        draw_text(canv, name_x, top - logo_h / 2 - 4.5, name, bold(theme.font), 13)
        canv.setFillColor(GREY)
        note = _fit(strip_markup(self.handout.header_note), theme.font, 8.5, width * 0.4 - MARGIN)
        note_x = width - MARGIN - text_width(note, theme.font, 8.5)
        draw_text(canv, note_x, top - logo_h / 2 - 3, note, theme.font, 8.5)
        canv.setStrokeColor(theme.primary)
        canv.setLineWidth(1.2)
        rule_y = height - HEADER + 4 * mm
        canv.line(MARGIN, rule_y, width - MARGIN, rule_y)
        canv.restoreState()

    def _footer(self, canv: Canvas, width: float) -> None:
        brand, theme = self.handout.brand, self.theme
        canv.saveState()
        canv.setStrokeColor(theme.primary)
        canv.setLineWidth(0.6)
        rule_y = FOOTER - 4 * mm
        canv.line(MARGIN, rule_y, width - MARGIN, rule_y)
        box_width = width - 2 * MARGIN - 24 * mm  # room for "Page N of M"
        y = rule_y - 1.5 * mm
        fine_print = Markup(" – ").join(p for p in (brand.footer, brand.disclaimer) if p)
        for markup in (brand.contact, fine_print):
            if not markup:
                continue
            para = Paragraph(markup, theme.small)
            _, h = para.wrap(box_width, 20 * mm)
            para.drawOn(canv, MARGIN, y - h)
            y -= h + 0.8 * mm
        canv.restoreState()


def _fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` shortened with an ellipsis so it fits ``width`` points."""
    if text_width(text, font, size) <= width:
        return text
    while text and text_width(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"
