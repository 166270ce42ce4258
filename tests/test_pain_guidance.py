"""The pain guidance box: how much discomfort is fine, when to stop, when to call.

On by default, off with ``pain_guidance: false`` or ``--no-pain-guidance``, worded
by ``templates/pain_guidance.j2`` (which a clinic can replace), never split.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from handouts import api, resources
from tests.conftest import ALL_EXERCISES, Pdf, squash, write_plan
from tests.test_cli import run

Render = Callable[[dict[str, Any]], Pdf]
HEADING = "Pain and your exercises"
FIRST = "Some discomfort is normal."
LAST = "very short of breath."


def plan(**extra: Any) -> dict[str, Any]:
    return {
        "patient": {"name": "Jane Doe"},
        "practitioner": {"name": "Sam Patel"},
        "date": "2026-11-24",
        "sections": ["psoas/what-it-does"],
        "exercises": ["hip-flexor-stretch", "step-ups"],
        **extra,
    }


def test_the_box_says_how_much_pain_is_fine_when_to_stop_and_whom_to_call(
    render: Render,
) -> None:
    text = render(plan()).text
    for words in (
        HEADING,
        "stays at 3 or 4 out of 10 or below",
        "settles within 24 hours, by the next morning",
        "Ease off",
        "Stop the exercise",
        "Call us on 01632 960 123",  # the clinic's phone
        "(ask for Sam Patel)",
        "Get medical help straight away",
    ):
        assert words in text, words


def test_it_follows_the_last_exercise_and_leads_into_the_questions_box(render: Render) -> None:
    pdf = render({**plan(), "options": {"diary": True, "diary_pain": True}})
    text = pdf.text
    last_card = text.index("Step-ups Intermediate ·")
    assert last_card < text.index(HEADING) < text.index("Questions?") < text.index("Exercise diary")


def test_without_a_phone_it_says_to_email(tmp_path: Path, example_clinic_copy: Path) -> None:
    profile = example_clinic_copy.read_text(encoding="utf-8")
    folder = tmp_path / "clinic"
    folder.mkdir()
    shutil.copy(example_clinic_copy.parent / "logo.svg", folder / "logo.svg")
    lines = [line for line in profile.splitlines() if not line.startswith("phone:")]
    (folder / "clinic.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    data = {**plan(), "clinic": str(folder / "clinic.yaml")}
    data.pop("practitioner")
    out = tmp_path / "out.pdf"
    result = run("make", str(write_plan(tmp_path, data)), "-o", str(out))
    assert result.exit_code == 0, result.output
    text = Pdf(out.read_bytes()).text
    assert "Email us at hello@riverside-therapy.example if the pain has not settled" in text
    assert "(ask for" not in text


@pytest.mark.parametrize("page_size", ["A4", "Letter"])
@pytest.mark.parametrize("look", [{}, {"layout": "compact"}, {"large_print": True}])
def test_never_split_across_pages(render: Render, page_size: str, look: dict[str, Any]) -> None:
    """Goals of every length move the box down the page: it is always whole on one page."""
    pages_seen = set()
    for lines in range(0, 60, 4):
        goals = "\n".join(f"Goal line {n}." for n in range(lines))
        data = plan(goals=goals or None, options={"page_size": page_size, **look})
        pdf = render({k: v for k, v in data.items() if v is not None})
        first = pdf.page_of(HEADING)
        assert FIRST in pdf.pages[first]
        assert squash(LAST) in pdf.pages[first], f"split after {lines} lines of goals"
        pages_seen.add(first)
    assert len(pages_seen) >= 2  # the goals did push the box over a page boundary


def test_off_with_the_option_and_the_flag(render: Render, tmp_path: Path) -> None:
    assert HEADING not in render(plan(options={"pain_guidance": False})).text
    out = tmp_path / "flag.pdf"
    path = write_plan(tmp_path, plan(), "flag.yaml")
    result = run("make", str(path), "-o", str(out), "--no-pain-guidance")
    assert result.exit_code == 0, result.output
    assert HEADING not in Pdf(out.read_bytes()).text
    path = write_plan(tmp_path, plan(options={"pain_guidance": False}), "off.yaml")
    result = run("make", str(path), "-o", str(out), "--force", "--pain-guidance")
    assert result.exit_code == 0, result.output
    assert HEADING in Pdf(out.read_bytes()).text


def test_no_box_without_exercises(render: Render) -> None:
    pdf = render({**plan(), "exercises": []})
    assert HEADING not in pdf.text


def test_a_clinic_rewords_it_with_its_own_template(
    tmp_path: Path, example_clinic_copy: Path
) -> None:
    folder = tmp_path / "clinic"
    (folder / "templates").mkdir(parents=True)
    shutil.copy(example_clinic_copy.parent / "logo.svg", folder / "logo.svg")
    profile = example_clinic_copy.read_text(encoding="utf-8") + "templates: templates\n"
    (folder / "clinic.yaml").write_text(profile, encoding="utf-8")
    (folder / "templates" / "pain_guidance.j2").write_text(
        "<b>Our rule:</b> pain up to 5 out of 10 is fine at {{ clinic.name }}.\n\n"
        "Second <i>row</i> & more.\n",
        encoding="utf-8",
    )
    data = {**plan(), "clinic": str(folder / "clinic.yaml")}
    out = tmp_path / "out.pdf"
    result = run("make", str(write_plan(tmp_path, data)), "-o", str(out))
    assert result.exit_code == 0, result.output
    pdf = Pdf(out.read_bytes())
    assert "Our rule: pain up to 5 out of 10 is fine at Riverside Sports Therapy." in pdf.text
    assert "Second row & more." in pdf.text
    assert FIRST not in pdf.text
    # Its two paragraphs are two rows of the box, under the built-in heading.
    with pdfplumber.open(io.BytesIO(pdf.data)) as doc:
        page = doc.pages[pdf.page_of("Our rule")]
        heading, rule, second = (
            page.search(words, regex=False)[0] for words in (HEADING, "Our rule", "Second")
        )
        assert heading["top"] < rule["top"] < second["top"]
        assert rule["x0"] == pytest.approx(second["x0"], abs=0.5)


def test_the_template_is_bundled_and_documented() -> None:
    template = resources.templates_dir() / "pain_guidance.j2"
    assert "clinic.phone" in template.read_text(encoding="utf-8")
    assert "pain_guidance: false" in template.read_text(encoding="utf-8")


def test_the_demo_prints_it_once_after_the_last_card(tmp_path: Path) -> None:
    plan_data = api.load_plan(resources.demo_plan())
    clinic = api.clinic_for(plan_data)
    handout = api.build_handout(plan_data, api.library_for(clinic), clinic)
    assert handout.pain_guidance is not None
    assert len(handout.pain_guidance.paragraphs) == 5
    out = api.render_pdf(handout, tmp_path / "demo.pdf")
    pdf = Pdf(out.read_bytes())
    assert pdf.text.count(HEADING) == 1
    assert pdf.page_of(HEADING) >= pdf.page_of("Step-ups Intermediate ·")
    assert len(ALL_EXERCISES) == len(handout.cards)
