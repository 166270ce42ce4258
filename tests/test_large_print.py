"""Large print is large everywhere: every character on every page at 14 pt or more
(header, footer, page numbers, labels, diary included), and every picture at least
as large as in standard print.  Read back from the PDF with pdfplumber."""

from __future__ import annotations

import shutil
from pathlib import Path

import pdfplumber
import pytest
import yaml
from PIL import Image

from handouts.render.sample import SAMPLE_MARK
from tests.conftest import REPO, write_plan
from tests.test_cli import run

DEMO = REPO / "assets" / "demo-plan.yaml"
SMALLEST = 14.0
PAPER = ["A4", "Letter"]


def make(tmp_path: Path, plan: Path, *flags: str) -> Path:
    out = tmp_path / f"{plan.stem}-{len(list(tmp_path.glob('*.pdf')))}.pdf"
    result = run("make", str(plan), "-o", str(out), "--force", *flags)
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("paper", PAPER)
def test_every_character_is_at_least_14_pt(tmp_path: Path, paper: str) -> None:
    out = make(tmp_path, DEMO, "--large-print", "--page-size", paper)
    small: dict[int, set[float]] = {}  # the sizes under 14 pt, by page
    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages) > 7  # the standard demo is 7 pages
        for number, page in enumerate(pdf.pages, 1):
            assert page.chars, f"page {number} has no text"
            for char in page.chars:
                # 2 decimals: a size of 14 reads back as 13.999999999999986 in a form.
                if round(char["size"], 2) < SMALLEST:
                    small.setdefault(number, set()).add(round(char["size"], 1))
            text = page.extract_text()
            assert "01632 960 123" in text, f"page {number}: no phone number in the footer"
            assert f"Page {number} of {len(pdf.pages)}" in text
            # The conftest's clinic is a copy of the example, not the bundled sample,
            # whose small grey mark would be the one exception.
            assert SAMPLE_MARK not in text
    assert not small, f"print under {SMALLEST} pt, its sizes by page: {small}"


@pytest.mark.parametrize("paper", PAPER)
def test_every_demo_card_fits_whole_on_a_page(tmp_path: Path, paper: str) -> None:
    """Pictures at their standard size must not push a line of a card on to a page of
    its own: a card too tall with its picture on top puts the picture beside its title."""
    with pdfplumber.open(make(tmp_path, DEMO, "--large-print", "--page-size", paper)) as pdf:
        texts = [page.extract_text() for page in pdf.pages]
    text = " ".join(texts)
    assert "(continued)" not in text
    # The nine cards take as many pages as when pictures shrank to fit: one each.
    first = next(i for i, page in enumerate(texts) if "Your exercises" in page)
    last = next(i for i, page in enumerate(texts) if "Step-ups\nIntermediate" in page)
    assert last - first + 1 <= 9
    # 14 pages then; now also the programme at a glance on the first pages, the
    # pain guidance after the cards, and a diary with 12 mm boxes, a week a page.
    assert len(texts) <= 16


def test_standard_print_is_unchanged_in_size(tmp_path: Path) -> None:
    """The reverse check: standard print still has its small labels and footer (the
    large-print sizes did not leak into it)."""
    with pdfplumber.open(make(tmp_path, DEMO)) as pdf:
        sizes = {round(c["size"], 1) for page in pdf.pages for c in page.chars}
    assert min(sizes) < 9


def test_large_print_keeps_the_whole_footer_on_the_first_page(tmp_path: Path) -> None:
    """The footer shortens to phone and page number, but the clinic's address, email,
    footer line and disclaimer are still printed once: on the first page."""
    with pdfplumber.open(make(tmp_path, DEMO, "--large-print")) as pdf:
        first, later = (pdf.pages[i].extract_text() for i in (0, 1))
    for words in ("12 Mill Lane", "hello@riverside-therapy.example", "does not replace"):
        assert words in " ".join(first.split()), words
        assert words not in " ".join(later.split()), words


def test_patient_name_and_date_stay_in_the_header(tmp_path: Path) -> None:
    """Too long to sit beside the clinic's name at 14 pt, they get a line of their own."""
    with pdfplumber.open(make(tmp_path, DEMO, "--large-print")) as pdf:
        for page in pdf.pages:
            header = page.crop((0, 0, page.width, 100)).extract_text()
            assert "Łukasiewicz · 24 November 2026" in header


