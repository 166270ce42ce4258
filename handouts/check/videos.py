"""Where a clinic's QR codes point: never to an example address, never to an unknown id.

Why: a patient scans the code on their sheet; a placeholder address copied from
an example file, or a video listed under a mistyped exercise id, leaves them
with nothing (or with someone else's site).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from handouts.check.findings import Finding
from handouts.load.yamlfile import YamlDoc
from handouts.models.library import Library, suggest

_PLACEHOLDER_TLDS = {"example", "test", "invalid", "localhost"}
_PLACEHOLDER_DOMAINS = {"example.com", "example.net", "example.org"}


def placeholder_host(url: str) -> str | None:
    """The host of ``url`` if it is a documentation-only name no real site uses, else None.

    Such names (``example.com``, ``*.example``, ``*.test`` …, RFC 2606/6761) are
    what sample files and copied examples carry; a QR code to one leads a patient
    nowhere.  The bundled example clinic's ``riverside-therapy.example`` is one.
    """
    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    labels = host.split(".")
    if labels[-1] in _PLACEHOLDER_TLDS or ".".join(labels[-2:]) in _PLACEHOLDER_DOMAINS:
        return host
    return None


def video_address_findings(profile: Path, doc: YamlDoc, data: dict[str, Any]) -> list[Finding]:
    """Warn where the profile's video addresses would send a patient's QR scan nowhere."""
    given: list[tuple[tuple[str, ...], Any]] = [(("videos",), data.get("videos"))]
    chosen = data.get("exercise_videos")
    if isinstance(chosen, dict):
        given += [(("exercise_videos", str(k)), v) for k, v in chosen.items()]
    found = []
    for loc, url in given:
        host = placeholder_host(url) if isinstance(url, str) and url else None
        if host is not None:
            found.append(
                Finding.warning(
                    profile,
                    doc.line_of(loc),
                    ".".join(loc),
                    f"QR codes would point to {host}, an example address with no videos; "
                    "give the address where your clinic hosts them",
                )
            )
    return found


def unknown_video_ids(profile: Path, doc: YamlDoc, library: Library) -> list[Finding]:
    """``exercise_videos`` entries for exercises the library does not have (no QR is printed)."""
    chosen = doc.data.get("exercise_videos") if isinstance(doc.data, dict) else None
    found = []
    for exercise_id in chosen if isinstance(chosen, dict) else {}:
        if exercise_id not in library.exercises:
            hint = suggest(str(exercise_id), list(library.exercises))
            found.append(
                Finding.warning(
                    profile,
                    doc.line_of(("exercise_videos", exercise_id)),
                    f"exercise_videos.{exercise_id}",
                    f"no exercise {exercise_id!r} in the library{hint}; its video is never shown",
                )
            )
    return found
