"""One page's content streams read for tagging: what is marked, by which MCID, with what text.

The rules (ISO 32000-1 14.6, 14.7.4; ISO 14289-1 7.1, as veraPDF states them):

* every painting operator is real content inside a marked-content sequence with an
  MCID, or an artifact inside an ``/Artifact`` sequence; clipping (``W n``) paints
  nothing;
* a form XObject's content counts as if it stood at the ``Do`` that paints it, so
  its operators inherit that ``Do``'s marked content (and the form's own sequences
  must balance inside the form);
* an MCID sequence never holds another MCID sequence or an artifact, and an artifact
  never holds tagged content;
* an MCID names one sequence of its content stream; BMC/BDC … EMC balance, and nest
  properly with BT … ET.

Text is collected per MCID (the strings of Tj, TJ, ' and ") for the reading-order
outline, decoded with each font's ToUnicode CMap; a sequence with ``/ActualText``
contributes that text instead of its glyphs.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

import pikepdf

from tests.tagged_pdf_cmap import ToUnicode, parse_tounicode

# Text showing, path painting (not "n": it ends a path, or a clip, unpainted), shading.
# "Do" of an image and inline images are added where they occur.
PAINTING = frozenset({"Tj", "TJ", "'", '"', "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh"})
SHOWING = frozenset({"Tj", "TJ", "'", '"'})
# Operators that start a new line or move the text position: a word boundary at most.
_BREAKS = frozenset({"T*", "Td", "TD", "Tm", "'", '"', "BT"})
Instructions = list[pikepdf.ContentStreamInstruction | pikepdf.ContentStreamInlineImage]
# Kerning in a TJ array wider than this (thousandths of a unit) reads as a space.
_TJ_SPACE = -250


@dataclass(frozen=True)
class Marking:
    """The marked content around an operator: the MCID it belongs to, or an artifact."""

    mcid: int | None = None
    artifact: bool = False
    replaced: bool = False  # inside /ActualText: the glyphs' own text is not read


@dataclass
class PageContent:
    """What a page's content streams (and the forms they paint) mark and say."""

    mcids: Counter[int] = field(default_factory=Counter)
    text: dict[int, list[str]] = field(default_factory=dict)
    unmarked: Counter[tuple[str, str]] = field(default_factory=Counter)  # (where, operator)
    problems: list[str] = field(default_factory=list)

    def text_of(self, mcid: int) -> str:
        return " ".join("".join(self.text.get(mcid, [])).split())


