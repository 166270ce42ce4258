"""A real SMTP server for the email tests: aiosmtpd on 127.0.0.1, on a free port.

Not a mock: the client under test speaks real SMTP over a real socket, so
retries, refusals and the message as received are what a clinic's server sees.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import ipaddress
import socket
import ssl
import time
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import yaml
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from handouts import resources

USER = "reception"
PASSWORD = "correct horse"

# The plan the email tests mail: one patient with a date of birth (for --password-from dob).
PLAN = {
    "patient": {"name": "Jane Doe", "date_of_birth": "1984-09-03"},
    "practitioner": {"name": "Sam Patel"},
    "date": "2026-11-24",
    "exercises": ["hip-flexor-stretch"],
}


class Mailbox:
    """Records accepted messages; answers with scripted replies first.

    ``replies``: what to answer to DATA before accepting (e.g. "421 …", "451 …").
    ``refuse``: recipients answered with 550.
    ``drop``: for this many messages, store the message and then close the
    connection without replying: the window where a client cannot know.
    ``hold``: for this many messages, store the message and then wait (at most
    ``HOLD_LIMIT`` seconds, or until ``release()``) before replying, so a test
    can kill the client in between.
    """

    HOLD_LIMIT = 15.0

    def __init__(
        self,
        replies: list[str] | None = None,
        refuse: set[str] | None = None,
        *,
        drop: int = 0,
        hold: int = 0,
    ) -> None:
        self.replies = list(replies or [])
        self.refuse = refuse or set()
        self.drop = drop
        self.hold = hold
        self.released = False
        self.messages: list[EmailMessage] = []
        self.attempts = 0

    def release(self) -> None:
        """Let a held reply go."""
        self.released = True

    def wait_for(self, count: int, limit: float = 10.0) -> bool:
        """Wait (at most ``limit`` seconds) until ``count`` messages are stored."""
        deadline = time.monotonic() + limit
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        return len(self.messages) >= count

    async def handle_RCPT(  # noqa: N802 - aiosmtpd's hook name
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address in self.refuse:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.attempts += 1
        if self.replies:
            return self.replies.pop(0)
        message = message_from_bytes(envelope.original_content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append(message)
        if self.drop > 0:
            self.drop -= 1
            server.transport.abort()  # stored, but the client never hears so
        elif self.hold > 0:
            self.hold -= 1
            deadline = time.monotonic() + self.HOLD_LIMIT
            while not self.released and time.monotonic() < deadline:
                await asyncio.sleep(0.02)
        return "250 OK"


def _check_login(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
    ok = isinstance(data, LoginPassword) and data.login.decode() == USER
    ok = ok and data.password.decode() == PASSWORD
    return AuthResult(success=ok, handled=False)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def serve(
    mailbox: Mailbox,
    *,
    login: bool = False,
    implicit_tls: ssl.SSLContext | None = None,
    starttls: ssl.SSLContext | None = None,
) -> Iterator[int]:
    """Run an SMTP server for ``mailbox``; yield its port.

    ``implicit_tls``: a server context to speak TLS from the first byte (port 465 style);
    ``starttls``: a server context to offer STARTTLS with (port 587 style).
    """
    port = free_port()
    extra: dict[str, Any] = {}
    if login:
        extra = {"authenticator": _check_login, "auth_require_tls": False}
    if implicit_tls is not None:
        extra["ssl_context"] = implicit_tls
    if starttls is not None:
        extra["tls_context"] = starttls
    controller = Controller(mailbox, hostname="127.0.0.1", port=port, **extra)
    controller.start()
    try:
        yield port
    finally:
        controller.stop()


def write_clinic(folder: Path, port: int | None, **smtp: Any) -> Path:
    """A copy of the example clinic with an smtp section pointing at ``port``."""
    source = resources.example_clinic()
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    (folder / "logo.svg").write_bytes((source.parent / "logo.svg").read_bytes())
    if port is not None:
        data["smtp"] = {
            "host": "127.0.0.1",
            "port": port,
            "security": "none",
            "from_address": "hello@riverside-therapy.example",
            "retry_delay": 0,
            **smtp,
        }
    path = folder / "clinic.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def attachment(message: EmailMessage) -> tuple[str, str, bytes]:
    """(content type, file name, bytes) of the message's one attachment."""
    parts = list(message.iter_attachments())
    assert len(parts) == 1
    part = parts[0]
    assert isinstance(part, EmailMessage)
    data = part.get_content()
    assert isinstance(data, bytes)
    return part.get_content_type(), part.get_filename() or "", data


def certificates(folder: Path) -> tuple[Path, ssl.SSLContext]:
    """A throwaway certificate authority and a server certificate for 127.0.0.1.

    Returns the authority's certificate (PEM, for ``smtp.ca_file``) and a server
    context holding the server certificate.  Nothing on this machine trusts the
    authority, so a client without ``ca_file`` must refuse the server.
    """
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "handouts test CA")])
    ca_ski = x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key())
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(ca_ski, critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    leaf = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ca_ski),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    pem = serialization.Encoding.PEM
    ca_file = folder / "test-ca.pem"
    ca_file.write_bytes(ca.public_bytes(pem))
    chain = folder / "server.pem"
    chain.write_bytes(
        key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        + leaf.public_bytes(pem)
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(chain)
    return ca_file, context
