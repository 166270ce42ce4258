"""Flowables that must stay on one page together: a list's lead-in with its first items.

Why a flowable of our own and not ``KeepTogether``: Platypus keeps a heading
(``keepWithNext``) with the flowable after it only when that flowable is not a
container, and ``KeepTogether`` is one, so "Things to avoid" could end a page
with its list on the next.  ``KeepBlock`` is a plain flowable that declines to
split: the heading stays with it, and it moves to the next page whole.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable


class KeepBlock(Flowable):  # type: ignore[misc]
    """``items`` stacked as they would flow, moved to the next page whole, never split.

    Build one only for content well under a page high (see ``story``): a block
    taller than the frame could not be placed anywhere.
    """

    def __init__(self, items: Sequence[Flowable]) -> None:
        super().__init__()
        self.items = list(items)
        self._heights: list[float] = []
        self.spaceBefore = self.items[0].getSpaceBefore() if self.items else 0
        self.spaceAfter = self.items[-1].getSpaceAfter() if self.items else 0
        self.keepWithNext = bool(self.items) and bool(self.items[-1].getKeepWithNext())

    def _gap(self, index: int) -> float:
        """The space above item ``index`` inside the block (the larger of the two spacings)."""
        if index == 0:
            return 0.0
        return float(max(self.items[index - 1].getSpaceAfter(), self.items[index].getSpaceBefore()))

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._heights = [float(item.wrap(avail_width, avail_height)[1]) for item in self.items]
        self.width = avail_width
        self.height = sum(self._heights) + sum(self._gap(i) for i in range(len(self.items)))
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        y = self.height
        for index, (item, height) in enumerate(zip(self.items, self._heights, strict=True)):
            y -= self._gap(index) + height
            item.drawOn(self.canv, 0, y)


def measured_height(items: Sequence[Flowable], width: float) -> float:
    """How tall ``items`` would be kept together at ``width``."""
    return KeepBlock(items).wrap(width, 1e6)[1]