def test_change_marks_and_continued_captions_are_large_too(tmp_path: Path) -> None:
    """The "Changed" banner (``--since``) and a flowing card's "(continued)" caption."""
    data = yaml.safe_load(DEMO.read_text(encoding="utf-8"))
    last = write_plan(tmp_path, {**data, "date": "2026-11-10", "exercises": data["exercises"][:4]})
    long_note = "Keep your back flat and breathe out as you lift. " * 40
    now = {**data, "exercises": [*data["exercises"][:3], {"id": "step-ups", "notes": long_note}]}
    plan = write_plan(tmp_path, now, "now.yaml")
    out = make(tmp_path, plan, "--large-print", "--since", str(last))
    with pdfplumber.open(out) as pdf:
        text = " ".join(page.extract_text() for page in pdf.pages)
        sizes = [c["size"] for page in pdf.pages for c in page.chars]
    assert "New" in text and "(continued)" in text
    assert round(min(sizes), 2) >= SMALLEST


# Pictures ---------------------------------------------------------------------------

# Each exercise's picture, in the demo plan's order: shapes from tall to wide (the
# standard card's picture box is 58 x 52 mm, so tall ones are bound by its height).
SHAPES = {
    "hip-flexor-stretch": (400, 300),
    "hip-flexor-quad-stretch": (300, 400),
    "lower-back-stretch": (600, 200),
    "foam-roll-hip-flexor": (350, 350),
    "spiky-ball-hip-flexor": (480, 270),
    "floor-superman": (400, 200),
    "hip-flexion-lying": (250, 400),
    "hip-flexion-band": (400, 320),
    "step-ups": (300, 200),
}


@pytest.fixture
def photo_library(tmp_path: Path) -> Path:
    """The bundled exercises with photos (PNG) for pictures: an image in the PDF
    has a box pdfplumber can measure, which a vector drawing has not."""
    folder = tmp_path / "photos"
    (folder / "exercises").mkdir(parents=True)
    (folder / "illustrations").mkdir()
    for exercise, size in SHAPES.items():
        Image.new("RGB", size, (200, 120, 40)).save(folder / "illustrations" / f"{exercise}.png")
        source = REPO / "assets" / "library" / "exercises" / f"{exercise}.md"
        text = source.read_text(encoding="utf-8")
        text = text.replace(f"{exercise}.svg", f"{exercise}.png")
        (folder / "exercises" / f"{exercise}.md").write_text(text, encoding="utf-8")
    shutil.copytree(REPO / "assets" / "library" / "articles", folder / "articles")
    return folder


def drawn_sizes(path: Path) -> dict[str, tuple[float, float]]:
    """Each exercise's picture's drawn width and height in points.

    Pictures are known by their order (the cards' order) and checked by their shape.
    """
    drawn: list[tuple[float, float]] = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            for image in sorted(page.images, key=lambda i: (i["top"], i["x0"])):
                drawn.append((float(image["width"]), float(image["height"])))
    assert len(drawn) == len(SHAPES)
    for (exercise, (w, h)), (width, height) in zip(SHAPES.items(), drawn, strict=True):
        assert width / height == pytest.approx(w / h, rel=0.02), exercise
    return dict(zip(SHAPES, drawn, strict=True))


@pytest.mark.parametrize("paper", PAPER)
def test_every_picture_is_at_least_as_large_as_in_standard_print(
    tmp_path: Path, photo_library: Path, paper: str
) -> None:
    flags = ("--library", str(photo_library), "--page-size", paper)
    standard = drawn_sizes(make(tmp_path, DEMO, *flags))
    large = drawn_sizes(make(tmp_path, DEMO, *flags, "--large-print"))
    smaller = {
        exercise: (standard[exercise], large[exercise])
        for exercise in SHAPES
        if large[exercise][0] < standard[exercise][0] - 0.01
        or large[exercise][1] < standard[exercise][1] - 0.01
    }
    assert not smaller, f"smaller in large print (standard, large): {smaller}"


def test_a_card_with_long_steps_keeps_its_picture_large(
    tmp_path: Path, photo_library: Path
) -> None:
    """Before, the picture shrank to make room for long steps (down to 35 mm high);
    now the steps flow on to the next page instead."""
    exercise = photo_library / "exercises" / "step-ups.md"
    text = exercise.read_text(encoding="utf-8")
    long_step = "Step up slowly and keep your knee over your middle toes. " * 6
    text = text.replace("2. Place your whole right foot on the step.", f"2. {long_step}")
    exercise.write_text(text, encoding="utf-8")
    flags = ("--library", str(photo_library))
    standard = drawn_sizes(make(tmp_path, DEMO, *flags))["step-ups"]
    large = drawn_sizes(make(tmp_path, DEMO, *flags, "--large-print"))["step-ups"]
    assert large[0] >= standard[0] and large[1] >= standard[1]
