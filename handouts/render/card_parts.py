"""The pieces an exercise card is made of: banner, steps, dose box, notes.

``handouts.render.card`` arranges them in the standard (side by side) or the
stacked layout; the pieces are the same in both.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, ListFlowable, ListItem, Spacer
from reportlab.platypus.flowables import BulletDrawer

from handouts.compose.handout import Card, Change, Labels
from handouts.render.direction import right_to_left
from handouts.render.script import Paragraph
from handouts.render.second import second_card
from handouts.render.tagging import Element, Table, draw_marked, part
from handouts.render.theme import Theme, table_style, tint

# A card with a practitioner's note longer than this is a *flowing* card (see
# ``handouts.render.flowing``): its head stays together and the note flows on,
# over as many pages as it needs, instead of pushing the whole card to the next
# page.  Not a limit: the only limits on text are the plan model's (20,000
# characters a field, ``MAX_PLAN_TEXT`` a plan).
MAX_NOTE_ON_CARD = 700


def change_banner(change: Change, theme: Theme, width: float | None = None) -> Flowable:
    """The "New" / "Changed: now 4 sets, was 3" mark at the top of a card."""
    if width is None:  # a row of the standard card's own table: no box of its own
        return Paragraph(change.text, theme.change)
    banner = Table([[Paragraph(change.text, theme.change)]], colWidths=[width])
    banner.setStyle(
        table_style(
            theme,
            ("BACKGROUND", (0, 0), (-1, -1), theme.primary),
            ("LEFTPADDING", (0, 0), (-1, -1), 2 * mm),
            ("TOPPADDING", (0, 0), (-1, -1), 1 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5 * mm),
        )
    )
    return banner


def continued_caption(card: Card, labels: Labels, theme: Theme) -> Paragraph:
    """ "Step-ups (continued)", at the top of each page a flowing card continues on."""
    return Paragraph(f"{card.title} ({labels.continued})", theme.label)


def steps_as_paragraphs(card: Card, theme: Theme) -> list[Flowable]:
    """The numbered steps as separate paragraphs, each free to split between pages."""
    size = theme.step.fontSize
    style = ParagraphStyle(
        "step_flowing",
        parent=theme.step,
        leftIndent=size * 1.6,
        bulletIndent=0,
        bulletFontName=theme.title.fontName,
        bulletFontSize=size,
        bulletColor=theme.heading,
    )
    steps = [Paragraph(step, style, bulletText=f"{n}.") for n, step in enumerate(card.steps, 1)]
    return [*_named(steps, "steps"), Spacer(1, theme.step.fontSize * 0.4)]


def _named(flowables: list[Flowable], field: str) -> list[Flowable]:
    """``flowables``, each marked as ``field`` of its card for a layout error's message."""
    for flowable in flowables:
        flowable.handout_field = field
    return flowables


def banner_style(theme: Theme, top: int) -> list[tuple[object, ...]]:
    """Table style commands for a change banner in the first row (none if ``top`` is 0)."""
    if not top:
        return []
    return [
        ("SPAN", (0, 0), (1, 0)),
        ("BACKGROUND", (0, 0), (-1, 0), theme.primary),
        ("TOPPADDING", (0, 0), (-1, 0), 1.2 * mm),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 1.8 * mm),
    ]


def notes_below(card: Card, labels: Labels, theme: Theme) -> list[Flowable]:
    """The practitioner's note, the tips and the safety note."""
    below: list[Flowable] = []
    if card.note:
        # In a right-to-left handout the practitioner's note may be in any language:
        # isolated, it keeps its own direction (an English note's full stop at its end).
        text = f"\u2068{card.note}\u2069" if right_to_left() else card.note
        note = Paragraph(f"<b>{labels.your_note}:</b> {text}", theme.note)
        below += _named([note], "note")
    if card.tips:
        tips = Paragraph(f"<b>{labels.tips}:</b> " + " ".join(card.tips), theme.note)
        below += _named([tips], "tips")
    warning = f"<font color='#{theme.sign.hexval()[2:]}'>⚠</font>"
    safety = Paragraph(f"{warning} <b>{labels.safety}:</b> {card.safety}", theme.note)
    below += _named([safety], "safety note")
    if card.second is not None:
        below += _named(second_card(card.second, theme), "second language")
    return below


