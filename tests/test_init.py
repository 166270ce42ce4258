"""``handouts init``: a starter clinic folder that checks clean and makes a handout."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from handouts.cli import main
from handouts.models.clinic import ClinicProfile
from handouts.scaffold import starter_files
from tests.conftest import REPO, squash


def pdf_text(path: Path) -> str:
    return squash(" ".join(p.extract_text() or "" for p in PdfReader(path).pages))


def test_init_then_check_then_make(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    made = runner.invoke(main, ["init", "my-clinic"])
    assert made.exit_code == 0, made.output
    for name in [
        "clinic.yaml",
        "logo.svg",
        "library/exercises/sit-to-stand.md",
        "library/articles/moving-at-work.md",
        "library/programmes/desk-worker.yaml",
        "templates/intro.j2.example",
        "plans/example-plan.yaml",
        "schemas/plan.schema.json",
    ]:
        assert Path("my-clinic", name).is_file(), name
        assert f"created  {Path('my-clinic', name)}" in made.output
    # The next three commands, and they work as printed.
    commands = [line.split()[1:] for line in made.output.splitlines() if "  handouts " in line]
    assert [c[0] for c in commands] == ["check", "list", "make"]
    for command in commands:
        result = runner.invoke(main, command)
        assert result.exit_code == 0, (command, result.output)
    text = pdf_text(Path("example.pdf"))
    # The programme's content, changed by the plan: sit-to-stand re-dosed, psoas/do removed,
    # hip-flexion-lying added.
    assert "Sit to stand" in text and "2 sets of 10 repetitions. Do this once a day." in text
    assert "Why moving helps" in text and "Knee lifts lying down" in text
    assert "Things to do" not in text


def test_every_clinic_field_is_commented() -> None:
    profile = starter_files()[Path("clinic.yaml")].decode("utf-8").splitlines()
    for name in ClinicProfile.model_fields:
        at = next(i for i, line in enumerate(profile) if line.startswith(f"{name}:"))
        assert profile[at - 1].startswith("#"), f"{name} has no comment above it"


def test_init_never_overwrites_and_says_what_it_skipped(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    (folder / "plans").mkdir(parents=True)
    mine = "patient: {name: Someone Real}\n"
    (folder / "plans" / "example-plan.yaml").write_text(mine, encoding="utf-8")
    result = CliRunner().invoke(main, ["init", str(folder)])
    assert result.exit_code == 0
    assert (folder / "plans" / "example-plan.yaml").read_text(encoding="utf-8") == mine
    assert f"skipped  {folder / 'plans' / 'example-plan.yaml'} (already exists)" in result.output
    assert (folder / "clinic.yaml").is_file()
    again = CliRunner().invoke(main, ["init", str(folder)])
    assert "created" not in again.output
    assert again.output.count("skipped") == len(starter_files())


def test_init_onto_a_file_is_one_clear_error(tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.write_text("x", encoding="utf-8")
    result = CliRunner().invoke(main, ["init", str(target)])
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {target}: is a file, not a folder"


def test_intro_override_changes_the_wording(tmp_path: Path) -> None:
    """The README's example: rename templates/intro.j2.example to intro.j2."""
    folder = tmp_path / "c"
    CliRunner().invoke(main, ["init", str(folder)])
    templates = folder / "templates"
    (templates / "intro.j2.example").rename(templates / "intro.j2")
    out = tmp_path / "o.pdf"
    result = CliRunner().invoke(
        main, ["make", str(folder / "plans" / "example-plan.yaml"), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    text = pdf_text(out)
    assert "Hello Alex Example, this is your home programme from Your Clinic Name." in text
    assert 'Do your 4 exercises at the dose shown in each "Your dose" box.' in text
    assert "put this sheet together for you" not in text


def test_readme_documents_every_template_and_the_tested_override() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for template in sorted((REPO / "templates").glob("*.j2")):
        assert f"| `{template.name}` |" in readme, f"README does not list {template.name}"
    # The README's intro example is the scaffold's, which the test above renders.
    example = (REPO / "assets/scaffold/templates/intro.j2.example").read_text(encoding="utf-8")
    body = example.split("#}\n", 1)[1]
    assert f"```jinja\n{body}```" in readme
