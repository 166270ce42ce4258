"""The page furniture: running header with the clinic's logo and name, footer with
contact details, disclaimer and "Page N of M" on every page.

Why a canvas that defers the page number: "of M" is only known once every page
is laid out, so each page's drawing is kept and the numbers are stamped on at
save time (a single pass, instead of building the document twice).
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from handouts.compose.handout import Handout
from handouts.compose.text import strip_markup
from handouts.render.artwork import picture
from handouts.render.fonts import FAMILY, bold
from handouts.render.greyscale import to_grey
from handouts.render.script import Paragraph, draw_text, text_width
from handouts.render.theme import GREY, Theme

PAGE_SIZES = {"A4": A4, "Letter": LETTER}
MARGIN = 16 * mm
HEADER = 24 * mm  # from the top edge to the frame
FOOTER = 26 * mm  # from the bottom edge to the frame
LOGO_HEIGHT = 12 * mm
_FURNITURE = "furniture"


def numbered_canvas(label: Any) -> type[Canvas]:
    """A Canvas class that writes ``label(page, pages)`` on every page when saved."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - ReportLab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                width, _ = self._pagesize
                self.saveState()
                self.setFillColor(GREY)
                text = label(self._pageNumber, total)
                x = width - MARGIN - text_width(text, self._handout_font, 8)
                draw_text(self, x, FOOTER - 8 * mm, text, self._handout_font, 8)
                self.restoreState()
                super().showPage()
            super().save()

    return NumberedCanvas


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
        self._logo = picture(handout.brand.logo, 40 * mm, LOGO_HEIGHT, greyscale=theme.greyscale)
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
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._furniture)])

    def _furniture(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        canv._handout_font = self.theme.font  # read by NumberedCanvas.save
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
