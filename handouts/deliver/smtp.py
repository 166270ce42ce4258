"""Send messages through the clinic's SMTP server, retrying temporary failures.

Why the rules below: a 4xx reply ("421 busy", "451 try later") is the server
asking us to come back, so we reconnect and retry a bounded number of times,
waiting longer each time; a 5xx reply is a permanent "no" for that message and
is reported at once.  A refused connection or a failed login would fail every
message the same way, so the first one is remembered and repeated instantly
instead of making a clinician wait for a thousand timeouts.

Why the envelope and DATA are sent step by step rather than with
``send_message``: once the message text has gone and the server's reply has
not come back (a dropped connection, a timeout), nobody knows whether it was
delivered, so that case must never be retried.  Stepping through the protocol
tells the two apart, and lets the caller write its "about to send" record
after the server accepted the recipient and before the message goes out.

Why a short wait for the greeting: an SMTP server speaks first, within a
second or so, while an implicit-TLS port waits silently for a TLS handshake.
Waiting the full timeout there would look like a hang; a few seconds of
silence is the sign that ``smtp.security`` does not match the port.
"""

from __future__ import annotations

import os
import re
import smtplib
import ssl
import time
from collections.abc import Callable
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from email.utils import getaddresses
from pathlib import Path

from handouts.errors import HandoutError
from handouts.models.clinic import Smtp, SmtpSecurity

GREETING_WAIT = 7.0  # seconds of silence after connecting that mean "this port wants TLS first"
KEYRING_SERVICE = "handouts"


class SendError(HandoutError):
    """One message could not be sent (the handout itself is unaffected)."""


class NoReplyError(SendError):
    """The message went to the server but its reply never came: it may have been delivered."""


def tls_context(ca_file: Path | None = None, where: str = "smtp.ca_file") -> ssl.SSLContext:
    """Certificate checking for the mail server: the system's trust, or only ``ca_file``.

    ``where`` prefixes an error (e.g. ``clinic.yaml: smtp.ca_file``).
    """
    if ca_file is None:
        return ssl.create_default_context()
    if not ca_file.is_file():
        raise HandoutError(f"{where}: file not found: {ca_file}")
    try:
        return ssl.create_default_context(cafile=str(ca_file))
    except (ssl.SSLError, OSError, ValueError):
        raise HandoutError(f"{where}: not a PEM certificate file: {ca_file}") from None


