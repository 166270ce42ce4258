"""A card too tall for one page: its head kept together, the rest flowing on.

An exercise card normally never splits (``card_parts.CardTable``).  A card
whose text is taller than what a card may take (a long practitioner's note, a
library exercise with very long steps) becomes a ``FlowingCard`` instead:

* the *head* (change mark, picture, title, steps if they fit, dose) is one
  table that never splits, so the picture, title and dose stay together;
* the *body* (the steps that did not fit, the note, tips and safety) follows
  inside the same ruled frame and is split between pages like any paragraph;
* every page the card continues on starts with a small caption,
  "<title> (continued)", so a loose page still says which exercise it belongs to.

Why a flowable of our own and not a splitting table: a table splits only
between rows, and one 20,000-character note is a single row taller than a page.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from handouts.render.tagging import artifact

# The least of the body that must fit under the head on a page; otherwise the
# whole card starts on the next page (a picture alone at a page foot helps nobody).
MIN_FIRST_BODY = 14.0  # points: about one line of text


class FlowingCard(Flowable):  # type: ignore[misc]
    """A card's ``head`` (never split) then its ``body``, framed, split between pages.

    ``caption`` is drawn at the top of every continuation; ``pad`` is the inner
    padding, ``rule`` the colour and ``line`` the width of the frame's lines.
    ``part`` names the card in a layout error ("exercise step-ups").
    """

    def __init__(
        self,
        head: Flowable | None,
        body: Sequence[Flowable],
        caption: Flowable,
        *,
        pad: float,
        rule: Color,
        line: float = 0.75,
        part: str = "",
        continued: bool = False,
        last: bool = True,
    ) -> None:
        super().__init__()
        self.head = head
        self.body = list(body)
        self.caption = caption
        self.pad = pad
        self.rule = rule
        self.line = line
        self.part = part
        self.continued = continued
        self.last = last
        self._sizes: list[float] = []
        self._head_height = 0.0
        self._caption_height = 0.0

    @property
    def handout_part(self) -> str:
        """What a layout error names: the exercise and the field the page breaks in."""
        field = str(getattr(self.body[0], "handout_field", "")) if self.body else ""
        return f"{self.part}, its {field}," if field else self.part

    # --- measuring -------------------------------------------------------------

    def _top(self, width: float, avail: float) -> float:
        """The height above the body: the head, or the continuation caption."""
        self._head_height = self.head.wrap(width, avail)[1] if self.head is not None else 0.0
        self._caption_height = 0.0
        if self.continued:
            self._caption_height = self.caption.wrap(width - 2 * self.pad, avail)[1] + self.pad
        return self._head_height + self._caption_height + self.pad

    def _bottom(self) -> float:
        return self.pad / 2 if self.last else 0.0

    def _item_height(self, item: Flowable, index: int, width: float, avail: float) -> float:
        height: float = item.wrap(width, avail)[1]
        if index:
            height += item.getSpaceBefore()
        return height + float(item.getSpaceAfter())

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        inner = avail_width - 2 * self.pad
        height = self._top(avail_width, avail_height)
        self._sizes = [
            self._item_height(item, i, inner, avail_height) for i, item in enumerate(self.body)
        ]
        self.width = avail_width
        self.height = height + sum(self._sizes) + self._bottom()
        return self.width, self.height

    def least_height(self, avail_width: float, avail_height: float) -> float:
        """Room this card needs to start on a page: its head and a few lines of the body."""
        return self._top(avail_width, avail_height) + 3 * MIN_FIRST_BODY

    # --- splitting -------------------------------------------------------------

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        inner = avail_width - 2 * self.pad
        room = avail_height - self._top(avail_width, avail_height) - self._bottom()
        start = room
        taken: list[Flowable] = []
        rest = list(self.body)
        while rest:
            item = rest[0]
            height = self._item_height(item, len(taken), inner, room)
            if height <= room:
                taken.append(rest.pop(0))
                room -= height
                continue
            space = (item.getSpaceBefore() if taken else 0.0) + item.getSpaceAfter()
            parts = item.split(inner, room - space) if room - space > 0 else []
            if len(parts) >= 2:
                for piece in parts:
                    piece.handout_field = getattr(item, "handout_field", "")
                room -= self._item_height(parts[0], len(taken), inner, room)
                taken.append(parts[0])
                rest[0:1] = parts[1:]
            break
        if not rest:
            return [self]  # it all fits after all (Platypus asks with rounding)
        if not taken or (self.head is not None and start - room < MIN_FIRST_BODY):
            return []  # too little of the body fits: start the card on the next page
        return [
            self._copy(self.head, taken, continued=self.continued, last=False),
            self._copy(None, rest, continued=True, last=self.last),
        ]

    def _copy(
        self, head: Flowable | None, body: list[Flowable], *, continued: bool, last: bool
    ) -> FlowingCard:
        return FlowingCard(
            head,
            body,
            self.caption,
            pad=self.pad,
            rule=self.rule,
            line=self.line,
            part=self.part,
            continued=continued,
            last=last,
        )

    # --- drawing ---------------------------------------------------------------

    def draw(self) -> None:
        canv: Canvas = self.canv
        width, inner = self.width, self.width - 2 * self.pad
        y = self.height
        if self.head is not None:
            y -= self._head_height
            self.head.drawOn(canv, 0, y)
        body_top = y
        if self.continued:
            y -= self.pad
            y -= self._caption_height - self.pad
            # A running caption, like a page header: decoration to a screen reader,
            # which has read the card's title already.
            with artifact(canv):
                self.caption.drawOn(canv, self.pad, y)
        y -= self.pad
        for i, item in enumerate(self.body):
            height = item.wrap(inner, self.height)[1]
            if i:
                y -= item.getSpaceBefore()
            y -= height
            item.drawOn(canv, self.pad, y)
            y -= item.getSpaceAfter()
        with artifact(canv):
            canv.saveState()
            canv.setStrokeColor(self.rule)
            canv.setLineWidth(self.line)
            bottom = 0.0
            canv.line(0, bottom, 0, body_top)
            canv.line(width, bottom, width, body_top)
            if self.continued and self.head is None:
                canv.line(0, body_top, width, body_top)
            if self.last:
                canv.line(0, bottom, width, bottom)
            canv.restoreState()
