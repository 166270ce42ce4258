"""Dates in words, one style for the whole handout: "24 November 2026".

Why English month names from ``strftime``: the handout's wording is English
(templates/), and the C locale every process starts in gives English names
whatever the machine's language, so the same plan prints the same words.
"""

from __future__ import annotations

import datetime as dt

from handouts.models.fields import appointment_time


def long_date(day: dt.date) -> str:
    """2026-11-24 → "24 November 2026"."""
    return f"{day.day} {day:%B %Y}"


def appointment(text: str) -> str:
    """``next_appointment`` as printed: "2026-12-15 18:00" → "Tuesday 15 December 2026, 18:00",
    "2026-12-15" → "Tuesday 15 December 2026"; any other text as typed.

    The weekday is added because a patient plans by it ("next Tuesday").
    """
    when = appointment_time(text)
    if when is None:
        return text
    day = f"{when:%A} {long_date(when)}"
    return f"{day}, {when:%H:%M}" if isinstance(when, dt.datetime) else day
