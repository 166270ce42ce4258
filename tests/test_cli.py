"""The command line, through Click's CliRunner: output, files and exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from pypdf import PdfReader

from handouts import __version__
from handouts.cli import main
from tests.conftest import REPO


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def text_of(path: Path) -> str:
    return " ".join((p.extract_text() or "") for p in PdfReader(path).pages)


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert __version__ in result.output


@pytest.mark.parametrize(
    "command", [[], ["make"], ["list"], ["show"], ["demo"], ["init"], ["check"], ["schema"]]
)
def test_every_command_has_help_with_examples(command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert "Usage:" in result.output
    assert "handouts " in result.output.split("Options:")[0]


def test_make_from_flags(tmp_path: Path) -> None:
    out = tmp_path / "jane.pdf"
    result = run(
        "make",
        "--patient",
        "Jane Doe",
        "--section",
        "psoas/what-it-does",
        "--exercise",
        "hip-flexor-stretch",
        "--exercise",
        "step-ups:sets=3,reps=12",
        "-o",
        str(out),
    )
    assert result.exit_code == 0, result.output
    assert f"Wrote {out}" in result.output
    text = text_of(out)
    assert "Jane Doe" in text and "3 sets of 12" in text


def test_make_from_plan_with_flag_overrides(tmp_path: Path) -> None:
    out = tmp_path / "o.pdf"
    plan = REPO / "examples" / "beginner-psoas.yaml"
    result = run(
        "make", str(plan), "--patient", "Joe Bloggs", "--exercise", "floor-superman", "-o", str(out)
    )
    assert result.exit_code == 0, result.output
    text = text_of(out)
    assert "Joe Bloggs" in text
    assert "Floor superman" in text
    assert "Knees to chest stretch" not in text  # the plan's list was replaced by the flag


def test_make_default_file_name_is_safe_and_never_overwrites(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    args = ["make", "--patient", "../Jane/Doe", "--date", "2026-11-24", "--exercise", "step-ups"]
    assert run(*args).exit_code == 0
    assert run(*args).exit_code == 0
    names = sorted(p.name for p in tmp_path.glob("*.pdf"))
    assert names == ["jane-doe-2026-11-24-2.pdf", "jane-doe-2026-11-24.pdf"]


def test_make_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    out.write_bytes(b"precious")
    result = run("make", "--patient", "J", "--exercise", "step-ups", "-o", str(out))
    assert result.exit_code == 1
    assert "already exists (use --force to replace it)" in result.output
    assert out.read_bytes() == b"precious"
    forced = run("make", "--patient", "J", "--exercise", "step-ups", "-o", str(out), "--force")
    assert forced.exit_code == 0
    assert out.read_bytes().startswith(b"%PDF")


def test_make_needs_a_plan_or_a_patient() -> None:
    result = run("make")
    assert result.exit_code == 2
    assert "give a PLAN file or at least --patient NAME" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--exercise", "hip-flexer-stretch"],
            "unknown exercise 'hip-flexer-stretch' (did you mean 'hip-flexor-stretch'?)",
        ),
        (["--section", "psoas/sign"], "unknown section 'psoas/sign' (did you mean 'psoas/signs'?)"),
        (
            ["--exercise", "step-ups:sets=three"],
            "exercise 1 (step-ups), sets: expected a whole number from 1 to 20, "
            "or a range like 2-3, got 'three'",
        ),
        (["--exercise", "step-ups:sets"], "expected key=value"),
        (["--date", "24/11/2026"], "date: expected a date as YYYY-MM-DD"),
    ],
)
def test_make_errors_are_one_line_without_traceback(
    tmp_path: Path, args: list[str], message: str
) -> None:
    out = tmp_path / "never.pdf"
    result = run("make", "--patient", "Jane", *args, "-o", str(out))
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1 or result.exit_code == 2
    assert not out.exists()
    assert not list(tmp_path.iterdir()), "no half-written or temporary file is left"


def test_yaml_error_exit_code_and_line(tmp_path: Path) -> None:
    plan = tmp_path / "bad.yaml"
    plan.write_text("patient:\n  name: [unclosed\n")
    result = run("make", str(plan), "-o", str(tmp_path / "o.pdf"))
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {plan}:2: line 2: the list opened with '['")


def test_unwritable_output_folder(tmp_path: Path) -> None:
    result = run(
        "make",
        "--patient",
        "J",
        "--exercise",
        "step-ups",
        "-o",
        str(tmp_path / "missing" / "o.pdf"),
    )
    assert result.exit_code == 1
    assert "does not exist" in result.output


def test_missing_illustration_is_named(tmp_path: Path) -> None:
    lib = tmp_path / "lib" / "exercises"
    lib.mkdir(parents=True)
    (lib / "wall-sit.md").write_text(
        "---\nid: wall-sit\ntitle: Wall sit\nillustrations: [../pics/wall-sit.svg]\n"
        "level: beginner\nprescription: {sets: 3, hold_seconds: 20, per_day: 1}\n"
        "safety: Stop if it hurts.\n---\n1. One.\n2. Two.\n3. Three.\n"
    )
    result = run(
        "make",
        "--patient",
        "J",
        "--exercise",
        "wall-sit",
        "--library",
        str(tmp_path / "lib"),
        "-o",
        str(tmp_path / "o.pdf"),
    )
    assert result.exit_code == 1
    assert "wall-sit.md:4: illustrations[0]: file not found: ../pics/wall-sit.svg" in (
        result.output
    )


def test_clinic_library_overlays_the_bundled_one(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    (lib / "exercises").mkdir(parents=True)
    (lib / "pics").mkdir()
    (lib / "pics" / "s.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30">'
        '<rect x="1" y="1" width="20" height="10" fill="#333"/></svg>'
    )
    (lib / "exercises" / "step-ups.md").write_text(
        "---\nid: step-ups\ntitle: Our own step-ups\nillustrations: [../pics/s.svg]\n"
        "level: beginner\nprescription: {sets: 2, reps: 5, per_day: 1}\n"
        "safety: Hold the rail.\n---\n1. Stand.\n2. Step.\n3. Down.\n"
    )
    out = tmp_path / "o.pdf"
    result = run(
        "make", "--patient", "J", "--exercise", "step-ups", "--library", str(lib), "-o", str(out)
    )
    assert result.exit_code == 0, result.output
    assert "Our own step-ups" in text_of(out)


def test_list_exercises_and_sections() -> None:
    result = run("list")
    assert result.exit_code == 0
    assert "hip-flexor-stretch" in result.output and "LEVEL" in result.output
    sections = run("list", "sections")
    assert "psoas/what-it-does" in sections.output


def test_list_filters() -> None:
    result = run("list", "exercises", "--search", "stretch")
    ids = [line.split()[0] for line in result.output.splitlines()[1:]]
    assert ids and all(
        "stretch" in i or "Stretch" in line
        for i, line in zip(ids, result.output.splitlines()[1:], strict=True)
    )
    assert "step-ups" not in result.output
    none = run("list", "exercises", "--tag", "no-such-tag")
    assert none.output.strip() == "No exercises match."


def test_show_exercise_and_section() -> None:
    result = run("show", "step-ups")
    assert result.exit_code == 0
    assert "Default dose: 3 sets of 10" in result.output
    assert "1. " in result.output and "Safety:" in result.output
    section = run("show", "psoas/signs")
    assert section.exit_code == 0
    assert "- " in section.output


def test_show_unknown_id() -> None:
    result = run("show", "step-up")
    assert result.exit_code == 1
    assert "did you mean 'step-ups'?" in result.output


def test_demo(tmp_path: Path) -> None:
    out = tmp_path / "demo.pdf"
    result = run("demo", "-o", str(out))
    assert result.exit_code == 0, result.output
    reader = PdfReader(out)
    text = " ".join(p.extract_text() or "" for p in reader.pages)
    assert "Zoë Łukasiewicz" in text
    assert "Exercise diary" in text
    assert len(reader.pages) >= 4


def test_demo_default_name_never_overwrites(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("demo").exit_code == 0
    assert run("demo").exit_code == 0
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == [
        "handouts-demo-2.pdf",
        "handouts-demo.pdf",
    ]
