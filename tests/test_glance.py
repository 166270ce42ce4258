"""Page one's "at a glance" box: every exercise with its dose, one line each."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from markupsafe import Markup
from reportlab.lib.units import mm

from handouts import api
from handouts.compose.text import strip_markup
from handouts.render.pdf import render_pdf_bytes
from handouts.workflow.flags import plan_values
from tests.conftest import ALL_EXERCISES, Pdf, squash, write_plan
from tests.test_cli import run

Render = Callable[[dict[str, Any]], Pdf]
HEADING = "Your programme at a glance"


def plan(exercises: list[Any] | None = None, **options: Any) -> dict[str, Any]:
    return {
        "patient": {"name": "Jane Doe"},
        "practitioner": {"name": "Sam Patel"},
        "date": "2026-11-24",
        "goals": "Walk the dog without hip pain.",
        "sections": ["psoas/what-it-does"],
        "exercises": ALL_EXERCISES if exercises is None else exercises,
        "options": options,
    }


def handout(data: dict[str, Any]) -> Any:
    p = api.load_plan(None, data)
    clinic = api.clinic_for(p)
    return api.build_handout(p, api.library_for(clinic), clinic)


def lines_of(pdf: Pdf, page: int) -> list[tuple[float, str]]:
    """The page's text lines, top to bottom: (top, text)."""
    with pdfplumber.open(io.BytesIO(pdf.data)) as doc:
        found = doc.pages[page].extract_text_lines()
    return [(line["top"], line["text"]) for line in found]


@pytest.mark.parametrize("page_size", ["A4", "Letter"])
@pytest.mark.parametrize("count", [1, 2, 4, 9])
def test_every_exercise_beside_its_dose_in_card_order(
    render: Render, page_size: str, count: int
) -> None:
    data = plan(ALL_EXERCISES[:count], page_size=page_size)
    pdf = render(data)
    composed = handout(data)
    with pdfplumber.open(io.BytesIO(pdf.data)) as doc:
        page = doc.pages[0]
        heading = page.search(HEADING, regex=False)[0]
        tops = []
        for card in composed.cards:
            title = _first_under(page, strip_markup(card.title), heading["bottom"])
            dose = _first_under(page, strip_markup(card.dose_line), title["top"] - 1)
            assert abs(title["top"] - dose["top"]) < 1  # side by side: one row
            assert dose["x0"] > title["x1"]
            tops.append(title["top"])
    assert tops == sorted(tops)  # in the cards' order


def _first_under(page: Any, text: str, top: float) -> dict[str, Any]:
    """Where ``text`` starts (its first three words) below ``top``."""
    start = " ".join(text.split()[:3])
    return next(hit for hit in page.search(start, regex=False) if hit["top"] > top)


def test_short_titles_and_doses_take_one_line_each(render: Render) -> None:
    """Like "Hip flexor stretch   Hold for 30 seconds, 3 times · twice a day · each side"."""
    data = plan(ALL_EXERCISES[:4])
    pdf = render(data)
    lines = [text for _, text in lines_of(pdf, 0)]
    start = lines.index(HEADING)
    for card, line in zip(handout(data).cards, lines[start + 1 : start + 5], strict=True):
        assert line == f"{strip_markup(card.title)} {strip_markup(card.dose_line)}"


def test_the_box_follows_the_goals_and_comes_before_the_education(render: Render) -> None:
    pdf = render(plan())
    order = [text for _, text in lines_of(pdf, 0)]
    at = {label: order.index(label) for label in ("Your goals", HEADING, "About your condition")}
    assert at["Your goals"] < at[HEADING] < at["About your condition"]
    assert order.index("PREPARED FOR Jane Doe DATE 24 November 2026") < at[HEADING]


def test_the_box_takes_a_little_of_page_one(render: Render) -> None:
    """Nine exercises in under a quarter of an A4 page: the education still starts on page one."""
    pdf = render(plan())
    lines = lines_of(pdf, 0)
    tops = {text: top for top, text in lines}
    last_row = next(top for top, text in lines if text.startswith("Step-ups "))
    assert last_row - tops[HEADING] < 842 / 4
    assert "What your psoas does" in pdf.pages[0]


@pytest.mark.parametrize("large_print", [False, True])
def test_a_long_list_carries_on_under_its_heading_again(large_print: bool) -> None:
    """40 exercises (a plan's most): the box splits between rows, its heading repeated."""
    composed = handout(plan(large_print=large_print))
    rows = tuple((Markup(f"Exercise number {n}"), Markup(f"dose {n}")) for n in range(40))
    assert composed.glance is not None
    glance = dataclasses.replace(composed.glance, rows=rows)
    pdf = Pdf(render_pdf_bytes(dataclasses.replace(composed, glance=glance)))
    pages = [i for i, text in enumerate(pdf.pages) if HEADING in text]
    assert len(pages) >= 2
    assert pages == list(range(pages[0], pages[0] + len(pages)))  # one page after another
    text = " ".join(pdf.pages[i] for i in pages)
    positions = [text.index(f"Exercise number {n} dose {n} ") for n in range(40)]
    assert positions == sorted(positions)  # every row once, in order
    for i in pages[:-1]:  # a page ends with a row, never with the heading alone
        after = pdf.pages[i].split(HEADING, 1)[1]
        assert after.count("Exercise number") >= 3


def test_large_print_box_is_large(render: Render) -> None:
    pdf = render(plan(large_print=True))
    with pdfplumber.open(io.BytesIO(pdf.data)) as doc:
        for index in (i for i, text in enumerate(pdf.pages) if HEADING in text):
            page = doc.pages[index]
            top = page.search(HEADING, regex=False)[0]["top"]
            after = page.search("About your condition", regex=False)
            # Down to the next heading, or to the page's footer (another part).
            bottom = after[0]["top"] if after else page.height - 26 * mm
            box = page.within_bbox((0, top - 1, page.width, bottom))
            assert box.chars
            assert min(c["size"] for c in box.chars) >= 14 - 0.01


# --- on and off ------------------------------------------------------------------


def test_on_by_default_and_off_with_the_option(render: Render) -> None:
    assert HEADING in render(plan()).pages[0]
    off = render(plan(at_a_glance=False))
    assert HEADING not in off.text
    # The titles are then only on the cards.
    assert (
        off.text.count("Hip flexor stretch ")
        == render(plan()).text.count("Hip flexor stretch ") - 1
    )


def test_flags_turn_it_off_and_on(tmp_path: Path) -> None:
    out = tmp_path / "out.pdf"
    path = write_plan(tmp_path, plan())
    result = run("make", str(path), "-o", str(out), "--no-glance")
    assert result.exit_code == 0, result.output
    assert HEADING not in Pdf(out.read_bytes()).text
    path = write_plan(tmp_path, plan(at_a_glance=False))
    result = run("make", str(path), "-o", str(out), "--force", "--glance")
    assert result.exit_code == 0, result.output
    assert HEADING in Pdf(out.read_bytes()).pages[0]
    assert plan_values(at_a_glance=False)["options"] == {"at_a_glance": False}


def test_no_box_without_exercises(render: Render) -> None:
    pdf = render({**plan([]), "sections": ["psoas/what-it-does"]})
    assert HEADING not in pdf.text


def test_the_help_names_the_flag() -> None:
    result = run("make", "--help")
    assert "--glance / --no-glance" in squash(result.output)
