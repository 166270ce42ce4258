"""The Arabic fixed wording: the catalogue, its six plural forms, dates and a handout.

Arabic counts a noun by its number: 1 is the singular with "one" ("مجموعة واحدة"), 2 the
dual ("مجموعتان"), 3–10 the plural ("مجموعات"), 11–99 the singular accusative
("مجموعةً") and 100 the singular ("مجموعة").  These tests render the dose templates as
test_i18n_wording.py does for Spanish, and check the catalogue is complete.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path
from types import SimpleNamespace

import pytest
from babel.messages.pofile import read_po
from click.testing import CliRunner

from handouts import resources
from handouts.cli import main
from handouts.compose.translations import LANGUAGES, locale_dir, translations
from handouts.compose.wording import Wording, environment
from handouts.models.amount import Amount
from tests.conftest import Pdf
from tools.messages import message_ids, pot_path

ARABIC = Wording(None, "ar")
PO = locale_dir() / "ar" / "LC_MESSAGES" / "handouts.po"
PLURAL_RULE = "(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5)"


def dose(**given: object) -> SimpleNamespace:
    fields = ("sets", "reps", "hold_seconds", "rest_seconds", "tempo", "per_day", "per_week")
    values: dict[str, object] = dict.fromkeys((*fields, "side", "load"))
    for name, value in given.items():
        values[name] = Amount(value, value) if isinstance(value, int) else value
    return SimpleNamespace(**values)


def test_arabic_is_a_language() -> None:
    assert "ar" in LANGUAGES
    assert translations("ar").gettext("once") == "مرة واحدة"


def test_the_catalogue_declares_arabic_and_its_six_plural_forms() -> None:
    with PO.open("rb") as source:
        catalogue = read_po(source)
    assert str(catalogue.locale) == "ar"
    assert catalogue.num_plurals == 6
    assert catalogue.plural_expr.replace(" ", "") == PLURAL_RULE.replace(" ", "")


@pytest.mark.parametrize(
    ("number", "form"),
    [(0, 0), (1, 1), (2, 2), (3, 3), (10, 3), (11, 4), (99, 4), (100, 5), (102, 5), (103, 3),
     (111, 4), (1000, 5)],
)  # fmt: skip
def test_the_plural_rule_picks_the_arabic_form(number: int, form: int) -> None:
    with PO.open("rb") as source:
        catalogue = read_po(source)
    expected = catalogue.get("%(num)s set").string[form]
    assert translations("ar").ngettext("%(num)s set", "%(num)s sets", number) == expected


@pytest.mark.parametrize(
    ("sets", "expected"),
    [
        (1, "مجموعة واحدة من 10 تكرارات."),
        (2, "مجموعتان من 10 تكرارات."),  # the dual says "two" itself
        (3, "3 مجموعات من 10 تكرارات."),
        (11, "11 مجموعةً من 10 تكرارات."),
        (100, "100 مجموعة من 10 تكرارات."),
    ],
)
def test_arabic_dose_counts_its_sets(sets: int, expected: str) -> None:
    assert ARABIC.render("prescription.j2", rx=dose(sets=sets, reps=10)) == expected
    assert ARABIC.render("dose_line.j2", rx=dose(sets=sets, reps=10)) == f"{sets} × 10"


@pytest.mark.parametrize(
    ("reps", "expected"),
    [
        (1, "3 مجموعات من تكرار واحد."),
        (2, "3 مجموعات من تكرارين."),
        (3, "3 مجموعات من 3 تكرارات."),
        (11, "3 مجموعات من 11 تكرارًا."),
        (100, "3 مجموعات من 100 تكرار."),
    ],
)
def test_arabic_dose_counts_its_repetitions(reps: int, expected: str) -> None:
    assert ARABIC.render("prescription.j2", rx=dose(sets=3, reps=reps)) == expected


def test_a_range_keeps_its_digits_in_every_form() -> None:
    # The larger end chooses the form; the digits of the range always print.
    assert ARABIC.render("prescription.j2", rx=dose(sets=3, reps=Amount(8, 12))) == (
        "3 مجموعات من 8–12 تكرارًا."
    )
    # A range is several, never the dual: "1–2 minutes" takes the plural.
    assert environment(None, "ar").filters["duration"](Amount(60, 120)) == "1–2 دقائق"


def test_arabic_dose_sentences() -> None:
    rx = dose(sets=3, reps=Amount(8, 12), hold_seconds=5, rest_seconds=60, per_day=2, side="both")
    assert ARABIC.render("prescription.j2", rx=rx) == (
        "3 مجموعات من 8–12 تكرارًا، مع الثبات 5 ثوانٍ في كل مرة. "
        "استرح دقيقة واحدة بين المجموعات. افعل ذلك على كل جهة، مرتين يوميًا."
    )
    assert ARABIC.render("dose_line.j2", rx=rx) == "3 × 8–12، اثبت 5 ث، مرتين يوميًا، لكل جهة"
    hold = dose(sets=3, hold_seconds=30, rest_seconds=10, per_day=1, side="left")
    assert ARABIC.render("prescription.j2", rx=hold) == (
        "اثبت 30 ثانيةً، ثم استرح 10 ثوانٍ. افعل ذلك 3 مرات على الجهة اليسرى فقط، مرة واحدة يوميًا."
    )
    assert ARABIC.render("prescription.j2", rx=dose(reps=1, per_week=7)) == (
        "تكرار واحد. افعل ذلك كل يوم."
    )


@pytest.mark.parametrize(
    ("per_day", "per_week", "expected"),
    [
        (1, None, "مرة واحدة يوميًا"),
        (2, None, "مرتين يوميًا"),
        (3, None, "3 مرات يوميًا"),
        (11, None, "11 مرةً يوميًا"),
        (None, 1, "مرة واحدة أسبوعيًا"),
        (None, 2, "مرتين أسبوعيًا"),
        (None, 3, "3 مرات أسبوعيًا"),
        (None, 7, "كل يوم"),
    ],
)
def test_times_a_day_and_a_week(per_day: int | None, per_week: int | None, expected: str) -> None:
    rx = dose(sets=3, reps=10, per_day=per_day, per_week=per_week)
    assert ARABIC.render("prescription.j2", rx=rx) == (
        f"3 مجموعات من 10 تكرارات. افعل ذلك {expected}."
    )


@pytest.mark.parametrize(
    ("number", "times", "n_times", "duration", "short"),
    [
        (1, "مرة واحدة", "مرة واحدة", "ثانية واحدة", "1 ث"),
        (2, "مرتين", "مرتين", "ثانيتين", "2 ث"),
        (3, "3 مرات", "3 مرات", "3 ثوانٍ", "3 ث"),
        (60, "60 مرةً", "60 مرةً", "دقيقة واحدة", "1 د"),
        (120, "120 مرةً", "120 مرةً", "دقيقتين", "2 د"),
        (600, "600 مرة", "600 مرة", "10 دقائق", "10 د"),
    ],
)
def test_number_filters_speak_arabic(
    number: int, times: str, n_times: str, duration: str, short: str
) -> None:
    env = environment(None, "ar")
    for name, expected in [
        ("times", times),
        ("n_times", n_times),
        ("duration", duration),
        ("short_duration", short),
    ]:
        assert env.filters[name](number) == expected


def test_arabic_dates_use_babels_month_names() -> None:
    assert ARABIC.long_date(dt.date(2026, 12, 2)) == "2 ديسمبر 2026"
    assert "مارس" in ARABIC.long_date(dt.date(1985, 3, 7))


def test_arabic_labels_and_equipment() -> None:
    assert ARABIC.label("date") == "التاريخ"
    assert ARABIC.label("closing_heading") == "هل لديك أسئلة؟"
    assert ARABIC.label("level_beginner") == "مبتدئ"
    assert ARABIC.equipment("mat") == "سجادة"
    assert ARABIC.equipment("a clinic's own gadget") == "a clinic's own gadget"
    assert ARABIC.render("page_number.j2", page=2, pages=3) == "صفحة 2 من 3"


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"%\((\w+)\)s", text))


def test_every_message_has_an_arabic_translation_with_its_placeholders() -> None:
    with pot_path().open("rb") as source:
        pot = read_po(source)
    with PO.open("rb") as source:
        catalogue = read_po(source)
    assert message_ids(pot) <= message_ids(catalogue)
    for template in pot:
        if not template.id:
            continue
        message = catalogue.get(template.id, context=template.context)
        assert message is not None and not message.fuzzy, template.id
        if isinstance(template.id, str):
            assert isinstance(message.string, str) and message.string.strip(), template.id
            assert _placeholders(message.string) == _placeholders(template.id), template.id
            assert message.string.count("<b>") == template.id.count("<b>"), template.id
            continue
        singular, plural = template.id
        strings = message.string
        assert isinstance(strings, tuple) and len(strings) == 6, singular
        assert all(string.strip() for string in strings), singular
        every = _placeholders(singular) | _placeholders(plural)
        for form, string in enumerate(strings):
            found = _placeholders(string)
            assert found <= every, (singular, form, string)
            # The singular and the dual say their count in words and may leave the
            # digits out; every other placeholder stays in every form.
            wanted = _placeholders(plural) - ({"num"} if form in (1, 2) else set())
            assert wanted <= found, (singular, form, string)
            assert string.count("<b>") == singular.count("<b>"), (singular, form)


def test_the_dual_says_two_in_words_and_a_range_is_never_dual() -> None:
    """ "مجموعتان" means "two sets": "2 مجموعتان" would say it twice.  A range such
    as "1–2 minutes" is chosen by ``Amount.count`` (three or more), so it keeps its digits."""
    with PO.open("rb") as source:
        catalogue = read_po(source)
    for singular in ("%(num)s set", "%(num)s repetition", "%(num)s set of %(reps)s",
                     "%(num)s time", "%(num)s minute", "%(num)s second"):  # fmt: skip
        forms = catalogue.get(singular).string
        assert "%(num)s" not in forms[2], singular
        assert all("%(num)s" in forms[form] for form in (0, 3, 4, 5)), singular
    assert Amount(1, 2).count == 3 and Amount(2, 2).count == 2 and Amount(8, 12).count == 12


def _arabic_text(pdf: Pdf) -> str:
    """The PDF's text with Arabic presentation forms folded to letters (NFKC)."""
    return unicodedata.normalize("NFKC", pdf.text)


