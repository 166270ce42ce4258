"""Which patient: a batch row's file belongs to that row's patient, from those inputs.

Reproduced first on main: two "Jane Doe" rows with different references; the
first row deleted and the batch run again, the second Jane was emailed the
first Jane's handout, because file names were numbered by order among namesakes.
"""

from __future__ import annotations

import csv
import email
import os
import shutil
import signal
import subprocess
import sys
import time
from email.message import Message
from pathlib import Path

import pikepdf
import pytest
import yaml
from click.testing import CliRunner, Result

from handouts.cli import main
from tests.conftest import REPO, Pdf, write_plan

PLAN = {"date": "2026-11-24", "exercises": ["hip-flexor-stretch"]}


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def write_csv(folder: Path, header: list[str], rows: list[list[str]]) -> Path:
    path = folder / "patients.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([header, *rows])
    return path


def clinic_copy(folder: Path, name: str, sender: str) -> Path:
    """The example clinic under another name and address (a real clinic, not the sample)."""
    folder.mkdir(parents=True)
    shutil.copy(REPO / "assets/clinic/logo.svg", folder / "logo.svg")
    profile = yaml.safe_load((REPO / "assets/clinic/clinic.yaml").read_text())
    profile.update(name=name, email=sender)
    profile.pop("smtp", None)
    (folder / "clinic.yaml").write_text(yaml.safe_dump(profile))
    return folder / "clinic.yaml"


def drafts(out: Path) -> dict[str, Message]:
    return {p.name: email.message_from_bytes(p.read_bytes()) for p in out.glob("*.eml")}


def attached_text(message: Message) -> str:
    for part in message.walk():
        if part.get_content_type() == "application/pdf":
            payload = part.get_payload(decode=True)
            assert isinstance(payload, bytes)
            return Pdf(payload).text
    raise AssertionError("no PDF attached")


def test_deleting_a_namesake_row_never_gives_one_patient_the_others_sheet(
    tmp_path: Path,
) -> None:
    clinic = clinic_copy(tmp_path / "clinic", "Harbour Physio", "desk@harbour.example.org")
    plan = write_plan(tmp_path, {**PLAN, "clinic": str(clinic)})
    header = ["name", "reference", "dob", "email"]
    first = ["Jane Doe", "HB-1", "1984-09-03", "jane.one@example.org"]
    second = ["Jane Doe", "HB-2", "1962-05-21", "jane.two@example.org"]
    out = tmp_path / "out"
    patients = write_csv(tmp_path, header, [first, second])
    made = run("batch", patients, "--plan", plan, "--out-dir", out, "--eml")
    assert made.exit_code == 0, made.output
    before = drafts(out)
    assert len(before) == 2

    patients = write_csv(tmp_path, header, [second])
    again = run("batch", patients, "--plan", plan, "--out-dir", out, "--eml", "--resend")
    assert again.exit_code == 0, again.output
    assert "0 written, 1 already done" in again.output
    for message in drafts(out).values():
        text = attached_text(message)
        if message["To"] == "jane.two@example.org":
            assert "HB-2" in text and "HB-1" not in text
        else:
            assert "HB-1" in text and "HB-2" not in text


@pytest.mark.parametrize(
    ("rows", "kind"),
    [
        ([["Ann Lee", "R1", ""], ["Ann Leigh", "r1", ""]], "reference"),
        ([["Ann Lee", "", "1990-01-02"], ["ann  lee", "", "1990-01-02"]], "name and date of birth"),
        ([["Ann Lee", "", ""], ["Ann Lee", "", ""]], "row content"),
    ],
)
def test_two_rows_for_one_patient_are_an_error_naming_both(
    tmp_path: Path, rows: list[list[str]], kind: str
) -> None:
    plan = write_plan(tmp_path, PLAN)
    patients = write_csv(tmp_path, ["name", "reference", "dob"], [["Bob Roe", "", ""], *rows])
    result = run("batch", patients, "--plan", plan, "--out-dir", tmp_path / "out")
    assert result.exit_code == 1
    assert f"rows 3 and 4 are the same patient (same {kind})" in result.output
    assert "Ann" not in result.output  # names the rows, never quotes them
    assert not list((tmp_path / "out").glob("*.pdf"))


