"""The email that carries a handout: subject and body from templates, the PDF attached.

Why a separate Jinja environment from ``compose.wording``: that one escapes for
ReportLab markup, and an email is plain text, where ``&amp;`` would be a typo.
The search path is the same (the clinic's templates folder first), so a clinic
overrides ``email_subject.j2`` and ``email_body.j2`` like any other template.
"""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import formataddr, formatdate, make_msgid
from pathlib import Path
from typing import Any

import jinja2

from handouts.compose.wording import environment, render_template
from handouts.deliver.address import checked_address
from handouts.errors import HandoutError
from handouts.models.clinic import Clinic, Practitioner
from handouts.models.plan import Patient


def _environment(override_dir: Path | None, language: str) -> jinja2.Environment:
    # The wording's environment (gettext, the clinic's folders), without escaping.
    return environment(override_dir, language, autoescape=False)


def _render(clinic: Clinic, name: str, context: dict[str, Any], language: str) -> str:
    return render_template(_environment(clinic.templates_path, language), name, context)


def sender_address(clinic: Clinic) -> str:
    """The From: header: the SMTP from address, or else the clinic's own email."""
    address = clinic.smtp.from_address if clinic.smtp else clinic.email
    if not address:
        raise HandoutError(
            f"{clinic.source}: smtp.from_address: needed to email a handout "
            "(or set the clinic's email)"
        )
    name = (clinic.smtp.from_name if clinic.smtp else "") or clinic.name
    return formataddr((name, address))


def read_pdf(pdf: Path) -> bytes:
    """The bytes of ``pdf``, or a one-line ``HandoutError``."""
    try:
        return pdf.read_bytes()
    except OSError as exc:
        raise HandoutError(f"{pdf}: cannot read ({exc.strerror})") from None


def build_message(
    pdf: Path,
    to: str,
    clinic: Clinic,
    *,
    patient: Patient | None = None,
    practitioner: Practitioner | None = None,
    protected: str = "",
    data: bytes | None = None,
    language: str = "en",
) -> EmailMessage:
    """The email for ``pdf``: From, To, Subject, Date, Message-ID, text body, PDF attachment.

    ``data``: the PDF's bytes if already read, so that what is attached is
    exactly what the caller checked and fingerprinted.  ``language``: the
    handout's, so the patient reads the email in it too.
    """
    to = checked_address(to)
    context = {
        "patient": patient,
        "practitioner": practitioner,
        "clinic": clinic,
        "file_name": pdf.name,
        "protected": protected,
    }
    subject = " ".join(_render(clinic, "email_subject.j2", context, language).split())
    body = _render(clinic, "email_body.j2", context, language).strip() + "\n"
    sender = sender_address(clinic)
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2].rstrip(">") or None)
    message.set_content(body)
    if data is None:
        data = read_pdf(pdf)
    message.add_attachment(data, maintype="application", subtype="pdf", filename=pdf.name)
    return message
