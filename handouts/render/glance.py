"""Page one's "at a glance" box: every exercise with its dose, one line each.

Why a two-column table (title | dose) rather than "title — dose" lines: the
doses line up, so the patient reads down one column to see how often each
exercise is done, and a long title wraps in its own column.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether

from handouts.compose.handout import Glance
from handouts.render.script import Paragraph
from handouts.render.tagging import Table, table_structure
from handouts.render.theme import RULE, Theme, table_style, tint

_PAD = 2.5 * mm


def glance_box(glance: Glance, theme: Theme, width: float, height: float) -> list[Flowable]:
    """The box, on one page unless it is taller than a third of one (``height``, the frame's).

    Why a third: a box moved whole to the next page leaves no more than that
    empty.  A taller box (large print, many exercises) starts where its heading
    and three exercises fit, and its heading repeats on the next page.
    """
    s = theme.body.fontSize
    title = ParagraphStyle(
        "glance_title", parent=theme.body, fontName=theme.h2.fontName, leading=s * 1.25
    )
    title.spaceAfter = 0
    dose = ParagraphStyle("glance_dose", parent=title, fontName=theme.body.fontName)
    heading = ParagraphStyle("glance_heading", parent=theme.h2, spaceBefore=0, spaceAfter=0)
    rows: list[list[object]] = [[Paragraph(glance.heading, heading), ""]]
    rows += [[Paragraph(t, title), Paragraph(d, dose)] for t, d in glance.rows]
    # Read as a table: each exercise the heading of its dose (the box's own
    # heading, in its first row, stays a heading before it).
    table_structure(rows[1:], row_heads=(0,))
    title_width = _title_column(glance, title, dose, width)
    widths = [title_width, width - title_width]
    table = _table(rows, widths, theme)
    table.spaceAfter = 3.5 * mm
    if table.wrap(width, height)[1] <= height / 3:
        return [KeepTogether([table])]
    start = _table(rows[:4], widths, theme).wrap(width, height)[1]
    return [CondPageBreak(start), table]


def _table(rows: list[list[object]], widths: list[float], theme: Theme) -> Table:
    """The heading row across both columns, then one ruled row per exercise."""
    table = Table(rows, colWidths=widths, repeatRows=1)
    # The compact layout: rows closer together, so that page one has more room
    # for the text about the condition.
    pad = 0.6 if theme.compact else 1.0
    table.setStyle(
        table_style(
            theme,
            ("SPAN", (0, 0), (-1, 0)),
            ("BACKGROUND", (0, 0), (-1, 0), tint(theme.primary, 0.92)),
            ("LINEABOVE", (0, 0), (-1, 0), 2, theme.primary),
            ("LINEBELOW", (0, 1), (-1, -2), 0.5, RULE),
            ("LINEBELOW", (0, -1), (-1, -1), 0.75, theme.primary),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), _PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), _PAD),
            ("TOPPADDING", (0, 0), (-1, -1), 1.2 * mm * pad),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.4 * mm * pad),
            ("TOPPADDING", (0, 0), (-1, 0), 1.8 * mm),
        )
    )
    return table


def _title_column(
    glance: Glance, title: ParagraphStyle, dose: ParagraphStyle, width: float
) -> float:
    """The title column's width that makes the box shortest (30% to 50% of ``width``).

    Why measured: titles and doses vary in length from clinic to clinic; a fixed
    split wraps either the long titles or the long doses when the other column
    has room to spare.
    """

    def height(split: float) -> float:
        left, right = width * split - 2 * _PAD, width * (1 - split) - 2 * _PAD
        return float(
            sum(
                max(Paragraph(t, title).wrap(left, 1e6)[1], Paragraph(d, dose).wrap(right, 1e6)[1])
                for t, d in glance.rows
            )
        )

    # Ties go to the narrower title column: the doses are what the patient compares.
    return float(width * min((height(s / 100), s) for s in range(30, 51, 4))[1] / 100)
