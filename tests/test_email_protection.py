"""The protection promise: an email that says "password protected" only carries a PDF that
really needs a password to open, whether it is sent or written as a draft."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner

from handouts.cli import main
from handouts.deliver.outbox import DeliveryStatus, Outbox
from handouts.deliver.protect import encrypt_pdf
from handouts.errors import HandoutError
from handouts.load.clinic import load_clinic
from handouts.models.clinic import Clinic
from tests.conftest import write_plan
from tests.smtp_server import PLAN, Mailbox, attachment, write_clinic

TO = "jane@example.org"


@pytest.fixture
def clinic(tmp_path: Path, port: int) -> Clinic:
    return load_clinic(write_clinic(tmp_path, port))


@pytest.fixture
def plain_pdf(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Outside tmp_path: these tests spoil or encrypt it, and conftest checks the PDFs there.
    out = tmp_path_factory.mktemp("out") / "jane-doe-2026-11-24.pdf"
    result = CliRunner().invoke(main, ["make", str(write_plan(tmp_path, PLAN)), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def owner_only(data: bytes) -> bytes:
    """Encrypted, but with an empty user password: it opens without asking for one."""
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pdf.save(out, encryption=pikepdf.Encryption(user="", owner="owner-secret", R=6))
    return out.getvalue()


@pytest.mark.parametrize("drafts", [False, True], ids=["send", "draft"])
@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda data: data, "but it opens without a password"),
        (owner_only, "but it opens without a password"),
        (lambda data: b"not a pdf at all", "not a readable PDF"),
    ],
    ids=["unencrypted", "owner-password-only", "not-a-pdf"],
)
def test_a_pdf_that_opens_without_a_password_is_not_sent_as_protected(
    clinic: Clinic, plain_pdf: Path, mailbox: Mailbox, drafts: bool, make: object, reason: str
) -> None:
    assert callable(make)
    plain_pdf.write_bytes(make(plain_pdf.read_bytes()))
    with Outbox(clinic, drafts=drafts) as outbox, pytest.raises(HandoutError) as caught:
        outbox.deliver(plain_pdf, TO, protected="dob")
    assert reason in caught.value.message and "\n" not in caught.value.message
    assert mailbox.attempts == 0 and not mailbox.messages
    assert sorted(p.name for p in plain_pdf.parent.iterdir()) == [plain_pdf.name]


@pytest.mark.parametrize("drafts", [False, True], ids=["send", "draft"])
def test_an_encrypted_pdf_goes_out_as_protected(
    clinic: Clinic, plain_pdf: Path, mailbox: Mailbox, drafts: bool
) -> None:
    encrypted = encrypt_pdf(plain_pdf.read_bytes(), "03091984")
    plain_pdf.write_bytes(encrypted)
    with Outbox(clinic, drafts=drafts) as outbox:
        delivery = outbox.deliver(plain_pdf, TO, protected="dob")
    if drafts:
        assert delivery.status is DeliveryStatus.DRAFT_WRITTEN
        assert delivery.draft == plain_pdf.with_suffix(".eml")
        assert delivery.draft.exists()
    else:
        assert delivery.status is DeliveryStatus.SENT
        [message] = mailbox.messages
        assert attachment(message)[2] == encrypted


def test_without_the_promise_an_unencrypted_pdf_is_sent(
    clinic: Clinic, plain_pdf: Path, mailbox: Mailbox
) -> None:
    with Outbox(clinic) as outbox:
        assert outbox.deliver(plain_pdf, TO).status is DeliveryStatus.SENT
    assert len(mailbox.messages) == 1
