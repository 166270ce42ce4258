"""The bundled Arabic library text: the psoas article and its nine exercises.

Each ``<id>.ar.md`` sibling holds only the translatable text of its base file,
so these tests read both files themselves (PyYAML and simple line logic) and
check that the sibling keeps the base's shape: the same keys, the same number
of steps and tips, the same article sections with the same ids and the same
lists and paragraphs.  They also check that it is Arabic a patient can read:
almost every letter in the Arabic script, no English left behind, Arabic
punctuation, one kind of digit, and short sentences.
"""

from __future__ import annotations

import re

import pytest

from tests.library_siblings import (
    ARTICLE,
    ARTICLE_KEYS,
    EXERCISE_KEYS,
    EXERCISES,
    STAMP_KEY,
    STEP,
    LibraryFile,
    base,
    sibling,
)

ALL_FILES = [("articles", ARTICLE), *(("exercises", item) for item in EXERCISES)]
MAX_FIELD_LENGTH = 300  # the library's limit for a front matter text field
MIN_ARABIC_SHARE = 0.90
MAX_WORDS_PER_SENTENCE = 16.0

# A word is a run of letters or digits; Arabic vowel marks and the shadda
# (U+064B–U+065F, U+0670) are not letters to Python but belong to their word.
_WORD = re.compile(r"[^\W_](?:[^\W_]|[\u064b-\u065f\u0670])*")
# A sentence ends at . ! ? or their Arabic forms ؟ and ؛, perhaps followed by a
# closing bracket or quote, then space or the end.
_SENTENCE_END = re.compile(r"[.!?؟؛]+[)»\"”]*(?=\s|$)")
_LATIN_WORD = re.compile(r"[A-Za-z]+")
# Three Latin words in a row would be English left behind, not a borrowed name.
_LATIN_PHRASE = re.compile(r"[A-Za-z]+(?:[\s,.'-]+[A-Za-z]+){2,}")
# Arabic-Indic (U+0660–U+0669) and Eastern Arabic-Indic (U+06F0–U+06F9) digits:
# this text uses Western digits (0–9), as Babel's ``ar`` locale prints numbers,
# so a dose and a step never show the same number in two scripts.
_EASTERN_DIGITS = re.compile(r"[\u0660-\u0669\u06f0-\u06f9]")
# Latin punctuation inside Arabic text: the comma, semicolon and question mark
# have Arabic forms (، ؛ ؟).
_LATIN_PUNCTUATION = re.compile(r"[,;?]")


def arabic(kind: str, item: str) -> LibraryFile:
    return sibling(kind, item, "ar")


def arabic_share(text: str) -> float:
    """The share of the letters in ``text`` that are in the Arabic block (U+0600–U+06FF)."""
    letters = [char for char in text if char.isalpha()]
    return sum(1 for char in letters if "\u0600" <= char <= "\u06ff") / len(letters)


def words_per_sentence(blocks: list[str]) -> float:
    """Mean words per sentence; each block (a step, an item, a field) ends a sentence."""
    words = sum(len(_WORD.findall(block)) for block in blocks)
    sentences = sum(
        1 for block in blocks for piece in _SENTENCE_END.split(block) if _WORD.search(piece)
    )
    return words / sentences


# --- the shape of each sibling -------------------------------------------------------


def _check_keys(front: dict[str, object], keys: set[str]) -> None:
    # load: the dose's load in Arabic, for an exercise whose dose has one.
    assert set(front) - {STAMP_KEY, "load"} == keys
    for key in keys:
        value = front[key]
        assert isinstance(value, str), key
        assert value.strip(), key
        assert len(value.strip()) <= MAX_FIELD_LENGTH, key


@pytest.mark.parametrize("item", EXERCISES)
def test_exercise_sibling_has_only_the_translatable_keys(item: str) -> None:
    _check_keys(arabic("exercises", item).front, EXERCISE_KEYS)


