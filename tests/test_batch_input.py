"""Issue 13, batch input: CSV encodings, and a batch report safe to open in a spreadsheet."""

from __future__ import annotations

import codecs
import csv
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handouts.cli import main
from handouts.deliver import patients as patients_module
from handouts.deliver.patients import PatientRow, csv_encoding, read_patients
from handouts.errors import InputFileError
from handouts.workflow.batch import RowOutcome, RowStatus
from handouts.workflow.report import BatchReport
from tests.conftest import write_plan

PLAN = {
    "patient": {"name": "Example Patient"},
    "practitioner": {"name": "Sam Patel", "role": "Physiotherapist"},
    "date": "2026-11-24",
    "exercises": ["hip-flexor-stretch"],
}
WESTERN = ["Zoë Adams", "Hans Müller", "José García", "Ana Muñoz"]
SAVE_AS = "not valid UTF-8 text; in your spreadsheet choose 'CSV UTF-8' when saving"


def write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "patients.csv"
    path.write_bytes(data)
    return path


def rows(path: Path) -> dict[int, PatientRow]:
    return {row.number: row for row in read_patients(path)}


def names(path: Path) -> list[str]:
    return [row.values["name"] for row in read_patients(path)]


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def report(out: Path) -> dict[str, dict[str, str]]:
    with (out / "batch-report.csv").open(newline="", encoding="utf-8") as handle:
        return {row["row"]: row for row in csv.DictReader(handle)}


# --- encodings -------------------------------------------------------------------


def test_a_windows_excel_csv_loads_with_the_right_names(tmp_path: Path) -> None:
    text = "Name,DOB\r\n" + "".join(f"{n},\r\n" for n in WESTERN)
    path = write(tmp_path, text.encode("cp1252"))
    assert csv_encoding(path) == "Windows-1252"
    assert names(path) == WESTERN


def test_one_accented_name_in_a_windows_csv_is_enough(tmp_path: Path) -> None:
    path = write(tmp_path, "name\nZo\xeb\n".encode("latin-1"))
    assert csv_encoding(path) == "Windows-1252"
    assert names(path) == ["Zoë"]


def test_a_semicolon_windows_export_keeps_its_punctuation(tmp_path: Path) -> None:
    text = "Name;Notes\r\nZoë Adams;costs 5€ – “knee” ‘twice’\r\nJosé García;\r\n"
    path = write(tmp_path, text.encode("cp1252"))
    assert csv_encoding(path) == "Windows-1252"
    found = rows(path)
    assert found[2].values == {"name": "Zoë Adams", "notes": "costs 5€ – “knee” ‘twice’"}
    assert found[3].values["name"] == "José García"


def test_a_cyrillic_windows_export_loads(tmp_path: Path) -> None:
    text = "name,notes\r\nИван Петров,боль в колене\r\nОльга Смирнова,плечо\r\n"
    path = write(tmp_path, text.encode("cp1251"))
    assert csv_encoding(path) == "Windows-1251"
    assert names(path) == ["Иван Петров", "Ольга Смирнова"]


def test_utf8_with_and_without_a_bom(tmp_path: Path) -> None:
    text = "Name;DOB\r\nZoë Łukasiewicz;1984-06-02\r\n今井 花子;\r\n"
    plain = write(tmp_path, text.encode())
    assert csv_encoding(plain) == "UTF-8"
    assert names(plain) == ["Zoë Łukasiewicz", "今井 花子"]
    bom = write(tmp_path, codecs.BOM_UTF8 + text.encode())
    assert csv_encoding(bom) == "UTF-8 with BOM"
    assert names(bom) == ["Zoë Łukasiewicz", "今井 花子"]  # the BOM is not part of "Name"


def test_ascii_is_utf8(tmp_path: Path) -> None:
    assert csv_encoding(write(tmp_path, b"name\nAnn Lee\n")) == "UTF-8"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be"])
