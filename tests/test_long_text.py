"""Issue 13, long text: a card taller than a page flows on; long words stay on the page.

A card whose words do not fit on one page keeps its picture, title and dose
together and lets the rest flow on, each next page marked "(continued)".  The
only limits on text are the plan model's (20,000 characters a field).
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import pytest
from markupsafe import Markup

from handouts import api
from handouts.compose.handout import DiaryRow
from handouts.errors import HandoutError
from handouts.render import flowing
from handouts.render.pdf import render_pdf_bytes
from tests.conftest import Pdf, squash

LOOKS: dict[str, dict[str, Any]] = {
    "standard": {},
    "compact": {"layout": "compact"},
    "large print": {"large_print": True},
}


# The step-ups card's title and the level under it: page one's "at a glance"
# box lists the title too, followed by the dose.
CARD_START = "Step-ups Intermediate ·"


def render(plan: dict[str, Any]) -> Pdf:
    p = api.load_plan(None, plan)
    clinic = api.clinic_for(p)
    return Pdf(render_pdf_bytes(api.build_handout(p, api.library_for(clinic), clinic)))


def numbered_note(characters: int) -> str:
    words = [f"w{i:05d}" for i in range(characters // 7 + 1)]  # "w00001 " is 7 characters
    return " ".join(words)[:characters].rsplit(" ", 1)[0]


def body(pdf: Pdf, title: str) -> str:
    """The pages' text without the continuation captions and page numbers."""
    pages = [page.split(f"{title} (continued)")[-1].rsplit(" Page ", 1)[0] for page in pdf.pages]
    return squash(" ".join(pages))


@pytest.mark.parametrize("look", LOOKS)
@pytest.mark.parametrize("characters", [10_000, 20_000])
def test_a_long_note_flows_on_with_the_card_head_first(look: str, characters: int) -> None:
    note = numbered_note(characters)
    pdf = render(
        {
            "patient": {"name": "Jane"},
            "exercises": ["hip-flexor-stretch", {"id": "step-ups", "notes": note}],
            "options": LOOKS[look],
        }
    )
    first = pdf.page_of(CARD_START)
    head = pdf.pages[first].split(CARD_START, 1)[1]
    assert "YOUR DOSE 3 sets of 10" in head  # title and dose on one page
    assert "Note for you: w00000" in head  # and the note starts right under them
    assert len(pdf.pages) >= first + 3
    assert "Step-ups (continued)" in pdf.pages[first + 1]
    assert "Step-ups (continued)" not in pdf.pages[first]
    # Every word once, in order; tips and safety after the note.
    text = body(pdf, "Step-ups")
    words = note.split()
    positions = [text.find(f" {w} ") for w in words[:-1]]
    assert -1 not in positions
    assert positions == sorted(positions)
    end = text.index(f" {words[-1]} ")
    assert end < text.index("Tips:", end) < text.index("Safety:", end)


def test_the_picture_is_on_the_page_of_the_title() -> None:
    note = numbered_note(10_000)
    plan = {"patient": {"name": "Jane"}, "exercises": [{"id": "step-ups", "notes": note}]}
    pdf = render(plan)
    first = pdf.page_of(CARD_START)
    # Pictures are vector drawings, each a form XObject of painted paths: drawn
    # on the title's page, not on the next.
    pictures = [
        re.findall(rb"/FormXob\.art\w* Do", pdf.reader.pages[i].get_contents().get_data())
        for i in (first, first + 1)
    ]
    assert len(pictures[0]) == 1
    assert not pictures[1]


def test_a_30000_character_note_is_refused_by_the_plan() -> None:
    plan = {"patient": {"name": "Jane"}, "exercises": [{"id": "step-ups", "notes": "a " * 15_000}]}
    with pytest.raises(HandoutError) as info:
        api.load_plan(None, plan)
    assert "exercise 1 (step-ups), notes: " in info.value.message
    assert "at most 20000 characters" in info.value.message
    assert "\n" not in info.value.message


def test_what_still_cannot_fit_names_the_exercise_and_field(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # No page could hold the head and this much of the note: the error says where.
    monkeypatch.setattr(flowing, "MIN_FIRST_BODY", 10_000.0)
    plan = {
        "patient": {"name": "Jane"},
        "exercises": [{"id": "step-ups", "notes": numbered_note(10_000)}],
    }
    with pytest.raises(HandoutError) as info:
        render(plan)
    assert info.value.message == (
        "the handout could not be laid out: exercise step-ups, its note, does not fit on one page"
    )


@pytest.mark.parametrize("look", LOOKS)
def test_a_300_character_word_stays_inside_the_page(look: str) -> None:
    word = "W" * 300
    plan = {
        "patient": {"name": word, "reference": "R" * 300},
        "practitioner": {"name": "P" * 300},
        "notes": f"start {word} end",
        "exercises": [{"id": "step-ups", "notes": f"note {word} end"}],
        "options": {**LOOKS[look], "diary": True},
    }
    pdf = render(plan)
    assert pdf.text.replace(" ", "").count(word) >= 2
    width = float(pdf.reader.pages[0].mediabox.width)
    edges: list[tuple[float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            edges.append((cm[4] + tm[4], text))

    for page in pdf.reader.pages:
        page.extract_text(visitor_text=visit)
    long_runs = [(x, t) for x, t in edges if "WWWWWWWWWW" in t or "RRRRRRRRRR" in t]
    assert long_runs, "the long words were drawn"
    margin = 10.0
    assert all(margin <= x < width - margin for x, _ in long_runs)
    # No line of a long word is wider than the page.
    assert all(len(t.strip()) < 120 for _, t in long_runs)


@pytest.mark.parametrize("look", LOOKS)
def test_long_library_text_flows_and_a_long_title_wraps(look: str) -> None:
    # Library text is not capped by the plan model: a very long step and a
    # 300-character title (set straight on the composed handout).
    options = {**LOOKS[look], "diary": True}
    plan = {"patient": {"name": "Jane"}, "exercises": ["hip-flexor-stretch", "step-ups"]}
    p = api.load_plan(None, {**plan, "options": options})
    clinic = api.clinic_for(p)
    handout = api.build_handout(p, api.library_for(clinic), clinic)
    title = Markup("T" * 300)
    step = Markup(" ".join(f"s{i:05d}" for i in range(2500)))
    first, second = handout.cards
    card = dataclasses.replace(second, title=title, steps=(step, Markup("Last step.")))
    assert handout.diary is not None and handout.glance is not None
    diary = dataclasses.replace(
        handout.diary, rows=(handout.diary.rows[0], DiaryRow(title, card.dose_line))
    )
    glance = dataclasses.replace(
        handout.glance, rows=(handout.glance.rows[0], (title, card.dose_line))
    )
    pdf = Pdf(
        render_pdf_bytes(
            dataclasses.replace(handout, cards=(first, card), diary=diary, glance=glance)
        )
    )
    text = pdf.text.replace(" ", "")
    assert text.count("T" * 300) >= 3  # the card, the diary and the box on page one
    assert "s02499" in pdf.text and "Last step." in pdf.text
    assert any(f"{'T' * 20}" in page and "(continued)" in page for page in pdf.pages)
    width = float(pdf.reader.pages[0].mediabox.width)
    xs: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if "TTTTTTTTTT" in text:
            xs.append(cm[4] + tm[4])

    for page in pdf.reader.pages:
        page.extract_text(visitor_text=visit)
    assert xs and all(10 <= x < width - 10 for x in xs)
