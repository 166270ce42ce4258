"""The bundled starter library: an article for each common complaint, written for patients.

Each article explains the problem, its signs, what helps, what to avoid and
when to get help, with a red-flags list a patient cannot miss.  Every section
reads at Flesch–Kincaid grade 7 or below (the library format allows 8; the
bundled text aims lower), and the articles are written in their own words:
no 8-word run is shared with the psoas article or between two articles.

Why not against the shared reference article: these tests run on a fresh
clone, where it does not exist.  ``tests/test_library.py`` compares every
section with it when it is present.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from handouts import api, resources
from handouts.load.library import load_article
from handouts.models.article import Article, Section
from handouts.models.library import Library
from handouts.models.rich import reading_text
from handouts.readability import flesch_kincaid_grade
from tests.conftest import REPO, base_md, write_plan

MAX_GRADE = 7.0
RUN = 8  # words in a row that may not appear twice

# The stable ids plans and programmes name (README: "The bundled sample library").
STARTER_ARTICLES = ["low-back", "neck", "shoulder", "knee-front", "ankle-sprain"]
ARTICLES = ["psoas", *STARTER_ARTICLES]
STARTER_SLUGS = ["what-it-is", "signs", "do", "avoid", "get-help"]

# The red-flags list starts with this bold lead-in in every article, as in the
# pain guidance: the renderer keeps a list led in by bold text on one page.
WARNING_LEAD_IN = "Get medical help straight away"
# Wording the library repeats on purpose, so every article warns the same way.
# Only a run that lies wholly inside it may be shared.
HOUSE_PHRASES = ("Get medical help straight away if you notice any of these:",)


def _articles() -> dict[str, Article]:
    folder = resources.library_dir() / "articles"
    return {path.stem: load_article(path) for path in sorted(base_md(folder))}


ALL_ARTICLE_SECTIONS = [s.id for a in _articles().values() for s in a.sections]


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:['’][a-z]+)*", text.lower())


def _runs(words: list[str]) -> set[str]:
    return {" ".join(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}


def _article_words(article: Article) -> list[str]:
    return _words("\n".join(reading_text(s.blocks) for s in article.sections))


def _warning_list(section: Section) -> tuple[str, ...]:
    """The items of the list led in by the bold warning, or () when there is none."""
    blocks = section.blocks
    for lead, following in itertools.pairwise(blocks):
        first = lead.items[0][0] if lead.kind == "p" and lead.items[0] else None
        led_in = first is not None and first.bold and first.text.strip() == WARNING_LEAD_IN
        if led_in and following.kind == "ul":
            return tuple(" ".join(span.text for span in item) for item in following.items)
    return ()


def test_every_article_file_parses_with_its_stable_id() -> None:
    articles = _articles()
    assert sorted(articles) == sorted(ARTICLES)
    for article_id, article in articles.items():
        assert article.id == article_id
        assert article.title.strip() and article.summary.strip()


@pytest.mark.parametrize("article_id", STARTER_ARTICLES)
def test_starter_article_has_the_five_sections(library: Library, article_id: str) -> None:
    ids = [s for s in library.sections if s.startswith(f"{article_id}/")]
    assert ids == [f"{article_id}/{slug}" for slug in STARTER_SLUGS]


def _section(section_id: str) -> Section:
    article_id = section_id.split("/")[0]
    return next(s for s in _articles()[article_id].sections if s.id == section_id)


@pytest.mark.parametrize("article_id", ARTICLES)
def test_every_article_has_a_red_flags_section(article_id: str) -> None:
    section = _section(f"{article_id}/get-help")
    assert "".join(span.text for span in section.title) == "When to get help"
    red_flags = _warning_list(section)
    assert len(red_flags) >= 4, f"{article_id}: no list of red flags led in by the bold warning"
    assert all(flag.strip() for flag in red_flags)


def test_low_back_red_flags_include_the_cauda_equina_signs() -> None:
    flags = " ".join(_warning_list(_section("low-back/get-help")))
    for sign in ("numb skin between your legs", "pee or poo", "both legs"):
        assert sign in flags


@pytest.mark.parametrize("section_id", ALL_ARTICLE_SECTIONS)
def test_article_section_reads_at_grade_7_or_below(library: Library, section_id: str) -> None:
    grade = flesch_kincaid_grade(reading_text(library.sections[section_id].blocks))
    assert grade <= MAX_GRADE, f"{section_id} reads at grade {grade:.1f}"


def test_no_eight_word_run_shared_with_psoas_or_between_articles() -> None:
    allowed = set().union(*(_runs(_words(phrase)) for phrase in HOUSE_PHRASES))
    runs = {article_id: _runs(_article_words(a)) - allowed for article_id, a in _articles().items()}
    shared = {
        (one, other): sorted(runs[one] & runs[other])
        for i, one in enumerate(ARTICLES)
        for other in ARTICLES[i + 1 :]
        if runs[one] & runs[other]
    }
    assert not shared


def test_house_phrase_is_the_warning_lead_in_of_every_article() -> None:
    """The one allowed repeat is the red-flags lead-in, word for word."""
    for article_id in ARTICLES:
        assert HOUSE_PHRASES[0] in reading_text(_section(f"{article_id}/get-help").blocks)


# --- Starter programmes --------------------------------------------------------
# These need the starter exercises (issue 16's exercise files, written alongside
# the articles).  Until those files are in the library these tests FAIL, on
# purpose: a bundled programme that names a missing exercise must never pass
# unnoticed, so they are never skipped.

# programme id: (its article, the body area each of its exercises works on)
STARTER_PROGRAMMES = {
    "low-back-starter": ("low-back", "lower-back"),
    "neck-starter": ("neck", "neck"),
    "shoulder-starter": ("shoulder", "shoulder"),
    "knee-starter": ("knee-front", "knee"),
    "ankle-starter": ("ankle-sprain", "ankle"),
}


@pytest.mark.parametrize("programme_id", STARTER_PROGRAMMES)
def test_starter_programme_names_only_existing_ids(library: Library, programme_id: str) -> None:
    programme = library.programmes[programme_id]
    article_id, area = STARTER_PROGRAMMES[programme_id]
    assert [s for s in programme.sections if s not in library.sections] == []
    assert [c.id for c in programme.exercises if c.id not in library.exercises] == []
    assert all(s.startswith(f"{article_id}/") for s in programme.sections)
    assert f"{article_id}/get-help" in programme.sections, "a programme keeps the red flags"
    assert 4 <= len(programme.exercises) <= 6
    for choice in programme.exercises:
        exercise = library.exercises[choice.id]
        assert area in exercise.body_areas, f"{choice.id} is not a {area} exercise"


@pytest.mark.parametrize("programme_id", STARTER_PROGRAMMES)
def test_starter_programme_makes_a_handout(
    library: Library, tmp_path: Path, programme_id: str
) -> None:
    data = {"patient": {"name": "Jane Doe"}, "programme": programme_id}
    plan = api.load_plan(write_plan(tmp_path, data))
    handout = api.build_handout(plan, library, api.clinic_for(plan))
    programme = library.programmes[programme_id]
    assert [c.id for c in handout.cards] == [c.id for c in programme.exercises]


def _readme_library_table() -> list[list[str]]:
    """The cells of README's table of the bundled library, one list per body area."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("| Body area | Article | Exercises | Programme |") :]
    rows = table[: table.index("\n\n")].splitlines()[2:]
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in rows]


def test_readme_table_documents_every_bundled_id_once(library: Library) -> None:
    """The README's table by body area is where the stable ids are documented."""
    rows = _readme_library_table()
    columns = {
        name: [i for row in rows for i in re.findall(r"`([a-z0-9-]+)`", row[n])]
        for n, name in enumerate(["area", "articles", "exercises", "programmes"])
    }
    for name in ("articles", "exercises", "programmes"):
        assert len(columns[name]) == len(set(columns[name])), f"an id listed twice in {name}"
    assert sorted(columns["articles"]) == sorted(ARTICLES)
    assert sorted(columns["exercises"]) == sorted(library.exercises)
    assert sorted(columns["programmes"]) == sorted(library.programmes)
