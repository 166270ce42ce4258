"""Which clinic: one resolver, one order, the same answer for every command.

Each case here first failed on main: inside a folder made by ``handouts
init``, ``make`` printed the bundled example clinic's name and phone; a plan
without ``clinic:`` did the same; ``list``/``show`` ignored the clinic's own
exercises and ``image_folders``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from handouts.cli import main
from handouts.load.choice import ClinicOrigin, choose_clinic
from tests.conftest import Pdf, write_plan

EXAMPLE = "Riverside Sports Therapy"
SAMPLE = "SAMPLE: example clinic, not for patients"


@pytest.fixture(autouse=True)
def _no_clinic_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HANDOUTS_CLINIC", raising=False)


def run(*args: str | Path, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], env=env)


def init_clinic(folder: Path) -> Path:
    result = run("init", folder)
    assert result.exit_code == 0, result.output
    return folder


def make_profile(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(Path(__file__).parent.parent / "assets/clinic/logo.svg", folder / "logo.svg")
    path = folder / "clinic.yaml"
    path.write_text(yaml.safe_dump({"name": name, "logo": "logo.svg", "phone": "0100 000 000"}))
    return path


def test_the_order_is_option_plan_environment_folder_bundled(tmp_path: Path) -> None:
    from handouts.load.plan import load_plan

    deep = tmp_path / "a" / "b" / "c"
    deep.mkdir(parents=True)
    folder_profile = make_profile(tmp_path / "a", "Folder Clinic")
    plan_profile = make_profile(tmp_path / "p", "Plan Clinic")
    plan = load_plan(
        write_plan(tmp_path / "p", {"patient": {"name": "X"}, "clinic": "clinic.yaml"})
    )
    bare = load_plan(None, {"patient": {"name": "X"}})
    env = {"HANDOUTS_CLINIC": str(tmp_path / "env.yaml")}

    chosen = choose_clinic(Path("x.yaml"), plan, environ=env, cwd=deep)
    assert (chosen.origin, chosen.path) == (ClinicOrigin.OPTION, deep / "x.yaml")
    chosen = choose_clinic(None, plan, environ=env, cwd=deep)
    assert (chosen.origin, chosen.path) == (ClinicOrigin.PLAN, plan_profile)
    chosen = choose_clinic(None, bare, environ=env, cwd=deep)
    assert (chosen.origin, chosen.path) == (ClinicOrigin.ENVIRONMENT, tmp_path / "env.yaml")
    chosen = choose_clinic(None, bare, environ={}, cwd=deep)
    assert (chosen.origin, chosen.path) == (ClinicOrigin.FOLDER, folder_profile)
    chosen = choose_clinic(None, bare, environ={}, cwd=tmp_path / "p" / "..")
    assert chosen.origin is ClinicOrigin.BUNDLED and chosen.is_sample


def test_make_inside_an_init_folder_uses_that_clinic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clinic = init_clinic(tmp_path / "my-clinic")
    (clinic / "notes").mkdir()
    monkeypatch.chdir(clinic / "notes")  # a subfolder: found the way git finds .git
    result = run("make", "--patient", "Priya Shah", "--exercise", "step-ups", "-o", "p.pdf")
    assert result.exit_code == 0, result.output
    assert "Warning" not in result.output
    pdf = Pdf((clinic / "notes" / "p.pdf").read_bytes())
    assert "Your Clinic Name" in pdf.text
    assert EXAMPLE not in pdf.text and "riverside" not in pdf.text.lower()
    assert SAMPLE not in pdf.text


def test_the_environment_names_the_clinic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    profile = make_profile(tmp_path / "c", "Env Clinic")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HANDOUTS_CLINIC", str(profile))
    result = run("make", "--patient", "Priya Shah", "--exercise", "step-ups", "-o", "p.pdf")
    assert result.exit_code == 0, result.output
    assert "Env Clinic" in Pdf((tmp_path / "p.pdf").read_bytes()).text


@pytest.mark.parametrize("with_plan", [False, True])
def test_no_clinic_anywhere_makes_a_marked_sample_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, with_plan: bool
) -> None:
    monkeypatch.chdir(tmp_path)
    args: list[str | Path] = ["make", "-o", "p.pdf"]
    if with_plan:  # a plan without clinic: behaves the same
        plan = {"patient": {"name": "Priya Shah"}, "exercises": ["step-ups", "floor-superman"]}
        args.insert(1, write_plan(tmp_path, plan))
    else:
        args += ["--patient", "Priya Shah", "--exercise", "step-ups"]
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if "example clinic" in line]
    assert len(warnings) == 1 and warnings[0].startswith("Warning: ")
    pdf = Pdf((tmp_path / "p.pdf").read_bytes())
    assert all(SAMPLE in page for page in pdf.pages), pdf.pages


def test_demo_is_not_marked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("demo", "-o", "demo.pdf")
    assert result.exit_code == 0, result.output
    pdf = Pdf((tmp_path / "demo.pdf").read_bytes())
    assert EXAMPLE in pdf.text and SAMPLE not in pdf.text


def test_a_sample_is_never_emailed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(
        "make", "--patient", "Priya Shah", "--email", "p@example.org",
        "--exercise", "step-ups", "--eml",
    )  # fmt: skip
    assert result.exit_code == 1
    assert "not emailing a sample" in result.output
    assert not list(tmp_path.iterdir())  # refused before anything was written


def own_exercise_clinic(tmp_path: Path) -> Path:
    """A clinic whose own exercise draws its picture from an image folder."""
    clinic = init_clinic(tmp_path / "clinic")
    pictures = clinic / "pictures"
    pictures.mkdir()
    shutil.move(clinic / "library/illustrations/sit-to-stand.svg", pictures / "sit-to-stand.svg")
    profile = clinic / "clinic.yaml"
    lines = profile.read_text().splitlines()
    lines = [line for line in lines if not line.startswith("image_folders:")]
    profile.write_text("\n".join([*lines, "image_folders: [pictures]", ""]))
    exercise = clinic / "library/exercises/sit-to-stand.md"
    moved = "../../pictures/sit-to-stand.svg"
    exercise.write_text(exercise.read_text().replace("../illustrations/sit-to-stand.svg", moved))
    return clinic


def test_list_show_check_and_make_agree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clinic = own_exercise_clinic(tmp_path)
    checked = run("check", clinic)
    assert checked.exit_code == 0, checked.output
    monkeypatch.chdir(clinic)
    listed = run("list", "exercises")
    assert listed.exit_code == 0, listed.output
    assert "sit-to-stand" in listed.output
    shown = run("show", "sit-to-stand")
    assert shown.exit_code == 0, shown.output
    made = run("make", "plans/example-plan.yaml", "-o", "x.pdf")
    assert made.exit_code == 0, made.output
    assert "Your Clinic Name" in Pdf((clinic / "x.pdf").read_bytes()).text
