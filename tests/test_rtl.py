"""Right-to-left paragraphs: lines broken in reading order, each drawn in display order.

Reproduced first on main: a three-line Arabic or Hebrew note printed sentence
one on the bottom line, left-aligned, with "(1)" as ")1(" (the whole note was
put in display order before ReportLab broke it into lines).

Positions come from pdfplumber, which gives the glyphs as drawn: a line's
glyphs sorted right to left are a right-to-left line in reading order, and the
NFKC form of Arabic presentation forms is the ordinary letters.  Extracted
text comes from PDFium (the engine of Chrome's viewer) and pypdf, which both
put right-to-left glyphs back into reading order.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2
import pytest
from click.testing import CliRunner
from pypdf import PdfReader
from reportlab.lib.styles import ParagraphStyle

from handouts.cli import main
from handouts.render.fonts import register_fonts
from handouts.render.page import MARGIN
from handouts.render.rtl import display_line, display_lines, display_pieces, paragraph_direction
from handouts.render.script import Paragraph
from tests.conftest import squash, write_plan

ARABIC = (
    "ابدأ بالتمرين الأول ببطء كل صباح قبل الإفطار لمدة عشر دقائق على الأقل، "
    "وتنفس بهدوء طوال الوقت.",
    "إذا شعرت بألم حاد في الورك أو الركبة فتوقف فورا واتصل بالعيادة لتحديد موعد جديد مع المعالج.",
    "اشرب كثيرا من الماء ونم جيدا واستمر في المشي يوميا لمدة نصف ساعة على الأقل.",
)
HEBREW = (
    "התחל את התרגיל הראשון לאט בכל בוקר לפני ארוחת הבוקר במשך עשר דקות לפחות, ונשום בנחת כל הזמן.",
    "אם אתה מרגיש כאב חד בירך או בברך, עצור מיד והתקשר למרפאה כדי לקבוע תור חדש אצל המטפל.",
    "שתה הרבה מים, ישן היטב והמשך ללכת כל יום חצי שעה לפחות בקצב נוח ובלי למהר.",
)
MIXED = (
    "كرر التمرين (1) عشر مرات ثم استرح 30 ثانية بين المجموعات، ثلاث مجموعات كل يوم.",
    "استخدم الشريط الأزرق (blue band) من الحقيبة وثبت لمدة 5 ثوان في كل مرة بدون ألم.",
    "ثم كرر التمرين (2) مرتين في اليوم لمدة 4 أسابيع، وسجل النتائج في الجدول (صفحة 3).",
)
NOTES = {"arabic": ARABIC, "hebrew": HEBREW, "mixed": MIXED}
# Where a note goes: the plan's notes (full width) or an exercise's (in its card,
# after the bold label "Note for you:").
PLACES = ["plan notes", "exercise notes"]


@dataclass
class Line:
    """One printed line: its glyphs, left to right as drawn."""

    chars: list[dict[str, Any]]

    @property
    def top(self) -> float:
        return float(min(c["top"] for c in self.chars))

    @property
    def right_to_left(self) -> str:
        """The glyphs from the right edge leftwards, as letters: reading order for an RTL line."""
        return unicodedata.normalize("NFKC", "".join(c["text"] for c in reversed(self.chars)))

    @property
    def shown(self) -> str:
        """The glyphs left to right, as the eye sees them."""
        return unicodedata.normalize("NFKC", "".join(c["text"] for c in self.chars))

    @property
    def left(self) -> float:
        return float(min(c["x0"] for c in self.chars if c["text"].strip()))

    @property
    def right(self) -> float:
        return float(max(c["x1"] for c in self.chars if c["text"].strip()))

    def rtl_letters_right_of(self, word: str) -> str:
        """Right-to-left letters printed to the right of ``word`` (which must be on the line)."""
        text = self.right_to_left
        assert word in text, (word, text)
        return "".join(c for c in text[: text.index(word)] if _rtl(c))


def _rtl(char: str) -> bool:
    return unicodedata.bidirectional(char) in ("R", "AL")


def rtl_lines(data: bytes) -> list[list[Line]]:
    """Per page, the lines (top to bottom) that have any right-to-left letter."""
    pages: list[list[Line]] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            lines: list[list[dict[str, Any]]] = []
            for char in sorted(page.chars, key=lambda c: (round(c["bottom"]), c["x0"])):
                if lines and abs(lines[-1][0]["bottom"] - char["bottom"]) < 2:
                    lines[-1].append(char)
                else:
                    lines.append([char])
            found = [Line(sorted(chars, key=lambda c: c["x0"])) for chars in lines]
            pages.append([line for line in found if any(_rtl(c) for c in line.right_to_left)])
    return pages


def pdfium_text(data: bytes) -> str:
    pdf = pypdfium2.PdfDocument(data)
    try:
        return squash(" ".join(page.get_textpage().get_text_range() for page in pdf))
    finally:
        pdf.close()


def pypdf_text(data: bytes) -> str:
    text = " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages)
    return squash(unicodedata.normalize("NFKC", text))


def pdftotext(data: bytes) -> str:
    """poppler's text: each run of a line in reading order (runs in display order)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler's pdftotext is not installed")  # CI installs it
    done = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)
    return squash(unicodedata.normalize("NFKC", done.stdout.decode()))


