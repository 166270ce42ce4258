"""Safe, strict YAML reading that remembers where every value came from.

Why not ``yaml.safe_load``: it turns a patient called ``No`` into ``False`` and a
reference ``0012`` into ``12``, silently keeps the last of two duplicate keys,
expands alias bombs, and forgets line numbers.  Here every scalar stays a string
(pydantic converts the fields that really are numbers or dates), duplicate keys,
aliases, anchors and local tags are errors, each value's line is kept for error
messages, and a syntax error is told in plain words with its fix (``yaml_errors``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from handouts.errors import InputFileError, Loc
from handouts.load import yaml_errors

MAX_YAML_BYTES = 1_000_000  # a plan or profile is a few KB; anything huge is a mistake or an attack
MAX_DEPTH = 20

_NULL_TAG = "tag:yaml.org,2002:null"
_STANDARD_TAG = "tag:yaml.org,2002:"
_COMMENT_AS_VALUE = re.compile(r"[ \t]*:[ \t]+#\S")


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


def parse_yaml(text: str, path: Path, *, line_offset: int = 0) -> YamlDoc:
    """Parse YAML ``text`` (read from ``path``) into strings, lists and dicts."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_YAML_BYTES:
        raise InputFileError(path, f"file is larger than {MAX_YAML_BYTES // 1000} KB")
    try:
        _check_events(text, path, line_offset)
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        fault = yaml_errors.explain(exc, text, line_offset)
        raise InputFileError(path, fault.message, line=fault.line) from None
    except yaml.reader.ReaderError as exc:
        # A raw control character in the file; a YAML string can still hold one
        # written as an escape ("\e"), and the plan's text rules then apply.
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        raise InputFileError(
            path, f"YAML cannot hold the character U+{ord(char):04X} written as it is"
        ) from None
    except yaml.YAMLError as exc:
        # No line to point at, and str(exc) may quote the file: name the kind only.
        raise InputFileError(path, f"not valid YAML ({type(exc).__name__})") from None
    doc = YamlDoc(path=path, data=None)
    if node is not None:
        doc.data = _Converter(doc, text, line_offset).convert(node, (), 0)
    return doc


def _check_events(text: str, path: Path, line_offset: int) -> None:
    """Refuse deep nesting, aliases, anchors and local tags before anything recursive sees them.

    Why nesting here: PyYAML's parser walks the text with a loop, but composing
    the node tree recurses once per level, so ``[[[[…]]]]`` 100,000 deep would
    end in a RecursionError (and a 3,000-line traceback) long before the
    converter could count the levels.  Real plans and profiles are a few levels
    deep.  Why aliases: refusing the first one stops an alias bomb.  Why anchors
    and tags: a plan never needs them, and a value typed as ``&Jane`` or
    ``!important`` would otherwise silently become empty.
    """
    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        refused = _refused(event)
        if refused:
            mark = cast("yaml.error.Mark", event.start_mark)  # the pure-Python parser's mark
            raise yaml.composer.ComposerError(None, None, refused, mark)
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                line = event.start_mark.line + 1 + line_offset if event.start_mark else None
                raise InputFileError(path, f"nested more than {MAX_DEPTH} levels deep", line=line)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _refused(event: yaml.Event) -> str | None:
    """Why ``event`` is refused (an alias, an anchor or a local tag), or None."""
    if isinstance(event, yaml.AliasEvent):
        return yaml_errors.ALIAS
    if not isinstance(event, yaml.NodeEvent):
        return None
    if event.anchor is not None:
        return yaml_errors.ANCHOR
    tag = getattr(event, "tag", None)
    if tag and not tag.startswith(_STANDARD_TAG):
        return yaml_errors.TAG
    return None


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


class _Converter:
    """Nodes to plain data, recording each value's line and refusing what YAML would hide."""

    def __init__(self, doc: YamlDoc, text: str, offset: int) -> None:
        self.doc = doc
        self.lines = yaml_errors.lines_of(text)
        self.offset = offset

    def line(self, node: Node) -> int:
        return int(node.start_mark.line) + 1 + self.offset

    def fail(self, message: str, line: int) -> InputFileError:
        return InputFileError(self.doc.path, message, line=line)

    def convert(self, node: Node, loc: Loc, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise self.fail("nested too deeply", self.line(node))
        self.doc.lines[loc] = self.line(node)
        if isinstance(node, ScalarNode):
            if node.tag == _NULL_TAG:
                return None
            return str(node.value)
        if isinstance(node, SequenceNode):
            return [self.convert(item, (*loc, i), depth + 1) for i, item in enumerate(node.value)]
        if isinstance(node, MappingNode):
            return self.mapping(node, loc, depth)
        raise self.fail("unsupported YAML node", self.line(node))  # pragma: no cover

    def mapping(self, node: MappingNode, loc: Loc, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = self.line(key_node)
            if not isinstance(key_node, ScalarNode):
                raise self.fail(yaml_errors.key_not_text(line), line)
            key = str(key_node.value)
            if key in result:
                raise self.fail(yaml_errors.duplicate_key(key, line, first_line[key]), line)
            self._refuse_comment_as_value(key_node, value_node)
            result[key] = self.convert(value_node, (*loc, key), depth + 1)
            first_line[key] = line
            self.doc.lines[(*loc, key)] = line
        return result

    def _refuse_comment_as_value(self, key_node: ScalarNode, value_node: Node) -> None:
        """``notes: #1 priority`` is a key with no value and a comment: say so, not nothing.

        Only a '#' right after ``key: `` and touching the next character counts:
        ``key:  # a comment`` is how people write comments, and stays allowed.
        """
        if not (isinstance(value_node, ScalarNode) and value_node.tag == _NULL_TAG):
            return
        if value_node.value or value_node.style is not None:
            return  # an explicit null such as "~" or "null"
        end = key_node.end_mark
        rest = self.lines[end.line][end.column :] if end.line < len(self.lines) else ""
        if _COMMENT_AS_VALUE.match(rest):
            line = self.line(key_node)
            raise self.fail(yaml_errors.comment_value(str(key_node.value), line), line)
