"""The fixed wording in the handout's language: gettext catalogues, plurals, dates, overrides.

The lead's tests make whole Spanish handouts; these test the wording layer itself
(templates, number filters, dates, labels, the catalogue), and that English is unchanged.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from babel.messages.pofile import read_po

from handouts.compose.translations import LANGUAGES, locale, locale_dir, translations
from handouts.compose.wording import Wording, environment, render_template
from handouts.errors import HandoutError
from handouts.models.amount import Amount
from tools.messages import extract_catalogue, message_ids, pot_path


def dose(**given: object) -> SimpleNamespace:
    fields = ("sets", "reps", "hold_seconds", "rest_seconds", "tempo", "per_day", "per_week")
    values: dict[str, object] = dict.fromkeys((*fields, "side", "load"))
    for name, value in given.items():
        values[name] = Amount(value, value) if isinstance(value, int) else value
    return SimpleNamespace(**values)


def span(low: int, high: int) -> Amount:
    return Amount(low, high)


SPANISH = Wording(None, "es")
ENGLISH = Wording(None)


def test_languages_are_english_and_every_catalogue() -> None:
    assert LANGUAGES[0] == "en"
    assert "es" in LANGUAGES
    assert translations("en").gettext("once") == "once"


@pytest.mark.parametrize(
    ("sets", "expected"),
    [
        (1, "1 serie de 10 repeticiones."),
        (2, "2 series de 10 repeticiones."),
        (3, "3 series de 10 repeticiones."),
        (11, "11 series de 10 repeticiones."),
        (100, "100 series de 10 repeticiones."),
    ],
)
def test_spanish_dose_counts_its_sets(sets: int, expected: str) -> None:
    card = SPANISH.render("prescription.j2", rx=dose(sets=sets, reps=10))
    assert card == expected
    assert SPANISH.render("dose_line.j2", rx=dose(sets=sets, reps=10)) == f"{sets} × 10"


def test_spanish_dose_sentences() -> None:
    rx = dose(sets=3, reps=span(8, 12), hold_seconds=5, rest_seconds=60, per_day=2, side="both")
    assert SPANISH.render("prescription.j2", rx=rx) == (
        "3 series de 8–12 repeticiones, manteniendo cada una 5 segundos. "
        "Descanse 1 minuto entre series. Hágalo en cada lado, dos veces al día."
    )
    hold = dose(sets=3, hold_seconds=30, rest_seconds=10, per_day=1, side="left")
    assert SPANISH.render("prescription.j2", rx=hold) == (
        "Mantenga 30 segundos y después descanse 10 segundos. "
        "Hágalo 3 veces solo en el lado izquierdo, una vez al día."
    )
    assert SPANISH.render("dose_line.j2", rx=hold) == (
        "mantener 30 s, 3 veces, una vez al día, solo el lado izquierdo"
    )
    one = dose(reps=1, per_week=7)
    assert SPANISH.render("prescription.j2", rx=one) == "1 repetición. Hágalo todos los días."


@pytest.mark.parametrize(
    ("number", "times", "n_times", "duration", "short"),
    [
        (1, "una vez", "una vez", "1 segundo", "1 s"),
        (2, "dos veces", "2 veces", "2 segundos", "2 s"),
        (60, "60 veces", "60 veces", "1 minuto", "1 min"),
        (120, "120 veces", "120 veces", "2 minutos", "2 min"),
        (span(60, 120), "60–120 veces", "60–120 veces", "1–2 minutos", "1–2 min"),
        (span(20, 30), "20–30 veces", "20–30 veces", "20–30 segundos", "20–30 s"),
    ],
)
def test_number_filters_speak_spanish(
    number: int | Amount, times: str, n_times: str, duration: str, short: str
) -> None:
    env = environment(None, "es")
    for name, expected in [
        ("times", times),
        ("n_times", n_times),
        ("duration", duration),
        ("short_duration", short),
    ]:
        assert env.filters[name](number) == expected


def test_english_wording_is_unchanged() -> None:
    rx = dose(sets=3, reps=span(8, 12), hold_seconds=5, rest_seconds=60, per_day=2, side="both")
    assert ENGLISH.render("prescription.j2", rx=rx) == (
        "3 sets of 8–12 repetitions, holding each for 5 seconds. "
        "Rest 1 minute between sets. Do this on each side, twice a day."
    )
    assert ENGLISH.render("dose_line.j2", rx=rx) == "3 × 8–12, hold 5 s, twice a day, each side"
    assert ENGLISH.render("page_number.j2", page=2, pages=3) == "Page 2 of 3"
    assert ENGLISH.label("date") == "Date"
    assert ENGLISH.label("level_beginner") == "Beginner"
    assert ENGLISH.equipment("mat") == "mat"
    assert ENGLISH.long_date(dt.date(2026, 12, 2)) == "2 December 2026"
    assert ENGLISH.appointment("2026-12-15 18:00") == "Tuesday 15 December 2026, 18:00"
    assert ENGLISH.appointment("2026-12-15") == "Tuesday 15 December 2026"
    assert ENGLISH.appointment("after Christmas") == "after Christmas"
    assert ENGLISH.weekday_initials(dt.date(2026, 12, 2)) == "We"


def test_spanish_dates() -> None:
    assert SPANISH.long_date(dt.date(2026, 12, 2)) == "2 de diciembre de 2026"
    assert SPANISH.appointment("2026-12-02 18:00") == "miércoles, 2 de diciembre de 2026, 18:00"
    assert SPANISH.appointment("2026-12-02") == "miércoles, 2 de diciembre de 2026"
    assert SPANISH.appointment("después de Navidad") == "después de Navidad"
    assert SPANISH.weekday_initials(dt.date(2026, 12, 2)) == "Mi"


def test_a_regional_code_reads_its_base_catalogue_and_keeps_its_region_for_dates() -> None:
    mexican = Wording(None, "es-MX")
    assert mexican.label("date") == "Fecha"
    assert str(locale("es-MX")) == "es_MX"
    assert str(locale("en-GB")) == "en_GB"
    assert Wording(None, "en-GB").label("date") == "Date"


def test_an_unknown_language_names_the_available_ones() -> None:
    with pytest.raises(HandoutError, match=r"unknown language 'xx'; available: (\w\w, )*es"):
        Wording(None, "xx")


def test_spanish_labels_equipment_and_levels() -> None:
    assert SPANISH.label("prepared_for") == "Preparada para"
    assert SPANISH.label("date") == "Fecha"
    assert SPANISH.label("level_beginner") == "Principiante"
    assert SPANISH.label("closing_heading") == "¿Tiene preguntas?"
    assert SPANISH.equipment("step or bottom stair") == "escalón o primer peldaño de la escalera"
    assert SPANISH.equipment("a clinic's own gadget") == "a clinic's own gadget"


def test_spanish_text_escapes_what_it_is_given() -> None:
    clinic = SimpleNamespace(name="Salud & Movimiento", phone="", email="", website="")
    intro = SPANISH.render(
        "intro.j2",
        patient=None,
        practitioner=SimpleNamespace(name="<b>Ana</b>"),
        clinic=clinic,
        date=None,
        exercise_count=1,
        section_count=0,
    )
    assert intro == (
        "&lt;b&gt;Ana&lt;/b&gt;, de Salud &amp; Movimiento, ha preparado esta hoja para usted. "
        "Le muestra su ejercicio para casa y cuánto debe hacer. "
        "Guárdela en un lugar donde la vea todos los días."
    )


def test_spanish_email_is_plain_text() -> None:
    clinic = SimpleNamespace(name="Salud & Movimiento", phone="912 345 678")
    context = {
        "patient": SimpleNamespace(name="José"),
        "clinic": clinic,
        "practitioner": None,
        "file_name": "jose.pdf",
        "protected": "dob",
    }
    env = environment(None, "es", autoescape=False)
    subject = render_template(env, "email_subject.j2", context)
    body = render_template(env, "email_body.j2", context)
    assert subject.strip() == "Su hoja de ejercicios de Salud & Movimiento"
    assert body.startswith("Hola, José:")
    assert "07031985 para el 7 de marzo de 1985" in body
    assert "Si tiene alguna pregunta, llámenos al 912 345 678." in body


def test_a_clinic_keeps_per_language_copies(tmp_path: Path) -> None:
    (tmp_path / "es").mkdir()
    (tmp_path / "title.j2").write_text("Our programme")
    (tmp_path / "es" / "title.j2").write_text("Nuestro programa")
    assert Wording(tmp_path).render("title.j2", exercise_count=1) == "Our programme"
    assert Wording(tmp_path, "es").render("title.j2", exercise_count=1) == "Nuestro programa"
    assert Wording(tmp_path, "es-MX").render("title.j2", exercise_count=1) == "Nuestro programa"
    # A template the clinic did not copy is the built-in one, in the language.
    assert Wording(tmp_path, "es").render("page_number.j2", page=1, pages=2) == "Página 1 de 2"


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"%\((\w+)\)s", text))


def test_the_pot_is_fresh() -> None:
    with pot_path().open("rb") as source:
        pot = read_po(source)
    assert message_ids(pot) == message_ids(extract_catalogue()), "run python -m tools.messages"


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != "en"])
def test_every_message_is_translated(language: str) -> None:
    with pot_path().open("rb") as source:
        pot = read_po(source)
    path = locale_dir() / language / "LC_MESSAGES" / "handouts.po"
    with path.open("rb") as source:
        catalogue = read_po(source)
    assert message_ids(pot) <= message_ids(catalogue)
    for message in catalogue:
        if not message.id:
            continue
        assert not message.fuzzy, message.id
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"{path}: no translation for {message.id!r}"
        allowed = set().union(*map(_placeholders, ids))
        for string in strings:
            assert _placeholders(string) <= allowed, (message.id, string)
            assert string.count("<b>") == ids[0].count("<b>"), (message.id, string)


def test_spanish_plural_forms() -> None:
    path = locale_dir() / "es" / "LC_MESSAGES" / "handouts.po"
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in path.read_text(encoding="utf-8")
