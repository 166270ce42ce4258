"""The structure tree read in reading order, and the rules each element must keep.

ISO 32000-1 14.7.2 (structure elements, Table 323), 14.7.4 (content items: MCIDs,
marked-content references, object references), 14.8.4 (standard structure types
and where they may stand); ISO 14289-1 7.3 (Figure alt text), 7.4 (headings),
7.5 (tables).  Each element is named by its path from the root, e.g.
``Document/Sect[2]/Figure``, with the page its content starts on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pikepdf

ObjGen = tuple[int, int]

# The standard structure types of PDF 1.7 (14.8.4), which PDF/UA-1 builds on.
STANDARD = frozenset(
    {
        *("Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption"),
        *("TOC", "TOCI", "Index", "NonStruct", "Private"),
        *("P", "H", "H1", "H2", "H3", "H4", "H5", "H6"),
        *("L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot"),
        *("Span", "Quote", "Note", "Reference", "BibEntry", "Code", "Link", "Annot"),
        *("Ruby", "RB", "RT", "RP", "Warichu", "WT", "WP", "Figure", "Formula", "Form"),
    }
)
HEADINGS = {f"H{level}": level for level in range(1, 7)}

# Where the list and table types may stand (14.8.4.3.3, 14.8.4.3.4).
KIDS = {
    "L": {"LI", "Caption"},
    "LI": {"Lbl", "LBody"},
    "Table": {"TR", "THead", "TBody", "TFoot", "Caption"},
    "THead": {"TR"},
    "TBody": {"TR"},
    "TFoot": {"TR"},
    "TR": {"TH", "TD"},
}
PARENTS = {
    "LI": {"L"},
    "Lbl": {"LI"},
    "LBody": {"LI"},
    "TR": {"Table", "THead", "TBody", "TFoot"},
    "TH": {"TR"},
    "TD": {"TR"},
    "THead": {"Table"},
    "TBody": {"Table"},
    "TFoot": {"Table"},
}
SCOPES = {"/Row", "/Column", "/Both"}


@dataclass
class Element:
    """One structure element, as found in the tree."""

    obj: pikepdf.Object
    written: str  # /S as written, without the slash
    role: str  # the standard type it stands for, through the RoleMap
    depth: int
    path: str
    # Its own content items, in /K order: (page object, MCID) and referenced objects.
    content: list[tuple[ObjGen | None, int]] = field(default_factory=list)
    objects: list[ObjGen] = field(default_factory=list)
    kids: list[Element] = field(default_factory=list)


@dataclass
class Tree:
    """The elements in reading order (pre-order), and what is wrong with the tree."""

    elements: list[Element] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    # (page object, MCID) → the elements that reference it; object → its OBJR owners.
    owners: dict[tuple[ObjGen, int], list[Element]] = field(default_factory=dict)
    object_owners: dict[ObjGen, list[Element]] = field(default_factory=dict)


class _Reader:
    def __init__(self, root: pikepdf.Dictionary, page_numbers: dict[ObjGen, int]) -> None:
        self.tree = Tree()
        self.page_numbers = page_numbers
        role_map = root.get("/RoleMap")
        self.role_map = (
            {str(k)[1:]: str(v)[1:] for k, v in role_map.items()}
            if isinstance(role_map, pikepdf.Dictionary)
            else {}
        )
        self.seen: set[ObjGen] = set()

        self.found: list[tuple[Element | None, str]] = []

    def problem(self, element: Element | None, message: str) -> None:
        self.found.append((element, message))

    def report(self) -> list[str]:
        """The problems, each element named by its path and the page its content starts on."""
        out = []
        for element, message in self.found:
            if element is None:
                out.append(f"structure: {message}")
                continue
            page = _first_page(element)
            on = f" (page {self.page_numbers[page]})" if page is not None else ""
            out.append(f"structure: {element.path}{on}: {message}")
        return out

    def role_of(self, written: str) -> str | None:
        """The standard type ``written`` stands for, or None (a cycle or a dead end)."""
        role, hops = written, 0
        while role not in STANDARD and role in self.role_map and hops < 10:
            role, hops = self.role_map[role], hops + 1
        return role if role in STANDARD else None

    def kids_of(self, parent: pikepdf.Object) -> list[pikepdf.Object]:
        kids = parent.get("/K")
        if kids is None:
            return []
        return list(kids) if isinstance(kids, pikepdf.Array) else [kids]

    def read(self, parent: pikepdf.Object, parent_element: Element | None, depth: int) -> None:
        """Read ``parent``'s /K: content items into ``parent_element``, elements recursively."""
        items = self.kids_of(parent)
        written_types = [_written(item) for item in items if _is_element(item)]
        index: dict[str, int] = {}
        for item in items:
            if _is_element(item):
                written = _written(item)
                index[written] = index.get(written, 0) + 1
                many = written_types.count(written) > 1
                name = f"{written}[{index[written]}]" if many else written
                prefix = f"{parent_element.path}/" if parent_element is not None else ""
                self.element(item, parent, parent_element, depth, prefix + name)
            elif parent_element is None:
                self.problem(None, "the StructTreeRoot's /K holds content, not only elements")
            else:
                self.content_item(item, parent_element)

    def element(
        self,
        obj: pikepdf.Object,
        parent: pikepdf.Object,
        parent_element: Element | None,
        depth: int,
        path: str,
    ) -> None:
        written = _written(obj)
        role = self.role_of(written)
        element = Element(obj, written, role or written, depth, path)
        if not isinstance(obj.get("/S"), pikepdf.Name):
            self.problem(element, "no /S (structure type)")
        if obj.objgen == (0, 0):
            self.problem(element, "a direct object (an element must be indirect)")
        elif obj.objgen in self.seen:
            self.problem(element, "appears twice in the tree")
            return
        self.seen.add(obj.objgen)
        if written in STANDARD and written in self.role_map:
            self.problem(element, f"the RoleMap remaps the standard type {written}")
        if role is None:
            self.problem(element, f"/S /{written} is not a standard type, nor mapped to one")
        up = obj.get("/P")
        if up is None or up.objgen != parent.objgen or parent.objgen == (0, 0):
            self.problem(element, "/P is not its parent")
        if parent_element is not None:
            parent_element.kids.append(element)
        self.tree.elements.append(element)
        self.read(obj, element, depth + 1)

    def content_item(self, item: pikepdf.Object, element: Element) -> None:
        page = element.obj.get("/Pg")
        if isinstance(item, int) and not isinstance(item, bool):
            self.mcid(element, page, int(item))
        elif isinstance(item, pikepdf.Dictionary) and item.get("/Type") == pikepdf.Name.MCR:
            if "/Stm" in item:
                self.problem(element, "an MCR into a form XObject (/Stm): not supported here")
            mcid = item.get("/MCID")
            if isinstance(mcid, int):
                self.mcid(element, item.get("/Pg", page), int(mcid))
            else:
                self.problem(element, "an MCR without an integer /MCID")
        elif isinstance(item, pikepdf.Dictionary) and item.get("/Type") == pikepdf.Name.OBJR:
            target = item.get("/Obj")
            if target is None or target.objgen == (0, 0):
                self.problem(element, "an OBJR without an indirect /Obj")
            else:
                element.objects.append(target.objgen)
                self.tree.object_owners.setdefault(target.objgen, []).append(element)
        else:
            self.problem(element, "a /K item that is no element, MCID, MCR or OBJR")

    def mcid(self, element: Element, page: pikepdf.Object | None, mcid: int) -> None:
        if page is None or page.objgen not in self.page_numbers:
            element.content.append((None, mcid))
            self.problem(element, f"MCID {mcid} has no page (/Pg) of this document")
            return
        element.content.append((page.objgen, mcid))
        self.tree.owners.setdefault((page.objgen, mcid), []).append(element)


