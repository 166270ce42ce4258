"""Initials-only mode hides everything that names the patient: name, date of birth, reference."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
from click.testing import CliRunner

from handouts import api
from handouts.cli import main
from handouts.compose.summary import summary_text
from tests.conftest import Pdf, write_plan

PLAN = {
    "patient": {
        "name": "Zoë Łukasiewicz",
        "date_of_birth": "1984-06-02",
        "reference": "RS-0001",
    },
    "date": "2026-11-24",
    "sections": ["psoas/what-it-does"],
    "exercises": ["step-ups"],
    "options": {"initials": True},
}
# Every way the handout might print the date of birth or the reference.
IDENTIFYING = ("Zoë", "Łukasiewicz", "1984", "2 June", "02/06", "06/02", "RS-0001", "RS 0001")


def _everything_in(data: bytes) -> str:
    """Every page's text plus every string in the file (metadata, XMP), decompressed."""
    text = Pdf(data).text
    with pikepdf.open(io.BytesIO(data)) as pdf:
        strings = [str(v) for v in pdf.docinfo.values()]
        with pdf.open_metadata() as meta:
            strings += [str(v) for v in meta.values()]
    return " ".join([text, *strings])


def test_initials_pdf_has_no_name_dob_or_reference(tmp_path: Path) -> None:
    plan = api.load_plan(write_plan(tmp_path, PLAN))
    clinic = api.clinic_for(plan)
    handout = api.build_handout(plan, api.library_for(clinic), clinic)
    out = api.render_pdf(handout, tmp_path / "out.pdf")
    found = _everything_in(out.read_bytes())
    assert "Z. Ł." in found
    for secret in IDENTIFYING:
        assert secret not in found, secret
    assert "Date of birth" not in found
    assert "Reference" not in found


def test_full_name_mode_still_prints_dob_and_reference(tmp_path: Path) -> None:
    plan = api.load_plan(write_plan(tmp_path, {**PLAN, "options": {}}))
    clinic = api.clinic_for(plan)
    handout = api.build_handout(plan, api.library_for(clinic), clinic)
    text = Pdf(api.render_pdf(handout, tmp_path / "out.pdf").read_bytes()).text
    assert "Zoë Łukasiewicz" in text
    assert "2 June 1984" in text
    assert "RS-0001" in text


def test_initials_summary_has_no_name_dob_or_reference(tmp_path: Path) -> None:
    plan = api.load_plan(write_plan(tmp_path, PLAN))
    clinic = api.clinic_for(plan)
    handout = api.build_handout(plan, api.library_for(clinic), clinic)
    text = summary_text(plan, handout)
    assert "Z. Ł., 2026-11-24" in text
    for secret in IDENTIFYING:
        assert secret not in text, secret


def test_initials_summary_from_the_command_line(tmp_path: Path) -> None:
    plan = write_plan(tmp_path, {**PLAN, "options": {}})
    out = tmp_path / "x.pdf"
    args = ["make", str(plan), "--initials", "-o", str(out), "--summary"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "Z. Ł." in result.stdout
    for secret in IDENTIFYING:
        assert secret not in result.stdout, secret
