"""Is this PDF tagged, and tagged right?  A checker written from the specifications.

``tagging_problems(data)`` lists what breaks the rules of tagged PDF (ISO 32000-1
14.7-14.8) and the machine-checkable parts of PDF/UA-1 (ISO 14289-1) that a
handout can break, one short line each, naming the page, operator or element;
an empty list means none were found.  ``structure_outline(data)`` gives the
structure tree in reading order, with each element's text, for tests that
assert what a screen reader reads and in which order.

Why in the tests and written apart from the renderer: it must catch the
renderer's mistakes, so it shares none of its code or assumptions.

What it checks:

* catalog: /MarkInfo /Marked true, /Lang a language tag, /ViewerPreferences
  /DisplayDocTitle true, a /StructTreeRoot, XMP metadata with a dc:title equal to
  the Info /Title, and that encryption (if any) allows extraction for accessibility;
* content (tests/tagged_pdf_content.py): no painting operator outside an MCID
  sequence or an artifact, in pages and the forms they paint; marked content
  balanced and properly nested;
* structure (tests/tagged_pdf_tree.py): one Document at the root, /S and /P on
  every element, standard types (or role-mapped to them), Figure /Alt, headings
  that never skip a level, tables and lists built of the right parts, TH /Scope;
* the ParentTree and the tree agree with the content: every MCID on a page is
  owned by exactly one element and the ParentTree names that element, and every
  MCID the tree references is on its page;
* annotations: /StructParent, an OBJR in the structure tree (a Link element for a
  link), /Contents on links; pages have /Tabs /S;
* fonts (tests/tagged_pdf_fonts.py): all embedded, wherever they are named.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import pikepdf

from tests.tagged_pdf_content import Fonts, Instructions, PageContent, read_page
from tests.tagged_pdf_fonts import font_problems
from tests.tagged_pdf_tree import Element, ObjGen, Tree, read_tree

# BCP 47, loosely: a primary language subtag and optional subtags (en, en-GB, sr-Latn-RS).
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")
_RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
_DC_TITLE = ".//{http://purl.org/dc/elements/1.1/}title"


@dataclass
class _Document:
    """A PDF read once for both questions: its pages' content and its structure tree."""

    pdf: pikepdf.Pdf
    page_numbers: dict[ObjGen, int]
    pages: list[PageContent]
    root: pikepdf.Object | None
    tree: Tree


def _read(pdf: pikepdf.Pdf) -> _Document:
    fonts = Fonts()
    forms: dict[ObjGen, Instructions] = {}
    page_numbers = {page.obj.objgen: n for n, page in enumerate(pdf.pages, start=1)}
    pages = [read_page(page, n, fonts, forms) for n, page in enumerate(pdf.pages, start=1)]
    root = pdf.Root.get("/StructTreeRoot")
    if isinstance(root, pikepdf.Dictionary):
        tree = read_tree(root, page_numbers)
    else:
        root, tree = None, Tree()
    return _Document(pdf, page_numbers, pages, root, tree)


def tagging_problems(data: bytes, *, password: str = "") -> list[str]:
    """What is wrong with the tagging of the PDF ``data``; empty when nothing is."""
    with pikepdf.open(io.BytesIO(data), password=password) as pdf:
        document = _read(pdf)
        problems = _catalog_problems(pdf)
        for page in document.pages:
            problems += page.problems
            problems += [
                f"{where}: {op} outside marked content ({count}×)"
                for (where, op), count in page.unmarked.items()
            ]
        problems += document.tree.problems
        problems += _parent_tree_problems(document)
        problems += _page_problems(pdf)
        problems += font_problems(pdf)
        return problems


def structure_outline(data: bytes, *, password: str = "") -> list[tuple[int, str, str]]:
    """The structure tree in reading order: (depth, /S as written, text) per element.

    The text is a Figure's /Alt, an element's /ActualText, or else the text of the
    element's own marked content (not its child elements'), whitespace squashed.
    Depth 0 is the element at the root (the Document).  Empty for an untagged PDF.
    """
    with pikepdf.open(io.BytesIO(data), password=password) as pdf:
        document = _read(pdf)
        return [(e.depth, e.written, _text(e, document)) for e in document.tree.elements]


def _text(element: Element, document: _Document) -> str:
    replacement = element.obj.get("/Alt" if element.role == "Figure" else "/ActualText")
    if replacement is not None:
        return " ".join(str(replacement).split())
    parts = [
        document.pages[document.page_numbers[page] - 1].text_of(mcid)
        for page, mcid in element.content
        if page is not None
    ]
    return " ".join(" ".join(parts).split())


