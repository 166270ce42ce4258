"""An exercise card: illustration on the left, what to do on the right.

A card is a table that refuses to split, so it is never divided across pages:
if it does not fit in what is left of a page it moves whole to the next.

Large print and the compact layout use a *stacked* card instead: the picture
across the top, the text under it, so the text keeps a readable line length
(large print) or the card fits half the page width (compact).
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from handouts.compose.handout import Card, Labels
from handouts.errors import HandoutError
from handouts.render.artwork import figure, picture
from handouts.render.card_parts import (
    MAX_NOTE_ON_CARD,
    CardTable,
    banner_style,
    change_banner,
    continued_caption,
    dose_box,
    notes_below,
    numbered_steps,
    steps_as_paragraphs,
)
from handouts.render.columns import CardColumns
from handouts.render.flowing import FlowingCard
from handouts.render.qr import address, qr_code, qr_width
from handouts.render.script import Paragraph
from handouts.render.tagging import Table, card_order, part
from handouts.render.theme import RULE, Theme, table_style

# Compact cards: a low picture keeps two rows of cards on most pages.
COMPACT_ART_HEIGHT = 20 * mm


def exercise_card(
    card: Card, labels: Labels, theme: Theme, width: float, height: float
) -> list[Flowable]:
    """One exercise as a card that never splits, or as a flowing card if it is too tall.

    ``height`` is the page frame's: a card taller than that (or with a note over
    ``MAX_NOTE_ON_CARD``) keeps its picture, title, steps and dose together and
    lets the rest flow on to the next pages (``handouts.render.flowing``).
    """
    if not _long_note(card):
        table = _standard(card, labels, theme, width, notes=True)
        if _fits(table, width, height):
            table.spaceAfter = 5 * mm
            return [table]
    head = _standard(card, labels, theme, width, notes=False)
    body = notes_below(card, labels, theme)
    if not _fits(head, width, height):
        head = _standard(card, labels, theme, width, notes=False, steps=False)
        body = [*steps_as_paragraphs(card, theme), *body]
    return [_flowing(card, labels, theme, head, body, width, height)]


def _long_note(card: Card) -> bool:
    return card.note is not None and len(card.note) > MAX_NOTE_ON_CARD


def _fits(flowable: Flowable, width: float, height: float) -> bool:
    return float(flowable.wrap(width, height)[1]) <= height


def _flowing(
    card: Card,
    labels: Labels,
    theme: Theme,
    head: Flowable,
    body: list[Flowable],
    width: float,
    height: float,
) -> FlowingCard:
    """``head`` and ``body`` as a flowing card, refused with the exercise named if the head
    alone is taller than a page."""
    if not _fits(head, width, height):
        field = "title" if len(card.title) >= len(card.dose) else "dose"
        raise HandoutError(
            f"the handout could not be laid out: exercise {card.id}: its {field} "
            "and picture do not fit on one page (shorten the exercise's " + field + ")"
        )
    flowing = FlowingCard(
        head,
        body,
        continued_caption(card, labels, theme),
        pad=3 * mm,
        rule=RULE,
        part=f"exercise {card.id}",
    )
    flowing.spaceAfter = 5 * mm
    return flowing


def _standard(
    card: Card,
    labels: Labels,
    theme: Theme,
    width: float,
    *,
    notes: bool,
    steps: bool = True,
) -> CardTable:
    """The side-by-side card: picture left, words right, the ``notes`` (note, tips and
    safety) under both if asked for.  Made in reading order: the words, then the notes."""
    art_width = min(62 * mm, width * 0.36)
    text_width = width - art_width - 6 * mm
    left: list[Flowable] = [
        figure(picture(path, art_width - 4 * mm, 52 * mm, **_named(card, i, theme)), card.alt)
        for i, path in enumerate(card.illustrations)
    ]
    if card.video:
        left += [
            Spacer(1, 3 * mm),
            qr_code(card.video, 20 * mm, theme.caption),
            Paragraph(labels.video, theme.caption),
        ]
    right: list[Flowable] = [
        Paragraph(card.title, theme.card_title),
        Paragraph(card.details, theme.card_details),
        *([numbered_steps(card, theme)] if steps else []),
        dose_box(card, labels, theme, text_width),
    ]
    # Notes, tips and safety run under both columns, so the card stays short.
    below = notes_below(card, labels, theme) if notes else None
    rows: list[list[object]] = [[left, right]]
    if below is not None:
        rows.append([below, ""])
    top = 0  # the first row of the card proper
    if card.change:
        rows.insert(0, [change_banner(card.change, theme), ""])
        top = 1
    table = CardTable(rows, colWidths=[art_width, width - art_width])
    under = (
        [
            ("SPAN", (0, top + 1), (1, top + 1)),
            ("LINEABOVE", (0, top + 1), (-1, top + 1), 0.5, RULE),
        ]
        if below is not None
        else []
    )
    table.setStyle(
        table_style(
            theme,
            *under,
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("ALIGN", (0, top), (0, top), "CENTER"),
            ("BOX", (0, 0), (-1, -1), 0.75, RULE),
            ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3 * mm),
            ("TOPPADDING", (0, 0), (-1, -1), 3 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5 * mm),
            *banner_style(theme, top),
        )
    )
    return table


def stacked_card(
    card: Card,
    labels: Labels,
    theme: Theme,
    width: float,
    max_height: float,
    *,
    notes: bool = True,
    steps: bool = True,
) -> list[Flowable]:
    """The card as one column: change mark, picture and title, steps, dose, notes.

    Returned as the contents of a table cell: ``stacked_cards`` and
    ``compact_cards`` box it as one card that is never split.  Large print puts a big picture above
    the title; the compact layout puts a small one beside it, to save height.
    Without ``notes`` (and ``steps``) it is the head of a flowing card.
    """
    inner = width - 6 * mm  # the cell's padding
    out: list[Flowable] = []
    if card.change:
        out += [change_banner(card.change, theme, inner), Spacer(1, 2 * mm)]
    heading = [
        Paragraph(card.title, theme.card_title),
        Paragraph(card.details, theme.card_details),
    ]
    text = [
        *([numbered_steps(card, theme)] if steps else []),
        dose_box(card, labels, theme, inner, inline=not theme.large_print),
        *(notes_below(card, labels, theme) if notes else []),
    ]
    if theme.large_print:
        # The picture is never smaller than in standard print: its box is at least
        # as high as the tallest picture is drawn on the standard card (``_standard``:
        # a box 62 mm wide less padding, 52 mm high) and much wider.  A whole card's
        # picture grows into what the words leave of a page, up to 85 mm high.
        standard = (min(62 * mm, width * 0.36) - 4 * mm, 52 * mm)
        least = max(
            (
                picture(path, *standard, **_named(card, i, theme)).wrap(*standard)[1]
                for i, path in enumerate(card.illustrations)
            ),
            default=0.0,
        )
        words = _height([*out, *heading, *text], inner) + 3 * mm + 4.5 * mm  # padding
        if notes and words + least + 3 * mm > max_height:
            # Too tall with the picture on top: the picture beside the title, at its
            # standard size, saves the title's height, so the card still fits a page.
            # (A card too tall even so flows on to the next page.)
            if card.video:
                heading.append(_video(card, labels, theme, inner - standard[0] - 2 * mm, 20 * mm))
            art = _art(card, labels, theme, standard[0], standard[1], 0)
            out += [
                _side_by_side(theme, [art, heading], [standard[0], inner - standard[0]]),
                Spacer(1, 2 * mm),
            ]
            return out + text
        # A flowing card's head keeps the least height, so its body has room to
        # start under it.
        art_height = least
        if notes:
            art_height = max(least, min(85 * mm, max_height - words - 2 * mm))
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
        out.append(Spacer(1, 1 * mm))
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
    art_width = width - (qr_width(qr_size) + 3 * mm if with_qr else 0)
    art: list[Flowable] = [
        figure(picture(path, art_width, height, **_named(card, i, theme)), card.alt)
        for i, path in enumerate(card.illustrations)
    ]
    cells: list[object] = [art]
    widths = [art_width]
    if with_qr and card.video:
        cells.append(
            [qr_code(card.video, qr_size, theme.caption), Paragraph(labels.video, theme.caption)]
        )
        widths.append(width - art_width)
    return _side_by_side(theme, cells, widths, valign="MIDDLE", align="CENTER")


def _video(card: Card, labels: Labels, theme: Theme, width: float, size: float) -> Flowable:
    """A small QR code with its caption and its address beside it."""
    url = card.video or ""
    words = [Paragraph(labels.video, theme.card_details), address(url, theme.caption)]
    return _side_by_side(
        theme, [qr_code(url, size, address=False), words], [size + 2 * mm, width - size - 2 * mm]
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
    first_height: float | None = None,
) -> list[Flowable]:
    """Large print: stacked cards, one per row, each never split.

    ``height`` is the page's frame height, the most a card may take;
    ``first_height`` the room under the heading for the first card.  A card too
    tall for that (or with a long note) becomes a flowing card.
    """
    out: list[Flowable] = []
    for card in cards:
        with part("Sect") as section:
            room = first_height if not out and first_height else height
            boxed: Flowable = _cell(theme, stacked_card(card, labels, theme, width, room), width)
            if _long_note(card) or not _fits(boxed, width, room):
                boxed = _flowing_stacked(card, labels, theme, width, height)
            boxed.spaceAfter = 4 * mm
            out.append(boxed)
            card_order(section)
    return out


def compact_cards(
    cards: list[Card], labels: Labels, theme: Theme, width: float, height: float
) -> list[Flowable]:
    """The compact layout: half-width cards packed into two columns (``CardColumns``).

    A card too tall for a page, or with a long note, is a full-width flowing
    card between the column runs before and after it.
    """
    gap = 4 * mm
    cell = (width - gap) / 2
    out: list[Flowable] = []
    run: list[Flowable] = []

    def end_run() -> None:
        if run:
            columns = CardColumns(list(run), gap=gap)
            columns.spaceAfter = gap
            out.append(columns)
            run.clear()

    for card in cards:
        with part("Sect") as section:
            boxed = _cell(theme, stacked_card(card, labels, theme, cell, height), cell)
            if _long_note(card) or not _fits(boxed, cell, height):
                end_run()
                out.append(exercise_card(card, labels, theme, width, height)[0])
            else:
                run.append(boxed)
            card_order(section)
    end_run()
    return out


def _flowing_stacked(
    card: Card, labels: Labels, theme: Theme, width: float, height: float
) -> Flowable:
    """A large-print card too tall for a page, as a flowing card."""
    head = _cell(theme, stacked_card(card, labels, theme, width, height, notes=False), width)
    body = notes_below(card, labels, theme)
    if not _fits(head, width, height):
        head = _cell(
            theme, stacked_card(card, labels, theme, width, height, notes=False, steps=False), width
        )
        body = [*steps_as_paragraphs(card, theme), *body]
    flowing = _flowing(card, labels, theme, head, body, width, height)
    flowing.spaceAfter = 4 * mm
    return flowing


def _cell(theme: Theme, content: list[Flowable], width: float) -> CardTable:
    """One stacked card in its own box."""
    return _boxed(theme, CardTable([[content]], colWidths=[width]), [0])


def _boxed(theme: Theme, table: CardTable, columns: list[int]) -> CardTable:
    """``table``'s ``columns`` boxed and padded as stacked cards are."""
    boxes = [("BOX", (col, 0), (col, 0), 0.75, RULE) for col in columns]
    table.setStyle(
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
    table.hAlign = "LEFT"
    return table


def _named(card: Card, index: int, theme: Theme) -> dict[str, Any]:
    """How a card's picture is drawn and, if it cannot be, which file and field to blame."""
    return {
        "greyscale": theme.greyscale,
        "named_in": card.source,
        "field": f"illustrations[{index}]",
    }