def _nothing() -> None:
    pass


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

    def __init__(
        self,
        settings: Smtp,
        password: str | None = None,
        *,
        context: ssl.SSLContext | None = None,
    ) -> None:
        self.settings = settings
        self.password = password
        self.context = context or ssl.create_default_context()
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

    def send(
        self,
        message: EmailMessage,
        *,
        before_data: Callable[[], None] = _nothing,
        refused: Callable[[], None] = _nothing,
    ) -> None:
        """Send ``message``; raise ``SendError`` with a one-line reason if it was not accepted.

        ``before_data`` runs each time the server has accepted the envelope and
        the message text is about to go (the caller's durable "intent" record);
        ``refused`` runs if, after that, the server definitely did not take it.
        ``NoReplyError`` means the text went but no reply came: it is never
        retried, since the server may have delivered it.
        """
        if self._fatal is not None:
            raise self._fatal
        s = self.settings
        sender, recipients, data = _envelope(message)
        for attempt in range(s.retries + 1):
            announced = handed_over = False
            try:
                smtp = self._connection()
                error = _envelope_error(smtp, sender, recipients, len(data))
                if error is None:
                    before_data()
                    announced = True
                    code, reply = smtp.docmd("DATA")
                    if code == 354:
                        handed_over = True
                        smtp.send(_dot_stuffed(data))
                        code, reply = smtp.getreply()
                        if code == 250:
                            return
                    error = _reply_error(code, reply, "server refused")
            except smtplib.SMTPResponseException as exc:
                error = _reply_error(exc.smtp_code, exc.smtp_error, "server refused")
            except (smtplib.SMTPServerDisconnected, OSError) as exc:
                self._drop()
                if handed_over:
                    raise self._no_reply(exc) from None
                if isinstance(exc, smtplib.SMTPServerDisconnected):
                    error = (450, "the server closed the connection")
                else:
                    if announced:
                        refused()
                    self._fatal = _connection_error(s, exc)
                    raise self._fatal from None
            except BaseException:  # e.g. the intent could not be written: leave no half session
                self._drop()
                raise
            code, reason = error
            if announced:
                refused()  # the server answered "no": it definitely does not have the message
            self.close()  # after any fault, start the next attempt on a fresh connection
            if not 400 <= code < 500 or attempt == s.retries:
                raise SendError(reason)
            time.sleep(s.retry_delay * 2**attempt)
        raise AssertionError("unreachable")  # pragma: no cover

    def _no_reply(self, exc: BaseException) -> NoReplyError:
        s = self.settings
        timed_out = isinstance(exc, TimeoutError) or isinstance(exc.__context__, TimeoutError)
        why = f"no reply came in {s.timeout:g} s" if timed_out else "the connection closed"
        return NoReplyError(
            f"{s.host}:{s.port}: the message was handed over but {why} before the server "
            "confirmed it; it may have been delivered"
        )

    def _drop(self) -> None:
        if self._smtp is not None:
            self._smtp.close()
            self._smtp = None

    def _connection(self) -> smtplib.SMTP:
        if self._smtp is not None:
            return self._smtp
        s = self.settings
        wait = min(s.timeout, GREETING_WAIT)
        smtp: smtplib.SMTP | None = None
        try:
            # Connecting, any implicit TLS handshake and the greeting get the short wait.
            if s.security is SmtpSecurity.TLS:
                smtp = smtplib.SMTP_SSL(s.host, s.port, timeout=wait, context=self.context)
            else:
                smtp = smtplib.SMTP(s.host, s.port, timeout=wait)
            # The server greeted: from now on, its replies get the full timeout.
            smtp.timeout = s.timeout
            if smtp.sock is not None:
                smtp.sock.settimeout(s.timeout)
            if s.security is SmtpSecurity.STARTTLS:
                smtp.starttls(context=self.context)
            if s.user:
                smtp.login(s.user, self.password or "")
        except BaseException as exc:
            if smtp is not None:
                smtp.close()
            fatal = self._settings_error(exc, greeted=smtp is not None, wait=wait)
            if fatal is None:
                raise  # judged in send(): a 4xx reply is retried, a socket fault reported
            self._fatal = fatal
            raise fatal from None
        self._smtp = smtp
        return smtp

    def _settings_error(
        self, exc: BaseException, *, greeted: bool, wait: float
    ) -> SendError | None:
        """The one-line error for a fault that every message would meet, else None.

        Each names the setting to change and, where the fault shows it, the likely value.
        """
        s = self.settings
        at = f"{s.host}:{s.port}"
        if isinstance(exc, smtplib.SMTPAuthenticationError):
            return SendError(f"login to {s.host} as {s.user} failed (wrong password?)")
        if isinstance(exc, smtplib.SMTPNotSupportedError):
            return SendError(
                f"{at}: smtp.security: the server does not offer STARTTLS; "
                "if this port is for implicit TLS (usually 465) use smtp.security: tls"
            )
        if isinstance(exc, smtplib.SMTPResponseException):
            return None  # a reply such as "421 busy": the moment, not the settings
        if isinstance(exc, smtplib.SMTPServerDisconnected):
            # connect() reports a server that stays silent as a disconnect caused by a timeout.
            if not greeted and isinstance(exc.__context__, TimeoutError):
                return SendError(
                    f"{at}: smtp.security: {s.security.value} expects the server to greet "
                    f"first, but it said nothing in {wait:g} s; this port probably needs "
                    "smtp.security: tls (implicit TLS, usually port 465)"
                )
            return None
        if isinstance(exc, smtplib.SMTPException):
            return SendError(f"{at}: {exc}")  # e.g. no AUTH offered: settings, not the moment
        if isinstance(exc, ssl.SSLCertVerificationError):
            return SendError(
                f"{at}: smtp.ca_file: the server's certificate is not trusted "
                f"({exc.verify_message}); set smtp.ca_file to its certificate (PEM) "
                "or its certificate authority's"
            )
        if isinstance(exc, ssl.SSLError) and s.security is SmtpSecurity.TLS and not greeted:
            return SendError(
                f"{at}: smtp.security: tls, but the server did not start TLS "
                f"(TLS failed: {exc.reason}); a server that greets in plain text "
                "(usually port 587 or 25) needs smtp.security: starttls"
            )
        return None


def _connection_error(s: Smtp, exc: OSError) -> SendError:
    """The one-line reason for a socket or TLS fault that will repeat for every message."""
    if isinstance(exc, ssl.SSLError):
        return SendError(f"{s.host}:{s.port}: TLS failed ({exc.reason})")
    return SendError(f"cannot connect to {s.host}:{s.port} ({exc.strerror or exc})")


def _envelope(message: EmailMessage) -> tuple[str, list[str], bytes]:
    """(sender, recipients, message bytes with CRLF line ends) for ``message``."""
    sender = getaddresses([str(message["From"] or "")])[0][1]
    recipients = [a for _, a in getaddresses([str(v) for v in message.get_all("To", [])]) if a]
    if not sender or not recipients:
        raise SendError("the message has no sender or no recipient")
    return sender, recipients, message.as_bytes(policy=SMTP_POLICY)


def _envelope_error(
    smtp: smtplib.SMTP, sender: str, recipients: list[str], size: int
) -> tuple[int, str] | None:
    """MAIL FROM and RCPT TO; the first refusal as (code, reason), or None if all accepted."""
    smtp.ehlo_or_helo_if_needed()
    options = [f"SIZE={size}"] if smtp.does_esmtp and smtp.has_extn("size") else []
    code, reply = smtp.mail(sender, options)
    if code != 250:
        return _reply_error(code, reply, "server refused")
    for recipient in recipients:
        code, reply = smtp.rcpt(recipient)
        if code not in (250, 251):
            return _reply_error(code, reply, "recipient refused")
    return None


def _dot_stuffed(data: bytes) -> bytes:
    """The DATA payload: leading dots doubled, ended by CRLF . CRLF (RFC 5321 4.5.2)."""
    payload = re.sub(rb"(?m)^\.", b"..", data)
    if not payload.endswith(b"\r\n"):
        payload += b"\r\n"
    return payload + b".\r\n"


def _reply_error(code: int, reply: bytes | str, what: str) -> tuple[int, str]:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    return code, f"{what}: {code} {' '.join(text.split())}"
