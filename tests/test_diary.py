"""The exercise diary: 1, 2 or 4 weeks, each dose beside its exercise, an optional
pain row, large print that is large, and no page of its own when it fits the last."""

from __future__ import annotations

import io
import itertools
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from reportlab.lib.units import mm

from handouts import api
from handouts.errors import ValidationError
from handouts.workflow.flags import plan_values
from tests.conftest import ALL_EXERCISES, Pdf, write_plan
from tests.test_cli import run

Render = Callable[[dict[str, Any]], Pdf]
DAY = re.compile(r"(Mo|Tu|We|Th|Fr|Sa|Su)")
THREE = ["hip-flexor-stretch", "lower-back-stretch", {"id": "step-ups", "sets": 3, "reps": 12}]
PAIN = "Pain today (0–10)"


def plan(exercises: list[Any] | None = None, **options: Any) -> dict[str, Any]:
    return {
        "patient": {"name": "Jane Doe"},
        "date": "2026-11-24",  # a Tuesday
        "exercises": THREE if exercises is None else exercises,
        "options": {"diary": True, **options},
    }


def diary_pages(pdf: Pdf) -> list[int]:
    first = pdf.page_of("Exercise diary")
    return list(range(first, len(pdf.pages)))


def day_heads(pdf: Pdf) -> list[str]:
    """Each day column's heading ("Tu 24"), in reading order, on the diary's pages.

    The weekday and the date are two lines of one cell: matched by column.  A
    weekday-like word with no date under it ("We are happy to help") is not one.
    """
    heads: list[str] = []
    with pdfplumber.open(io.BytesIO(pdf.data)) as doc:
        for index in diary_pages(pdf):
            words = doc.pages[index].extract_words()
            days = [w for w in words if DAY.fullmatch(w["text"])]
            for day in days:
                under = [
                    w
                    for w in words
                    if w["text"].isdigit()
                    and abs((w["x0"] + w["x1"]) / 2 - (day["x0"] + day["x1"]) / 2) < 3
                    and 0 < w["top"] - day["top"] < 25
                ]
                assert len(under) <= 1, day
                heads += [f"{day['text']} {date['text']}" for date in under]
    return heads


@pytest.mark.parametrize(("weeks", "last"), [(1, "Mo 30"), (2, "Mo 7"), (4, "Mo 21")])
@pytest.mark.parametrize("large_print", [False, True])
def test_the_diary_covers_the_weeks_asked_for(
    render: Render, weeks: int, last: str, large_print: bool
) -> None:
    pdf = render(plan(diary_weeks=weeks, large_print=large_print))
    heads = day_heads(pdf)
    assert len(heads) == 7 * weeks
    assert heads[0] == "Tu 24"  # the handout's date
    assert heads[-1] == last
    # Every day once, in order: no day lost or repeated where the tables break.
    assert len(set(heads)) == len(heads)


def test_two_weeks_is_the_default(render: Render) -> None:
    pdf = render({**plan(), "options": {"diary": True}})
    assert len(day_heads(pdf)) == 14


def test_four_weeks_are_two_tables_each_with_its_header(render: Render) -> None:
    pdf = render(plan(diary_weeks=4))
    heads = day_heads(pdf)
    assert heads[13] == "Mo 7" and heads[14] == "Tu 8"
    # "Exercise" starts the heading and heads the name column of each table.
    words = _words_on_diary_pages(pdf)
    assert sum(1 for w in words if w["text"] == "Exercise") == 3


def _words_on_diary_pages(pdf: Pdf) -> list[dict[str, Any]]:
    with pdfplumber.open(io.BytesIO(pdf.data)) as doc:
        return [
            {**w, "page": i}
            for i in diary_pages(pdf)
            for w in doc.pages[i].extract_words(keep_blank_chars=False)
        ]


def test_each_exercise_shows_its_dose_under_its_name(render: Render) -> None:
    pdf = render(plan())
    handout = _handout(plan())
    assert handout.diary is not None
    with pdfplumber.open(io.BytesIO(pdf.data)) as doc:
        page = doc.pages[pdf.page_of("Exercise diary")]
        top_of_diary = page.search("Exercise diary", regex=False)[0]["top"]
        for row in handout.diary.rows:
            title = _below(page.search(str(row.title), regex=False), top_of_diary)
            # The dose may wrap in the narrow column: its first words, the first under the title.
            start = " ".join(_plain(row.dose).split()[:3])
            dose = _below(page.search(start, regex=False), title["top"])
            assert dose["top"] > title["top"]  # under the name
            assert abs(dose["x0"] - title["x0"]) < 1  # in the same column
            assert dose["top"] - title["bottom"] < 6  # right under it