def test_an_edited_row_is_remade_not_taken_as_done(tmp_path: Path) -> None:
    plan = write_plan(tmp_path, PLAN)
    out = tmp_path / "out"
    patients = write_csv(tmp_path, ["name", "reference", "notes"], [["Ann Lee", "R1", "Walk."]])
    assert run("batch", patients, "--plan", plan, "--out-dir", out).exit_code == 0
    patients = write_csv(tmp_path, ["name", "reference", "notes"], [["Ann Lee", "R1", "Swim."]])
    result = run("batch", patients, "--plan", plan, "--out-dir", out)
    assert "1 written, 0 failed" in result.output, result.output
    [pdf] = out.glob("*.pdf")
    text = Pdf(pdf.read_bytes()).text
    assert "Swim." in text and "Walk." not in text


def test_asking_for_a_password_later_remakes_unprotected_files(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    plan = write_plan(tmp_path, PLAN)
    out = tmp_path_factory.mktemp("protected")  # encrypted PDFs: not for the sound-PDF check
    rows = [["Ann Lee", "1990-01-02"], ["Bob Roe", "1980-03-04"], ["Cy Poe", "1970-05-06"]]
    patients = write_csv(tmp_path, ["name", "dob"], rows)
    assert run("batch", patients, "--plan", plan, "--out-dir", out).exit_code == 0
    result = run("batch", patients, "--plan", plan, "--out-dir", out, "--password-from", "dob")
    assert result.exit_code == 0, result.output
    assert "3 written, 0 failed" in result.output
    for pdf in out.glob("*.pdf"):
        with pytest.raises(pikepdf.PasswordError):
            pikepdf.open(pdf)


def test_each_row_is_emailed_from_its_own_clinic(tmp_path: Path) -> None:
    harbour = clinic_copy(tmp_path / "harbour", "Harbour Physio", "desk@harbour.example.org")
    hill = clinic_copy(tmp_path / "hill", "Hill Clinic", "hello@hill.example.org")
    write_plan(tmp_path, {**PLAN, "clinic": str(harbour)}, "harbour.yaml")
    write_plan(tmp_path, {**PLAN, "clinic": str(hill)}, "hill.yaml")
    patients = write_csv(
        tmp_path,
        ["name", "email", "plan"],
        [
            ["Ann Lee", "ann@example.org", "harbour.yaml"],
            ["Bob Roe", "bob@example.org", "hill.yaml"],
        ],
    )
    out = tmp_path / "out"
    result = run("batch", patients, "--out-dir", out, "--eml")
    assert result.exit_code == 0, result.output
    senders = {m["To"]: m["From"] for m in drafts(out).values()}
    assert "harbour.example.org" in senders["ann@example.org"]
    assert "hill.example.org" in senders["bob@example.org"]
    for message in drafts(out).values():
        text = attached_text(message)
        expected = "Harbour Physio" if message["To"] == "ann@example.org" else "Hill Clinic"
        assert expected in text


def started_batch(tmp_path: Path, rows: int) -> subprocess.Popen[str]:
    """``handouts batch`` of ``rows`` patients in its own process, once a first row is done."""
    plan = write_plan(tmp_path, PLAN)
    patients = write_csv(
        tmp_path, ["name", "reference"], [[f"P {n}", f"R{n}"] for n in range(rows)]
    )
    command = [str(Path(sys.executable).parent / "handouts"), "batch", str(patients)]
    command += ["--plan", str(plan), "--out-dir", str(tmp_path / "out"), "--jobs", "2"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path
    )
    assert process.stdout is not None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # wait until the workers are busy
        line = process.stdout.readline()
        if not line or line.startswith("row "):
            break
    return process


def test_sigterm_stops_a_batch_like_ctrl_c(tmp_path: Path) -> None:
    with started_batch(tmp_path, 200) as process:  # far more than one signal's wait
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "Run the same command again" in err
    assert "Traceback" not in err + out


def test_kill_9_leaves_no_traceback_from_workers(tmp_path: Path) -> None:
    with started_batch(tmp_path, 60) as process:
        assert process.stderr is not None
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        # The pipe closes once every process holding it (the orphaned workers
        # and the fork server) has gone; whatever they printed is in it.
        err = process.stderr.read()
    assert "Traceback" not in err and "BrokenPipeError" not in err, err
    again = run(
        "batch",
        tmp_path / "patients.csv",
        "--plan",
        tmp_path / "plan.yaml",
        "--out-dir",
        tmp_path / "out",
    )
    assert again.exit_code == 0, again.output
    assert len(list((tmp_path / "out").glob("*.pdf"))) == 60
