"""The exercise diary: a tick sheet the patient brings to the next appointment.

One row per exercise (its title with its dose underneath), one column per day,
and optionally a last row for the day's pain score.  Two weeks go in one table;
a four-week diary is two tables, each with its own row of dates.  Large print
puts one week in a table, because fourteen boxes 12 mm wide leave no room for
the exercises' names.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from handouts.compose.handout import Diary
from handouts.render.script import Paragraph
from handouts.render.tagging import Table, part
from handouts.render.theme import LARGE_PRINT_SMALLEST, RULE, Theme, table_style, tint

# Large print: tick boxes at least 12 mm both ways (issue 14); 13 mm leaves a
# margin for the grid lines.  Its text is never under LARGE_PRINT_SMALLEST.
LARGE_PRINT_BOX = 13 * mm
# Regular print: boxes big enough to tick with a pen, never wider than this.
BOX_HEIGHT = 10 * mm
MAX_BOX_WIDTH = 16 * mm
# The compact layout: still a comfortable box for a tick, so that the diary
# shares the last page with the last cards more often.
COMPACT_BOX_HEIGHT = 8 * mm


def diary_flowables(diary: Diary, theme: Theme, width: float, height: float) -> list[Flowable]:
    """The heading, the help line and the tables, the heading kept with the first table.

    ``height`` is the page frame's.  Why no page break before the diary: it
    shares the last page with the cards when it fits there.  A table that fits
    on a page is never split; one taller than a page (many exercises, large
    print) starts where its header and first two rows fit, and its header row
    repeats on the next page.
    """
    per_table = 7 if theme.large_print else 14
    days = diary.days
    # Made in reading order (the tagged PDF's order): the heading, then the tables.
    intro: list[Flowable] = [
        Paragraph(diary.heading, theme.h1),
        Paragraph(diary.help, theme.body),
        Spacer(1, 2 * mm),
    ]
    tables = [
        _table(diary, days[i : i + per_table], theme, width) for i in range(0, len(days), per_table)
    ]
    out = _kept(intro, *tables[0], width, height)
    for table in tables[1:]:
        out += [Spacer(1, 5 * mm), *_kept([], *table, width, height)]
    return out  # the closing box after it keeps its own space above


def _kept(
    above: list[Flowable], table: Table, start: float, width: float, height: float
) -> list[Flowable]:
    """``above`` and ``table`` on one page if they fit one; else from where ``above``,
    the table's header and its first rows (``start`` points) fit."""
    above_height = sum(
        f.wrap(width, height)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in above
    )
    if above_height + table.wrap(width, height)[1] <= height:
        return [KeepTogether([*above, table])]
    return [CondPageBreak(above_height + start), *above, table]


def _table(diary: Diary, days: Sequence[str], theme: Theme, width: float) -> tuple[Table, float]:
    """One table (the exercises down the side, ``days`` across the top), and the
    height of its header and first two rows: the least of it worth starting a page with."""
    styles = _Styles(theme)
    if theme.large_print:
        day_width = box_height = LARGE_PRINT_BOX
    else:
        day_width = min(MAX_BOX_WIDTH, width * 0.58 / len(days))
        box_height = COMPACT_BOX_HEIGHT if theme.compact else BOX_HEIGHT
    pad = 4 if theme.compact else 7  # points above and below a row's name and dose, together
    name_width = width - day_width * len(days)
    # A data table in the tagged PDF: a row of column headings (the days), then a
    # row per exercise, its name the row's heading.  The tick boxes are left out
    # of the structure: empty, for a pen, they hold nothing to read (and a
    # two-week diary would add 14 empty cells a row).
    with part("Table"):
        with part("TR"):
            head = [_cell("TH", "Column", diary.exercise_label, styles.head)] + [
                _cell("TH", "Column", day.replace("\n", "<br/>"), styles.head) for day in days
            ]
        names: list[list[Flowable]] = []
        rows: list[tuple[str, str | None]] = [(row.title, row.dose) for row in diary.rows]
        if diary.pain is not None:
            rows.append((diary.pain, None))
        for title, dose in rows:
            with part("TR"), part("TH", Scope="Row"):
                names.append(
                    [Paragraph(title, styles.name)]
                    + ([Paragraph(dose, styles.dose)] if dose is not None else [])
                )
    # Every row's height is set here, so a table that must split knows where it can.
    # Ticks: at least a box high; more where a long name or dose wraps.
    head_height = max(p.wrap(day_width - 2, 1e6)[1] for p in head[1:]) + 6
    heights = [max(box_height, _height(cell, name_width - 12) + pad) for cell in names]
    heights.insert(0, max(head_height, _height([head[0]], name_width - 12) + 6))
    table = Table(
        [head, *([cell] + [""] * len(days) for cell in names)],
        colWidths=[name_width] + [day_width] * len(days),
        rowHeights=heights,
        repeatRows=1,
    )
    table.setStyle(
        table_style(
            theme,
            ("BACKGROUND", (0, 0), (-1, 0), theme.primary),
            ("GRID", (0, 0), (-1, -1), 0.5, RULE),
            *(
                ("LINEBEFORE", (week, 0), (week, -1), 1.5, theme.primary)
                for week in range(8, len(days) + 1, 7)
            ),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, tint(theme.primary, 0.95)]),
            ("LEFTPADDING", (1, 0), (-1, -1), 1),
            ("RIGHTPADDING", (1, 0), (-1, -1), 1),
            *_pain_row_style(diary, theme),
        )
    )
    return table, sum(heights[:3])


def _cell(role: str, scope: str, text: str, style: ParagraphStyle) -> Paragraph:
    """A heading cell's paragraph, in its own ``TH`` of the tagged table."""
    with part(role, Scope=scope):
        return Paragraph(text, style)


def _pain_row_style(diary: Diary, theme: Theme) -> list[tuple[object, ...]]:
    """The pain row set apart from the ticks: a rule above it and a tint of its own."""
    if diary.pain is None:
        return []
    return [
        ("LINEABOVE", (0, -1), (-1, -1), 1.5, theme.primary),
        ("BACKGROUND", (0, -1), (-1, -1), tint(theme.accent, 0.88)),
    ]


def _height(cell: list[Flowable], width: float) -> float:
    return float(sum(p.wrap(width, 1e6)[1] for p in cell))


class _Styles:
    """The diary's text styles: the theme's small sizes in regular print; in large
    print all at the smallest large-print size (14 pt), so a week's rows fit a page."""

    def __init__(self, theme: Theme) -> None:
        size = LARGE_PRINT_SMALLEST if theme.large_print else None
        self.head = _style(theme.table_head, "diary_head", size)
        self.name = _style(theme.note, "diary_name", size, fontName=theme.h2.fontName)
        self.dose = _style(theme.small, "diary_dose", size, textColor=theme.muted)


def _style(parent: ParagraphStyle, name: str, size: float | None, **kw: object) -> ParagraphStyle:
    """``parent`` at ``size`` points (None: its own size), with no space after."""
    if size is not None:
        kw |= {"fontSize": size, "leading": size * 1.2}
    return ParagraphStyle(name, parent=parent, spaceAfter=0, **kw)
