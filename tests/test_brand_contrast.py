"""Brand colours stay readable: whatever a clinic's colours, every character of the
handout reaches 4.5:1 (WCAG AA) against what it is printed on, and ``make`` says
once when a colour had to print darker.

Read back from the PDF with pdfplumber: each character's fill colour against the
smallest filled rectangle under it (a table head's band, a tinted box) or the
white paper.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
import yaml

from handouts.models.colour import (
    MIN_RATIO,
    WHITE,
    adjustments,
    contrast_ratio,
    readable_on,
    text_colours,
)
from tests.conftest import REPO, write_plan
from tests.test_cli import run

DEMO = REPO / "assets" / "demo-plan.yaml"
LIGHT = ["#ffe14d", "#7fd3ff", "#ffb3c1", "#b0b0b0"]  # yellow, sky blue, pink, mid grey
GOOD = "#1d5c8c"  # the example clinic's blue: needs no change


def clinic_with(folder: Path, **colours: str) -> Path:
    """A copy of the example clinic with other ``colours``."""
    folder.mkdir(parents=True, exist_ok=True)
    data = yaml.safe_load((REPO / "assets" / "clinic" / "clinic.yaml").read_text("utf-8"))
    data["colours"] = {**data["colours"], **colours}
    shutil.copy(REPO / "assets" / "clinic" / "logo.svg", folder / "logo.svg")
    path = folder / "clinic.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def hex_of(colour: Any) -> str:
    """A pdfplumber colour (grey or RGB, 0 to 1) as ``#rrggbb``."""
    values = list(colour) if isinstance(colour, list | tuple) else [colour]
    if len(values) == 1:
        values *= 3
    assert len(values) == 3, f"unexpected colour {colour!r}"
    return "#" + "".join(f"{round(float(v) * 255):02x}" for v in values)


def background(page: Any, char: dict[str, Any]) -> str:
    """The colour under ``char``: the smallest filled rectangle holding its centre, or paper."""
    x, y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
    under = [
        r
        for r in page.rects
        if r["fill"] and r["x0"] <= x <= r["x1"] and r["top"] <= y <= r["bottom"]
    ]
    if not under:
        return WHITE
    smallest = min(under, key=lambda r: r["width"] * r["height"])
    return hex_of(smallest["non_stroking_color"])


def poor_contrast(path: Path) -> list[str]:
    """Every (page, character, colour, background, ratio) under 4.5:1, once each."""
    found: set[str] = set()
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            for char in page.chars:
                if not char["text"].strip():
                    continue
                fg, bg = hex_of(char["non_stroking_color"]), background(page, char)
                ratio = contrast_ratio(fg, bg)
                # A colour reads back rounded to 8 bits: allow that much.
                if ratio < MIN_RATIO - 0.02:
                    found.add(f"page {number}: {char['text']!r} {fg} on {bg}: {ratio:.2f}:1")
    return sorted(found)


def make(tmp_path: Path, clinic: Path, *flags: str) -> tuple[Path, str]:
    """The demo plan, with a previous sheet so cards carry "New" and "Changed" banners."""
    data = yaml.safe_load(DEMO.read_text(encoding="utf-8"))
    last = {**data, "date": "2026-11-10", "exercises": data["exercises"][2:6]}
    last["exercises"][0] = {"id": data["exercises"][2], "sets": 1}
    since = write_plan(tmp_path, last, "last.yaml")
    out = tmp_path / "out.pdf"
    result = run(
        "make", str(DEMO), "--clinic", str(clinic), "--since", str(since), "-o", str(out), *flags
    )
    assert result.exit_code == 0, result.output
    return out, result.output


@pytest.mark.parametrize("colour", [*LIGHT, GOOD])
def test_every_character_reads_on_what_it_is_printed_on(tmp_path: Path, colour: str) -> None:
    out, _ = make(tmp_path, clinic_with(tmp_path / "clinic", primary=colour))
    with pdfplumber.open(out) as pdf:
        text = " ".join(page.extract_text() for page in pdf.pages)
    assert "New" in text and "Changed" in text  # the banners on the primary colour
    assert "Exercise diary" in text  # its day labels on the primary colour
    assert poor_contrast(out) == []


@pytest.mark.parametrize("colour", LIGHT)
def test_light_accent_and_text_colours_read_too(tmp_path: Path, colour: str) -> None:
    """The accent (the dose box's tint and bar, the ⚠ sign) and the text colour."""
    clinic = clinic_with(tmp_path / "clinic", primary=colour, accent=colour, text="#9a9a9a")
    out, _ = make(tmp_path, clinic, "--large-print")
    assert poor_contrast(out) == []


