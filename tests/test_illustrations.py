"""Every bundled exercise's picture is drawn from a pose whose props match its words.

Works for any exercise in ``assets/library/exercises``: a new exercise without a pose
in ``tools/illustrations/poses/``, or with a pose whose props disagree with its
equipment, steps, safety note or alt text, fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from svglib.svglib import svg2rlg

from handouts import resources
from handouts.load.library import load_exercise
from handouts.models.exercise import Exercise
from tests.conftest import base_md
from tools.illustrations import (
    Arm,
    Figure,
    Leg,
    Pose,
    chair,
    mat,
    render,
    towel,
)
from tools.illustrations.equipment import problems, props_named
from tools.illustrations.registry import all_poses

ROOT = resources.library_dir()
EXERCISE_FILES = sorted(base_md(ROOT / "exercises"))
POSES = all_poses()
FORBIDDEN = ("<style", "<text", "marker", "opacity", "Gradient", "class=", "style=")


def _exercise(path: Path) -> Exercise:
    return load_exercise(path, ROOT)


@pytest.mark.parametrize("path", EXERCISE_FILES, ids=lambda p: p.stem)
def test_every_exercise_has_a_pose_whose_props_match_its_words(path: Path) -> None:
    ex = _exercise(path)
    assert ex.id in POSES, f"{ex.id}: add a pose in tools/illustrations/poses/ (see POSES.md)"
    found = problems(ex.equipment, [*ex.steps, ex.safety], POSES[ex.id], ex.text.alt)
    assert not found, f"{ex.id}: " + "; ".join(found)


@pytest.mark.parametrize("path", EXERCISE_FILES, ids=lambda p: p.stem)
def test_the_committed_picture_is_the_pose_drawn(path: Path) -> None:
    ex = _exercise(path)
    svg = ROOT / "illustrations" / f"{ex.id}.svg"
    assert svg.resolve() in [p.resolve() for p in ex.illustration_paths]
    assert svg.read_text(encoding="utf-8") == render(POSES[ex.id]), (
        f"{svg.name} is stale: run python -m tools.illustrations"
    )


def test_every_pose_belongs_to_an_exercise() -> None:
    assert sorted(POSES) == sorted(p.stem for p in EXERCISE_FILES)


@pytest.mark.parametrize("exercise_id", sorted(POSES))
def test_pictures_are_plain_small_svg_that_svglib_draws(exercise_id: str) -> None:
    text = render(POSES[exercise_id])
    assert render(POSES[exercise_id]) == text, "the same pose draws the same bytes"
    for word in FORBIDDEN:
        assert word not in text, f"{exercise_id}: svglib would drop {word!r}"
    assert 1_000 < len(text.encode()) < 8_000, "a few KB each"
    path = ROOT / "illustrations" / f"{exercise_id}.svg"
    assert svg2rlg(str(path)) is not None
    assert POSES[exercise_id].arrow is None or text.count('fill="#dd6b20"') <= 2, "one arrow"


# --- the check itself ---------------------------------------------------------------------

STAND = Figure((200, 150), 90, Leg(-90, -90), Leg(-90, -90), Arm(-90, -90), Arm(-90, -90))


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("step or bottom stair", {"step"}),
        ("Hold the rail or a wall if you need to.", {"wall"}),
        ("Push through your heel to step up. Take a step back.", set()),
        ("Rise onto the balls of your feet; shift your weight.", set()),
        ("mat or cushion", {"mat"}),
        ("resistance band, sturdy chair", {"band", "chair"}),
        ("spiky massage ball", {"spiky-ball"}),
        ("a towel or belt", {"towel"}),
        ("foam roller", {"foam-roller"}),
        ("a light dumbbell", {"dumbbell"}),
    ],
)
def test_prop_words(text: str, names: set[str]) -> None:
    assert props_named(text) == names


def test_a_listed_prop_missing_from_the_picture_is_reported() -> None:
    pose = Pose(STAND, props=(mat(50, 350),))
    found = problems(["mat", "sturdy chair"], ["Sit on a chair."], pose)
    assert any("'sturdy chair' is not drawn" in p for p in found)


def test_a_drawn_prop_the_exercise_does_not_list_is_reported() -> None:
    pose = Pose(STAND, props=(mat(50, 350), chair(300)))
    found = problems(["mat"], ["Lie on the mat."], pose)
    assert found == ["the picture draws a chair but equipment does not list one"]


def test_a_support_the_steps_name_must_be_drawn_or_explained() -> None:
    steps = ["Stand tall.", "Hold a wall for balance."]
    assert problems([], steps, Pose(STAND)) == [
        "the steps or safety note mention a wall: draw it, or give the reason in not_drawn"
    ]
    assert problems([], steps, Pose(STAND, not_drawn={"wall": "optional"})) == []


def test_alternatives_count_once_and_alt_must_match_the_picture() -> None:
    pose = Pose(STAND, props=(chair(300),))
    assert problems(["chair or wall"], ["Hold a chair or wall."], pose) == []
    found = problems(["chair or wall"], [], pose, alt="A person holds a towel.")
    assert found == ["the alt text mentions a towel the picture does not draw"]
    towel_pose = Pose(STAND, props=(towel([(0, 0), (10, 10)]),))
    assert problems(["towel"], [], towel_pose) == []


def test_unknown_equipment_is_reported() -> None:
    assert problems(["pillow"], [], Pose(STAND))[0].startswith("equipment 'pillow' is none")


def test_the_tool_is_repeatable() -> None:
    first = {k: render(v) for k, v in all_poses().items()}
    assert first == {k: render(v) for k, v in all_poses().items()}
    assert all(re.search(r'viewBox="0 0 400 300"', v) for v in first.values())
