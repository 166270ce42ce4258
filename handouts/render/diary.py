"""The exercise diary: a tick sheet the patient brings to the next appointment."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table

from handouts.compose.handout import Diary
from handouts.render.script import Paragraph
from handouts.render.theme import RULE, Theme, table_style, tint


def diary_flowables(diary: Diary, theme: Theme, width: float) -> list[Flowable]:
    name_width = width * 0.3
    day_width = (width - name_width) / len(diary.days)
    head = [Paragraph(diary.exercise_label, theme.table_head)] + [
        Paragraph(day.replace("\n", "<br/>"), theme.table_head) for day in diary.days
    ]
    names = [Paragraph(title, theme.note) for title in diary.rows]
    rows = [[name] + [""] * len(diary.days) for name in names]
    # At least 11 mm to tick in; more where a long name (or large print) wraps.
    heights = [max(11 * mm, n.wrap(name_width - 12, 1e6)[1] + 8) for n in names]
    table = Table(
        [head, *rows],
        colWidths=[name_width] + [day_width] * len(diary.days),
        rowHeights=[None, *heights],
        repeatRows=1,
    )
    week = 1 + len(diary.days) // 2
    table.setStyle(
        table_style(
            theme,
            ("BACKGROUND", (0, 0), (-1, 0), theme.primary),
            ("GRID", (0, 0), (-1, -1), 0.5, RULE),
            ("LINEBEFORE", (week, 0), (week, -1), 1.5, theme.primary),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, tint(theme.primary, 0.95)]),
            ("LEFTPADDING", (1, 0), (-1, -1), 1),
            ("RIGHTPADDING", (1, 0), (-1, -1), 1),
        )
    )
    return [
        Paragraph(diary.heading, theme.h1),
        Paragraph(diary.help, theme.body),
        Spacer(1, 2 * mm),
        table,
        Spacer(1, 4 * mm),
    ]
