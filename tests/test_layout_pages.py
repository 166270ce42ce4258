"""Pages a clinician is proud of: compact saves paper, lists and boxes never break badly.

Checked on the PDF itself (page counts, where each line of text lands) for the
bundled plans and a four-exercise plan, on A4 and Letter; the column packing
is also checked on its own against arbitrary card heights.
"""

from __future__ import annotations

import io
from itertools import pairwise
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.platypus import Flowable

from handouts import api
from handouts.models.library import Library
from handouts.models.rich import plain
from handouts.render.columns import LOOK_AHEAD, CardColumns
from tests.conftest import ALL_SECTIONS, REPO, Pdf, squash, write_plan

PLANS = {
    "demo": REPO / "assets" / "demo-plan.yaml",
    "beginner": REPO / "examples" / "beginner-psoas.yaml",
    "runner": REPO / "examples" / "runner-advanced.yaml",
}
FOUR = ["hip-flexor-stretch", "lower-back-stretch", "floor-superman", "step-ups"]


def _make(tmp_path: Path, data: dict[str, Any], **options: Any) -> Pdf:
    data = {**data, "options": {**data.get("options", {}), **options}}
    data.pop("clinic", None)  # the test clinic (conftest), not the plan's
    plan = api.load_plan(write_plan(tmp_path, data))
    out = api.make_handout(plan, tmp_path / "out.pdf", overwrite=True)
    return Pdf(out.read_bytes())


