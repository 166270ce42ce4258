"""An Arabic handout runs right to left as a whole, read from the page as a reader sees it.

Positions from pdfplumber (glyphs as drawn); text from PDFium, which gives it
back in reading order.  The left-to-right handout is unchanged (every other
test of the layout); here: the mirror.
"""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import pdfplumber
import pypdfium2
import pytest
import yaml
from click.testing import CliRunner

from handouts import api, resources
from handouts.cli import main
from handouts.render.page import MARGIN

PLAN = {
    "patient": {"name": "سارة أحمد", "date_of_birth": "1980-05-17"},
    "date": "2026-12-02",
    "next_appointment": "2026-12-09 10:30",
    "sections": ["psoas/what-it-does", "psoas/avoid"],
    "exercises": ["step-ups", "hip-flexor-stretch", "floor-superman"],
    "options": {"diary": True},
    "language": "ar",
}


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


@pytest.fixture(scope="module")
def arabic(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    folder = tmp_path_factory.mktemp("ar")
    plan = folder / "plan.yaml"
    plan.write_text(yaml.safe_dump(PLAN, allow_unicode=True), encoding="utf-8")
    out = folder / "sara.pdf"
    clinic = str(resources.example_clinic())
    result = CliRunner().invoke(main, ["make", str(plan), "--clinic", clinic, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def pages(data: bytes) -> list[pdfplumber.page.Page]:
    return list(pdfplumber.open(io.BytesIO(data)).pages)


def reading_text(data: bytes) -> str:
    document = pypdfium2.PdfDocument(data)
    try:
        return nfkc(" ".join(page.get_textpage().get_text_range() for page in document))
    finally:
        document.close()


def words_of(page: pdfplumber.page.Page) -> list[dict[str, object]]:
    return page.extract_words(use_text_flow=False, keep_blank_chars=False)


def is_arabic(text: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" or "\ufb50" <= c <= "\ufeff" for c in text)


def test_the_words_are_arabic_and_read_in_order(arabic: bytes) -> None:
    text = reading_text(arabic)
    library = api.resolve(None).library
    step = library.translations.exercise("ar", "step-ups")
    assert step is not None
    title = "".join(span.text for span in step.text.title)
    assert title in text  # the card's title, in reading order
    first_step = "".join(span.text for span in step.text.steps[0])
    assert " ".join(first_step.split()[:4]) in " ".join(text.split())
    assert "ديسمبر" in text  # dates in Arabic


def test_body_lines_end_at_the_right_margin(arabic: bytes) -> None:
    first = pages(arabic)[0]
    right = first.width - MARGIN
    lines: dict[int, list[dict[str, object]]] = {}
    for word in words_of(first):
        if is_arabic(str(word["text"])) and 120 < float(word["top"]) < first.height - 120:
            lines.setdefault(round(float(word["top"])), []).append(word)
    # A line of running text is most of the page wide; it ends at the right margin.
    running = [
        ws
        for ws in lines.values()
        if max(float(w["x1"]) for w in ws) - min(float(w["x0"]) for w in ws)
        > 0.6 * (first.width - 2 * MARGIN)
    ]
    assert len(running) > 5
    # Within a table cell's padding of the margin; the starts are ragged, as the
    # ends of a left-aligned text would be.
    for ws in running:
        assert abs(max(float(w["x1"]) for w in ws) - right) < 10, ws[0]["top"]
    starts = {round(min(float(w["x0"]) for w in ws)) for ws in running}
    assert len(starts) > len(running) / 2


def test_the_header_is_mirrored_and_the_page_number_is_at_the_left(arabic: bytes) -> None:
    first = pages(arabic)[0]
    logo = [i for i in first.images if float(i["top"]) < 80]
    logo_x0 = min(float(i["x0"]) for i in logo) if logo else None
    figures = [c for c in first.curves + first.rects if float(c["top"]) < 70]
    drawn = [float(c["x0"]) for c in figures]
    assert (logo_x0 or max(drawn)) > first.width / 2  # the logo at the top right
    name = [w for w in words_of(first) if w["text"] in ("Riverside", "Therapy") and w["top"] < 80]
    assert name and min(float(w["x0"]) for w in name) > first.width / 3
    bottom = [w for w in words_of(first) if float(w["top"]) > first.height - 70]
    count = str(len(pages(arabic)))
    label = [w for w in bottom if w["text"] in ("1", count) and float(w["x1"]) < first.width / 3]
    assert len(label) >= 2 if count != "1" else label  # "صفحة 1 من 3" at the bottom left


def test_cards_have_the_picture_at_the_right_and_numbers_right_of_steps(arabic: bytes) -> None:
    for page in pages(arabic):
        words = words_of(page)
        numbers = [w for w in words if w["text"] in ("1", "2", "3") and float(w["x0"]) > 300]
        pictures = [c for c in page.curves if float(c["x1"] - c["x0"]) > 20]
        if not any("ﺩ" in nfkc(str(w["text"])) or is_arabic(str(w["text"])) for w in words):
            continue
        steps = [w for w in words if is_arabic(str(w["text"])) and 200 < float(w["x1"]) < 400]
        if numbers and steps and pictures:
            picture_left = min(float(c["x0"]) for c in pictures if float(c["x0"]) > page.width / 2)
            assert max(float(w["x1"]) for w in steps) < picture_left
            return
    pytest.fail("no card page with a picture, numbered steps and Arabic text")


def test_the_diary_runs_right_to_left(arabic: bytes) -> None:
    last = pages(arabic)[-1]
    words = words_of(last)
    head = next(w for w in words if w["text"] == "15")  # the last day of two weeks
    row = [w for w in words if abs(float(w["top"]) - float(head["top"])) < 2]
    days = {str(w["text"]): float(w["x0"]) for w in row if str(w["text"]).isdigit()}
    assert {"2", "3", "15"} <= set(days)
    assert days["2"] > days["3"] > days["15"]  # the first day is the rightmost column
    below = [w for w in words if float(w["top"]) > float(head["top"]) + 5]
    names = [w for w in below if is_arabic(str(w["text"])) and float(w["x0"]) > days["2"]]
    assert names  # the exercise names are at the right of the days


def test_the_pdf_says_it_is_arabic(arabic: bytes) -> None:
    import pikepdf

    with pikepdf.open(io.BytesIO(arabic)) as pdf:
        assert str(pdf.Root.Lang) == "ar"


def test_an_english_handout_is_not_mirrored(tmp_path: Path) -> None:
    out = tmp_path / "en.pdf"
    result = CliRunner().invoke(
        main,
        ["make", "--patient", "Jane Doe", "--exercise", "step-ups", "--clinic",
         str(resources.example_clinic()), "-o", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0
    first = pages(out.read_bytes())[0]
    name = [w for w in words_of(first) if w["text"] == "Riverside"]
    assert name and float(name[0]["x0"]) < first.width / 3  # the clinic's name at the top left


def test_contact_details_keep_their_order_in_arabic_sentences(arabic: bytes) -> None:
    """Reproduced first: "اتصل بنا على 01632 960 123" printed "123 960 01632"."""
    rows: dict[int, list[dict[str, object]]] = {}
    for page in pages(arabic):
        for word in words_of(page):
            if word["text"] in ("01632", "960", "123") and float(word["top"]) < page.height - 80:
                rows.setdefault(round(float(word["top"])), []).append(word)
    assert rows  # the pain guidance and the questions box, in the body
    for words in rows.values():
        ordered = [str(w["text"]) for w in sorted(words, key=lambda w: float(w["x0"]))]
        assert ordered == ["01632", "960", "123"], ordered


def test_a_latin_name_in_the_header_reads_right_to_left(tmp_path: Path) -> None:
    """Reproduced first: "Jane Doe2026 نوفمبر 24 ·", the name run into the date."""
    plan = tmp_path / "plan.yaml"
    latin = {**PLAN, "patient": {"name": "Jane Doe"}}
    plan.write_text(yaml.safe_dump(latin, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "jane.pdf"
    clinic = str(resources.example_clinic())
    result = CliRunner().invoke(main, ["make", str(plan), "--clinic", clinic, "-o", str(out)])
    assert result.exit_code == 0, result.output
    first = pages(out.read_bytes())[0]
    header = [w for w in words_of(first) if float(w["top"]) < 60]
    name = [w for w in header if w["text"] in ("Jane", "Doe")]
    year = [w for w in header if w["text"] == "2026"]
    assert name and year
    # Reading right to left: the name first (at the right), then the date to its left.
    assert min(float(w["x0"]) for w in name) > max(float(w["x1"]) for w in year)
    assert [w["text"] for w in sorted(name, key=lambda w: float(w["x0"]))] == ["Jane", "Doe"]


def test_an_english_note_keeps_its_own_direction_in_an_arabic_card(tmp_path: Path) -> None:
    """Reproduced first: the note's full stop printed at its start, ".Start gently"."""
    plan = tmp_path / "plan.yaml"
    noted = {**PLAN, "exercises": [{"id": "step-ups", "notes": "Start gently today."}]}
    plan.write_text(yaml.safe_dump(noted, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "note.pdf"
    clinic = str(resources.example_clinic())
    result = CliRunner().invoke(main, ["make", str(plan), "--clinic", clinic, "-o", str(out)])
    assert result.exit_code == 0, result.output
    words = [str(w["text"]) for page in pages(out.read_bytes()) for w in words_of(page)]
    assert "today." in words and not any(w.startswith(".Start") for w in words)
