"""Doses as clinicians write them (ranges, units, any-case sides, tempo, rest) and as
patients read them: full sentences on the card, one short line for the glance and diary."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pydantic
import pytest
from click.testing import CliRunner

from handouts import api
from handouts.cli import main
from handouts.compose.build import build_handout
from handouts.compose.text import strip_markup
from handouts.errors import ValidationError
from handouts.models.amount import Amount
from handouts.models.plan import Plan
from handouts.models.prescription import Prescription, PrescriptionOverride, Side
from handouts.schema import schema_text
from tests.conftest import squash, write_plan

# --- The model: every way of writing a number, a range and a time --------------------


@pytest.mark.parametrize(
    ("written", "low", "high"),
    [
        (10, 10, 10),
        ("10", 10, 10),
        (" 10 ", 10, 10),
        ("8-12", 8, 12),
        ("8 - 12", 8, 12),
        ("8\u201312", 8, 12),  # en dash, as a word processor writes it
        ("8\u201412", 8, 12),  # em dash
        ("8 to 12", 8, 12),
        ("8 TO 12", 8, 12),
        ("1-100", 1, 100),
    ],
)
def test_reps_accept_numbers_and_ranges(written: object, low: int, high: int) -> None:
    assert Prescription(reps=written).reps == Amount(low, high)


@pytest.mark.parametrize(
    ("written", "low", "high"),
    [
        (30, 30, 30),
        ("30", 30, 30),
        ("30s", 30, 30),
        ("30 s", 30, 30),
        ("30 sec", 30, 30),
        ("30 secs", 30, 30),
        ("30 seconds", 30, 30),
        ("90 sec", 90, 90),
        ("1 min", 60, 60),
        ("1 MIN", 60, 60),
        ("1m", 60, 60),
        ("2 minutes", 120, 120),
        ("1.5 min", 90, 90),
        ("1:30", 90, 90),
        ("0:45", 45, 45),
        ("10 min", 600, 600),
        ("20-30", 20, 30),
        ("20-30s", 20, 30),
        ("20 s \u2013 30 s", 20, 30),
        ("20 to 30 seconds", 20, 30),
        ("1-2 min", 60, 120),  # the unit at the end applies to both ends
        ("45 s - 1 min", 45, 60),  # each end with its own unit
        ("1:00-1:30", 60, 90),
    ],
)
@pytest.mark.parametrize("field", ["hold_seconds", "rest_seconds"])
def test_times_accept_units_and_ranges(field: str, written: object, low: int, high: int) -> None:
    rx = Prescription.model_validate({"reps": 5, field: written})
    assert getattr(rx, field) == Amount(low, high)


@pytest.mark.parametrize(
    ("written", "side"),
    [
        ("left", Side.LEFT),
        ("Left", Side.LEFT),
        ("LEFT", Side.LEFT),
        (" left side ", Side.LEFT),
        ("Right only", Side.RIGHT),
        ("both", Side.BOTH),
        ("Both sides", Side.BOTH),
        ("each", Side.BOTH),
        ("EACH SIDE", Side.BOTH),
        ("None", Side.NONE),
    ],
)
def test_side_in_any_case_and_common_words(written: str, side: Side) -> None:
    assert Prescription(reps=5, side=written).side is side


def test_tempo_is_short_text_kept_as_written() -> None:
    assert Prescription(reps=5, tempo=" 3-1-1 ").tempo == "3-1-1"
    assert Prescription(reps=5, tempo="slow").tempo == "slow"


def _problem(field: str, value: object) -> str:
    with pytest.raises(pydantic.ValidationError) as caught:
        PrescriptionOverride.model_validate({field: value})
    (error,) = caught.value.errors()
    assert error["loc"] == (field,)
    return str(error["ctx"]["error"])


RANGE_ORDER = "expected a range from a smaller to a larger number, like 8-12, got "


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("reps", "12-8", RANGE_ORDER + "'12-8'"),
        ("reps", "8-8", RANGE_ORDER + "'8-8'"),
        ("reps", "12 to 8", RANGE_ORDER + "'12 to 8'"),
        ("reps", "0-5", "expected a whole number from 1 to 100, got 0"),
        ("reps", "8-200", "expected a whole number from 1 to 100, got 200"),
        ("reps", 0, "expected a whole number from 1 to 100, got 0"),
        ("reps", "101", "expected a whole number from 1 to 100, got 101"),
        ("sets", "21", "expected a whole number from 1 to 20, got 21"),
        ("sets", "3-1", "expected a range from a smaller to a larger number, like 2-3, got '3-1'"),
        ("reps", "abc", "expected a whole number from 1 to 100, or a range like 8-12, got 'abc'"),
        ("reps", "-5", "expected a whole number from 1 to 100, or a range like 8-12, got '-5'"),
        ("reps", "8-", "expected a whole number from 1 to 100, or a range like 8-12, got '8-'"),
        ("reps", "", "expected a whole number from 1 to 100, or a range like 8-12, got ''"),
        ("reps", 3.5, "expected a whole number from 1 to 100, or a range like 8-12, got 3.5"),
        ("reps", True, "expected a whole number from 1 to 100, or a range like 8-12, got True"),
    ],
)
def test_bad_counts_are_refused_in_plain_words(field: str, value: object, message: str) -> None:
    assert _problem(field, value) == message


TIME_FORMS = "like 30, 30s, 1 min, 1:30 or 20-30s, got "
TIME_BOUNDS = "expected a time from 1 second to 10 minutes"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("abc", f"{TIME_BOUNDS}, {TIME_FORMS}'abc'"),
        ("30 kg", f"{TIME_BOUNDS}, {TIME_FORMS}'30 kg'"),
        ("1:75", f"{TIME_BOUNDS}, {TIME_FORMS}'1:75'"),
        ("1:30 s", f"{TIME_BOUNDS}, {TIME_FORMS}'1:30 s'"),
        (".inf", f"{TIME_BOUNDS}, {TIME_FORMS}'.inf'"),
        ("0", f"{TIME_BOUNDS}, got 0 seconds"),
        ("0s", f"{TIME_BOUNDS}, got 0 seconds"),
        ("601", f"{TIME_BOUNDS}, got 601 seconds"),
        ("15 min", f"{TIME_BOUNDS}, got 15 minutes"),
        ("20-700", f"{TIME_BOUNDS}, got 700 seconds"),
        ("30-20", "expected a range from a smaller to a larger number, like 20-30s, got '30-20'"),
        (
            "1 min-30 s",
            "expected a range from a smaller to a larger number, like 20-30s, got '1 min-30 s'",
        ),
        ("2.5 s", "expected whole seconds, got '2.5 s'"),
    ],
)
@pytest.mark.parametrize("field", ["hold_seconds", "rest_seconds"])
def test_bad_times_are_refused_in_plain_words(field: str, value: str, message: str) -> None:
    assert _problem(field, value) == message


def test_bad_side_is_refused() -> None:
    assert _problem("side", "top") == "expected left, right, both (each side) or none, got 'top'"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("reps: 12-8", f"exercise 1 (step-ups), reps: {RANGE_ORDER}'12-8'"),
        (
            "hold_seconds: 30 kg",
            f"exercise 1 (step-ups), hold_seconds: {TIME_BOUNDS}, {TIME_FORMS}'30 kg'",
        ),
        (
            "rest_seconds: 11 min",
            f"exercise 1 (step-ups), rest_seconds: {TIME_BOUNDS}, got 11 minutes",
        ),
        (
            "tempo: " + "x" * 41,
            "exercise 1 (step-ups), tempo: text is too long (at most 40 characters)",
        ),
        ("tempo: ''", "exercise 1 (step-ups), tempo: must not be empty"),
        (
            "side: top",
            "exercise 1 (step-ups), side: "
            "expected left, right, both (each side) or none, got 'top'",
        ),
    ],
)
def test_error_from_a_plan_file_names_file_line_and_field(
    tmp_path: Path, line: str, message: str
) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(
        f"patient: {{name: Jane}}\nexercises:\n  - id: step-ups\n    {line}\n", encoding="utf-8"
    )
    with pytest.raises(ValidationError) as caught:
        api.load_plan(path)
    assert caught.value.message == f"{path}:4: {message}"


def test_a_range_compares_with_itself_however_written() -> None:
    assert Prescription(reps="8-12") == Prescription(reps="8 to 12")
    assert Prescription(hold_seconds="1 min") == Prescription(hold_seconds=60)
    assert Prescription(reps=10).reps == 10  # a clinic's old template compares with ints
    assert Prescription(reps="8-12").reps != 8


def test_json_dump_writes_doses_as_a_plan_file_would() -> None:
    rx = Prescription(sets=3, reps="8-12", hold_seconds="1 min", rest_seconds="20-30s")
    assert rx.model_dump(mode="json", exclude_none=True) == {
        "sets": 3,
        "reps": "8-12",
        "hold_seconds": 60,
        "rest_seconds": "20-30",
    }
    assert Prescription.model_validate(rx.model_dump(mode="json")) == rx


def test_committed_schema_accepts_ranges_and_units_and_refuses_nonsense() -> None:
    plan_schema = json.loads(schema_text("plan"))
    dose = {"id": "step-ups", "reps": "8-12", "hold_seconds": "30s", "rest_seconds": "1 min"}
    jsonschema.validate({"patient": {"name": "J"}, "exercises": [dose]}, plan_schema)
    jsonschema.validate(
        {"patient": {"name": "J"}, "exercises": [{"id": "step-ups", "tempo": "3-1-1"}]},
        plan_schema,
    )
    for bad in ({"reps": "abc"}, {"reps": 0}, {"hold_seconds": 601}, {"tempo": "x" * 41}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(
                {"patient": {"name": "J"}, "exercises": [{"id": "step-ups", **bad}]}, plan_schema
            )


# --- The wording: each shape of dose, on the card and in one line --------------------

PICTURE = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30">'
    '<rect x="1" y="1" width="20" height="10" fill="#333"/></svg>'
)

# id: (default prescription in the library file, the card's dose, the one-line dose)
SHAPES: dict[str, tuple[str, str, str]] = {
    "hold-plain": ("{hold_seconds: 20}", "Hold for 20 seconds.", "hold 20 s"),
    "hold-times": (
        "{hold_seconds: 1 min, sets: 2, per_day: 1}",
        "Hold for 1 minute. Do this 2 times, once a day.",
        "hold 1 min, 2 times, once a day",
    ),
    "hold-range": (
        "{hold_seconds: 20-30s, sets: 3, per_day: 2, side: Both}",
        "Hold for 20\u201330 seconds. Do this 3 times on each side, twice a day.",
        "hold 20\u201330 s, 3 times, twice a day, each side",
    ),
    "hold-rest": (
        "{hold_seconds: '1:30', rest_seconds: 30s, sets: 1, per_week: 7, side: LEFT}",
        "Hold for 90 seconds, then rest 30 seconds. Do this on the left side only, every day.",
        "hold 90 s, every day, left side only",
    ),
    "reps-plain": ("{reps: 10}", "10 repetitions.", "10 times"),
    "reps-full": (
        "{sets: 3, reps: 8-12, hold_seconds: 5, rest_seconds: 1 min, tempo: 3-1-1, "
        "per_day: 2, side: each side, load: light band}",
        "3 sets of 8\u201312 repetitions, holding each for 5 seconds. Rest 1 minute between "
        "sets. Tempo 3-1-1. Do this on each side, twice a day. Light band.",
        "3 \u00d7 8\u201312, hold 5 s, twice a day, each side, light band",
    ),
    "reps-one": (
        "{sets: 2 to 3, reps: 1, per_week: 3, side: right}",
        "2\u20133 sets of 1 repetition. Do this on the right side only, 3 times a week.",
        "2\u20133 \u00d7 1, 3 times a week, right side only",
    ),
    "reps-rest": (
        "{reps: 12, rest_seconds: 45, tempo: slow, load: 2 kg}",
        "12 repetitions. Rest 45 seconds afterwards. Tempo slow. 2 kg.",
        "12 times, 2 kg",
    ),
    "tempo-stop": (
        "{reps: 6, tempo: 'slow and steady.'}",
        "6 repetitions. Tempo slow and steady.",
        "6 times",
    ),
}


@pytest.fixture
def shapes_library(tmp_path: Path) -> Path:
    """A library folder with one exercise per shape of dose."""
    lib = tmp_path / "lib"
    (lib / "exercises").mkdir(parents=True)
    (lib / "pics").mkdir()
    (lib / "pics" / "p.svg").write_text(PICTURE, encoding="utf-8")
    for exercise_id, (prescription, _, _) in SHAPES.items():
        (lib / "exercises" / f"{exercise_id}.md").write_text(
            f"---\nid: {exercise_id}\ntitle: Shape {exercise_id}\n"
            f"illustrations: [../pics/p.svg]\nlevel: beginner\n"
            f"prescription: {prescription}\nsafety: Stop if it hurts.\n---\n"
            "1. One.\n2. Two.\n3. Three.\n",
            encoding="utf-8",
        )
    return lib


def test_each_shape_of_dose_is_worded_on_the_card_and_in_one_line(shapes_library: Path) -> None:
    library = api.load_library([shapes_library])
    plan = Plan.model_validate({"patient": {"name": "Jane"}, "exercises": list(SHAPES)})
    handout = build_handout(plan, library, api.load_clinic())
    for card in handout.cards:
        _, dose, line = SHAPES[card.id]
        assert strip_markup(card.dose) == dose, card.id
        assert strip_markup(card.dose_line) == line, card.id


def _pdftotext(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler) is not installed")
    done = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True, timeout=60
    )
    return squash(done.stdout)


def test_each_shape_of_dose_is_printed_in_full(tmp_path: Path, shapes_library: Path) -> None:
    out = tmp_path / "shapes.pdf"
    args = ["make", "--patient", "Jane", "--library", str(shapes_library), "-o", str(out)]
    for exercise_id in SHAPES:
        args += ["--exercise", exercise_id]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    text = _pdftotext(out)
    for exercise_id, (_, dose, _) in SHAPES.items():
        assert f"YOUR DOSE {dose}" in text, exercise_id


def test_patient_text_in_a_dose_stays_text(tmp_path: Path) -> None:
    plan = Plan.model_validate(
        {
            "patient": {"name": "Jane"},
            "exercises": [{"id": "step-ups", "load": "<b>2 kg</b> & band", "tempo": "<i>"}],
        }
    )
    card = build_handout(plan, api.load_library(), api.load_clinic()).cards[0]
    assert "&lt;b&gt;2 kg&lt;/b&gt; &amp; band." in card.dose
    assert "Tempo &lt;i&gt;." in card.dose
    assert card.dose_line.endswith("&lt;b&gt;2 kg&lt;/b&gt; &amp; band")


# --- Everything else that reads a dose --------------------------------------------------


def _make(tmp_path: Path, *args: str) -> Any:
    out = tmp_path / "out.pdf"
    return CliRunner().invoke(main, ["make", "--patient", "Jane", "-o", str(out), *args]), out


def test_exercise_flag_takes_ranges_and_units(tmp_path: Path) -> None:
    result, out = _make(
        tmp_path,
        "--exercise",
        "step-ups:sets=2-3,reps=8 to 12,hold_seconds=5s,rest_seconds=1 min,tempo=3-1-1,side=LEFT",
        "--summary",
    )
    assert result.exit_code == 0, result.output
    assert "- Step-ups: 2\u20133 \u00d7 8\u201312, hold 5 s, 3 times a week, left side only." in (
        result.stdout
    )
    assert (
        "2\u20133 sets of 8\u201312 repetitions, holding each for 5 seconds. Rest 1 minute "
        "between sets. Tempo 3-1-1. Do this on the left side only, 3 times a week."
    ) in _pdftotext(out)


def test_exercise_flag_with_a_bad_range_is_one_clear_line(tmp_path: Path) -> None:
    result, out = _make(tmp_path, "--exercise", "step-ups:reps=12-8")
    assert result.exit_code == 1
    assert (
        result.output == f"Error: command line: exercise 1 (step-ups), reps: {RANGE_ORDER}'12-8'\n"
    )
    assert not out.exists()


def test_make_help_lists_every_dose_key() -> None:
    result = CliRunner().invoke(main, ["make", "--help"])
    assert result.exit_code == 0
    listed = squash(result.output)
    for key in PrescriptionOverride.model_fields:
        assert key in listed, key


def _since(tmp_path: Path, was: dict[str, Any], now: dict[str, Any]) -> str:
    patient = {"name": "Jane Doe"}
    before = write_plan(
        tmp_path,
        {"patient": patient, "date": "2026-11-10", "exercises": [{"id": "step-ups", **was}]},
        "before.yaml",
    )
    plan = api.load_plan(
        write_plan(
            tmp_path,
            {"patient": patient, "date": "2026-11-24", "exercises": [{"id": "step-ups", **now}]},
        )
    )
    library = api.load_library()
    handout = build_handout(plan, library, api.load_clinic(), since=api.load_plan(before))
    change = handout.cards[0].change
    return strip_markup(change.text) if change else "unchanged"


def test_since_reports_a_changed_range(tmp_path: Path) -> None:
    assert _since(tmp_path, {"sets": 3, "reps": 10}, {"sets": "2-3", "reps": "8-12"}) == (
        "Changed \u2013 now 2\u20133 sets, was 3; now 8\u201312 repetitions, was 10"
    )
    assert _since(tmp_path, {"hold_seconds": "20-30"}, {"hold_seconds": "30-45 s"}) == (
        "Changed \u2013 now hold 30\u201345 seconds, was 20\u201330 seconds"
    )


def test_since_reports_rest_and_tempo(tmp_path: Path) -> None:
    assert _since(tmp_path, {}, {"rest_seconds": "1 min", "tempo": "3-1-1"}) == (
        "Changed \u2013 now rest 1 minute, was no set rest; now tempo 3-1-1, was at your own pace"
    )


def test_since_sees_no_change_in_the_same_dose_written_differently(tmp_path: Path) -> None:
    was = {"reps": "8-12", "hold_seconds": 60, "side": "both"}
    assert _since(tmp_path, was, {"reps": "8 to 12", "hold_seconds": "1 min", "side": "Both"}) == (
        "unchanged"
    )


def test_a_programme_redoses_with_a_range(tmp_path: Path) -> None:
    plan = api.load_plan(
        write_plan(
            tmp_path,
            {
                "patient": {"name": "Jane"},
                "programme": "psoas-starter",
                "exercises": [{"id": "hip-flexion-lying", "reps": "6-8"}],
            },
        )
    )
    cards = build_handout(plan, api.load_library(), api.load_clinic()).cards
    lying = next(c for c in cards if c.id == "hip-flexion-lying")
    # The programme's 2 sets stay; only the repetitions change.
    assert strip_markup(lying.dose_line).startswith("2 \u00d7 6\u20138,")
