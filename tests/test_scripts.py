"""Every script prints and extracts back; what no font covers shows a visible sign.

Right-to-left text is drawn in display order (python-bidi) with Arabic letters in
their joined presentation forms (arabic-reshaper).  pypdf gives right-to-left runs
back in reading order, but Arabic as presentation forms, so extracted text is
NFKC-normalised before comparing (NFKC maps each presentation form to its letter).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from handouts.cli import main
from handouts.render.script import (
    FALLBACK,
    runs,
    safe_markup,
    text_width,
    uncovered_characters,
)
from tests.conftest import Pdf, squash

Render = Callable[[dict[str, Any]], Pdf]

NAMES = {
    "latin": "Zoë Łukasiewicz-Ørsted",
    "vietnamese": "Nguyễn Thị Minh Khai",
    "greek": "Σωκράτης Παππάς",
    "cyrillic": "Сергей Иванов",
    "chinese": "张伟 王芳",
    "japanese": "さくら 佐藤",
    "korean": "김민준",
    "arabic": "محمد عبد الله",
    "hebrew": "אברהם כהן",
}


def plan(**extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "patient": {"name": "Jane Doe"},
        "date": "2026-11-24",
        "exercises": ["step-ups"],
    }
    base.update(extra)
    return base


def readable(text: str) -> str:
    return squash(unicodedata.normalize("NFKC", text))


@pytest.mark.parametrize("script", list(NAMES))
def test_names_in_every_script_round_trip(render: Render, script: str) -> None:
    name = NAMES[script]
    pdf = render(plan(patient={"name": name}, notes=f"Notes for {name} today"))
    page = readable(pdf.pages[0])
    assert f"PREPARED FOR {name} DATE" in page
    # pypdf moves the space at the edge of a right-to-left run to its other
    # side ("Notes for  אברהם כהןtoday"); the page itself is right (see the
    # draw-order test), so the sentence is compared without spaces.
    assert f"Notes for {name} today".replace(" ", "") in page.replace(" ", "")
    assert not [f for f in pdf.fonts() if "not embedded" in f], pdf.fonts()


def test_cjk_uses_the_embedded_cjk_font(render: Render) -> None:
    fonts = render(plan(patient={"name": NAMES["chinese"]})).fonts()
    assert any("WenQuanYi" in f for f in fonts), fonts
    assert not [f for f in fonts if "not embedded" in f]


def test_latin_only_handout_does_not_embed_the_cjk_font(render: Render) -> None:
    fonts = render(plan()).fonts()
    assert not any("WenQuanYi" in f for f in fonts), fonts


def test_every_script_in_one_note(render: Render) -> None:
    note = " / ".join(NAMES.values())
    pdf = render(plan(notes=note))
    text = readable(pdf.text).replace(" ", "")
    for script, name in NAMES.items():
        assert name.replace(" ", "") in text, script


def test_rtl_words_are_in_display_order_and_arabic_is_joined() -> None:
    assert runs("אבג דה") == [("הד גבא", "main")]
    ((arabic, kind),) = runs("سلام")
    assert kind == "upright"  # DejaVu's oblique faces have no Arabic
    assert all(0xFE70 <= ord(c) <= 0xFEFC for c in arabic), "joined presentation forms"
    # Display order, right to left: mim, lam-alef, sin.
    assert unicodedata.normalize("NFKC", arabic) == "م" + "لا" + "س"


def test_mixed_direction_sentence_is_drawn_in_display_order() -> None:
    assert runs("Notes for אברהם כהן today") == [("Notes for ןהכ םהרבא today", "main")]


def test_arabic_ligatures_are_only_those_the_font_draws() -> None:
    # "الله" would become U+FDF2, which DejaVu lacks; lam-alef (U+FEFB) it has.
    assert uncovered_characters("عبد الله لا") == []
    assert "\ufefb" in runs("لا")[0][0]


def test_arabic_inside_italic_stays_upright() -> None:
    markup = safe_markup("<i>x سلام</i>")
    assert '<font name="HandoutSans">' in markup


def test_emoji_and_uncovered_scripts_print_as_the_fallback_sign(render: Render) -> None:
    pdf = render(plan(patient={"name": "Jane 🦵 Doe"}, notes="Great work 👍🏽! สวัสดี"))
    assert f"Jane {FALLBACK} Doe" in pdf.pages[0]
    # One sign per emoji (the skin-tone modifier is part of it) and one per Thai
    # letter; Thai's two vowel marks have nothing to sit on and are left out.
    assert f"Great work {FALLBACK}! {FALLBACK * 4}" in pdf.pages[0]


def test_joined_emoji_sequence_is_one_sign() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert runs(f"a {family} b") == [(f"a {FALLBACK} b", "main")]
    assert runs("😀😀") == [(FALLBACK * 2, "main")]


def test_uncovered_characters_lists_each_once_in_order() -> None:
    assert uncovered_characters("🦵 ok 🦵 สวัสดี 张伟 سلام") == ["🦵", "ส", "ว", "ด"]
    assert uncovered_characters("Zoë Σ Я 张 ש ا ⚠ \u200d") == []


def test_make_warns_about_replaced_characters(tmp_path: Path) -> None:
    out = tmp_path / "jane.pdf"
    args = ["make", "--patient", "Jane 🦵", "--exercise", "step-ups", "-o", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert (
        f"Warning: {out}: 1 character(s) no bundled font covers print as {FALLBACK}: 🦵 (U+1F9B5)"
        in result.stderr
    )
    assert "🦵" not in Pdf(out.read_bytes()).text


def test_no_warning_when_everything_is_covered(tmp_path: Path) -> None:
    args = ["make", "--patient", "张伟", "--exercise", "step-ups", "-o", str(tmp_path / "a.pdf")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0
    assert "Warning" not in result.output


def test_control_characters_are_removed_and_zero_width_joiners_kept(render: Render) -> None:
    pdf = render(plan(patient={"name": "Ja\x00ne\x07 D\x1boe\u200d"}))
    assert "Jane Doe" in pdf.pages[0]


def test_combining_characters_are_composed(render: Render) -> None:
    pdf = render(plan(patient={"name": "Zoe\u0308 Nguye\u0302\u0303n"}))
    assert "Zoë Nguyễn" in pdf.pages[0]


def test_long_header_names_in_any_script_are_shortened_to_fit() -> None:
    from handouts.render.page import _fit

    long_name = "张伟" * 200
    fitted = _fit(long_name, "HandoutSans", 8.5, 200)
    assert fitted.endswith("…")
    assert text_width(fitted, "HandoutSans", 8.5) <= 200
