"""A plan with nothing to print is an error, not an empty sheet."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from handouts import api
from handouts.cli import main
from handouts.errors import ValidationError
from handouts.models.library import Library
from tests.conftest import write_plan

PATIENT = {"name": "Jane Doe"}
EMPTY = "nothing to print: add sections or exercises (or a programme)"


def _build(tmp_path: Path, library: Library, data: dict[str, Any]) -> None:
    plan = api.load_plan(write_plan(tmp_path, data))
    api.build_handout(plan, library, api.clinic_for(plan))


def test_a_plan_with_no_sections_and_no_exercises_fails(tmp_path: Path, library: Library) -> None:
    with pytest.raises(ValidationError) as caught:
        _build(tmp_path, library, {"patient": PATIENT})
    error = caught.value
    assert error.path == tmp_path / "plan.yaml"
    assert error.field == "sections, exercises"
    assert error.message == f"{tmp_path / 'plan.yaml'}: sections, exercises: {EMPTY}"
    assert "\n" not in error.message
    assert "Jane" not in error.message


def test_a_programme_with_everything_removed_fails(tmp_path: Path, library: Library) -> None:
    programme = library.programmes["psoas-starter"]
    everything = [*(c.id for c in programme.exercises), *programme.sections]
    data = {"patient": PATIENT, "programme": "psoas-starter", "remove": everything}
    with pytest.raises(ValidationError, match="sections, exercises: nothing to print"):
        _build(tmp_path, library, data)


def test_a_programme_whose_exercises_are_removed_keeps_its_sections(
    tmp_path: Path, library: Library
) -> None:
    programme = library.programmes["psoas-starter"]
    exercises = [c.id for c in programme.exercises]
    data = {"patient": PATIENT, "programme": "psoas-starter", "remove": exercises}
    _build(tmp_path, library, data)  # education only is a fine handout


def test_sections_alone_or_exercises_alone_are_enough(tmp_path: Path, library: Library) -> None:
    _build(tmp_path, library, {"patient": PATIENT, "sections": ["psoas/do"]})
    _build(tmp_path, library, {"patient": PATIENT, "exercises": ["step-ups"]})


def test_make_of_an_empty_plan_writes_no_file(tmp_path: Path) -> None:
    plan = write_plan(tmp_path, {"patient": PATIENT})
    out = tmp_path / "empty.pdf"
    result = CliRunner().invoke(main, ["make", str(plan), "-o", str(out)])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1
    assert "sections, exercises: nothing to print" in result.output
    assert not out.exists()


def test_an_empty_command_line_plan_names_the_command_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["make", "--patient", "J D", "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 1
    assert result.output.startswith("Error: command line: sections, exercises: nothing")
