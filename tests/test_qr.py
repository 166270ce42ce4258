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

from handouts.render.artwork import LINK_LINES, link_lines, short_link
from handouts.render.fonts import register_fonts
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
def test_the_code_prints_its_address_under_it_and_links_to_it(
    render: Render, look: str, page_size: str
) -> None:
    pdf = render(plan(LOOKS[look], page_size))
    (found,) = links(pdf)  # one video, one link: nothing else on the sheet is a link
    index, uri, (x0, y0, x1, y1) = found
    assert uri == VIDEO
    code = code_box(pdf, index)
    # The link covers the code ...
    assert x0 <= code[0] + 1 and code[2] - 1 <= x1 and y0 <= code[1] + 1 and code[3] - 1 <= y1
    with pdfplumber.open(io.BytesIO(pdf.data)) as doc:
        page = doc.pages[index]
        height = float(page.height)
        under = page.within_bbox((x0 - 1, height - code[1], x1 + 1, height - y0 + 1))
        lines = [line["text"] for line in under.extract_text_lines()]
    # ... and the address printed under it, without "https://", which the link covers too.
    assert "".join(lines) == "riverside-therapy.example/videos/hip-flexor-stretch"
    assert 2 <= len(lines) <= LINK_LINES


def test_the_address_is_as_large_as_the_caption_under_it(render: Render) -> None:
    for look, least in (("standard", 6.9), ("large print", 11.1)):
        pdf = render(plan(LOOKS[look]))
        with pdfplumber.open(io.BytesIO(pdf.data)) as doc:
            page = doc.pages[pdf.page_of("riverside-therapy.example/")]
            words = page.search("riverside-therapy.example/", regex=False)
            caption = page.search("Scan for a video", regex=False)[0]
            address = next(w for w in words if w["top"] < caption["top"])
            sizes = {round(c["size"], 1) for c in address["chars"]}
            caption_sizes = {round(c["size"], 1) for c in caption["chars"]}
        assert sizes == caption_sizes
        assert min(sizes) >= least


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
