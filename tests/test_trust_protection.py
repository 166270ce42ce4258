"""The protection we promised: no entry point attaches an unencrypted PDF after a password
was asked for.

Reproduced first on main: a batch made without a password, then run again with
``--email --password-from dob``, emailed the existing *unencrypted* files with a
message saying they were protected (3 of 3).
"""

from __future__ import annotations

import email
import io
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner, Result

from handouts.cli import main
from tests.conftest import write_plan
from tests.smtp_server import Mailbox, attachment, write_clinic

PLAN = {"date": "2026-11-24", "exercises": ["hip-flexor-stretch"]}
PATIENT = {"name": "Jane Doe", "date_of_birth": "1984-09-03", "email": "jane@example.org"}


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def is_encrypted(data: bytes) -> bool:
    try:
        pikepdf.open(io.BytesIO(data)).close()
    except pikepdf.PasswordError:
        return True
    return False


@pytest.fixture
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Outside tmp_path: encrypted PDFs cannot pass the unencrypted sound-PDF check.
    return tmp_path_factory.mktemp("protected")


def test_batch_email_after_an_unprotected_run_sends_only_encrypted_files(
    tmp_path: Path, out: Path, mailbox: Mailbox, port: int
) -> None:
    clinic = write_clinic(tmp_path, port)
    plan = write_plan(tmp_path, {**PLAN, "clinic": str(clinic)})
    patients = tmp_path / "patients.csv"
    patients.write_text(
        "name,dob,email\n"
        "Ann Lee,1990-01-02,ann@example.org\n"
        "Bob Roe,1980-03-04,bob@example.org\n"
        "Cy Poe,1970-05-06,cy@example.org\n"
    )
    assert run("batch", patients, "--plan", plan, "--out-dir", out).exit_code == 0
    result = run(
        "batch", patients, "--plan", plan, "--out-dir", out, "--email", "--password-from", "dob"
    )
    assert result.exit_code == 0, result.output
    assert len(mailbox.messages) == 3
    for message in mailbox.messages:
        assert is_encrypted(attachment(message)[2])


def test_make_send_and_eml_attach_the_encrypted_file(
    tmp_path: Path, out: Path, mailbox: Mailbox, port: int
) -> None:
    clinic = write_clinic(tmp_path, port)
    plan = write_plan(tmp_path, {**PLAN, "patient": PATIENT, "clinic": str(clinic)})
    sent = run("make", plan, "--password-from", "dob", "--send", "-o", out / "a.pdf")
    assert sent.exit_code == 0, sent.output
    [message] = mailbox.messages
    assert is_encrypted(attachment(message)[2])
    drafted = run("make", plan, "--password-from", "dob", "--eml", "-o", out / "b.pdf")
    assert drafted.exit_code == 0, drafted.output
    draft = email.message_from_bytes((out / "b.eml").read_bytes(), policy=policy.default)
    assert isinstance(draft, EmailMessage)
    assert is_encrypted(attachment(draft)[2])


@pytest.mark.parametrize("eml", [False, True])
def test_send_refuses_to_call_an_unprotected_file_protected(
    tmp_path: Path, out: Path, mailbox: Mailbox, port: int, eml: bool
) -> None:
    clinic = write_clinic(tmp_path, port)
    plan = write_plan(tmp_path, {**PLAN, "patient": PATIENT, "clinic": str(clinic)})
    pdf = out / "plain.pdf"
    assert run("make", plan, "-o", pdf).exit_code == 0
    args = ["send", pdf, "--to", "jane@example.org", "--clinic", clinic, "--protected", "dob"]
    result = run(*args, *(["--eml"] if eml else []))
    assert result.exit_code == 1
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1
    assert not mailbox.messages and not list(out.glob("*.eml"))