def test_an_arabic_handout_with_english_exercise_text(tmp_path: Path) -> None:
    out = tmp_path / "sara.pdf"
    result = CliRunner().invoke(
        main,
        [
            "make",
            "--clinic",
            str(resources.example_clinic()),
            "--language",
            "ar",
            "--fallback",
            "en",
            "--exercise",
            "bird-dog",  # not translated: printed in English, marked
            "--patient",
            "سارة",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    text = _arabic_text(Pdf(out.read_bytes()))
    for label in ("التاريخ", "تمارينك", "نصائح", "تنبيه", "باختصار", "سارة"):
        assert label in text, label
    assert "Bird-dog (English)" in text


def test_an_arabic_programme_prints_its_arabic_notes(tmp_path: Path) -> None:
    out = tmp_path / "sara.pdf"
    args = ["make", "--clinic", str(resources.example_clinic()), "--language", "ar"]
    args += ["--fallback", "en", "--programme", "runner-hip-flexors", "--patient", "سارة"]
    result = CliRunner().invoke(main, [*args, "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = _arabic_text(Pdf(out.read_bytes()))
    assert "استخدمها بعد الجري" in text  # spiky-ball-hip-flexor's note
    assert "ارتفاع ركبتك" in text  # step-ups' note
    assert "Use it after your runs" not in text
