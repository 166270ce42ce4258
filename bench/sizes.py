"""Sizes: the demo handout, the same plan with nine photographs, the references' PDFs."""

from __future__ import annotations

import io
import statistics
from pathlib import Path
from typing import Any

from photos import photo_overlay
from reference import Engine


def sizes(work: Path, engines: list[Engine]) -> dict[str, Any]:
    """Bytes of the demo handout, of the same plan with nine photographs, of the references."""
    from handouts import api, resources
    from handouts.render.pdf import render_pdf_bytes

    plan = api.load_plan(resources.demo_plan())
    clinic = api.clinic_for(plan)
    demo = render_pdf_bytes(api.build_handout(plan, api.library_for(clinic), clinic))
    overlay = photo_overlay(resources.library_dir(), work / "photo-library")
    photo_sources = sorted((overlay / "photos").glob("*.jpg"))
    photo_handout = api.build_handout(plan, api.library_for(clinic, [overlay]), clinic)
    photos = render_pdf_bytes(photo_handout)
    (work / "photos.pdf").write_bytes(photos)
    return {
        "demo_bytes": len(demo),
        "demo_pages": _pages(demo),
        "photo_bytes": len(photos),
        "photo_source_bytes_each": round(statistics.mean(p.stat().st_size for p in photo_sources)),
        "photo_dpi": _printed_dpi(work / "photos.pdf"),
        # Written by the cold rounds (each engine's last cold run).
        "reference_bytes": {e.name: (work / f"{e.name}.pdf").stat().st_size for e in engines},
        "reference_pages": {e.name: _pages((work / f"{e.name}.pdf").read_bytes()) for e in engines},
    }


def _pages(pdf: bytes) -> int:
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        return len(document.pages)


# The picture box of an exercise card on A4 (render/card.py: a 62 mm column less
# 4 mm), in which a photo is placed at the largest size that keeps its aspect.
ART_BOX_MM = (58.0, 52.0)


def _printed_dpi(pdf: Path) -> float | None:
    """The lowest pixels per inch of any photo as printed on the card (needs pypdf)."""
    try:
        from pypdf import PdfReader
    except ImportError:
        return None
    box_w, box_h = (side / 25.4 for side in ART_BOX_MM)
    lowest = None
    for page in PdfReader(pdf).pages:
        for image in page.images:
            if image.image is None:  # a format pypdf cannot decode: not one of our photos
                continue
            w, h = image.image.size
            if w < 400:  # the logo or a QR code, not a photo
                continue
            printed_w = min(box_w, box_h * w / h)
            dpi = w / printed_w
            lowest = dpi if lowest is None else min(lowest, dpi)
    return round(lowest) if lowest else None