def _catalog_problems(pdf: pikepdf.Pdf) -> list[str]:
    root = pdf.Root
    problems = []
    if not _true(root.get("/MarkInfo", pikepdf.Dictionary()).get("/Marked")):
        problems.append("catalog: no /MarkInfo << /Marked true >>")
    language = str(root.get("/Lang", "")).strip()
    if not language:
        problems.append("catalog: no /Lang")
    elif not _LANGUAGE_TAG.fullmatch(language):
        problems.append(f"catalog: /Lang {language!r} is not a language tag")
    if not _true(root.get("/ViewerPreferences", pikepdf.Dictionary()).get("/DisplayDocTitle")):
        problems.append("catalog: no /ViewerPreferences << /DisplayDocTitle true >>")
    if not isinstance(root.get("/StructTreeRoot"), pikepdf.Dictionary):
        problems.append("catalog: no /StructTreeRoot")
    title = str(pdf.docinfo.get("/Title", "")).strip() if "/Info" in pdf.trailer else ""
    if not title:
        problems.append("info: no /Title")
    problems += _xmp_problems(root.get("/Metadata"), title)
    if pdf.is_encrypted and not pdf.allow.accessibility:
        problems.append("encryption: extraction for accessibility is not allowed (P bit 10)")
    return problems


def _true(value: object) -> bool:
    """A PDF boolean true (pikepdf gives it as Python's True), not merely truthy."""
    return value is True


def _xmp_problems(metadata: pikepdf.Object | None, title: str) -> list[str]:
    """ISO 14289-1 7.1: the XMP metadata carries dc:title (and it should say the same)."""
    if not isinstance(metadata, pikepdf.Stream):
        return ["metadata: no XMP metadata stream"]
    try:
        xmp = ET.fromstring(metadata.read_bytes().strip().strip(b"\x00"))
    except ET.ParseError as error:
        return [f"metadata: XMP is not well-formed XML ({error})"]
    found = xmp.find(_DC_TITLE)
    texts = [] if found is None else [li.text or "" for li in found.iter(f"{_RDF}li")]
    xmp_title = " ".join(" ".join(texts).split())
    if not xmp_title:
        return ["metadata: XMP has no dc:title"]
    if title and xmp_title != " ".join(title.split()):
        return [f"metadata: XMP dc:title {xmp_title!r} is not the Info /Title {title!r}"]
    return []


def _number_tree(node: pikepdf.Object, problems: list[str], depth: int = 0) -> dict[int, object]:
    """A number tree's entries (7.9.7): /Nums pairs at the leaves, /Kids above them."""
    entries: dict[int, object] = {}
    if depth > 32 or not isinstance(node, pikepdf.Dictionary):
        problems.append("structure: the ParentTree is not a number tree")
        return entries
    nums = node.get("/Nums")
    if isinstance(nums, pikepdf.Array):
        if len(nums) % 2:
            problems.append("structure: a ParentTree /Nums array has an odd length")
        for at in range(0, len(nums) - 1, 2):
            key = nums[at]
            if isinstance(key, int) and not isinstance(key, bool):
                entries[int(key)] = nums[at + 1]
            else:
                problems.append(f"structure: a ParentTree key {key} is not an integer")
    for kid in node.get("/Kids", []):
        entries.update(_number_tree(kid, problems, depth + 1))
    return entries


