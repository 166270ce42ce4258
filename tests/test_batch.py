"""handouts batch: one handout per CSV row, resumable, failures reported per row."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from handouts.cli import main
from handouts.deliver.patients import PatientRow
from handouts.workflow.batch import BatchSettings, RowStatus, RowTask, is_complete, make_one
from handouts.workflow.identity import row_identity
from tests.conftest import REPO, Pdf, write_plan

PLAN = {
    "patient": {"name": "Example Patient"},
    "practitioner": {"name": "Sam Patel", "role": "Physiotherapist"},
    "date": "2026-11-24",
    "exercises": ["hip-flexor-stretch"],
}


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def write_csv(folder: Path, header: list[str], rows: list[list[str]]) -> Path:
    path = folder / "patients.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([header, *rows])
    return path


def one(out: Path, stem: str) -> Path:
    """The one PDF whose name starts with ``stem`` (names end with the patient's identity)."""
    [path] = out.glob(f"{stem}-????????.pdf")
    return path


def jane_id(dob: str) -> str:
    return row_identity({"name": "Jane Doe", "date_of_birth": dob})[:8]


def report(out: Path) -> dict[str, dict[str, str]]:
    with (out / "batch-report.csv").open(newline="", encoding="utf-8") as handle:
        return {row["row"]: row for row in csv.DictReader(handle)}


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return write_plan(tmp_path, PLAN)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_one_handout_per_row_with_the_row_values(tmp_path: Path, plan: Path, jobs: str) -> None:
    patients = write_csv(
        tmp_path,
        ["Name", "Date of birth", "Reference", "Practitioner", "Notes"],
        [
            ["Ann Lee", "1990-01-02", "RS-1", "", "Walk every morning."],
            ["Bob Roe", "", "RS-2", "Priya Shah", ""],
        ],
    )
    out = tmp_path / "out"
    result = run("batch", patients, "--plan", plan, "--out-dir", out, "--jobs", jobs)
    assert result.exit_code == 0, result.output
    assert "2 written, 0 failed" in result.output
    ann = Pdf(one(out, "ann-lee-2026-11-24").read_bytes())
    assert "Ann Lee" in ann.text and "Walk every morning." in ann.text and "RS-1" in ann.text
    assert "Sam Patel" in ann.text
    bob = Pdf(one(out, "bob-roe-2026-11-24").read_bytes())
    assert "Bob Roe" in bob.text and "Priya Shah" in bob.text
    assert "Example Patient" not in ann.text + bob.text
    rows = report(out)
    assert rows["2"]["status"] == "written"
    assert rows["2"]["file"] == str(one(out, "ann-lee-2026-11-24").resolve())
    assert rows["3"]["name"] == "Bob Roe"


def test_same_name_and_date_get_distinct_files_and_a_rerun_skips_them(
    tmp_path: Path, plan: Path
) -> None:
    patients = write_csv(
        tmp_path, ["name", "dob"], [["Jane Doe", "1984-09-03"], ["Jane Doe", "1962-05-21"]]
    )
    out = tmp_path / "out"
    first = run("batch", patients, "--plan", plan, "--out-dir", out)
    assert first.exit_code == 0, first.output
    first_jane, second_jane = (
        out / f"jane-doe-2026-11-24-{jane_id(d)}.pdf" for d in ("1984-09-03", "1962-05-21")
    )
    text = Pdf(first_jane.read_bytes()).text
    assert "1984" in text and "1962" not in text
    assert "1962" in Pdf(second_jane.read_bytes()).text
    before = {p: p.read_bytes() for p in (first_jane, second_jane)}

    again = run("batch", patients, "--plan", plan, "--out-dir", out)
    assert again.exit_code == 0
    assert "0 written, 2 already done, 0 failed" in again.output
    assert {p: p.read_bytes() for p in (first_jane, second_jane)} == before

    forced = run("batch", patients, "--plan", plan, "--out-dir", out, "--force")
    assert "2 written, 0 failed" in forced.output
    assert {p.name for p in out.glob("*.pdf")} == {first_jane.name, second_jane.name}


def test_bad_rows_are_reported_and_the_rest_are_written(tmp_path: Path, plan: Path) -> None:
    bad_plan = write_plan(tmp_path, {**PLAN, "exercises": ["no-such-exercise"]}, "bad.yaml")
    patients = write_csv(
        tmp_path,
        ["name", "dob", "plan"],
        [
            ["Ann Lee", "1990-01-02", ""],
            ["Bob Roe", "02/03/1980", ""],
            ["Cy Poe", "", bad_plan.name],
            ["", "", ""],
            ["Di Fox", "", "", "extra cell"],
            ["Ed Kay", "", "missing.yaml"],
            ["Flo Ng", "", ""],
        ],
    )
    out = tmp_path / "out"
    result = run("batch", patients, "--plan", plan, "--out-dir", out)
    assert result.exit_code == 1
    assert "2 written, 4 failed: rows 3, 4, 6, 7" in result.output
    assert sorted(p.name[:18] for p in out.glob("*.pdf")) == [
        "ann-lee-2026-11-24",
        "flo-ng-2026-11-24-",
    ]
    rows = report(out)
    assert rows["3"]["reason"] == "date_of_birth: expected a date as YYYY-MM-DD"
    assert "unknown exercise 'no-such-exercise'" in rows["4"]["reason"]
    assert rows["6"]["reason"] == "4 cells, but the header has 3 columns"
    assert "missing.yaml" in rows["7"]["reason"]
    assert "row 4: FAILED" in result.output and "Traceback" not in result.output
    assert "5" not in rows  # a blank line is not a patient


def test_unknown_columns_are_an_error_listing_the_known_ones(tmp_path: Path, plan: Path) -> None:
    patients = write_csv(tmp_path, ["name", "phone"], [["Ann Lee", "0123"]])
    result = run("batch", patients, "--plan", plan, "--out-dir", tmp_path / "out")
    assert result.exit_code == 1
    assert f"Error: {patients}:1: unknown column 'phone'; known columns: name, email," in (
        result.output
    )
    assert "date_of_birth (or dob)" in result.output and "plan" in result.output
    assert not (tmp_path / "out").exists()


def test_a_batch_without_any_plan_is_refused(tmp_path: Path) -> None:
    patients = write_csv(tmp_path, ["name"], [["Ann Lee"]])
    result = run("batch", patients, "--out-dir", tmp_path / "out")
    assert result.exit_code == 1
    assert "give --plan PLAN.yaml" in result.output
    assert not (tmp_path / "out").exists()


def test_a_spreadsheet_export_with_semicolons_and_bom_is_read(tmp_path: Path, plan: Path) -> None:
    patients = tmp_path / "patients.csv"
    patients.write_bytes("\ufeffName;DOB\r\nZoë Łukasiewicz;1984-06-02\r\n;\r\n".encode())
    result = run("batch", patients, "--plan", plan, "--out-dir", tmp_path)
    assert result.exit_code == 0, result.output
    assert "Zoë Łukasiewicz" in Pdf(one(tmp_path, "zoe-lukasiewicz-2026-11-24").read_bytes()).text


def test_a_file_in_no_known_encoding_is_one_clear_line(tmp_path: Path, plan: Path) -> None:
    # A Windows-1252 file loads now (tests/test_batch_input.py); these bytes fit no encoding.
    patients = tmp_path / "patients.csv"
    patients.write_bytes(b"name\nAnn\x81\x98\n")
    result = run("batch", patients, "--plan", plan, "--out-dir", tmp_path)
    assert result.exit_code == 1
    assert "cannot tell which text encoding" in result.output and "Traceback" not in result.output


def test_an_interrupted_batch_resumes_without_corrupting_anything(
    tmp_path: Path, plan: Path
) -> None:
    patients = write_csv(tmp_path, ["name"], [["Ann Lee"], ["Bob Roe"], ["Cy Poe"]])
    out = tmp_path / "out"
    out.mkdir()
    # What a power cut leaves: one finished file, one temporary half-file, nothing else.
    assert run("batch", patients, "--plan", plan, "--out-dir", out).exit_code == 0
    finished = one(out, "ann-lee-2026-11-24").read_bytes()
    one(out, "bob-roe-2026-11-24").unlink()
    cy = one(out, "cy-poe-2026-11-24")
    cy.unlink()
    (out / f".{cy.name}.k2j3h4.tmp").write_bytes(b"%PDF-1.4 half")

    result = run("batch", patients, "--plan", plan, "--out-dir", out)
    assert result.exit_code == 0, result.output
    assert "2 written, 1 already done, 0 failed" in result.output
    assert one(out, "ann-lee-2026-11-24").read_bytes() == finished
    assert all(is_complete(p) for p in out.glob("*.pdf"))
    assert not list(out.glob(".*.tmp"))


def test_a_truncated_file_is_never_taken_as_done(
    tmp_path: Path, plan: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    patients = write_csv(tmp_path, ["name"], [["Ann Lee"]])
    out = tmp_path_factory.mktemp("truncated")  # outside tmp_path: this PDF is broken on purpose
    assert run("batch", patients, "--plan", plan, "--out-dir", out).exit_code == 0
    made = one(out, "ann-lee-2026-11-24")
    made.write_bytes(b"%PDF-1.4 truncated by a copy")
    result = run("batch", patients, "--plan", plan, "--out-dir", out)
    assert result.exit_code == 0, result.output
    assert "1 written, 0 failed" in result.output
    assert is_complete(made)


def test_make_one_is_a_function_of_one_row(tmp_path: Path, plan: Path) -> None:
    settings = BatchSettings(csv_folder=tmp_path, out_dir=tmp_path, plan=plan)
    row = PatientRow(7, {"name": "Ann Lee", "reference": "RS-9"})
    task = RowTask(row, row_identity(row.values))
    outcome = make_one(task, settings)
    assert outcome.status is RowStatus.WRITTEN and outcome.number == 7
    assert outcome.path == tmp_path / f"ann-lee-2026-11-24-{task.identity[:8]}.pdf"
    assert "RS-9" in Pdf(outcome.path.read_bytes()).text
    done = {outcome.path.name: (outcome.identity, outcome.fingerprint)}
    settings = BatchSettings(csv_folder=tmp_path, out_dir=tmp_path, plan=plan, done=done)
    again = make_one(task, settings)
    assert again.status is RowStatus.EXISTS


def test_the_example_csv_works_with_the_example_plan(tmp_path: Path) -> None:
    result = run(
        "batch",
        REPO / "examples" / "patients.csv",
        "--plan",
        REPO / "examples" / "beginner-psoas.yaml",
        "--out-dir",
        tmp_path,
    )
    assert result.exit_code == 0, result.output
    assert "4 written, 0 failed" in result.output
    assert len(list(tmp_path.glob("*.pdf"))) == 4


@pytest.mark.parametrize("command", ["batch", "send", "print"])
def test_delivery_commands_have_help_with_examples(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert f"handouts {command} " in result.output.split("Options:")[0]


def test_help_does_not_import_the_pdf_or_mail_stack() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from handouts.cli import main\n"
        "try: main(['--help'])\nexcept SystemExit: pass\n"
        "heavy = ('reportlab', 'pikepdf', 'smtplib', 'jinja2')\n"
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().endswith("[]")


def test_a_batch_plan_needs_no_patient_and_initials_mode_keeps_names_out_of_files(
    tmp_path: Path,
) -> None:
    plan_data = {k: v for k, v in PLAN.items() if k != "patient"}
    plan = write_plan(tmp_path, {**plan_data, "options": {"initials": "true"}})
    patients = write_csv(
        tmp_path, ["name", "dob"], [["Jane Doe", "1980-01-01"], ["John Dee", ""], ["Jane Doe", ""]]
    )
    out = tmp_path / "out"
    result = run("batch", patients, "--plan", plan, "--out-dir", out)
    assert result.exit_code == 0, result.output
    names = sorted(p.name[:15] for p in out.glob("*.pdf"))
    assert names == ["j-d-2026-11-24-"] * 3
    assert "Jane" not in " ".join(Pdf(p.read_bytes()).text for p in out.glob("*.pdf"))
    assert "Jane" not in (out / "batch-report.csv").read_text(encoding="utf-8")
    again = run("batch", patients, "--plan", plan, "--out-dir", out)
    assert "0 written, 3 already done, 0 failed" in again.output


def test_rows_may_name_a_programme_instead_of_a_plan(tmp_path: Path) -> None:
    patients = write_csv(
        tmp_path,
        ["name", "programme"],
        [["Ann Lee", "psoas-starter"], ["Bob Roe", "runner-hip-flexors"], ["Cy Poe", "nope"]],
    )
    out = tmp_path / "out"
    result = run("batch", patients, "--out-dir", out)
    assert result.exit_code == 1
    assert "2 written, 1 failed: row 4" in result.output
    [ann] = out.glob("ann-lee-*.pdf")
    [bob] = out.glob("bob-roe-*.pdf")
    ann_text, bob_text = Pdf(ann.read_bytes()).text, Pdf(bob.read_bytes()).text
    assert "Ann Lee" in ann_text and "Knees to chest stretch" in ann_text
    assert "Step-ups" not in ann_text
    assert "Bob Roe" in bob_text and "Step-ups" in bob_text
    assert "nope" in report(out)["4"]["reason"]
