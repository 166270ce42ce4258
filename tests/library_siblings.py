"""The bundled library's translations, read the way a reviewer reads them: line by line.

Shared by the content tests of each language (test_spanish_content.py,
test_arabic_content.py).  Why not the product's own loader: these tests check
the files' shape (same steps, tips, sections, lists and bold as the base) with
logic of their own, so a loader bug cannot hide a broken translation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from tests.conftest import ALL_EXERCISES, REPO

LIBRARY = REPO / "assets" / "library"
ARTICLE = "psoas"
EXERCISES = tuple(ALL_EXERCISES)  # the nine psoas exercises, translated
EXERCISE_KEYS = {"title", "alt", "safety"}
ARTICLE_KEYS = {"title", "summary"}
# Written by tools/stamp_translations.py: the base's words it was made from.
STAMP_KEY = "translated_from"

_HEADING_ID = re.compile(r"^## .*\{#([a-z0-9-]+)\}\s*$")
_HEADING_ID_MARK = re.compile(r"\s*\{#[a-z0-9-]+\}\s*$")
STEP = re.compile(r"^\d+\.\s+")
_TIP = re.compile(r"^[-*]\s+")
_BOLD = re.compile(r"\*\*[^*]+\*\*")


@dataclass(frozen=True)
class LibraryFile:
    """A library file read with line logic: front matter and body lines."""

    name: str
    front: dict[str, object]
    body: list[str]

    @classmethod
    def read(cls, path: Path) -> LibraryFile:
        text = path.read_text(encoding="utf-8")
        assert text.startswith("---\n"), f"{path.name}: no front matter"
        front_text, _, body = text[4:].partition("\n---\n")
        front = yaml.safe_load(front_text)
        assert isinstance(front, dict), f"{path.name}: front matter is not a mapping"
        return cls(name=path.name, front=front, body=body.splitlines())

    def _tips_at(self) -> int:
        return next((i for i, line in enumerate(self.body) if line == "## Tips"), len(self.body))

    def steps(self) -> list[str]:
        before = self.body[: self._tips_at()]
        return [STEP.sub("", line) for line in before if STEP.match(line)]

    def tips(self) -> list[str]:
        after = self.body[self._tips_at() + 1 :]
        return [_TIP.sub("", line) for line in after if _TIP.match(line)]

    def section_ids(self) -> list[str]:
        return [m.group(1) for line in self.body if (m := _HEADING_ID.match(line))]

    def section_shapes(self) -> list[list[str]]:
        """Each section's blocks in order: "p" for a paragraph, "ul:N" for a list of N items."""
        shapes: list[list[str]] = []
        block = ""  # the kind of block the previous line belongs to ("" after a blank line)
        for line in self.body:
            if line.startswith("## "):
                shapes.append([])
                block = ""
            elif not shapes or not line.strip():
                block = ""
            elif _TIP.match(line) and block == "ul":
                shapes[-1][-1] = f"ul:{int(shapes[-1][-1][3:]) + 1}"
            elif _TIP.match(line):
                shapes[-1].append("ul:1")
                block = "ul"
            elif block != "p":  # a paragraph wrapped over several lines stays one block
                shapes[-1].append("p")
                block = "p"
        return shapes

    def text_blocks(self) -> list[str]:
        """The words a reader sees, as blocks: front matter values, headings, steps, items.

        The ``## Tips`` marker (never printed) and the ``{#id}`` of each heading
        are left out: they are markup, not text.
        """
        blocks = [str(value) for key, value in self.front.items() if key != STAMP_KEY]
        for line in self.body:
            if not line.strip() or line == "## Tips":
                continue
            if line.startswith("## "):
                blocks.append(_HEADING_ID_MARK.sub("", line[3:]))
            else:
                blocks.append(_TIP.sub("", STEP.sub("", line)))
        return [block.replace("**", "") for block in blocks]

    def bold_counts(self) -> list[int]:
        """How many bold spans each non-blank body line has, in order."""
        return [len(_BOLD.findall(line)) for line in self.body if line.strip()]

    def section_text(self) -> list[str]:
        """The article's body text as reading blocks: each paragraph and list item."""
        return [
            _TIP.sub("", line)
            for line in self.body
            if line.strip() and not line.startswith("## ") and not line.startswith("---")
        ]


@cache
def base(kind: str, item: str) -> LibraryFile:
    """The English base file of ``item`` (``kind``: exercises or articles)."""
    return LibraryFile.read(LIBRARY / kind / f"{item}.md")


@cache
def sibling(kind: str, item: str, language: str) -> LibraryFile:
    """The translation of ``item`` into ``language``: ``<item>.<language>.md``."""
    return LibraryFile.read(LIBRARY / kind / f"{item}.{language}.md")
