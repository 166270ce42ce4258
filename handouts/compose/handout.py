"""The Handout value: everything the renderer needs, already worded and escaped."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from markupsafe import Markup

from handouts.models.plan import Layout


@dataclass(frozen=True)
class Brand:
    """The clinic's look and contact details, as printed on every page."""

    name: str
    logo: Path
    primary: str
    accent: str
    text: str
    contact: Markup
    footer: Markup
    disclaimer: Markup
    source: Path | None = None  # the clinic profile: errors about the logo name it
    # Plain text, for a footer with room for one item (large print): the phone
    # number, else the email or website address.
    short_contact: str = ""
    # The logo in words, for screen readers: the clinic's name as plain text (never
    # markup).  build_handout always fills it.
    logo_alt: str = ""


@dataclass(frozen=True)
class Block:
    """A paragraph, a bullet list or a numbered list inside an article section."""

    kind: Literal["p", "ul", "ol", "h"]
    items: tuple[Markup, ...]


@dataclass(frozen=True)
class SectionContent:
    """One selected article section."""

    id: str
    heading: Markup
    blocks: tuple[Block, ...]
    second: SecondSection | None = None  # the same section in a second language


@dataclass(frozen=True)
class SecondSection:
    """A section in the handout's second language (``--second-language``), printed beneath."""

    language: str
    heading: Markup
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class SecondCard:
    """An exercise's words in the second language, beneath its own; the dose prints once."""

    language: str
    title: Markup
    steps: tuple[Markup, ...]
    safety: Markup
    tips: tuple[Markup, ...] = ()


@dataclass(frozen=True)
class Change:
    """How a card differs from the patient's previous sheet (``--since``)."""

    kind: Literal["new", "changed"]
    text: Markup  # e.g. "<b>Changed:</b> now 4 sets, was 3"


@dataclass(frozen=True)
class SinceLastVisit:
    """The summary box of what changed since the previous sheet, stopped exercises included."""

    text: Markup
    stopped: tuple[Markup, ...]


@dataclass(frozen=True)
class Look:
    """How the handout is laid out and printed (from the plan's options and flags)."""

    layout: Layout = Layout.STANDARD
    large_print: bool = False
    greyscale: bool = False


@dataclass(frozen=True)
class Card:
    """One exercise as it appears on the page."""

    id: str
    title: Markup
    details: Markup  # level · equipment
    steps: tuple[Markup, ...]
    dose: Markup  # the dose as the card words it, in full
    dose_line: Markup  # the dose in one short line: the "at a glance" box, the diary
    illustrations: tuple[Path, ...]
    safety: Markup
    note: Markup | None = None
    tips: tuple[Markup, ...] = ()
    video: str | None = None
    source: Path | None = None  # the exercise file: errors about its pictures name it
    change: Change | None = None  # only with ``--since``: what is new or different
    # The illustrations in words, for screen readers: plain text, never markup, so
    # never escaped.  build_handout always fills it: the exercise's ``alt:``, else
    # "Illustration: <title>".
    alt: str = ""
    second: SecondCard | None = None  # its words in a second language


@dataclass(frozen=True)
class Glance:
    """Page one's list of every exercise with its dose, one line each."""

    heading: Markup
    rows: tuple[tuple[Markup, Markup], ...]  # (title, dose_line)


@dataclass(frozen=True)
class PainGuidance:
    """How much discomfort is fine, when to stop, when to call (pain_guidance.j2)."""

    heading: Markup
    paragraphs: tuple[Markup, ...]


@dataclass(frozen=True)
class DiaryRow:
    """One exercise in the diary: its title and its dose in one line."""

    title: Markup
    dose: Markup


@dataclass(frozen=True)
class Diary:
    """The printable tick sheet: one column per day, 1, 2 or 4 weeks of them."""

    heading: Markup
    help: Markup
    exercise_label: Markup
    days: tuple[str, ...]  # "Tu\n24": a multiple of 7
    rows: tuple[DiaryRow, ...]
    pain: Markup | None = None  # the label of the daily pain-score row; None: no such row


@dataclass(frozen=True)
class Labels:
    """Fixed headings used by the renderer (from labels.j2)."""

    goals: Markup
    notes: Markup
    education: Markup
    exercises: Markup
    dose: Markup
    your_note: Markup
    safety: Markup
    tips: Markup
    video: Markup
    continued: Markup  # "Step-ups (continued)" atop a card's next page
    closing: Markup


@dataclass(frozen=True)
class Metadata:
    """The PDF's document information."""

    title: str
    author: str
    subject: str
    creator: str
    created: dt.date  # the handout's date, not the day it was rendered: same input, same file


@dataclass(frozen=True)
class Handout:
    """A composed handout, ready to render."""

    title: Markup
    page_size: str
    brand: Brand
    intro: Markup
    header_note: Markup  # top right of every page: who and when
    patient_rows: tuple[tuple[Markup, Markup], ...]
    labels: Labels
    metadata: Metadata
    page_label: Callable[[int, int], str]
    closing: Markup
    goals: Markup | None = None
    notes: Markup | None = None
    sections: tuple[SectionContent, ...] = ()
    cards: tuple[Card, ...] = ()
    glance: Glance | None = None
    pain_guidance: PainGuidance | None = None
    diary: Diary | None = None
    look: Look = Look()
    since: SinceLastVisit | None = None
    warnings: tuple[str, ...] = field(default=())
    sample: bool = False  # an example clinic's sheet: every page is marked as a sample
    language: str = "en"  # BCP-47: the PDF's /Lang, and the language of its words
    in_english: tuple[str, ...] = ()  # items printed in English under --fallback en
    second_language: str | None = None  # --second-language: each section and card in it too
