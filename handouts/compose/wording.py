"""The Jinja2 templates that hold every fixed word of a handout.

Why one environment per override folder, built once: template compilation is the
slow part of Jinja, and a batch renders the same templates thousands of times.
A clinic's folder comes first in the search path, so any built-in template can
be replaced by a file of the same name.  Autoescape is on because the output is
ReportLab paragraph markup: a patient's name can never become a tag.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from handouts import resources
from handouts.errors import TemplateError
from handouts.models.amount import Amount


@cache
def environment(override_dir: Path | None = None) -> jinja2.Environment:
    """The template environment: the clinic's overrides first, then the built-ins."""
    loaders: list[jinja2.BaseLoader] = []
    if override_dir is not None:
        loaders.append(jinja2.FileSystemLoader(override_dir))
    loaders.append(jinja2.FileSystemLoader(resources.templates_dir()))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["times"] = times
    env.filters["n_times"] = n_times
    env.filters["duration"] = duration
    env.filters["short_duration"] = short_duration
    env.filters["sentence"] = sentence
    return env


# The numbers of a dose reach the templates as Amounts ("10" or "8–12"); a
# clinic's older template may hand these filters a plain int, which works too.
Number = int | Amount


def _ends(n: Number) -> tuple[int, int]:
    return (n.low, n.high) if isinstance(n, Amount) else (n, n)


def _range(low: int, high: int) -> str:
    return f"{low}\u2013{high}" if low != high else str(low)


def times(n: Number) -> str:
    """1 → "once", 2 → "twice", 3 → "3 times", 2–3 → "2–3 times"."""
    low, high = _ends(n)
    if low != high:
        return f"{_range(low, high)} times"
    return {1: "once", 2: "twice"}.get(low, f"{low} times")


def n_times(n: Number) -> str:
    """As ``times`` but with digits from 2 on: 1 → "once", 2 → "2 times" (never "twice",
    so "Do this 2 times, twice a day" cannot be misread)."""
    low, high = _ends(n)
    return "once" if low == high == 1 else f"{_range(low, high)} times"


def duration(seconds: Number) -> str:
    """30 → "30 seconds", 60 → "1 minute", 120 → "2 minutes", 90 → "90 seconds",
    20–30 → "20–30 seconds", 60–120 → "1–2 minutes"."""
    low, high = _ends(seconds)
    if low % 60 == 0 and high % 60 == 0:
        word = "minute" if high == 60 else "minutes"
        return f"{_range(low // 60, high // 60)} {word}"
    return f"{_range(low, high)} {'second' if high == 1 else 'seconds'}"


def short_duration(seconds: Number) -> str:
    """For the one-line dose: 30 → "30 s", 60 → "1 min", 20–30 → "20–30 s", 60–120 → "1–2 min"."""
    low, high = _ends(seconds)
    if low % 60 == 0 and high % 60 == 0:
        return f"{_range(low // 60, high // 60)} min"
    return f"{_range(low, high)} s"


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
    """Renders templates and reads the labels for one handout."""

    def __init__(self, override_dir: Path | None = None) -> None:
        self.env = environment(override_dir)
        self._labels: Any = None

    def render(self, name: str, **context: Any) -> Markup:
        """Render a template to markup; whitespace runs collapse as they would on paper."""
        text = render_template(self.env, name, context)
        paragraphs = [" ".join(p.split()) for p in text.strip().split("\n\n")]
        return Markup("<br/><br/>").join(Markup(p) for p in paragraphs if p)

    def label(self, name: str) -> str:
        """A fixed label (``{% set name = "…" %}`` in labels.j2)."""
        if self._labels is None:
            try:
                self._labels = self.env.get_template("labels.j2").module
            except jinja2.TemplateError as exc:
                raise TemplateError(f"template labels.j2: {exc}") from None
        try:
            return str(getattr(self._labels, name))
        except AttributeError:
            raise TemplateError(f"template labels.j2 does not set {name!r}") from None
