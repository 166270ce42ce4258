"""Dates in words, one style for the whole handout: "24 November 2026", "24 de noviembre de 2026".

Why English keeps its own code path: Babel's English is American ("November 24,
2026"), and the English handout has always printed the British order from
``strftime``, whose C locale gives English names whatever the machine's language.
Every other language takes its names and order from Babel (CLDR) in the handout's
locale, never from the machine's.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from babel.dates import format_date, format_time, get_datetime_format

from handouts.compose.translations import SOURCE_LANGUAGE, locale
from handouts.models.fields import appointment_time


def long_date(day: dt.date, language: str = SOURCE_LANGUAGE) -> str:
    """2026-11-24 → "24 November 2026" (``es``: "24 de noviembre de 2026")."""
    if language == SOURCE_LANGUAGE:
        return f"{day.day} {day:%B %Y}"
    return format_date(day, "long", locale=locale(language))


def appointment(text: str, language: str = SOURCE_LANGUAGE) -> str:
    """``next_appointment`` as printed: "2026-12-15 18:00" → "Tuesday 15 December 2026, 18:00",
    "2026-12-15" → "Tuesday 15 December 2026"; any other text as typed.
    (``es``: "martes, 15 de diciembre de 2026, 18:00".)

    The weekday is added because a patient plans by it ("next Tuesday").
    """
    when = appointment_time(text)
    if when is None:
        return text
    if language == SOURCE_LANGUAGE:
        day = f"{when:%A} {long_date(when)}"
        return f"{day}, {when:%H:%M}" if isinstance(when, dt.datetime) else day
    where = locale(language)
    day = format_date(when, "full", locale=where)
    if not isinstance(when, dt.datetime):
        return day
    # The locale's own way of joining a date and a time ("{1}, {0}").
    joined = str(get_datetime_format("full", locale=where))
    return joined.replace("{1}", day).replace("{0}", format_time(when, "short", locale=where))


def weekday_initials(day: dt.date, language: str = SOURCE_LANGUAGE) -> str:
    """The diary's column head: "Tu" for a Tuesday (``es``: "Ma")."""
    if language == SOURCE_LANGUAGE:
        return f"{day:%a}"[:2]
    short = format_date(day, _day_head(language), locale=locale(language))
    return short[:1].upper() + short[1:].lower()


@cache
def _day_head(language: str) -> str:
    """Babel's pattern for a diary column head: the shortest day names ("Ma", "Mi") …

    … unless some are whole words (Arabic's are): then, for every day alike, the
    one-letter form the language's calendars use, which fits a tick-box column.
    """
    week = [dt.date(2026, 11, 30) + dt.timedelta(days=n) for n in range(7)]
    shortest = [format_date(d, "EEEEEE", locale=locale(language)) for d in week]
    return "EEEEE" if max(len(name) for name in shortest) > 3 else "EEEEEE"
