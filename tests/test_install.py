"""The package carries its templates and assets: from a wheel and from a checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from handouts import resources
from tests.conftest import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(out),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("handouts-*.whl")
    return built


def test_wheel_contains_templates_and_assets(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for template in (REPO / "templates").glob("*.j2"):
        assert f"handouts/_data/templates/{template.name}" in names
    for asset in (
        "library/articles/psoas.md",
        "library/exercises/step-ups.md",
        "library/illustrations/step-ups.svg",
        "clinic/clinic.yaml",
        "clinic/logo.svg",
        "fonts/HandoutSans.ttf",
        "fonts/LICENSE-DejaVu.txt",
        "demo-plan.yaml",
        "library/programmes/psoas-starter.yaml",
        "scaffold/clinic.yaml",
        "scaffold/plans/example-plan.yaml",
    ):
        assert f"handouts/_data/assets/{asset}" in names


def test_checkout_uses_the_top_level_folders() -> None:
    # Under an editable install (or a plain checkout) there is no _data folder.
    assert resources.data_root() == REPO
    assert (resources.templates_dir() / "intro.j2").is_file()


def test_installed_wheel_runs_demo_from_any_folder(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    # Dependencies come from this interpreter's site-packages: the test needs no network.
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    bin_dir = venv / ("Scripts" if sys.platform == "win32" else "bin")
    subprocess.run(
        [
            str(bin_dir / "python"),
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--no-index",
            "--force-reinstall",
            "--quiet",
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = subprocess.run(
        [str(bin_dir / "python"), "-c", "import handouts.resources as r; print(r.data_root())"],
        cwd=elsewhere,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    assert Path(where).is_relative_to(venv), where
    result = subprocess.run(
        [str(bin_dir / "handouts"), "demo", "-o", "demo.pdf"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert (elsewhere / "demo.pdf").read_bytes().startswith(b"%PDF")
    # The starter clinic folder comes from the wheel too, and checks clean.
    for command in (["init", "clinic"], ["check", "clinic"]):
        result = subprocess.run(
            [str(bin_dir / "handouts"), *command], cwd=elsewhere, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stdout + result.stderr
    assert "No problems found" in result.stdout
