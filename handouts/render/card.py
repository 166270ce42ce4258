"""An exercise card: illustration on the left, what to do on the right.

A card is a table that refuses to split, so it is never divided across pages:
if it does not fit in what is left of a page it moves whole to the next.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    ListFlowable,
    ListItem,
    Paragraph,
    Spacer,
    Table,
)

from handouts.compose.handout import Card, Labels
from handouts.render.artwork import picture, qr_code
from handouts.render.theme import RULE, Theme, table_style, tint

# A practitioner's note longer than this does not fit on a card that must stay
# on one page; it is printed right after the card, where it can flow on.
MAX_NOTE_ON_CARD = 700


def exercise_card(card: Card, labels: Labels, theme: Theme, width: float) -> list[Flowable]:
    """The flowables for one exercise: the card, and a long note after it if needed."""
    art_width = min(62 * mm, width * 0.36)
    text_width = width - art_width - 6 * mm
    left: list[Flowable] = [
        picture(path, art_width - 4 * mm, 52 * mm) for path in card.illustrations
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
        _steps(card, theme),
        _dose_box(card, labels, theme, text_width),
    ]
    # Notes, tips and safety run under both columns, so the card stays short.
    below: list[Flowable] = []
    if card.note and not long_note:
        below.append(Paragraph(f"<b>{labels.your_note}:</b> {card.note}", theme.note))
    if card.tips:
        below.append(Paragraph(f"<b>{labels.tips}:</b> " + " ".join(card.tips), theme.note))
    warning = f"<font color='#{theme.accent.hexval()[2:]}'>⚠</font>"
    below.append(Paragraph(f"{warning} <b>{labels.safety}:</b> {card.safety}", theme.note))

    table = CardTable([[left, right], [below, ""]], colWidths=[art_width, width - art_width])
    table.setStyle(
        table_style(
            theme,
            ("SPAN", (0, 1), (1, 1)),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("ALIGN", (0, 0), (0, 0), "CENTER"),
            ("BOX", (0, 0), (-1, -1), 0.75, RULE),
            ("LINEABOVE", (0, 1), (-1, 1), 0.5, RULE),
            ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3 * mm),
            ("TOPPADDING", (0, 0), (-1, -1), 3 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5 * mm),
        )
    )
    table.spaceAfter = 5 * mm
    out: list[Flowable] = [table]
    if long_note and card.note:
        out += [
            Paragraph(f"<b>{labels.your_note} – {card.title}:</b>", theme.note),
            Paragraph(card.note, theme.body),
            Spacer(1, 4 * mm),
        ]
    return out


class CardTable(Table):  # type: ignore[misc]
    """A table that moves to the next page whole instead of splitting between rows.

    Why not ``KeepTogether``: Platypus only joins a heading that has
    ``keepWithNext`` to a following flowable that is not itself a container, so
    "Your exercises" could be left alone at the foot of a page.  A plain
    flowable that declines to split gets both behaviours.
    """

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return []


def _steps(card: Card, theme: Theme) -> ListFlowable:
    return ListFlowable(
        [ListItem(Paragraph(step, theme.step)) for step in card.steps],
        bulletType="1",
        bulletFontName=theme.title.fontName,
        bulletFontSize=theme.step.fontSize,
        bulletColor=theme.primary,
        leftIndent=theme.step.fontSize * 1.6,
        bulletDedent="auto",
        spaceAfter=theme.step.fontSize * 0.4,
    )


def _dose_box(card: Card, labels: Labels, theme: Theme, width: float) -> Table:
    box = Table(
        [[Paragraph(str(labels.dose).upper(), theme.label)], [Paragraph(card.dose, theme.dose)]],
        colWidths=[width],
    )
    box.setStyle(
        table_style(
            theme,
            ("BACKGROUND", (0, 0), (-1, -1), tint(theme.accent, 0.86)),
            ("LINEBEFORE", (0, 0), (0, -1), 3, theme.accent),
            ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm),
            ("TOPPADDING", (0, 0), (-1, 0), 1.5 * mm),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 2 * mm),
            ("TOPPADDING", (0, 1), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, 0), 0.5 * mm),
        )
    )
    box.spaceAfter = 2 * mm
    return box
