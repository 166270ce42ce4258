"""The language a paragraph's script tells a screen reader to read it in.

A handout's wording is English (the document's /Lang), but a patient's name or
a note may be in Arabic, Hebrew or Korean.  A screen reader reading an Arabic
note with English rules spells it out letter by letter; a /Lang on that
paragraph's element switches its voice.

Only scripts that point to one language are named: Arabic script is also
Persian and Urdu, but Arabic is by far the commonest here; Han text is taken as
Chinese unless it has kana (Japanese).  Latin and Cyrillic text, shared by many
languages, get no guess.  A paragraph is named only when most of its letters
are in that script, so an English sentence with one Arabic name stays English.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

# Unicode character-name prefixes and the language their script points to.
_SCRIPTS = (
    ("ARABIC", "ar"),
    ("HEBREW", "he"),
    ("GREEK", "el"),
    ("HANGUL", "ko"),
    ("HIRAGANA", "ja"),
    ("KATAKANA", "ja"),
    ("CJK UNIFIED IDEOGRAPH", "zh"),
    ("THAI", "th"),
    ("ARMENIAN", "hy"),
    ("GEORGIAN", "ka"),
    ("DEVANAGARI", "hi"),
)


# Below Greek, every letter is Latin: most text, decided without looking letter by letter.
_PAST_LATIN = re.compile("[\u0370-\U0010ffff]")


@lru_cache(maxsize=4096)
def span_language(text: str) -> str | None:
    """The language ``text`` is mostly written in, when its script says so; else None."""
    if not _PAST_LATIN.search(text):
        return None
    counts: Counter[str] = Counter()
    letters = 0
    for char in text:
        if not char.isalpha():
            continue
        letters += 1
        name = unicodedata.name(char, "")
        for prefix, language in _SCRIPTS:
            if name.startswith(prefix):
                counts[language] += 1
                break
    if not counts:
        return None
    if counts["ja"] and counts["zh"]:
        counts["ja"] += counts.pop("zh")  # kanji among kana: Japanese
    language, count = counts.most_common(1)[0]
    return language if count * 2 > letters else None
