"""Dates on the sheet and in the file: the next appointment in words like the handout's
date, and the PDF's creation date is the handout's date while the bytes stay reproducible."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from handouts import api
from handouts.cli import main
from handouts.compose.build import build_handout
from handouts.errors import ValidationError
from handouts.models.plan import Plan
from handouts.render.pdf import render_pdf_bytes
from tests.conftest import Pdf, squash, write_plan

BASE: dict[str, Any] = {
    "patient": {"name": "Jane Doe"},
    "date": "2026-11-24",
    "exercises": ["step-ups"],
}


def _rows(plan: Plan) -> dict[str, str]:
    handout = build_handout(plan, api.load_library(), api.load_clinic())
    return {str(label): str(value) for label, value in handout.patient_rows}


@pytest.mark.parametrize(
    ("written", "printed"),
    [
        ("2026-12-15 18:00", "Tuesday 15 December 2026, 18:00"),
        ("2026-12-15T18:00", "Tuesday 15 December 2026, 18:00"),
        ("2026-12-15 18:00:00", "Tuesday 15 December 2026, 18:00"),
        ("2026-12-15 9:05", "Tuesday 15 December 2026, 09:05"),
        ("  2026-12-15 18:00 ", "Tuesday 15 December 2026, 18:00"),
        ("2026-12-15", "Tuesday 15 December 2026"),
        ("2027-01-01", "Friday 1 January 2027"),
        (dt.datetime(2026, 12, 15, 18, 0), "Tuesday 15 December 2026, 18:00"),
        (dt.date(2026, 12, 15), "Tuesday 15 December 2026"),
        # Free text is printed as typed, dates inside it included.
        ("Tuesday 8 Dec, 10:30", "Tuesday 8 Dec, 10:30"),
        ("2026-12-15 at 6pm", "2026-12-15 at 6pm"),
        ("in 2 weeks (ring to book)", "in 2 weeks (ring to book)"),
    ],
)
def test_next_appointment_prints_like_the_handout_date(written: object, printed: str) -> None:
    rows = _rows(Plan.model_validate({**BASE, "next_appointment": written}))
    assert rows["Next appointment"] == printed
    assert rows["Date"] == "24 November 2026"  # the same day-month-year style


def test_an_unquoted_yaml_timestamp_reaches_the_pdf_in_words(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(
        "patient: {name: Jane Doe}\ndate: 2026-11-24\nexercises: [step-ups]\n"
        "next_appointment: 2026-12-15 18:00\n",
        encoding="utf-8",
    )
    out = api.make_handout(api.load_plan(path), tmp_path / "out.pdf")
    text = Pdf(out.read_bytes()).pages[0]
    assert "NEXT APPOINTMENT Tuesday 15 December 2026, 18:00" in text


@pytest.mark.parametrize("written", ["2026-02-30", "2026-12-15 25:00", "2026-12-15 18:75"])
def test_a_date_that_does_not_exist_is_refused(tmp_path: Path, written: str) -> None:
    path = write_plan(tmp_path, {**BASE, "next_appointment": written})
    with pytest.raises(ValidationError) as caught:
        api.load_plan(path)
    assert caught.value.message == (
        f"{path}:6: next_appointment: expected a date and time that exist, "
        "like 2026-12-15 18:00, or any text"
    )


def test_next_appointment_flag_and_summary(tmp_path: Path) -> None:
    out = tmp_path / "out.pdf"
    result = CliRunner().invoke(
        main,
        [
            "make",
            "--patient",
            "Jane Doe",
            "--date",
            "2026-11-24",
            "--exercise",
            "step-ups",
            "--next-appointment",
            "2026-12-15T18:00",
            "-o",
            str(out),
            "--summary",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Next appointment: Tuesday 15 December 2026, 18:00" in result.stdout
    assert "Tuesday 15 December 2026, 18:00" in Pdf(out.read_bytes()).pages[0]


# --- The PDF's own dates -----------------------------------------------------------------


def _pdf_bytes(date: str) -> bytes:
    plan = Plan.model_validate({**BASE, "date": date})
    return render_pdf_bytes(build_handout(plan, api.load_library(), api.load_clinic()))


@pytest.mark.parametrize("date", ["2026-11-24", "2027-02-28", "2030-12-31"])
def test_pdf_creation_date_is_the_handout_date(date: str) -> None:
    info = PdfReader(io.BytesIO(_pdf_bytes(date))).metadata
    assert info is not None
    day = dt.date.fromisoformat(date)
    midnight = dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)
    assert info.creation_date == midnight
    assert info.modification_date == midnight
    assert info["/CreationDate"] == f"D:{day:%Y%m%d}000000+00'00'"


def test_same_input_same_bytes_and_only_the_dates_differ_between_days() -> None:
    first, again = _pdf_bytes("2026-11-24"), _pdf_bytes("2026-11-24")
    assert first == again
    later = _pdf_bytes("2026-11-25")
    assert later != first
    # The handout's date is printed on the sheet too; the file has no other clock in it
    # (read uncompressed: the document information sits in a compressed object stream).
    first, later = _uncompressed(first), _uncompressed(later)
    assert b"D:20261124" in first and b"D:20261125" in later and b"D:2000" not in later


def _uncompressed(data: bytes) -> bytes:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        out = io.BytesIO()
        pdf.save(
            out,
            object_stream_mode=pikepdf.ObjectStreamMode.disable,
            compress_streams=False,
            stream_decode_level=pikepdf.StreamDecodeLevel.generalized,
        )
        return out.getvalue()


def test_made_files_are_byte_identical(tmp_path: Path) -> None:
    plan = api.load_plan(write_plan(tmp_path, {**BASE, "next_appointment": "2026-12-15 18:00"}))
    one = api.make_handout(plan, tmp_path / "one.pdf").read_bytes()
    two = api.make_handout(plan, tmp_path / "two.pdf").read_bytes()
    assert one == two
    assert "Tuesday 15 December 2026" in squash(Pdf(one).text)
