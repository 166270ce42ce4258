"""At most one copy: the sent log's intent and confirmation records, tested through the
crash window itself (a server that keeps the message but never replies, and a sending
process killed while waiting for the reply), plus identity and fingerprint checks."""

from __future__ import annotations

import csv
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from handouts.deliver.outbox import Delivery, DeliveryStatus, Outbox
from handouts.deliver.smtp import SendError
from handouts.errors import HandoutError
from handouts.load.clinic import load_clinic
from handouts.models.clinic import Clinic
from tests.smtp_server import Mailbox, write_clinic

TO = "jane@example.org"
ID_A, ID_B = "a" * 64, "b" * 64
FP_1, FP_2 = "1" * 64, "2" * 64


@pytest.fixture
def clinic(tmp_path: Path, port: int) -> Clinic:
    return load_clinic(write_clinic(tmp_path, port, retries=0))


def deliver(
    clinic: Clinic,
    pdf: Path,
    *,
    to: str = TO,
    resend: bool = False,
    identity: str = "",
    fingerprint: str = "",
) -> Delivery:
    with Outbox(clinic, resend=resend) as outbox:
        return outbox.deliver(pdf, to, identity=identity, fingerprint=fingerprint)


def states(pdf: Path) -> list[str]:
    with (pdf.parent / "sent-log.csv").open(newline="", encoding="utf-8") as handle:
        return [row["state"] for row in csv.DictReader(handle)]


@pytest.mark.parametrize("mailbox", [Mailbox(drop=1)])
def test_a_message_whose_reply_was_lost_is_never_sent_twice(
    clinic: Clinic, pdf: Path, mailbox: Mailbox
) -> None:
    first = deliver(clinic, pdf)
    # The server stored it and hung up: from here nobody knows if it went out.
    assert first == Delivery(DeliveryStatus.UNCONFIRMED, TO)
    assert len(mailbox.messages) == 1 and states(pdf) == ["intent"]

    again = deliver(clinic, pdf)  # the re-run
    assert again == Delivery(DeliveryStatus.UNCONFIRMED, TO)
    assert len(mailbox.messages) == 1 and mailbox.attempts == 1
    assert states(pdf) == ["intent"]
    assert again.describe() == (
        f"May already have been sent to {TO}: check with the patient, then use --resend"
    )
    assert not again.settled

    resent = deliver(clinic, pdf, resend=True)
    assert resent.status is DeliveryStatus.SENT and resent.settled
    assert len(mailbox.messages) == 2
    assert states(pdf) == ["intent", "intent", "sent"]
    assert deliver(clinic, pdf).status is DeliveryStatus.ALREADY_SENT


SENDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path

    from handouts.deliver.outbox import Outbox
    from handouts.load.clinic import load_clinic

    with Outbox(load_clinic(Path(sys.argv[1]))) as outbox:
        outbox.deliver(Path(sys.argv[2]), sys.argv[3])
    """
)


@pytest.mark.parametrize("mailbox", [Mailbox(hold=1)])
def test_a_sender_killed_before_the_servers_reply_leaves_an_intent_that_stops_a_resend(
    tmp_path: Path, port: int, pdf: Path, mailbox: Mailbox
) -> None:
    profile = write_clinic(tmp_path, port, retries=0)
    with subprocess.Popen(
        [sys.executable, "-c", SENDER, str(profile), str(pdf), TO],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as sender:
        try:
            # The server now has the message and holds its reply: the crash window.
            assert mailbox.wait_for(1, limit=30), sender.communicate(timeout=10)
            sender.kill()
            sender.communicate(timeout=10)
        finally:
            sender.kill()
            mailbox.release()
    assert sender.returncode != 0
    assert states(pdf) == ["intent"]

    clinic = load_clinic(profile)
    assert deliver(clinic, pdf).status is DeliveryStatus.UNCONFIRMED
    assert len(mailbox.messages) == 1  # exactly one copy went out
    assert deliver(clinic, pdf, resend=True).status is DeliveryStatus.SENT
    assert len(mailbox.messages) == 2


@pytest.mark.parametrize("mailbox", [Mailbox(["554 5.6.0 Message rejected"])])
def test_a_definite_refusal_after_the_intent_does_not_block_the_next_try(
    clinic: Clinic, pdf: Path, mailbox: Mailbox
) -> None:
    with pytest.raises(SendError, match=r"554 5\.6\.0"):
        deliver(clinic, pdf)
    assert states(pdf) == ["intent", "refused"]
    assert deliver(clinic, pdf).status is DeliveryStatus.SENT
    assert len(mailbox.messages) == 1


def test_an_old_format_log_counts_as_sent_and_is_rewritten_in_the_new_columns(
    clinic: Clinic, pdf: Path, mailbox: Mailbox
) -> None:
    log = pdf.parent / "sent-log.csv"
    old = f"sent_at,to,file,sha256,message_id\n2026-11-24T10:00:00+00:00,{TO},{pdf.name},ab,<m@x>\n"
    log.write_text(old, encoding="utf-8")
    assert deliver(clinic, pdf, to="JANE@example.org").status is DeliveryStatus.ALREADY_SENT
    assert not mailbox.messages and log.read_text(encoding="utf-8") == old

    assert deliver(clinic, pdf, to="tom@example.org").status is DeliveryStatus.SENT
    with log.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["state"], r["to"], r["time"][:10]) for r in rows] == [
        ("sent", TO, "2026-11-24"),
        ("intent", "tom@example.org", rows[1]["time"][:10]),
        ("sent", "tom@example.org", rows[2]["time"][:10]),
    ]
    assert rows[0]["message_id"] == "<m@x>" and rows[0]["sha256"] == "ab"
    assert deliver(clinic, pdf).status is DeliveryStatus.ALREADY_SENT  # still after the rewrite


def test_a_file_sent_for_one_patient_is_never_sent_for_another(
    clinic: Clinic, pdf: Path, mailbox: Mailbox
) -> None:
    assert deliver(clinic, pdf, identity=ID_A, fingerprint=FP_1).status is DeliveryStatus.SENT
    for resend in (False, True):
        with pytest.raises(HandoutError) as caught:
            deliver(
                clinic, pdf, to="tom@example.org", identity=ID_B, fingerprint=FP_1, resend=resend
            )
        assert "emailed for a different patient" in caught.value.message
        assert "tom" not in caught.value.message
    assert len(mailbox.messages) == 1
    # The same patient at a new address is fine: identity and fingerprint match.
    same = deliver(clinic, pdf, to="jane.new@example.org", identity=ID_A, fingerprint=FP_1)
    assert same.status is DeliveryStatus.SENT


def test_a_stale_file_is_refused_and_a_changed_one_needs_resend(
    clinic: Clinic, pdf: Path, mailbox: Mailbox
) -> None:
    assert deliver(clinic, pdf, identity=ID_A, fingerprint=FP_1).status is DeliveryStatus.SENT
    # The details changed (new fingerprint) but the file was not made again.
    for resend in (False, True):
        with pytest.raises(HandoutError, match="made from different details"):
            deliver(clinic, pdf, identity=ID_A, fingerprint=FP_2, resend=resend)
    # Made again: different bytes.  Sending this version is a deliberate --resend.
    pdf.write_bytes(pdf.read_bytes() + b"%remade\n")
    with pytest.raises(HandoutError, match="different version of this file was emailed"):
        deliver(clinic, pdf, identity=ID_A, fingerprint=FP_2)
    assert len(mailbox.messages) == 1
    resent = deliver(clinic, pdf, identity=ID_A, fingerprint=FP_2, resend=True)
    assert resent.status is DeliveryStatus.SENT and len(mailbox.messages) == 2


def test_without_a_fingerprint_the_files_sha256_is_the_fingerprint(
    clinic: Clinic, pdf: Path, mailbox: Mailbox
) -> None:
    assert deliver(clinic, pdf).status is DeliveryStatus.SENT
    pdf.write_bytes(pdf.read_bytes() + b"%edited\n")
    with pytest.raises(HandoutError, match="--resend sends this version"):
        deliver(clinic, pdf)
    assert len(mailbox.messages) == 1


def test_the_log_records_digests_not_names(clinic: Clinic, pdf: Path) -> None:
    deliver(clinic, pdf, identity=ID_A, fingerprint=FP_1)
    with (pdf.parent / "sent-log.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {(r["identity"], r["fingerprint"]) for r in rows} == {(ID_A, FP_1)}
    with pytest.raises(ValueError, match="identity must be a hex digest"):
        deliver(clinic, pdf, to="tom@example.org", identity="Jane Doe 1984-09-03")


def test_delivery_statuses_are_stable_words_and_describe_in_one_line(tmp_path: Path) -> None:
    assert [s.value for s in DeliveryStatus] == [
        "emailed", "draft written", "already sent", "draft already written",
        "may already have been sent",
    ]  # fmt: skip
    draft = tmp_path / "x.eml"
    said = {
        Delivery(DeliveryStatus.SENT, TO): f"Emailed to {TO}",
        Delivery(
            DeliveryStatus.ALREADY_SENT, TO
        ): f"Already sent to {TO} (--resend sends it again)",
        Delivery(DeliveryStatus.DRAFT_WRITTEN, TO, draft): f"Draft written: {draft}",
        Delivery(DeliveryStatus.DRAFT_EXISTS, TO, draft): (
            f"Draft already written: {draft} (--resend writes it again)"
        ),
    }
    for delivery, line in said.items():
        assert delivery.describe() == line and delivery.settled