class Fonts:
    """ToUnicode decoders, one per font object, shared by every page of a document."""

    def __init__(self) -> None:
        self._decoders: dict[tuple[int, int], ToUnicode | None] = {}
        self._two_byte: dict[tuple[int, int], bool] = {}

    def decode(self, font: pikepdf.Object | None, data: bytes) -> str:
        if font is None:
            return data.decode("latin-1")
        key = font.objgen
        if key not in self._decoders or key == (0, 0):  # a direct font has no key: no cache
            to_unicode = font.get("/ToUnicode")
            self._decoders[key] = (
                parse_tounicode(to_unicode.read_bytes())
                if isinstance(to_unicode, pikepdf.Stream)
                else None
            )
            self._two_byte[key] = font.get("/Subtype") == pikepdf.Name.Type0
        decoder = self._decoders[key]
        if decoder is not None:
            return decoder.decode(data)
        # No ToUnicode: a composite font's codes mean nothing; a simple font's are
        # near enough to Latin-1 for an outline.
        return "\ufffd" * (len(data) // 2) if self._two_byte[key] else data.decode("latin-1")


class _Walk:
    """Walks one page: its content, then each form it paints, in painting order."""

    def __init__(self, where: str, fonts: Fonts, forms: dict[tuple[int, int], Instructions]):
        self.where = where
        self.fonts = fonts
        self.forms = forms  # parsed form content, shared across pages
        self.page = PageContent()
        self.painting: list[tuple[int, int]] = []  # forms being walked: a cycle guard

    def problem(self, message: str) -> None:
        if message not in self.page.problems:
            self.page.problems.append(message)

    def stream(
        self, ops: Instructions, resources: pikepdf.Object, outer: Marking, where: str
    ) -> None:
        stack = [outer]
        text_depth: int | None = None  # len(stack) at BT, while inside a text object
        font: pikepdf.Object | None = None
        fonts = resources.get("/Font") if isinstance(resources, pikepdf.Dictionary) else None
        for instruction in ops:
            op = str(instruction.operator)
            operands = instruction.operands
            top = stack[-1]
            if op in ("BDC", "BMC"):
                stack.append(self._begin(op, operands, resources, top, where))
            elif op == "EMC":
                if len(stack) == 1 or (text_depth is not None and len(stack) <= text_depth):
                    bad = "EMC without BMC/BDC" if len(stack) == 1 else "EMC closes outside BT"
                    self.problem(f"{where}: {bad}")
                if len(stack) > 1:
                    stack.pop()
            elif op == "BT":
                text_depth = len(stack)
                self._add_break(top)
            elif op == "ET":
                if text_depth is not None and len(stack) != text_depth:
                    self.problem(f"{where}: BDC/EMC and BT/ET overlap")
                text_depth = None
            elif op == "Tf" and operands:
                font = fonts.get(str(operands[0])) if fonts is not None else None
            elif op == "Do":
                self._do(operands, resources, top, where)
            elif op == "INLINE IMAGE":
                self._paint("BI", top, where)
            elif op in PAINTING:
                self._paint(op, top, where)
                if op in SHOWING:
                    self._show(op, operands, font, top)
            elif op in _BREAKS:
                self._add_break(top)
        if len(stack) > 1:
            self.problem(f"{where}: {len(stack) - 1} marked-content sequence(s) not closed")

    def _begin(
        self,
        op: str,
        operands: pikepdf._core._ObjectList,
        resources: pikepdf.Object,
        top: Marking,
        where: str,
    ) -> Marking:
        tag = str(operands[0]) if operands else "?"
        properties: pikepdf.Object | None = None
        if op == "BDC" and len(operands) > 1:
            properties = operands[1]
            if isinstance(properties, pikepdf.Name):
                named = resources.get("/Properties", pikepdf.Dictionary()).get(str(properties))
                if named is None:
                    self.problem(f"{where}: BDC {tag} {properties}: not in /Resources /Properties")
                properties = named
        if tag == "/Artifact":
            if top.mcid is not None:
                self.problem(f"{where}: /Artifact inside tagged content (MCID {top.mcid})")
            return Marking(top.mcid, True, top.replaced)
        mcid_object = properties.get("/MCID") if properties is not None else None
        actual = properties.get("/ActualText") if properties is not None else None
        mcid = top.mcid
        if mcid_object is not None:
            if not isinstance(mcid_object, int) or isinstance(mcid_object, bool):
                self.problem(f"{where}: BDC {tag}: /MCID {mcid_object} is not an integer")
            elif self.painting:
                self.problem(f"{where}: MCID {mcid_object} inside a form XObject (tag the Do)")
            elif top.artifact:
                self.problem(f"{where}: MCID {mcid_object} inside an /Artifact sequence")
            elif top.mcid is not None:
                self.problem(f"{where}: MCID {mcid_object} nested inside MCID {top.mcid}")
            else:
                mcid = int(mcid_object)
                self.page.mcids[mcid] += 1
                self.page.text.setdefault(mcid, [])
        replaced = top.replaced
        if isinstance(actual, pikepdf.String) and mcid is not None and not replaced:
            self.page.text[mcid].append(f" {actual} ")
            replaced = True
        return Marking(mcid, top.artifact, replaced)

    def _paint(self, op: str, top: Marking, where: str) -> None:
        if top.mcid is None and not top.artifact:
            self.page.unmarked[where, op] += 1

    def _show(
        self,
        op: str,
        operands: pikepdf._core._ObjectList,
        font: pikepdf.Object | None,
        top: Marking,
    ) -> None:
        if top.mcid is None or top.replaced or not operands:
            return
        shown = operands[-1]  # Tj, ' and TJ take one operand; " takes aw ac string
        parts = [" "] if op in ("'", '"') else []  # these two start a new line first
        if isinstance(shown, pikepdf.Array):
            for item in shown:
                if isinstance(item, pikepdf.String):
                    parts.append(self.fonts.decode(font, bytes(item)))
                elif isinstance(item, int | Decimal) and item < _TJ_SPACE:
                    parts.append(" ")
        elif isinstance(shown, pikepdf.String):
            parts.append(self.fonts.decode(font, bytes(shown)))
        self.page.text[top.mcid].extend(parts)

    def _add_break(self, top: Marking) -> None:
        if top.mcid is not None and not top.replaced:
            self.page.text[top.mcid].append(" ")

    def _do(
        self,
        operands: pikepdf._core._ObjectList,
        resources: pikepdf.Object,
        top: Marking,
        where: str,
    ) -> None:
        name = str(operands[0]) if operands else None
        xobjects = resources.get("/XObject", pikepdf.Dictionary())
        xobject = xobjects.get(name) if name is not None else None
        if not isinstance(xobject, pikepdf.Stream):
            self.problem(f"{where}: Do {name}: no such XObject")
            return
        if xobject.get("/Subtype") != pikepdf.Name.Form:
            self._paint("Do", top, where)  # an image (or PostScript): painted here
            return
        key = xobject.objgen
        if key in self.painting:
            self.problem(f"{where}: form {name} paints itself")
            return
        if key not in self.forms:
            self.forms[key] = list(pikepdf.parse_content_stream(xobject))
        own = xobject.get("/Resources")
        self.painting.append(key)
        self.stream(
            self.forms[key],
            own if own is not None else resources,
            top,
            f"{self.where}, form {name}",
        )
        self.painting.pop()


def read_page(
    page: pikepdf.Page,
    number: int,
    fonts: Fonts,
    forms: dict[tuple[int, int], Instructions],
) -> PageContent:
    """Read page ``number`` (1-based): its MCIDs and their text, and what it leaves unmarked."""
    walk = _Walk(f"page {number}", fonts, forms)
    resources = page.obj.get("/Resources", pikepdf.Dictionary())
    walk.stream(list(pikepdf.parse_content_stream(page)), resources, Marking(), walk.where)
    for mcid, count in sorted(walk.page.mcids.items()):
        if count > 1:
            walk.problem(f"{walk.where}: MCID {mcid} marks {count} sequences")
    return walk.page
