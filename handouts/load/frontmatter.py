"""Split a Markdown library file into its YAML front matter and its body."""

from __future__ import annotations

from pathlib import Path

from handouts.errors import InputFileError
from handouts.load.yamlfile import YamlDoc, parse_yaml, read_text

MAX_MARKDOWN_BYTES = 200_000


def read_front_matter(path: Path) -> tuple[YamlDoc, str, int]:
    """Return (front matter, body text, line number where the body starts)."""
    text = read_text(path, limit=MAX_MARKDOWN_BYTES)
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise InputFileError(path, "missing front matter: the file must start with a '---' line")
    closing = [n for n, line in enumerate(lines[1:], start=1) if line.strip() == "---"]
    if not closing:
        raise InputFileError(path, "front matter is not closed with a '---' line", line=1)
    end = closing[0]
    doc = parse_yaml("".join(lines[1:end]), path, line_offset=1)
    return doc, "".join(lines[end + 1 :]), end + 2
