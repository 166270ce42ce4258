"""What a front end asks for, and what it gets back: typed values, no sentences."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from handouts.deliver.protect import PasswordSource
from handouts.errors import Notice
from handouts.load.choice import ClinicChoice
from handouts.models.plan import Plan

if TYPE_CHECKING:  # sending's types; make without sending never imports SMTP or TLS
    from handouts.deliver.outbox import Delivery


class Send(StrEnum):
    """What happens to the PDF after it is written."""

    NOTHING = "nothing"
    EMAIL = "email"  # through the clinic's SMTP server
    DRAFT = "draft"  # an .eml file beside the PDF


@dataclass(frozen=True)
class MakeRequest:
    """One handout to make: a plan file and/or values given as flags, and how to deliver it.

    ``overrides`` are plan values shaped like a plan file (flags win over the file).
    ``output`` None names the file from the patient and date, in ``folder``.
    """

    plan_file: Path | None = None
    overrides: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    clinic: Path | None = None
    libraries: tuple[Path, ...] = ()
    since: Path | None = None
    output: Path | None = None
    folder: Path | None = None
    overwrite: bool = False
    password: PasswordSource | None = None
    send: Send = Send.NOTHING
    resend: bool = False
    summary: bool = False
    language: str | None = None  # --language: wins over the plan's and the clinic's
    fallback: str | None = None  # --fallback en: untranslated items print in English, marked
    second_language: str | None = None  # --second-language: each section and card in it too


@dataclass(frozen=True)
class Made:
    """A handout that was written (and, if asked, delivered)."""

    path: Path
    plan: Plan  # as made: what a later email names the patient and checks against
    exercises: int
    size: int  # bytes on disk
    protected: bool
    clinic: ClinicChoice
    uncovered: tuple[str, ...] = ()  # characters printed as the fallback sign
    delivery: Delivery | None = None
    summary: str | None = None
    notices: tuple[Notice, ...] = ()  # what was removed from the input's text, by field
