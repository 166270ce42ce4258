"""Issue 19: parsed paragraph markup is remembered per process (render/script.py).

What must hold: a paragraph made again from the same markup gets fragments of its
own, in its own style; anything that differs in the style parses again.  The
handouts themselves are compared byte for byte in the commit that added this.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle

from handouts.render.fonts import register_fonts
from handouts.render.script import Paragraph


def _style(colour: colors.Color = colors.black, size: float = 10) -> ParagraphStyle:
    return ParagraphStyle("body", fontName=register_fonts(), fontSize=size, textColor=colour)


def test_the_same_markup_twice_gets_fragments_of_its_own() -> None:
    markup = "Hold for <b>30 seconds</b>, then relax."
    first, second = Paragraph(markup, _style()), Paragraph(markup, _style())
    assert [f.text for f in first.frags] == [f.text for f in second.frags]
    assert all(a is not b for a, b in zip(first.frags, second.frags, strict=True))
    first.frags[0].text = "changed"
    assert Paragraph(markup, _style()).frags[0].text == "Hold for "


def test_a_different_style_is_parsed_in_that_style() -> None:
    markup = "Keep your back straight."
    red = Paragraph(markup, _style(colors.red, 12))
    blue = Paragraph(markup, _style(colors.blue, 9))
    assert red.frags[0].textColor == colors.red and red.frags[0].fontSize == 12
    assert blue.frags[0].textColor == colors.blue and blue.frags[0].fontSize == 9


def test_links_and_breaks_survive_being_remembered() -> None:
    markup = 'Watch <a href="https://example.org/v">the video</a>.<br/>Then start.'
    for _ in range(2):
        paragraph = Paragraph(markup, _style())
        assert any(getattr(f, "link", None) for f in paragraph.frags)
        _, height = paragraph.wrap(400, 100)
        assert len(paragraph.blPara.lines) == 2 and height > 0
