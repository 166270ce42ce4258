"""Email through a real SMTP server (aiosmtpd on 127.0.0.1): send, make --send, batch --email."""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from pypdf import PdfReader

from handouts.cli import main
from tests.conftest import check_pdf, write_plan
from tests.smtp_server import (
    PASSWORD,
    PLAN,
    USER,
    Mailbox,
    attachment,
    free_port,
    serve,
    write_clinic,
)
from tests.test_protect import decrypted


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def pdf(tmp_path: Path) -> Path:
    out = tmp_path / "jane-doe-2026-11-24.pdf"
    result = run("make", write_plan(tmp_path, PLAN), "-o", out)
    assert result.exit_code == 0, result.output
    return out


def sent_log(folder: Path) -> list[dict[str, str]]:
    path = folder / "sent-log.csv"
    if not path.exists():
        return []
    return read_csv(path)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_send_delivers_the_pdf_with_the_right_headers(
    tmp_path: Path, pdf: Path, port: int, mailbox: Mailbox
) -> None:
    clinic = write_clinic(tmp_path, port)
    result = run(
        "send", pdf, "--to", "jane@example.org", "--patient", "Jane Doe", "--clinic", clinic
    )
    assert result.exit_code == 0, result.output
    assert "Emailed to jane@example.org" in result.output
    [message] = mailbox.messages
    assert message["From"] == "Riverside Sports Therapy <hello@riverside-therapy.example>"
    assert message["To"] == "jane@example.org"
    assert message["Subject"] == "Your exercise handout from Riverside Sports Therapy"
    assert message["Message-ID"].endswith("@riverside-therapy.example>")
    assert message["Date"]
    body = message.get_body(("plain",))
    assert body is not None
    text = body.get_content()
    assert "Dear Jane Doe," in text and "jane-doe-2026-11-24.pdf" in text
    assert "01632 960 123" in text
    kind, name, data = attachment(message)
    assert (kind, name) == ("application/pdf", "jane-doe-2026-11-24.pdf")
    assert data == pdf.read_bytes()


def test_the_sent_log_holds_no_clinical_content_and_stops_a_second_send(
    tmp_path: Path, pdf: Path, port: int, mailbox: Mailbox
) -> None:
    clinic = write_clinic(tmp_path, port)
    assert run("send", pdf, "--to", "jane@example.org", "--clinic", clinic).exit_code == 0
    intent, entry = sent_log(tmp_path)
    assert list(entry) == [
        "time", "state", "to", "file", "identity", "fingerprint", "sha256", "message_id"
    ]  # fmt: skip
    assert (intent["state"], entry["state"]) == ("intent", "sent")
    assert intent["message_id"] == entry["message_id"]
    assert entry["to"] == "jane@example.org" and entry["file"] == pdf.name
    assert entry["message_id"] == mailbox.messages[0]["Message-ID"].strip()
    assert entry["sha256"] == entry["fingerprint"] == hashlib.sha256(pdf.read_bytes()).hexdigest()
    log_text = (tmp_path / "sent-log.csv").read_text(encoding="utf-8").lower()
    assert "stretch" not in log_text and "hip" not in log_text

    again = run("send", pdf, "--to", "JANE@example.org", "--clinic", clinic)
    assert again.exit_code == 0
    assert "Already sent to JANE@example.org" in again.output
    assert len(mailbox.messages) == 1

    resent = run("send", pdf, "--to", "jane@example.org", "--clinic", clinic, "--resend")
    assert resent.exit_code == 0, resent.output
    assert len(mailbox.messages) == 2
    assert [e["state"] for e in sent_log(tmp_path)] == ["intent", "sent"] * 2


@pytest.mark.parametrize("mailbox", [Mailbox(["421 4.3.2 Busy, try later", "451 4.3.0 Later"])])
def test_temporary_failures_are_retried_then_accepted(
    tmp_path: Path, pdf: Path, port: int, mailbox: Mailbox
) -> None:
    clinic = write_clinic(tmp_path, port)
    result = run("send", pdf, "--to", "jane@example.org", "--clinic", clinic)
    assert result.exit_code == 0, result.output
    assert mailbox.attempts == 3
    [message] = mailbox.messages
    assert attachment(message)[2] == pdf.read_bytes()


@pytest.mark.parametrize("mailbox", [Mailbox(["451 4.3.0 Later"] * 5)])
def test_retries_are_bounded(tmp_path: Path, pdf: Path, port: int, mailbox: Mailbox) -> None:
    clinic = write_clinic(tmp_path, port, retries=2)
    result = run("send", pdf, "--to", "jane@example.org", "--clinic", clinic)
    assert result.exit_code == 1
    assert "451 4.3.0 Later" in result.output
    assert mailbox.attempts == 3 and not mailbox.messages
    # Each attempt's intent is answered by the server's definite "no": nothing pending.
    assert [e["state"] for e in sent_log(tmp_path)] == ["intent", "refused"] * 3
    assert pdf.exists()


