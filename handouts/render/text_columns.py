"""Text in two columns, newspaper style, balanced on its last page (the compact layout).

Why not ReportLab's ``BalancedColumns``: it ignores ``keepWithNext``, so a
heading could end a column with its text at the top of the next, and it would
rather start a new page than begin in the space left under the patient's
details.  Here each column is filled as a frame would fill it (headings stay
with what follows, paragraphs split between lines, ``KeepBlock`` lists move
whole) and the last part is balanced so both columns end level.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable

from handouts.render.direction import right_to_left
from handouts.render.keep import draw_stacked, gap_between, measured_height

Column = list[Flowable]


def fill(items: list[Flowable], width: float, room: float) -> tuple[Column, list[Flowable]]:
    """What of ``items`` fits in one column ``room`` high, and what is left."""
    items = list(items)
    taken: Column = []
    used = 0.0
    while items:
        item = items[0]
        gap = gap_between(taken[-1] if taken else None, item)
        height = float(item.wrap(width, room)[1])
        if used + gap + height <= room + 1e-3:
            taken.append(items.pop(0))
            used += gap + height
            continue
        left = room - used - gap
        parts = item.split(width, left) if left > 0 else []
        if len(parts) >= 2:
            taken.append(parts[0])
            items[0:1] = parts[1:]
        break
    # A heading never ends a column while its text goes on in the next one, nor
    # stands alone in one: the column is then left empty (a split fails and the
    # text starts on the next page).
    while items and taken and taken[-1].getKeepWithNext():
        items.insert(0, taken.pop())
    return taken, items


class TextColumns(Flowable):  # type: ignore[misc]
    """``items`` in two columns ``gap`` apart; ``columns`` fixes them (a split part)."""

    def __init__(
        self,
        items: Sequence[Flowable],
        *,
        gap: float,
        columns: tuple[Column, Column] | None = None,
    ) -> None:
        super().__init__()
        self.items = list(items)
        self.gap = gap
        self.columns = columns
        self._laid: tuple[Column, Column] = ([], [])

    def _column_width(self, width: float) -> float:
        return (width - self.gap) / 2

    def _balanced(self, width: float) -> tuple[Column, Column] | None:
        """The two columns with the least height that holds everything (None: no split point)."""
        column = self._column_width(width)
        total = measured_height(self.items, column)
        low, high = total / 2, total + 1.0
        best: tuple[Column, Column] | None = None
        for _ in range(12):  # a binary search to within a fraction of a point
            middle = (low + high) / 2
            left, rest = fill(self.items, column, middle)
            right, rest = fill(rest, column, middle)
            if rest or not left:
                low = middle
            else:
                high, best = middle, (left, right)
        return best

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        column = self._column_width(avail_width)
        laid = self.columns or self._balanced(avail_width) or (list(self.items), [])
        self._laid = laid
        self.height = max(measured_height(laid[0], column), measured_height(laid[1], column))
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        column = self._column_width(avail_width)
        left, rest = fill(self.items, column, avail_height)
        if not left:
            return []
        right, rest = fill(rest, column, avail_height)
        if not rest:
            return [self]
        first = TextColumns([*left, *right], gap=self.gap, columns=(left, right))
        second = TextColumns(rest, gap=self.gap)
        second.spaceAfter = self.getSpaceAfter()
        return [first, second]

    def least_height(self, width: float, height: float) -> float:
        """The room needed to start on a page: the first item (a heading, with its next)."""
        column = self._column_width(width)
        first, _ = fill(self.items, column, height)
        lead = first[: next((i + 1 for i, f in enumerate(first) if not f.getKeepWithNext()), 1)]
        return measured_height(lead, column)

    def draw(self) -> None:
        column = self._column_width(self.width)
        for index, items in enumerate(self._laid):
            heights = [float(item.wrap(column, self.height)[1]) for item in items]
            # Right to left, the first column is the right one.
            place = 1 - index if right_to_left() else index
            draw_stacked(self.canv, items, heights, place * (column + self.gap), self.height)
