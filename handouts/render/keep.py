"""Flowables that must stay on one page together: a list's lead-in with its first items.

Why a flowable of our own and not ``KeepTogether``: Platypus keeps a heading
(``keepWithNext``) with the flowable after it only when that flowable is not a
container, and ``KeepTogether`` is one, so "Things to avoid" could end a page
with its list on the next.  ``KeepBlock`` is a plain flowable that declines to
split: the heading stays with it, and it moves to the next page whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

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

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._heights = [float(item.wrap(avail_width, avail_height)[1]) for item in self.items]
        self.width = avail_width
        self.height = stacked_height(self.items, self._heights)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        draw_stacked(self.canv, self.items, self._heights, 0, self.height)


def gap_between(above: Flowable | None, item: Flowable) -> float:
    """The space between two stacked flowables, as a Platypus frame spaces them
    (the larger of the two spacings; none at the top)."""
    if above is None:
        return 0.0
    return float(max(above.getSpaceAfter(), item.getSpaceBefore()))


def stacked_height(items: Sequence[Flowable], heights: Sequence[float]) -> float:
    """The height of ``items`` (each ``heights`` high) stacked with frame spacing."""
    above: Flowable | None = None
    total = 0.0
    for item, height in zip(items, heights, strict=True):
        total += gap_between(above, item) + height
        above = item
    return total


def draw_stacked(
    canv: Any, items: Sequence[Flowable], heights: Sequence[float], x: float, top: float
) -> None:
    """Draw ``items`` (each ``heights`` high) downwards from ``top``, with frame spacing."""
    y, above = top, None
    for item, height in zip(items, heights, strict=True):
        y -= gap_between(above, item) + height
        item.drawOn(canv, x, y)
        above = item


def measured_height(items: Sequence[Flowable], width: float) -> float:
    """How tall ``items`` would be stacked at ``width``."""
    return stacked_height(items, [float(item.wrap(width, 1e6)[1]) for item in items])
