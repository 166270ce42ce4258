"""Start-up and size properties: what the fast commands import, what a PDF carries."""

from __future__ import annotations

import io
import json
import os
import struct
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pypdfium2
import pytest
import zxingcpp

from handouts.models.clinic import Clinic
from tests.conftest import ALL_EXERCISES, Pdf

ROOT = Path(__file__).resolve().parent.parent
PDF_STACK = ("reportlab", "svglib", "PIL", "lxml")

# Runs the CLI in a fresh interpreter, then reports which PDF-stack packages it loaded.
_PROBE = """
import json, os, sys
from handouts.cli import main
main(sys.argv[1:], standalone_mode=False)
stack = set(os.environ["PDF_STACK"].split())
loaded = sorted({m.split(".")[0] for m in sys.modules} & stack)
sys.stderr.write("LOADED=" + json.dumps(loaded))
"""


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["list"],
        ["list", "sections"],
        ["list", "programmes"],
        ["show", "hip-flexor-stretch"],
        ["show", "psoas-starter"],
    ],
    ids=" ".join,
)
def test_fast_commands_do_not_import_the_pdf_stack(args: list[str]) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PDF_STACK": " ".join(PDF_STACK)}
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *args], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip(), "the command printed something"
    loaded = json.loads(done.stderr.rsplit("LOADED=", 1)[1])
    assert loaded == [], f"handouts {' '.join(args)} imported {loaded}"


def _font_tables(pdf: Pdf) -> dict[str, set[str]]:
    """The table tags of each embedded TrueType font program, by font name."""
    found: dict[str, set[str]] = {}
    for page in pdf.reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/FontDescriptor"].get_object()
            program = descriptor["/FontFile2"].get_object().get_data()
            (count,) = struct.unpack(">H", program[4:6])
            tags = {program[12 + 16 * i : 16 + 16 * i].decode("latin-1") for i in range(count)}
            found[str(descriptor["/FontName"])] = tags
    return found


def test_embedded_fonts_are_slimmed_and_renamed(render: Callable[..., Pdf]) -> None:
    pdf = render({"patient": {"name": "Zoë Łukasiewicz"}, "exercises": ["step-ups"]})
    tables = _font_tables(pdf)
    assert tables, "the PDF embeds fonts"
    for name, tags in tables.items():
        # The Bitstream Vera licence forbids these words in a modified font's name.
        assert "Vera" not in name and "Bitstream" not in name and "HandoutSans" in name
        assert {"glyf", "cmap", "hmtx"} <= tags, name
        assert not tags & {"fpgm", "prep", "cvt "}, f"{name} still carries hinting"


def test_streams_are_binary_not_ascii85(render: Callable[..., Pdf]) -> None:
    pdf = render({"patient": {"name": "Jane Doe"}, "exercises": ALL_EXERCISES[:2]})
    assert b"/FlateDecode" in pdf.data
    assert b"ASCII85Decode" not in pdf.data


def test_header_and_footer_are_stored_once(render: Callable[..., Pdf]) -> None:
    pdf = render({"patient": {"name": "Jane Doe"}, "exercises": ALL_EXERCISES})
    assert len(pdf.reader.pages) > 2
    forms = {
        id(page["/Resources"]["/XObject"]["/FormXob.furniture"].get_object())
        for page in pdf.reader.pages
    }
    assert len(forms) == 1
    for text in pdf.pages:
        assert "Riverside Sports Therapy" in text
        assert "01632 960 123" in text


def test_qr_code_scans_to_the_video_address(render: Callable[..., Pdf], clinic: Clinic) -> None:
    pdf = render({"patient": {"name": "Jane Doe"}, "exercises": ["hip-flexor-stretch"]})
    page = pypdfium2.PdfDocument(io.BytesIO(pdf.data))[pdf.page_of("Scan for a video")]
    image = page.render(scale=300 / 72).to_pil()
    found = [result.text for result in zxingcpp.read_barcodes(image)]
    # the example clinic's address for this exercise
    assert found == [clinic.exercise_videos["hip-flexor-stretch"]]


# What making an English handout, without sending it, never needs: sending (SMTP, TLS,
# email), batches (multiprocessing, CSV encodings), Arabic shaping, and the tools
# that compile other languages' catalogues.
_NOT_FOR_MAKE = (
    "smtplib",
    "ssl",
    "email_validator",
    "multiprocessing",
    "charset_normalizer",
    "arabic_reshaper",
    "bidi",
    "babel.messages",
    "http",
)


def test_making_a_handout_imports_neither_sending_nor_batches(tmp_path: Path) -> None:
    probe = _PROBE.replace('split(".")[0]', 'split(".")[0] if m.split(".")[0] != "babel" else m')
    stack = " ".join(_NOT_FOR_MAKE)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PDF_STACK": stack}
    args = ["demo", "-o", str(tmp_path / "demo.pdf")]
    done = subprocess.run(
        [sys.executable, "-c", probe, *args], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "demo.pdf").stat().st_size > 10_000
    loaded = json.loads(done.stderr.rsplit("LOADED=", 1)[1])
    assert loaded == [], f"handouts demo imported {loaded}"


def test_a_batchs_parent_process_leaves_the_pdf_stack_to_its_workers(tmp_path: Path) -> None:
    # Why: every process of a batch counts against its memory; the parent reads the
    # list and reports, the workers render.
    patients = tmp_path / "patients.csv"
    patients.write_text("name,date_of_birth\nAda Lovelace,1980-01-02\nAlan Turing,1979-03-04\n")
    out = tmp_path / "out"
    args = ["batch", str(patients), "--plan", str(ROOT / "assets" / "demo-plan.yaml")]
    args += ["--out-dir", str(out), "--jobs", "2"]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PDF_STACK": " ".join((*PDF_STACK, "pikepdf"))}
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *args], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert len(list(out.glob("*.pdf"))) == 2
    loaded = json.loads(done.stderr.rsplit("LOADED=", 1)[1])
    assert loaded == [], f"the batch's parent imported {loaded}"
