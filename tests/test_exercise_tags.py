"""Exercises carry tags (what kind of exercise) besides body areas: `list --tag` uses both."""

from __future__ import annotations

from click.testing import CliRunner

from handouts import api
from handouts.cli import main

KINDS = {"stretch", "strength", "mobility", "balance", "posture", "core", "self-massage"}


def test_every_bundled_exercise_says_what_kind_it_is() -> None:
    for exercise in api.load_library().exercises.values():
        assert exercise.tags, exercise.id
        assert set(exercise.tags) <= KINDS, (exercise.id, exercise.tags)


def test_list_tag_filters_by_kind_as_well_as_body_area() -> None:
    library = api.load_library().exercises
    stretches = {e.id for e in library.values() if "stretch" in e.tags}
    result = CliRunner().invoke(main, ["list", "exercises", "--tag", "Stretch"])
    assert result.exit_code == 0, result.output
    listed = {line.split()[0] for line in result.output.splitlines()[1:] if line.strip()}
    assert listed == stretches
    assert "glute-bridge" not in listed and "wall-calf-stretch" in listed
    knees = CliRunner().invoke(main, ["list", "exercises", "--tag", "knee"]).output
    assert "quad-set" in knees and "chin-tuck" not in knees
