"""Large print, greyscale, the compact layout and initials-only mode, read back from the PDF."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from handouts.compose.initials import initials
from handouts.models.library import Library
from handouts.models.rich import plain
from tests.conftest import ALL_EXERCISES, REPO, Pdf
from tests.test_cli import run

Render = Callable[[dict[str, Any]], Pdf]
SECTIONS = ["psoas/what-it-does", "psoas/do"]


def plan(**options: Any) -> dict[str, Any]:
    return {
        "patient": {"name": "Jane Doe", "reference": "RS-7"},
        "practitioner": {"name": "Sam Patel"},
        "date": "2026-11-24",
        "sections": SECTIONS,
        "exercises": ALL_EXERCISES,
        "options": {"diary": True, **options},
    }


def sizes_of(pdf: Pdf, needle: str) -> set[float]:
    """The font sizes of the text runs that contain ``needle``."""
    found: set[float] = set()

    def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        if needle in text:
            found.add(round(size * tm[0] * cm[0], 1))

    for page in pdf.reader.pages:
        page.extract_text(visitor_text=visit)
    assert found, f"{needle!r} not found"
    return found


def colour_operands(pdf: Pdf) -> Counter[str]:
    """Every colour-setting operator in the pages and the forms they draw, with its operands."""
    seen: Counter[str] = Counter()
    for content in pdf.content_streams():
        for operands, operator in content.operations:
            if operator in {b"rg", b"RG", b"k", b"K", b"sc", b"SC", b"scn", b"SCN", b"cs"}:
                values = " ".join(f"{float(v):.4f}" for v in operands)
                seen[f"{operator.decode()} {values}"] += 1
    return seen


def is_grey(op: str) -> bool:
    operator, *values = op.split()
    if operator in {"rg", "RG"}:
        return len(set(values)) == 1
    if operator in {"k", "K"}:
        return values[:3] == ["0.0000"] * 3
    return False  # pattern or separation colours


def assert_no_card_split(pdf: Pdf, library: Library) -> None:
    for exercise_id in ALL_EXERCISES:
        ex = library.exercises[exercise_id]
        # The card's title with its level under it (page one's "at a glance" box
        # lists the title too, followed by the dose).
        start = f"{ex.title} {ex.level.value.capitalize()} ·"
        rest = pdf.pages[pdf.page_of(start)].split(start, 1)[1]
        assert plain(ex.text.steps[-1])[:40] in rest, exercise_id
        assert plain(ex.text.safety)[:40] in rest, exercise_id


# Large print ---------------------------------------------------------------------


def test_large_print_sets_steps_and_notes_in_16_pt(render: Render, library: Library) -> None:
    step = plain(library.exercises["step-ups"].text.steps[0])[:20]
    exercises = [*ALL_EXERCISES[:-1], {"id": "step-ups", "notes": "Use the bottom stair"}]
    regular = render({**plan(), "exercises": exercises})
    large = render({**plan(large_print=True), "exercises": exercises})
    assert max(sizes_of(regular, step)) < 16
    assert min(sizes_of(large, step)) >= 16
    assert min(sizes_of(large, "Use the bottom stair")) >= 16  # the practitioner's note
    assert min(sizes_of(large, "Stand tall")) >= 16  # a tip
    assert len(large.pages) > len(regular.pages)


def test_large_print_keeps_every_card_whole_with_its_picture(
    render: Render, library: Library
) -> None:
    pdf = render(plan(large_print=True))
    assert_no_card_split(pdf, library)
    # One exercise per page width: each card starts on a page of its own.
    first_pages = [
        pdf.page_of(library.exercises[e].title + " Beginner")
        for e in ("hip-flexor-stretch", "lower-back-stretch", "hip-flexion-lying")
    ]
    assert len(set(first_pages)) == len(first_pages)


def test_large_print_heading_is_not_left_alone(render: Render) -> None:
    pdf = render(plan(large_print=True))
    page = pdf.pages[pdf.page_of("Your exercises")]
    after = page.split("Your exercises", 1)[1].split("Page ")[0]
    assert len(after.strip()) > 80


# Greyscale -----------------------------------------------------------------------


def test_greyscale_sets_no_colour_anywhere(render: Render) -> None:
    colour, grey = render(plan()), render(plan(greyscale=True))
    assert [op for op in colour_operands(colour) if not is_grey(op)], "the normal sheet has colour"
    ops = colour_operands(grey)
    assert len(ops) > 10
    assert not [op for op in ops if not is_grey(op)]


def test_greyscale_converts_svg_illustrations_without_touching_the_cache(
    render: Render,
) -> None:
    one = {**plan(), "sections": [], "exercises": ["foam-roll-hip-flexor"], "options": {}}
    before = colour_operands(render(one))
    grey = colour_operands(render({**one, "options": {"greyscale": True}}))
    after = colour_operands(render(one))
    # The drawing's orange roller is drawn in grey, with as many colour changes.
    assert sum(grey.values()) == sum(before.values())
    assert all(is_grey(op) for op in grey)
    # The cached drawings are shared: the next colour handout is in colour again.
    assert after == before


def test_greyscale_photos_are_grey(tmp_path: Path) -> None:
    clinic = tmp_path / "clinic.yaml"
    text = (REPO / "assets" / "clinic" / "clinic.yaml").read_text(encoding="utf-8")
    clinic.write_text(text.replace("logo.svg", "logo.png"), encoding="utf-8")
    Image.new("RGB", (120, 60), (200, 30, 30)).save(tmp_path / "logo.png")
    out = tmp_path / "o.pdf"
    result = run(
        "make", "--patient", "Jane Doe", "--exercise", "step-ups",
        "--clinic", str(clinic), "--greyscale", "-o", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    pdf = Pdf(out.read_bytes())
    images = [img for page in pdf.reader.pages for img in page.images]
    assert images
    for img in images:
        assert Image.open(io.BytesIO(img.data)).mode in {"L", "LA"}
    assert not [op for op in colour_operands(pdf) if not is_grey(op)]


def test_greyscale_greys_a_drawing_with_text_drawn_on_the_page(tmp_path: Path) -> None:
    # A drawing with text has no form (its font subset is per document): it is drawn
    # on the page, and the canvas's grey hook must catch its colours too.
    clinic = tmp_path / "clinic.yaml"
    text = (REPO / "assets" / "clinic" / "clinic.yaml").read_text(encoding="utf-8")
    clinic.write_text(text.replace("logo.svg", "wordmark.svg"), encoding="utf-8")
    (tmp_path / "wordmark.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40">'
        '<rect width="120" height="40" fill="#1d5c8c"/>'
        '<text x="8" y="28" font-size="20" fill="#e0782b">Wordmark</text></svg>',
        encoding="utf-8",
    )
    out = tmp_path / "o.pdf"
    for grey in (False, True):
        result = run(
            "make", "--patient", "Jane Doe", "--exercise", "step-ups", "--clinic", str(clinic),
            "--greyscale" if grey else "--colour", "-o", str(out), "--force",
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        pdf = Pdf(out.read_bytes())
        assert "Wordmark" in pdf.text  # the logo's own text, drawn on the page
        coloured = [op for op in colour_operands(pdf) if not is_grey(op)]
        assert bool(coloured) is not grey


def test_greyscale_keeps_the_dose_box_and_headings_distinct(render: Render) -> None:
    ops = colour_operands(render(plan(greyscale=True)))
    greys = {float(op.split()[1]) for op in ops if op.startswith("rg")}
    # Near-black headings, a light fill behind the dose box, white: several levels.
    assert min(greys) < 0.2
    assert any(0.8 < g < 0.97 for g in greys)
    assert len(greys) >= 4


# Layouts -------------------------------------------------------------------------


def test_compact_layout_uses_fewer_pages(render: Render) -> None:
    standard = render(plan(layout="standard"))
    compact = render(plan(layout="compact"))
    assert len(compact.pages) < len(standard.pages)


def test_compact_layout_never_splits_a_card(render: Render, library: Library) -> None:
    pdf = render(plan(layout="compact"))
    assert_no_card_split(pdf, library)
    for exercise_id in ALL_EXERCISES:
        assert library.exercises[exercise_id].title in pdf.text


def test_compact_layout_long_note_flows_on_in_its_card(render: Render) -> None:
    note = "Keep it gentle. " * 60
    data = plan(layout="compact")
    data["exercises"] = ["hip-flexor-stretch", {"id": "step-ups", "notes": note}]
    pdf = render(data)
    assert "Note for you: Keep it gentle." in pdf.text.split("Step-ups", 1)[1]
    assert pdf.text.count("Keep it gentle.") == 60


def test_large_print_with_compact_is_refused(tmp_path: Path) -> None:
    result = run(
        "make", "--patient", "J", "--exercise", "step-ups",
        "--layout", "compact", "--large-print", "-o", str(tmp_path / "o.pdf"),
    )  # fmt: skip
    assert result.exit_code == 1
    assert "large_print shows one exercise per row" in result.output
    assert not (tmp_path / "o.pdf").exists()


# Initials ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Jane Doe", "J. D."), ("Jean-Luc Picard", "J.-L. P."), ("zoë łukasiewicz", "Z. Ł.")],
)
def test_initials(name: str, expected: str) -> None:
    assert initials(name) == expected


def test_initials_replace_the_full_name_everywhere(render: Render) -> None:
    pdf = render(plan(initials=True))
    meta = pdf.reader.metadata
    assert meta is not None
    words = [pdf.text, meta.title or "", meta.subject or "", meta.author or ""]
    for word in ("Jane", "Doe"):
        assert not [w for w in words if word in w]
    assert "J. D." in pdf.pages[0].split("Your home")[0]  # running header
    assert "PREPARED FOR J. D." in pdf.pages[0]  # patient block
    assert meta.title == "Your home exercise programme – J. D."
    assert "RS-7" not in pdf.text  # the reference would identify the patient too


def test_initials_flag_also_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(
        "make", "--patient", "Jane Doe", "--date", "2026-11-24",
        "--exercise", "step-ups", "--initials",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    written = [p.name for p in tmp_path.iterdir()]
    assert len(written) == 1 and written[0].endswith("2026-11-24.pdf"), written
    assert "jane" not in written[0].lower() and "doe" not in written[0].lower()
    assert "jane" not in result.output.lower()


# Options in the plan, flags win --------------------------------------------------


def test_plan_options_apply_and_flags_override(tmp_path: Path) -> None:
    plan_file = tmp_path / "p.yaml"
    plan_file.write_text(
        "patient: {name: Jane Doe}\nexercises: [step-ups, hip-flexor-stretch]\n"
        "options: {greyscale: true, initials: true, layout: compact}\n",
        encoding="utf-8",
    )
    from_plan, flagged = tmp_path / "a.pdf", tmp_path / "b.pdf"
    assert run("make", str(plan_file), "-o", str(from_plan)).exit_code == 0
    result = run(
        "make", str(plan_file), "--colour", "--full-name", "--layout", "standard",
        "-o", str(flagged),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    a, b = Pdf(from_plan.read_bytes()), Pdf(flagged.read_bytes())
    assert "J. D." in a.text and "Jane Doe" not in a.text
    assert all(is_grey(op) for op in colour_operands(a))
    assert "Jane Doe" in b.text
    assert not all(is_grey(op) for op in colour_operands(b))
