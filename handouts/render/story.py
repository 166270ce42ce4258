"""The order of a handout's content as Platypus flowables."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
)

from handouts.compose.handout import Block, Handout, SectionContent
from handouts.models.plan import Layout
from handouts.render.boxes import closing_box, patient_block, since_box
from handouts.render.card import compact_cards, exercise_card, stacked_cards
from handouts.render.columns import CardColumns
from handouts.render.diary import diary_flowables
from handouts.render.flowing import FlowingCard
from handouts.render.glance import glance_box
from handouts.render.keep import KeepBlock, measured_height
from handouts.render.pain import pain_box
from handouts.render.script import Paragraph
from handouts.render.second import second_section
from handouts.render.tagging import card_order, part
from handouts.render.text_columns import TextColumns
from handouts.render.theme import Theme

# A list no taller than this share of a page is never split between pages.
SHORT_LIST = 0.15
# A list introduced by a bold warning ("Get medical help straight away if …")
# is read as one: it moves whole unless it is taller than this share of a page.
WARNING_LIST = 0.8
# Between the two columns of the compact layout's education text.
COLUMN_GAP = 6 * mm


def build_story(handout: Handout, theme: Theme, width: float, height: float) -> list[Flowable]:
    """Title page (with the programme at a glance), sections, exercise cards, pain
    guidance, the questions box and the diary, in that order.

    ``width`` and ``height`` are the page frame's: no card may be taller.
    """
    story: list[Flowable] = [
        Paragraph(handout.title, theme.title),
        Paragraph(handout.intro, theme.intro),
        patient_block(handout, theme, width),
    ]
    for heading, text in (
        (handout.labels.goals, handout.goals),
        (handout.labels.notes, handout.notes),
    ):
        if text:
            story += [Paragraph(heading, theme.h2), Paragraph(text, theme.body)]
    if handout.glance:
        story += glance_box(handout.glance, theme, width, height)
    if handout.sections:
        # Made before the sections: paragraphs are read in the order they are made.
        about = [Paragraph(handout.labels.education, theme.h1)]
        education: list[Flowable] = []
        compact = handout.look.layout is Layout.COMPACT
        column = (width - COLUMN_GAP) / 2 if compact else width
        for section in handout.sections:
            education += _section(section, theme, column, height)
        if compact:
            # Short lines in two columns: a list of three-word items does not
            # take a full line each, and lines are an easier length to read.
            columns = TextColumns(education, gap=COLUMN_GAP)
            columns.spaceAfter = 2 * mm
            education = [columns]
        story += [*_keep_with_first(about, education, width, height), *education]
    if handout.cards:
        lead: list[Flowable] = [Paragraph(handout.labels.exercises, theme.h1)]
        if handout.since:
            lead.append(since_box(handout.since, theme, width))
        cards = _cards(handout, theme, width, height, lead)
        story += [*_keep_with_first(lead, cards, width, height), *cards]
    elif handout.since:
        story.append(since_box(handout.since, theme, width))
    story += _closing(handout, theme, width, story[-1])
    if handout.diary:
        # Last, after the questions box: the sheet the patient brings back.
        story += diary_flowables(handout.diary, theme, width, height)
    return story


def _closing(handout: Handout, theme: Theme, width: float, last: Flowable) -> list[Flowable]:
    """The pain guidance and the questions box, after the exercises.

    Compact: half width, in the cards' columns, so they fill the space beside
    the last cards instead of taking full-width rows under them.  They keep
    their place after the cards (``stays_in_order``).
    """
    columns = last if handout.look.layout is Layout.COMPACT else None
    if not isinstance(columns, CardColumns):
        columns = None
    box_width = columns.column_width(width) if columns else width
    boxes: list[Flowable] = []
    if handout.pain_guidance:
        boxes.append(pain_box(handout.pain_guidance, theme, box_width))
    boxes.append(closing_box(handout, theme, box_width))
    if columns is None:
        return boxes
    for box in boxes:
        box.stays_in_order = True
    columns.cards += boxes
    return []


def _cards(
    handout: Handout, theme: Theme, width: float, height: float, lead: list[Flowable]
) -> list[Flowable]:
    """The exercise cards in the handout's layout; ``lead`` is what goes above the first."""
    cards, labels = list(handout.cards), handout.labels
    if handout.look.large_print:
        # A large-print card can fill a page: leave room for the heading above the
        # first, or the heading would be left alone at the foot of a page.
        above = sum(f.wrap(width, height)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in lead)
        return stacked_cards(cards, labels, theme, width, height, first_height=height - above)
    if handout.look.layout is Layout.COMPACT:
        return compact_cards(cards, labels, theme, width, height)
    out: list[Flowable] = []
    for card in cards:
        with part("Sect") as section:
            out += exercise_card(card, labels, theme, width, height)
            card_order(section)
    return out


