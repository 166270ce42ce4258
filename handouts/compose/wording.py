"""The Jinja2 templates that hold every fixed word of a handout.

Why one environment per override folder, built once: template compilation is the
slow part of Jinja, and a batch renders the same templates thousands of times.
A clinic's folder comes first in the search path, so any built-in template can
be replaced by a file of the same name.  Autoescape is on because the output is
ReportLab paragraph markup: a patient's name can never become a tag.

Every fixed word goes through gettext (``jinja2.ext.i18n``, newstyle: the
translation is escaped like any other output and placeholders are named, so a
translator may reorder them).  Counts use ``ngettext`` and never ``n == 1``:
Arabic, for one, has six plural forms.  A clinic may keep per-language copies of
its templates in ``<override folder>/<language>/``; they come before its
language-free copies, which come before the built-ins.
"""

from __future__ import annotations

import datetime as dt
import gettext
from functools import cache, partial
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from handouts import resources
from handouts.compose import dates
from handouts.compose.translations import SOURCE_LANGUAGE, base_language, translations
from handouts.errors import TemplateError
from handouts.models.amount import Amount


def _search_path(override_dir: Path | None, language: str) -> list[Path]:
    """The clinic's folders for ``language`` (``es-MX/``, then ``es/``), its own folder,
    then the built-in templates."""
    folders: list[Path] = []
    if override_dir is not None:
        folders += [
            override_dir / code for code in dict.fromkeys((language, base_language(language)))
        ]
        folders.append(override_dir)
    folders.append(resources.templates_dir())
    return folders


@cache
def environment(
    override_dir: Path | None = None, language: str = SOURCE_LANGUAGE, *, autoescape: bool = True
) -> jinja2.Environment:
    """The template environment for ``language``: the clinic's overrides first, then the
    built-ins, with gettext installed.

    ``autoescape=False`` is for plain text (an email), where ``&amp;`` would be a typo.
    """
    tr = translations(language)
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(
            [jinja2.FileSystemLoader(folder) for folder in _search_path(override_dir, language)]
        ),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        extensions=["jinja2.ext.i18n"],
        bytecode_cache=_compiled_templates(autoescape),
    )
    env.install_gettext_translations(tr, newstyle=True)  # type: ignore[attr-defined]
    env.filters["times"] = partial(times, language=tr)
    env.filters["n_times"] = partial(n_times, language=tr)
    env.filters["duration"] = partial(duration, language=tr)
    env.filters["short_duration"] = partial(short_duration, language=tr)
    env.filters["sentence"] = sentence
    return env


def _compiled_templates(autoescape: bool) -> jinja2.BytecodeCache | None:
    """Jinja2's cache of compiled templates, in handouts' disk cache.

    Why: compiling the templates was about a tenth of a cold ``handouts make``.
    Jinja2 checks each entry against its template's source and its own format;
    the folder is per Jinja2 version and per escaping, which compile differently.
    """
    from handouts.cache import private_folder

    folder = private_folder(f"templates-{jinja2.__version__}-{'html' if autoescape else 'text'}")
    return jinja2.FileSystemBytecodeCache(str(folder)) if folder is not None else None


# The numbers of a dose reach the templates as Amounts ("10" or "8–12"); a
# clinic's older template may hand these filters a plain int, which works too.
Number = int | Amount


def _ends(n: Number) -> tuple[int, int]:
    return (n.low, n.high) if isinstance(n, Amount) else (n, n)


def _count(low: int, high: int) -> int:
    """The number a plural form is chosen by (see ``Amount.count``)."""
    return max(high, 3) if low != high else high


def _range(low: int, high: int) -> str:
    return f"{low}\u2013{high}" if low != high else str(low)


_ENGLISH = gettext.NullTranslations()

# Why each ngettext below is written out with its literal text: the message
# extractor (tools/messages.py) reads the ids from these calls.  The larger end of a
# range chooses the plural form ("1–2 minutes", like "2 minutes").


def times(n: Number, language: gettext.NullTranslations = _ENGLISH) -> str:
    """1 → "once", 2 → "twice", 3 → "3 times", 2–3 → "2–3 times"."""
    low, high = _ends(n)
    if low == high == 1:
        return language.gettext("once")
    if low == high == 2:
        return language.gettext("twice")
    counted = _count(low, high)
    return language.ngettext("%(num)s time", "%(num)s times", counted) % {"num": _range(low, high)}


def n_times(n: Number, language: gettext.NullTranslations = _ENGLISH) -> str:
    """As ``times`` but with digits from 2 on: 1 → "once", 2 → "2 times" (never "twice",
    so "Do this 2 times, twice a day" cannot be misread)."""
    low, high = _ends(n)
    if low == high == 1:
        return language.gettext("once")
    counted = _count(low, high)
    return language.ngettext("%(num)s time", "%(num)s times", counted) % {"num": _range(low, high)}


