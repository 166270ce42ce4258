"""Address checks: every unusable address fails in one line that never shows the address,
and nothing is sent, drafted or logged for it."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from handouts.cli import main
from handouts.deliver.address import InvalidAddressError, checked_address
from handouts.deliver.outbox import DeliveryStatus, Outbox
from handouts.load.clinic import load_clinic
from tests.smtp_server import Mailbox, write_clinic

# The local part and domain are "patient data": no message may contain either.
LOCAL, DOMAIN = "zelda.quill", "clinic-mail.org"
GOOD = f"{LOCAL}@{DOMAIN}"

BAD = {
    "line separator U+2028": (f"{GOOD}\u2028", "contains a line separator"),
    "paragraph separator U+2029": (f"{LOCAL}\u2029@{DOMAIN}", "contains a line separator"),
    "next line U+0085": (f"{LOCAL}\x85@{DOMAIN}", "contains a line separator"),
    "vertical tab": (f"{GOOD}\x0b", "contains a line separator"),
    "form feed": (f"{LOCAL}\x0c@{DOMAIN}", "contains a line separator"),
    "CR LF header injection": (f"{GOOD}\r\nBcc: {LOCAL}@evil.example", "contains a line separator"),
    "LF": (f"{GOOD}\n", "contains a line separator"),
    "CR": (f"{GOOD}\r", "contains a line separator"),
    "NUL": (f"{LOCAL}\x00@{DOMAIN}", "contains a NUL character"),
    "tab": (f"{LOCAL}\t@{DOMAIN}", "contains a control or invisible character"),
    "zero-width space": (f"{LOCAL}\u200b@{DOMAIN}", "contains a control or invisible character"),
    "percent hack with two @": (f"{LOCAL}%b@{DOMAIN}@evil.example", "contains more than one @"),
    "two @": (f"{LOCAL}@@{DOMAIN}", "contains more than one @"),
    "no @": (f"{LOCAL}.{DOMAIN}", "needs exactly one @"),
    "nothing before @": (f"@{DOMAIN}", "needs a name before the @ and a domain after it"),
    "space": (f"{LOCAL} x@{DOMAIN}", "contains a space"),
    "empty": ("", "empty"),
    "only spaces": ("   ", "empty"),
    "very long": (f"{LOCAL * 30}@{DOMAIN}", "longer than 254 characters"),
    "long local part": (f"{'z' * 65}@{DOMAIN}", "before the @ is longer than 64 characters"),
    "non-ASCII local part": (
        f"zëlda@{DOMAIN}",
        "non-ASCII characters before the @ are not supported",
    ),
    "display name": (f"Zelda Quill <{GOOD}>", "a name with an address in angle brackets"),
    "display name without space": (f"Zelda<{GOOD}>", "a name with an address in angle brackets"),
    "two addresses": (f"{GOOD},{LOCAL}@evil.example", "more than one address; give one"),
    "domain without a dot": (f"{LOCAL}@localhost", "the part after the @ is not a valid domain"),
    "quoted local part": (f'"{LOCAL}"@{DOMAIN}', "the part before the @ is not valid"),
    "IP literal": (f"{LOCAL}@[127.0.0.1]", "the part after the @ is not a valid domain"),
}
CASES = [pytest.param(value, problem, id=name) for name, (value, problem) in BAD.items()]


def assert_no_leak(message: str) -> None:
    assert "\n" not in message and "\r" not in message
    assert LOCAL not in message and DOMAIN not in message and "zëlda" not in message


@pytest.mark.parametrize(("value", "problem"), CASES)
def test_an_unusable_address_is_one_line_naming_the_field_not_the_value(
    value: str, problem: str
) -> None:
    with pytest.raises(InvalidAddressError) as caught:
        checked_address(value)
    message = caught.value.message
    assert message.startswith("email: not a valid address (")
    assert problem in message
    assert_no_leak(message)


def test_the_field_can_be_named_by_the_caller() -> None:
    with pytest.raises(InvalidAddressError) as caught:
        checked_address("", field="--to")
    assert caught.value.message == "--to: not a valid address (empty)"


@pytest.mark.parametrize(
    ("value", "normal"),
    [
        (GOOD, GOOD),
        ("Zelda.Quill@Clinic-Mail.ORG", "Zelda.Quill@clinic-mail.org"),
        ("zelda@bücher.example", "zelda@xn--bcher-kva.example"),  # ASCII form: every server
        ("a+handouts@sub.clinic-mail.org", "a+handouts@sub.clinic-mail.org"),
    ],
)
def test_good_addresses_come_back_normalised(value: str, normal: str) -> None:
    assert checked_address(value) == normal


@pytest.mark.parametrize(("value", "problem"), CASES)
def test_outbox_sends_drafts_and_logs_nothing_for_an_unusable_address(
    tmp_path: Path, pdf: Path, port: int, mailbox: Mailbox, value: str, problem: str
) -> None:
    clinic = load_clinic(write_clinic(tmp_path, port))
    for drafts in (False, True):
        with Outbox(clinic, drafts=drafts) as outbox, pytest.raises(InvalidAddressError) as caught:
            outbox.deliver(pdf, value)
        assert problem in caught.value.message
        assert_no_leak(caught.value.message)
    assert mailbox.attempts == 0 and not mailbox.messages
    assert sorted(p.name for p in pdf.parent.iterdir()) == [pdf.name]  # no log, no draft


def test_the_send_command_refuses_in_one_line_without_echoing(
    tmp_path: Path, pdf: Path, port: int, mailbox: Mailbox
) -> None:
    clinic = write_clinic(tmp_path, port)
    value = f"{GOOD}\u2028Bcc: {LOCAL}@evil.example"
    result = CliRunner().invoke(
        main, ["send", str(pdf), "--to", value, "--clinic", str(clinic)], catch_exceptions=False
    )
    assert result.exit_code == 1
    [line] = result.output.splitlines()
    assert "not a valid address (contains a line separator)" in line
    assert_no_leak(line)
    assert not mailbox.messages and not (pdf.parent / "sent-log.csv").exists()


def test_an_internationalised_domain_is_sent_and_logged_in_ascii(
    tmp_path: Path, pdf: Path, port: int, mailbox: Mailbox
) -> None:
    clinic = load_clinic(write_clinic(tmp_path, port))
    with Outbox(clinic) as outbox:
        delivery = outbox.deliver(pdf, "Zelda@Bücher.example")
    assert delivery.status is DeliveryStatus.SENT
    assert delivery.to == "Zelda@xn--bcher-kva.example"
    [message] = mailbox.messages
    assert message["To"] == "Zelda@xn--bcher-kva.example"
    log = (pdf.parent / "sent-log.csv").read_text(encoding="utf-8")
    assert "Zelda@xn--bcher-kva.example" in log and "ü" not in log


def test_a_batch_fails_only_the_rows_with_bad_addresses_and_goes_on(
    tmp_path: Path, mailbox: Mailbox, port: int
) -> None:
    import csv

    from tests.conftest import write_plan
    from tests.smtp_server import PLAN

    clinic = write_clinic(tmp_path, port)
    plan = write_plan(tmp_path, {**PLAN, "clinic": str(clinic)})
    bad = [value for value, _ in BAD.values() if value.strip()]
    patients = tmp_path / "patients.csv"
    with patients.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "reference", "email"])
        writer.writerow(["Good Patient", "G1", "good.patient@example.org"])
        writer.writerows([f"Patient {n}", f"R{n}", value] for n, value in enumerate(bad))
    out = tmp_path / "out"
    args = ["batch", str(patients), "--plan", str(plan), "--out-dir", str(out), "--email"]
    for _ in range(2):  # and again: a re-run must not crash on the same cells either
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output
        assert_no_leak(result.output.replace("\n", " "))
        assert "evil.example" not in result.output
        assert f"{len(bad)} failed" in result.output
    assert [m["To"] for m in mailbox.messages] == ["good.patient@example.org"]
    log = (out / "sent-log.csv").read_text(encoding="utf-8")
    assert log.count("good.patient@example.org") == 2  # intent + sent, nothing else
    assert_no_leak(log.replace("\n", " ").replace("\r", " "))
    report = (out / "batch-report.csv").read_text(encoding="utf-8")
    assert_no_leak(report.replace("\n", " ").replace("\r", " "))
