"""TLS settings against real loopback servers: ca_file trust, and security mismatches that
must fail fast (under 10 s) with one line naming smtp.security and the likely right value."""

from __future__ import annotations

import ssl
import time
from collections.abc import Iterator
from pathlib import Path

import pydantic
import pytest
from click.testing import CliRunner, Result

from handouts.cli import main
from handouts.deliver.outbox import DeliveryStatus, Outbox
from handouts.deliver.smtp import SendError
from handouts.errors import HandoutError
from handouts.load.clinic import load_clinic
from handouts.models.clinic import Smtp
from tests.smtp_server import Mailbox, certificates, serve, write_clinic

FAST = 10.0  # seconds: the promise for a mismatched smtp.security


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


SERVERS = [("tls", "tls_port"), ("starttls", "starttls_port")]


@pytest.fixture
def tls(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ssl.SSLContext]:
    return certificates(tmp_path_factory.mktemp("certs"))


@pytest.fixture
def mailbox() -> Mailbox:
    return Mailbox()


@pytest.fixture
def tls_port(mailbox: Mailbox, tls: tuple[Path, ssl.SSLContext]) -> Iterator[int]:
    yield from serve(mailbox, implicit_tls=tls[1])


@pytest.fixture
def starttls_port(mailbox: Mailbox, tls: tuple[Path, ssl.SSLContext]) -> Iterator[int]:
    yield from serve(mailbox, starttls=tls[1])


@pytest.fixture
def plain_port(mailbox: Mailbox) -> Iterator[int]:
    yield from serve(mailbox)


@pytest.mark.parametrize("security", ["none", "starttls"])
def test_plain_settings_against_an_implicit_tls_port_fail_fast_and_suggest_tls(
    tmp_path: Path, pdf: Path, tls_port: int, mailbox: Mailbox, security: str
) -> None:
    clinic = write_clinic(tmp_path, tls_port, security=security)
    start = time.monotonic()
    result = run("send", pdf, "--to", "jane@example.org", "--clinic", clinic)
    elapsed = time.monotonic() - start
    assert result.exit_code == 1
    assert elapsed < FAST, f"took {elapsed:.1f} s"
    [line] = result.output.splitlines()
    assert f"127.0.0.1:{tls_port}: smtp.security: {security} expects" in line
    assert "smtp.security: tls" in line
    assert not mailbox.messages


def test_implicit_tls_against_a_plain_server_fails_fast_and_suggests_starttls(
    tmp_path: Path, pdf: Path, plain_port: int, mailbox: Mailbox
) -> None:
    clinic = write_clinic(tmp_path, plain_port, security="tls")
    start = time.monotonic()
    result = run("send", pdf, "--to", "jane@example.org", "--clinic", clinic)
    elapsed = time.monotonic() - start
    assert result.exit_code == 1
    assert elapsed < FAST, f"took {elapsed:.1f} s"
    [line] = result.output.splitlines()
    assert f"127.0.0.1:{plain_port}: smtp.security: tls, but the server did not start TLS" in line
    assert "needs smtp.security: starttls" in line
    assert not mailbox.messages


@pytest.mark.parametrize(
    ("security", "port_fixture"), [("tls", "tls_port"), ("starttls", "starttls_port")]
)
def test_ca_file_makes_the_servers_certificate_trusted(
    tmp_path: Path,
    pdf: Path,
    mailbox: Mailbox,
    tls: tuple[Path, ssl.SSLContext],
    security: str,
    port_fixture: str,
    request: pytest.FixtureRequest,
) -> None:
    port = request.getfixturevalue(port_fixture)
    ca_file = tls[0]
    (tmp_path / "certs").mkdir()
    (tmp_path / "certs" / "clinic-ca.pem").write_bytes(ca_file.read_bytes())
    # Relative to clinic.yaml, like the logo.
    clinic = write_clinic(tmp_path, port, security=security, ca_file="certs/clinic-ca.pem")
    with Outbox(load_clinic(clinic)) as outbox:
        delivery = outbox.deliver(pdf, "jane@example.org")
    assert delivery.status is DeliveryStatus.SENT
    [message] = mailbox.messages
    assert message["To"] == "jane@example.org"


@pytest.mark.parametrize(
    ("security", "port_fixture"), [("tls", "tls_port"), ("starttls", "starttls_port")]
)
def test_without_ca_file_an_unknown_certificate_is_refused_naming_ca_file(
    tmp_path: Path,
    pdf: Path,
    mailbox: Mailbox,
    security: str,
    port_fixture: str,
    request: pytest.FixtureRequest,
) -> None:
    port = request.getfixturevalue(port_fixture)
    clinic = write_clinic(tmp_path, port, security=security)
    start = time.monotonic()
    with Outbox(load_clinic(clinic)) as outbox, pytest.raises(SendError) as caught:
        outbox.deliver(pdf, "jane@example.org")
    assert time.monotonic() - start < FAST
    assert "smtp.ca_file: the server's certificate is not trusted" in caught.value.message
    assert "\n" not in caught.value.message
    assert not mailbox.messages
    log = pdf.parent / "sent-log.csv"
    assert not log.exists()  # refused before any envelope: no intent either


def test_a_missing_ca_file_is_refused_before_any_work(tmp_path: Path) -> None:
    clinic = write_clinic(tmp_path, 2525, security="tls", ca_file="nowhere.pem")
    with pytest.raises(HandoutError) as caught:
        Outbox(load_clinic(clinic))
    assert "smtp.ca_file: file not found" in caught.value.message


def test_a_ca_file_that_is_not_pem_is_refused(tmp_path: Path) -> None:
    (tmp_path / "ca.pem").write_text("not a certificate\n")
    clinic = write_clinic(tmp_path, 2525, security="tls", ca_file="ca.pem")
    with pytest.raises(HandoutError) as caught:
        Outbox(load_clinic(clinic))
    assert "smtp.ca_file: not a PEM certificate file" in caught.value.message


@pytest.mark.parametrize("seconds", [0, -1, 20.5, 60])
def test_timeouts_are_capped_at_twenty_seconds(seconds: float) -> None:
    with pytest.raises(pydantic.ValidationError):
        Smtp(host="h", from_address="a@example.org", timeout=seconds)
    assert Smtp(host="h", from_address="a@example.org").timeout == 20
