"""A handout's second language: each section and card's words again, beneath, smaller and lighter.

Why beneath and lighter rather than side by side: the patient reads their own
language first and in full; the second (for a family member who helps) is there
to follow along, and a page of two equal columns would be twice as long to
scan.  Each part is laid out in the second language's own direction (English
left-aligned under Arabic, Arabic right-aligned under Spanish), and its
structure elements carry its language, so a screen reader switches voice.
"""

from __future__ import annotations

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Spacer

from handouts.compose.handout import SecondCard, SecondSection
from handouts.render.direction import is_rtl_language, laid_out
from handouts.render.script import Paragraph
from handouts.render.tagging import part
from handouts.render.theme import Theme

SCALE = 0.9  # of the body size


def _styles(theme: Theme, language: str) -> tuple[ParagraphStyle, ParagraphStyle, ParagraphStyle]:
    """Heading, text and list item styles for the second language: smaller, muted, its own way."""
    align = TA_RIGHT if is_rtl_language(language) else TA_LEFT
    size = theme.body.fontSize * SCALE
    common = {
        "fontSize": size,
        "leading": size * 1.35,
        "textColor": theme.muted,
        "alignment": align,
    }
    heading = ParagraphStyle(
        "second_heading", parent=theme.body, fontName=theme.h2.fontName, **common, spaceAfter=1
    )
    text = ParagraphStyle("second_text", parent=theme.body, **common, spaceAfter=size * 0.4)
    item = ParagraphStyle(
        "second_item",
        parent=theme.list_item,
        **common,
        bulletFontSize=size,
        bulletColor=theme.muted,
        spaceAfter=size * 0.2,
    )
    return heading, text, item


def _in_language(flowables: list[Paragraph], language: str) -> list[Flowable]:
    for paragraph in flowables:
        if paragraph.tag is not None:
            paragraph.tag.lang = language
    return list(flowables)


def second_section(second: SecondSection, theme: Theme) -> list[Flowable]:
    """The section again in the second language: its heading, paragraphs and lists."""
    heading_style, text, item = _styles(theme, second.language)
    with laid_out(is_rtl_language(second.language)):
        out = [Paragraph(second.heading, heading_style)]
        for block in second.blocks:
            if block.kind in ("ul", "ol"):
                with part("L"):
                    for n, entry in enumerate(block.items, start=1):
                        with part("LI"):
                            bullet = f"{n}." if block.kind == "ol" else "•"
                            out.append(Paragraph(entry, item, bulletText=bullet))
            else:
                out.append(Paragraph(block.items[0], text))
    return [Spacer(1, theme.body.fontSize * 0.3), *_in_language(out, second.language)]


def second_card(second: SecondCard, theme: Theme) -> list[Flowable]:
    """The exercise's title, numbered steps, tips and safety note in the second language."""
    heading_style, text, item = _styles(theme, second.language)
    with laid_out(is_rtl_language(second.language)):
        out = [Paragraph(second.title, heading_style)]
        with part("L"):
            for n, step in enumerate(second.steps, start=1):
                with part("LI"):
                    out.append(Paragraph(step, item, bulletText=f"{n}."))
        if second.tips:
            out.append(Paragraph(" ".join(second.tips), text))
        warning = f"<font color='#{theme.sign.hexval()[2:]}'>⚠</font>"
        out.append(Paragraph(f"{warning} {second.safety}", text))
    return [Spacer(1, theme.body.fontSize * 0.4), *_in_language(out, second.language)]
