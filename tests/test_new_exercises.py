"""The starter library's exercises (issue 16): complete, readable, and each with a pose brief.

Two kinds of test here.  The first read each file's words and front matter only,
so they say something even while a picture is still being drawn.  The ones that
load the whole bundled library (``load_exercise``, ``api.load_library``) also
need every exercise's picture to exist, as a handout does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from handouts import resources
from handouts.load.exercise_body import MAX_STEPS, MIN_STEPS
from handouts.load.frontmatter import read_front_matter
from handouts.load.library import load_exercise
from handouts.load.markdown import list_items, rich, split_sections
from handouts.load.validate import validate
from handouts.models.exercise import ExerciseFrontMatter
from handouts.models.library import Library
from handouts.models.rich import plain
from handouts.present import list_rows
from handouts.readability import flesch_kincaid_grade
from tests.conftest import REPO, base_md

MAX_GRADE = 7.0

# The new ids by the complaint they serve (issue 16); the first body area of each
# is the complaint's area, so ``handouts list --tag knee`` finds the knee ones.
NEW_BY_AREA: dict[str, list[str]] = {
    "lower-back": [
        "cat-camel",
        "pelvic-tilt",
        "glute-bridge",
        "bird-dog",
        "lower-trunk-rotation",
        "childs-pose-stretch",
        "dead-bug",
        "side-plank-knees",
        "prone-press-up",
    ],
    "neck": [
        "chin-tuck",
        "neck-rotation-stretch",
        "neck-side-stretch",
        "shoulder-rolls",
        "seated-thoracic-extension",
    ],
    "shoulder": [
        "shoulder-pendulum",
        "wall-slide",
        "band-external-rotation",
        "scapular-squeeze",
        "sleeper-stretch",
        "cross-body-stretch",
    ],
    "knee": [
        "quad-set",
        "straight-leg-raise",
        "wall-squat",
        "clamshell",
        "heel-slide",
        "seated-hamstring-stretch",
    ],
    "ankle": [
        "calf-raise",
        "ankle-alphabet",
        "single-leg-balance",
        "towel-calf-stretch",
        "wall-calf-stretch",
    ],
}
NEW_IDS = [exercise_id for ids in NEW_BY_AREA.values() for exercise_id in ids]

# Body areas are what ``handouts list --tag`` matches for exercises, so they come
# from one small vocabulary: a typo ("sholder") would hide an exercise.
BODY_AREAS = {
    "lower-back",
    "upper-back",
    "neck",
    "shoulder",
    "knee",
    "ankle",
    "hip",
    "core",
    "thigh",
    "glutes",
    "calf",
}
# The one set of props every picture draws from, and how equipment names them.
PROPS = {"mat", "chair", "wall", "step", "band", "foam-roller", "spiky-ball", "dumbbell", "towel"}
EQUIPMENT_PROPS = {
    "mat": "mat",
    "chair": "chair",
    "wall": "wall",
    "towel": "towel",
    "resistance band": "band",
    "step or bottom stair": "step",
}
POSE_KEYS = {"view", "position", "side", "props", "start", "end", "arrow", "notes"}
POSE_BRIEFS = REPO / "tools" / "pose_briefs.yaml"
LIBRARY = resources.library_dir()


def _exercise_files() -> list[Path]:
    return sorted(base_md(LIBRARY / "exercises"))


def _front(exercise_id: str) -> ExerciseFrontMatter:
    doc = read_front_matter(LIBRARY / "exercises" / f"{exercise_id}.md")[0]
    return validate(ExerciseFrontMatter, doc)


def _words(exercise_id: str) -> tuple[list[str], list[str]]:
    """The steps and the tips, as Markdown source, read as the loader reads them."""
    body = read_front_matter(LIBRARY / "exercises" / f"{exercise_id}.md")[1]
    intro, sections = split_sections(body)
    tips = [tip for s in sections if s.slug == "tips" for tip in list_items(s.body, False)]
    return list_items(intro, ordered=True), tips


def _pose_briefs() -> dict[str, dict[str, Any]]:
    data = yaml.safe_load(POSE_BRIEFS.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


# --- The words and front matter (no pictures needed) -------------------------------


def test_every_new_id_has_a_file_and_ids_are_unique() -> None:
    assert len(NEW_IDS) == len(set(NEW_IDS))
    names = {path.stem for path in _exercise_files()}
    assert set(NEW_IDS) <= names
    ids = [_front(path.stem).id for path in _exercise_files()]
    assert ids == [path.stem for path in _exercise_files()], "id equals the file name"
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("exercise_id", NEW_IDS)
def test_new_exercise_is_complete(exercise_id: str) -> None:
    front = _front(exercise_id)
    steps, tips = _words(exercise_id)
    assert MIN_STEPS <= len(steps) <= MAX_STEPS
    assert tips, "a few tips under '## Tips'"
    assert front.illustrations == [f"../illustrations/{exercise_id}.svg"]
    assert front.safety.strip()
    assert front.alt and front.alt.startswith("A person ")
    assert len(front.alt) <= 300
    assert front.level.value in {"beginner", "intermediate", "advanced"}
    assert all(item in EQUIPMENT_PROPS for item in front.equipment), front.equipment
    assert front.body_areas and set(front.body_areas) <= BODY_AREAS, front.body_areas
    dose = front.prescription
    assert dose.reps or dose.hold_seconds
    assert dose.sets and (dose.per_day or dose.per_week) and dose.side


@pytest.mark.parametrize(
    ("area", "exercise_id"), [(a, i) for a, ids in NEW_BY_AREA.items() for i in ids]
)
def test_new_exercise_is_tagged_with_its_complaint(area: str, exercise_id: str) -> None:
    assert _front(exercise_id).body_areas[0] == area


@pytest.mark.parametrize("path", _exercise_files(), ids=lambda p: p.stem)
def test_exercise_reads_at_grade_7_or_below(path: Path) -> None:
    """Graded as ``handouts check`` grades a card: steps, safety note and tips together."""
    front = _front(path.stem)
    steps, tips = _words(path.stem)
    text = "\n".join(plain(rich(s)) for s in [*steps, front.safety, *tips])
    grade = flesch_kincaid_grade(text)
    assert grade <= MAX_GRADE, f"{path.stem} reads at grade {grade:.1f}"


@pytest.mark.parametrize("exercise_id", NEW_IDS)
def test_pose_brief_matches_the_exercise(exercise_id: str) -> None:
    """What the picture is drawn from: the side the steps use and the props they name."""
    brief = _pose_briefs()[exercise_id]
    front = _front(exercise_id)
    assert set(brief) == POSE_KEYS
    assert brief["view"] in {"side", "front", "above"}
    assert set(brief["props"]) <= PROPS
    assert sorted(brief["props"]) == sorted(EQUIPMENT_PROPS[e] for e in front.equipment)
    side = front.prescription.side
    assert side is not None
    assert brief["side"] == side.value


def test_pose_briefs_cover_exactly_the_new_ids() -> None:
    assert sorted(_pose_briefs()) == sorted(NEW_IDS)


# --- The bundled library as a handout loads it (needs every picture) ---------------


@pytest.mark.parametrize("exercise_id", NEW_IDS)
def test_new_exercise_loads_with_its_picture(exercise_id: str) -> None:
    path = LIBRARY / "exercises" / f"{exercise_id}.md"
    exercise = load_exercise(path, LIBRARY)
    assert exercise.id == exercise_id
    assert [p.name for p in exercise.illustration_paths] == [f"{exercise_id}.svg"]


def test_library_has_at_least_40_exercises_across_six_areas(library: Library) -> None:
    assert set(NEW_IDS) <= set(library.exercises)
    assert len(library.exercises) >= 40
    areas = {area for ex in library.exercises.values() for area in ex.body_areas}
    assert len(areas) >= 6, areas


@pytest.mark.parametrize("area", sorted(NEW_BY_AREA))
def test_list_by_tag_finds_the_area(area: str) -> None:
    rows = "\n".join(list_rows("exercises", area, None, None))
    for exercise_id in NEW_BY_AREA[area]:
        assert exercise_id in rows