@pytest.mark.parametrize("separator", [",", "\t"])
def test_utf16_with_a_bom_loads(tmp_path: Path, codec: str, separator: str) -> None:
    # Excel's "Unicode text" is UTF-16 (little-endian, with a BOM), tab-separated.
    bom = "\ufeff" if codec == "utf-16-be" else ""  # the utf-16 codec writes its own
    text = f"{bom}Name{separator}Notes\r\nZoë Adams{separator}knee\r\n今井 花子{separator}\r\n"
    path = write(tmp_path, text.encode(codec))
    assert csv_encoding(path) == "UTF-16"
    found = rows(path)
    assert found[2].values == {"name": "Zoë Adams", "notes": "knee"}
    assert found[3].values["name"] == "今井 花子"


def test_a_broken_utf16_file_is_one_clear_line(tmp_path: Path) -> None:
    path = write(tmp_path, codecs.BOM_UTF16_LE + "name\nAnn".encode("utf-16-le") + b"\x00\xd8")
    with pytest.raises(InputFileError, match="is not valid UTF-16 text; in your spreadsheet"):
        list(read_patients(path))


def test_a_file_in_no_known_encoding_is_one_clear_line(tmp_path: Path) -> None:
    # 0x81 and 0x98 are unassigned in Windows-1250, -1251 and -1252 together.
    path = write(tmp_path, b"name\nAnn\x81\x98\n")
    with pytest.raises(InputFileError, match="cannot tell which text encoding") as caught:
        list(read_patients(path))
    assert str(path) in caught.value.message


def test_one_bad_byte_fails_only_its_row(tmp_path: Path) -> None:
    data = "name,email\nZoë Adams,zoe@example.org\n".encode() + b"Bad \xff Name,\n"
    path = write(tmp_path, data + "José García,\n".encode())
    assert csv_encoding(path) == "UTF-8"
    found = rows(path)
    assert found[2].values == {"name": "Zoë Adams", "email": "zoe@example.org"}
    assert found[3] == PatientRow(3, {}, f"name: {SAVE_AS}")  # the column, never the value
    assert found[4].values["name"] == "José García" and not found[4].problem


def test_a_bad_byte_in_a_cell_spanning_lines_fails_that_one_row(tmp_path: Path) -> None:
    data = b'name,notes\n"Zo\xc3\xab","first line\nsecond \xe9 line"\nJos\xc3\xa9,"a\nb"\n'
    found = rows(write(tmp_path, data))
    assert found[2] == PatientRow(2, {}, f"notes: {SAVE_AS}")
    assert found[3].values == {"name": "José", "notes": "a\nb"}


def test_a_bad_byte_in_an_ignored_column_does_no_harm(tmp_path: Path) -> None:
    data = "name,\nZoë,\n".encode() + b"Ann,\xff\n"
    assert [(r.values, r.problem) for r in read_patients(write(tmp_path, data))] == [
        ({"name": "Zoë"}, ""),
        ({"name": "Ann"}, ""),
    ]


def test_a_bad_byte_in_the_header_names_line_1(tmp_path: Path) -> None:
    path = write(tmp_path, b"na\xffme\n" + "Zoë\nJosé\n".encode())
    with pytest.raises(InputFileError, match=r":1: the header is not valid UTF-8 text"):
        list(read_patients(path))


def test_a_huge_file_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(patients_module, "MAX_CSV_BYTES", 100)
    path = write(tmp_path, b"name\n" + b"Ann Lee\n" * 20)
    with pytest.raises(InputFileError, match="is larger than 0 MB; split it"):
        csv_encoding(path)