def make(tmp_path: Path, note: str, place: str) -> bytes:
    """The handout made by ``handouts make`` for a plan with ``note`` in ``place``."""
    plan: dict[str, Any] = {"patient": {"name": "Jane Doe"}, "date": "2026-11-24"}
    if place == "plan notes":
        plan |= {"notes": note, "exercises": ["step-ups"]}
    else:
        plan |= {"exercises": [{"id": "step-ups", "notes": note}]}
    out = tmp_path / "out.pdf"
    args = ["make", str(write_plan(tmp_path, plan)), "-o", str(out), "--force"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return out.read_bytes()


@pytest.fixture(scope="module")
def handouts(
    tmp_path_factory: pytest.TempPathFactory, example_clinic_copy: Path
) -> dict[tuple[str, str], bytes]:
    """Each note in each place, made once for the tests below (for a real clinic:
    the per-test clinic fixture comes too late for a fixture shared by a module)."""
    made = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HANDOUTS_CLINIC", str(example_clinic_copy))
        for script, sentences in NOTES.items():
            for place in PLACES:
                folder = tmp_path_factory.mktemp(f"{script}-{place.replace(' ', '-')}")
                made[script, place] = make(folder, " ".join(sentences), place)
    return made


CASES = [(script, place) for script in NOTES for place in PLACES]


@pytest.mark.parametrize(("script", "place"), CASES)
def test_first_sentence_starts_the_top_line_at_the_right(
    handouts: dict[tuple[str, str], bytes], script: str, place: str
) -> None:
    (lines,) = rtl_lines(handouts[script, place])[:1]
    assert len(lines) >= 3, [line.shown for line in lines]
    first_word = NOTES[script][0].split()[0]
    assert first_word in lines[0].right_to_left
    # No right-to-left letter is printed to the right of the note's first word
    # (the English label "Note for you:" may be: it is the start of the line).
    assert lines[0].rtl_letters_right_of(first_word) == ""


@pytest.mark.parametrize(("script", "place"), CASES)
def test_lines_follow_the_sentences_top_to_bottom(
    handouts: dict[tuple[str, str], bytes], script: str, place: str
) -> None:
    (lines,) = rtl_lines(handouts[script, place])[:1]
    assert [line.top for line in lines] == sorted(line.top for line in lines)
    # The line each sentence starts on (its first two words may straddle two
    # lines), never above the previous sentence's.
    read = [line.right_to_left for line in lines]
    ends = [sum(len(r) + 1 for r in read[: n + 1]) for n in range(len(read))]
    starts = []
    for sentence in NOTES[script]:
        at = " ".join(read).index(" ".join(sentence.split()[:2]))
        starts.append(next(n for n, end in enumerate(ends) if at < end))
    assert starts == sorted(starts) and starts[0] == 0, starts
    # The note's last word ends the bottom line, at its left.
    last_word = NOTES[script][-1].split()[-1].strip(".()")
    assert last_word in lines[-1].right_to_left
    tail = lines[-1].right_to_left
    assert not [c for c in tail[tail.index(last_word) + len(last_word) :] if _rtl(c)]


@pytest.mark.parametrize(("script", "place"), CASES)
def test_right_to_left_notes_are_right_aligned(
    handouts: dict[tuple[str, str], bytes], script: str, place: str
) -> None:
    data = handouts[script, place]
    (lines,) = rtl_lines(data)[:1]
    rights = [line.right for line in lines]
    assert max(rights) - min(rights) < 0.5, rights
    # Ragged on the left: the last line is short and ends at the right edge.
    assert lines[-1].left > lines[0].left + 30
    if place == "plan notes":
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            frame_right = pdf.pages[0].width - MARGIN
        assert rights[0] == pytest.approx(frame_right, abs=0.5)


@pytest.mark.parametrize("place", PLACES)
def test_brackets_are_not_reversed(handouts: dict[tuple[str, str], bytes], place: str) -> None:
    shown = " ".join(line.shown for line in rtl_lines(handouts["mixed", place])[0])
    assert "(1)" in shown and "(2)" in shown
    assert ")1(" not in shown and ")2(" not in shown


@pytest.mark.parametrize(("script", "place"), CASES)
def test_text_extracts_in_reading_order(
    handouts: dict[tuple[str, str], bytes], script: str, place: str
) -> None:
    data = handouts[script, place]
    # poppler: each word and phrase reads as typed (right-to-left runs not reversed).
    phrase = " ".join(NOTES[script][0].split()[:2])
    assert phrase in pdftotext(data)
    text = pdfium_text(data)
    if script == "mixed":
        # PDFium turns the English words inside an Arabic line around, so the
        # sentences without English are compared.
        first, _, last = MIXED
        assert first in text and last in text
        assert text.index(first) < text.index(last)
        return
    note = " ".join(NOTES[script])
    assert note in text
    if place == "plan notes":
        # pypdf too (it moves a full stop at a line's end to the line's start,
        # and mixes the English label of an exercise note into the sentence).
        words = pypdf_text(data)
        positions = [words.index(sentence.rstrip(".")) for sentence in NOTES[script]]
        assert positions == sorted(positions)


def test_a_left_to_right_note_with_a_right_to_left_name_stays_left_aligned(
    tmp_path: Path,
) -> None:
    note = (
        "Please show this sheet to محمد عبد الله at the front desk when you arrive, "
        "and ask him to book your next two sessions. Bring the band with you, and wear "
        "comfortable shoes. Call us on the number below if anything is unclear."
    )
    data = make(tmp_path, note, "plan notes")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        words = pdf.pages[0].extract_words()
    please = next(w for w in words if w["text"] == "Please")
    assert please["x0"] == pytest.approx(MARGIN, abs=0.5)
    (line,) = rtl_lines(data)[0]
    assert line.top == pytest.approx(please["top"], abs=2)
    assert "محمد عبد الله" in line.right_to_left  # the name reads right to left, in place
    assert "Please show this sheet to" in line.shown


def test_a_right_to_left_note_split_across_pages_keeps_its_direction(tmp_path: Path) -> None:
    sentences = [f"{sentence} ({n})" for n in range(1, 30) for sentence in HEBREW]
    data = make(tmp_path, " ".join(sentences), "plan notes")
    pages = [lines for lines in rtl_lines(data) if lines]
    assert len(pages) >= 2  # the note goes on over the page
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        frame_right = pdf.pages[0].width - MARGIN
    for lines in pages[:2]:
        assert [line.right for line in lines] == pytest.approx([frame_right] * len(lines), abs=0.5)
    assert HEBREW[0].split()[0] in pages[0][0].right_to_left
    assert pages[0][0].rtl_letters_right_of(HEBREW[0].split()[0]) == ""


# --- The pieces, without a PDF ---------------------------------------------


def test_each_line_is_reordered_on_its_own_and_brackets_mirrored() -> None:
    assert display_line("עשה (1) פעם", True) == "םעפ (1) השע"
    assert display_line("Hello (שלום) world", False) == "Hello (םולש) world"
    assert display_line("כחול (blue band) גדול", True) == "לודג (blue band) לוחכ"
    assert display_line("see page 12 (שלום)", False) == "see page 12 (םולש)"
    # Direction marks take part in the ordering but are never drawn.
    assert display_line("שלום\u200f!", True) == "!םולש"


def test_a_bold_word_keeps_its_font_when_reordered() -> None:
    shown = display_pieces([("אחת ", "regular"), ("שתיים", "bold"), (" שלוש", "regular")], True)
    assert shown == [("שולש ", "regular"), ("םייתש", "bold"), (" תחא", "regular")]


def test_inline_bold_in_a_right_to_left_paragraph_is_drawn_at_its_place() -> None:
    font = register_fonts()
    style = ParagraphStyle("body", fontName=font, fontSize=10, leading=14)
    para = Paragraph("<b>אחת</b> שתיים שלוש", style)
    para.wrap(400, 100)
    (line,) = display_lines(para.blPara, True).lines
    assert [f.text.strip() for f in line.words] == ["שולש םייתש", "תחא"]
    assert line.words[-1].fontName != line.words[0].fontName  # the bold word, at the right
    assert para.blPara.lines[0].words[0].text.strip() == "אחת"  # kept in reading order


@pytest.mark.parametrize(
    ("markup", "direction"),
    [
        ("Plain English", None),
        ("שלום עולם", True),
        ("Notes for אברהם כהן today", False),
        ("אברהם כהן, 3 sets", True),
        ("<b>Note for you:</b> שלום עולם", True),  # the label does not decide
        ("<font color='#c00'>⚠</font> <b>Safety:</b> עצור", True),
        ("<b>הערה:</b> Keep going", False),
        ("\u200f123 abc", True),  # a right-to-left mark counts as a letter
    ],
)
def test_the_first_letter_after_a_label_sets_the_direction(
    markup: str, direction: bool | None
) -> None:
    assert paragraph_direction(markup) is direction


@pytest.mark.parametrize("char", ["\U00011daa", "\U000e01f0", "\U0010fffd", "\u0378"])
def test_a_code_point_with_no_bidi_class_is_drawn_left_to_right(char: str) -> None:
    # Unassigned and private-use code points have no class in Python's Unicode
    # tables; the layout treats them as left to right (Unicode's default), never fails.
    assert unicodedata.bidirectional(char) in ("", "L")
    line = f"\u05e9\u05dc\u05d5\u05dd {char} 12"
    shown = display_line(line, rtl=True)
    assert sorted(shown) == sorted(line)
    assert display_line(f"{char}\u200e · 24 November", rtl=False).endswith("24 November")
