"""The bundled sample library: complete, parseable, readable by patients."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from reportlab.graphics.shapes import Drawing

from handouts import api, resources
from handouts.images import load_svg
from handouts.load.library import load_article, load_exercise
from handouts.models.library import Library
from handouts.models.rich import plain, reading_text
from handouts.readability import flesch_kincaid_grade
from tests.conftest import ALL_EXERCISES, ALL_SECTIONS, REPO, base_md

MAX_GRADE = 8.0


BUNDLED_EXERCISES = sorted(path.stem for path in base_md(REPO / "assets" / "library" / "exercises"))


def test_library_keeps_the_nine_psoas_exercises_and_five_sections(library: Library) -> None:
    assert set(ALL_EXERCISES) <= set(library.exercises)  # their ids keep working
    assert sorted(library.exercises) == BUNDLED_EXERCISES
    # The psoas article's sections, in file order; the starter articles are
    # tested in tests/test_starter_library.py.
    assert [s for s in library.sections if s.startswith("psoas/")] == ALL_SECTIONS


def test_every_library_file_parses_and_ids_match_file_names() -> None:
    root = resources.library_dir()
    exercise_files = sorted(base_md(root / "exercises"))
    assert len(exercise_files) >= 40
    for path in exercise_files:
        assert load_exercise(path, root).id == path.stem
    for path in base_md(root / "articles"):
        assert load_article(path).id == path.stem


@pytest.mark.parametrize("exercise_id", BUNDLED_EXERCISES)
def test_exercise_is_complete(library: Library, exercise_id: str) -> None:
    ex = library.exercises[exercise_id]
    assert 3 <= len(ex.steps) <= 6
    assert ex.safety.strip()
    assert ex.prescription.reps or ex.prescription.hold_seconds
    assert ex.illustration_paths, "every exercise has a picture"
    for path in ex.illustration_paths:
        assert path.is_relative_to(root := resources.library_dir().resolve()), root
        drawing = load_svg(path)
        assert isinstance(drawing, Drawing)
        assert drawing.width > 0 and drawing.height > 0
        assert path.stat().st_size < 8_000, "illustrations stay small (a few KB)"


def test_levels_follow_the_reference(library: Library) -> None:
    assert library.exercises["spiky-ball-hip-flexor"].level.value == "advanced"
    assert library.exercises["hip-flexor-stretch"].level.value == "beginner"


@pytest.mark.parametrize("section_id", ALL_SECTIONS)
def test_article_sections_read_at_grade_8_or_below(library: Library, section_id: str) -> None:
    section = library.sections[section_id]
    grade = flesch_kincaid_grade(reading_text(section.blocks))
    assert grade <= MAX_GRADE, f"{section_id} reads at grade {grade:.1f}"


@pytest.mark.parametrize("exercise_id", ALL_EXERCISES)
def test_exercise_steps_read_at_grade_8_or_below(library: Library, exercise_id: str) -> None:
    ex = library.exercises[exercise_id]
    text = "\n".join(plain(s) for s in [*ex.text.steps, ex.text.safety, *ex.text.tips])
    grade = flesch_kincaid_grade(text)
    assert grade <= MAX_GRADE, f"{exercise_id} reads at grade {grade:.1f}"


def test_section_topics_cover_the_reference(library: Library) -> None:
    bodies = {sid: library.sections[sid].body.lower() for sid in ALL_SECTIONS}
    for word in ("breath", "posture", "knee", "leg"):
        assert word in bodies["psoas/signs"]
    for word in ("sit", "training", "stress"):
        assert word in bodies["psoas/avoid"]
    for word in ("rest day", "massage", "yoga", "pilates"):
        assert word in bodies["psoas/do"]


def test_clinic_logo_is_an_svg(clinic: object) -> None:
    loaded = api.load_clinic()
    assert loaded.logo_path.suffix == ".svg"
    assert isinstance(load_svg(loaded.logo_path), Drawing)


@pytest.mark.parametrize("plan_file", sorted((REPO / "examples").glob("*.yaml")))
def test_example_plans_load_and_name_only_known_ids(library: Library, plan_file: Path) -> None:
    plan = api.load_plan(plan_file)
    assert plan.exercises
    for choice in plan.exercises:
        assert choice.id in library.exercises
    for section_id in plan.sections:
        assert section_id in library.sections
    clinic = api.clinic_for(plan)
    handout = api.build_handout(plan, library, clinic)
    assert len(handout.cards) == len(plan.exercises)


def test_library_text_is_not_copied_from_the_reference(library: Library) -> None:
    """Facts from the psoas article, words of our own: no 8-word run in common, in
    any article, step, tip or safety note.  The article's runs are kept as hashes
    (``tests/fixtures/reference-runs.txt``), so this runs on any clone."""
    fixture = REPO / "tests" / "fixtures" / "reference-runs.txt"
    lines = fixture.read_text(encoding="utf-8").splitlines()
    source_runs = {line for line in lines if line and not line.startswith("#")}
    reference = REPO.parent / "shared" / "reference" / "psoas-article.txt"
    if reference.exists():  # the fixture is still the article's
        words = reference.read_text(encoding="utf-8").lower().split()
        assert source_runs == {_run_hash(words[i : i + 8]) for i in range(len(words) - 7)}
    texts = [s.body for s in library.sections.values()]
    for exercise in library.exercises.values():
        texts += [*exercise.steps, *exercise.tips, exercise.safety]
    ours = " ".join(texts).lower().split()
    copied = [
        " ".join(ours[i : i + 8])
        for i in range(len(ours) - 7)
        if _run_hash(ours[i : i + 8]) in source_runs
    ]
    assert not copied


def _run_hash(words: list[str]) -> str:
    return hashlib.sha256(" ".join(words).encode()).hexdigest()[:12]
