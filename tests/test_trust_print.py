"""handouts print refuses a password-protected handout: printers cannot open it."""

from __future__ import annotations

import sys
from pathlib import Path

import pikepdf
import pytest

from handouts.errors import HandoutError
from tests.test_print import fake_lp, run  # noqa: F401  (the stand-in lp fixture)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="lp is for Linux and macOS")


@pytest.fixture
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Outside tmp_path: conftest opens every PDF left there, and these need a password.
    return tmp_path_factory.mktemp("protected")


def _pdf(path: Path, *, user: str | None = None, owner: str | None = None) -> Path:
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        if user is None and owner is None:
            pdf.save(path)
        else:
            pdf.save(path, encryption=pikepdf.Encryption(user=user or "", owner=owner or "x"))
    return path


def test_a_protected_handout_is_refused_before_anything_prints(
    fake_lp: Path,  # noqa: F811
    folder: Path,
) -> None:
    plain = _pdf(folder / "plain.pdf")
    locked = _pdf(folder / "jane-doe.pdf", user="07031985", owner="07031985")
    result = run("print", plain, locked)
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {locked}: password protected; printers cannot open it "
        "— print the unprotected handout instead\n"
    )
    assert not fake_lp.exists(), "lp ran although one file could not be printed"


def test_an_owner_only_password_still_prints(fake_lp: Path, folder: Path) -> None:  # noqa: F811
    # Opens without a password (only editing is restricted): a printer reads it.
    opens = _pdf(folder / "restricted.pdf", owner="secret")
    result = run("print", opens)
    assert result.exit_code == 0, result.output
    assert fake_lp.exists()


def test_print_files_raises_a_handout_error(fake_lp: Path, folder: Path) -> None:  # noqa: F811
    from handouts.deliver.printing import print_files

    locked = _pdf(folder / "locked.pdf", user="pw")
    with pytest.raises(HandoutError, match=r"locked\.pdf: password protected"):
        print_files([locked])
    assert not fake_lp.exists()
