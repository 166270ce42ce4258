"""The pain guidance box: how much discomfort is fine, when to stop, when to call.

Why it stands after the last exercise, just before the questions box: it is the
rule for every exercise above it, read as the programme's last word; its "call
us" row leads into the clinic's contact details; and the diary's pain row, if
any, follows with the 0-10 scale just explained.  Placed before the first card
instead, it left half a page empty whenever that card did not fit under it (a
large-print card takes a page), and every handout needed a page more.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from handouts.compose.handout import PainGuidance
from handouts.models.colour import readable_on
from handouts.render.card_parts import CardTable
from handouts.render.script import Paragraph
from handouts.render.theme import Theme, table_style, tint


def pain_box(guidance: PainGuidance, theme: Theme, width: float) -> Flowable:
    """The heading and one row per paragraph of pain_guidance.j2, never split across pages."""
    fill = tint(theme.accent, 0.9)
    # The heading colour reads on paper and on the primary tints; on this
    # accent tint it may need a darker shade of itself.
    ink = colors.HexColor(readable_on(_hex(theme.heading), _hex(fill)))
    heading = ParagraphStyle("pain_heading", parent=theme.h2, spaceBefore=0, textColor=ink)
    body = ParagraphStyle("pain_body", parent=theme.body, spaceAfter=0)
    rows = [[Paragraph(guidance.heading, heading)]]
    rows += [[Paragraph(text, body)] for text in guidance.paragraphs]
    box = CardTable(rows, colWidths=[width])
    box.setStyle(
        table_style(
            theme,
            ("BACKGROUND", (0, 0), (-1, -1), fill),
            ("LINEBEFORE", (0, 0), (0, -1), 4, theme.accent),
            ("LEFTPADDING", (0, 0), (-1, -1), 4 * mm),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4 * mm),
            ("TOPPADDING", (0, 0), (-1, -1), 0.6 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0.8 * mm),
            ("TOPPADDING", (0, 0), (-1, 0), 2 * mm),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 2.2 * mm),
        )
    )
    # No space after: the questions box that follows has its own.
    box.spaceBefore = 1 * mm
    return box


def _hex(colour: colors.Color) -> str:
    return "#" + str(colour.hexval())[2:]
