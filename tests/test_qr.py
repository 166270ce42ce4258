"""Every QR code prints its address under it and is a link to it in the PDF."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pdfplumber
import pikepdf
import pypdfium2
import pytest
import zxingcpp
from hypothesis import given
from hypothesis import strategies as st
from reportlab.lib.units import mm

from handouts.render.fonts import register_fonts
from handouts.render.qr import LINK_LINES, link_lines, short_link
from handouts.render.script import text_width
from tests.conftest import Pdf

Render = Callable[[dict[str, Any]], Pdf]
VIDEO = "https://riverside-therapy.example/videos/hip-flexor-stretch"  # the example clinic's
LOOKS = {
    "standard": {},
    "compact": {"layout": "compact"},
    "large print": {"large_print": True},
    "greyscale": {"greyscale": True},
}


def plan(look: dict[str, Any], page_size: str = "A4") -> dict[str, Any]:
    return {
        "patient": {"name": "Jane Doe"},
        "date": "2026-11-24",
        "exercises": ["hip-flexor-stretch", "step-ups"],  # only the first has a video
        "options": {"page_size": page_size, **look},
    }


def links(pdf: Pdf) -> list[tuple[int, str, list[float]]]:
    """Every link annotation: (page index, URI, rectangle in PDF coordinates)."""
    found = []
    with pikepdf.open(io.BytesIO(pdf.data)) as doc:
        for index, page in enumerate(doc.pages):
            for annot in page.get("/Annots", []):
                if annot.get("/Subtype") == "/Link" and "/A" in annot:
                    rect = [float(v) for v in annot.Rect]
                    found.append((index, str(annot.A.URI), rect))
    return found


def code_box(pdf: Pdf, index: int) -> tuple[float, float, float, float]:
    """Where the QR code is on the page (PDF coordinates), found by scanning it."""
    page = pypdfium2.PdfDocument(io.BytesIO(pdf.data))[index]
    scale = 300 / 72
    image = page.render(scale=scale).to_pil()
    (result,) = zxingcpp.read_barcodes(image)
    assert result.text == VIDEO
    pos = result.position
    xs = [p.x / scale for p in (pos.top_left, pos.top_right, pos.bottom_left, pos.bottom_right)]
    ys = [p.y / scale for p in (pos.top_left, pos.top_right, pos.bottom_left, pos.bottom_right)]
    height = float(page.get_height())
    return min(xs), height - max(ys), max(xs), height - min(ys)


@pytest.mark.parametrize("page_size", ["A4", "Letter"])
@pytest.mark.parametrize("look", LOOKS)
def test_the_code_prints_its_address_by_it_and_links_to_it(
    render: Render, look: str, page_size: str
) -> None:
    pdf = render(plan(LOOKS[look], page_size))
    found = links(pdf)
    # Nothing else on the sheet is a link; the code and its address may have one each.
    assert found and {uri for _, uri, _ in found} == {VIDEO}
    (index,) = {page for page, _, _ in found}
    cx0, cy0, cx1, cy1 = code_box(pdf, index)
    rects = [rect for _, _, rect in found]
    # A link covers the code ...
    assert any(
        x0 <= cx0 + 1 and cx1 - 1 <= x1 and y0 <= cy0 + 1 and cy1 - 1 <= y1
        for x0, y0, x1, y1 in rects
    )
    # ... and the address, printed without "https://" in 2 or 3 lines, is in a link
    # too: under the code (the same link), or beside it (a link of its own).
    with pdfplumber.open(io.BytesIO(pdf.data)) as doc:
        page = doc.pages[index]
        height = float(page.height)
        printed = []
        for x0, y0, x1, y1 in rects:
            inside = page.within_bbox((x0 - 0.5, height - y1 - 0.5, x1 + 0.5, height - y0 + 0.5))
            lines = [line["text"] for line in inside.extract_text_lines()]
            if "".join(lines) == "riverside-therapy.example/videos/hip-flexor-stretch":
                printed.append((x0, y0, x1, y1, len(lines)))
    ((x0, y0, x1, y1, count),) = printed
    assert 2 <= count <= LINK_LINES
    under = x0 <= cx0 + 1 and cx1 - 1 <= x1 and y0 < cy0 - 5
    beside = x0 >= cx1 - 1 and x0 - cx1 < 15 * mm and y0 < cy1 and y1 > cy0
    assert under or beside, ((x0, y0, x1, y1), (cx0, cy0, cx1, cy1))


@pytest.mark.parametrize(("look", "least"), [("standard", 6.9), ("large print", 14)])
def test_the_address_is_as_large_as_the_caption_under_it(
    render: Render, look: str, least: float
) -> None:
    pdf = render(plan(LOOKS[look]))
    ((index, _, (x0, y0, x1, _y1)),) = links(pdf)
    code = code_box(pdf, index)
    with pdfplumber.open(io.BytesIO(pdf.data)) as doc:
        page = doc.pages[index]
        height = float(page.height)
        under = page.within_bbox((x0 - 1, height - code[1], x1 + 1, height - y0 + 1))
        sizes = {round(c["size"], 1) for c in under.chars}
        caption = page.search("Scan for a video", regex=False)[0]
        caption_sizes = {round(c["size"], 1) for c in caption["chars"]}
    assert sizes == caption_sizes
    assert min(sizes) >= least - 0.01


def test_no_video_no_code_no_link(render: Render) -> None:
    pdf = render({**plan({}), "exercises": ["step-ups"]})
    assert links(pdf) == []
    assert "riverside-therapy.example/videos" not in pdf.text


# --- the wrapping, for any address ----------------------------------------------------


FONT = register_fonts()


@pytest.mark.parametrize(
    ("url", "width", "expected"),
    [
        ("https://a.example/v", 100, ["a.example/v"]),
        ("https://a.example/v/", 100, ["a.example/v"]),
        (VIDEO, 125, ["riverside-therapy.example/", "videos/hip-flexor-stretch"]),
        (VIDEO, 80, ["riverside-therapy", ".example/videos/", "hip-flexor-stretch"]),
    ],
)
def test_addresses_break_after_a_slash_or_before_a_dot_or_hyphen(
    url: str, width: float, expected: list[str]
) -> None:
    assert link_lines(short_link(url), FONT, 7, width) == expected


def test_a_very_long_address_ends_in_an_ellipsis() -> None:
    lines = link_lines("clinic.example/" + "x" * 300, FONT, 7, 100)
    assert len(lines) == LINK_LINES
    assert lines[-1].endswith("…")
    assert lines[0] == "clinic.example/"


@given(
    host=st.from_regex(r"[a-z0-9-]{1,30}\.[a-z]{2,10}", fullmatch=True),
    path=st.from_regex(r"(/[a-zA-Z0-9._~%-]{0,40}){0,6}(\?[a-z=&0-9]{0,30})?", fullmatch=True),
    width=st.floats(min_value=30, max_value=200),
)
def test_every_line_fits_and_nothing_is_lost_or_reordered(
    host: str, path: str, width: float
) -> None:
    text = short_link(f"https://{host}{path}")
    lines = link_lines(text, FONT, 7, width)
    assert 1 <= len(lines) <= LINK_LINES
    assert all(text_width(line, FONT, 7) <= width for line in lines)
    if lines[-1].endswith("…"):
        assert text.startswith("".join(lines)[:-1])
    else:
        assert "".join(lines) == text
