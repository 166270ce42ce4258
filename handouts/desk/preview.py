"""The preview: the real handout, rendered in memory, its pages as PNG images.

Why from the real PDF rather than an HTML imitation: what the clinician sees
is what prints.  The PDF stays in memory (a few recent ones, by key), so the
page images the browser asks for next cost one rasterisation each; nothing is
written to disk.
"""

from __future__ import annotations

import hashlib
import io
import json
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from handouts.api import Plan, Resolved, handout_for, load_plan, render_pdf_bytes

KEEP = 4  # previews kept: the current one, and a few the browser may still be loading
SCALE = 1.5  # pixels per PDF point: sharp at the preview's width on most screens


@dataclass(frozen=True)
class Preview:
    """A rendered handout: its key (for the page URLs) and its number of pages."""

    key: str
    pages: int


class Previews:
    """Recent previews by key, with their page images once drawn."""

    def __init__(self, lock: threading.RLock) -> None:
        self._lock = lock
        self._pdfs: OrderedDict[str, tuple[bytes, int]] = OrderedDict()
        self._images: dict[tuple[str, int], bytes] = {}

    def make(
        self,
        values: dict[str, Any],
        found: Resolved,
        since: Plan | None,
        fallback: str | None = None,
    ) -> Preview:
        """Render the plan ``values`` stand for (raises the plan's ``HandoutError``)."""
        key = _key([values, fallback], since)
        with self._lock:
            if key in self._pdfs:
                self._pdfs.move_to_end(key)
                return Preview(key, self._pdfs[key][1])
            plan = load_plan(None, values)
            data = render_pdf_bytes(handout_for(plan, found, since=since, fallback=fallback))
            pages = _page_count(data)
            self._pdfs[key] = (data, pages)
            while len(self._pdfs) > KEEP:
                old, _ = self._pdfs.popitem(last=False)
                self._images = {k: v for k, v in self._images.items() if k[0] != old}
            return Preview(key, pages)

    def page_png(self, key: str, number: int) -> bytes | None:
        """Page ``number`` (from 1) of preview ``key`` as PNG, or None if there is none."""
        with self._lock:
            if (key, number) in self._images:
                return self._images[(key, number)]
            found = self._pdfs.get(key)
            if found is None or not 1 <= number <= found[1]:
                return None
            png = _raster(found[0], number - 1)
            self._images[(key, number)] = png
            return png


def _key(values: object, since: Plan | None) -> str:
    text = json.dumps([values, since.model_dump(mode="json") if since else None], sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def _page_count(data: bytes) -> int:
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    document = pdfium.PdfDocument(data)
    try:
        return len(document)
    finally:
        document.close()


def _raster(data: bytes, index: int) -> bytes:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        image = document[index].render(scale=SCALE).to_pil()
    finally:
        document.close()
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False, compress_level=1)
    return out.getvalue()
