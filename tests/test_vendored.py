"""The desk's vendored htmx is the file VENDORED.md names, with its licence, in the wheel."""

from __future__ import annotations

import hashlib
import re

from tests.conftest import REPO

STATIC = REPO / "handouts" / "desk" / "static"
HTMX = STATIC / "htmx.min.js"
VENDORED = STATIC / "VENDORED.md"


def vendored_field(pattern: str) -> str:
    """The one value in VENDORED.md that ``pattern``'s group captures."""
    (value,) = re.findall(pattern, VENDORED.read_text(encoding="utf-8"), flags=re.MULTILINE)
    return str(value)


def test_htmx_is_the_file_vendored_md_names() -> None:
    recorded = vendored_field(r"^  sha256: `([0-9a-f]{64})`$")
    assert hashlib.sha256(HTMX.read_bytes()).hexdigest() == recorded, (
        "htmx.min.js changed: vendor it again as VENDORED.md says and record its sha256"
    )


def test_vendored_md_names_the_version_inside_htmx() -> None:
    version = vendored_field(r"^- Version: (\S+)$")
    (inside,) = re.findall(r'\bversion:"([^"]+)"', HTMX.read_text(encoding="ascii"))
    assert inside == version
    assert version.startswith("2.")
    # The tarball named is that version's.
    assert vendored_field(r"^- Tarball: (\S+)$").endswith(f"/htmx.org-{version}.tgz")


def test_htmx_licence_is_beside_it() -> None:
    licence = (STATIC / "htmx.LICENSE.txt").read_text(encoding="utf-8")
    assert licence.startswith("Zero-Clause BSD")
    assert "Permission to use, copy, modify, and/or distribute this software" in licence
