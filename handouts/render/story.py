"""The order of a handout's content as Platypus flowables."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import (
    BalancedColumns,
    CondPageBreak,
    Flowable,
    PageBreak,
)

from handouts.compose.handout import Block, Handout
from handouts.models.plan import Layout
from handouts.render.boxes import closing_box, patient_block, since_box
from handouts.render.card import compact_cards, exercise_card, stacked_cards
from handouts.render.columns import CardColumns
from handouts.render.diary import diary_flowables
from handouts.render.flowing import FlowingCard
from handouts.render.script import Paragraph
from handouts.render.theme import Theme


def build_story(handout: Handout, theme: Theme, width: float, height: float) -> list[Flowable]:
    """Title page, sections, exercise cards, closing box and diary, in that order.

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
    if handout.sections:
        story.append(Paragraph(handout.labels.education, theme.h1))
        education: list[Flowable] = []
        for section in handout.sections:
            education.append(Paragraph(section.heading, theme.h2))
            for block in section.blocks:
                education += _block(block, theme)
        if handout.look.layout is Layout.COMPACT:
            # Short lines in two columns: a list of three-word items does not
            # take a full line each, and lines are an easier length to read.
            education = [
                BalancedColumns(education, nCols=2, innerPadding=6 * mm, spaceAfter=2 * mm)
            ]
        story += education
    if handout.cards:
        lead: list[Flowable] = [Paragraph(handout.labels.exercises, theme.h1)]
        if handout.since:
            lead.append(since_box(handout.since, theme, width))
        cards = _cards(handout, theme, width, height, lead)
        story += [*_keep_with_first_card(lead, cards, width, height), *cards]
    elif handout.since:
        story.append(since_box(handout.since, theme, width))
    if handout.diary:
        story += [PageBreak(), *diary_flowables(handout.diary, theme, width)]
    story.append(closing_box(handout, theme, width))
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
        return stacked_cards(cards, labels, theme, width, height, first_height=height - above)
    if handout.look.layout is Layout.COMPACT:
        return compact_cards(cards, labels, theme, width, height)
    return [f for card in cards for f in exercise_card(card, labels, theme, width, height)]


def _keep_with_first_card(
    lead: list[Flowable], cards: list[Flowable], width: float, height: float
) -> list[Flowable]:
    """``lead`` (the heading above the cards), kept on the page the first card starts on.

    Why not the heading's ``keepWithNext`` alone: Platypus then wraps the heading
    and a flowing card (taller than a page by design) in a ``KeepTogether``,
    which always starts a new page for content taller than what is left of one.
    """
    if not cards or not isinstance(cards[0], FlowingCard | CardColumns):
        return lead
    for flowable in lead:
        flowable.keepWithNext = 0
    above = sum(f.wrap(width, height)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in lead)
    return [CondPageBreak(above + cards[0].least_height(width, height)), *lead]


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
