"""Email handouts (or write drafts), never sending one file to one address twice.

This is what ``send``, ``make --send`` and ``batch --email`` share: it checks
the settings once, keeps one SMTP connection open for many messages, and keeps
the sent log of each output folder.
"""

from __future__ import annotations

from pathlib import Path

from handouts.deliver.eml import draft_path, write_draft
from handouts.deliver.message import build_message, sender_address
from handouts.deliver.sentlog import SentLog, sent_log_for
from handouts.deliver.smtp import Mailer, smtp_password
from handouts.errors import HandoutError
from handouts.models.clinic import Clinic
from handouts.models.plan import Patient, Practitioner


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
            if clinic.smtp is None:
                raise HandoutError(
                    f"{clinic.source}: smtp: no mail server set up for emailing; add an "
                    "smtp: section to the clinic profile, or use --eml to write drafts"
                )
            self._mailer = Mailer(clinic.smtp, smtp_password(clinic.smtp))

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
    ) -> str:
        """Email ``pdf`` to ``to`` (or write its draft); return what happened, in words.

        Raises ``HandoutError`` (``SendError`` for the server's faults) if it did not happen.
        """
        message = build_message(
            pdf, to, self.clinic, patient=patient, practitioner=practitioner, protected=protected
        )
        if self._mailer is None:
            target = draft_path(pdf)
            if target.exists() and not self.resend:
                return f"draft already written: {target}"
            write_draft(message, target, overwrite=self.resend)
            return f"draft written: {target}"
        log_path = sent_log_for(pdf)
        log = self._logs.get(log_path)
        if log is None:
            log = self._logs[log_path] = SentLog(log_path)
        if log.already_sent(pdf, to) and not self.resend:
            return f"already sent to {to} (--resend sends it again)"
        self._mailer.send(message)
        log.record(pdf, to, str(message["Message-ID"]))
        return f"emailed to {to}"