def _below(found: list[dict[str, Any]], top: float) -> dict[str, Any]:
    hits = [f for f in found if f["top"] > top]
    assert hits, "not found in the diary"
    return hits[0]


def _plain(markup: str) -> str:
    return re.sub(r"<[^>]+>", "", markup).replace("&amp;", "&")


def _handout(data: dict[str, Any]) -> Any:
    p = api.load_plan(None, data)
    clinic = api.clinic_for(p)
    return api.build_handout(p, api.library_for(clinic), clinic)


@pytest.mark.parametrize("weeks", [1, 2, 4])
def test_the_pain_row_is_in_every_table_when_asked(render: Render, weeks: int) -> None:
    without = render(plan(diary_weeks=weeks))
    assert PAIN not in without.text
    assert "write how much pain" not in without.text
    pdf = render(plan(diary_weeks=weeks, diary_pain=True))
    assert pdf.text.count(PAIN) == (2 if weeks == 4 else 1)
    assert "Each evening, write how much pain you had that day" in pdf.text
    with pdfplumber.open(io.BytesIO(pdf.data)) as doc:
        for page in doc.pages[pdf.page_of(PAIN) :]:
            for pain in page.search(PAIN, regex=False):
                # The last row: right under the last exercise's row.
                above = [s for s in page.search("Step-ups", regex=False) if s["top"] < pain["top"]]
                assert above and pain["top"] - above[-1]["top"] < 60


