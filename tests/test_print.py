"""handouts print: the lp command line, through a stand-in lp that records its arguments."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from pypdf import PdfReader

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
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    # Stand-ins the stand-in lp never reads; kept out of tmp_path, whose PDFs
    # conftest checks for structural soundness.
    folder = tmp_path_factory.mktemp("to-print")
    files = [folder / "jane doe.pdf", folder / "-tom.pdf"]
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


def _pdf_printer_ready() -> bool:
    if shutil.which("lpstat") is None:
        return False
    done = subprocess.run(["lpstat", "-p", "PDF"], capture_output=True, text=True, check=False)
    return done.returncode == 0 and "printer PDF" in done.stdout


@pytest.mark.skipif(not _pdf_printer_ready(), reason="no CUPS PDF printer (tools/test-printer.sh)")
def test_prints_for_real_to_the_cups_pdf_printer(tmp_path: Path) -> None:
    handout = tmp_path / "print-me-for-real.pdf"
    made = run("make", "--patient", "Printed Patient", "--exercise", "step-ups", "-o", handout)
    assert made.exit_code == 0, made.output
    out_dir = Path.home() / "PDF"  # cups-pdf's default: Out ${HOME}/PDF
    before = set(out_dir.glob("*.pdf")) if out_dir.is_dir() else set()
    result = run("print", handout, "--printer", "PDF")
    assert result.exit_code == 0, result.output
    assert "request id is PDF-" in result.output
    # The spooler works in the background: wait (bounded) for its file to appear.
    printed: list[Path] = []
    last_size = -1
    for _ in range(120):
        printed = [p for p in out_dir.glob("print-me-for-real*.pdf") if p not in before]
        size = printed[0].stat().st_size if printed else -1
        if size > 0 and size == last_size:  # finished: the same size twice in a row
            break
        last_size = size
        time.sleep(0.25)
    assert printed, f"cups-pdf wrote nothing to {out_dir}"
    text = " ".join(page.extract_text() or "" for page in PdfReader(printed[0]).pages)
    assert "Printed Patient" in text and "Step-ups" in text
    printed[0].unlink()
