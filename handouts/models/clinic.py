"""A clinic's profile: its branding and contact details."""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from handouts.errors import shown
from handouts.models.fields import HttpsUrl, Id, LanguageCode, NonEmptyShortText, ShortText


class PageSize(StrEnum):
    """Paper sizes a handout can be printed on."""

    A4 = "A4"
    LETTER = "Letter"


def _colour(value: str) -> str:
    if not re.fullmatch(r"#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3}", value.strip()):
        raise ValueError(f"expected a colour such as #1d5c8c, got {shown(value)}")
    value = value.strip().lower()
    if len(value) == 4:
        value = "#" + "".join(c * 2 for c in value[1:])
    return value


Colour = Annotated[str, AfterValidator(_colour)]


class Colours(BaseModel):
    """Brand colours as #rrggbb."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    primary: Colour = Field("#1d5c8c", description="Header, headings and rules.")
    accent: Colour = Field("#e0782b", description="Prescription box and highlights.")
    text: Colour = Field("#222222", description="Body text.")


class SmtpSecurity(StrEnum):
    """How the connection to the mail server is protected."""

    STARTTLS = "starttls"
    TLS = "tls"
    NONE = "none"


class Smtp(BaseModel):
    """The clinic's outgoing mail server.  The password is never stored here."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    host: NonEmptyShortText = Field(description="Mail server, e.g. smtp.example.com.")
    port: int = Field(587, ge=1, le=65535, description="587 for starttls, 465 for tls.")
    security: SmtpSecurity = Field(
        SmtpSecurity.STARTTLS,
        description="starttls (usually port 587), tls (implicit TLS, usually port 465)"
        " or none (unencrypted: only for a server on this machine).",
    )
    user: ShortText = Field("", description="Login name; empty for a server without login.")
    from_address: NonEmptyShortText = Field(description="The From: address of every email.")
    from_name: ShortText = Field("", description="The From: name; default: the clinic's name.")
    password_env: ShortText = Field(
        "HANDOUTS_SMTP_PASSWORD", description="Environment variable holding the password."
    )
    retries: int = Field(3, ge=0, le=10, description="Retries after a temporary (4xx) failure.")
    retry_delay: float = Field(
        2.0, ge=0, le=60, description="Seconds before the first retry; doubles each time."
    )
    ca_file: ShortText | None = Field(
        None,
        description="Certificates (PEM) to trust for this server, relative to clinic.yaml;"
        " default: the system's trusted certificates.",
    )
    timeout: float = Field(
        20.0,
        gt=0,
        le=20,
        description="Seconds to wait for the server to connect or reply (at most 20).",
    )


def _video_base(value: str) -> str:
    if re.search(r"[?#]", value):
        raise ValueError(f"expected a plain address without ? or #, got {shown(value)}")
    return value.rstrip("/")


# The address a bundled exercise's video id is added to: https://host/path.
VideoBase = Annotated[HttpsUrl, AfterValidator(_video_base)]


class Practitioner(BaseModel):
    """Who prescribed the programme."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    name: NonEmptyShortText = Field(description="The practitioner's name.")
    role: ShortText | None = Field(None, description='e.g. "Sports massage therapist".')


class ClinicWords(BaseModel):
    """A clinic's own printed words in one more language."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    footer: ShortText | None = Field(None, description="The footer line, in this language.")
    disclaimer: ShortText | None = Field(None, description="The disclaimer, in this language.")


class ClinicProfile(BaseModel):
    """The clinic.yaml file as written (paths still relative to it)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    name: NonEmptyShortText = Field(description="The clinic's name, printed in every header.")
    logo: ShortText = Field(description="Logo file (SVG, PNG or JPEG), relative to clinic.yaml.")
    colours: Colours = Field(default_factory=Colours, description="Brand colours.")
    address: ShortText = Field("", description="Postal address, one line.")
    phone: ShortText = Field("", description="Phone number for patients.")
    email: ShortText = Field("", description="Email address for patients.")
    website: ShortText = Field("", description="Website address.")
    footer: ShortText = Field("", description="A short line printed in every footer.")
    disclaimer: ShortText = Field("", description="A short disclaimer printed in every footer.")
    page_size: PageSize = Field(PageSize.A4, description="Default paper size: A4 or Letter.")
    library: ShortText | None = Field(
        None, description="The clinic's own library folder; overlays the bundled library."
    )
    templates: ShortText | None = Field(
        None, description="Folder of template overrides (same file names as the built-ins)."
    )
    image_folders: list[ShortText] = Field(
        default_factory=list,
        max_length=10,
        description="Folders outside the library that exercise files may take pictures from;"
        " pictures anywhere else outside the library are refused.",
    )
    language: LanguageCode | None = Field(
        None,
        description="The language of this clinic's handouts as a BCP-47 code (en, es, es-MX …);"
        " default: English. A plan or --language can choose another.",
    )
    translations: dict[LanguageCode, ClinicWords] = Field(
        default_factory=dict,
        description="The footer and disclaimer in other languages, by language code (es: …);"
        " a handout in a language given here prints them instead of the English ones.",
    )
    practitioner: Practitioner | None = Field(
        None,
        description="The practitioner the desk (handouts desk) fills in for a new handout;"
        " each handout can name another.",
    )
    smtp: Smtp | None = Field(None, description="Outgoing mail server, for emailing handouts.")
    videos: VideoBase | None = Field(
        None,
        description="Where the clinic hosts its videos of the bundled exercises (https):"
        " a bundled exercise's QR code points to this address + '/' + its id."
        " Without it bundled exercises print no QR code; the clinic's own exercises"
        " print the video: address they give.",
    )
    exercise_videos: dict[Id, HttpsUrl] = Field(
        default_factory=dict,
        max_length=200,
        description="Videos of single exercises, by exercise id (https); wins over videos."
        " For a clinic that hosts only some videos.",
    )


class Clinic(ClinicProfile):
    """A loaded clinic profile with its files resolved."""

    source: Path
    logo_path: Path
    library_path: Path | None = None
    templates_path: Path | None = None
    image_folder_paths: list[Path] = []
