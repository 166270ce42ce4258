"""``handouts check``: every planted fault found, each exactly once, with file, line and field."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from handouts.check.contrast import contrast_ratio, low_contrast
from handouts.cli import main
from tests.conftest import REPO

BROKEN = REPO / "tests" / "fixtures" / "broken-clinic"

# (file, line, field, words in the message): one per kind of fault `check` looks for.
PLANTED_ERRORS = [
    ("clinic.yaml", 2, "logo", "file not found: missing-logo.svg"),
    ("clinic.yaml", 5, "colours.accent", "expected a colour"),
    ("library/exercises/bad-front-matter.md", 5, "level", "got 'expert'"),
    ("library/exercises/broken-picture.md", 4, "illustrations[0]", "broken.svg cannot be used"),
    ("library/exercises/good-exercise.md", 2, "id", "also used by duplicate-id.md"),
    ("library/exercises/missing-picture.md", 4, "illustrations[0]", "file not found"),
    ("library/exercises/no-safety.md", 2, "safety", "required field is missing"),
    ("library/exercises/too-few-steps.md", 11, "steps", "expected 3 to 6 numbered steps"),
    (
        "library/programmes/unknown-id.yaml",
        5,
        "exercise 2 (no-such-exercise)",
        "unknown exercise 'no-such-exercise'",
    ),
    (
        "plans/unknown-id.yaml",
        4,
        "section 2 (psoas/no-such-section)",
        "unknown section 'psoas/no-such-section'",
    ),
    ("templates/intro.j2", 1, None, "template error"),
]
PLANTED_WARNINGS = [
    ("clinic.yaml", 6, "colours.text", "contrast 2.8:1 for body text on white paper"),
    ("library/articles/hard-reading.md", 10, "section hard-reading/hard", "grade 36.9"),
    ("library/exercises/no-alt.md", 4, "alt", "no alt text for the picture"),
    ("library/programmes/too-long.yaml", 3, "exercises", "13 exercises"),
]


def _line(file: str, line: int, field: str | None, words: str, warning: bool) -> re.Pattern[str]:
    where = f"{file}:{line}: " + (f"{field}: " if field else "")
    kind = "warning: " if warning else ""
    return re.compile(rf"^\S*{re.escape(where)}{kind}.*{re.escape(words)}", re.M)


def test_every_planted_fault_is_reported_exactly_once() -> None:
    result = CliRunner().invoke(main, ["check", str(BROKEN)], catch_exceptions=False)
    lines = result.output.strip().splitlines()
    planted = [(p, False) for p in PLANTED_ERRORS] + [(p, True) for p in PLANTED_WARNINGS]
    for (file, line, field, words), warning in planted:
        hits = _line(file, line, field, words, warning).findall(result.output)
        assert len(hits) == 1, f"{file}: {field}: {words!r} reported {len(hits)} times"
    # Nothing else: one line per planted fault, then the count.
    assert len(lines) == len(planted) + 1
    assert lines[-1] == f"{len(PLANTED_ERRORS)} errors, {len(PLANTED_WARNINGS)} warnings."
    assert result.exit_code == 1


def test_warnings_alone_pass_unless_strict(tmp_path: Path) -> None:
    folder = tmp_path / "clinic"
    assert CliRunner().invoke(main, ["init", str(folder)]).exit_code == 0
    profile = folder / "clinic.yaml"
    profile.write_text(
        profile.read_text(encoding="utf-8").replace('text: "#222222"', 'text: "#aaaaaa"'),
        encoding="utf-8",
    )
    relaxed = CliRunner().invoke(main, ["check", str(folder)])
    assert relaxed.exit_code == 0, relaxed.output
    assert "colours.text: warning: contrast" in relaxed.output
    assert relaxed.output.strip().endswith("0 errors, 1 warning.")
    strict = CliRunner().invoke(main, ["check", "--strict", str(folder)])
    assert strict.exit_code == 1


def test_check_defaults_to_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(main, ["init", "."]).exit_code == 0
    result = runner.invoke(main, ["check"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("No problems found in ")


def test_check_of_the_bundled_library_is_clean() -> None:
    result = CliRunner().invoke(main, ["check", "--strict", str(REPO / "assets" / "library")])
    assert result.exit_code == 0, result.output


def test_folder_without_clinic_or_library_is_one_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Error: {tmp_path}: no clinic.yaml here; 'handouts init FOLDER' makes a clinic folder"
    ]


def test_broken_plan_file_is_reported_not_raised(tmp_path: Path) -> None:
    shutil.copytree(REPO / "assets" / "scaffold", tmp_path / "c")
    (tmp_path / "c" / "plans" / "bad.yaml").write_text(
        "patient: {name: J}\nexercises:\n  - {id: step-ups, sets: three}\n  - nope\n: [\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["check", str(tmp_path / "c")])
    assert result.exit_code == 1
    assert "plans/bad.yaml:5: line 5: a ':' with no key before it" in result.output


@pytest.mark.parametrize(
    ("one", "other", "ratio"),
    [("#000000", "#ffffff", 21.0), ("#ffffff", "#ffffff", 1.0), ("#767676", "#ffffff", 4.54)],
)
def test_contrast_ratio_matches_wcag(one: str, other: str, ratio: float) -> None:
    assert contrast_ratio(one, other) == pytest.approx(ratio, abs=0.01)


def test_low_contrast_reports_each_colour_once() -> None:
    colours = {"primary": "#9fc5e8", "accent": "#e0782b", "text": "#222222"}
    assert list(low_contrast(colours)) == ["primary"]
    assert low_contrast({**colours, "primary": "#1d5c8c"}) == {}


def test_template_with_unknown_filter_or_bad_bytes_is_reported(tmp_path: Path) -> None:
    shutil.copytree(REPO / "assets" / "scaffold", tmp_path / "c")
    templates = tmp_path / "c" / "templates"
    (templates / "title.j2").write_text("{{ 3 | no_such_filter }}\n", encoding="utf-8")
    (templates / "footer.j2").write_bytes(b"caf\xe9\n")
    result = CliRunner().invoke(main, ["check", str(tmp_path / "c")])
    assert result.exit_code == 1
    assert "templates/title.j2:1: template error: No filter named 'no_such_filter'" in (
        result.output
    )
    assert "templates/footer.j2: not UTF-8 text" in result.output
