"""The boxes around the cards: patient details, changes since last visit, questions."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from handouts.compose.handout import Handout, SinceLastVisit
from handouts.compose.text import strip_markup
from handouts.render.card_parts import CardTable
from handouts.render.script import Paragraph, text_width
from handouts.render.tagging import Table, table_structure
from handouts.render.theme import Theme, table_style, tint


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
    """Who the sheet is for: label and value pairs, two pairs a row where they fit.

    A value that would wrap in half the width ("Tuesday 15 December 2026,
    18:00", a long name) gets a row of its own, after the pairs, so no value
    breaks mid-line beside an empty cell; every pair does in large print, where
    "YOUR PRACTITIONER" needs the width.  A table splits only between rows, so
    no row is ever taller than a page.
    """
    pairs = [
        # A right-to-left name stays beside its label, not out at the next one.
        (
            Paragraph(label.upper(), theme.label),
            Paragraph(value, theme.body, align_by_direction=False),
        )
        for label, value in handout.patient_rows
    ]
    longest_label = max(
        (
            text_width(strip_markup(label.upper()), theme.label.fontName, theme.label.fontSize)
            for label, _ in handout.patient_rows
        ),
        default=0.0,
    )
    pad = 6 * mm  # a cell's left and right padding together
    if theme.large_print:
        label = width * 0.36
        rows: list[list[object]] = [[name, value] for name, value in pairs]
        table_structure(rows, row_heads=(0,), padded=True)
        return _patient_style(Table(rows, colWidths=[label, width - label]), theme, [])
    col = width / 2
    label = min(col * 0.45, longest_label + pad + 1)
    fits = [_lines(value, col - label - pad) == 1 for _, value in pairs]
    narrow = [pair for pair, fit in zip(pairs, fits, strict=True) if fit]
    wide = [pair for pair, fit in zip(pairs, fits, strict=True) if not fit]
    rows = [
        [*narrow[i], *(narrow[i + 1] if i + 1 < len(narrow) else ("", ""))]
        for i in range(0, len(narrow), 2)
    ]
    spans = [("SPAN", (1, row), (3, row)) for row in range(len(rows), len(rows) + len(wide))]
    rows += [[name, value, "", ""] for name, value in wide]
    # Read as a table: each label the heading of its value.
    table_structure(rows, row_heads=(0, 2), padded=True)
    table = Table(rows, colWidths=[label, col - label, label, col - label])
    return _patient_style(table, theme, spans)


def _lines(paragraph: Paragraph, width: float) -> int:
    paragraph.wrap(width, 1e6)
    return len(paragraph.blPara.lines)


def _patient_style(table: Table, theme: Theme, spans: Sequence[tuple[object, ...]]) -> Table:
    """The block's tint and rule, with ``spans`` (a wide value across three columns)."""
    table.setStyle(
        table_style(
            theme,
            *spans,
            ("BACKGROUND", (0, 0), (-1, -1), tint(theme.primary, 0.92)),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            # Compact: rows closer together, for more room on page one.
            ("TOPPADDING", (0, 0), (-1, -1), (1.4 if theme.compact else 2.2) * mm),
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