class CardTable(Table):
    """A table that moves to the next page whole instead of splitting between rows.

    Why not ``KeepTogether``: Platypus only joins a heading that has
    ``keepWithNext`` to a following flowable that is not itself a container, so
    "Your exercises" could be left alone at the foot of a page.  A plain
    flowable that declines to split gets both behaviours.
    """

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return []


class _Label(BulletDrawer):  # type: ignore[misc]
    """A list item's number, drawn as its label (``Lbl``) in the tagged PDF."""

    tag: Element | None = None

    def drawOn(self, indenter: Any, canv: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        draw_marked(canv, self.tag, lambda: super(_Label, self).drawOn(indenter, canv, x, y, _sW))


class _Steps(ListFlowable):  # type: ignore[misc]
    """A numbered list whose numbers are tagged as the labels of their items."""

    def __init__(self, items: list[ListItem], labels: list[Element | None], **kw: Any) -> None:
        self.labels = labels
        super().__init__(items, **kw)

    def _makeBullet(self, value: Any, params: Any = None) -> BulletDrawer:  # noqa: N802
        drawer = super()._makeBullet(value, params)
        label = _Label.__new__(_Label)
        label.__dict__.update(drawer.__dict__)
        index = int(value) - 1 if str(value).isdigit() else -1
        label.tag = self.labels[index] if 0 <= index < len(self.labels) else None
        return label


def numbered_steps(card: Card, theme: Theme) -> ListFlowable:
    """The card's steps as a numbered list (``L``, each step an ``LI``)."""
    items: list[ListItem] = []
    labels: list[Element | None] = []
    with part("L"):
        for step in card.steps:
            with part("LI") as item:
                labels.append(item.add("Lbl") if item is not None else None)
                items.append(ListItem(Paragraph(step, theme.step)))
    indent = theme.step.fontSize * 1.6
    # Right to left: the numbers stand at the right, the steps indented from it.
    side = (
        {"rightIndent": indent, "bulletDir": "rtl", "bulletAlign": "right"}
        if right_to_left()
        else {"leftIndent": indent}
    )
    return _Steps(
        items,
        labels,
        bulletType="1",
        bulletFontName=theme.title.fontName,
        bulletFontSize=theme.step.fontSize,
        bulletColor=theme.heading,
        bulletDedent="auto",
        spaceAfter=theme.step.fontSize * 0.4,
        **side,
    )


def dose_box(
    card: Card, labels: Labels, theme: Theme, width: float, *, inline: bool = False
) -> Table:
    """The tinted "Your dose" box; ``inline`` puts the label on the dose's first line."""
    label = str(labels.dose).upper()
    rows: list[list[object]]
    if inline:  # compact: a line saved on every card
        small = theme.label
        lead = (
            f'<font size="{small.fontSize}" color="#{small.textColor.hexval()[2:]}">{label}</font>'
        )
        rows = [[Paragraph(f"{lead}  {card.dose}", theme.dose)]]
    else:
        rows = [[Paragraph(label, theme.label)], [Paragraph(card.dose, theme.dose)]]
    box = Table(rows, colWidths=[width])
    box.setStyle(
        table_style(
            theme,
            ("BACKGROUND", (0, 0), (-1, -1), tint(theme.accent, 0.86)),
            ("LINEBEFORE", (0, 0), (0, -1), 3, theme.accent),
            ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm),
            ("TOPPADDING", (0, 0), (-1, 0), 1.5 * mm),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 2 * mm),
            *(
                []
                if inline
                else [
                    ("TOPPADDING", (0, 1), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, 0), 0.5 * mm),
                ]
            ),
        )
    )
    box.spaceAfter = 2 * mm
    return box
