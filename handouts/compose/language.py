"""The handout's language: which one, and the library's words in it.

Why "never a silent mix": a Spanish handout with one English exercise in it
reads as finished to a clinician who does not read the card closely, and the
patient cannot follow that card.  So a chosen item without a translation
stops the handout, naming it, unless the clinician asks for an English
fallback; then the item prints in English, marked "(English)", and the
handout says so once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from handouts.compose.translations import LANGUAGES
from handouts.errors import HandoutError, ValidationError
from handouts.models.library import Library
from handouts.models.plan import Plan
from handouts.models.rich import Span, plain
from handouts.models.translation import base_language

ENGLISH = "en"
# Languages written right to left (BCP-47 base codes): their handouts run right to left.
RTL_LANGUAGES = frozenset({"ar", "he", "fa", "ur", "ps", "yi", "dv", "ckb", "sd", "ug"})
ENGLISH_MARK = " (English)"
FALLBACKS = (ENGLISH,)


class TranslationMissingError(HandoutError):
    """Chosen library items have no translation into the handout's language."""


@dataclass(frozen=True)
class Localized:
    """The library with the chosen items' words in the handout's language."""

    library: Library
    in_english: tuple[str, ...] = ()  # items printed in English under a fallback


def is_rtl_language(code: str) -> bool:
    """True for a language written right to left (``ar``, ``he-IL`` …)."""
    return base_language(code) in RTL_LANGUAGES


def checked_language(code: str, where: Path | str, field: str) -> str:
    """``code`` if a handout can be made in it, else one line listing the languages there are."""
    if base_language(code) in LANGUAGES:
        return code
    raise ValidationError(
        where,
        f"no handouts in {code!r} yet; available: {', '.join(sorted(LANGUAGES))}",
        field=field,
    )


def checked_fallback(code: str | None) -> str | None:
    """The ``--fallback`` language: only English, the language every library item has."""
    if code is None or code in FALLBACKS:
        return code
    raise HandoutError(f"--fallback: only {', '.join(FALLBACKS)} is possible, got {code!r}")


def localize(library: Library, plan: Plan, language: str, fallback: str | None = None) -> Localized:
    """``library`` with the words of ``plan``'s exercises and sections in ``language``.

    ``plan`` is expanded (no programme).  Unknown ids are left for the caller's
    own error.  English is the base files' language: nothing to do.
    """
    exercises = [c.id for c in plan.exercises]
    return localize_items(library, exercises, plan.sections, language, fallback)


def localize_programme(
    library: Library, plan: Plan, language: str, fallback: str | None = None
) -> Localized:
    """``library`` with the notes of ``plan``'s programme in ``language``, before it is expanded.

    A programme's own notes are library text: printed in English in another
    language's handout, they would be the mix this module forbids.  A note the
    plan itself gives for the same exercise replaces the programme's anyway.
    """
    if plan.programme is None or base_language(language) == ENGLISH:
        return Localized(library)
    programme = library.programmes.get(str(plan.programme))
    if programme is None:
        return Localized(library)  # the caller's unknown-id error says so
    own = {c.id for c in plan.exercises if c.notes}
    translated = library.translations.programme(language, programme.id)
    notes = translated.notes if translated else {}
    choices, missing = [], []
    for choice in programme.exercises:
        if choice.notes and choice.id not in own:
            if choice.id in notes:
                choice = choice.model_copy(update={"notes": notes[choice.id]})
            else:
                missing.append(f"the note of programme {programme.id} for {choice.id}")
                choice = choice.model_copy(update={"notes": f"{choice.notes}{ENGLISH_MARK}"})
        choices.append(choice)
    if missing and fallback is None:
        raise TranslationMissingError(
            f"language {language}: no translation of {', '.join(missing)}; add "
            f"{programme.id}.{base_language(language)}.yaml beside {programme.source.name}, "
            "or use --fallback en to print it in English"
        )
    noted = programme.model_copy(update={"exercises": choices})
    programmes = {**library.programmes, programme.id: noted}
    return Localized(replace(library, programmes=programmes), in_english=tuple(missing))


def translated_library(library: Library, language: str) -> Library:
    """Every item of ``library`` in ``language``; those without a translation marked (English)."""
    everything = localize_items(library, library.exercises, library.sections, language, ENGLISH)
    return everything.library


def localize_items(
    library: Library,
    exercise_ids: Iterable[str],
    section_ids: Iterable[str],
    language: str,
    fallback: str | None = None,
) -> Localized:
    """The named items' words in ``language`` (see ``localize``)."""
    if base_language(language) == ENGLISH:
        return Localized(library)
    translations = library.translations
    exercises = dict(library.exercises)
    missing: list[str] = []
    for exercise_id in _known(exercise_ids, library.exercises):
        found = translations.exercise(language, exercise_id)
        base = exercises[exercise_id]
        update: dict[str, object] = {}
        if found is None:
            missing.append(exercise_id)
            text = replace(base.text, title=(*base.text.title, Span(ENGLISH_MARK)))
        else:
            text = found.text
            if base.prescription.load:
                if found.load:  # the dose's words too: "light band"
                    update["prescription"] = base.prescription.model_copy(
                        update={"load": found.load}
                    )
                else:
                    missing.append(f"{exercise_id} (its load)")
        update |= {"text": text, "title": plain(text.title), "alt": text.alt}
        exercises[exercise_id] = base.model_copy(update=update)
    articles = dict(library.articles)
    for section_id in _known(section_ids, library.sections):
        article_id = section_id.split("/")[0]
        article = articles[article_id]
        found_section = translations.section(language, section_id)
        sections = []
        for section in article.sections:
            if section.id != section_id:
                sections.append(section)
            elif found_section is None:
                missing.append(section_id)
                title = (*section.title, Span(ENGLISH_MARK))
                sections.append(section.model_copy(update={"title": title}))
            else:
                update = {"title": found_section.title, "blocks": found_section.blocks}
                sections.append(section.model_copy(update=update))
        articles[article_id] = article.model_copy(update={"sections": sections})
    if missing and fallback is None:
        raise TranslationMissingError(
            f"language {language}: no translation of {', '.join(missing)}; add "
            f"{_sibling_hint(missing[0], language)} beside its file, choose other items, "
            f"or use --fallback en to print them in English"
        )
    return Localized(
        replace(library, exercises=exercises, articles=articles), in_english=tuple(missing)
    )


def _known(ids: Iterable[str], known: Mapping[str, object]) -> list[str]:
    """The ids of ``ids`` that ``known`` has, once each, in order."""
    return [i for i in dict.fromkeys(ids) if i in known]


def _sibling_hint(item: str, language: str) -> str:
    """``step-ups.es.md`` for an exercise, ``psoas.es.md`` for a section of psoas."""
    return f"{item.split('/')[0]}.{base_language(language)}.md"