def _parent_tree_problems(document: _Document) -> list[str]:
    """The ParentTree, the tree and the pages' MCIDs and annotations agree (14.7.4.4)."""
    problems: list[str] = []
    tree, root = document.tree, document.root
    parent_tree: dict[int, object] | None = None
    if root is None:
        pass  # reported with the catalog; annotations are still checked below
    elif "/ParentTree" in root:
        parent_tree = _number_tree(root.ParentTree, problems)
        next_key = root.get("/ParentTreeNextKey")
        if isinstance(next_key, int) and parent_tree and next_key <= max(parent_tree):
            problems.append(f"structure: /ParentTreeNextKey {next_key} is not above every key")
    else:
        problems.append("structure: the StructTreeRoot has no /ParentTree")
    paths = {element.obj.objgen: element.path for element in tree.elements}
    keys: dict[int, str] = {}
    for number, page in enumerate(document.pdf.pages, start=1):
        content = document.pages[number - 1]
        where = f"page {number}"
        key = page.obj.get("/StructParents")
        if isinstance(key, int):
            _claim(keys, int(key), where, problems)
        for mcid in sorted(content.mcids):
            owners = tree.owners.get((page.obj.objgen, mcid), [])
            if not owners:
                problems.append(f"{where}: MCID {mcid} is in no structure element")
            elif len(owners) > 1:
                named = ", ".join(owner.path for owner in owners)
                problems.append(f"{where}: MCID {mcid} is referenced {len(owners)} times ({named})")
        if content.mcids and parent_tree is not None:
            problems += _page_entry(where, key, parent_tree, content, page.obj.objgen, tree, paths)
        for annotation in page.obj.get("/Annots", []):
            problems += _annotation(where, annotation, parent_tree, tree, keys)
    for (page_key, mcid), owners in tree.owners.items():
        number = document.page_numbers[page_key]
        if mcid not in document.pages[number - 1].mcids:
            problems.append(f"structure: {owners[0].path}: MCID {mcid} is not on page {number}")
    return problems


def _claim(keys: dict[int, str], key: int, who: str, problems: list[str]) -> None:
    """Each ParentTree key belongs to one page or annotation."""
    if key in keys:
        problems.append(f"structure: ParentTree key {key} is used by {keys[key]} and {who}")
    else:
        keys[key] = who


def _page_entry(
    where: str,
    key: object,
    parent_tree: dict[int, object],
    content: PageContent,
    page: ObjGen,
    tree: Tree,
    paths: dict[ObjGen, str],
) -> list[str]:
    """The page's ParentTree array maps each MCID to the element that owns it."""
    if not isinstance(key, int):
        return [f"{where}: has MCIDs but no /StructParents"]
    entry = parent_tree.get(int(key))
    if not isinstance(entry, pikepdf.Array):
        return [f"{where}: the ParentTree has no array for /StructParents {key}"]
    problems = []
    for mcid in sorted(content.mcids):
        mapped = entry[mcid] if mcid < len(entry) else None
        owners = {owner.obj.objgen for owner in tree.owners.get((page, mcid), [])}
        if not isinstance(mapped, pikepdf.Dictionary):
            problems.append(f"{where}: the ParentTree has no element for MCID {mcid}")
        elif owners and mapped.objgen not in owners:
            named = paths.get(mapped.objgen, "an element outside the tree")
            problems.append(f"{where}: the ParentTree maps MCID {mcid} to {named}, not its owner")
    return problems


def _annotation(
    where: str,
    annotation: pikepdf.Object,
    parent_tree: dict[int, object] | None,
    tree: Tree,
    keys: dict[int, str],
) -> list[str]:
    """ISO 14289-1 7.18.1, 7.18.5: an annotation is in the tree; a link in a Link element."""
    subtype = str(annotation.get("/Subtype", "/?"))[1:]
    if subtype == "Popup":
        return []  # a popup belongs to its parent annotation
    label = f"{where}: {subtype} annotation"
    problems = []
    if subtype == "Link" and not str(annotation.get("/Contents", "")).strip():
        problems.append(f"{label} has no /Contents (its description)")
    owners = tree.object_owners.get(annotation.objgen, []) if annotation.objgen != (0, 0) else []
    if not owners:
        problems.append(f"{label} is in no structure element (no OBJR)")
    elif len(owners) > 1:
        problems.append(f"{label} is in {len(owners)} structure elements")
    elif subtype == "Link" and owners[0].role != "Link":
        problems.append(f"{label} is in a {owners[0].written} element, not a Link")
    key = annotation.get("/StructParent")
    if not isinstance(key, int):
        problems.append(f"{label} has no /StructParent")
        return problems
    _claim(keys, int(key), label, problems)
    if parent_tree is not None:
        mapped = parent_tree.get(int(key))
        if not isinstance(mapped, pikepdf.Dictionary):
            problems.append(f"{label}: the ParentTree has no element for /StructParent {key}")
        elif owners and mapped.objgen not in {owner.obj.objgen for owner in owners}:
            problems.append(f"{label}: the ParentTree names another element than its OBJR's")
    return problems


def _page_problems(pdf: pikepdf.Pdf) -> list[str]:
    """ISO 14289-1 7.18.3: tab order follows the structure."""
    return [
        f"page {number}: /Tabs is not /S"
        for number, page in enumerate(pdf.pages, start=1)
        if page.obj.get("/Tabs") != pikepdf.Name.S
    ]
