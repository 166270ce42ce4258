"""A handout's language: how it is chosen, translated library text, and never a silent mix.

The translations here are a clinic's own sibling files (``step-ups.es.md``)
overlaying the bundled library, so these tests do not depend on the bundled
Spanish text; test_spanish_content.py checks that.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pikepdf
import pytest
import yaml
from click.testing import CliRunner

from handouts import api, resources
from handouts.cli import main
from handouts.models.translation import article_fingerprint, exercise_fingerprint
from tests.conftest import Pdf

STEP_UPS_ES = """---
title: Subir al escalón
alt: Una persona se apoya en una barandilla y sube a un escalón bajo.
safety: Use un escalón firme. Pare si siente un dolor agudo en la rodilla.
---

1. Póngase de pie frente a un escalón.
2. Apoye todo el pie derecho en el escalón.
3. Empuje con el talón derecho para subir.
4. Baje despacio, primero el pie izquierdo.

## Tips

- Mantenga la rodilla alineada con los dedos del pie.
"""

PSOAS_ES = """---
title: Su músculo psoas
summary: Qué hace el psoas.
---

## Qué hace su psoas {#what-it-does}

Su **psoas** es el músculo principal que dobla la cadera.
"""


@pytest.fixture
def clinic(tmp_path: Path) -> Path:
    """A clinic whose own library translates step-ups and one psoas section into Spanish."""
    folder = tmp_path / "clinic"
    source = resources.example_clinic()
    (folder / "library" / "exercises").mkdir(parents=True)
    (folder / "library" / "articles").mkdir()
    shutil.copy(source.parent / "logo.svg", folder / "logo.svg")
    profile = yaml.safe_load(source.read_text(encoding="utf-8"))
    profile["library"] = "library"
    (folder / "clinic.yaml").write_text(yaml.safe_dump(profile), encoding="utf-8")
    (folder / "library" / "exercises" / "step-ups.es.md").write_text(STEP_UPS_ES, "utf-8")
    (folder / "library" / "articles" / "psoas.es.md").write_text(PSOAS_ES, "utf-8")
    return folder / "clinic.yaml"


def make(clinic: Path, out: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        main, ["make", "--clinic", str(clinic), "--patient", "Ana Ruiz", "-o", str(out), *args]
    )
    return result.exit_code, result.output


def test_a_spanish_handout_prints_the_translated_library_text(clinic: Path, tmp_path: Path) -> None:
    out = tmp_path / "ana.pdf"
    code, output = make(
        clinic, out, "--language", "es", "--exercise", "step-ups", "--section", "psoas/what-it-does"
    )
    assert code == 0, output
    pdf = Pdf(out.read_bytes())
    for words in ("Subir al escalón", "Apoye todo el pie derecho", "Qué hace su psoas", "Pare si"):
        assert words.replace(" ", "") in pdf.text.replace(" ", ""), words
    assert "Step-ups" not in pdf.text and "What your psoas does" not in pdf.text
    assert "(English)" not in pdf.text
    with pikepdf.open(out) as document:
        assert str(document.Root.Lang) == "es"


def test_an_untranslated_item_stops_the_handout_naming_it(clinic: Path, tmp_path: Path) -> None:
    out = tmp_path / "ana.pdf"
    code, output = make(
        clinic, out, "--language", "es", "--exercise", "step-ups", "--exercise", "bird-dog",
        "--section", "psoas/do",
    )  # fmt: skip
    assert code == 1 and not out.exists()
    line = output.strip()
    assert "\n" not in line and "Traceback" not in line
    assert "bird-dog" in line and "psoas/do" in line and "step-ups" not in line
    assert "--fallback en" in line


def test_fallback_prints_english_marked_and_warns_once(clinic: Path, tmp_path: Path) -> None:
    out = tmp_path / "ana.pdf"
    code, output = make(
        clinic, out, "--language", "es", "--fallback", "en",
        "--exercise", "step-ups", "--exercise", "bird-dog", "--section", "psoas/do",
    )  # fmt: skip
    assert code == 0, output
    text = Pdf(out.read_bytes()).text
    assert "Bird-dog (English)" in text and "Subir al escalón" in text
    assert "Subir al escalón (English)" not in text
    warnings = [line for line in output.splitlines() if "printed in English" in line]
    assert len(warnings) == 1 and "bird-dog" in warnings[0] and "psoas/do" in warnings[0]


@pytest.mark.parametrize("code", ["fr", "xx-YY", "Spanish", "es_ES", "e"])
def test_an_unknown_language_is_one_line_listing_the_languages(
    clinic: Path, tmp_path: Path, code: str
) -> None:
    out = tmp_path / "ana.pdf"
    status, output = make(clinic, out, "--language", code, "--exercise", "step-ups")
    assert status == 1 and not out.exists()
    line = output.strip()
    assert "\n" not in line and "--language" in line
    assert "available: " in line and "en" in line and "es" in line


def test_the_plans_language_wins_over_the_clinics_and_the_flag_over_both(
    clinic: Path, tmp_path: Path
) -> None:
    profile = yaml.safe_load(clinic.read_text(encoding="utf-8"))
    profile["language"] = "es"
    clinic.write_text(yaml.safe_dump(profile), encoding="utf-8")
    out = tmp_path / "ana.pdf"
    assert make(clinic, out, "--exercise", "step-ups")[0] == 0
    assert "Subir al escalón" in Pdf(out.read_bytes()).text  # the clinic's language
    plan = tmp_path / "plan.yaml"
    plan.write_text("patient: {name: Ana}\nlanguage: en\nexercises: [step-ups]\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["make", str(plan), "--clinic", str(clinic), "-o", str(out), "--force"]
    )
    assert result.exit_code == 0 and "Step-ups" in Pdf(out.read_bytes()).text
    result = CliRunner().invoke(
        main,
        ["make", str(plan), "--clinic", str(clinic), "-o", str(out), "--force", "--language", "es"],
    )
    assert result.exit_code == 0 and "Subir al escalón" in Pdf(out.read_bytes()).text
    plan.write_text("patient: {name: Ana}\nlanguage: klingon\nexercises: [step-ups]\n", "utf-8")
    result = CliRunner().invoke(main, ["make", str(plan), "--clinic", str(clinic), "-o", str(out)])
    assert result.exit_code == 1 and "plan.yaml" in result.output and "language" in result.output


def test_siblings_are_not_exercises_of_their_own(clinic: Path) -> None:
    library = api.resolve(clinic).library
    assert "step-ups" in library.exercises and len(library.exercises) == len(
        api.resolve(None).library.exercises
    )
    assert library.translations.exercise("es-MX", "step-ups") is not None  # es-MX reads es
    assert library.translations.exercise("fr", "step-ups") is None


@pytest.mark.parametrize(
    ("name", "text", "words"),
    [
        ("exercises/nope.es.md", STEP_UPS_ES, "no nope.md defines"),
        ("exercises/step-ups.es.md", STEP_UPS_ES.replace("title:", "level: 1\ntitle:"), "level"),
        ("exercises/step-ups.es.md", STEP_UPS_ES.split("1.")[0] + "1. Uno\n", "numbered steps"),
        ("articles/psoas.es.md", PSOAS_ES.replace("{#what-it-does}", "{#que-hace}"), "que-hace"),
    ],
)  # fmt: skip
def test_a_broken_translation_is_one_line_naming_the_file(
    clinic: Path, tmp_path: Path, name: str, text: str, words: str
) -> None:
    (clinic.parent / "library" / name).write_text(text, encoding="utf-8")
    status, output = make(clinic, tmp_path / "x.pdf", "--exercise", "step-ups")
    assert status == 1, output
    line = output.strip()
    assert "\n" not in line and Path(name).name in line and words in line


def test_check_reports_stale_and_unstamped_translations(clinic: Path) -> None:
    library = api.resolve(clinic).library
    sibling = clinic.parent / "library" / "exercises" / "step-ups.es.md"
    result = CliRunner().invoke(main, ["check", str(clinic.parent)])
    assert "step-ups.es.md" in result.output and "stale es translation" in result.output
    fresh = exercise_fingerprint(library.exercises["step-ups"])
    sibling.write_text(
        STEP_UPS_ES.replace("---\n", f"---\ntranslated_from: {fresh}\n", 1), encoding="utf-8"
    )
    article = clinic.parent / "library" / "articles" / "psoas.es.md"
    stamp = article_fingerprint(library.articles["psoas"])
    article.write_text(PSOAS_ES.replace("---\n", f"---\ntranslated_from: {stamp}\n", 1), "utf-8")
    result = CliRunner().invoke(main, ["check", str(clinic.parent)])
    assert "stale es translation" not in result.output, result.output
    # The base changes: its translation is stale again.
    sibling.write_text(
        STEP_UPS_ES.replace("---\n", f"---\ntranslated_from: {'0' * 16}\n", 1), encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["check", str(clinic.parent)])
    assert "stale es translation: it has an older version of step-ups.md" in result.output


def test_batch_takes_a_language_column_and_a_default(clinic: Path, tmp_path: Path) -> None:
    patients = tmp_path / "patients.csv"
    patients.write_text(
        "name,language,programme\nAna Ruiz,es,\nBen Cole,en,\nCris Vidal,,\nDee Roe,xx,\n",
        encoding="utf-8",
    )
    plan = tmp_path / "plan.yaml"
    plan.write_text("patient: {name: x}\nexercises: [step-ups]\n", encoding="utf-8")
    out = tmp_path / "out"
    args = ["batch", str(patients), "--plan", str(plan), "--clinic", str(clinic)]
    result = CliRunner().invoke(
        main, [*args, "--out-dir", str(out), "--jobs", "1", "--language", "es"]
    )
    assert result.exit_code == 1, result.output  # Dee's row fails
    texts = {p.name.split("-")[0]: Pdf(p.read_bytes()).text for p in out.glob("*.pdf")}
    assert "Subir al escalón" in texts["ana"] and "Step-ups" in texts["ben"]
    assert "Subir al escalón" in texts["cris"]  # no column value: the --language default
    assert "dee" not in texts
    report = (out / "batch-report.csv").read_text(encoding="utf-8")
    assert "language: no handouts in 'xx' yet; available: ar, en, es" in report
    wrong = CliRunner().invoke(main, [*args, "--out-dir", str(tmp_path / "o2"), "--language", "zz"])
    assert wrong.exit_code == 1 and "--language" in wrong.output
    assert not (tmp_path / "o2").exists()  # refused before anything was made


def test_list_and_show_speak_the_language(clinic: Path) -> None:
    listed = CliRunner().invoke(
        main, ["list", "--clinic", str(clinic), "--language", "es", "--search", "escalón"]
    )
    assert listed.exit_code == 0 and "step-ups" in listed.output
    assert "Subir al escalón" in listed.output
    everything = CliRunner().invoke(main, ["list", "--clinic", str(clinic), "--language", "es"])
    assert "Bird-dog (English)" in everything.output  # untranslated: said, never passed off
    shown = CliRunner().invoke(
        main, ["show", "step-ups", "--clinic", str(clinic), "--language", "es"]
    )
    assert shown.exit_code == 0
    assert "Apoye todo el pie derecho en el escalón" in shown.output
    section = CliRunner().invoke(
        main, ["show", "psoas/what-it-does", "--clinic", str(clinic), "--language", "es"]
    )
    assert "Qué hace su psoas" in section.output
    wrong = CliRunner().invoke(main, ["list", "--language", "zz"])
    assert wrong.exit_code == 1 and "available: " in wrong.output


def test_the_desk_makes_a_spanish_handout_and_says_what_is_untranslated(
    clinic: Path, tmp_path: Path
) -> None:
    from tests.test_desk import CSRF, client_for, pdf_text

    client = client_for(clinic, tmp_path)
    page = client.get("/").get_data(as_text=True)
    assert '<option value="es" lang="es">español (es)</option>' in page
    form = {"patient.name": "Ana Ruiz", "date": "2026-12-02", "exercise": ["step-ups"]}
    made = client.post("/make", data={**form, "language": "es"}, headers=CSRF)
    assert "Made" in made.get_data(as_text=True)
    text = pdf_text((clinic.parent / "handouts" / "ana-ruiz-2026-12-02.pdf").read_bytes())
    assert "Subir al escalón" in text
    both = {**form, "exercise": ["step-ups", "bird-dog"], "language": "es"}
    refused = client.post("/preview", data=both, headers=CSRF).get_data(as_text=True)
    assert "no translation of bird-dog" in refused and 'src="/preview/' not in refused
    marked = client.post("/preview", data={**both, "fallback": "1"}, headers=CSRF)
    assert 'src="/preview/' in marked.get_data(as_text=True)
    wrong = client.post("/preview", data={**form, "language": "zz"}, headers=CSRF)
    assert "no handouts in &#39;zz&#39; yet" in wrong.get_data(as_text=True)


def test_every_bundled_translation_is_of_the_base_as_it_is_now() -> None:
    """A base file edited without its translations fails here (and in 'handouts check')."""
    library = api.resolve(None).library
    translations = library.translations
    assert set(translations.exercises["es"]) >= {e.id for e in api.load_plan(
        resources.demo_plan()).exercises}  # fmt: skip
    for language, items in translations.exercises.items():
        for item_id, translated in items.items():
            fresh = exercise_fingerprint(library.exercises[item_id])
            assert translated.translated_from == fresh, (language, item_id)
    for language, articles in translations.articles.items():
        for item_id, translated_article in articles.items():
            fresh = article_fingerprint(library.articles[item_id])
            assert translated_article.translated_from == fresh, (language, item_id)


SPANISH_PLAN = {
    "patient": {"name": "Ana Ruiz", "date_of_birth": "1980-05-17", "reference": "RS-9"},
    "practitioner": {"name": "Sam Patel", "role": "Fisioterapeuta"},
    "date": "2026-12-02",
    "next_appointment": "2026-12-09 10:30",
    "programme": "psoas-starter",
    "sections": ["psoas/what-it-does", "psoas/signs", "psoas/avoid", "psoas/do", "psoas/get-help"],
    "exercises": [
        "hip-flexor-stretch", "hip-flexor-quad-stretch", "lower-back-stretch",
        "foam-roll-hip-flexor", "spiky-ball-hip-flexor", "floor-superman",
        "hip-flexion-lying", "hip-flexion-band", {"id": "step-ups", "sets": 1, "reps": 11},
    ],
    "options": {"diary": True, "diary_pain": True},
    "language": "es",
}  # fmt: skip
# Words an English sentence can hardly do without; none may be left on a Spanish page.
ENGLISH_WORDS = {
    "the", "your", "you", "and", "with", "exercise", "exercises", "page", "date", "sets",
    "set", "times", "time", "hold", "day", "days", "week", "each", "side", "tips", "safety",
    "questions", "diary", "pain", "prepared", "for", "of", "next", "appointment", "need",
    "repetitions", "seconds", "minutes", "this", "stop", "if", "an", "to",
}  # fmt: skip


def test_the_whole_spanish_handout_has_no_english_but_the_clinics_own(
    clinic: Path, tmp_path: Path
) -> None:
    """The psoas programme, every psoas section and exercise, diary, glance and pain guidance.

    The clinic writes its own footer in Spanish; its name and contact details stay as they are.
    """
    profile = yaml.safe_load(clinic.read_text(encoding="utf-8"))
    profile["footer"] = "Riverside Sports Therapy · Fisioterapia y masaje deportivo"
    profile["disclaimer"] = "Esta hoja no sustituye los consejos de su terapeuta."
    profile["library"] = None
    clinic.write_text(yaml.safe_dump(profile, allow_unicode=True), encoding="utf-8")
    plan = tmp_path / "ana.yaml"
    plan.write_text(yaml.safe_dump(SPANISH_PLAN, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "ana.pdf"
    result = CliRunner().invoke(main, ["make", str(plan), "--clinic", str(clinic), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = " ".join(Pdf(out.read_bytes()).pages)
    own = ("Riverside Sports Therapy", "12 Mill Lane, Riverside RS1 2AB",
           "https://riverside-therapy.example", "hello@riverside-therapy.example")  # fmt: skip
    for words_of_the_clinic in own:
        text = text.replace(words_of_the_clinic, " ")
    words = {w.strip(".,:;()«»¿?¡!·").lower() for w in text.split()}
    assert not words & ENGLISH_WORDS, sorted(words & ENGLISH_WORDS)
    squashed = text.lower().replace(" ", "")
    for spanish in ("Sus ejercicios", "Diario de ejercicios", "9 de diciembre de 2026",
                    "1 serie de 11 repeticiones", "Qué hace su psoas", "Preparada para",
                    "cargue la mayor parte del peso en los brazos"):  # fmt: skip
        assert spanish.lower().replace(" ", "") in squashed, spanish


def test_the_desk_adds_a_second_language(clinic: Path, tmp_path: Path) -> None:
    from tests.test_desk import CSRF, client_for, pdf_text

    client = client_for(clinic, tmp_path)
    form = {"patient.name": "Ana Ruiz", "date": "2026-12-02", "exercise": ["step-ups"]}
    both = {**form, "language": "es", "second_language": "en"}
    made = client.post("/make", data=both, headers=CSRF).get_data(as_text=True)
    assert "Made" in made
    text = pdf_text((clinic.parent / "handouts" / "ana-ruiz-2026-12-02.pdf").read_bytes())
    assert "Subir al escalón" in text and "Step-ups" in text
    same = {**form, "language": "es", "second_language": "es"}
    html = client.post("/preview", data=same, headers=CSRF).get_data(as_text=True)
    assert 'id="err-second_language" hx-swap-oob="true">is the handout' in html


def test_a_doses_load_is_library_text_and_translated_too(clinic: Path, tmp_path: Path) -> None:
    out = tmp_path / "ana.pdf"
    code, output = make(clinic, out, "--language", "es", "--exercise", "hip-flexion-band")
    assert code == 0, output
    text = Pdf(out.read_bytes()).text.lower()
    assert "banda elástica suave" in text and "light band" not in text
    # A translation of an exercise whose dose has a load, without the load, is incomplete.
    sibling = clinic.parent / "library" / "exercises" / "hip-flexion-band.es.md"
    bundled = resources.library_dir() / "exercises" / "hip-flexion-band.es.md"
    sibling.write_text(
        "\n".join(
            line
            for line in bundled.read_text(encoding="utf-8").splitlines()
            if not line.startswith("load:")
        ),
        encoding="utf-8",
    )
    code, output = make(
        clinic, tmp_path / "x.pdf", "--language", "es", "--exercise", "hip-flexion-band"
    )
    assert code == 1 and "hip-flexion-band (its load)" in output


def test_a_clinic_gives_its_footer_and_disclaimer_in_each_language(
    clinic: Path, tmp_path: Path
) -> None:
    profile = yaml.safe_load(clinic.read_text(encoding="utf-8"))
    profile["translations"] = {
        "es": {"footer": "Fisioterapia en Riverside", "disclaimer": "Pare si le duele."}
    }
    clinic.write_text(yaml.safe_dump(profile, allow_unicode=True), encoding="utf-8")
    spanish, english = tmp_path / "es.pdf", tmp_path / "en.pdf"
    assert make(clinic, spanish, "--language", "es", "--exercise", "step-ups")[0] == 0
    assert make(clinic, english, "--exercise", "step-ups")[0] == 0
    es_text, en_text = Pdf(spanish.read_bytes()).text, Pdf(english.read_bytes()).text
    assert "Fisioterapia en Riverside" in es_text and "Pare si le duele." in es_text
    assert "does not replace" not in es_text
    assert "Fisioterapia" not in en_text and "does not replace" in en_text