def duration(seconds: Number, language: gettext.NullTranslations = _ENGLISH) -> str:
    """30 → "30 seconds", 60 → "1 minute", 120 → "2 minutes", 90 → "90 seconds",
    20–30 → "20–30 seconds", 60–120 → "1–2 minutes"."""
    low, high = _ends(seconds)
    if low % 60 == 0 and high % 60 == 0:
        minutes = {"num": _range(low // 60, high // 60)}
        counted = _count(low // 60, high // 60)
        return language.ngettext("%(num)s minute", "%(num)s minutes", counted) % minutes
    seconds_ = {"num": _range(low, high)}
    return language.ngettext("%(num)s second", "%(num)s seconds", _count(low, high)) % seconds_


def short_duration(seconds: Number, language: gettext.NullTranslations = _ENGLISH) -> str:
    """For the one-line dose: 30 → "30 s", 60 → "1 min", 20–30 → "20–30 s", 60–120 → "1–2 min"."""
    low, high = _ends(seconds)
    if low % 60 == 0 and high % 60 == 0:
        return language.gettext("%(num)s min") % {"num": _range(low // 60, high // 60)}
    return language.gettext("%(num)s s") % {"num": _range(low, high)}


def sentence(text: str) -> Markup:
    """A capital first letter and a full stop: "twice a day" → "Twice a day.".

    Text already ending in a full stop, ! or ? gets none; empty text stays empty.
    """
    words = escape(text).split()
    if not words:
        return Markup("")
    joined = Markup(" ").join(words)
    if joined[-1] not in ".!?":
        joined += "."
    return Markup(joined[:1].upper()) + joined[1:]


def render_template(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
    """Render ``name`` from ``env``; a broken template becomes a one-line TemplateError."""
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            f"template {exc.filename or name} line {exc.lineno}: {exc.message}"
        ) from None
    except jinja2.TemplateNotFound:
        raise TemplateError(f"template {name} not found") from None
    except jinja2.UndefinedError as exc:
        raise TemplateError(f"template {name}: {exc.message}") from None


class Wording:
    """Renders templates, reads the labels and writes dates for one handout, in its language."""

    def __init__(self, override_dir: Path | None = None, language: str = SOURCE_LANGUAGE) -> None:
        self.language = language
        self.env = environment(override_dir, language)
        self.translations = translations(language)
        self._labels: Any = None

    def render(self, name: str, **context: Any) -> Markup:
        """Render a template to markup; whitespace runs collapse as they would on paper."""
        text = render_template(self.env, name, context)
        paragraphs = [" ".join(p.split()) for p in text.strip().split("\n\n")]
        return Markup("<br/><br/>").join(Markup(p) for p in paragraphs if p)

    def label(self, name: str) -> str:
        """A fixed label (``{% set name = "…" %}`` in labels.j2), in the handout's language."""
        if self._labels is None:
            try:
                self._labels = self.env.get_template("labels.j2").module
            except jinja2.TemplateError as exc:
                raise TemplateError(f"template labels.j2: {exc}") from None
        try:
            value = getattr(self._labels, name)
        except AttributeError:
            raise TemplateError(f"template labels.j2 does not set {name!r}") from None
        # A clinic's copy may set a label with _("…"): newstyle gettext hands back
        # escaped Markup, and callers escape the label themselves.
        text = value.unescape() if isinstance(value, Markup) else str(value)
        return self.label_text(name, text)

    def label_text(self, name: str, text: str) -> str:
        """``text``, the English of label ``name``, in the handout's language.

        Why the label's name as the gettext context: a short word ("Date",
        "Exercise") means different things in different places.  Text the
        catalogue does not know (a clinic's own wording) prints as written.
        """
        return self.translations.pgettext(name, text)

    def gettext(self, message: str) -> str:
        """``message`` in the handout's language (English text is its own id)."""
        return self.translations.gettext(message)

    def equipment(self, word: str) -> str:
        """An equipment word from an exercise file ("mat"), in the handout's language.

        Why a context: "step" or "band" alone could be a word of the dose.  A word
        with no translation (a clinic's own) prints as written.
        """
        return self.translations.pgettext("equipment", word)

    def long_date(self, day: dt.date) -> str:
        """The date in words: "2 December 2026", "2 de diciembre de 2026"."""
        return dates.long_date(day, self.language)

    def appointment(self, text: str) -> str:
        """``next_appointment`` as printed, with its weekday, in the handout's language."""
        return dates.appointment(text, self.language)

    def weekday_initials(self, day: dt.date) -> str:
        """The diary's column head for a day: "Tu", "Mi"."""
        return dates.weekday_initials(day, self.language)
