"""The parts of a sheet around the exercise cards: the programme at a glance on
page one, the pain guidance before the exercises, and the diary at the end.

Each is built from the cards already composed, so the doses read the same in all
three places as on the cards themselves.
"""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup, escape

from handouts.compose.handout import Card, Diary, DiaryRow, Glance, PainGuidance
from handouts.compose.wording import Wording
from handouts.errors import TemplateError
from handouts.models.clinic import Clinic, Practitioner
from handouts.models.plan import Options

# What the labels added with these parts say when a clinic's own copy of
# labels.j2 is older than them.
_DEFAULT_LABELS = {
    "glance": "Your programme at a glance",
    "pain_heading": "Pain and your exercises",
    "diary_pain": "Pain today (0–10)",
    "diary_pain_help": "Each evening, write how much pain you had that day, "
    "from 0 (none) to 10 (the worst you can imagine).",
    "illustration": "Illustration",
}


def label_or(words: Wording, name: str, default: str | None = None) -> str:
    """A label added after clinics began copying labels.j2: their copy may not set it."""
    try:
        return words.label(name)
    except TemplateError:
        fallback = default if default is not None else _DEFAULT_LABELS.get(name)
        if fallback is None:
            raise
        # The same words as the built-in labels.j2, so the catalogue has them.
        return words.label_text(name, fallback)


def glance(words: Wording, cards: tuple[Card, ...]) -> Glance:
    """Every exercise and its dose, one line each, in the order of the cards."""
    return Glance(
        heading=escape(label_or(words, "glance")),
        rows=tuple((card.title, card.dose_line) for card in cards),
    )


def pain_guidance(
    words: Wording, clinic: Clinic, practitioner: Practitioner | None
) -> PainGuidance:
    """The clinic's pain guidance (pain_guidance.j2), one paragraph per row of its box."""
    text = words.render("pain_guidance.j2", clinic=clinic, practitioner=practitioner)
    return PainGuidance(
        heading=escape(label_or(words, "pain_heading")),
        # ``render`` joins the template's paragraphs (blank-line separated) with this.
        paragraphs=tuple(Markup(p) for p in text.split(Markup("<br/><br/>")) if p),
    )


def diary(words: Wording, start: dt.date, cards: tuple[Card, ...], options: Options) -> Diary:
    """A tick sheet from the handout's date, ``options.diary_weeks`` long.

    Each day's column is headed by its weekday and date ("Tu", "24"), so the
    patient never has to work out which box is today.
    """
    dates = [start + dt.timedelta(d) for d in range(7 * options.diary_weeks)]
    help_text = escape(words.label("diary_help"))
    if options.diary_pain:
        help_text = Markup("{} {}").format(help_text, label_or(words, "diary_pain_help"))
    return Diary(
        heading=escape(words.label("diary")),
        help=help_text,
        exercise_label=escape(words.label("diary_exercise")),
        days=tuple(f"{words.weekday_initials(day)}\n{day.day}" for day in dates),
        rows=tuple(DiaryRow(card.title, card.dose_line) for card in cards),
        pain=escape(label_or(words, "diary_pain")) if options.diary_pain else None,
    )
