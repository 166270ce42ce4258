"""The handout's languages: gettext catalogues for the fixed wording, Babel locales for dates.

Why the ``.po`` files are the only source: a clinic or a translator edits one text
file per language (``handouts/locale/<code>/LC_MESSAGES/handouts.po``) and sees the
change at the next run.  Each catalogue is compiled in memory the first time it is
needed (Babel reads the ``.po``, writes the binary ``.mo`` form into a buffer, and
the standard ``gettext`` module reads it back), so there is no build step to forget
and no compiled file to keep in step.  English is the message ids themselves.

Why the locale folder lives inside the package: a wheel carries it without any
``force-include`` line, and an editable install finds it in the same place.

Codes are BCP-47 (``es``, ``es-MX``, ``en-GB``).  A regional code falls back to its
base language for the catalogue (``es-MX`` reads ``es``), while Babel keeps the full
code for dates wherever it knows the region (Mexican Spanish writes times its own way).
"""

from __future__ import annotations

import gettext
import io
from functools import cache
from pathlib import Path

import babel

from handouts.errors import HandoutError

DOMAIN = "handouts"
SOURCE_LANGUAGE = "en"  # the language of the message ids (the templates' own text)


def locale_dir() -> Path:
    """The folder of catalogues: ``<code>/LC_MESSAGES/handouts.po`` for each language."""
    return Path(__file__).resolve().parent.parent / "locale"


def _catalogue_path(code: str) -> Path:
    return locale_dir() / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def _languages() -> tuple[str, ...]:
    found = sorted(p.parent.parent.name for p in locale_dir().glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return (SOURCE_LANGUAGE, *(code for code in found if code != SOURCE_LANGUAGE))


LANGUAGES: tuple[str, ...] = _languages()
"""Every language with a catalogue, English first (its text is the message ids)."""


def base_language(language: str) -> str:
    """``es-MX`` → ``es``, ``pt_BR`` → ``pt``, ``es`` → ``es`` (lower case)."""
    return language.replace("_", "-").split("-", 1)[0].lower()


def catalogue_language(language: str) -> str:
    """The catalogue a code reads: itself if there is one (``pt-BR``), else its base language.

    Raises ``HandoutError`` naming the available languages for a code with neither.
    """
    full = language.replace("_", "-")
    for code in (full, full.replace("-", "_"), base_language(language)):
        if code in LANGUAGES:
            return code
    raise HandoutError(f"unknown language {language!r}; available: {', '.join(LANGUAGES)}")


@cache
def translations(language: str = SOURCE_LANGUAGE) -> gettext.NullTranslations:
    """The gettext translations for ``language``, compiled from its ``.po`` on first use.

    English gives ``NullTranslations``: every message is its own id.
    """
    code = catalogue_language(language)
    if code == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    # Imported here: Babel's catalogue tools (with the email package) cost about
    # 30 ms of start-up that an English handout never needs.
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    path = _catalogue_path(code)
    with path.open("rb") as po:
        catalogue = read_po(po, locale=code.replace("-", "_"), domain=DOMAIN)
    compiled = io.BytesIO()
    # Why use_fuzzy=False: a fuzzy entry is a translator's unchecked guess; the
    # freshness test rejects them, and at run time the English id is safer.
    write_mo(compiled, catalogue, use_fuzzy=False)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


@cache
def locale(language: str = SOURCE_LANGUAGE) -> babel.Locale:
    """The Babel locale for dates and numbers: the full code where Babel knows it
    (``es-MX``), else its base language (``es``)."""
    catalogue_language(language)  # an unknown code is an error here too
    for code in (language.replace("-", "_"), base_language(language)):
        try:
            return babel.Locale.parse(code)
        except (ValueError, babel.UnknownLocaleError):
            continue
    return babel.Locale.parse(base_language(language))