def _is_element(item: pikepdf.Object) -> bool:
    """A structure element (14.7.2): /Type /StructElem, or no /Type (unlike MCR, OBJR) and /S."""
    if not isinstance(item, pikepdf.Dictionary):
        return False
    kind = item.get("/Type")
    return kind == pikepdf.Name.StructElem or (kind is None and "/S" in item)


def _written(item: pikepdf.Object) -> str:
    """An element's /S as written, without the slash ("?" when it has none)."""
    kind = item.get("/S")
    return str(kind)[1:] if isinstance(kind, pikepdf.Name) else "?"


def _first_page(element: Element) -> ObjGen | None:
    """The page an element's content starts on (its own, else its first element's)."""
    for page, _ in element.content:
        if page is not None:
            return page
    for kid in element.kids:
        page = _first_page(kid)
        if page is not None:
            return page
    return None


def read_tree(root: pikepdf.Dictionary, page_numbers: dict[ObjGen, int]) -> Tree:
    """Read the structure tree under ``root`` (the StructTreeRoot) and check each element."""
    reader = _Reader(root, page_numbers)
    reader.read(root, None, 0)
    top = [element for element in reader.tree.elements if element.depth == 0]
    if [element.role for element in top] != ["Document"]:
        found = ", ".join(element.written for element in top) or "nothing"
        reader.problem(None, f"the root holds {found}, not one Document element")
    for element in reader.tree.elements:
        _check_element(reader, element)
    _check_headings(reader)
    reader.tree.problems = reader.report()
    return reader.tree


