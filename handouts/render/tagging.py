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

from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from reportlab.platypus import Table as _Table
from reportlab.platypus import TableStyle

from handouts.render.direction import laid_out, mirrored_command, mirrored_row, right_to_left


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
    parent: Element | None = None
    lead: bool = False  # a card's picture: read right after the card's title
    lang: str | None = None  # when not the document's language
    actual_text: str | None = None  # the text in reading order, when drawn otherwise

    def add(self, role: str, alt: str | None = None, **attributes: str) -> Element:
        child = Element(role, alt, dict(attributes), parent=self)
        self.kids.append(child)
        return child

    def move_to(self, parent: Element) -> None:
        """Make this element the last of ``parent``'s, out of where it was made."""
        if self.parent is not None:
            self.parent.kids.remove(self)
        parent.kids.append(self)
        self.parent = parent

    @property
    def kept_empty(self) -> bool:
        """Table cells stay in the tree when empty (a half-filled row keeps its
        columns).  Any other element with nothing drawn was only measured."""
        return self.role in ("TD", "TH")


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


def table_structure(
    rows: Sequence[Sequence[object]], *, row_heads: Collection[int] = (), padded: bool = False
) -> None:
    """File the elements of a laid-out table's cells as Table > TR > TH/TD.

    Why after the fact: a table's layout (which value shares a row with which)
    is decided by measuring its paragraphs, so they exist before their rows do.
    Cells in ``row_heads`` columns are row headings (TH, Scope Row).  ``padded``:
    an empty string is padding (a half-empty row, a spanned cell), not a cell.
    """
    parent = _parent.get()
    if parent is None:
        return
    table = parent.add("Table")
    for row in rows:
        line = table.add("TR")
        for column, cell in enumerate(row):
            if padded and cell == "":
                continue
            heading = column in row_heads and cell != ""
            flowables = list(cell) if isinstance(cell, list | tuple) else [cell]
            tags = [
                t for t in (getattr(f, "tag", None) for f in flowables) if isinstance(t, Element)
            ]
            if len(tags) == 1 and tags[0].role == "P":
                # One paragraph: it is the cell (one element fewer for each).
                tags[0].role = "TH" if heading else "TD"
                tags[0].attributes = {"Scope": "Row"} if heading else {}
                tags[0].move_to(line)
                continue
            element = line.add("TH", Scope="Row") if heading else line.add("TD")
            for tag in tags:
                tag.move_to(element)


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
    """A card's reading order: its title, then its pictures, then the rest as made
    (the QR code for its video among them, where it was made).

    Why: the builders make the picture first (it is drawn left of or above the
    title), but a listener wants to hear which exercise it is first."""
    if section is not None:

        def rank(kid: Element | Mark) -> int:
            if isinstance(kid, Element) and kid.role == "H3":
                return 0
            return 1 if isinstance(kid, Element) and kid.lead else 2

        section.kids.sort(key=rank)


# Heading levels by the theme style a paragraph's style derives from: the title
# H1, the page's headings H2, card titles H3 (every card is under "Your
# exercises", so levels never skip).
_HEADINGS = {"title": "H1", "h1": "H2", "h2": "H2", "card_title": "H3"}


def heading_role(style: Any) -> str:
    """The role of a paragraph in ``style``: a heading level, or P."""
    while style is not None:
        role = _HEADINGS.get(str(getattr(style, "name", "")))
        if role:
            return role
        style = getattr(style, "parent", None)
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
    with unmarked(canv):
        yield
    canv.addLiteral("EMC")


@contextmanager
def unmarked(canv: Any) -> Iterator[None]:
    """Within the block, no flowable marks its drawing (a form XObject of page
    furniture: the page marks where it is used, as an artifact or a figure)."""
    canv.artifact_depth = getattr(canv, "artifact_depth", 0) + 1
    try:
        yield
    finally:
        canv.artifact_depth -= 1


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

    Built for a right-to-left handout, its columns run right to left: the rows
    and widths given in reading order are drawn mirrored, and so is every style
    command (see ``direction``).  The structure keeps reading order: the first
    cell of a row is still read first.  The tables ReportLab makes when it
    splits one already hold mirrored rows and commands, so they are left alone.
    """

    mirrored = False

    def __init__(self, data: Any, colWidths: Any = None, *args: Any, **kw: Any) -> None:  # noqa: N803
        if right_to_left():
            self.mirrored = True
            data = [mirrored_row(row) for row in data]
            if colWidths is not None:
                colWidths = list(reversed(colWidths))  # noqa: N806
        super().__init__(data, colWidths, *args, **kw)

    def setStyle(self, tblstyle: Any) -> None:  # noqa: N802 - ReportLab's name
        if self.mirrored:
            commands = tblstyle.getCommands() if hasattr(tblstyle, "getCommands") else tblstyle
            mirrored = [mirrored_command(c) for c in commands]
            for command in mirrored:
                if command[0] == "SPAN":
                    self._span_content_first(command[1], command[2])
            tblstyle = TableStyle(mirrored)
        super().setStyle(tblstyle)

    def _span_content_first(self, start: tuple[int, int], end: tuple[int, int]) -> None:
        """A span shows its first (leftmost) cell: move the content there from its last,
        where mirroring the row put it."""
        first, last = start[0] % self._ncols, end[0] % self._ncols
        for row in range(start[1] % self._nrows, end[1] % self._nrows + 1):
            cells = self._cellvalues[row]
            if cells[first] in ("", None) and cells[last] not in ("", None):
                cells[first], cells[last] = cells[last], cells[first]

    def _splitRows(self, *args: Any, **kw: Any) -> Any:  # noqa: N802 - ReportLab's name
        with laid_out(False):  # its parts are made from rows already mirrored
            return super()._splitRows(*args, **kw)

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
