"""Send messages through the clinic's SMTP server, retrying temporary failures.

Why the rules below: a 4xx reply ("421 busy", "451 try later") is the server
asking us to come back, so we reconnect and retry a bounded number of times,
waiting longer each time; a 5xx reply is a permanent "no" for that message and
is reported at once.  A refused connection or a failed login would fail every
message the same way, so the first one is remembered and repeated instantly
instead of making a clinician wait for a thousand timeouts.
"""

from __future__ import annotations

import os
import smtplib
import ssl
import time
from email.message import EmailMessage

from handouts.errors import HandoutError
from handouts.models.clinic import Smtp, SmtpSecurity

TIMEOUT = 30
KEYRING_SERVICE = "handouts"


class SendError(HandoutError):
    """One message could not be sent (the handout itself is unaffected)."""


def smtp_password(settings: Smtp) -> str | None:
    """The password from the environment variable, else the system keyring, else None.

    Never from a YAML file: profiles are copied between machines and into backups.
    """
    if not settings.user:
        return None
    value = os.environ.get(settings.password_env)
    if value:
        return value
    found = _from_keyring(f"{settings.user}@{settings.host}")
    if found:
        return found
    raise HandoutError(
        f"no SMTP password for {settings.user}: set the environment variable "
        f"{settings.password_env}, or store it with "
        f"'keyring set {KEYRING_SERVICE} {settings.user}@{settings.host}'"
    )


def _from_keyring(account: str) -> str | None:
    try:
        import keyring  # optional: pip install keyring
        import keyring.errors
    except ImportError:
        return None
    try:
        found = keyring.get_password(KEYRING_SERVICE, account)
    except keyring.errors.KeyringError:  # no usable backend on this machine
        return None
    return str(found) if found else None


class Mailer:
    """One SMTP connection, reused for many messages; use as a context manager."""

    def __init__(self, settings: Smtp, password: str | None = None) -> None:
        self.settings = settings
        self.password = password
        self._smtp: smtplib.SMTP | None = None
        self._fatal: SendError | None = None

    def __enter__(self) -> Mailer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Say goodbye to the server, if connected."""
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (smtplib.SMTPException, OSError):
                self._smtp.close()
            self._smtp = None

    def send(self, message: EmailMessage) -> None:
        """Send ``message``; raise ``SendError`` with a one-line reason if it was not accepted."""
        if self._fatal is not None:
            raise self._fatal
        s = self.settings
        for attempt in range(s.retries + 1):
            try:
                self._connection().send_message(message)
                return
            except smtplib.SMTPRecipientsRefused as exc:
                code, reply = next(iter(exc.recipients.values()))
                error = _reply_error(code, reply, "recipient refused")
            except smtplib.SMTPResponseException as exc:
                error = _reply_error(exc.smtp_code, exc.smtp_error, "server refused")
            except smtplib.SMTPServerDisconnected:
                error = (450, "the server closed the connection")
            except ssl.SSLError as exc:
                self.close()
                self._fatal = SendError(f"{s.host}:{s.port}: TLS failed ({exc.reason})")
                raise self._fatal from None
            except OSError as exc:
                self.close()
                self._fatal = SendError(
                    f"cannot connect to {s.host}:{s.port} ({exc.strerror or exc})"
                )
                raise self._fatal from None
            code, reason = error
            self.close()  # after any fault, start the next attempt on a fresh connection
            if not 400 <= code < 500 or attempt == s.retries:
                raise SendError(reason)
            time.sleep(s.retry_delay * 2**attempt)
        raise AssertionError("unreachable")  # pragma: no cover

    def _connection(self) -> smtplib.SMTP:
        if self._smtp is not None:
            return self._smtp
        s = self.settings
        if s.security is SmtpSecurity.TLS:
            context = ssl.create_default_context()
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(s.host, s.port, timeout=TIMEOUT, context=context)
        else:
            smtp = smtplib.SMTP(s.host, s.port, timeout=TIMEOUT)
        try:
            if s.security is SmtpSecurity.STARTTLS:
                smtp.starttls(context=ssl.create_default_context())
            if s.user:
                smtp.login(s.user, self.password or "")
        except smtplib.SMTPAuthenticationError:
            self._fatal = SendError(f"login to {s.host} as {s.user} failed (wrong password?)")
        except smtplib.SMTPNotSupportedError as exc:
            self._fatal = SendError(f"{s.host}:{s.port}: {exc} (check smtp.security)")
        except BaseException:  # TLS and socket faults are judged in send()
            smtp.close()
            raise
        if self._fatal is not None:
            smtp.close()
            raise self._fatal
        self._smtp = smtp
        return smtp


def _reply_error(code: int, reply: bytes | str, what: str) -> tuple[int, str]:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    return code, f"{what}: {code} {' '.join(text.split())}"
