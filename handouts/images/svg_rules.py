"""The rules an untrusted SVG file must pass before svglib sees it.

Decisions (each rejection is an ``AssetError`` naming the file, on one line):

- ``<image>`` (linked file *or* ``data:`` URI) is **rejected**, not stripped: dropping
  it would silently print an incomplete illustration, and embedded rasters would
  bypass the Pillow checks in ``raster.py``.
- Any ``href`` that is not a same-document ``#fragment`` is **rejected** (``<use>``,
  gradients, ...), except on ``<a>``, where a link means nothing on paper and svglib
  ignores it: that ``href`` is removed.
- ``<text>`` and ``<tspan>`` are **drawn** with the bundled fonts (every family,
  weight and style maps to one of our four faces; see ``svg_fonts``), so most
  exported logos and labelled diagrams work.  Their characters count towards the
  rendered-node limit, and a file may hold at most ``MAX_TEXT_CHARACTERS``.  Text
  along a path, ``<tref>``, ``<altGlyph>`` and SVG fonts are **rejected** ("convert
  that text to paths"): svglib would draw them wrongly, and SVG fonts are
  unsafe to interpret.
- Scripts are **stripped**, with a notice: ``<script>`` (and SVG Tiny's
  ``<handler>``) elements, ``on*`` event-handler attributes and ``javascript:`` /
  ``vbscript:`` links.  Nothing runs on paper, so the picture is drawn without
  them; ``check_svg`` returns what it removed, for ``handouts check`` to report.
- Elements outside the SVG namespace (Inkscape/Sodipodi metadata, RDF, ...) are
  **stripped**: SVG renderers ignore them by specification, but svglib matches
  elements by local name only, so ``<x:image xmlns:x="...">`` would otherwise be
  treated as an ``<image>``.
"""

from __future__ import annotations

import io
import itertools
import math
import re
from pathlib import Path

from lxml import etree  # type: ignore[import-untyped]

from handouts.errors import AssetError

SVG_NS = "http://www.w3.org/2000/svg"

# Why 20,000: svglib is pure Python (~0.25 ms per element measured), so 20,000
# elements already take ~5 s to convert; real line art has a few hundred to a few
# thousand.  Counted right after parsing, before anything walks the tree twice.
MAX_ELEMENTS = 20_000

# Why 200: <use> is the SVG equivalent of an entity reference; art reuses a handful of
# symbols, and a low count keeps "use bombs" obvious.
MAX_USE_ELEMENTS = 200

# Why: <use> nested inside referenced groups multiplies (10 levels x 10 uses = 10^10
# nodes with only 100 <use> elements) and svglib deep-copies every referenced subtree.
# So the tree is measured as svglib will expand it, and this many rendered nodes (twice
# the element cap, ~10 s of svglib time) is the most we accept.
MAX_RENDERED_NODES = 2 * MAX_ELEMENTS

# Why 100 levels: svglib recurses several Python frames per level (and per <use> hop);
# libxml2 stops at 256 levels, which is enough to exhaust Python's recursion limit once
# <use> chains are added.  Real art is nested under ~20 levels.
MAX_DEPTH = 100

