"""Load an untrusted SVG file (exercise illustration, clinic logo) as a ReportLab Drawing.

Why: exercise libraries are shared between clinics, so an SVG may come from anyone.
This module is the one door through which SVG reaches svglib: the file is size-capped,
parsed strictly by lxml (no DTD, no entities, no network), checked against a small
set of rules, and only then handed to svglib as an already-parsed tree, so svglib
never reads the file itself, never follows a reference to another file or URL and
never looks fonts up on the system.

Decisions (each rejection is an ``AssetError`` naming the file, on one line):

- ``<image>`` (linked file *or* ``data:`` URI) is **rejected**, not stripped: dropping
  it would silently print an incomplete illustration, and embedded rasters would
  bypass the Pillow checks in ``raster.py``.
- Any ``href`` that is not a same-document ``#fragment`` is **rejected** (``<use>``,
  gradients, ...), except on ``<a>``, where a link means nothing on paper and svglib
  ignores it: that ``href`` is removed.
- ``<text>`` and friends are **rejected** ("convert text to paths"): our art has no
  text, and svglib would otherwise look fonts up on the system.
- Elements outside the SVG namespace (Inkscape/Sodipodi metadata, RDF, ...) are
  **stripped**: SVG renderers ignore them by specification, but svglib matches
  elements by local name only, so ``<x:image xmlns:x="...">`` would otherwise be
  treated as an ``<image>``.
"""

from __future__ import annotations

import io
import itertools
import math
import os
import re
import stat
import threading
from collections import OrderedDict
from pathlib import Path

from lxml import etree  # type: ignore[import-untyped]
from reportlab.graphics.shapes import Drawing
from svglib.svglib import SvgRenderer

from handouts.errors import AssetError

SVG_NS = "http://www.w3.org/2000/svg"

# Why 2 MB: our illustrations are a few kB to ~200 kB; the cap bounds memory and parse
# time before any parsing happens, and is checked against the file size first.
MAX_SVG_BYTES = 2 * 1024 * 1024

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

# Why 128 drawings: a handout batch reuses the same logo and a few dozen illustrations;
# a converted drawing is ~1 kB per element, so 128 keeps memory modest.
CACHE_SIZE = 128

_GZIP_MAGIC = b"\x1f\x8b"
_FIRST_ELEMENT = re.compile(rb"<[A-Za-z_:]")
_LEADING_NUMBER = re.compile(r"\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_ZERO_SIZE_MESSAGE = "SVG has zero or negative size (width/height)"
_DOCTYPE_MESSAGE = "DOCTYPE and entity declarations are not allowed in SVG; remove the <!DOCTYPE>"

_TEXT_MESSAGE = "text in SVG is not supported; convert text to paths"
_REJECTED_ELEMENTS = {
    "script": "scripts are not allowed in SVG",
    "foreignObject": "<foreignObject> (embedded HTML) is not allowed in SVG",
    "image": (
        "<image> in SVG is not supported (it would load another file or embedded "
        "picture); use a separate PNG/JPEG file or convert the picture to paths"
    ),
    "feImage": "<feImage> in SVG is not supported (it would load another file)",
    "text": _TEXT_MESSAGE,
    "tspan": _TEXT_MESSAGE,
    "textPath": _TEXT_MESSAGE,
    "tref": _TEXT_MESSAGE,
    "altGlyph": _TEXT_MESSAGE,
    "font": _TEXT_MESSAGE,
    "font-face": _TEXT_MESSAGE,
}

# Why these exceptions: svglib raises them on malformed attribute values (bad lengths,
# broken path data, invalid CSS selectors, ...).  They are turned into one clear line
# for this file; anything else (MemoryError, bugs in our code) is not caught.
_SVGLIB_ERRORS = (
    ValueError,
    TypeError,
    LookupError,
    ArithmeticError,
    AttributeError,
    AssertionError,
    RecursionError,
)

_CacheKey = tuple[str, int, int]


class _DrawingCache:
    """A small thread-safe LRU of converted drawings, keyed by (path, mtime_ns, size).

    Why the key: editing a file changes its mtime or size, so a long-running process
    (a batch, a preview server) never serves a stale drawing.
    """

    def __init__(self, maxsize: int) -> None:
        self._maxsize = maxsize
        self._items: OrderedDict[_CacheKey, Drawing] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: _CacheKey) -> Drawing | None:
        with self._lock:
            drawing = self._items.get(key)
            if drawing is not None:
                self._items.move_to_end(key)
            return drawing

    def put(self, key: _CacheKey, drawing: Drawing) -> None:
        with self._lock:
            self._items[key] = drawing
            self._items.move_to_end(key)
            while len(self._items) > self._maxsize:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


_cache = _DrawingCache(CACHE_SIZE)


def clear_svg_cache() -> None:
    """Forget every cached drawing (for tests and long-running processes)."""
    _cache.clear()


