"""handouts print: the lp command line, through a stand-in lp that records its arguments."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from handouts.cli import main

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="lp is for Linux and macOS")


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def fake_lp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An ``lp`` first on PATH that writes its arguments to a file, then answers like CUPS."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    record = tmp_path / "lp-args.json"
    script = bin_dir / "lp"
    script.write_text(
        f"#!{sys.executable}\n"
        "import json, sys\n"
        f"json.dump(sys.argv[1:], open({str(record)!r}, 'w'))\n"
        "if '-d' in sys.argv and sys.argv[sys.argv.index('-d') + 1] == 'Nowhere':\n"
        "    print('lp: The printer or class does not exist.', file=sys.stderr)\n"
        "    sys.exit(1)\n"
        "print('request id is Reception-42 (1 file(s))')\n"
    )
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    return record


@pytest.fixture
def pdfs(tmp_path: Path) -> list[Path]:
    files = [tmp_path / "jane doe.pdf", tmp_path / "-tom.pdf"]
    for f in files:
        f.write_bytes(b"%PDF-1.4\n%%EOF\n")
    return files


def test_default_print_is_one_sided_on_the_default_printer(fake_lp: Path, pdfs: list[Path]) -> None:
    result = run("print", pdfs[0])
    assert result.exit_code == 0, result.output
    assert "request id is Reception-42" in result.output
    args = json.loads(fake_lp.read_text())
    assert args == ["-o", "sides=one-sided", "--", str(pdfs[0])]


def test_printer_copies_and_duplex_map_to_lp_options(fake_lp: Path, pdfs: list[Path]) -> None:
    result = run(
        "print", *pdfs, "--printer", "Reception", "--copies", "2", "--duplex"
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    args = json.loads(fake_lp.read_text())
    assert args == [
        "-d", "Reception", "-n", "2", "-o", "sides=two-sided-long-edge",
        "--", str(pdfs[0]), str(pdfs[1]),
    ]  # fmt: skip


def test_a_print_service_error_is_one_clear_line(fake_lp: Path, pdfs: list[Path]) -> None:
    result = run("print", pdfs[0], "--printer", "Nowhere")
    assert result.exit_code == 1
    assert result.output == "Error: printing failed: lp: The printer or class does not exist.\n"


def test_a_missing_file_is_reported_before_printing(fake_lp: Path, tmp_path: Path) -> None:
    result = run("print", tmp_path / "nope.pdf")
    assert result.exit_code == 1
    assert "nope.pdf: no such file" in result.output
    assert not fake_lp.exists()


def test_no_print_service_is_a_clear_error(
    tmp_path: Path, pdfs: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    result = run("print", pdfs[0])
    assert result.exit_code == 1
    assert "no print service found: 'lp' is not installed" in result.output