def _keep_with_first(
    lead: list[Flowable], cards: list[Flowable], width: float, height: float
) -> list[Flowable]:
    """``lead`` (a heading), kept on the page the first card (or column run) starts on.

    Why not the heading's ``keepWithNext`` alone: Platypus then wraps the heading
    and a flowing card (taller than a page by design) in a ``KeepTogether``,
    which always starts a new page for content taller than what is left of one.
    """
    if not cards or not isinstance(cards[0], FlowingCard | CardColumns | TextColumns):
        return lead
    for flowable in lead:
        flowable.keepWithNext = 0
    above = sum(f.wrap(width, height)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in lead)
    return [CondPageBreak(above + cards[0].least_height(width, height)), *lead]


def _section(section: SectionContent, theme: Theme, width: float, height: float) -> list[Flowable]:
    """An article section: its heading, then its blocks, lists kept with their lead-in.

    Why list items are plain Paragraphs with a bullet, not a ListFlowable:
    Platypus keeps a heading with the next flowable only when that flowable is
    not a container, so a heading followed by a list could end a page.
    """
    with part("Sect"):
        out: list[Flowable] = [Paragraph(section.heading, theme.h2)]
        lead_in: Paragraph | None = None  # a paragraph just before a list introduces it
        for block in section.blocks:
            if block.kind in ("ul", "ol"):
                out += _list(block, lead_in, theme, width, height)
                lead_in = None
                continue
            if lead_in is not None:
                out.append(lead_in)
            style = theme.h2 if block.kind == "h" else theme.body
            lead_in = Paragraph(block.items[0], style)
        if lead_in is not None:
            out.append(lead_in)
        if section.second is not None:
            out += second_section(section.second, theme)
        return out


def _list(
    block: Block, lead_in: Paragraph | None, theme: Theme, width: float, height: float
) -> list[Flowable]:
    """A list's items, never broken badly across pages.

    A short list, or one introduced by a bold warning (the "get medical help
    straight away" list), moves whole with its lead-in; a longer one keeps its
    lead-in with its first two items and never leaves its last item alone.
    """
    items: list[Flowable] = []
    with part("L"):
        for n, item in enumerate(block.items, start=1):
            with part("LI"):
                bullet = f"{n}." if block.kind == "ol" else "•"
                final = n == len(block.items)
                style = theme.list_item_last if final else theme.list_item
                items.append(Paragraph(item, style, bulletText=bullet))
    head = [lead_in] if lead_in is not None else []
    warning = lead_in is not None and lead_in.text.lstrip().startswith("<b>")
    whole = measured_height([*head, *items], width)
    if whole <= height * (WARNING_LIST if warning else SHORT_LIST):
        return [KeepBlock([*head, *items])]
    if len(items) < 4 and whole <= height / 2:
        # Its lead-in with the first two items and the last never alone: for three
        # items or fewer, that is the whole list.
        return [KeepBlock([*head, *items])]
    if len(items) < 4:
        return [*_kept([*head, items[0]], width, height), *items[1:]]
    first, middle, last = items[:2], items[2:-2], items[-2:]
    return [*_kept([*head, *first], width, height), *middle, *_kept(last, width, height)]


def _kept(items: list[Flowable], width: float, height: float) -> list[Flowable]:
    """``items`` kept on one page, unless together they would not fit on one."""
    if measured_height(items, width) <= height * SHORT_LIST:
        return [KeepBlock(items)]
    return items
