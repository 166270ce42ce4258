"""A real SMTP server for the email tests: aiosmtpd on 127.0.0.1, on a free port.

Not a mock: the client under test speaks real SMTP over a real socket, so
retries, refusals and the message as received are what a clinic's server sees.
"""

from __future__ import annotations

import socket
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


class Mailbox:
    """Records accepted messages; answers with scripted replies first.

    ``replies``: what to answer to DATA before accepting (e.g. "421 …", "451 …").
    ``refuse``: recipients answered with 550.
    """

    def __init__(self, replies: list[str] | None = None, refuse: set[str] | None = None) -> None:
        self.replies = list(replies or [])
        self.refuse = refuse or set()
        self.messages: list[EmailMessage] = []
        self.attempts = 0

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


def serve(mailbox: Mailbox, *, login: bool = False) -> Iterator[int]:
    """Run an SMTP server for ``mailbox``; yield its port."""
    port = free_port()
    extra: dict[str, Any] = {}
    if login:
        extra = {"authenticator": _check_login, "auth_require_tls": False}
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
