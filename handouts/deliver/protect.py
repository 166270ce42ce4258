"""Password protection: AES-256 encryption of a finished PDF with pikepdf.

Why pikepdf after the build rather than ReportLab's ``encrypt=``: ReportLab
defaults to RC4, and its AES mode writes files that common readers cannot open.
qpdf (inside pikepdf) writes standard AES-256 (R6) files that every current
reader opens, and encrypting a finished handout takes milliseconds.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Callable
from dataclasses import dataclass

from handouts.errors import HandoutError

DOB_FORMAT = "%d%m%Y"  # 7 March 1985 → 07031985, as the email template explains.


@dataclass(frozen=True)
class PasswordSource:
    """Where each handout's password comes from: the patient's date of birth or one fixed value."""

    from_dob: bool = False
    fixed: str | None = None

    @property
    def kind(self) -> str:
        """``"dob"`` or ``"other"``, for the email template's explanation."""
        return "dob" if self.from_dob else "other"

    def password_for(self, date_of_birth: dt.date | None) -> str:
        """The password for one patient."""
        if self.fixed is not None:
            return self.fixed
        if date_of_birth is None:
            raise HandoutError("--password-from dob: this patient has no date of birth")
        return date_of_birth.strftime(DOB_FORMAT)


def password_source(spec: str, ask: Callable[[], str] | None = None) -> PasswordSource:
    """Parse ``dob``, ``prompt`` or ``env:VAR`` (the ``--password-from`` option).

    ``ask`` is the front end's way to ask for a typed password (the CLI prompts
    twice, hidden); the library never prompts by itself.
    """
    if spec == "dob":
        return PasswordSource(from_dob=True)
    if spec == "prompt":
        if ask is None:
            raise HandoutError("--password-from prompt: no terminal to ask for the password on")
        return PasswordSource(fixed=_checked(ask(), "prompt"))
    if spec.startswith("env:") and len(spec) > 4:
        name = spec[4:]
        env_value = os.environ.get(name)
        if env_value is None:
            raise HandoutError(f"--password-from {spec}: environment variable {name} is not set")
        return PasswordSource(fixed=_checked(env_value, spec))
    raise HandoutError(f"--password-from: expected dob, prompt or env:VARIABLE, got {spec!r}")


def _checked(value: str, spec: str) -> str:
    if not value:
        raise HandoutError(f"--password-from {spec}: the password is empty")
    return value


def encrypt_pdf(data: bytes, password: str) -> bytes:
    """``data`` encrypted with AES-256; it opens only with ``password``.

    Printing and copying stay allowed: the point is to keep a mislaid email
    private, not to restrict the patient.
    """
    import pikepdf

    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pdf.save(out, encryption=pikepdf.Encryption(user=password, owner=password, aes=True, R=6))
    return out.getvalue()
