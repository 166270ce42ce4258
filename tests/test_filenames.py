"""Output file names are ASCII `[a-z0-9-]` whatever the script of the name (issue 13)."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from handouts.cli import main
from handouts.deliver.filenames import MAX_STEM, default_output, safe_stem
from tests.conftest import Pdf

SAFE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def patient_hash(visible: str) -> str:
    return f"patient-{hashlib.sha256(visible.encode()).hexdigest()[:6]}"


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        # Latin with diacritics and ligatures
        ("Zoë Łukasiewicz", "zoe-lukasiewicz"),
        ("José Ramón Müller-Ñúñez", "jose-ramon-muller-nunez"),
        ("Nguyễn Văn Anh", "nguyen-van-anh"),
        ("Ærøskøbing Straße", "aeroskobing-strasse"),
        ("Zoe\u0308 Lukasiewicz", "zoe-lukasiewicz"),  # decomposed ë
        # Cyrillic (anyascii writes й as "y": Сергей → sergey)
        ("Сергей Иванов", "sergey-ivanov"),
        # Greek
        ("Γιώργος Παπαδόπουλος", "giorgos-papadopoylos"),
        # Arabic and Hebrew: consonant skeletons, but ASCII
        ("محمد علي", "mhmd-ly"),
        ("דוד כהן", "dvd-khhn"),
        # CJK: no spaces between syllables
        ("王小明", "wangxiaoming"),
        ("张伟", "zhangwei"),
        ("さくら", "sakura"),
        ("김민준", "gimminjun"),
        # Devanagari
        ("राहुल शर्मा", "rahul-srma"),
        # Mixed scripts, digits and punctuation
        ("Anna Смирнова-王 (2)", "anna-smirnova-wang-2"),
        ("Jean-Luc O'Brien", "jean-luc-o-brien"),
        ("ＪＡＮＥ　ＤＯＥ", "jane-doe"),  # full-width letters and ideographic space
        # Emoji and symbols separate words; they are never spelt out
        ("Jane 🌸 Doe", "jane-doe"),
        ("Jane🌸Doe™", "jane-doe"),
        # Paths and Windows
        ("../../etc/passwd", "etc-passwd"),
        ("C:\\Windows\\System32", "c-windows-system32"),
        ("CON", "handout-con"),
        ("nul", "handout-nul"),
        ("Aux Smith", "handout-aux-smith"),
        ("com¹", "handout-com1"),
        ("ＣＯＮ", "handout-con"),
        ("LPT9", "handout-lpt9"),
        ("console", "console"),
        ("Connor", "connor"),
        # Nothing visible at all
        ("", "handout"),
        ("   \t\n", "handout"),
        ("\u200b\u200e\u202e\ufeff", "handout"),
    ],
)
def test_names_in_every_script_become_ascii(name: str, stem: str) -> None:
    assert safe_stem(name) == stem
    assert default_output(Path("out"), name, dt.date(2026, 11, 24)) == Path(
        f"out/{stem}-2026-11-24.pdf"
    )


def test_make_writes_an_ascii_name_and_keeps_the_name_in_the_handout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    args = ["--patient", "Сергей\u200b Иванов", "--section", "psoas/do", "--date", "2026-11-24"]
    result = CliRunner().invoke(main, ["make", *args])
    assert result.exit_code == 0, result.output
    [pdf] = tmp_path.glob("*.pdf")
    assert pdf.name == "sergey-ivanov-2026-11-24.pdf"
    assert "Сергей" in Pdf(pdf.read_bytes()).text


INVISIBLE = [
    "\u200b",  # zero-width space
    "\u200c",  # zero-width non-joiner
    "\u200d",  # zero-width joiner
    "\u200e",  # left-to-right mark
    "\u200f",  # right-to-left mark
    "\u061c",  # Arabic letter mark
    "\u2060",  # word joiner
    "\ufeff",  # byte order mark
    "\u00ad",  # soft hyphen
    *(chr(c) for c in range(0x202A, 0x202F)),  # LRE RLE PDF LRO RLO
    *(chr(c) for c in range(0x2066, 0x206A)),  # LRI RLI FSI PDI
    "\x00",
    "\x07",
    "\x1b",  # a lone escape: the letter after it stays
    "\x7f",
    "\x80",
    "\ud800",  # lone surrogate
    "\ue000",  # private use
]


@pytest.mark.parametrize("char", INVISIBLE, ids=[f"U+{ord(c):04X}" for c in INVISIBLE])
def test_invisible_and_control_characters_never_split_a_name(char: str) -> None:
    assert safe_stem(f"ja{char}ne doe") == "jane-doe"
    assert safe_stem(f"{char}Jane{char} {char}Doe{char}") == "jane-doe"


@pytest.mark.parametrize(
    "name",
    [
        "\x1b[31mJane\x1b[0m Doe",
        "\x1b[1;38;5;196mJane Doe\x1b[m",
        "\x9b31mJane Doe\x9b0m",
        "\x1b]0;window title\x07Jane Doe",
        "\x1b]8;;https://example.org\x1b\\Jane Doe\x1b]8;;\x1b\\",
        "\x1b(BJane Doe",
        "\x1b7Jane Doe\x1b8",
    ],
)
def test_terminal_escape_sequences_leave_nothing(name: str) -> None:
    assert safe_stem(name) == "jane-doe"


@pytest.mark.parametrize("space", ["\t", "\n", "\r\n", "\u00a0", "\u2028", "\u3000"])
def test_whitespace_of_any_kind_separates_words(space: str) -> None:
    assert safe_stem(f"Jane{space}Doe") == "jane-doe"


def test_a_name_with_nothing_to_transliterate_gets_a_short_stable_hash() -> None:
    assert safe_stem("😀🎉") == patient_hash("😀🎉")
    assert safe_stem("...") == patient_hash("...")
    # Two such names differ; one name always gets the same stem, however it is
    # encoded (NFC or NFD) and whatever invisible characters or spacing it carries.
    assert safe_stem("😀🎉") != safe_stem("🎉😀")
    assert safe_stem(" 😀\u200b🎉 ") == safe_stem("😀🎉")
    assert safe_stem("=\u0338") == safe_stem("\u2260") == patient_hash("\u2260")  # ≠, NFD and NFC
    assert safe_stem("😀  🎉") == safe_stem("😀 🎉") == patient_hash("😀 🎉")


def test_a_caller_can_give_the_fallback() -> None:
    assert safe_stem("😀🎉", fallback="REF-0042") == "ref-0042"
    assert safe_stem("", fallback="Réf/7") == "ref-7"
    assert safe_stem("Jane Doe", fallback="REF-0042") == "jane-doe"
    assert safe_stem("😀", fallback="CON") == "handout-con"
    # A fallback with nothing in it is no fallback.
    assert safe_stem("😀", fallback="🎉") == patient_hash("😀")
    assert safe_stem("", fallback="") == "handout"


def test_long_names_are_capped() -> None:
    assert safe_stem("a" * 500) == "a" * MAX_STEM
    assert len(safe_stem("𠀀" * 200)) <= MAX_STEM
    cut = safe_stem("ab " * 100)
    assert len(cut) <= MAX_STEM and SAFE.match(cut)
    reserved = safe_stem("CON " + "x" * 200)
    assert reserved.startswith("handout-con-") and len(reserved) == MAX_STEM
    reserved_word = safe_stem("CON-" + "-" * 71 + "y" * 10)
    assert SAFE.match(reserved_word) and len(reserved_word) <= MAX_STEM


@given(st.text(), st.one_of(st.none(), st.text()))
def test_any_text_gives_a_safe_deterministic_stem(text: str, fallback: str | None) -> None:
    stem = safe_stem(text, fallback)
    assert SAFE.match(stem), stem
    assert len(stem) <= MAX_STEM
    assert stem.split("-")[0] not in {"con", "prn", "aux", "nul"}
    assert not re.fullmatch(r"(com|lpt)[0-9]", stem.split("-")[0])
    assert safe_stem(text, fallback) == stem
    assert safe_stem(text) == safe_stem(text, None)


@given(st.text(st.characters(exclude_categories=["Cc", "Cs"]), max_size=200))
def test_invisible_characters_never_change_a_stem(text: str) -> None:
    assert safe_stem("\u200b".join(text)) == safe_stem(text)
    assert safe_stem(f"\u202e{text}\u2069\ufeff") == safe_stem(text)
