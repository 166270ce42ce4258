"""An exercise card: illustration on the left, what to do on the right.

A card is a table that refuses to split, so it is never divided across pages:
if it does not fit in what is left of a page it moves whole to the next.

Large print and the compact layout use a *stacked* card instead: the picture
across the top, the text under it, so the text keeps a readable line length
(large print) or the card fits half the page width (compact).
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table

from handouts.compose.handout import Card, Labels
from handouts.render.artwork import picture, qr_code
from handouts.render.card_parts import (
    MAX_NOTE_ON_CARD,
    CardTable,
    banner_style,
    change_banner,
    dose_box,
    long_note_after,
    notes_below,
    numbered_steps,
)
from handouts.render.script import Paragraph
from handouts.render.theme import RULE, Theme, table_style

# Compact cards: a low picture keeps two rows of cards on most pages.
COMPACT_ART_HEIGHT = 23 * mm


def exercise_card(card: Card, labels: Labels, theme: Theme, width: float) -> list[Flowable]:
    """The flowables for one exercise: the card, and a long note after it if needed."""
    art_width = min(62 * mm, width * 0.36)
    text_width = width - art_width - 6 * mm
    left: list[Flowable] = [
        picture(path, art_width - 4 * mm, 52 * mm, greyscale=theme.greyscale)
        for path in card.illustrations
    ]
    if card.video:
        left += [
            Spacer(1, 3 * mm),
            qr_code(card.video, 20 * mm),
            Paragraph(labels.video, theme.caption),
        ]

    long_note = card.note is not None and len(card.note) > MAX_NOTE_ON_CARD
    right: list[Flowable] = [
        Paragraph(card.title, theme.card_title),
        Paragraph(card.details, theme.card_details),
        numbered_steps(card, theme),
        dose_box(card, labels, theme, text_width),
    ]
    # Notes, tips and safety run under both columns, so the card stays short.
    below = notes_below(card, labels, theme, long_note=long_note)
    rows: list[list[object]] = [[left, right], [below, ""]]
    top = 0  # the first row of the card proper
    if card.change:
        rows.insert(0, [change_banner(card.change, theme), ""])
        top = 1
    table = CardTable(rows, colWidths=[art_width, width - art_width])
    table.setStyle(
        table_style(
            theme,
            ("SPAN", (0, top + 1), (1, top + 1)),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("ALIGN", (0, top), (0, top), "CENTER"),
            ("BOX", (0, 0), (-1, -1), 0.75, RULE),
            ("LINEABOVE", (0, top + 1), (-1, top + 1), 0.5, RULE),
            ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3 * mm),
            ("TOPPADDING", (0, 0), (-1, -1), 3 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5 * mm),
            *banner_style(theme, top),
        )
    )
    table.spaceAfter = 5 * mm
    return [table, *long_note_after(card, labels, theme)]


def stacked_card(
    card: Card, labels: Labels, theme: Theme, width: float, max_height: float
) -> list[Flowable]:
    """The card as one column: change mark, picture and title, steps, dose, notes.

    Returned as the contents of a table cell: ``stacked_cards`` puts one or two
    of them in a row that is never split.  Large print puts a big picture above
    the title; the compact layout puts a small one beside it, to save height.
    """
    long_note = card.note is not None and len(card.note) > MAX_NOTE_ON_CARD
    inner = width - 6 * mm  # the cell's padding
    out: list[Flowable] = []
    if card.change:
        out += [change_banner(card.change, theme, inner), Spacer(1, 2 * mm)]
    heading = [
        Paragraph(card.title, theme.card_title),
        Paragraph(card.details, theme.card_details),
    ]
    text = [
        numbered_steps(card, theme),
        dose_box(card, labels, theme, inner),
        *notes_below(card, labels, theme, long_note=long_note),
    ]
    if theme.large_print:
        # The picture takes what the words leave of a page (up to 85 mm high), so
        # a card with long steps still fits on one page instead of failing.
        words = _height([*out, *heading, *text], inner) + 3 * mm + 4.5 * mm  # padding
        art_height = max(35 * mm, min(85 * mm, max_height - words - 2 * mm))
        out += [
            _art(card, labels, theme, inner, art_height, 26 * mm),
            Spacer(1, 3 * mm),
            *heading,
        ]
    else:
        # Compact: a small picture beside the title saves a third of the height,
        # so two rows of cards fit on most pages.
        art_width = inner * 0.42
        if card.video:
            heading.append(_video(card, labels, theme, inner - art_width - 2 * mm, 13 * mm))
        art = _art(card, labels, theme, art_width, COMPACT_ART_HEIGHT, 0)
        out.append(_side_by_side(theme, [art, heading], [art_width, inner - art_width]))
        out.append(Spacer(1, 1.5 * mm))
    return out + text


def _height(flowables: list[Flowable], width: float) -> float:
    """The height ``flowables`` take stacked in a table cell ``width`` wide."""
    column = Table([[flowables]], colWidths=[width])
    column.setStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)])
    column.setStyle([("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)])
    return float(column.wrap(width, 1e6)[1])


def _art(
    card: Card, labels: Labels, theme: Theme, width: float, height: float, qr_size: float
) -> Flowable:
    """The card's pictures in a box, with the video's QR code at their right."""
    with_qr = card.video is not None and qr_size > 0
    art_width = width - (qr_size + 3 * mm if with_qr else 0)
    art: list[Flowable] = [
        picture(path, art_width, height, greyscale=theme.greyscale) for path in card.illustrations
    ]
    cells: list[object] = [art]
    widths = [art_width]
    if with_qr and card.video:
        cells.append([qr_code(card.video, qr_size), Paragraph(labels.video, theme.caption)])
        widths.append(width - art_width)
    return _side_by_side(theme, cells, widths, valign="MIDDLE", align="CENTER")


def _video(card: Card, labels: Labels, theme: Theme, width: float, size: float) -> Flowable:
    """A small QR code with its caption beside it."""
    caption = Paragraph(labels.video, theme.card_details)
    return _side_by_side(
        theme, [qr_code(card.video or "", size), caption], [size + 2 * mm, width - size - 2 * mm]
    )


def _side_by_side(
    theme: Theme,
    cells: list[object],
    widths: list[float],
    *,
    valign: str = "TOP",
    align: str = "LEFT",
) -> Table:
    table = Table([cells], colWidths=widths)
    table.setStyle(
        table_style(
            theme,
            ("VALIGN", (0, 0), (-1, -1), valign),
            ("ALIGN", (0, 0), (-1, -1), align),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ("LEFTPADDING", (1, 0), (1, 0), 2 * mm),
        )
    )
    # A nested table is centred in its cell unless told otherwise.
    table.hAlign = "LEFT"
    return table


def stacked_cards(
    cards: list[Card],
    labels: Labels,
    theme: Theme,
    width: float,
    height: float,
    per_row: int,
    first_height: float | None = None,
) -> list[Flowable]:
    """Stacked cards, ``per_row`` side by side in rows that are never split.

    ``height`` is the page's frame height, the most a card may take;
    ``first_height`` the room under the heading for the first row.
    """
    gap = 4 * mm
    cell = (width - gap * (per_row - 1)) / per_row
    out: list[Flowable] = []
    for start in range(0, len(cards), per_row):
        row_cards = cards[start : start + per_row]
        cells: list[object] = []
        widths: list[float] = []
        for i, card in enumerate(row_cards):
            if i:
                cells.append("")
                widths.append(gap)
            room = first_height if start == 0 and first_height else height
            cells.append(stacked_card(card, labels, theme, cell, room))
            widths.append(cell)
        row = CardTable([cells], colWidths=widths)
        boxes = [("BOX", (col, 0), (col, 0), 0.75, RULE) for col in range(0, len(cells), 2)]
        row.setStyle(
            table_style(
                theme,
                *boxes,
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 3 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5 * mm),
            )
        )
        row.hAlign = "LEFT"
        row.spaceAfter = gap
        out.append(row)
        for card in row_cards:
            out += long_note_after(card, labels, theme)
    return out
