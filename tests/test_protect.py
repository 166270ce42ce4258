"""--password-from: AES-256 encryption that readers open only with the password."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner, Result
from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError

from handouts.cli import main
from tests.conftest import check_pdf, squash, write_plan

PLAN = {
    "patient": {"name": "Jane Doe", "date_of_birth": "1984-09-03"},
    "date": "2026-11-24",
    "exercises": ["hip-flexor-stretch"],
}


def run(*args: str | Path, input: str | None = None) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)


@pytest.fixture
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where encrypted PDFs go: not tmp_path, whose PDFs conftest checks without a password.

    Each test checks its encrypted files itself, decrypted, with ``check_pdf``.
    """
    return tmp_path_factory.mktemp("protected")


def decrypted(data: bytes, password: str) -> bytes:
    """The PDF without its encryption, for the structural check."""
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(data), password=password) as pdf:
        pdf.save(out)
    return out.getvalue()


def readable_text(data: bytes, password: str | None = None) -> str:
    reader = PdfReader(io.BytesIO(data))
    if password is not None:
        assert reader.decrypt(password)
    return squash(" ".join(p.extract_text() or "" for p in reader.pages))


def test_dob_password_locks_the_text_and_the_right_password_opens_it(
    tmp_path: Path, folder: Path
) -> None:
    out = folder / "jane.pdf"
    result = run("make", write_plan(tmp_path, PLAN), "--password-from", "dob", "-o", out)
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert b"Jane Doe" not in data
    with pytest.raises(FileNotDecryptedError):
        readable_text(data)
    assert not PdfReader(io.BytesIO(data)).decrypt("01011980")
    assert "Jane Doe" in readable_text(data, "03091984")
    with pikepdf.open(out, password="03091984") as pdf:
        assert pdf.encryption.stream_method.name == "aesv3"  # AES-256
        assert len(pdf.pages) >= 1
    check_pdf(decrypted(data, "03091984"))


def test_password_from_environment_and_prompt(
    tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = write_plan(tmp_path, PLAN)
    monkeypatch.setenv("PDF_PW", "tulip-42")
    result = run("make", plan, "--password-from", "env:PDF_PW", "-o", folder / "a.pdf")
    assert result.exit_code == 0, result.output
    assert "Jane Doe" in readable_text((folder / "a.pdf").read_bytes(), "tulip-42")

    typed = run(
        "make", plan, "--password-from", "prompt", "-o", folder / "b.pdf", input="oak\noak\n"
    )  # fmt: skip
    assert typed.exit_code == 0, typed.output
    assert "Jane Doe" in readable_text((folder / "b.pdf").read_bytes(), "oak")


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("env:NOT_SET_ANYWHERE", "environment variable NOT_SET_ANYWHERE is not set"),
        ("birthday", "expected dob, prompt or env:VARIABLE"),
    ],
)
def test_bad_password_sources_fail_before_writing(tmp_path: Path, spec: str, message: str) -> None:
    out = tmp_path / "x.pdf"
    result = run("make", write_plan(tmp_path, PLAN), "--password-from", spec, "-o", out)
    assert result.exit_code == 1
    assert message in result.output
    assert not out.exists()


def test_dob_password_needs_a_date_of_birth(tmp_path: Path) -> None:
    plan = write_plan(tmp_path, {**PLAN, "patient": {"name": "Jane Doe"}})
    out = tmp_path / "x.pdf"
    result = run("make", plan, "--password-from", "dob", "-o", out)
    assert result.exit_code == 1
    assert "this patient has no date of birth" in result.output
    assert not out.exists()


def test_batch_protects_each_row_with_its_own_date_of_birth(tmp_path: Path, folder: Path) -> None:
    plan = write_plan(tmp_path, PLAN)
    patients = tmp_path / "patients.csv"
    patients.write_text("name,dob\nAnn Lee,1990-01-02\nBob Roe,\n", encoding="utf-8")
    out = folder / "out"
    result = run("batch", patients, "--plan", plan, "--out-dir", out, "--password-from", "dob")
    assert result.exit_code == 1
    assert "1 written, 1 failed: row 3" in result.output
    [ann_file] = out.glob("ann-lee-2026-11-24-*.pdf")
    ann = ann_file.read_bytes()
    assert "Ann Lee" in readable_text(ann, "02011990")
    check_pdf(decrypted(ann, "02011990"))
    assert not list(out.glob("bob-roe-*.pdf"))
