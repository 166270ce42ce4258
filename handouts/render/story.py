"""The order of a handout's content as Platypus flowables."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Spacer,
    Table,
)

from handouts.compose.handout import Block, Diary, Handout, SinceLastVisit
from handouts.models.plan import Layout
from handouts.render.card import exercise_card, stacked_cards
from handouts.render.flowing import FlowingCard
from handouts.render.script import Paragraph
from handouts.render.theme import RULE, Theme, table_style, tint

# A patient-block value longer than this (characters of markup) gets a row of its own.
LONG_VALUE = 80


def build_story(handout: Handout, theme: Theme, width: float, height: float) -> list[Flowable]:
    """Title page, sections, exercise cards, closing box and diary, in that order.

    ``width`` and ``height`` are the page frame's: no card may be taller.
    """
    story: list[Flowable] = [
        Paragraph(handout.title, theme.title),
        Paragraph(handout.intro, theme.intro),
        _patient_block(handout, theme, width),
    ]
    for heading, text in (
        (handout.labels.goals, handout.goals),
        (handout.labels.notes, handout.notes),
    ):
        if text:
            story += [Paragraph(heading, theme.h2), Paragraph(text, theme.body)]
    if handout.sections:
        story.append(Paragraph(handout.labels.education, theme.h1))
        for section in handout.sections:
            story.append(Paragraph(section.heading, theme.h2))
            for block in section.blocks:
                story += _block(block, theme)
    if handout.cards:
        lead: list[Flowable] = [Paragraph(handout.labels.exercises, theme.h1)]
        if handout.since:
            lead.append(_since_box(handout.since, theme, width))
        cards = _cards(handout, theme, width, height, lead)
        story += [*_keep_with_first_card(lead, cards, width, height), *cards]
    elif handout.since:
        story.append(_since_box(handout.since, theme, width))
    if handout.diary:
        story += [PageBreak(), *_diary(handout.diary, theme, width)]
    story.append(_closing_box(handout, theme, width))
    return story


def _cards(
    handout: Handout, theme: Theme, width: float, height: float, lead: list[Flowable]
) -> list[Flowable]:
    """The exercise cards in the handout's layout; ``lead`` is what goes above the first."""
    cards, labels = list(handout.cards), handout.labels
    if handout.look.large_print:
        # A large-print card can fill a page: leave room for the heading above the
        # first, or the heading would be left alone at the foot of a page.
        above = sum(f.wrap(width, height)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in lead)
        return stacked_cards(
            cards, labels, theme, width, height, per_row=1, first_height=height - above
        )
    if handout.look.layout is Layout.COMPACT:
        return stacked_cards(cards, labels, theme, width, height, per_row=2)
    return [f for card in cards for f in exercise_card(card, labels, theme, width, height)]


def _keep_with_first_card(
    lead: list[Flowable], cards: list[Flowable], width: float, height: float
) -> list[Flowable]:
    """``lead`` (the heading above the cards), kept on the page the first card starts on.

    Why not the heading's ``keepWithNext`` alone: Platypus then wraps the heading
    and a flowing card (taller than a page by design) in a ``KeepTogether``,
    which always starts a new page for content taller than what is left of one.
    """
    if not cards or not isinstance(cards[0], FlowingCard):
        return lead
    for flowable in lead:
        flowable.keepWithNext = 0
    above = sum(f.wrap(width, height)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in lead)
    return [CondPageBreak(above + cards[0].least_height(width, height)), *lead]


def _since_box(since: SinceLastVisit, theme: Theme, width: float) -> Flowable:
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


def _patient_block(handout: Handout, theme: Theme, width: float) -> Table:
    cells: list[list[object]] = [
        [Paragraph(label.upper(), theme.label), Paragraph(value, theme.body)]
        for label, value in handout.patient_rows
    ]
    # Two label/value pairs per row keep the block short on page one; a very long
    # value (a 300-character name) gets a row of its own, full width, so no row
    # is taller than a page (a table splits only between rows).
    rows: list[list[object]]
    if any(len(value) > LONG_VALUE for _, value in handout.patient_rows):
        rows = cells
        widths = [width * 0.25, width * 0.75]
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


def _block(block: Block, theme: Theme) -> list[Flowable]:
    """A section block as paragraphs.

    Why list items are plain Paragraphs with a bullet, not a ListFlowable:
    Platypus keeps a heading with the next flowable only when that flowable is
    not a container, so a heading followed by a list could end a page.
    """
    if block.kind == "p":
        return [Paragraph(block.items[0], theme.body)]
    if block.kind == "h":
        return [Paragraph(block.items[0], theme.h2)]
    items = [
        Paragraph(item, theme.list_item, bulletText=f"{n}." if block.kind == "ol" else "•")
        for n, item in enumerate(block.items, start=1)
    ]
    items[-1].style = theme.list_item_last
    return items


def _closing_box(handout: Handout, theme: Theme, width: float) -> Flowable:
    box = Table(
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
    return KeepTogether([CondPageBreak(40 * mm), Spacer(1, 3 * mm), box])


def _diary(diary: Diary, theme: Theme, width: float) -> list[Flowable]:
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
