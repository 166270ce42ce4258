"""Load an untrusted SVG file (exercise illustration, clinic logo) as a ReportLab Drawing.

Why: exercise libraries are shared between clinics, so an SVG may come from anyone.
This module is the one door through which SVG reaches svglib: the file is size-capped,
parsed strictly by lxml (no DTD, no entities, no network), checked against a small
set of rules, and only then handed to svglib as an already-parsed tree, so svglib
never reads the file itself, never follows a reference to another file or URL and
never looks fonts up on the system.

The checks, and the reasons for each rule, are in ``handouts.images.svg_rules``;
this module reads the file, converts it with svglib and caches the result.
"""

from __future__ import annotations

import io
import math
import os
import re
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.graphics.shapes import Drawing, String

from handouts.cache import Lru, cached
from handouts.errors import AssetError

if TYPE_CHECKING:
    from lxml import etree  # type: ignore[import-untyped]

from handouts.images.svg_fonts import FACES, FAMILY, BundledFontMap

# Why 2 MB: our illustrations are a few kB to ~200 kB; the cap bounds memory and parse
# time before any parsing happens, and is checked against the file size first.
MAX_SVG_BYTES = 2 * 1024 * 1024

# Why 128 drawings: a handout batch reuses the same logo and a few dozen illustrations;
# a converted drawing is ~1 kB per element, so 128 keeps memory modest.
CACHE_SIZE = 128

_GZIP_MAGIC = b"\x1f\x8b"
_FIRST_ELEMENT = re.compile(rb"<[A-Za-z_:]")
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
# A converted drawing and what the rules removed from the file (see ``svg_notices``).
_Converted = tuple[Drawing, tuple[str, ...]]


# Keyed by (path, mtime_ns, size): editing a file changes its mtime or size, so a
# long-running process (a batch, a preview server) never serves a stale drawing.
_cache: Lru[_CacheKey, _Converted] = Lru(CACHE_SIZE)


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
    return _fresh(_load(path)[0])


def svg_notices(path: Path) -> list[str]:
    """What loading the SVG at ``path`` removed and its owner should hear about.

    For example "scripts were removed (1 <script> element); ...".  Loads the file
    (or takes it from the cache) like ``load_svg``, so it raises the same
    ``AssetError`` for a file that cannot be used.  The messages never quote the
    file's content.  Kept in the disk cache (``handouts.cache``) while the file is
    unchanged: a handout whose pictures come from that cache converts no SVG.
    """
    key = str(path.resolve())
    return list(cached("svg-notices", key, lambda: (_load(path)[1], [path])))


def _load(path: Path) -> _Converted:
    if path.suffix.lower() == ".svgz":
        raise AssetError(path, "compressed SVG (.svgz) is not supported; save it as plain .svg")
    key, content = _read(path)
    if not isinstance(content, bytes):
        return content
    converted = _convert(path, content)
    _cache.put(key, converted)
    return converted


def _fresh(cached: Drawing) -> Drawing:
    """A new Drawing of the same size around the cached (read-only) content."""
    return Drawing(cached.width, cached.height, *cached.contents)


def _read(path: Path) -> tuple[_CacheKey, bytes | _Converted]:
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


def _convert(path: Path, data: bytes) -> _Converted:
    """Parse, check and convert SVG bytes; every rejection names ``path``."""
    # Imported here (lxml, about 30 ms): a picture from the disk cache is not parsed.
    from handouts.images.svg_rules import DOCTYPE_MESSAGE, check_svg, parse_svg

    if not data.strip():
        raise AssetError(path, "file is empty")
    if data.startswith(_GZIP_MAGIC):
        raise AssetError(path, "compressed SVG (gzip) is not supported; save it as plain .svg")
    # Why also before parsing: libxml2 then never reads an entity declaration at all
    # (the check on the parsed document below stays, for encodings this scan misses).
    first_element = _FIRST_ELEMENT.search(data)
    if b"<!DOCTYPE" in data[: first_element.start() if first_element else len(data)]:
        raise AssetError(path, DOCTYPE_MESSAGE)
    root = parse_svg(path, data)
    notices = check_svg(path, root)
    return _render(path, root), tuple(notices)


def _render(path: Path, root: etree._Element) -> Drawing:
    # Why an empty BytesIO as the source: svglib resolves external <image>/<use>
    # references only when its source is a file-system path, so even a reference
    # that slipped past check_svg could not reach a neighbouring file.
    # Why our own font map: svglib's would look fonts up in the working directory
    # and through fontconfig (see ``svg_fonts``).
    # Imported here: svglib (with its CSS parsers and importlib.metadata) costs about
    # 100 ms of start-up, and a picture from the disk cache needs no conversion.
    from svglib.svglib import SvgRenderer

    try:
        drawing = SvgRenderer(io.BytesIO(), font_map=BundledFontMap()).render(root)
    except _SVGLIB_ERRORS as exc:
        detail = " ".join(str(exc).split())[:120] or type(exc).__name__
        raise AssetError(path, f"SVG could not be converted: {detail}") from exc
    if drawing is None or not drawing.contents:
        raise AssetError(path, "SVG could not be converted: svglib returned nothing")
    width, height = float(drawing.width), float(drawing.height)
    if not (math.isfinite(width) and math.isfinite(height) and width > 0 and height > 0):
        from handouts.images.svg_rules import ZERO_SIZE_MESSAGE

        raise AssetError(path, ZERO_SIZE_MESSAGE)
    _check_shapes(path, drawing)
    return drawing


# Why: ReportLab cannot write a number of 1e20 or more into a PDF (it raises while
# the handout is drawn, long after loading); no real drawing needs coordinates,
# sizes or font sizes anywhere near a billion points.
MAX_NUMBER = 1e9


def _check_shapes(path: Path, drawing: Drawing) -> None:
    """Give every String a bundled face, and refuse numbers ReportLab cannot write.

    Why the faces: svglib falls back to Helvetica (never embedded, Latin-1 only)
    when a font-family list has no usable name at all, or when applying a style
    fails.  Iterative: nesting is bounded by the rules, but not by Python's stack.
    """
    stack: list[object] = [drawing]
    while stack:
        node = stack.pop()
        if isinstance(node, String) and node.fontName not in FACES:
            node.fontName = FAMILY
        for name, value in vars(node).items():
            if name != "contents" and not _drawable(value):
                raise AssetError(
                    path,
                    "SVG has a number that is not finite or too large to draw "
                    f"(the limit is {MAX_NUMBER:,.0f})",
                )
        stack.extend(getattr(node, "contents", ()))


def _drawable(value: object) -> bool:
    if isinstance(value, bool):
        return True
    if isinstance(value, int | float):
        return math.isfinite(value) and abs(value) <= MAX_NUMBER
    if isinstance(value, list | tuple):
        return all(_drawable(item) for item in value)
    return True