def load_svg(path: Path) -> Drawing:
    """Load the SVG file at ``path`` as a new ReportLab ``Drawing`` sized in points.

    The result is a fresh ``Drawing`` whose children are shared with a per-process
    cache: scale, translate or resize the returned object freely, but never edit its
    children.  Why not ``copy.deepcopy``: measured for a 2,000-element file, a cache
    hit takes ~0.05 ms, a deep copy ~125 ms and converting again ~500 ms (at 20,000
    elements: ~4 ms, ~2.5 s and ~5 s).

    Raises ``AssetError`` (one line, naming the file) for a missing, unreadable,
    oversized, malformed or unsafe file.
    """
    if path.suffix.lower() == ".svgz":
        raise AssetError(path, "compressed SVG (.svgz) is not supported; save it as plain .svg")
    key, content = _read(path)
    if isinstance(content, Drawing):
        return _fresh(content)
    drawing = _convert(path, content)
    _cache.put(key, drawing)
    return _fresh(drawing)


def _fresh(cached: Drawing) -> Drawing:
    """A new Drawing of the same size around the cached (read-only) content."""
    return Drawing(cached.width, cached.height, *cached.contents)


def _read(path: Path) -> tuple[_CacheKey, bytes | Drawing]:
    """Return the cache key and the file's bytes, or the cached drawing on a hit.

    Why stat before open: opening a FIFO would block forever.  Why fstat after open:
    the cache key then describes exactly the bytes that are read.
    """
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            raise AssetError(path, "cannot be read: it is not a regular file")
        with path.open("rb") as fh:
            st = os.fstat(fh.fileno())
            key = (str(path.resolve()), st.st_mtime_ns, st.st_size)
            cached = _cache.get(key)
            if cached is not None:
                return key, cached
            if st.st_size > MAX_SVG_BYTES:
                raise AssetError(path, _too_big(st.st_size))
            data = fh.read(MAX_SVG_BYTES + 1)
    except FileNotFoundError:
        raise AssetError(path, "file not found") from None
    except OSError as exc:
        raise AssetError(path, f"cannot be read ({exc.strerror or exc})") from None
    if len(data) > MAX_SVG_BYTES:  # the file grew after fstat
        raise AssetError(path, _too_big(len(data)))
    return key, data


def _too_big(size: int) -> str:
    return f"SVG file is too large ({size:,} bytes; the limit is {MAX_SVG_BYTES // 2**20} MB)"


def _convert(path: Path, data: bytes) -> Drawing:
    """Parse, check and convert SVG bytes; every rejection names ``path``."""
    if not data.strip():
        raise AssetError(path, "file is empty")
    if data.startswith(_GZIP_MAGIC):
        raise AssetError(path, "compressed SVG (gzip) is not supported; save it as plain .svg")
    # Why also before parsing: libxml2 then never reads an entity declaration at all
    # (the check on the parsed document below stays, for encodings this scan misses).
    first_element = _FIRST_ELEMENT.search(data)
    if b"<!DOCTYPE" in data[: first_element.start() if first_element else len(data)]:
        raise AssetError(path, _DOCTYPE_MESSAGE)
    root = _parse(path, data)
    _sanitise(path, root)
    return _render(path, root)


def _parse(path: Path, data: bytes) -> etree._Element:
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
        raise AssetError(path, _DOCTYPE_MESSAGE)
    root = tree.getroot()
    if root.tag != f"{{{SVG_NS}}}svg":
        raise AssetError(
            path,
            f"not an SVG document: the root element is <{etree.QName(root).localname}>, "
            f"expected <svg> in the {SVG_NS} namespace",
        )
    return root


def _sanitise(path: Path, root: etree._Element) -> None:
    """Enforce the element rules (see the module docstring), editing ``root`` in place."""
    if sum(1 for _ in itertools.islice(root.iter(), MAX_ELEMENTS + 1)) > MAX_ELEMENTS:
        raise AssetError(path, f"SVG has too many elements (the limit is {MAX_ELEMENTS:,})")
    for element in list(root.iter()):
        if etree.QName(element).namespace != SVG_NS:
            parent = element.getparent()
            if parent is not None:
                parent.remove(element)
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
    if use_count > MAX_USE_ELEMENTS:
        raise AssetError(path, f"SVG has too many <use> elements (the limit is {MAX_USE_ELEMENTS})")
    _check_expansion(path, root)
    _check_size(path, root)


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
            size[element] = 1 + sum(size[dep] for dep in deps)
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
            raise AssetError(path, _ZERO_SIZE_MESSAGE)


def _render(path: Path, root: etree._Element) -> Drawing:
    # Why an empty BytesIO as the source: svglib resolves external <image>/<use>
    # references only when its source is a file-system path, so even a reference
    # that slipped past _sanitise could not reach a neighbouring file.
    try:
        drawing = SvgRenderer(io.BytesIO()).render(root)
    except _SVGLIB_ERRORS as exc:
        detail = " ".join(str(exc).split())[:120] or type(exc).__name__
        raise AssetError(path, f"SVG could not be converted: {detail}") from exc
    if drawing is None or not drawing.contents:
        raise AssetError(path, "SVG could not be converted: svglib returned nothing")
    width, height = float(drawing.width), float(drawing.height)
    if not (math.isfinite(width) and math.isfinite(height) and width > 0 and height > 0):
        raise AssetError(path, _ZERO_SIZE_MESSAGE)
    return drawing