def test_an_old_labels_file_still_gets_a_pain_row(
    tmp_path: Path, example_clinic_copy: Path
) -> None:
    """A clinic that copied labels.j2 before the pain row existed gets the default label."""
    folder = tmp_path / "clinic"
    folder.mkdir()
    profile = (example_clinic_copy.read_text(encoding="utf-8")) + "templates: templates\n"
    (folder / "clinic.yaml").write_text(profile, encoding="utf-8")
    (folder / "logo.svg").write_bytes((example_clinic_copy.parent / "logo.svg").read_bytes())
    (folder / "templates").mkdir()
    labels = (Path(api.__file__).parent.parent / "templates" / "labels.j2").read_text("utf-8")
    old = "\n".join(line for line in labels.splitlines() if "diary_pain" not in line)
    (folder / "templates" / "labels.j2").write_text(old, encoding="utf-8")
    data = {**plan(diary_pain=True), "clinic": str(folder / "clinic.yaml")}
    out = tmp_path / "out.pdf"
    result = run("make", str(write_plan(tmp_path, data)), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert PAIN in Pdf(out.read_bytes()).text


# --- options and flags -------------------------------------------------------------


def test_flags_set_the_weeks_and_the_pain_row_and_imply_a_diary(tmp_path: Path) -> None:
    data = {k: v for k, v in plan().items() if k != "options"}
    path = write_plan(tmp_path, data)
    out = tmp_path / "out.pdf"
    result = run("make", str(path), "-o", str(out), "--diary-weeks", "4", "--diary-pain")
    assert result.exit_code == 0, result.output
    pdf = Pdf(out.read_bytes())
    assert len(day_heads(pdf)) == 28
    assert PAIN in pdf.text
    result = run("make", str(path), "-o", str(out), "--force", "--no-diary-pain")
    assert result.exit_code == 0, result.output
    assert "Exercise diary" not in Pdf(out.read_bytes()).text


def test_a_flag_overrides_the_plans_weeks(tmp_path: Path) -> None:
    path = write_plan(tmp_path, plan(diary_weeks=4, diary_pain=True))
    out = tmp_path / "out.pdf"
    result = run("make", str(path), "-o", str(out), "--diary-weeks", "1", "--no-diary-pain")
    assert result.exit_code == 0, result.output
    pdf = Pdf(out.read_bytes())
    assert len(day_heads(pdf)) == 7
    assert PAIN not in pdf.text
    result = run("make", str(path), "-o", str(out), "--force", "--no-diary")
    assert "Exercise diary" not in Pdf(out.read_bytes()).text


def test_flag_values_become_plan_options() -> None:
    assert plan_values(diary_weeks=4)["options"] == {"diary_weeks": 4, "diary": True}
    assert plan_values(diary_pain=True)["options"] == {"diary_pain": True, "diary": True}
    # Saying no to the pain row, or no to the diary, asks for no diary.
    assert plan_values(diary_pain=False)["options"] == {"diary_pain": False}
    assert plan_values(diary=False, diary_weeks=1)["options"] == {"diary": False, "diary_weeks": 1}


@pytest.mark.parametrize("weeks", ["3", "0", "14"])
def test_other_lengths_are_refused_by_the_flag(tmp_path: Path, weeks: str) -> None:
    result = run("make", "--patient", "Jane", "--exercise", "step-ups", "--diary-weeks", weeks)
    assert result.exit_code == 2
    assert "'--diary-weeks'" in result.output and "1" in result.output


@pytest.mark.parametrize("weeks", [3, 0, 8, -2, "two", True, 2.5])
def test_other_lengths_are_refused_by_the_plan(tmp_path: Path, weeks: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        api.load_plan(write_plan(tmp_path, plan(diary_weeks=weeks)))
    assert caught.value.field == "options.diary_weeks"
    lines = caught.value.path.read_text(encoding="utf-8").splitlines()
    assert "diary_weeks" in lines[(caught.value.line or 0) - 1]
    if isinstance(weeks, int) and not isinstance(weeks, bool):
        assert f"a diary is 1, 2 or 4 weeks long, not {weeks}" in caught.value.message


# --- where the diary goes ------------------------------------------------------------


@pytest.mark.parametrize("page_size", ["A4", "Letter"])
def test_a_short_diary_shares_the_page_of_the_last_card(render: Render, page_size: str) -> None:
    data = plan(["lower-back-stretch"], page_size=page_size, diary_weeks=1)
    data["options"] |= {"at_a_glance": False, "pain_guidance": False}
    pdf = render(data)
    assert "Knees to chest stretch Beginner ·" in pdf.pages[0]  # the card
    assert "Exercise diary" in pdf.pages[0]
    # The questions box between the cards and the diary, the diary last.
    assert pdf.page_of("Questions?") == 0
    text = pdf.pages[0]
    assert text.index("Knees to chest stretch Beginner") < text.index("Questions?")
    assert text.index("Questions?") < text.index("Exercise diary")


FRAME_BOTTOM = 26 * mm  # from the page's foot: where the footer begins (render.page.FOOTER)


@pytest.mark.parametrize("page_size", ["A4", "Letter"])
@pytest.mark.parametrize("count", [1, 2, 3, 4, 5, 9])
@pytest.mark.parametrize("weeks", [1, 2, 4])
def test_the_diary_starts_a_new_page_only_when_it_must(
    render: Render, page_size: str, count: int, weeks: int
) -> None:
    """If the diary starts a page, what was left of the page before could not hold it."""
    pdf = render(plan(ALL_EXERCISES[:count], page_size=page_size, diary_weeks=weeks))
    index = pdf.page_of("Exercise diary")
    with pdfplumber.open(io.BytesIO(pdf.data)) as doc:
        page = doc.pages[index]
        heading = page.search("Exercise diary", regex=False)[0]
        first_table = _tables(page)[0]
        # The heading (and the space above it, 1.2 times the body size: at most
        # 20 points, in large print), the help line and the first table.
        needed = first_table[3] - heading["top"] + 20
        before = doc.pages[index - 1] if index else None
        content = [o for o in page.chars + page.rects if o["bottom"] < heading["top"]]
        starts_page = not [o for o in content if o["top"] > 24 * mm]  # only the header above
        if starts_page and before is not None:
            bottom = before.height - FRAME_BOTTOM
            things = before.chars + before.rects + before.lines + before.curves
            used = max(o["bottom"] for o in things if o["bottom"] < bottom - 1)
            assert bottom - used < needed, "the diary would have fitted on the page before"
        # The questions box comes before it; the diary is the sheet's last part.
        assert pdf.page_of("Questions?") <= index
        assert "Exercise diary" not in " ".join(pdf.pages[: pdf.page_of("Questions?")])


@pytest.mark.parametrize("page_size", ["A4", "Letter"])
@pytest.mark.parametrize("look", [{}, {"layout": "compact"}, {"large_print": True}])
@pytest.mark.parametrize("weeks", [1, 2, 4])
def test_the_heading_always_starts_the_page_of_its_table(
    render: Render, page_size: str, look: dict[str, Any], weeks: int
) -> None:
    """Whatever comes before it, the heading is never left at a page foot without its table."""
    data = plan(ALL_EXERCISES, page_size=page_size, diary_weeks=weeks, diary_pain=True, **look)
    pdf = render(data)
    index = pdf.page_of("Exercise diary")
    after = pdf.pages[index].split("Exercise diary", 1)[1]
    assert "Hip flexor stretch" in after  # the first row, under the header row
    with pdfplumber.open(io.BytesIO(pdf.data)) as doc:
        page = doc.pages[index]
        heading = page.search("Exercise diary", regex=False)[0]
        days = [w for w in page.extract_words() if w["text"] == "Tu"]
        assert any(day["top"] > heading["top"] for day in days)  # the header row


# --- large print -------------------------------------------------------------------------

LARGE_TEXT = 14.0
LARGE_BOX = 12 * mm


@pytest.mark.parametrize("page_size", ["A4", "Letter"])
@pytest.mark.parametrize("pain", [False, True])
def test_large_print_diary_text_is_14_pt_and_boxes_12_mm(
    render: Render, page_size: str, pain: bool
) -> None:
    pdf = render(plan(ALL_EXERCISES, page_size=page_size, large_print=True, diary_pain=pain))
    tables = 0
    with pdfplumber.open(io.BytesIO(pdf.data)) as doc:
        for index in diary_pages(pdf):
            page = doc.pages[index]
            for box in _tables(page):
                tables += 1
                inside = page.within_bbox(box)
                small = {c["size"] for c in inside.chars if c["size"] < LARGE_TEXT - 0.01}
                assert not small, f"text under 14 pt in the diary on page {index + 1}: {small}"
                assert inside.chars  # the check looked at the table's text
                columns, rows = _grid(page, box)
                days = columns[-7:]  # the last seven columns: one week's tick boxes
                assert len(columns) == 8  # the names, then one week
                assert min(days) >= LARGE_BOX, [round(d / mm, 1) for d in days]
                assert min(rows) >= LARGE_BOX, [round(r / mm, 1) for r in rows]
            heading = page.search("Exercise diary", regex=False)
            if heading:  # the heading and the help line under it
                help_line = page.search("Tick a box", regex=False)[0]
                words = page.within_bbox((0, heading[0]["top"], page.width, help_line["bottom"]))
                assert min(c["size"] for c in words.chars) >= LARGE_TEXT - 0.01
    assert tables >= 2  # two weeks, a table each


Box = tuple[float, float, float, float]  # x0, top, x1, bottom


def _tables(page: Any) -> list[Box]:
    """Each diary table on ``page``: from its header band down its left grid line."""
    bands = [
        r
        for r in page.rects
        if r["fill"] and r["width"] > page.width * 0.5 and _is_dark(r["non_stroking_color"])
    ]
    left = [line for line in page.lines if abs(line["x0"] - line["x1"]) < 0.1]
    boxes = []
    for band in bands:
        bottom = band["top"]
        while True:  # the grid's left line, one segment after another
            below = [
                line
                for line in left
                if abs(line["x0"] - band["x0"]) < 1 and abs(line["top"] - bottom) < 0.5
            ]
            if not below:
                break
            bottom = max(line["bottom"] for line in below)
        boxes.append((band["x0"], band["top"], band["x1"], bottom))
    return boxes


def _is_dark(colour: Any) -> bool:
    values = colour if isinstance(colour, tuple | list) else (colour,)
    return len(values) == 3 and sum(values) < 1.8


def _grid(page: Any, box: Box) -> tuple[list[float], list[float]]:
    """The widths of the table's columns (from its grid lines) and the heights of its
    body rows (from the rows' background fills)."""
    x0, top, x1, bottom = box
    xs = sorted(
        {
            round(line["x0"], 1)
            for line in page.lines
            if abs(line["x0"] - line["x1"]) < 0.1
            and line["top"] >= top - 0.5
            and line["bottom"] <= bottom + 0.5
        }
    )
    columns = [b - a for a, b in itertools.pairwise(xs) if b - a > 1]
    header_bottom = min(
        r["bottom"] for r in page.rects if abs(r["top"] - top) < 0.5 and r["width"] > 100
    )
    rows = {
        (round(r["top"], 1), round(r["bottom"], 1))
        for r in page.rects
        if r["top"] >= header_bottom - 0.5
        and r["bottom"] <= bottom + 0.5
        and r["x0"] <= x0 + 1
        and r["x1"] >= x1 - 1
    }
    return columns, [b - t for t, b in sorted(rows)]


@pytest.mark.parametrize("page_size", ["A4", "Letter"])
def test_regular_print_fits_two_weeks_in_a_table(render: Render, page_size: str) -> None:
    pdf = render(plan(page_size=page_size))
    with pdfplumber.open(io.BytesIO(pdf.data)) as doc:
        page = doc.pages[pdf.page_of("Exercise diary")]
        (box,) = _tables(page)
        columns, rows = _grid(page, box)
    assert len(columns) == 15
    assert min(columns[1:]) >= 7 * mm  # wide enough to tick
    assert min(rows) >= 10 * mm
