"""The package carries its templates and assets: from a wheel and from a checkout."""

from __future__ import annotations

import os
import site
import subprocess
import sys
import sysconfig
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


def test_wheel_ships_the_desk_byte_for_byte(wheel: Path) -> None:
    """The desk's templates, script, style and vendored htmx (with its licence)."""
    desk = REPO / "handouts" / "desk"
    files = [p for p in desk.rglob("*") if p.is_file() and p.suffix != ".py"]
    files = [p for p in files if "__pycache__" not in p.parts]
    assert {p.name for p in files} >= {"htmx.min.js", "htmx.LICENSE.txt", "page.html", "desk.js"}
    with zipfile.ZipFile(wheel) as archive:
        for path in files:
            name = path.relative_to(REPO).as_posix()
            assert archive.read(name) == path.read_bytes(), name


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


def _dependency_folders() -> list[str]:
    """Where this interpreter finds the installed dependencies, whatever kind it is.

    A virtualenv's site-packages; a system Python's site and dist-packages; the
    user site (``pip install --user``) when it is enabled.
    """
    folders = [*site.getsitepackages(), *(sysconfig.get_path(n) for n in ("purelib", "platlib"))]
    if site.ENABLE_USER_SITE:
        folders.append(site.getusersitepackages())
    unique = dict.fromkeys(str(Path(folder).resolve()) for folder in folders)
    return [folder for folder in unique if Path(folder).is_dir()]


def _venv_with_these_dependencies(venv: Path) -> Path:
    """A fresh venv that sees this interpreter's installed packages, but not this checkout.

    ``--system-site-packages`` would expose the *base* interpreter's packages, not
    a virtualenv's, so instead a ``.pth`` file appends this interpreter's package
    folders to the new venv's ``sys.path``: no network, no ensurepip (which
    Debian's python3 lacks without python3-venv).  The venv's own site-packages
    comes first, so the wheel installed there wins over any other ``handouts``;
    plain paths in a ``.pth`` do not run the ``.pth`` files in those folders, so an
    editable install of this checkout stays invisible.
    """
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(purelib, "_handouts_test_dependencies.pth").write_text(
        "".join(f"{folder}\n" for folder in _dependency_folders()), encoding="utf-8"
    )
    return python


def test_installed_wheel_runs_demo_from_any_folder(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    python = _venv_with_these_dependencies(venv)
    bin_dir = python.parent
    # A PYTHONPATH naming this checkout would put its handouts ahead of the wheel's.
    env = {name: value for name, value in os.environ.items() if name != "PYTHONPATH"}
    # pip comes from this interpreter's packages too; --isolated ignores the user's
    # pip configuration and PIP_* variables (PIP_USER, an index URL …).
    install = subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--isolated",
            "--no-deps",
            "--no-index",
            "--ignore-installed",
            "--disable-pip-version-check",
            "--quiet",
            str(wheel),
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    assert install.returncode == 0, install.stdout + install.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    # The wheel's handouts, with its data, is what runs: not this checkout's.
    code = (
        "import handouts, handouts.resources as r; print(handouts.__file__); print(r.data_root())"
    )
    where = subprocess.run(
        [str(python), "-c", code],
        cwd=elsewhere,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    assert len(where) == 2, where
    for path in where:
        assert Path(path).resolve().is_relative_to(venv.resolve()), where
    result = subprocess.run(
        [str(bin_dir / "handouts"), "demo", "-o", "demo.pdf"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert (elsewhere / "demo.pdf").read_bytes().startswith(b"%PDF")
    # The starter clinic folder comes from the wheel too, and checks clean.
    for command in (["init", "clinic"], ["check", "clinic"]):
        result = subprocess.run(
            [str(bin_dir / "handouts"), *command],
            cwd=elsewhere,
            env=env,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stdout + result.stderr
    assert "No problems found" in result.stdout
