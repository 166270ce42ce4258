"""build_handout: a plan, a library and a clinic in; a worded Handout out."""

from __future__ import annotations

import dataclasses
import datetime as dt
from functools import partial

from markupsafe import Markup, escape

from handouts import __version__, resources
from handouts.compose.changes import compare_plans
from handouts.compose.handout import (
    Block,
    Brand,
    Card,
    Handout,
    Labels,
    Look,
    Metadata,
    SecondCard,
    SecondSection,
    SectionContent,
)
from handouts.compose.initials import with_initials
from handouts.compose.language import ENGLISH, is_rtl_language, localize, localize_programme
from handouts.compose.overview import diary, glance, label_or, pain_guidance
from handouts.compose.programme import apply_programme
from handouts.compose.text import clean, markup, plain, strip_markup
from handouts.compose.wording import Wording
from handouts.errors import UnknownIdError, ValidationError, item_label
from handouts.models.clinic import Clinic
from handouts.models.exercise import Exercise
from handouts.models.library import Library, suggest
from handouts.models.plan import ExerciseChoice, Plan
from handouts.models.prescription import Prescription
from handouts.models.rich import plain as rich_plain
from handouts.models.translation import base_language


def build_handout(
    plan: Plan,
    library: Library,
    clinic: Clinic,
    *,
    since: Plan | None = None,
    language: str = ENGLISH,
    fallback: str | None = None,
    second_language: str | None = None,
) -> Handout:
    """Compose the handout for ``plan``: every id checked, every word from a template.

    ``since`` is the patient's previous plan: cards are then marked "New" or
    "Changed" and a box lists what was stopped.  ``language``: the words of the
    library and the templates in it (see ``compose.language``); ``fallback``
    ``"en"`` prints untranslated items in English, marked.  ``second_language``:
    each section and card also in that language, beneath (for a family member
    who helps); the dose, notes and fixed wording print once, in ``language``.
    """
    # The programme's own notes in the handout's language, before it is expanded.
    noted = localize_programme(library, plan, language, fallback)
    # Programmes expanded into plain lists, so a programme's exercises compare like any others.
    plan = apply_programme(plan, noted.library)
    _require_content(plan)
    localized = localize(noted.library, plan, language, fallback)
    second = localize(noted.library, plan, second_language, fallback) if second_language else None
    library = localized.library
    words = Wording(clinic.templates_path, language)
    worded = _contacts_isolated(clinic) if is_rtl_language(language) else clinic
    chosen = [(c, _exercise(plan, library, i, c)) for i, c in enumerate(plan.exercises)]
    sections = tuple(_section(plan, library, i, sid) for i, sid in enumerate(plan.sections))
    cards = tuple(_card(words, c, ex, video_address(ex, clinic)) for c, ex in chosen)
    if second is not None and second_language is not None:
        sections = tuple(_second_section(s, second.library, second_language) for s in sections)
        cards = tuple(_second_card(c, second.library, second_language) for c in cards)
    in_english = noted.in_english + localized.in_english
    in_english += tuple(i for i in (second.in_english if second else ()) if i not in in_english)
    comparison = None
    if since is not None:
        comparison = compare_plans(apply_programme(since, library), plan, library, words)
        cards = tuple(
            dataclasses.replace(card, change=change)
            for card, change in zip(cards, comparison.cards, strict=True)
        )
    if plan.options.initials:
        plan = with_initials(plan)  # from here on the patient is named by initials only
    counts = {"exercise_count": len(cards), "section_count": len(sections)}
    title = plain(plan.title) if plan.title else words.render("title.j2", **counts)
    return Handout(
        title=title,
        page_size=(plan.options.page_size or clinic.page_size).value,
        brand=_brand(words, clinic),
        intro=words.render(
            "intro.j2",
            patient=plan.patient,
            practitioner=plan.practitioner,
            clinic=worded,
            date=plan.date,
            **counts,
        ),
        # The mark of the handout's direction keeps the date after the name
        # ("محمد · 24 November"), instead of joining the name's run.
        header_note=plain(f"{plan.patient.name}{_mark(language)} · {words.long_date(plan.date)}"),
        patient_rows=_patient_rows(words, plan),
        labels=_labels(words),
        metadata=_metadata(title, plan, clinic),
        page_label=partial(_page_label, words),
        closing=words.render("closing.j2", clinic=worded, practitioner=plan.practitioner),
        goals=plain(plan.goals) or None,
        notes=plain(plan.notes) or None,
        sections=sections,
        cards=cards,
        glance=glance(words, cards) if plan.options.at_a_glance and cards else None,
        pain_guidance=(
            pain_guidance(words, worded, plan.practitioner)
            if plan.options.pain_guidance and cards
            else None
        ),
        diary=diary(words, plan.date, cards, plan.options)
        if plan.options.diary and cards
        else None,
        look=_look(plan),
        since=comparison.summary if comparison is not None else None,
        language=language,
        in_english=in_english,
        second_language=second_language,
    )


