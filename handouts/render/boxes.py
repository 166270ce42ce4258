"""The boxes around the cards: patient details, changes since last visit, questions."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table

from handouts.compose.handout import Handout, SinceLastVisit
from handouts.render.card_parts import CardTable
from handouts.render.script import Paragraph
from handouts.render.theme import Theme, table_style, tint

# A patient-block value longer than this (characters of markup) gets a row of its own.
LONG_VALUE = 80


def since_box(since: SinceLastVisit, theme: Theme, width: float) -> Flowable:
    """What changed since the last visit, stopped exercises included."""
    box = Table([[Paragraph(since.text, theme.body)]], colWidths=[width])
    box.setStyle(
        table_style(
            theme,
            ("BACKGROUND", (0, 0), (-1, -1), tint(theme.accent, 0.88)),
            ("LINEBEFORE", (0, 0), (0, -1), 4, theme.primary),
            ("LEFTPADDING", (0, 0), (-1, -1), 4 * mm),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4 * mm),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1 * mm),
        )
    )
    box.spaceAfter = 5 * mm
    return box


def patient_block(handout: Handout, theme: Theme, width: float) -> Table:
    cells: list[list[object]] = [
        # A right-to-left name stays beside its label, not out at the next one.
        [
            Paragraph(label.upper(), theme.label),
            Paragraph(value, theme.body, align_by_direction=False),
        ]
        for label, value in handout.patient_rows
    ]
    # Two label/value pairs per row keep the block short on page one; a very long
    # value (a 300-character name) gets a row of its own, full width, so no row
    # is taller than a page (a table splits only between rows).  So does every
    # pair in large print, where "YOUR PRACTITIONER" needs the width.
    rows: list[list[object]]
    if theme.large_print or any(len(value) > LONG_VALUE for _, value in handout.patient_rows):
        rows = cells
        label = 0.36 if theme.large_print else 0.25
        widths = [width * label, width * (1 - label)]
    else:
        rows = [
            cells[i] + (cells[i + 1] if i + 1 < len(cells) else ["", ""])
            for i in range(0, len(cells), 2)
        ]
        col = width / 2
        widths = [col * 0.36, col * 0.64, col * 0.36, col * 0.64]
    table = Table(rows, colWidths=widths)
    table.setStyle(
        table_style(
            theme,
            ("BACKGROUND", (0, 0), (-1, -1), tint(theme.primary, 0.92)),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 2.2 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5 * mm),
            ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm),
            ("LINEABOVE", (0, 0), (-1, 0), 2, theme.primary),
        )
    )
    table.spaceAfter = 4 * mm
    return table


def closing_box(handout: Handout, theme: Theme, width: float) -> Flowable:
    """The "Questions?" box: on the page before it whenever it fits there, never split.

    Why a ``CardTable`` and ``spaceBefore``: the box moves whole only when it
    does not fit (it used to move whenever less than 40 mm was left, leaving a
    page 60 % white and the box alone on the next), and space before a
    flowable is dropped at the top of a page.
    """
    box = CardTable(
        [[Paragraph(handout.labels.closing, theme.h2)], [Paragraph(handout.closing, theme.body)]],
        colWidths=[width],
    )
    box.setStyle(
        table_style(
            theme,
            ("BACKGROUND", (0, 0), (-1, -1), tint(theme.primary, 0.9)),
            ("BOX", (0, 0), (-1, -1), 1, theme.primary),
            ("LEFTPADDING", (0, 0), (-1, -1), 5 * mm),
            ("RIGHTPADDING", (0, 0), (-1, -1), 5 * mm),
            ("TOPPADDING", (0, 0), (-1, 0), 3 * mm),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 3 * mm),
        )
    )
    box.spaceBefore = 3 * mm
    return box
