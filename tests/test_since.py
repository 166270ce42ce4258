"""``handouts make plan.yaml --since last-visit.yaml``: what changed since the last visit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from handouts.models.plan import ExerciseChoice
from handouts.models.prescription import Prescription
from tests.conftest import Pdf, write_plan
from tests.test_cli import run

LAST = {
    "patient": {"name": "Jane Doe", "reference": "RS-7"},
    "date": "2026-11-17",
    "exercises": [
        "hip-flexor-stretch",
        {"id": "step-ups", "sets": 3, "reps": 10},
        "floor-superman",
        {"id": "hip-flexion-band", "load": "light band"},
        "lower-back-stretch",
    ],
}
NOW = {
    "patient": {"name": "jane  doe", "reference": "RS-7"},
    "date": "2026-11-24",
    "exercises": [
        "hip-flexor-stretch",
        {"id": "step-ups", "sets": 4, "reps": 10, "per_day": 2},
        {"id": "hip-flexion-band", "load": "medium band"},
        "foam-roll-hip-flexor",
    ],
}


def make(tmp_path: Path, now: dict[str, Any], last: dict[str, Any], *extra: str) -> Any:
    out = tmp_path / "o.pdf"
    result = run(
        "make",
        str(write_plan(tmp_path, now, "now.yaml")),
        "--since",
        str(write_plan(tmp_path, last, "last.yaml")),
        "-o",
        str(out),
        *extra,
    )
    return result, out


def test_cards_are_marked_new_or_changed_and_stopped_ones_listed(tmp_path: Path) -> None:
    result, out = make(tmp_path, NOW, LAST)
    assert result.exit_code == 0, result.output
    text = Pdf(out.read_bytes()).text
    assert "What has changed since your sheet of 17 November 2026" in text
    assert "1 new exercise and 2 changed doses: look for the marks" in text
    assert "The other exercise stays as before" in text
    assert "Stopped – you no longer need to do: Floor superman, Knees to chest stretch." in text
    assert "Changed – now 4 sets, was 3; now twice a day, was 3 times a week" in text
    assert "Changed – now medium band, was light band" in text
    assert "New – added at this visit Foam roll for the front of the hip" in text
    # The unchanged card carries no mark.
    before_unchanged = text.split("Hip flexor stretch Beginner", 1)[0]
    assert not before_unchanged.rstrip().endswith(("visit", "was 3", "band"))
    assert text.count("Changed –") == 2
    assert text.count("New –") == 1


def test_nothing_changed(tmp_path: Path) -> None:
    result, out = make(tmp_path, {**LAST, "date": "2026-11-24"}, LAST)
    assert result.exit_code == 0, result.output
    text = Pdf(out.read_bytes()).text
    assert "Your exercises and doses stay as before." in text
    assert "Changed –" not in text and "New –" not in text and "Stopped" not in text


def test_same_dose_written_out_is_not_a_change(tmp_path: Path) -> None:
    # The library's default for the hip flexor stretch, spelled out in the new plan.
    now = {**LAST, "date": "2026-11-24"}
    now["exercises"] = [
        {"id": "hip-flexor-stretch", "sets": 3, "hold_seconds": 30, "per_day": 2},
        *LAST["exercises"][1:],
    ]
    result, out = make(tmp_path, now, LAST)
    assert result.exit_code == 0, result.output
    assert "Changed –" not in Pdf(out.read_bytes()).text


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"patient": {"name": "John Smith"}}, "last.yaml:2: patient.name: is for 'John Smith'"),
        (
            {"patient": {"name": "Jane Doe", "reference": "RS-8"}},
            "last.yaml:3: patient.reference: reference 'RS-8' differs",
        ),
        ({"date": "2026-12-01"}, "last.yaml:4: date: is dated 2026-12-01, after this plan"),
    ],
)
def test_refuses_another_patients_or_a_later_plan(
    tmp_path: Path, change: dict[str, Any], message: str
) -> None:
    result, out = make(tmp_path, NOW, {**LAST, **change})
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not out.exists()


def test_missing_since_file_is_named(tmp_path: Path) -> None:
    out = tmp_path / "o.pdf"
    now = write_plan(tmp_path, NOW, "now.yaml")
    result = run("make", str(now), "--since", str(tmp_path / "nope.yaml"), "-o", str(out))
    assert result.exit_code == 1
    assert "nope.yaml" in result.output
    assert not out.exists()


def test_since_works_with_initials_and_compact(tmp_path: Path) -> None:
    result, out = make(tmp_path, NOW, LAST, "--initials", "--layout", "compact")
    assert result.exit_code == 0, result.output
    text = Pdf(out.read_bytes()).text
    assert "Jane" not in text and "J. D." in text
    assert "Changed – now 4 sets, was 3" in text


def test_per_day_override_replaces_the_default_per_week() -> None:
    # step-ups default to 3 times a week; a plan asking for twice a day must get it.
    default = Prescription(sets=2, reps=8, per_week=3)
    assert default.with_overrides(ExerciseChoice(id="x", per_day=2)).per_day == 2
    assert default.with_overrides(ExerciseChoice(id="x", per_day=2)).per_week is None
    daily = Prescription(reps=8, per_day=1)
    swapped = daily.with_overrides(ExerciseChoice(id="x", per_week=4))
    assert (swapped.per_day, swapped.per_week) == (None, 4)