def _plan(name: str) -> dict[str, Any]:
    if name == "four":
        return {"patient": {"name": "Alex Four"}, "date": "2026-11-24", "exercises": FOUR}
    data: dict[str, Any] = yaml.safe_load(PLANS[name].read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize("page_size", ["A4", "Letter"])
@pytest.mark.parametrize("name", ["demo", "beginner", "runner", "four"])
def test_compact_takes_fewer_pages_than_standard(tmp_path: Path, name: str, page_size: str) -> None:
    standard = _make(tmp_path, _plan(name), page_size=page_size, layout="standard")
    compact = _make(tmp_path, _plan(name), page_size=page_size, layout="compact")
    assert len(compact.pages) < len(standard.pages), (len(compact.pages), len(standard.pages))


@pytest.mark.parametrize("page_size", ["A4", "Letter"])
def test_compact_demo_fits_four_pages_with_the_diary_beside_the_last_cards(
    tmp_path: Path, page_size: str
) -> None:
    """The issue's target: the demo plan (standard: 7 pages on A4, 9 on Letter) in
    four.  The diary shares the last page with the last card and the boxes."""
    pdf = _make(tmp_path, _plan("demo"), page_size=page_size, layout="compact")
    assert len(pdf.pages) <= 4, len(pdf.pages)
    last = len(pdf.pages) - 1
    assert pdf.page_of("Step-ups Intermediate") == pdf.page_of("Questions?") == last
    assert pdf.page_of("Exercise diary") == last


@pytest.mark.parametrize("page_size", ["A4", "Letter"])
def test_compact_prints_the_fine_print_once_and_the_contact_line_on_every_page(
    tmp_path: Path, page_size: str
) -> None:
    """Compact saves the footer's fine print after page one, as large print does;
    the clinic's contact details and the page number stay on every page."""
    pdf = _make(tmp_path, _plan("demo"), page_size=page_size, layout="compact")
    pages = len(pdf.pages)
    with pdfplumber.open(io.BytesIO(pdf.data)) as doc:
        for number, page in enumerate(doc.pages, start=1):
            foot = squash(page.crop((0, page.height - 80, page.width, page.height)).extract_text())
            for words in ("12 Mill Lane", "01632 960 123", "hello@riverside-therapy.example"):
                assert words in foot, (number, words)
            assert f"Page {number} of {pages}" in foot, number
            assert ("does not replace" in foot) is (number == 1), number
    standard = _make(tmp_path, _plan("four"), page_size=page_size, layout="standard")
    assert all("does not replace" in page for page in standard.pages)


@pytest.mark.parametrize("page_size", ["A4", "Letter"])
def test_compact_puts_two_cards_side_by_side_and_keeps_every_card(
    tmp_path: Path, page_size: str
) -> None:
    pdf = _make(tmp_path, _plan("four"), page_size=page_size, layout="compact")
    with pdfplumber.open(io.BytesIO(pdf.data)) as doc:
        # The cards under "Your exercises" (page one's "at a glance" box lists the
        # titles too, in one column).
        page = doc.pages[_page_of(pdf, "Your exercises")]
        heading = page.search("Your exercises", regex=False)[0]
        titles = {
            w["text"]: w["x0"]
            for w in page.extract_words()
            if w["text"] in {"Hip", "Knees", "Floor", "Step-ups"} and w["top"] > heading["top"]
        }
    middle = float(page.width) / 2
    assert any(x < middle for x in titles.values())
    assert any(x > middle for x in titles.values())
    for title in ("Hip flexor stretch", "Knees to chest stretch", "Floor superman", "Step-ups"):
        assert squash(title) in pdf.text


# --- Column packing, for any card heights ------------------------------------------


class _Box(Flowable):  # type: ignore[misc]
    """A card stand-in of a fixed height that never splits."""

    def __init__(self, height: float, number: int = 0) -> None:
        super().__init__()
        self.box_height = height
        self.number = number  # its place in the plan

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return avail_width, self.box_height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return []


Placed = tuple[float, int, float, int]  # height, column, top, place in the plan


def _pages(heights: list[float], room: float, gap: float, columns: int) -> list[list[Placed]]:
    """Pack like the document does: page after page until every card is placed."""
    pages: list[list[Placed]] = []
    boxes = [_Box(h, n) for n, h in enumerate(heights)]
    rest: Flowable | None = CardColumns(boxes, gap=gap, columns=columns)
    while rest is not None:
        parts = rest.split(100, room)
        assert parts, "a card no taller than the page must always start on a fresh page"
        first = parts[0]
        first.wrap(100, room)
        pages.append([(p.card.box_height, p.column, p.top, p.card.number) for p in first._placed])
        rest = parts[1] if len(parts) > 1 else None
    return pages


@settings(max_examples=200, deadline=None)
@given(
    heights=st.lists(st.floats(min_value=10, max_value=230), min_size=1, max_size=14),
    room=st.sampled_from([230.0, 247.0]),
    columns=st.sampled_from([1, 2]),  # standard: one column; compact: two
)
def test_columns_keep_order_fit_the_page_and_break_only_when_no_card_close_behind_fits(
    heights: list[float], room: float, columns: int
) -> None:
    gap = 4.0
    pages = _pages(heights, room, gap, columns)
    printed = [number for page in pages for *_, number in page]
    assert sorted(printed) == list(range(len(heights))), "every card is printed once"
    for position, number in enumerate(printed):
        # A card moves up past at most LOOK_AHEAD cards that did not fit.
        passed = [earlier for earlier in printed[position + 1 :] if earlier < number]
        assert len(passed) <= LOOK_AHEAD
    for index, page in enumerate(pages):
        # Each page starts with the plan's next card.
        assert page[0][3] == min(n for later in pages[index:] for *_, n in later)
        for card, _, top, _ in page:
            assert top + card <= room + 1e-3
        for column in range(columns):
            cards = sorted((top, card) for card, c, top, _ in page if c == column)
            for (top, card), (next_top, _) in pairwise(cards):
                assert next_top >= top + card + gap - 1e-6, "cards never overlap"
        if index + 1 < len(pages):
            next_card = pages[index + 1][0][0]
            for column in range(columns):
                bottom = max((t + c for c, col, t, _ in page if col == column), default=0.0)
                free = room - bottom - (gap if bottom else 0.0)
                # A page ends with room left only where the next card does not fit.
                assert next_card > free - 1e-3


# --- Lists and the closing box, wherever the page breaks fall -----------------------


def _lists(library: Library) -> list[tuple[str | None, list[str]]]:
    """Every list in the bundled article sections, with the paragraph that leads into it."""
    found: list[tuple[str | None, list[str]]] = []
    for section_id in ALL_SECTIONS:
        lead_in: str | None = None
        for block in library.sections[section_id].blocks:
            if block.kind in ("ul", "ol"):
                found.append((lead_in, [plain(item) for item in block.items]))
                lead_in = None
            else:
                lead_in = plain(block.items[0]) if block.kind == "p" else None
    return found


def _page_of(pdf: Pdf, text: str) -> int:
    return pdf.page_of(text[:40])


# Goals of 0 to 11 lines shift every later page break down by about a line.
SHIFTS = range(12)


@pytest.mark.parametrize("layout", ["standard", "compact"])
@pytest.mark.parametrize("page_size", ["A4", "Letter"])
def test_lists_stay_with_their_lead_in_and_never_leave_one_item_alone(
    tmp_path: Path, library: Library, layout: str, page_size: str
) -> None:
    lists = _lists(library)
    assert any(lead and "straight away" in lead for lead, _ in lists)
    for shift in SHIFTS:
        data = {
            "patient": {"name": "Pat Shift"},
            "date": "2026-11-24",
            "sections": ALL_SECTIONS,
            "exercises": ["step-ups"],
            "goals": "\n".join(f"Goal line {n}." for n in range(shift)) or None,
        }
        data = {k: v for k, v in data.items() if v is not None}
        pdf = _make(tmp_path, data, page_size=page_size, layout=layout)
        for lead_in, items in lists:
            pages = [_page_of(pdf, item) for item in items]
            where = f"shift {shift}, list starting {items[0][:30]!r}"
            if lead_in is not None:
                assert _page_of(pdf, lead_in) == pages[0] == pages[min(1, len(pages) - 1)], where
                if "straight away" in lead_in:
                    assert len(set(pages)) == 1, f"red-flag list split: {where}"
            assert pages[-1] == pages[-2], f"last item alone on a page: {where}"


def _frame_free(page: Any) -> float:
    """Points of empty frame left at the foot of a page (above the footer rule)."""
    footer_top = float(page.height) - 26 * 72 / 25.4  # FOOTER in render/page.py
    header_bottom = 24 * 72 / 25.4
    bottoms = [
        float(obj["bottom"])
        for kind in ("chars", "rects", "lines", "images")
        for obj in getattr(page, kind)
        if header_bottom < float(obj["top"]) and float(obj["bottom"]) < footer_top
    ]
    return footer_top - max(bottoms, default=header_bottom)


@pytest.mark.parametrize("page_size", ["A4", "Letter"])
@pytest.mark.parametrize("name", ["demo", "beginner", "runner", "four"])
def test_the_questions_box_starts_a_page_only_when_it_did_not_fit_before(
    tmp_path: Path, name: str, page_size: str
) -> None:
    for layout in ("standard", "compact"):
        pdf = _make(tmp_path, _plan(name), page_size=page_size, layout=layout)
        with pdfplumber.open(io.BytesIO(pdf.data)) as doc:
            index = _page_of(pdf, "Questions?")
            page = doc.pages[index]
            box = next(
                r
                for r in page.rects
                if any(
                    w["text"] == "Questions?" and r["top"] <= w["top"] <= r["bottom"]
                    for w in page.extract_words()
                )
            )
            above = [c for c in page.chars if 24 * 72 / 25.4 < c["top"] < box["top"] - 1]
            if above or index == 0:
                continue  # it shares its page with what comes before it
            free = _frame_free(doc.pages[index - 1])
            assert free < float(box["bottom"] - box["top"]), (layout, free)


@pytest.mark.parametrize("page_size", ["A4", "Letter"])
@pytest.mark.parametrize(
    "practitioner",
    ["Sam Patel", "Dr Samantha Patel-Okonkwo, Senior Physiotherapist", "A" * 60],
)
def test_patient_details_never_wrap_beside_an_empty_cell(
    tmp_path: Path, page_size: str, practitioner: str
) -> None:
    data = {
        "patient": {"name": "John Smith", "date_of_birth": "1991-02-17", "reference": "RS-0214"},
        "practitioner": {"name": practitioner},
        "date": "2026-11-24",
        "next_appointment": "2026-12-15 18:00",
        "exercises": FOUR,
    }
    pdf = _make(tmp_path, data, page_size=page_size)
    with pdfplumber.open(io.BytesIO(pdf.data)) as doc:
        words = doc.pages[0].extract_words()
    top: dict[str, int] = {}
    for word in words:  # the first time each word appears: the patient block
        top.setdefault(word["text"], round(float(word["top"])))
    # The appointment, in words, on one line: weekday and time side by side.
    assert top["Tuesday"] == top["18:00"]
    for label in ("PREPARED", "DATE", "REFERENCE", "APPOINTMENT", "PRACTITIONER"):
        assert sum(1 for w in words if w["text"] == label) >= 1, label
    # Each label on one line: "NEXT" and "APPOINTMENT" share a line, as do "YOUR PRACTITIONER".
    assert top["NEXT"] == top["APPOINTMENT"]
    assert top["YOUR"] == top["PRACTITIONER"]


@pytest.mark.parametrize("page_size", ["A4", "Letter"])
@pytest.mark.parametrize("name", ["demo", "runner", "four"])
def test_compact_puts_pain_guidance_and_questions_in_the_card_columns_after_the_cards(
    tmp_path: Path, name: str, page_size: str
) -> None:
    pdf = _make(tmp_path, _plan(name), page_size=page_size, layout="compact")
    last_card = max(pdf.page_of(title) for title in ("Step-ups Intermediate",))
    assert pdf.page_of("Questions?") >= last_card
    with pdfplumber.open(io.BytesIO(pdf.data)) as doc:
        page = doc.pages[pdf.page_of("Questions?")]
        word = next(w for w in page.extract_words() if w["text"] == "Questions?")
        box = next(r for r in page.rects if r["top"] <= word["top"] <= r["bottom"])
        assert float(box["x1"] - box["x0"]) < float(page.width) / 2, "a half-width box"