@pytest.mark.parametrize("item", EXERCISES)
def test_exercise_sibling_has_the_steps_and_tips_of_its_base(item: str) -> None:
    english, translated = base("exercises", item), arabic("exercises", item)
    assert len(translated.steps()) == len(english.steps())
    assert len(translated.tips()) == len(english.tips())
    # Steps numbered 1, 2, 3 … as in the base.
    numbers = [line.split(".", 1)[0] for line in translated.body if STEP.match(line)]
    assert numbers == [str(n) for n in range(1, len(numbers) + 1)]
    # Nothing else in the body: every non-blank line is a step, the marker or a tip.
    lines = [line for line in translated.body if line.strip()]
    assert len(lines) == len(translated.steps()) + len(translated.tips()) + 1
    assert "## Tips" in translated.body
    assert translated.bold_counts() == english.bold_counts()


def test_article_sibling_has_only_the_translatable_keys() -> None:
    _check_keys(arabic("articles", ARTICLE).front, ARTICLE_KEYS)


def test_article_sibling_has_the_sections_of_its_base() -> None:
    english, translated = base("articles", ARTICLE), arabic("articles", ARTICLE)
    assert english.section_ids() == ["what-it-does", "signs", "avoid", "do", "get-help"]
    assert translated.section_ids() == english.section_ids()
    # Same paragraphs and lists, with the same number of items, in the same order.
    assert translated.section_shapes() == english.section_shapes()


def test_article_sibling_keeps_the_bold_of_its_base() -> None:
    english, translated = base("articles", ARTICLE), arabic("articles", ARTICLE)
    assert translated.bold_counts() == english.bold_counts()


def test_the_shape_reader_sees_lists_and_paragraphs() -> None:
    doc = LibraryFile(
        name="x.ar.md",
        front={},
        body=["## A {#a}", "", "One", "line.", "", "- x", "- y", "", "Two.", "## B"],
    )
    assert doc.section_shapes() == [["p", "ul:2", "p"], []]
    assert doc.section_ids() == ["a"]


# --- Arabic, all of it ------------------------------------------------------------------


def test_the_share_of_arabic_letters_is_counted_on_letters_only() -> None:
    assert arabic_share("قف 12. Tips") == pytest.approx(2 / 6)
    assert arabic_share("شُدّ عضلات بطنك.") == 1.0


@pytest.mark.parametrize(("kind", "item"), ALL_FILES)
def test_the_text_is_in_the_arabic_script(kind: str, item: str) -> None:
    doc = arabic(kind, item)
    text = " ".join(doc.text_blocks())
    share = arabic_share(text)
    assert share >= MIN_ARABIC_SHARE, f"{doc.name}: {share:.0%} of the letters are Arabic"
    assert _LATIN_PHRASE.findall(text) == [], f"{doc.name}: English left behind"
    assert _LATIN_WORD.findall(text) == [], f"{doc.name}: Latin letters in the text"


@pytest.mark.parametrize(("kind", "item"), ALL_FILES)
def test_one_kind_of_digit_and_arabic_punctuation(kind: str, item: str) -> None:
    doc = arabic(kind, item)
    text = " ".join(doc.text_blocks())
    assert _EASTERN_DIGITS.findall(text) == [], f"{doc.name}: use Western digits (0-9)"
    assert _LATIN_PUNCTUATION.findall(text) == [], f"{doc.name}: use ، ؛ ؟"


# --- short sentences ------------------------------------------------------------------------


def test_words_per_sentence_counts_blocks_and_sentence_ends() -> None:
    # Two sentences of 3 and 1 words; a title without a full stop is a sentence too.
    assert words_per_sentence(["ضع قدمك اليمنى. توقف."]) == 2.0
    assert words_per_sentence(["الصعود على الدرجة", "هل تشعر بألم؟ توقف؛ ثم استرح."]) == 9 / 4
    # A number is a word, punctuation is not, and vowel marks stay inside their word.
    assert words_per_sentence(["اجعل الضغط نحو 5 من 10."]) == 6.0
    assert words_per_sentence(["شُدّ عضلات بطنك."]) == 3.0


@pytest.mark.parametrize(("kind", "item"), ALL_FILES)
def test_sentences_are_short(kind: str, item: str) -> None:
    doc = arabic(kind, item)
    mean = words_per_sentence(doc.text_blocks())
    assert mean <= MAX_WORDS_PER_SENTENCE, f"{doc.name}: {mean:.1f} words per sentence"