def _contacts_isolated(clinic: Clinic) -> Clinic:
    """``clinic`` with its phone, email and website each a left-to-right island.

    Why: in a right-to-left sentence the spaces between a phone number's groups
    take the sentence's direction, so "01632 960 123" would print "123 960 01632"
    and a patient would dial the wrong number.
    """
    island = {
        key: f"\u2066{value}\u2069"
        for key in ("phone", "email", "website")
        if (value := getattr(clinic, key))
    }
    return clinic.model_copy(update=island)


def _mark(language: str) -> str:
    """The direction mark of the handout's language: right-to-left or left-to-right."""
    return "\u200f" if is_rtl_language(language) else "\u200e"


def _require_content(plan: Plan) -> None:
    """An expanded plan with no sections and no exercises would print an empty sheet."""
    if plan.sections or plan.exercises:
        return
    if plan.programme is not None:
        reason = f"nothing to print: remove leaves programme {plan.programme!r} empty"
    else:
        reason = "nothing to print: add sections or exercises (or a programme)"
    line = plan.line_of("remove") or plan.line_of("exercises") or plan.line_of("sections")
    raise ValidationError(
        plan.source or "command line", reason, line=line, field="sections, exercises"
    )


def _metadata(title: str, plan: Plan, clinic: Clinic) -> Metadata:
    return Metadata(
        title=f"{strip_markup(title)} – {plan.patient.name}",
        author=clinic.name,
        subject=", ".join(c.id for c in plan.exercises) or "education",
        creator=f"handouts {__version__}",
        created=plan.date,
    )


def _look(plan: Plan) -> Look:
    return Look(
        layout=plan.options.layout,
        large_print=plan.options.large_print,
        greyscale=plan.options.greyscale,
    )


def _page_label(words: Wording, page: int, pages: int) -> str:
    return strip_markup(words.render("page_number.j2", page=page, pages=pages))


def _exercise(plan: Plan, library: Library, index: int, choice: ExerciseChoice) -> Exercise:
    found = library.exercises.get(choice.id)
    if found is None:
        hint = suggest(choice.id, list(library.exercises))
        raise UnknownIdError(
            plan.source or "command line",
            f"unknown exercise {choice.id!r}{hint}; 'handouts list exercises' shows them all",
            line=plan.line_of("exercises", index),
            field=item_label("exercises", index, choice.id),
        )
    return found


def _section(plan: Plan, library: Library, index: int, section_id: str) -> SectionContent:
    found = library.sections.get(section_id)
    if found is None:
        hint = suggest(section_id, list(library.sections))
        raise UnknownIdError(
            plan.source or "command line",
            f"unknown section {section_id!r}{hint}; 'handouts list sections' shows them all",
            line=plan.line_of("sections", index),
            field=item_label("sections", index, section_id),
        )
    return SectionContent(
        id=found.id,
        heading=markup(found.title),
        blocks=tuple(
            Block(block.kind, tuple(markup(item) for item in block.items)) for block in found.blocks
        ),
    )


def _second_section(section: SectionContent, library: Library, language: str) -> SectionContent:
    """``section`` with its words in the second ``language`` beneath."""
    found = library.sections[section.id]
    blocks = tuple(Block(b.kind, tuple(markup(item) for item in b.items)) for b in found.blocks)
    second = SecondSection(language=language, heading=markup(found.title), blocks=blocks)
    return dataclasses.replace(section, second=second)


def _second_card(card: Card, library: Library, language: str) -> Card:
    """``card`` with the exercise's title, steps and safety note in the second ``language``."""
    text = library.exercises[card.id].text
    second = SecondCard(
        language=language,
        title=markup(text.title),
        steps=tuple(markup(step) for step in text.steps),
        safety=markup(text.safety),
        tips=tuple(markup(tip) for tip in text.tips),
    )
    return dataclasses.replace(card, second=second)


