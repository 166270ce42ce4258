"""Text from patients and practitioners: what never reaches a page, a file name or a message.

Reproduced first on main: a name with a right-to-left override printed as
"John exe.txt Smith" reordered; zero-width spaces split file names
(``ja-ne-doe``); an ANSI escape left "Eve[31mRed"; a plan nested 100,000 levels
deep ended in a 3,000-line RecursionError traceback.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import given
from hypothesis import strategies as st

from handouts.cli import main
from handouts.models.rich import Removed, scrub
from tests.conftest import Pdf, write_plan

PLAN = {"date": "2026-11-24", "exercises": ["step-ups"]}


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.mark.parametrize(
    ("typed", "printed", "kind"),
    [
        ("\u202eJohn exe.txt Smith", "John exe.txt Smith", Removed.BIDI),
        ("Jo\u202ahn\u202c Smith", "John Smith", Removed.BIDI),
        ("\u2067Jane\u2069 Doe", "Jane Doe", Removed.BIDI),
        ("Ja\u200bne Doe", "Jane Doe", Removed.INVISIBLE),
        ("Jane\u2060 Doe", "Jane Doe", Removed.INVISIBLE),
        ("\ufeffJane Doe", "Jane Doe", Removed.INVISIBLE),
        ("Jane\u200d Doe", "Jane Doe", Removed.INVISIBLE),
        ("Eve\x1b[31mRed\x1b[0m", "EveRed", Removed.CONTROL),
        ("\x1b]0;owned\x07Eve", "Eve", Removed.CONTROL),
        ("Ev\x00e\x07\x7f\x85", "Eve", Removed.CONTROL),
    ],
)
def test_each_class_is_removed_and_named(typed: str, printed: str, kind: Removed) -> None:
    text, removed = scrub(typed)
    assert text == printed and kind in removed


@pytest.mark.parametrize(
    "kept",
    [
        "מרים\u200f (כהן)",  # RLM placing punctuation in Hebrew
        "\u200eAbc\u200e",  # LRM
        "علي\u061c.",  # ALM
        "می\u200cخواهم",  # ZWNJ inside a Persian word
        "क्\u200dष",  # ZWJ in Devanagari
        "👩\u200d⚕️ nurse",  # ZWJ in an emoji sequence
        "Zoë Łukasiewicz",
        "王小明",
    ],
)
def test_what_people_type_on_purpose_is_kept(kept: str) -> None:
    assert scrub(kept) == (kept, frozenset())


@given(st.text())
def test_scrubbed_text_has_no_control_direction_or_stray_invisible_character(text: str) -> None:
    out, _ = scrub(text)
    assert not any(0x00 <= ord(c) < 0x20 and c != "\n" for c in out)
    assert not any(0x7F <= ord(c) <= 0x9F for c in out)
    assert not set(out) & set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    assert not set(out) & set("\u200b\u2060\ufeff")
    assert scrub(out) == (out, frozenset())  # once is enough


def test_make_warns_naming_file_and_field_never_the_text(tmp_path: Path) -> None:
    plan = write_plan(
        tmp_path,
        {**PLAN, "patient": {"name": "\u202eJohn Secret\u202c"}, "notes": "Walk\x1b[31m daily"},
    )
    result = run("make", plan, "-o", tmp_path / "out.pdf")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("Warning:")]
    line = plan.read_text(encoding="utf-8").splitlines().index("patient:") + 2  # name's line
    assert f"Warning: {plan}:{line}: patient.name: removed text-direction controls" in warnings
    assert any("notes: removed control characters" in w for w in warnings)
    assert "Secret" not in result.stderr and "Walk" not in result.stderr
    text = Pdf((tmp_path / "out.pdf").read_bytes()).text
    assert "John Secret" in text and "Walk daily" in text


def test_flags_are_named_as_the_command_line(tmp_path: Path) -> None:
    result = run(
        "make", "--patient", "Ja\u200bne Doe", "--exercise", "step-ups", "-o", tmp_path / "o.pdf"
    )
    assert result.exit_code == 0, result.output
    assert "Warning: command line: patient.name: removed invisible characters" in result.stderr


def test_a_name_of_nothing_but_invisible_characters_is_empty(tmp_path: Path) -> None:
    result = run(
        "make",
        "--patient",
        "\u200b\u2060\ufeff",
        "--exercise",
        "step-ups",
        "-o",
        tmp_path / "o.pdf",
    )
    assert result.exit_code != 0
    assert "patient.name: must not be empty" in result.output
    assert not (tmp_path / "o.pdf").exists()


def test_a_batch_row_warning_names_the_row_and_column(tmp_path: Path) -> None:
    plan = write_plan(tmp_path, PLAN)
    patients = tmp_path / "patients.csv"
    with patients.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([["name", "notes"], ["Ann Lee", "Swim\x1b[1m often"]])
    result = run("batch", patients, "--plan", plan, "--out-dir", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "row 2: warning: notes: removed control characters" in result.stderr
    assert "Swim" not in result.stderr
    report = (tmp_path / "out" / "batch-report.csv").read_text(encoding="utf-8")
    assert "warning: notes: removed control characters" in report and "Swim" not in report


@pytest.mark.parametrize(
    "nested",
    [
        "patient: {name: Jane}\nexercises: " + "[" * 100_000 + "]" * 100_000 + "\n",
        "patient: {name: Jane}\nnotes: " + "{a: " * 50_000 + "1" + "}" * 50_000 + "\n",
        "patient: {name: Jane}\nexercises:\n" + "".join(" " * i + "- \n" for i in range(1, 400)),
    ],
)
def test_deep_nesting_is_one_line_naming_the_file(tmp_path: Path, nested: str) -> None:
    plan = tmp_path / "deep.yaml"
    plan.write_text(nested, encoding="utf-8")
    result = run("make", plan, "-o", tmp_path / "o.pdf")
    assert result.exit_code == 1
    assert (
        result.output.startswith(f"Error: {plan}:")
        and "nested more than 20 levels" in result.output
    )
    assert len(result.output.strip().splitlines()) == 1
    assert "Traceback" not in result.output and not (tmp_path / "o.pdf").exists()


def test_check_names_library_and_plan_fields_that_lose_characters(tmp_path: Path) -> None:
    clinic = tmp_path / "clinic"
    assert run("init", clinic).exit_code == 0
    exercise = clinic / "library" / "exercises" / "sit-to-stand.md"
    text = exercise.read_text(encoding="utf-8")
    text = text.replace("title: ", "title: \u202e", 1)
    exercise.write_text(text.replace("1. ", "1. Sit\u200b ", 1), encoding="utf-8")
    plan = clinic / "plans" / "example-plan.yaml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("Alex Example", '"Alex\\e[1m Example"'),
        encoding="utf-8",
    )
    result = run("check", clinic)
    lines = result.output.splitlines()
    assert any(
        "sit-to-stand.md" in line and "title: warning: text-direction controls are removed" in line
        for line in lines
    ), lines
    assert any(
        "sit-to-stand.md" in line and "steps: warning: invisible characters" in line
        for line in lines
    )
    assert any(
        "example-plan.yaml" in line and "patient.name: warning: removed control characters" in line
        for line in lines
    ), lines


def test_a_raw_control_character_in_a_yaml_file_is_one_line(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("patient:\n  name: Alex\x1b[1m Secret\nexercises: [step-ups]\n")
    result = run("make", plan, "-o", tmp_path / "o.pdf")
    assert result.exit_code == 1
    assert (
        result.output == f"Error: {plan}: YAML cannot hold the character U+001B written as it is\n"
    )


@pytest.mark.parametrize("typed", ["before\x00nul after", "02/03/1980", "x" * 41, "31.02.1980"])
def test_a_date_of_birth_is_never_echoed(tmp_path: Path, typed: str) -> None:
    plan = write_plan(tmp_path, PLAN)
    patients = tmp_path / "patients.csv"
    with patients.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([["name", "dob"], ["Ann Lee", typed]])
    result = run("batch", patients, "--plan", plan, "--out-dir", tmp_path / "out")
    assert result.exit_code == 1
    assert "row 2: FAILED (date_of_birth: expected a date as YYYY-MM-DD)" in result.output
    report = (tmp_path / "out" / "batch-report.csv").read_text(encoding="utf-8")
    shown = typed.replace("\x00", "")
    assert shown not in report and shown not in result.output


def test_a_value_that_may_be_pasted_text_is_never_echoed_anywhere() -> None:
    from handouts.errors import shown

    assert shown("three") == "'three'"  # a typo in a dose is shown back
    assert shown("a\x1b[31mb") == shown("x" * 41) == shown("Zoë") == "a value not shown here"
