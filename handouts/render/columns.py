"""Cards packed into columns that fill down independently (the compact layout).

Why not rows of two: a row is as tall as its taller card, so a short card
leaves a hole beside a long one, and a page that fits one and a half rows
holds only one.  Here each card goes to the column that is shortest so far, so
a short card moves up into the free space of its column and pages fill.

Cards never split.  The cards go in plan order; where the next card fits in
neither column, one of the two cards after it may move up into the space if
it fits (so a page is left part-empty only when no card close behind fits the
room left), and the rest continue on the next page.  A run always starts with
its first card: the page's first exercise is the plan's next one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.platypus import Flowable

from handouts.render.direction import right_to_left

# How many cards past one that fits nowhere may move up into the space left.
LOOK_AHEAD = 2
# Rounding slack: Platypus measures available space with float arithmetic.
_SLACK = 1e-3


@dataclass(frozen=True)
class _Placed:
    card: Flowable
    column: int
    top: float  # from the top of this flowable down to the card's top edge
    height: float


class CardColumns(Flowable):  # type: ignore[misc]
    """``cards`` (flowables that never split) in ``columns`` columns, ``gap`` apart.

    ``limit`` fixes the height the cards were packed into when this is the
    first part of a split, so it is drawn exactly as it was measured.
    """

    def __init__(
        self,
        cards: Sequence[Flowable],
        *,
        columns: int = 2,
        gap: float,
        limit: float | None = None,
    ) -> None:
        super().__init__()
        self.cards = list(cards)
        self.columns = columns
        self.gap = gap
        self.limit = limit
        self._placed: list[_Placed] = []

    def column_width(self, width: float) -> float:
        return (width - self.gap * (self.columns - 1)) / self.columns

    def _pack(self, width: float, room: float) -> list[_Placed]:
        """Place cards in order, each in the column that is shortest so far, while they fit.

        Where the next card fits in neither column, one of the ``LOOK_AHEAD``
        cards after it that does fit moves up into the space (cards are never
        split, so a gap only a shorter card can fill would otherwise stay white).
        """
        column_width = self.column_width(width)
        used = [0.0] * self.columns
        placed: list[_Placed] = []
        stuck = 0  # cards that fitted nowhere on this page, left for the next
        for card in self.cards:
            if stuck > LOOK_AHEAD or (stuck and getattr(card, "stays_in_order", False)):
                break  # only an exercise card may move up past one left behind
            height = float(card.wrap(column_width, room)[1])
            for column in sorted(range(self.columns), key=lambda c: (used[c], c)):
                top = used[column] + (self.gap if used[column] else 0.0)
                if top + height <= room + _SLACK:
                    placed.append(_Placed(card, column, top, height))
                    used[column] = top + height
                    break
            else:
                stuck += 1
        return placed

    def least_height(self, width: float, height: float) -> float:
        """The room needed to start on a page: the first card's height."""
        if not self.cards:
            return 0.0
        return float(self.cards[0].wrap(self.column_width(width), height)[1])

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        room = self.limit if self.limit is not None else float("inf")
        self._placed = self._pack(avail_width, room)
        self.width = avail_width
        self.height = max((p.top + p.height for p in self._placed), default=0.0)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        placed = self._pack(avail_width, avail_height)
        if not placed or placed[0].card is not self.cards[0]:
            return []  # the next card does not fit: start on the next page
        if len(placed) == len(self.cards):
            return [self]
        here = [p.card for p in placed]
        first = CardColumns(here, columns=self.columns, gap=self.gap, limit=avail_height)
        placed_here = {id(card) for card in here}
        later = [card for card in self.cards if id(card) not in placed_here]
        rest = CardColumns(later, columns=self.columns, gap=self.gap)
        rest.spaceAfter = self.getSpaceAfter()
        return [first, rest]

    def draw(self) -> None:
        column_width = self.column_width(self.width)
        for placed in self._placed:
            # Right to left, the first column is the right one.
            column = self.columns - 1 - placed.column if right_to_left() else placed.column
            x = column * (column_width + self.gap)
            y = self.height - placed.top - placed.height
            placed.card.drawOn(self.canv, x, y)
