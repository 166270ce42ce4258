"""One patient record, two ways in: ``make`` with flags and a ``batch`` row reach the same outcome.

Each record below is one class of hostile or unusual patient data (issue 13).
Both ways must agree: the same handout text, or the same refusal for the same
field; never a traceback, never the patient's text in a message; and every
PDF made opens in three independent readers (qpdf, poppler, MuPDF).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from handouts.cli import main
from tests.conftest import Pdf, readers_accept, write_plan

PLAN = {"date": "2026-11-24", "exercises": ["step-ups"], "sections": ["psoas/signs"]}
SECRET = "Quenby"  # in every record's text: no message may show it

RECORDS = {
    "plain": {"name": f"{SECRET} Smith", "dob": "1980-02-03", "reference": "R-1"},
    "diacritics and CJK": {"name": f"{SECRET} Łukasiewicz 王小明", "reference": "R-2"},
    "right to left": {"name": f"{SECRET} محمد علي", "notes": "שלום\u200f!"},
    "bidi override": {"name": f"\u202e{SECRET} exe.txt\u202c", "reference": "R-3"},
    "invisible": {"name": f"{SECRET}\u200b Smith\ufeff", "reference": "R-4"},
    "ansi escape": {"name": f"{SECRET}\x1b[31m Red\x1b[0m", "notes": "a\x00b\x07c"},
    "markup": {"name": f"<b>{SECRET}</b> &amp; <img src=x>", "notes": "<font size=80>x</font>"},
    "only invisible": {"name": "\u200b\u2060\ufeff"},
    "name too long": {"name": SECRET * 60},
    "bad date of birth": {"name": f"{SECRET} Doe", "dob": "31/02/1980"},
    "notes too long": {"name": f"{SECRET} Doe", "notes": SECRET * 4000},
    "emoji": {"name": f"{SECRET} 👩\u200d⚕️", "reference": "R-5"},
}
FLAGS = {"name": "--patient", "dob": "--dob", "reference": "--reference", "notes": "--notes"}
COLUMN_OF = {"patient.name": "name", "patient.date_of_birth": "date_of_birth", "notes": "notes"}


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def by_make(tmp_path: Path, plan: Path, record: dict[str, str]) -> tuple[Path | None, str]:
    out = tmp_path / "make" / "handout.pdf"
    out.parent.mkdir()
    flags = [part for key, value in record.items() for part in (FLAGS[key], value)]
    result = run("make", plan, *flags, "-o", out)
    assert "Traceback" not in result.output
    return (out if result.exit_code == 0 else None), result.output


def by_batch(tmp_path: Path, plan: Path, record: dict[str, str]) -> tuple[Path | None, str]:
    patients = tmp_path / "patients.csv"
    with patients.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(list(record))
        writer.writerow(list(record.values()))
    out = tmp_path / "batch"
    result = run("batch", patients, "--plan", plan, "--out-dir", out, "--jobs", "1")
    assert "Traceback" not in result.output
    made = sorted(out.glob("*.pdf"))
    return (made[0] if made else None), result.output


@pytest.mark.parametrize("record", RECORDS.values(), ids=list(RECORDS))
def test_make_and_batch_reach_the_same_outcome(tmp_path: Path, record: dict[str, str]) -> None:
    plan = write_plan(tmp_path, PLAN)
    made, said = by_make(tmp_path, plan, record)
    row, row_said = by_batch(tmp_path, plan, record)
    assert SECRET not in said and SECRET not in row_said
    assert (made is None) == (row is None), (said, row_said)
    if made is None:
        # The same field refused: "command line: patient.name: …" and "row 2 …(name: …)".
        field = said.split("command line: ", 1)[1].split(":", 1)[0]
        assert f"({COLUMN_OF[field]}: " in row_said, (said, row_said)
        return
    assert row is not None and row.name.isascii()
    assert Pdf(made.read_bytes()).text == Pdf(row.read_bytes()).text
    for pdf in (made, row):
        readers_accept(pdf)
