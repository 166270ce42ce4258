"""Tests for the offline Flesch–Kincaid reading-level check."""

from __future__ import annotations

import pytest

from handouts.load.markdown import rich_blocks
from handouts.models.rich import reading_text
from handouts.readability import count_syllables, flesch_kincaid_grade


def plain_text_from_markdown(md: str) -> str:
    """What ``handouts check`` grades: the Markdown read by load, one line per block."""
    return reading_text(rich_blocks(md))


def test_simple_sentence_scores_low() -> None:
    assert flesch_kincaid_grade("The cat sat on the mat.") < 3.0


def test_long_polysyllabic_sentence_scores_high() -> None:
    text = (
        "Interdisciplinary rehabilitation programmes necessitate comprehensive "
        "biopsychosocial evaluation, individualised physiological characterisation, "
        "and longitudinal multidimensional reassessment of musculoskeletal dysfunction."
    )
    assert flesch_kincaid_grade(text) > 12.0


@pytest.mark.parametrize("text", ["", "   \n\n  ", "- \n* \n", "...!?"])
def test_text_without_words_scores_zero(text: str) -> None:
    assert flesch_kincaid_grade(text) == 0.0


def test_formula_matches_hand_count() -> None:
    # 6 words, 1 sentence, 6 syllables: 0.39 * 6 + 11.8 * 1 - 15.59.
    assert flesch_kincaid_grade("The cat sat on the mat.") == pytest.approx(-1.45)


def test_each_line_counts_as_a_sentence() -> None:
    as_one_sentence = "Sit tall breathe in lift your knee hold it let go slowly"
    as_list = "Sit tall\nbreathe in\nlift your knee\nhold it\nlet go slowly"
    assert flesch_kincaid_grade(as_list) < flesch_kincaid_grade(as_one_sentence)
    # Same 12 words, but over 5 sentences instead of 1: only words/sentence changes.
    difference = flesch_kincaid_grade(as_one_sentence) - flesch_kincaid_grade(as_list)
    assert difference == pytest.approx(0.39 * (12 - 12 / 5))


def test_markdown_list_items_count_as_sentences() -> None:
    md = "- sit tall\n- breathe in\n- lift your knee\n- hold it\n- let go"
    plain = plain_text_from_markdown(md)
    assert plain.splitlines() == ["sit tall", "breathe in", "lift your knee", "hold it", "let go"]
    joined = " ".join(plain.splitlines())
    assert flesch_kincaid_grade(plain) < flesch_kincaid_grade(joined)


def test_decimal_point_does_not_end_a_sentence() -> None:
    assert flesch_kincaid_grade("Use a 2.5 kg weight") == pytest.approx(
        flesch_kincaid_grade("Use a 25 kg weight")
    )


def test_numbers_count_as_words_with_syllables() -> None:
    assert count_syllables("30") == 2
    assert count_syllables("5") == 1
    assert flesch_kincaid_grade("Hold for 30 seconds.") > flesch_kincaid_grade("Hold for seconds.")


def test_syllables_are_at_least_one() -> None:
    assert count_syllables("a") == 1
    assert count_syllables("'") == 1
    assert count_syllables("rehabilitation") >= 4


def test_markdown_is_stripped() -> None:
    md = (
        "### What your psoas does\n"
        "\n"
        "The **psoas** is a *deep* muscle.\n"
        "\n"
        "1. Kneel on a cushion.\n"
        "2. Lean forward.\n"
    )
    assert plain_text_from_markdown(md) == (
        "What your psoas does\nThe psoas is a deep muscle.\nKneel on a cushion.\nLean forward."
    )


def test_wrapped_paragraph_stays_one_sentence() -> None:
    md = "This paragraph is wrapped\nacross three short lines\nbut is one sentence."
    plain = plain_text_from_markdown(md)
    assert plain == "This paragraph is wrapped across three short lines but is one sentence."
    assert flesch_kincaid_grade(plain) > flesch_kincaid_grade(md)


def test_sentence_can_end_inside_brackets_or_quotes() -> None:
    two = "Sit down (on a chair.) Then stand up."
    assert flesch_kincaid_grade(two) == pytest.approx(
        flesch_kincaid_grade("Sit down on a chair. Then stand up.")
    )
