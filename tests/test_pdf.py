"""What ends up in the PDF: text, layout, fonts, pictures, metadata, escaping."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from handouts.models.library import Library
from handouts.models.rich import plain
from tests.conftest import ALL_EXERCISES, Pdf, squash

Render = Callable[[dict[str, Any]], Pdf]


def plan(**extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "patient": {"name": "Jane Doe"},
        "practitioner": {"name": "Sam Patel", "role": "Physiotherapist"},
        "date": "2026-11-24",
        "sections": ["psoas/what-it-does"],
        "exercises": ["hip-flexor-stretch", {"id": "step-ups", "sets": 3, "reps": 12}],
    }
    base.update(extra)
    return base


def test_selected_content_appears_and_unselected_does_not(render: Render, library: Library) -> None:
    pdf = render(plan())
    assert "Jane Doe" in pdf.text
    assert "What your psoas does" in pdf.text
    assert "Things to avoid" not in pdf.text
    assert library.exercises["hip-flexor-stretch"].title in pdf.text
    assert library.exercises["step-ups"].title in pdf.text
    assert library.exercises["floor-superman"].title not in pdf.text


def test_prescription_phrasing(render: Render) -> None:
    pdf = render(plan())
    assert "3 sets of 12 repetitions. Do this on each side, 3 times a week." in pdf.text
    assert "Hold for 30 seconds. Do this 3 times on each side, twice a day." in pdf.text


def test_page_numbers_count_every_page(render: Render) -> None:
    pdf = render(plan(exercises=ALL_EXERCISES))
    total = len(pdf.pages)
    assert total > 2
    for number, page in enumerate(pdf.pages, start=1):
        assert f"Page {number} of {total}" in page


def test_no_card_is_split_across_pages(render: Render, library: Library) -> None:
    pdf = render(plan(exercises=ALL_EXERCISES, sections=["psoas/what-it-does", "psoas/do"]))
    for exercise_id in ALL_EXERCISES:
        ex = library.exercises[exercise_id]
        last_step = plain(ex.text.steps[-1])[:40]
        safety = plain(ex.text.safety)[:40]
        # The card's title with its level under it: page one's "at a glance" box
        # lists the title too, followed by the dose.
        start = f"{ex.title} {ex.level.value.capitalize()} ·"
        title_page = pdf.page_of(start)
        # Several cards can share wording, so look only after this card's title.
        rest_of_page = pdf.pages[title_page].split(start, 1)[1]
        assert last_step in rest_of_page, exercise_id
        assert safety in rest_of_page, exercise_id


def test_headings_never_end_a_page(render: Render) -> None:
    pdf = render(plan(exercises=ALL_EXERCISES, sections=["psoas/what-it-does", "psoas/do"]))
    for heading in ("Your exercises", "About your condition", "Things to do"):
        page = pdf.pages[pdf.page_of(heading)]
        body = page.split("Page ")[0]  # the footer follows the body text
        after = body.split(heading, 1)[1]
        assert len(after.strip()) > 80, f"{heading!r} is at the foot of a page"


def test_fonts_are_embedded(render: Render) -> None:
    fonts = render(plan()).fonts()
    assert fonts, "text uses fonts"
    assert not [f for f in fonts if "not embedded" in f], fonts
    assert any("HandoutSans" in f for f in fonts)


def test_illustrations_are_vector_drawings_not_images(render: Render) -> None:
    pdf = render(plan(exercises=ALL_EXERCISES))
    assert pdf.image_count() == 0
    # Each card draws its picture with path operators (in a form XObject per picture).
    content = b"".join(stream.get_data() for stream in pdf.content_streams())
    assert len(re.findall(rb"[\d.]+ [\d.]+ l\b", content)) > 300


def test_metadata(render: Render) -> None:
    meta = render(plan()).reader.metadata
    assert meta is not None
    assert meta.title == "Your home exercise programme – Jane Doe"
    assert meta.author == "Riverside Sports Therapy"
    assert meta.creator is not None and meta.creator.startswith("handouts ")
    assert "step-ups" in (meta.subject or "")


@pytest.mark.parametrize(
    "hostile",
    [
        "Jane <b>Doe</b>",
        "Tom & Jerry",
        'Eve <img src="/etc/hostname"/>',
        "Bob &amp; <font size=200>x",
    ],
)
def test_patient_text_is_data_not_markup(render: Render, hostile: str) -> None:
    pdf = render(plan(patient={"name": hostile}, notes=hostile, goals=hostile))
    assert squash(hostile) in pdf.text
    assert pdf.image_count() == 0


@pytest.mark.parametrize("name", ["Zoë Łukasiewicz", "Σωκράτης Παππάς", "Сергей Иванов"])
def test_unicode_names_round_trip(render: Render, name: str) -> None:
    pdf = render(plan(patient={"name": name}))
    assert name in pdf.pages[0]


def test_letter_page_size(render: Render) -> None:
    pdf = render(plan(options={"page_size": "Letter"}))
    box = pdf.reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_a4_is_the_default(render: Render) -> None:
    box = render(plan()).reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_diary_lists_every_exercise_with_two_weeks(render: Render, library: Library) -> None:
    pdf = render(plan(exercises=ALL_EXERCISES, options={"diary": True}))
    page = pdf.pages[pdf.page_of("Exercise diary")]
    for exercise_id in ALL_EXERCISES:
        assert library.exercises[exercise_id].title in page
    assert "Tu 24" in page and "Mo 7" in page  # 24 Nov to 7 Dec


def test_no_diary_unless_asked(render: Render) -> None:
    assert "Exercise diary" not in render(plan()).text


def test_patient_block_goals_and_closing_box(render: Render) -> None:
    pdf = render(plan(goals="Walk the dog pain-free", next_appointment="Tuesday 10:30"))
    first = pdf.pages[0]
    for text in (
        "PREPARED FOR",
        "Jane Doe",
        "24 November 2026",
        "Sam Patel, Physiotherapist",
        "Tuesday 10:30",
        "Walk the dog pain-free",
    ):
        assert text in first
    assert "Questions?" in pdf.pages[-1]
    assert "01632 960 123" in pdf.pages[-1]


def test_video_link_gets_a_qr_code_caption(render: Render) -> None:
    # The example clinic hosts a video of this exercise (exercise_videos:).
    pdf = render(plan(exercises=["hip-flexor-stretch"]))
    assert "Scan for a video" in pdf.text


def test_practitioner_note_appears_on_the_card(render: Render) -> None:
    pdf = render(plan(exercises=[{"id": "step-ups", "notes": "Use the bottom stair"}]))
    assert "Note for you: Use the bottom stair" in pdf.text


def test_output_is_deterministic(render: Render) -> None:
    assert render(plan()).data == render(plan()).data
