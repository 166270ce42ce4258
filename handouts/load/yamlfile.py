"""Safe, strict YAML reading that remembers where every value came from.

Why not ``yaml.safe_load``: it turns a patient called ``No`` into ``False`` and a
reference ``0012`` into ``12``, silently keeps the last of two duplicate keys,
expands alias bombs, and forgets line numbers.  Here every scalar stays a string
(pydantic converts the fields that really are numbers or dates), duplicate keys
and aliases are errors, and each value's line is kept for error messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from handouts.errors import InputFileError

MAX_YAML_BYTES = 1_000_000  # a plan or profile is a few KB; anything huge is a mistake or an attack
MAX_DEPTH = 20

Loc = tuple[str | int, ...]
_NULL_TAG = "tag:yaml.org,2002:null"


@dataclass
class YamlDoc:
    """A parsed YAML document: plain data plus the line of every value."""

    path: Path
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)

    def line_of(self, loc: Loc) -> int | None:
        """The line of ``loc`` or of its nearest parent that has one."""
        while True:
            if loc in self.lines:
                return self.lines[loc]
            if not loc:
                return None
            loc = loc[:-1]


class _NoAliasLoader(yaml.SafeLoader):
    """A SafeLoader whose composer refuses ``*alias`` references (no alias bombs)."""

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed", event.start_mark
            )
        return super().compose_node(parent, index)


def parse_yaml(text: str, path: Path, *, line_offset: int = 0) -> YamlDoc:
    """Parse YAML ``text`` (read from ``path``) into strings, lists and dicts."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_YAML_BYTES:
        raise InputFileError(path, f"file is larger than {MAX_YAML_BYTES // 1000} KB")
    try:
        _check_depth(text, path, line_offset)
        node = yaml.compose(text, Loader=_NoAliasLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else None
        reason = exc.problem or exc.context or "invalid YAML"
        raise InputFileError(path, f"YAML syntax error: {reason}", line=line) from None
    except yaml.reader.ReaderError as exc:
        # A raw control character in the file; a YAML string can still hold one
        # written as an escape ("\e"), and the plan's text rules then apply.
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        raise InputFileError(
            path, f"YAML cannot hold the character U+{ord(char):04X} written as it is"
        ) from None
    except yaml.YAMLError as exc:
        raise InputFileError(path, f"YAML syntax error: {' '.join(str(exc).split())}") from None
    doc = YamlDoc(path=path, data=None)
    if node is not None:
        doc.data = _convert(node, (), doc, line_offset, 0)
    return doc


def _check_depth(text: str, path: Path, line_offset: int) -> None:
    """Refuse nesting deeper than ``MAX_DEPTH`` before anything recursive sees it.

    Why here: PyYAML's parser walks the text with a loop, but composing the
    node tree recurses once per level, so ``[[[[…]]]]`` 100,000 deep would end
    in a RecursionError (and a 3,000-line traceback) long before ``_convert``
    could count the levels.  Real plans and profiles are a few levels deep.
    """
    depth = 0
    for event in yaml.parse(text, Loader=_NoAliasLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                line = event.start_mark.line + 1 + line_offset if event.start_mark else None
                raise InputFileError(path, f"nested more than {MAX_DEPTH} levels deep", line=line)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def read_yaml(path: Path) -> YamlDoc:
    """Read and parse a YAML file, with one-line errors naming the file."""
    return parse_yaml(read_text(path), path)


def read_text(path: Path, limit: int = MAX_YAML_BYTES) -> str:
    """Read a UTF-8 text file, refusing missing, huge or undecodable files."""
    try:
        if path.stat().st_size > limit:
            raise InputFileError(path, f"file is larger than {limit // 1000} KB")
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputFileError(path, "file not found") from None
    except IsADirectoryError:
        raise InputFileError(path, "is a folder, not a file") from None
    except UnicodeDecodeError as exc:
        raise InputFileError(path, f"not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise InputFileError(path, f"cannot be read ({exc.strerror})") from None


def _convert(node: Node, loc: Loc, doc: YamlDoc, offset: int, depth: int) -> Any:
    if depth > MAX_DEPTH:
        raise InputFileError(doc.path, "nested too deeply", line=node.start_mark.line + 1 + offset)
    doc.lines[loc] = node.start_mark.line + 1 + offset
    if isinstance(node, ScalarNode):
        if node.tag == _NULL_TAG:
            return None
        return str(node.value)
    if isinstance(node, SequenceNode):
        return [
            _convert(item, (*loc, i), doc, offset, depth + 1) for i, item in enumerate(node.value)
        ]
    if isinstance(node, MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1 + offset
            if not isinstance(key_node, ScalarNode):
                raise InputFileError(doc.path, "a key must be plain text", line=line)
            key = str(key_node.value)
            if key in result:
                raise InputFileError(doc.path, f"duplicate key {key!r}", line=line)
            result[key] = _convert(value_node, (*loc, key), doc, offset, depth + 1)
            doc.lines[(*loc, key)] = line
        return result
    raise InputFileError(doc.path, "unsupported YAML node")  # pragma: no cover