def test_batch_of_a_windows_csv_with_a_bad_utf8_row(tmp_path: Path) -> None:
    plan = write_plan(tmp_path, PLAN)
    windows = write(tmp_path, "name\r\nZoë Adams\r\nJosé García\r\n".encode("cp1252"))
    out = tmp_path / "out"
    result = run("batch", windows, "--plan", plan, "--out-dir", out)
    assert result.exit_code == 0, result.output
    assert [r["name"] for r in report(out).values()] == ["Zoë Adams", "José García"]

    mixed = "name\nZoë Adams\n".encode() + b"Secret \xff Person\n" + "José García\n".encode()
    write(tmp_path, mixed)
    result = run("batch", windows, "--plan", plan, "--out-dir", out)
    assert result.exit_code == 1
    assert "2 already done, 1 failed: row 3" in result.output
    assert f"row 3: FAILED (name: {SAVE_AS})" in result.output
    assert "Traceback" not in result.output and "Secret" not in result.output
    assert report(out)["3"]["reason"] == f"name: {SAVE_AS}"
    assert "Secret" not in (out / "batch-report.csv").read_text(encoding="utf-8")


# --- the report ------------------------------------------------------------------

HOSTILE = [
    '=HYPERLINK("http://x","click")',
    "+1",
    "-2",
    "@SUM(A1)",
    "\tX",
    "\rX",
    "Ann\x00Lee",
    "Ann\x1b[31mLee\x1b[0m",
    "Ann\x07Lee",
    "\x00=1+1",
    "Ann\u202eeeL",
    "\u2066Ann\u2069 Zo\u200bë\ufeff",
    "  =1",
    "\uff1d1",
    "Ann\nLee",
]
FORMULA = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def written(tmp_path: Path, outcomes: list[RowOutcome]) -> list[list[str]]:
    path = tmp_path / "batch-report.csv"
    with BatchReport(path) as log:
        for outcome in outcomes:
            log.add(outcome)
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))[1:]


def assert_safe(cell: str) -> None:
    assert not cell.lstrip().startswith(FORMULA), cell
    assert not [c for c in cell if unicodedata.category(c) in {"Cc", "Cf", "Cs", "Zl", "Zp"}]


def test_report_cells_are_neutralised(tmp_path: Path) -> None:
    pdf = tmp_path / "out" / "ann-lee-2026-11-24-1a2b3c4d.pdf"
    outcomes = [
        RowOutcome(n, RowStatus.WRITTEN, name, pdf, reason=name)
        for n, name in enumerate(HOSTILE, start=2)
    ]
    lines = written(tmp_path, outcomes)
    assert [line[0] for line in lines] == [str(n) for n in range(2, 2 + len(HOSTILE))]
    for line in lines:
        assert line[2:4] == ["written", str(pdf)]  # status and file stay exact
        for cell in line:
            assert_safe(cell)
    assert [line[1] for line in lines] == [
        '\'=HYPERLINK("http://x","click")',
        "'+1",
        "'-2",
        "'@SUM(A1)",
        " X",
        " X",
        "AnnLee",
        "AnnLee",
        "AnnLee",
        "'=1+1",
        "AnneeL",
        "Ann Zoë",
        "'  =1",
        "'\uff1d1",
        "Ann Lee",
    ]
    assert [line[5] for line in lines] == [line[1] for line in lines]


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=st.text(st.characters(exclude_categories=()), max_size=40),
    reason=st.text(st.characters(exclude_categories=()), max_size=40),
)
def test_no_name_makes_an_unsafe_report_cell(tmp_path: Path, name: str, reason: str) -> None:
    # Kept: nothing of Cc or Cf (and no surrogates or line/paragraph separators).
    [line] = written(tmp_path, [RowOutcome(7, RowStatus.FAILED, name, reason=reason)])
    assert line[0] == "7" and line[2] == "failed"
    for cell in line:
        assert_safe(cell)


def test_the_batch_says_which_encoding_it_read(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from handouts.cli import main
    from tests.conftest import write_plan

    plan = write_plan(tmp_path, {"date": "2026-11-24", "exercises": ["step-ups"]})
    patients = tmp_path / "patients.csv"
    patients.write_bytes("name\nZoë Müller\n".encode("cp1252"))
    result = CliRunner().invoke(
        main, ["batch", str(patients), "--plan", str(plan), "--out-dir", str(tmp_path / "out")]
    )
    assert result.exit_code == 0, result.output
    assert "patients.csv: read as Windows-1252" in result.stderr
