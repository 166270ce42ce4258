"""Flesch–Kincaid reading grade for patient-facing text, computed offline.

Why: every article section and exercise in a library must read at grade 8 or
below (see ``docs/library-format.md``), and clinics write their own content, so
the check has to run anywhere, with no network and no heavy language models.
Syllables come from pyphen's hyphenation dictionary, which ships with the
package: "hyphenation points + 1" is a close, repeatable stand-in for a syllable
count, and being repeatable matters more here than being perfect, because the
same text must always get the same grade in ``handouts check`` and in the tests.
"""

from __future__ import annotations

import re

import pyphen

__all__ = ["count_syllables", "flesch_kincaid_grade"]

# Why: handouts are written in British English; en_US is a fallback in case a
# pyphen build lacks the en_GB dictionary.
_LANGUAGES = ("en_GB", "en_US")

# Why lazily: loading a dictionary reads and parses a file, which is wasted work
# for CLI commands that never measure text.  Created once, then reused.
_pyphen: pyphen.Pyphen | None = None

# A word is a run of letters and apostrophes ("don't" is one word), or a number
# with any attached letters or separators ("12th", "2.5", "10:30", "2kg").
_WORD = re.compile(r"\d+(?:[.,:]\d+)*[^\W\d_]*|[^\W\d_]+(?:['’][^\W\d_]+)*")

# A sentence ends at . ! or ? (perhaps followed by a closing bracket or quote)
# and then space or the end of the text, so the dot inside "2.5" does not end
# one.  Every line break also ends a sentence: list items and headings are
# usually written without a full stop.
_SENTENCE_END = re.compile(r"[.!?]+[)\]\"'’”]*(?=\s|$)|\n")


def _dictionary() -> pyphen.Pyphen:
    """Return the shared pyphen dictionary, creating it on first use."""
    global _pyphen
    if _pyphen is None:
        lang = next((lang for lang in _LANGUAGES if lang in pyphen.LANGUAGES), "en")
        _pyphen = pyphen.Pyphen(lang=lang)
    return _pyphen


def count_syllables(word: str) -> int:
    """Estimate the syllables in one word (at least 1).

    Why numbers are special: a dictionary cannot hyphenate "30", yet readers say
    it aloud ("thirty").  One syllable per digit is a fair, simple estimate
    ("5" → 1, "30" → 2, "2026" → 4) and keeps doses such as "hold for 30
    seconds" from being counted as effortless one-syllable words.
    """
    digits = sum(ch.isdigit() for ch in word)
    if digits:
        return max(1, digits)
    letters = word.replace("'", "").replace("’", "").lower()
    if not letters:
        return 1
    return len(_dictionary().positions(letters)) + 1


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def flesch_kincaid_grade(text: str) -> float:
    """Return the Flesch–Kincaid grade level of plain ``text``.

    ``0.39 * words/sentences + 11.8 * syllables/words - 15.59``.  Sentences end
    at ``.``, ``!``, ``?`` and at every line break (so each list item counts as
    one); pieces without any word are ignored.  Text without words scores 0.0.
    The result is not clamped: very simple text can score below zero.
    """
    sentences = [s for s in _SENTENCE_END.split(text) if _words(s)]
    words = _words(text)
    if not words or not sentences:
        return 0.0
    syllables = sum(count_syllables(word) for word in words)
    return 0.39 * len(words) / len(sentences) + 11.8 * syllables / len(words) - 15.59
