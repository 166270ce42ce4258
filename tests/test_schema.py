"""The JSON Schemas a clinic's editor uses: fresh, and accepting what handouts accepts."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from handouts.cli import main
from handouts.load.library import programme_files
from handouts.schema import MODELS, schema_text
from tests.conftest import REPO, base_md

KINDS = sorted(MODELS)


@pytest.mark.parametrize("kind", KINDS)
def test_committed_schema_is_fresh(kind: str) -> None:
    committed = REPO / "schemas" / f"{kind}.schema.json"
    assert committed.read_text(encoding="utf-8") == schema_text(kind), (
        f"schemas/{kind}.schema.json is stale: "
        f"run 'handouts schema {kind} > schemas/{kind}.schema.json'"
    )


@pytest.mark.parametrize("kind", KINDS)
def test_schema_command_prints_the_committed_schema(kind: str) -> None:
    result = CliRunner().invoke(main, ["schema", kind])
    assert result.exit_code == 0
    assert json.loads(result.output) == json.loads(
        (REPO / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8")
    )


def test_schema_of_unknown_kind_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["schema", "patient"])
    assert result.exit_code == 2
    assert "plan" in result.output


def _as_editor_reads(path: Path) -> Any:
    """YAML as an editor's language server types it: dates stay text."""

    def undate(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: undate(v) for k, v in value.items()}
        if isinstance(value, list):
            return [undate(v) for v in value]
        return value.isoformat() if isinstance(value, dt.date) else value

    return undate(yaml.safe_load(path.read_text(encoding="utf-8")))


def _front_matter(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])


@pytest.mark.parametrize(
    ("kind", "path"),
    [
        ("plan", REPO / "examples" / "beginner-psoas.yaml"),
        ("plan", REPO / "examples" / "runner-advanced.yaml"),
        ("plan", REPO / "assets" / "demo-plan.yaml"),
        ("clinic", REPO / "assets" / "clinic" / "clinic.yaml"),
        *[("programme", p) for p in programme_files(REPO / "assets/library")],
    ],
    ids=lambda v: v.name if isinstance(v, Path) else v,
)
def test_bundled_files_match_their_schema(kind: str, path: Path) -> None:
    jsonschema.validate(_as_editor_reads(path), json.loads(schema_text(kind)))


@pytest.mark.parametrize(
    "path",
    [
        *sorted(base_md(REPO / "assets/library/exercises")),
        REPO / "assets/scaffold/library/exercises/sit-to-stand.md",
    ],
    ids=lambda p: p.stem,
)
def test_bundled_exercises_match_the_schema(path: Path) -> None:
    jsonschema.validate(_front_matter(path), json.loads(schema_text("exercise")))


def test_schema_rejects_a_misspelt_field() -> None:
    with pytest.raises(jsonschema.ValidationError, match="pateint"):
        jsonschema.validate(
            {"pateint": {"name": "Jane"}, "patient": {"name": "Jane"}},
            json.loads(schema_text("plan")),
        )


def test_exercise_schema_offers_alt_text_as_optional_bounded_text() -> None:
    exercise = json.loads(schema_text("exercise"))
    alt = exercise["properties"]["alt"]
    assert "alt" not in exercise["required"]  # a clinic's old files stay valid; check warns
    assert {"type": "string", "minLength": 1, "maxLength": 300} in alt["anyOf"]
    assert "cannot see" in alt["description"]
    front = _front_matter(REPO / "assets/library/exercises/step-ups.md")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**front, "alt": "x" * 301}, exercise)