def test_the_brand_colour_stays_on_bands_and_rules(tmp_path: Path) -> None:
    """Only text is darkened: the diary's head and the banners keep the clinic's yellow."""
    out, _ = make(tmp_path, clinic_with(tmp_path / "clinic", primary="#ffe14d"))
    with pdfplumber.open(out) as pdf:
        fills = {hex_of(r["non_stroking_color"]) for p in pdf.pages for r in p.rects if r["fill"]}
        headings = {
            hex_of(c["non_stroking_color"])
            for p in pdf.pages
            for c in p.chars
            if c["size"] > 15  # the title and section headings
        }
    assert "#ffe14d" in fills
    assert headings == {text_colours("#ffe14d", "#e0782b", "#222222").heading}


def test_make_warns_once_naming_the_clinic_file_and_field(tmp_path: Path) -> None:
    clinic = clinic_with(tmp_path / "clinic", primary="#FFE14D")
    _, output = make(tmp_path, clinic)
    warnings = [line for line in output.splitlines() if "colours." in line]
    heading = text_colours("#ffe14d", "#e0782b", "#222222").heading
    assert warnings == [
        f"Warning: {clinic}: colours.primary: #ffe14d is too light for text on white paper "
        f"(contrast 1.3:1, WCAG AA asks 4.5:1); printing headings in {heading} instead"
    ]


def test_make_says_nothing_for_the_example_clinics_colours(tmp_path: Path) -> None:
    _, output = make(tmp_path, REPO / "assets" / "clinic" / "clinic.yaml")
    assert "colours." not in output


def test_greyscale_prints_no_colour_warning(tmp_path: Path) -> None:
    """Greyscale prints dark greys of its own, so no brand colour was adjusted."""
    _, output = make(tmp_path, clinic_with(tmp_path / "clinic", primary="#ffe14d"), "--greyscale")
    assert "colours." not in output


def test_a_batch_warns_once_per_clinic_not_per_row(tmp_path: Path) -> None:
    clinic = clinic_with(tmp_path / "clinic", primary="#ffe14d", text="#aaaaaa")
    patients = tmp_path / "patients.csv"
    patients.write_text("name\nJane Doe\nTom Okafor\nAiko Tanaka\n", encoding="utf-8")
    plan = write_plan(tmp_path, {"date": "2026-11-24", "exercises": ["step-ups"]})
    result = run(
        "batch", str(patients), "--plan", str(plan), "--clinic", str(clinic),
        "--out-dir", str(tmp_path / "out"), "--jobs", "1",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert len(re.findall(r"colours\.primary: #ffe14d is too light", result.output)) == 1
    assert len(re.findall(r"colours\.text: #aaaaaa is too light", result.output)) == 1
    assert len(list((tmp_path / "out").glob("*.pdf"))) == 3


# The colour maths ---------------------------------------------------------------------


@pytest.mark.parametrize("colour", [*LIGHT, "#ff0000", "#00ff00", "#ffffff", "#000000"])
@pytest.mark.parametrize("paper", ["#ffffff", "#fff6d5", "#e8eff3", "#222222", "#1d5c8c"])
def test_readable_on_reaches_the_ratio_keeping_the_hue(colour: str, paper: str) -> None:
    shade = readable_on(colour, paper)
    assert contrast_ratio(shade, paper) >= MIN_RATIO
    if contrast_ratio(colour, paper) >= MIN_RATIO:
        assert shade == colour
    channels = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    mixed = [int(shade[i : i + 2], 16) for i in (1, 3, 5)]
    if shade != colour and max(channels) > min(channels):  # a hue to keep
        # Mixed with black or white: the order of the channels stays.
        assert sorted(range(3), key=lambda i: channels[i]) == sorted(
            range(3), key=lambda i: mixed[i]
        )


def test_a_good_dark_brand_needs_no_adjustment() -> None:
    assert adjustments(GOOD, "#e0782b", "#222222") == []
    colours = text_colours(GOOD, "#e0782b", "#222222")
    assert (colours.heading, colours.body, colours.on_primary) == (GOOD, "#222222", WHITE)


@pytest.mark.parametrize("colour", LIGHT)
def test_text_on_a_light_band_is_dark(colour: str) -> None:
    on_band = text_colours(colour, "#e0782b", "#222222").on_primary
    assert on_band != WHITE
    assert contrast_ratio(on_band, colour) >= MIN_RATIO