def _check_element(reader: _Reader, element: Element) -> None:
    role = element.role
    # A table cell may be empty (a diary's tick box): the table stays regular.
    empty = not element.kids and not element.content and not element.objects
    if empty and role not in ("TD", "TH"):
        reader.problem(element, f"empty {element.written} (no content, no elements)")
    if role == "Figure" and not str(element.obj.get("/Alt", "")).strip():
        reader.problem(element, "Figure without /Alt")
    allowed = KIDS.get(role)
    if allowed is not None:
        for kid in element.kids:
            if kid.role not in allowed:
                reader.problem(kid, f"{kid.written} inside {role} (allowed: {sorted(allowed)})")
        if element.content:
            reader.problem(element, f"{role} holds content directly, outside {sorted(allowed)}")
    for kid in element.kids:
        parents = PARENTS.get(kid.role)
        if parents is not None and role not in parents and role not in KIDS:
            reader.problem(kid, f"{kid.written} outside {' or '.join(sorted(parents))}")
    if role == "TH":
        scopes = [
            attribute.get("/Scope")
            for attribute in _attributes(element.obj)
            if attribute.get("/O") == pikepdf.Name.Table
        ]
        if not any(str(scope) in SCOPES for scope in scopes):
            reader.problem(element, "TH without a Table attribute /Scope (Row, Column or Both)")


def _attributes(obj: pikepdf.Object) -> list[pikepdf.Object]:
    """An element's attribute objects (/A: one, or an array with revision numbers)."""
    value = obj.get("/A")
    items = list(value) if isinstance(value, pikepdf.Array) else [value]
    return [item for item in items if isinstance(item, pikepdf.Dictionary)]


def _check_headings(reader: _Reader) -> None:
    """ISO 14289-1 7.4.2: H1 first, then never more than one level deeper than the last."""
    last = 0
    kinds: set[str] = set()
    for element in reader.tree.elements:
        if element.role == "H":
            kinds.add("H")
        level = HEADINGS.get(element.role)
        if level is None:
            continue
        kinds.add("Hn")
        if level > last + 1:
            where = f"follows H{last}" if last else "is the first heading"
            reader.problem(element, f"{element.role} {where}: a skipped heading level")
        last = level
    if kinds == {"H", "Hn"}:
        reader.problem(None, "both H and H1–H6 headings (use one kind, 7.4.4)")
