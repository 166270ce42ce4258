"""The compact layout's two text columns: a heading never ends a column.

Checked against arbitrary runs of headings, paragraphs and whole lists, split
at any height, as Platypus splits a flowable at the foot of a page.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from handouts.render.keep import KeepBlock
from handouts.render.text_columns import TextColumns

BODY = ParagraphStyle("body", fontSize=9, leading=12, spaceAfter=4)
HEADING = ParagraphStyle("h2", fontSize=11, leading=14, spaceBefore=6, keepWithNext=True)
WIDTH = 400.0  # two columns of 194 points
SENTENCE = "Stand tall and breathe out slowly as you lift your knee toward your chest"
WORDS = SENTENCE.split(" ")


def _item(kind: str, size: int) -> Flowable:
    text = " ".join(WORDS[i % len(WORDS)] for i in range(size * 6))
    if kind == "heading":
        return Paragraph(f"Heading {size}", HEADING)
    if kind == "list":
        return KeepBlock([Paragraph(f"• {text}", BODY) for _ in range(1 + size % 3)])
    return Paragraph(text, BODY)


items_strategy = st.lists(
    st.tuples(st.sampled_from(["heading", "paragraph", "list"]), st.integers(1, 6)),
    min_size=1,
    max_size=14,
)


@settings(max_examples=150, deadline=None)
@given(items_strategy, st.floats(10, 400))
def test_a_split_never_leaves_a_heading_at_the_foot_of_a_column(
    kinds: list[tuple[str, int]], room: float
) -> None:
    items = [_item(kind, size) for kind, size in kinds]
    parts = TextColumns(items, gap=12).split(WIDTH, room)
    if len(parts) < 2:
        return  # nothing placed here (the text starts on the next page), or all of it
    first = parts[0]
    first.wrap(WIDTH, room)
    assert first.height <= room + 1e-3
    left, right = first.columns
    for column in (left, right):
        assert not (column and column[-1].getKeepWithNext()), [type(f).__name__ for f in column]
    # Nothing is lost or doubled: every item is in the first part or the rest.
    rest = parts[1]
    assert len(left) + len(right) + len(rest.items) >= len(items)


def test_a_heading_with_no_room_for_its_text_goes_with_it_to_the_next_page() -> None:
    """The case seen on Letter: room for a section heading, not for the list under it."""
    heading = _item("heading", 1)
    block = _item("list", 5)
    room = heading.wrap(194, 1e6)[1] + HEADING.spaceBefore + 4
    assert TextColumns([heading, block], gap=12).split(WIDTH, room) == []
