"""One desk's session: its clinic and library, its folders, and what it has made.

Why one object per launch: the clinic is resolved once, exactly as ``make``
resolves it, and the library is loaded once, so a preview costs a render and
not a re-read of every library file.  Made handouts are remembered in memory
only (never on disk), so "Email to patient" sends the file that was made, to
the address it was made for.
"""

from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from handouts.api import (
    PLANS_FOLDER,
    ClinicChoice,
    Made,
    Resolved,
    choose_clinic,
    load_choice,
    sample_warning,
)
from handouts.desk.catalogue import Catalogue, catalogue

OUTPUT_FOLDER = "handouts"


@dataclass(frozen=True)
class MadeHandout:
    """A handout the desk wrote, and the protection its email may promise."""

    made: Made
    protection: str  # "", "dob" or "other": as ``PasswordSource.kind``


class Desk:
    """The state of one running desk.

    ``engine`` serialises the work ReportLab and pdfium do: neither is meant to
    be driven from two threads at once, and one clinician never needs that.
    """

    def __init__(self, clinic: Path | None = None, *, cwd: Path | None = None) -> None:
        self.cwd = (cwd or Path.cwd()).resolve()
        self.choice: ClinicChoice = choose_clinic(clinic, cwd=self.cwd)
        self.engine = threading.RLock()
        self._made: dict[str, MadeHandout] = {}

    @cached_property
    def found(self) -> Resolved:
        """The clinic and the library it sees (loaded on first use; errors are the CLI's)."""
        return load_choice(self.choice)

    @cached_property
    def catalogue(self) -> Catalogue:
        return catalogue(self.found.library)

    @cached_property
    def languages(self) -> list[tuple[str, str]]:
        """(code, name in that language) of every language a handout can be made in."""
        from babel import Locale

        from handouts.compose.translations import LANGUAGES

        return sorted(
            (code, Locale.parse(code).get_display_name(code) or code) for code in LANGUAGES
        )

    @property
    def workspace(self) -> Path:
        """The clinic's folder, or the folder the desk started in for the sample clinic."""
        return self.choice.path.parent if self.choice.path else self.cwd

    @property
    def plans_folder(self) -> Path:
        return self.workspace / PLANS_FOLDER

    @property
    def output_folder(self) -> Path:
        return self.workspace / OUTPUT_FOLDER

    @property
    def sample_warning(self) -> str | None:
        return sample_warning(self.choice)

    def remember(self, made: Made, protection: str) -> str:
        """Keep a made handout for its download and email links; its key is unguessable."""
        key = secrets.token_urlsafe(12)
        self._made[key] = MadeHandout(made, protection)
        return key

    def made(self, key: str) -> MadeHandout | None:
        return self._made.get(key)
