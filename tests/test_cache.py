"""The disk cache of library files (``handouts.cache``): used only while nothing changed.

Every test gets the run's own cache folder (conftest); tests that need an entry
stored for files they have just written set ``SETTLE_SECONDS`` to 0, which is
safe there because each of their edits changes the file's size.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path

import pytest
from click.testing import CliRunner

from handouts import cache
from handouts.cache import cached
from handouts.cli import main
from tests.conftest import Pdf

ROOT = Path(__file__).resolve().parent.parent


class Builds:
    """A build function that counts its calls and reads one file."""

    def __init__(self, source: Path) -> None:
        self.source = source
        self.calls = 0

    def __call__(self) -> tuple[str, Iterable[Path]]:
        self.calls += 1
        return self.source.read_text(), [self.source.parent]


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "SETTLE_SECONDS", 0.0)


@pytest.fixture
def source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A file in a library folder, and a cache folder of this test's own."""
    monkeypatch.setenv("HANDOUTS_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "library"
    folder.mkdir()
    path = folder / "item.md"
    path.write_text("first")
    return path


def test_an_unchanged_folder_is_read_from_the_cache(source: Path, settled: None) -> None:
    build = Builds(source)
    assert cached("test", str(source), build) == "first"
    assert cached("test", str(source), build) == "first"
    assert build.calls == 1


@pytest.mark.parametrize("change", ["edit", "add", "remove", "rename"])
def test_any_change_in_a_folder_builds_again(source: Path, settled: None, change: str) -> None:
    build = Builds(source)
    extra = source.parent / "other.md"
    extra.write_text("x")
    cached("test", str(source), build)
    if change == "edit":
        source.write_text("second, longer")
    elif change == "add":
        (source.parent / "new.md").write_text("new")
    elif change == "remove":
        extra.unlink()
    else:
        extra.rename(source.parent / "renamed.md")
    value = cached("test", str(source), build)
    assert build.calls == 2
    assert value == source.read_text()


def test_a_change_too_recent_to_tell_apart_is_never_stored(source: Path) -> None:
    # Same size, and likely the same timestamp: only not storing it keeps this right.
    build = Builds(source)
    assert cached("test", str(source), build) == "first"
    source.write_text("other")
    assert cached("test", str(source), build) == "other"
    assert build.calls == 2
    assert not list((Path(os.environ["HANDOUTS_CACHE"])).glob("test-*.pickle"))


def test_keys_and_code_keep_entries_apart(
    source: Path, settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    build = Builds(source)
    cached("test", f"{source} one clinic", build)
    cached("test", f"{source} another clinic", build)
    assert build.calls == 2
    monkeypatch.setattr(cache, "code_stamp", lambda: "other code")
    cached("test", f"{source} one clinic", build)
    assert build.calls == 3


def test_errors_are_not_cached(source: Path, settled: None) -> None:
    def broken() -> tuple[str, list[Path]]:
        raise ValueError("bad file")

    with pytest.raises(ValueError, match="bad file"):
        cached("test", str(source), broken)
    build = Builds(source)
    assert cached("test", str(source), build) == "first"
    assert build.calls == 1


def test_a_damaged_entry_is_rebuilt(source: Path, settled: None) -> None:
    build = Builds(source)
    cached("test", str(source), build)
    folder = Path(os.environ["HANDOUTS_CACHE"])
    for entry in folder.glob("test-*.pickle"):
        entry.write_bytes(b"\x80\x05not a pickle")
    assert cached("test", str(source), build) == "first"
    assert build.calls == 2


def test_off_stores_nothing(
    source: Path, settled: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HANDOUTS_CACHE", "off")
    build = Builds(source)
    cached("test", str(source), build)
    cached("test", str(source), build)
    assert build.calls == 2


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_folder_others_can_write_is_never_read(
    source: Path, settled: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    shared = tmp_path / "shared"
    monkeypatch.setenv("HANDOUTS_CACHE", str(shared))
    build = Builds(source)
    cached("test", str(source), build)
    assert list(shared.glob("test-*.pickle")), "stored in a private folder"
    shared.chmod(0o777)
    cached("test", str(source), build)
    assert build.calls == 2


def test_an_unwritable_cache_costs_only_time(
    source: Path, settled: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("HANDOUTS_CACHE", str(blocked / "cache"))
    assert cached("test", str(source), Builds(source)) == "first"


def _clinic_with_library(folder: Path, title: str) -> Path:
    exercises = folder / "library" / "exercises"
    exercises.mkdir(parents=True, exist_ok=True)
    bundled = ROOT / "assets" / "library" / "exercises" / "step-ups.md"
    text = (
        bundled.read_text()
        .replace("id: step-ups", "id: own-step")
        .replace("title: Step-ups", f"title: {title}")
    )
    assert "own-step" in text and title in text
    (exercises / "own-step.md").write_text(text)
    for picture in (ROOT / "assets" / "library").glob("**/step-up*.svg"):
        target = folder / "library" / picture.relative_to(ROOT / "assets" / "library")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(picture.read_bytes())
    profile = folder / "clinic.yaml"
    if not profile.exists():
        example = (ROOT / "assets" / "clinic" / "clinic.yaml").read_text()
        profile.write_text(example + "\nlibrary: library\n")
        (folder / "logo.svg").write_bytes((ROOT / "assets" / "clinic" / "logo.svg").read_bytes())
    return profile


@pytest.mark.parametrize("settle", [True, False], ids=["settled", "just-edited"])
def test_list_and_show_see_an_edit_to_the_clinics_library(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settle: bool
) -> None:
    if settle:
        monkeypatch.setattr(cache, "SETTLE_SECONDS", 0.0)
    profile = _clinic_with_library(tmp_path, "Own step")
    runner = CliRunner()
    listed = runner.invoke(main, ["list", "--clinic", str(profile), "--search", "own"])
    assert listed.exit_code == 0, listed.output
    assert "Own step" in listed.output
    # Same length when not settled: only the timestamps (or not storing) tell them apart.
    _clinic_with_library(tmp_path, "Our step" if not settle else "Our new step")
    listed = runner.invoke(main, ["list", "--clinic", str(profile), "--search", "own"])
    shown = runner.invoke(main, ["show", "own-step", "--clinic", str(profile)])
    expected = "Our step" if not settle else "Our new step"
    assert expected in listed.output and "Own step" not in listed.output
    assert shown.output.startswith(expected)


def test_a_handout_from_the_cache_is_the_one_made_without_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = CliRunner()
    texts = []
    for setting, name in [("off", "plain.pdf"), (os.environ["HANDOUTS_CACHE"], "a.pdf")] * 2:
        monkeypatch.setenv("HANDOUTS_CACHE", setting)
        out = tmp_path / name
        done = runner.invoke(main, ["demo", "-o", str(out), "--force"])
        assert done.exit_code == 0, done.output
        texts.append(Pdf(out.read_bytes()).text)
    assert texts[0] == texts[1] == texts[2] == texts[3]


# What a cached `list` or `show` must not need: the models and the file parsers.
_PROBE = """
import json, sys
from handouts.cli import main
main(sys.argv[1:], standalone_mode=False)
heavy = {"pydantic", "yaml", "markdown_it", "jinja2", "babel", "reportlab"}
sys.stderr.write("LOADED=" + json.dumps(sorted({m.split(".")[0] for m in sys.modules} & heavy)))
"""


@pytest.mark.parametrize(
    "args", [["list"], ["list", "sections"], ["show", "psoas-starter"]], ids=" ".join
)
def test_a_cached_list_or_show_reads_no_library_file(args: list[str]) -> None:
    clinic = Path(os.environ["HANDOUTS_CLINIC"])
    # The run's clinic was copied a moment ago: wait until it may be cached.
    newest = max(clinic.stat().st_ctime, clinic.stat().st_mtime)
    time.sleep(max(0.0, newest + cache.SETTLE_SECONDS + 0.1 - time.time()))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    runs = [
        subprocess.run(
            [sys.executable, "-c", _PROBE, *args],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        for _ in range(2)
    ]
    assert all(r.returncode == 0 for r in runs), runs[-1].stderr
    assert runs[0].stdout == runs[1].stdout and runs[1].stdout.strip()
    loaded = json.loads(runs[1].stderr.rsplit("LOADED=", 1)[1])
    assert loaded == [], f"a cached handouts {' '.join(args)} imported {loaded}"


_MAKE_PROBE = """
import json, sys
from handouts.cli import main
main(sys.argv[1:], standalone_mode=False)
parsers = {"svglib", "lxml", "markdown_it", "tinycss2"}
sys.stderr.write("LOADED=" + json.dumps(sorted({m.split(".")[0] for m in sys.modules} & parsers)))
"""


def test_a_handout_from_cached_files_parses_no_library_file_or_picture(tmp_path: Path) -> None:
    clinic = Path(os.environ["HANDOUTS_CLINIC"])
    newest = max(clinic.stat().st_ctime, clinic.stat().st_mtime)
    time.sleep(max(0.0, newest + cache.SETTLE_SECONDS + 0.1 - time.time()))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    pdfs = []
    for n in range(2):
        out = tmp_path / f"demo-{n}.pdf"
        done = subprocess.run(
            [sys.executable, "-c", _MAKE_PROBE, "demo", "-o", str(out)],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        pdfs.append(Pdf(out.read_bytes()))
    assert pdfs[0].text == pdfs[1].text
    assert len(pdfs[0].content_streams()) == len(pdfs[1].content_streams())
    loaded = json.loads(done.stderr.rsplit("LOADED=", 1)[1])
    assert loaded == [], f"a second handout from unchanged files imported {loaded}"


def test_an_edited_clinic_template_is_used_at_once(tmp_path: Path) -> None:
    # Compiled templates are cached (Jinja2's bytecode cache, in the run's cache
    # folder); an edit of the same length must still show.
    from handouts.compose import wording

    folder = tmp_path / "templates"
    folder.mkdir()
    shown = []
    for text in ("Made by Ann", "Made by Bob"):
        (folder / "title.j2").write_text(text)
        wording.environment.cache_clear()
        shown.append(str(wording.Wording(folder).render("title.j2")))
    assert shown == ["Made by Ann", "Made by Bob"]
    compiled = list(Path(os.environ["HANDOUTS_CACHE"]).glob("templates-*/*"))
    assert compiled, "compiled templates are kept in the cache folder"