def _card(words: Wording, choice: ExerciseChoice, exercise: Exercise, video: str | None) -> Card:
    rx: Prescription = exercise.prescription.with_overrides(choice)
    level = words.label(f"level_{exercise.level.value}")
    comma = words.translations.pgettext("list separator", ", ")  # "، " in Arabic
    equipment = comma.join(map(words.equipment, exercise.equipment)) or words.label("no_equipment")
    details = Markup("{} · {}: {}").format(level, words.label("equipment"), equipment)
    return Card(
        id=exercise.id,
        title=markup(exercise.text.title),
        details=details,
        steps=tuple(markup(step) for step in exercise.text.steps),
        dose=words.render("prescription.j2", rx=rx),
        dose_line=words.render("dose_line.j2", rx=rx),
        illustrations=tuple(exercise.illustration_paths),
        safety=markup(exercise.text.safety),
        note=plain(choice.notes) or None,
        tips=tuple(markup(tip) for tip in exercise.text.tips),
        video=video,
        source=exercise.source,
        alt=_alt(words, exercise),
    )


def _alt(words: Wording, exercise: Exercise) -> str:
    """The card's pictures in words: the exercise's ``alt:``, else "Illustration: <title>".

    Plain text: a screen reader reads it as it is, so it is never escaped.
    """
    if exercise.text.alt:
        return exercise.text.alt
    title = " ".join(rich_plain(exercise.text.title).split())
    return f"{label_or(words, 'illustration')}: {title}"


def video_address(exercise: Exercise, clinic: Clinic) -> str | None:
    """Where the card's QR code points; None prints no QR code.

    A bundled exercise belongs to no clinic, so its video is the clinic's to
    host: ``videos`` + "/" + its id, or none when the clinic has set no
    ``videos``.  (Why: the bundled files once named the example clinic's made-up
    site, which a real clinic's patients would have scanned.)  An exercise from
    the clinic's own library, or from a ``--library`` folder, prints the
    ``video:`` address it gives, on any host.  A clinic's ``exercise_videos``
    entry for the exercise wins over both.
    """
    chosen = clinic.exercise_videos.get(exercise.id)
    if chosen:
        return chosen
    if not exercise.source.is_relative_to(resources.library_dir()):
        return exercise.video
    return f"{clinic.videos}/{exercise.id}" if clinic.videos else None


def _brand(words: Wording, clinic: Clinic) -> Brand:
    # The clinic's own words in the handout's language, where it gives them.
    own = clinic.translations.get(words.language) or clinic.translations.get(
        base_language(words.language)
    )
    footer = own.footer if own and own.footer else clinic.footer
    disclaimer = own.disclaimer if own and own.disclaimer else clinic.disclaimer
    return Brand(
        name=clinic.name,
        logo=clinic.logo_path,
        primary=clinic.colours.primary,
        accent=clinic.colours.accent,
        text=clinic.colours.text,
        contact=words.render("footer.j2", clinic=clinic),
        footer=plain(footer),
        disclaimer=plain(disclaimer),
        source=clinic.source,
        short_contact=clinic.phone or clinic.email or clinic.website,
        logo_alt=" ".join(clean(clinic.name).split()),
    )


def _labels(words: Wording) -> Labels:
    names = Labels.__dataclass_fields__
    special = {"closing", "continued"}
    return Labels(
        **{name: escape(words.label(name)) for name in names if name not in special},
        closing=escape(words.label("closing_heading")),
        continued=escape(label_or(words, "continued", "continued")),
    )


def _patient_rows(words: Wording, plan: Plan) -> tuple[tuple[Markup, Markup], ...]:
    rows: list[tuple[str, str | None]] = [
        ("prepared_for", plan.patient.name),
        ("date", words.long_date(plan.date)),
        ("date_of_birth", _long_date(words, plan.patient.date_of_birth)),
        ("reference", plan.patient.reference),
        ("practitioner", _practitioner(plan)),
        ("next_appointment", _appointment(words, plan.next_appointment)),
    ]
    return tuple((escape(words.label(key)), plain(value)) for key, value in rows if value)


def _practitioner(plan: Plan) -> str | None:
    p = plan.practitioner
    if p is None:
        return None
    return f"{p.name}, {p.role}" if p.role else p.name


def _long_date(words: Wording, day: dt.date | None) -> str | None:
    return words.long_date(day) if day else None


def _appointment(words: Wording, text: str | None) -> str | None:
    return words.appointment(text) if text else None
