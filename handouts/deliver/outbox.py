"""Email handouts (or write drafts), never sending one file to one address twice.

This is what ``send``, ``make --send`` and ``batch --email`` share: it checks
the settings once, keeps one SMTP connection open for many messages, and keeps
the sent log of each output folder.

The promises, in the order they are checked for each handout:

* the address is one bare, well-formed address (``address.checked_address``);
* if the email will say the PDF is password protected, it really is;
* a file name emailed before is only emailed again for the same patient
  (identity), and a changed file only with ``resend``;
* at most one copy: a message whose server reply never came counts as "may
  already have been sent" and is not sent again without ``resend``.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from handouts.deliver.address import checked_address
from handouts.deliver.eml import draft_path, write_draft
from handouts.deliver.message import build_message, read_pdf, sender_address
from handouts.deliver.sentlog import Entry, SentLog, Standing, sent_log_for
from handouts.deliver.smtp import Mailer, NoReplyError, smtp_password, tls_context
from handouts.errors import HandoutError
from handouts.models.clinic import Clinic, Practitioner
from handouts.models.plan import Patient

# Identity and fingerprint go into the sent log, so they must be digests, never
# a name or a plan's text a caller passed by mistake.
_DIGEST = re.compile(r"[0-9a-fA-F]{8,128}")


class DeliveryStatus(StrEnum):
    """What happened to one handout; the values are stable words for the batch report CSV."""

    SENT = "emailed"
    DRAFT_WRITTEN = "draft written"
    ALREADY_SENT = "already sent"
    DRAFT_EXISTS = "draft already written"
    UNCONFIRMED = "may already have been sent"


@dataclass(frozen=True)
class Delivery:
    """The outcome of ``Outbox.deliver``: its status, the address used, and the draft if any."""

    status: DeliveryStatus
    to: str
    draft: Path | None = None

    @property
    def settled(self) -> bool:
        """False only for UNCONFIRMED: someone must check with the patient (count it as failed)."""
        return self.status is not DeliveryStatus.UNCONFIRMED

    def describe(self) -> str:
        """The one line the CLI prints."""
        match self.status:
            case DeliveryStatus.SENT:
                return f"Emailed to {self.to}"
            case DeliveryStatus.DRAFT_WRITTEN:
                return f"Draft written: {self.draft}"
            case DeliveryStatus.ALREADY_SENT:
                return f"Already sent to {self.to} (--resend sends it again)"
            case DeliveryStatus.DRAFT_EXISTS:
                return f"Draft already written: {self.draft} (--resend writes it again)"
            case DeliveryStatus.UNCONFIRMED:
                return (
                    f"May already have been sent to {self.to}: check with the patient, "
                    "then use --resend"
                )


class Outbox:
    """Delivers PDFs by email (or as ``.eml`` drafts); use as a context manager."""

    def __init__(self, clinic: Clinic, *, drafts: bool = False, resend: bool = False) -> None:
        self.clinic = clinic
        self.drafts = drafts
        self.resend = resend
        self._logs: dict[Path, SentLog] = {}
        self._mailer: Mailer | None = None
        sender_address(clinic)  # fail now, not on the first patient, if there is no From
        if not drafts:
            settings = clinic.smtp
            if settings is None:
                raise HandoutError(
                    f"{clinic.source}: smtp: no mail server set up for emailing; add an "
                    "smtp: section to the clinic profile, or use --eml to write drafts"
                )
            # Relative to clinic.yaml, like every other file the profile names.
            ca_file = clinic.source.parent / settings.ca_file if settings.ca_file else None
            context = tls_context(ca_file, f"{clinic.source}: smtp.ca_file")
            self._mailer = Mailer(settings, smtp_password(settings), context=context)

    def __enter__(self) -> Outbox:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._mailer is not None:
            self._mailer.close()

    def deliver(
        self,
        pdf: Path,
        to: str,
        *,
        patient: Patient | None = None,
        practitioner: Practitioner | None = None,
        protected: str = "",
        identity: str = "",
        fingerprint: str = "",
        language: str = "en",
    ) -> Delivery:
        """Email ``pdf`` to ``to`` (or write its draft), at most once.

        ``identity``: a hex digest naming the patient the file was made for;
        ``fingerprint``: a hex digest of everything that made it (default: the
        file's SHA-256).  Both are written to the sent log and compared with
        earlier sends of the same file name.  ``protected`` non-empty means the
        email says the PDF needs a password, so it must be encrypted.

        Raises ``HandoutError`` (``SendError`` for the server's faults) if
        nothing was sent or drafted, with a one-line reason.
        """
        address = checked_address(to)
        for name, value in (("identity", identity), ("fingerprint", fingerprint)):
            if value and not _DIGEST.fullmatch(value):
                raise ValueError(f"deliver(): {name} must be a hex digest ({len(value)} chars)")
        data = read_pdf(pdf)
        if protected:
            _require_encrypted(pdf, data)
        message = build_message(
            pdf,
            address,
            self.clinic,
            patient=patient,
            practitioner=practitioner,
            protected=protected,
            data=data,
            language=language,
        )
        if self._mailer is None:
            target = draft_path(pdf)
            if target.exists() and not self.resend:
                return Delivery(DeliveryStatus.DRAFT_EXISTS, address, target)
            write_draft(message, target, overwrite=self.resend)
            return Delivery(DeliveryStatus.DRAFT_WRITTEN, address, target)

        log = self._log(pdf)
        digest = hashlib.sha256(data).hexdigest()
        entry = Entry(
            to=address,
            file=pdf.name,
            identity=identity.lower(),
            fingerprint=(fingerprint or digest).lower(),
            sha256=digest,
            message_id=str(message["Message-ID"]),
        )
        self._check_provenance(pdf, log, entry)
        standing = log.standing(pdf, address)
        if standing is Standing.UNCONFIRMED and not self.resend:
            return Delivery(DeliveryStatus.UNCONFIRMED, address)
        if standing is Standing.SENT and not self.resend:
            return Delivery(DeliveryStatus.ALREADY_SENT, address)
        try:
            self._mailer.send(
                message, before_data=lambda: log.intent(entry), refused=lambda: log.refused(entry)
            )
        except NoReplyError:
            return Delivery(DeliveryStatus.UNCONFIRMED, address)  # its intent stays unconfirmed
        log.sent(entry)
        return Delivery(DeliveryStatus.SENT, address)

    def _log(self, pdf: Path) -> SentLog:
        path = sent_log_for(pdf)
        log = self._logs.get(path)
        if log is None:
            log = self._logs[path] = SentLog(path)
        return log

    def _check_provenance(self, pdf: Path, log: SentLog, entry: Entry) -> None:
        """Refuse a file name that went out for another patient, or in another version."""
        earlier = log.earlier(pdf)
        if any(e.identity != entry.identity for e in earlier):
            raise HandoutError(
                f"{pdf}: not sent: a file of this name was emailed for a different patient "
                f"(identity in {log.path.name}); make this handout under a new file name"
            )
        other_versions = [e for e in earlier if e.fingerprint != entry.fingerprint]
        if any(e.sha256 == entry.sha256 for e in other_versions):
            raise HandoutError(
                f"{pdf}: not sent: this file was made from different details than this "
                f"request (fingerprint in {log.path.name}); make the handout again first"
            )
        if other_versions and not self.resend:
            raise HandoutError(
                f"{pdf}: not sent: a different version of this file was emailed before "
                f"(see {log.path.name}); --resend sends this version"
            )


def _require_encrypted(pdf: Path, data: bytes) -> None:
    """Refuse to tell a patient "it is password protected" about a PDF that is not."""
    import pikepdf  # a large import, needed only when protection is promised

    try:
        with pikepdf.open(io.BytesIO(data)):
            pass
    except pikepdf.PasswordError:
        return  # it does need a password: the promise holds
    except pikepdf.PdfError:
        raise HandoutError(f"{pdf}: not a readable PDF, so not sent as protected") from None
    raise HandoutError(
        f"{pdf}: not sent: the email says the PDF is password protected, "
        "but it opens without a password"
    )