_LEADING_NUMBER = re.compile(r"\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
ZERO_SIZE_MESSAGE = "SVG has zero or negative size (width/height)"
DOCTYPE_MESSAGE = "DOCTYPE and entity declarations are not allowed in SVG; remove the <!DOCTYPE>"

# Why 5,000 characters: a logo has a few words and a labelled diagram a few hundred
# characters.  svglib makes a ReportLab String per text fragment, or per character
# when x/y/dx/dy give a list; each counts like an element (see _check_expansion).
MAX_TEXT_CHARACTERS = 5_000
_TEXT_ELEMENTS = frozenset({"text", "tspan"})

_TEXT_MESSAGE = (
    "text along a path, <tref>, <altGlyph> and SVG fonts are not supported; "
    "convert that text to paths"
)
_REJECTED_ELEMENTS = {
    "foreignObject": "<foreignObject> (embedded HTML) is not allowed in SVG",
    "image": (
        "<image> in SVG is not supported (it would load another file or embedded "
        "picture); use a separate PNG/JPEG file or convert the picture to paths"
    ),
    "feImage": "<feImage> in SVG is not supported (it would load another file)",
    "textPath": _TEXT_MESSAGE,
    "tref": _TEXT_MESSAGE,
    "altGlyph": _TEXT_MESSAGE,
    "font": _TEXT_MESSAGE,
    "font-face": _TEXT_MESSAGE,
}


def parse_svg(path: Path, data: bytes) -> etree._Element:
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        recover=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        tree = etree.parse(io.BytesIO(data), parser)
    except etree.XMLSyntaxError as exc:
        raise AssetError(path, f"not valid XML: {exc.msg}", line=exc.lineno or None) from None
    docinfo = tree.docinfo
    # Why reject every DOCTYPE: entities are the XML bombs (billion laughs) and the
    # file readers (external entities); SVG needs neither, so none are allowed at all.
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise AssetError(path, DOCTYPE_MESSAGE)
    root = tree.getroot()
    if root.tag != f"{{{SVG_NS}}}svg":
        raise AssetError(
            path,
            f"not an SVG document: the root element is <{etree.QName(root).localname}>, "
            f"expected <svg> in the {SVG_NS} namespace",
        )
    return root


def check_svg(path: Path, root: etree._Element) -> list[str]:
    """Enforce the element rules (see the module docstring), editing ``root`` in place.

    Returns what was removed and is worth telling the file's owner (scripts), one
    sentence each, without quoting the file's content.
    """
    if sum(1 for _ in itertools.islice(root.iter(), MAX_ELEMENTS + 1)) > MAX_ELEMENTS:
        raise AssetError(path, f"SVG has too many elements (the limit is {MAX_ELEMENTS:,})")
    for element in list(root.iter()):
        if etree.QName(element).namespace != SVG_NS:
            parent = element.getparent()
            if parent is not None:
                parent.remove(element)
    notices = _strip_scripts(root)
    use_count = 0
    for element in root.iter():
        name = etree.QName(element).localname
        if name in _REJECTED_ELEMENTS:
            raise AssetError(path, _REJECTED_ELEMENTS[name])
        use_count += name == "use"
        for attr, value in list(element.attrib.items()):
            if etree.QName(attr).localname != "href" or _is_fragment(value):
                continue
            if name == "a":
                del element.attrib[attr]
                continue
            raise AssetError(
                path,
                f"<{name}> refers to {_shorten(value)}; SVG may only refer to "
                "'#id' inside the same file",
            )
    characters = sum(
        _own_text(e) for e in root.iter() if etree.QName(e).localname in _TEXT_ELEMENTS
    )
    if characters > MAX_TEXT_CHARACTERS:
        raise AssetError(
            path,
            f"SVG has too much text ({characters:,} characters; "
            f"the limit is {MAX_TEXT_CHARACTERS:,}); convert some of it to paths",
        )
    if use_count > MAX_USE_ELEMENTS:
        raise AssetError(path, f"SVG has too many <use> elements (the limit is {MAX_USE_ELEMENTS})")
    _check_expansion(path, root)
    _check_size(path, root)
    return notices


_SCRIPT_ELEMENTS = frozenset({"script", "handler"})
_SCRIPT_SCHEMES = ("javascript:", "vbscript:")
# Browsers ignore ASCII whitespace and control characters inside a URL scheme, so
# "java\tscript:" is a script link too.
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")


def _strip_scripts(root: etree._Element) -> list[str]:
    """Remove script elements, event handlers and script links; say what went."""
    scripts = handlers = links = 0
    for element in list(root.iter()):
        if etree.QName(element).localname in _SCRIPT_ELEMENTS:
            parent = element.getparent()
            if parent is None:  # pragma: no cover - the root is <svg>
                continue
            scripts += 1
            parent.remove(element)
    for element in root.iter():
        for attr, value in list(element.attrib.items()):
            name = etree.QName(attr).localname
            if name.lower().startswith("on"):
                handlers += 1
                del element.attrib[attr]
            elif name == "href" and _URL_NOISE.sub("", value).lower().startswith(_SCRIPT_SCHEMES):
                links += 1
                del element.attrib[attr]
    removed = [
        _count(scripts, "<script> element"),
        _count(handlers, "event-handler attribute (on...)"),
        _count(links, "javascript: link"),
    ]
    parts = [part for part in removed if part]
    if not parts:
        return []
    return [
        f"scripts were removed ({', '.join(parts)}); "
        "the picture is drawn without them (nothing runs on paper)"
    ]


def _count(number: int, what: str) -> str:
    if not number:
        return ""
    noun, _, rest = what.partition(" (")
    plural = f"{noun}s" if number != 1 else noun
    return f"{number} {plural}" + (f" ({rest}" if rest else "")


def _own_text(element: etree._Element) -> int:
    """Characters directly inside ``element`` (its text and its children's tails)."""
    return len(element.text or "") + sum(len(child.tail or "") for child in element)


def _is_fragment(value: str) -> bool:
    value = value.strip()
    return value.startswith("#") and len(value) > 1


def _shorten(value: str, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 4] + "...'"


def _href(element: etree._Element) -> str | None:
    for attr, value in element.attrib.items():
        if etree.QName(attr).localname == "href":
            return str(value).strip()
    return None


def _check_expansion(path: Path, root: etree._Element) -> None:
    """Measure the tree as svglib will expand it: node count, depth and <use> cycles.

    Why iterative: a recursive walk would hit Python's recursion limit on exactly
    the hostile inputs this guards against.
    """
    by_id: dict[str, list[etree._Element]] = {}
    for element in root.iter():
        element_id = element.get("id")
        if element_id is not None:
            by_id.setdefault(element_id, []).append(element)

    def dependencies(element: etree._Element) -> list[etree._Element]:
        deps = list(element)
        if etree.QName(element).localname == "use":
            href = _href(element)
            if href:
                # All elements sharing the id: over-counting is the safe direction.
                deps.extend(by_id.get(href[1:], []))
        return deps

    size: dict[etree._Element, int] = {}
    depth: dict[etree._Element, int] = {}
    open_elements: set[etree._Element] = set()
    stack: list[tuple[etree._Element, bool]] = [(root, False)]
    while stack:
        element, children_done = stack.pop()
        if children_done:
            deps = dependencies(element)
            own = 1
            if etree.QName(element).localname in _TEXT_ELEMENTS:
                own += _own_text(element)  # up to one String per character
            size[element] = own + sum(size[dep] for dep in deps)
            depth[element] = 1 + max((depth[dep] for dep in deps), default=0)
            open_elements.discard(element)
            if size[element] > MAX_RENDERED_NODES:
                raise AssetError(
                    path,
                    "SVG expands to too many shapes through <use> "
                    f"(the limit is {MAX_RENDERED_NODES:,})",
                )
            if depth[element] > MAX_DEPTH:
                raise AssetError(
                    path, f"SVG is nested too deeply (the limit is {MAX_DEPTH} levels)"
                )
            continue
        if element in size:
            continue
        if element in open_elements:
            raise AssetError(path, "SVG has a circular <use> reference")
        open_elements.add(element)
        stack.append((element, True))
        stack.extend((dep, False) for dep in dependencies(element))


def _check_size(path: Path, root: etree._Element) -> None:
    """The root must declare a size; a declared viewBox must be four numbers, positive."""
    view_box = root.get("viewBox")
    if view_box is not None:
        try:
            values = [float(v) for v in view_box.replace(",", " ").split()]
        except ValueError:
            values = []
        if len(values) != 4 or not all(map(math.isfinite, values)):
            raise AssetError(path, f"SVG viewBox {_shorten(view_box)} is not four numbers")
        if values[2] <= 0 or values[3] <= 0:
            raise AssetError(path, "SVG has zero or negative size (viewBox)")
    elif root.get("width") is None or root.get("height") is None:
        raise AssetError(path, "SVG has no size; set width and height, or viewBox, on <svg>")
    for attr in ("width", "height"):
        number = _LEADING_NUMBER.match(root.get(attr, ""))
        if number and float(number.group()) <= 0:
            raise AssetError(path, ZERO_SIZE_MESSAGE)