@pytest.mark.parametrize("mailbox", [Mailbox(refuse={"nobody@example.org"})])
def test_a_permanent_failure_is_reported_at_once(
    tmp_path: Path, pdf: Path, port: int, mailbox: Mailbox
) -> None:
    clinic = write_clinic(tmp_path, port)
    result = run("send", pdf, "--to", "nobody@example.org", "--clinic", clinic)
    assert result.exit_code == 1
    assert "Error: recipient refused: 550 5.1.1 No such user here" in result.output
    assert mailbox.attempts == 0
    assert pdf.exists() and sent_log(tmp_path) == []


def test_connection_refused_is_one_clear_line(tmp_path: Path, pdf: Path) -> None:
    unused = free_port()
    clinic = write_clinic(tmp_path, unused)
    result = run("send", pdf, "--to", "jane@example.org", "--clinic", clinic)
    assert result.exit_code == 1
    assert f"Error: cannot connect to 127.0.0.1:{unused}" in result.output
    assert "Traceback" not in result.output


@pytest.fixture
def login_port(mailbox: Mailbox) -> Iterator[int]:
    yield from serve(mailbox, login=True)


def test_login_with_the_password_from_the_environment(
    tmp_path: Path, pdf: Path, login_port: int, mailbox: Mailbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    clinic = write_clinic(tmp_path, login_port, user=USER, password_env="CLINIC_SMTP_PW")
    monkeypatch.setenv("CLINIC_SMTP_PW", PASSWORD)
    result = run("send", pdf, "--to", "jane@example.org", "--clinic", clinic)
    assert result.exit_code == 0, result.output
    assert len(mailbox.messages) == 1

    monkeypatch.setenv("CLINIC_SMTP_PW", "wrong")
    result = run("send", pdf, "--to", "tom@example.org", "--clinic", clinic)
    assert result.exit_code == 1
    assert f"Error: login to 127.0.0.1 as {USER} failed" in result.output


def test_login_with_the_password_from_the_keyring(
    tmp_path: Path, pdf: Path, login_port: int, mailbox: Mailbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    import keyring
    from keyring.backend import KeyringBackend

    # Before the class below exists: keyring picks its default among all subclasses.
    previous = keyring.get_keyring()

    class Memory(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def get_password(self, service: str, username: str) -> str | None:
            found = service == "handouts" and username == f"{USER}@127.0.0.1"
            return PASSWORD if found else None

        def set_password(self, service: str, username: str, password: str) -> None:
            raise NotImplementedError

        def delete_password(self, service: str, username: str) -> None:
            raise NotImplementedError

    keyring.set_keyring(Memory())
    try:
        monkeypatch.delenv("HANDOUTS_SMTP_PASSWORD", raising=False)
        clinic = write_clinic(tmp_path, login_port, user=USER)
        result = run("send", pdf, "--to", "jane@example.org", "--clinic", clinic)
    finally:
        keyring.set_keyring(previous)
    assert result.exit_code == 0, result.output
    assert len(mailbox.messages) == 1


def test_without_a_password_the_error_says_where_to_put_it(
    tmp_path: Path, pdf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import keyring
    from keyring.backends import fail

    monkeypatch.delenv("HANDOUTS_SMTP_PASSWORD", raising=False)
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())  # a machine without any keyring
    try:
        clinic = write_clinic(tmp_path, free_port(), user=USER)
        result = run("send", pdf, "--to", "jane@example.org", "--clinic", clinic)
    finally:
        keyring.set_keyring(previous)
    assert result.exit_code == 1
    assert "set the environment variable HANDOUTS_SMTP_PASSWORD" in result.output


def test_a_password_in_the_clinic_profile_is_refused(tmp_path: Path, pdf: Path) -> None:
    clinic = write_clinic(tmp_path, free_port(), user=USER, password="secret")
    result = run("send", pdf, "--to", "jane@example.org", "--clinic", clinic)
    assert result.exit_code == 1
    assert "smtp.password" in result.output
    assert "secret" not in result.output.replace("password", "")


def test_no_smtp_settings_suggests_eml(tmp_path: Path, pdf: Path) -> None:
    clinic = write_clinic(tmp_path, None)
    result = run("send", pdf, "--to", "jane@example.org", "--clinic", clinic)
    assert result.exit_code == 1
    assert "no mail server set up" in result.output and "--eml" in result.output


def test_eml_draft_opens_as_an_unsent_message(tmp_path: Path, pdf: Path) -> None:
    clinic = write_clinic(tmp_path, None)
    args = ("--to", "jane@example.org", "--eml", "--patient", "Jane Doe", "--clinic", clinic)
    result = run("send", pdf, *args)
    assert result.exit_code == 0, result.output
    draft = pdf.with_suffix(".eml")
    assert f"Draft written: {draft}" in result.output
    raw = draft.read_bytes()
    assert b"\r\n" in raw
    message = message_from_bytes(raw, policy=policy.default)
    assert isinstance(message, EmailMessage)
    assert message["X-Unsent"] == "1"
    assert message["To"] == "jane@example.org"
    assert message["From"] == "Riverside Sports Therapy <hello@riverside-therapy.example>"
    assert attachment(message) == ("application/pdf", pdf.name, pdf.read_bytes())


def test_clinic_templates_override_subject_and_body(
    tmp_path: Path, pdf: Path, port: int, mailbox: Mailbox
) -> None:
    clinic = write_clinic(tmp_path, port)
    (tmp_path / "tpl").mkdir()
    (tmp_path / "tpl" / "email_subject.j2").write_text("Exercises for {{ patient.name }}")
    (tmp_path / "tpl" / "email_body.j2").write_text("Hi {{ patient.name }} & co")
    clinic.write_text(clinic.read_text() + "templates: tpl\n")
    result = run(
        "send", pdf, "--to", "j@example.org", "--patient", "Jane <Doe>", "--clinic", clinic
    )
    assert result.exit_code == 0, result.output
    [message] = mailbox.messages
    assert message["Subject"] == "Exercises for Jane <Doe>"
    body = message.get_body(("plain",))
    assert body is not None and body.get_content().strip() == "Hi Jane <Doe> & co"


def test_make_send_with_a_password_explains_it(
    tmp_path: Path, port: int, mailbox: Mailbox, tmp_path_factory: pytest.TempPathFactory
) -> None:
    clinic = write_clinic(tmp_path, port)
    plan = write_plan(tmp_path, PLAN)
    # Encrypted, so outside tmp_path (conftest's check has no password); checked below.
    out = tmp_path_factory.mktemp("protected") / "jane.pdf"
    result = run(
        "make", plan, "--email", "jane@example.org", "--clinic", clinic,
        "--password-from", "dob", "--send", "-o", out,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "password protected" in result.output
    [message] = mailbox.messages
    body = message.get_body(("plain",))
    assert body is not None and "your date of birth" in body.get_content()
    data = attachment(message)[2]
    assert data == out.read_bytes()
    reader = PdfReader(io.BytesIO(data))
    assert reader.is_encrypted and reader.decrypt("03091984")
    check_pdf(decrypted(data, "03091984"))


def test_make_send_needs_an_address(tmp_path: Path) -> None:
    result = run("make", write_plan(tmp_path, PLAN), "--send", "-o", tmp_path / "x.pdf")
    assert result.exit_code != 0
    assert "--email ADDRESS" in result.output
    assert not (tmp_path / "x.pdf").exists()


def write_csv(folder: Path, rows: list[list[str]]) -> Path:
    path = folder / "patients.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([["name", "email", "dob"], *rows])
    return path


@pytest.mark.parametrize("mailbox", [Mailbox(refuse={"gone@example.org"})])
def test_batch_email_goes_on_after_a_refusal_and_never_sends_twice(
    tmp_path: Path, port: int, mailbox: Mailbox
) -> None:
    clinic = write_clinic(tmp_path, port)
    plan = write_plan(tmp_path, {k: v for k, v in PLAN.items() if k != "patient"} | {
        "patient": {"name": "Example Patient", "email": "example@example.org"}
    })  # fmt: skip
    patients = write_csv(
        tmp_path,
        [
            ["Ann Lee", "ann@example.org", "1990-01-02"],
            ["Bob Roe", "gone@example.org", "1980-03-04"],
            ["Cy Poe", "", "1970-05-06"],
            ["Di Fox", "di@example.org", "1960-07-08"],
        ],
    )
    out = tmp_path / "out"
    args = ("batch", patients, "--plan", plan, "--out-dir", out, "--clinic", clinic, "--email")
    result = run(*args, "--jobs", "2")
    assert result.exit_code == 1
    assert "4 written, 2 emailed, 2 failed: rows 3, 4" in result.output
    assert sorted(m["To"] for m in mailbox.messages) == ["ann@example.org", "di@example.org"]
    assert len(list(out.glob("*.pdf"))) == 4  # the PDF stays, whatever email did
    report = {r["row"]: r for r in read_csv(out / "batch-report.csv")}
    assert "550 5.1.1" in report["3"]["email"]
    assert report["4"]["email"] == "not emailed: no email address"
    # The shared plan's example address is never used for a row without one.
    assert "example@example.org" not in {m["To"] for m in mailbox.messages}
    for message in mailbox.messages:
        name = message["To"].split("@")[0]
        [pdf] = out.glob(f"{name}-*.pdf")
        assert attachment(message)[2] == pdf.read_bytes()

    again = run(*args)
    assert again.exit_code == 1
    assert "0 written, 4 already done, 2 failed: rows 3, 4" in again.output
    assert len(mailbox.messages) == 2


@pytest.mark.parametrize(
    ("security", "message"),
    [
        ("starttls", "smtp.security: the server does not offer STARTTLS"),
        ("tls", "smtp.security: tls, but the server did not start TLS"),
    ],
)
def test_a_server_without_tls_is_a_clear_error_when_tls_is_asked_for(
    tmp_path: Path, pdf: Path, port: int, mailbox: Mailbox, security: str, message: str
) -> None:
    clinic = write_clinic(tmp_path, port, security=security)
    result = run("send", pdf, "--to", "jane@example.org", "--clinic", clinic)
    assert result.exit_code == 1
    assert f"Error: 127.0.0.1:{port}: " in result.output and message in result.output
    assert not mailbox.messages and "Traceback" not in result.output
