"""Tagged PDF, while drawing: what each piece of the page is (heading, paragraph,
list item, figure, table cell) and what is decoration (an artifact).

ReportLab writes no structure of its own.  Here:

* While the story is built, ``part`` opens a structure element (a card's
  ``Sect``, a list's ``L`` and ``LI``, the diary's ``Table``) and every
  paragraph or picture made inside it becomes a leaf element under it, in the
  order it was made: the reading order.
* While the pages are drawn, a leaf's flowable wraps its drawing in marked
  content (``/P <</MCID n>> BDC … EMC``) and records which element owns MCID
  ``n`` of that page; backgrounds, rules and the page furniture are wrapped as
  ``/Artifact``.
* After the build, ``handouts.render.struct_tree`` writes the structure tree
  from those records (pikepdf).

Why a context variable rather than an argument through every builder: the
builders (cards, boxes, lists, the diary) already take many arguments, and a
paragraph made outside a handout (a test, a measurement) simply has no element.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from reportlab.platypus import Table as _Table


@dataclass(frozen=True)
class Mark:
    """One piece of marked content: MCID ``mcid`` on page ``page`` (0-based)."""

    page: int
    mcid: int


@dataclass(eq=False)
class Element:
    """A structure element: its role, its alternative text and what it holds, in order."""

    role: str
    alt: str | None = None
    attributes: dict[str, str] = field(default_factory=dict)  # /A: e.g. Scope: Column
    kids: list[Element | Mark] = field(default_factory=list)
    links: list[Mark] = field(default_factory=list)  # link annotations: page, index on page

    def add(self, role: str, alt: str | None = None, **attributes: str) -> Element:
        child = Element(role, alt, dict(attributes))
        self.kids.append(child)
        return child

    def marked(self) -> bool:
        """Whether anything of it was drawn (elements only measured are left out)."""
        return bool(self.links) or any(
            isinstance(kid, Mark) or kid.marked() or kid.role in _KEPT_EMPTY for kid in self.kids
        )


# Table cells stay in the tree when empty (a diary's tick boxes): a row keeps its columns.
_KEPT_EMPTY = frozenset({"TD", "TH"})


class Structure:
    """One handout's structure: the element tree and, per page, which element owns each MCID."""

    def __init__(self) -> None:
        self.root = Element("Document")
        self.pages: dict[int, list[Element]] = {}
        self.link_count: dict[int, int] = {}

    def link(self, page: int, element: Element | None) -> None:
        """A link annotation made on ``page`` while ``element`` was drawn: a Link under it."""
        index = self.link_count.get(page, 0)
        self.link_count[page] = index + 1
        (element or self.root).add("Link").links.append(Mark(page, index))

    def mark(self, page: int, element: Element) -> int:
        """The next MCID of ``page``, owned by ``element``."""
        owners = self.pages.setdefault(page, [])
        owners.append(element)
        element.kids.append(Mark(page, len(owners) - 1))
        return len(owners) - 1


_parent: ContextVar[Element | None] = ContextVar("handouts_structure_parent", default=None)


@contextmanager
def building(structure: Structure) -> Iterator[None]:
    """Within the block, paragraphs and pictures made become elements of ``structure``."""
    token = _parent.set(structure.root)
    try:
        yield
    finally:
        _parent.reset(token)


@contextmanager
def part(role: str, alt: str | None = None, **attributes: str) -> Iterator[Element | None]:
    """A structure element (``Sect``, ``L``, ``LI``, ``Table``, ``TR``, ``TD`` …) holding
    what is made within the block."""
    parent = _parent.get()
    if parent is None:
        yield None
        return
    element = parent.add(role, alt, **attributes)
    token = _parent.set(element)
    try:
        yield element
    finally:
        _parent.reset(token)


def leaf(role: str, alt: str | None = None) -> Element | None:
    """A new element under the open part (None outside a handout being built).

    A paragraph directly in a list item is its body (``LBody``)."""
    parent = _parent.get()
    if parent is None:
        return None
    if parent.role == "LI" and role == "P":
        role = "LBody"
    return parent.add(role, alt)


def card_order(section: Element | None) -> None:
    """A card's reading order: its title, then its pictures, then the rest as made.

    Why: the builders make the picture first (it is drawn left of or above the
    title), but a listener wants to hear which exercise it is first."""
    if section is not None:
        rank = {"H3": 0, "Figure": 1}
        section.kids.sort(key=lambda kid: rank.get(getattr(kid, "role", ""), 2))


def heading_role(style_name: str) -> str:
    """The role of a paragraph in a style: the handout's title H1, page headings H2,
    card titles H3 (levels never skip: every card is under "Your exercises")."""
    if style_name.startswith("title"):
        return "H1"
    if style_name.startswith(("h1", "h2", "glance_heading")):
        return "H2"
    if style_name.startswith("card_title"):
        return "H3"
    return "P"


def draw_marked(canv: Any, element: Element | None, draw: Callable[[], None]) -> None:
    """``draw()`` inside marked content owned by ``element`` (plain, when not tagging)."""
    structure: Structure | None = getattr(canv, "structure", None)
    inside = getattr(canv, "artifact_depth", 0) or getattr(canv, "current_element", None)
    if structure is None or element is None or inside:
        # Marked content does not nest: what a marked flowable draws inside it
        # (a QR code's address) is part of it.
        draw()
        return
    mcid = structure.mark(canv.getPageNumber() - 1, element)
    canv.addLiteral(f"/{element.role} <</MCID {mcid}>> BDC")
    outer, canv.current_element = getattr(canv, "current_element", None), element
    try:
        draw()
    finally:
        canv.current_element = outer
    canv.addLiteral("EMC")


@contextmanager
def artifact(canv: Any) -> Iterator[None]:
    """What is drawn within the block is decoration, skipped by screen readers."""
    if getattr(canv, "structure", None) is None:
        yield
        return
    canv.addLiteral("/Artifact BMC")
    canv.artifact_depth = getattr(canv, "artifact_depth", 0) + 1
    try:
        yield
    finally:
        canv.artifact_depth -= 1
        canv.addLiteral("EMC")


class Marked:
    """Mixin for a flowable that is one leaf element (``tag``): its drawing is marked."""

    tag: Element | None = None

    def drawOn(self, canv: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        draw_marked(canv, self.tag, lambda: super(Marked, self).drawOn(canv, x, y, _sW))  # type: ignore[misc]


class Table(_Table):  # type: ignore[misc]
    """A ReportLab Table whose backgrounds, rules and text-cell strings are artifacts.

    Its flowable cells (paragraphs, pictures) are tagged as themselves.  Why
    string cells too: an empty cell ("") still writes an empty text-showing
    operator.
    """

    def _drawBkgrnd(self) -> None:  # noqa: N802 - ReportLab's name
        with artifact(self.canv):
            super()._drawBkgrnd()

    def _drawLines(self) -> None:  # noqa: N802 - ReportLab's name
        with artifact(self.canv):
            super()._drawLines()

    def _drawCell(self, cellval: Any, cellstyle: Any, pos: Any, size: Any) -> None:  # noqa: N802
        if isinstance(cellval, (list, tuple)) or hasattr(cellval, "drawOn"):
            super()._drawCell(cellval, cellstyle, pos, size)
            return
        if cellval in ("", None):
            return
        with artifact(self.canv):
            super()._drawCell(cellval, cellstyle, pos, size)
