"""Two languages on one handout (``--second-language``): the patient's first, the second
beneath each section and card, smaller and lighter, in its own direction; the dose once."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from click.testing import CliRunner

from handouts import resources
from handouts.cli import main
from handouts.render.page import MARGIN
from tests.conftest import Pdf, squash

CLINIC = str(resources.example_clinic())


def make(tmp_path: Path, *args: str) -> tuple[int, str, Path]:
    out = tmp_path / "handout.pdf"
    result = CliRunner().invoke(
        main, ["make", "--clinic", CLINIC, "--patient", "Ana Ruiz", "-o", str(out), *args]
    )
    return result.exit_code, result.output, out


def test_spanish_then_english_beneath_with_the_dose_once(tmp_path: Path) -> None:
    code, output, out = make(
        tmp_path, "--language", "es", "--second-language", "en",
        "--exercise", "step-ups", "--section", "psoas/avoid",
    )  # fmt: skip
    assert code == 0, output
    text = Pdf(out.read_bytes()).text
    spanish, english = squash("Subir al escalón"), squash("Step-ups")
    assert spanish in text and english in text
    assert text.index(spanish) < text.index(english, text.index(spanish))  # Spanish first
    assert squash("Place your whole right foot on the step.") in text
    assert squash("Apoye todo el pie derecho en el escalón.") in text
    assert squash("Cosas que debe evitar") in text or squash("Qué debe evitar") in text
    assert squash("Things to avoid") in text
    assert text.count(squash("3 series de 10 repeticiones")) == 1
    assert squash("3 sets of 10 repetitions") not in text  # the dose prints once
    # The second language is smaller than the first.
    with pdfplumber.open(io.BytesIO(out.read_bytes())) as pdf:
        sizes = {}
        for page in pdf.pages:
            for word in page.extract_words(extra_attrs=["size"]):
                sizes.setdefault(word["text"], word["size"])
    assert sizes["Place"] < sizes["Apoye"]


def test_arabic_with_english_beneath_each_in_its_own_direction(tmp_path: Path) -> None:
    code, output, out = make(
        tmp_path, "--language", "ar", "--second-language", "en",
        "--exercise", "step-ups", "--section", "psoas/what-it-does",
    )  # fmt: skip
    assert code == 0, output
    data = out.read_bytes()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        words = [w for page in pdf.pages for w in page.extract_words()]
        width = pdf.pages[0].width
    english = [w for w in words if w["text"] in ("Place", "Push", "lift")]  # first words
    assert english and all(float(w["x0"]) < MARGIN + 40 for w in english)  # left-aligned
    arabic = [w for w in words if any("\ufb50" <= c <= "\ufeff" for c in str(w["text"]))]
    assert max(float(w["x1"]) for w in arabic) > width - MARGIN - 12  # right-aligned
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert str(pdf.Root.Lang) == "ar"
        languages = set()
        stack = [pdf.Root.StructTreeRoot]
        while stack:
            node = stack.pop()
            if isinstance(node, pikepdf.Dictionary):
                if "/Lang" in node:
                    languages.add(str(node.Lang))
                kids = node.get("/K")
                if isinstance(kids, pikepdf.Array):
                    stack += list(kids)
                elif isinstance(kids, pikepdf.Dictionary):
                    stack.append(kids)
    assert "en" in languages  # the English paragraphs say so, for a screen reader


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--language", "es", "--second-language", "es"], "own language"),
        (["--language", "es", "--second-language", "es-MX"], "own language"),
        (["--second-language", "zz"], "available: "),
        (["--second-language", "es", "--exercise", "bird-dog"], "bird-dog"),
    ],
)
def test_a_second_language_that_cannot_be_is_one_line(
    tmp_path: Path, args: list[str], words: str
) -> None:
    code, output, out = make(tmp_path, "--exercise", "step-ups", *args)
    assert code == 1 and not out.exists()
    assert words in output
    if words != "bird-dog":  # a missing translation names the item, not the option
        assert "--second-language" in output
    assert len(output.strip().splitlines()) == 1


def test_a_plan_can_name_its_second_language(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "patient: {name: Ana}\nlanguage: es\nsecond_language: en\nexercises: [step-ups]\n",
        encoding="utf-8",
    )
    out = tmp_path / "ana.pdf"
    result = CliRunner().invoke(main, ["make", str(plan), "--clinic", CLINIC, "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = Pdf(out.read_bytes()).text
    assert squash("Subir al escalón") in text and squash("Step-ups") in text
