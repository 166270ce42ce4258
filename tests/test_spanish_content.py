"""The bundled Spanish library text: the psoas article and its nine exercises.

Each ``<id>.es.md`` sibling holds only the translatable text of its base file,
so these tests read both files themselves (PyYAML and simple line logic) and
check that the sibling keeps the base's shape: the same keys, the same number
of steps and tips, the same article sections with the same ids and the same
lists and paragraphs.  They also check that a patient can read it: a
Fernández-Huerta reading ease of at least 70 ("bastante fácil") and no English
left behind.
"""

from __future__ import annotations

import re
from functools import cache

import pyphen
import pytest

from tests.library_siblings import (
    ARTICLE,
    ARTICLE_KEYS,
    EXERCISE_KEYS,
    EXERCISES,
    LibraryFile,
    base,
    sibling,
)

MIN_READING_EASE = 70.0  # "bastante fácil" (fairly easy) or easier

# A word is a run of letters (accents included) or a number.
_WORD = re.compile(r"[^\W\d_]+|\d+")
# A sentence ends at . ! ? or ; (Fernández Huerta counts the semicolon too),
# perhaps followed by a closing bracket or quote, then space or the end.
_SENTENCE_END = re.compile(r"[.!?;]+[)»\"”]*(?=\s|$)")
# Whole English words that have no place in Spanish patient text.
_ENGLISH = (" the ", " your ", " and ", " with ", " you ", " of ", " to ", " for ", " or ")


def spanish(kind: str, item: str) -> LibraryFile:
    return sibling(kind, item, "es")


@cache
def _dictionary() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="es")


def count_syllables(word: str) -> int:
    """Hyphenation positions + 1; a number counts one syllable per digit."""
    if word.isdigit():
        return len(word)
    return len(_dictionary().positions(word.lower())) + 1


def reading_ease(blocks: list[str]) -> float:
    """Fernández-Huerta reading ease of text given as blocks (steps, items, paragraphs).

    ``206.84 - 0.60 * P - 1.02 * F``, with P the syllables per 100 words and F
    the mean number of words per sentence.  Why words per sentence: it is the
    formula as Fernández Huerta adapted it from Flesch (whose term is 1.015 ×
    words per sentence); the "sentences per 100 words" often quoted for F is a
    known misprint (Gwillim Law, 2011) that would reward longer sentences.
    Each block ends a sentence, as a list item is read as one.
    """
    text = " ".join(re.sub(r"\*\*", "", block) for block in blocks)
    words = _WORD.findall(text)
    sentences = sum(
        1 for block in blocks for piece in _SENTENCE_END.split(block) if _WORD.search(piece)
    )
    syllables = sum(count_syllables(word) for word in words)
    per_100_words = 100 * syllables / len(words)
    words_per_sentence = len(words) / sentences
    return 206.84 - 0.60 * per_100_words - 1.02 * words_per_sentence


def exercise_reading_blocks(item: str) -> list[str]:
    return spanish("exercises", item).steps()


def article_reading_blocks() -> list[str]:
    return spanish("articles", ARTICLE).section_text()


# --- the shape of each sibling -------------------------------------------------------


@pytest.mark.parametrize("item", EXERCISES)
def test_exercise_sibling_has_only_the_translatable_keys(item: str) -> None:
    front = spanish("exercises", item).front
    # translated_from: the base's words it was made from (tools/stamp_translations.py).
    # load: the dose's load in Spanish, for an exercise whose dose has one.
    assert set(front) - {"load"} == EXERCISE_KEYS | {"translated_from"}
    assert all(isinstance(value, str) and value.strip() for value in front.values())


@pytest.mark.parametrize("item", EXERCISES)
def test_exercise_sibling_has_the_steps_and_tips_of_its_base(item: str) -> None:
    english, translated = base("exercises", item), spanish("exercises", item)
    assert len(translated.steps()) == len(english.steps())
    assert len(translated.tips()) == len(english.tips())
    # Nothing else in the body: every non-blank line is a step, the marker or a tip.
    lines = [line for line in translated.body if line.strip()]
    assert len(lines) == len(translated.steps()) + len(translated.tips()) + 1
    assert "## Tips" in translated.body


def test_article_sibling_has_only_the_translatable_keys() -> None:
    front = spanish("articles", ARTICLE).front
    assert set(front) == ARTICLE_KEYS | {"translated_from"}
    assert all(isinstance(value, str) and value.strip() for value in front.values())


def test_article_sibling_has_the_sections_of_its_base() -> None:
    english, translated = base("articles", ARTICLE), spanish("articles", ARTICLE)
    assert english.section_ids() == ["what-it-does", "signs", "avoid", "do", "get-help"]
    assert translated.section_ids() == english.section_ids()
    # Same paragraphs and lists, with the same number of items, in the same order.
    assert translated.section_shapes() == english.section_shapes()


def test_article_sibling_keeps_the_bold_of_its_base() -> None:
    english, translated = base("articles", ARTICLE), spanish("articles", ARTICLE)
    bold = re.compile(r"\*\*[^*]+\*\*")
    for en_line, es_line in zip(english.section_text(), translated.section_text(), strict=True):
        assert len(bold.findall(es_line)) == len(bold.findall(en_line)), es_line


def test_the_shape_reader_sees_lists_and_paragraphs() -> None:
    doc = LibraryFile(
        name="x.es.md",
        front={},
        body=["## A {#a}", "", "One", "line.", "", "- x", "- y", "", "Two.", "## B"],
    )
    assert doc.section_shapes() == [["p", "ul:2", "p"], []]


# --- readable by patients --------------------------------------------------------------


def test_reading_ease_follows_the_formula() -> None:
    # "Baje el pie." : 3 words, 1 sentence, 4 syllables (ba-je, el, pie).
    assert count_syllables("baje") == 2
    assert reading_ease(["Baje el pie."]) == pytest.approx(206.84 - 0.60 * 100 * 4 / 3 - 1.02 * 3)
    # Shorter sentences read more easily.
    long = ["Baje el pie y suba el pie y baje el pie y suba el pie."]
    short = ["Baje el pie. Suba el pie. Baje el pie. Suba el pie."]
    assert reading_ease(short) > reading_ease(long)


@pytest.mark.parametrize("item", EXERCISES)
def test_exercise_steps_read_fairly_easily(item: str) -> None:
    score = reading_ease(exercise_reading_blocks(item))
    assert score >= MIN_READING_EASE, f"{item}.es.md: Fernández-Huerta {score:.1f}"


def test_article_reads_fairly_easily() -> None:
    score = reading_ease(article_reading_blocks())
    assert score >= MIN_READING_EASE, f"{ARTICLE}.es.md: Fernández-Huerta {score:.1f}"


# --- no English left ----------------------------------------------------------------------


def _all_text(doc: LibraryFile) -> str:
    values = " ".join(str(value) for value in doc.front.values())
    body = " ".join(line for line in doc.body if line != "## Tips")
    return f" {values} {body} ".lower()


@pytest.mark.parametrize(
    ("kind", "item"), [("articles", ARTICLE), *(("exercises", item) for item in EXERCISES)]
)
def test_no_english_is_left(kind: str, item: str) -> None:
    text = re.sub(r"[^\w\s]", " ", _all_text(spanish(kind, item)))
    text = re.sub(r"\s+", " ", text)
    assert [word for word in _ENGLISH if word in text] == []
