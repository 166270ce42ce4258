"""Property tests: whatever a person types, the result is a sound PDF or one clean error.

Every PDF made here goes through ``Pdf``, which also runs the structural and
active-content check (tests/conftest.py).
"""

from __future__ import annotations

import unicodedata
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handouts import api
from handouts.errors import HandoutError
from handouts.render.pdf import render_pdf_bytes
from tests.conftest import Pdf

# Any code point at all, surrogates, controls and unassigned ones included.
ANY_CHAR = st.characters(exclude_categories=())
ANY_TEXT = st.text(ANY_CHAR, max_size=400)

# Characters the bundled fonts cover and pypdf reads back as themselves:
# Latin with diacritics, Vietnamese, Greek, Cyrillic, CJK, kana and Hangul.
COVERED = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,;:!?-'()"
    "àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿłśźżąęőűğışřčž"
    "ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ"
    "αβγδεζηθικλμνξοπρστυφχψωάέήίόύώΣΩΔ"
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяЖЩЯ"
    "张王李赵刘陈杨黄周吴日本語東京大阪さくらひらがなカタカナ김민준서울한국어"
)
WORD = st.text(st.sampled_from(COVERED), min_size=1, max_size=20)
COVERED_TEXT = st.lists(WORD, min_size=1, max_size=30).map(" ".join)

SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def render(fields: dict[str, Any]) -> Pdf:
    plan = api.load_plan(None, fields)
    clinic = api.clinic_for(plan)
    handout = api.build_handout(plan, api.library_for(clinic), clinic)
    return Pdf(render_pdf_bytes(handout))


def plan_with(text: dict[str, str]) -> dict[str, Any]:
    return {
        "patient": {
            "name": text["name"],
            "email": text["email"],
            "reference": text["reference"],
        },
        "practitioner": {"name": text["practitioner"], "role": text["role"]},
        "date": "2026-11-24",
        "title": text["title"],
        "goals": text["goals"],
        "notes": text["notes"],
        "next_appointment": text["next"],
        "exercises": [{"id": "step-ups", "notes": text["exercise_note"], "load": text["load"]}],
    }


FIELDS = ["name", "email", "reference", "practitioner", "role", "title"]
FIELDS += ["goals", "notes", "next", "exercise_note", "load"]


@SETTINGS
@given(st.fixed_dictionaries(dict.fromkeys(FIELDS, ANY_TEXT)))
def test_any_text_in_any_field_gives_a_sound_pdf_or_a_clean_error(text: dict[str, str]) -> None:
    try:
        pdf = render(plan_with(text))
    except HandoutError as exc:
        assert "\n" not in exc.message
        return
    assert 1 <= len(pdf.pages) <= 20


@SETTINGS
@given(st.text(ANY_CHAR, min_size=1, max_size=2000))
def test_any_long_note_gives_a_sound_pdf_or_a_clean_error(note: str) -> None:
    try:
        pdf = render({"patient": {"name": "Jane"}, "notes": note, "exercises": ["step-ups"]})
    except HandoutError as exc:
        assert "\n" not in exc.message
        return
    assert 1 <= len(pdf.pages) <= 20


@SETTINGS
@given(name=COVERED_TEXT.filter(lambda s: len(s) <= 300), note=COVERED_TEXT)
def test_covered_text_round_trips(name: str, note: str) -> None:
    pdf = render({"patient": {"name": name}, "notes": note, "exercises": ["step-ups"]})
    # Wrapping adds line breaks (and splits long words), so compare without spaces.
    text = unicodedata.normalize("NFC", pdf.text).replace(" ", "")
    assert name.replace(" ", "") in text
    assert note.replace(" ", "") in text
