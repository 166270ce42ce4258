"""Print handouts through the system's print service (``lp``; Windows' print verb)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from handouts.errors import HandoutError


def lp_command(
    files: list[Path], *, printer: str | None = None, copies: int = 1, duplex: bool = False
) -> list[str]:
    """The ``lp`` command line for ``files`` (CUPS, on Linux and macOS)."""
    lp = shutil.which("lp")
    if lp is None:
        raise HandoutError(
            "no print service found: 'lp' is not installed (install CUPS), "
            "or open the PDF and print it from your PDF viewer"
        )
    argv = [lp]
    if printer:
        argv += ["-d", printer]
    if copies != 1:
        argv += ["-n", str(copies)]
    # Long-edge binding: pages turn like a book, the way handouts are read.
    argv += ["-o", "sides=two-sided-long-edge" if duplex else "sides=one-sided"]
    return [*argv, "--", *(str(f) for f in files)]


def print_files(
    files: list[Path], *, printer: str | None = None, copies: int = 1, duplex: bool = False
) -> str:
    """Send ``files`` to the printer; return the print service's reply (e.g. the job id).

    Every file is checked before any is sent, so a refused file prints nothing.
    """
    for f in files:
        if not f.is_file():
            raise HandoutError(f"{f}: no such file")
        if needs_password(f):
            raise HandoutError(
                f"{f}: password protected; printers cannot open it "
                "— print the unprotected handout instead"
            )
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        return _print_windows(files, printer=printer, copies=copies, duplex=duplex)
    argv = lp_command(files, printer=printer, copies=copies, duplex=duplex)
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=120, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise HandoutError(f"printing failed: {exc}") from None
    if done.returncode != 0:
        reason = (done.stderr or done.stdout).strip().splitlines()
        raise HandoutError(f"printing failed: {reason[0] if reason else 'lp failed'}")
    return done.stdout.strip()


def needs_password(path: Path) -> bool:
    """Whether ``path`` opens only with a password (a handout made with --password-from).

    Why refuse it: the print service passes the file on, the printer cannot open
    it, and a blank page comes out while the command reports success.  A file
    with only an owner password opens (and prints) without one.  A file that is
    not a readable PDF at all is left to the print service to report.
    """
    import pikepdf  # only when printing

    try:
        with pikepdf.open(path):
            return False
    except pikepdf.PasswordError:
        return True
    except pikepdf.PdfError:
        return False


def _print_windows(
    files: list[Path], *, printer: str | None, copies: int, duplex: bool
) -> str:  # pragma: no cover - Windows only
    if printer or duplex:
        raise HandoutError(
            "--printer and --duplex are not available on Windows: the PDF viewer's "
            "print verb prints to the default printer with its own settings"
        )
    for f in files:
        for _ in range(copies):
            os.startfile(f, "print")  # type: ignore[attr-defined]
    return f"sent {len(files)} file(s) to the default printer"
