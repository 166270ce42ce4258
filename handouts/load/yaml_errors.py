"""YAML syntax errors in plain words: which line, what is wrong, and the fix.

Why: PyYAML reports a tab as "found character '\\t' that cannot start any
token" and a note holding ': ' as "mapping values are not allowed here".  A
clinician editing a plan by hand needs the line and what to type instead.

A message quotes only YAML syntax (a quote, a bracket, a '-'), key names that
look like key names, and fixed examples; never the text of the line itself,
which may be a patient's name or notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from handouts.errors import key_label

# Custom problems our own loader raises for YAML features a plan never needs.
ALIAS = "aliases (*name) are not allowed"
ANCHOR = "anchors (&name) are not allowed"
TAG = "tags (!name) are not allowed"

_BREAK = re.compile(r"\r\n|[\n\r\x85\u2028\u2029]")  # the line breaks YAML counts
_KEY = re.compile(r"[ ]*(?:-[ ]+)*([A-Za-z_][A-Za-z0-9_-]{0,39})[ ]*:(?:[ \t]|$)")
_LEAD = re.compile(r"[ ]*(?:-[ ]+)*")
_VALUE_AFTER_KEY = re.compile(r":[ \t]")
_NOT_A_TOKEN = re.compile(r"found character '(.+?)' that cannot start any token")
_BLOCK_END = re.compile(r"expected <block end>, but found '?(.+?)'?$")
_QUOTED = re.compile(r"'([^']*)'")
_FLOW_END = re.compile(r"expected ',' or '([\]}])', but got '?(.+?)'?$")


@dataclass(frozen=True)
class Fault:
    """A YAML syntax error: the (file) line to show and the message in plain words."""

    line: int | None
    message: str


def explain(exc: yaml.MarkedYAMLError, text: str, line_offset: int = 0) -> Fault:
    """``exc`` (raised while parsing ``text``) as a plain message with the fix.

    ``line_offset``: how many lines of the file come before ``text`` (front
    matter starts after its ``---`` line), so "line N" is the file's line.
    """
    return _Explainer(exc, _Source(text), line_offset).fault()


def lines_of(text: str) -> list[str]:
    """``text`` split where YAML counts a new line (so a mark's line indexes it)."""
    return _BREAK.split(text)


def comment_value(key: str, line: int) -> str:
    """``key: #1 priority`` leaves the value empty: YAML reads the rest as a comment."""
    name = key if key_label(key) == key else "notes"
    return (
        f"line {line}: '#' after '{name}:' starts a comment, so the value is left empty; "
        f"to write a value starting with '#', put it in quotes, like {name}: \"#1 …\""
    )


def duplicate_key(key: str, line: int, first: int) -> str:
    """The same key twice in one block: YAML would silently keep only the last."""
    return (
        f"line {line}: {key_label(key)} appears twice in the same block "
        f"(also on line {first}): keep one"
    )


def key_not_text(line: int) -> str:
    """A list or mapping used as a key (``[a]: b``)."""
    return f"line {line}: a key must be a plain word, not a list or a mapping"


class _Source:
    """The lines of the parsed text, and what a line's layout says (never its words)."""

    def __init__(self, text: str) -> None:
        self.lines = lines_of(text)

    def line(self, row: int) -> str:
        return self.lines[row] if 0 <= row < len(self.lines) else ""

    def key(self, row: int) -> str | None:
        """The key at the start of line ``row``, if it looks like a key name."""
        found = _KEY.match(self.line(row))
        return found.group(1) if found else None

    def indent(self, row: int) -> int:
        line = self.line(row)
        return len(line) - len(line.lstrip(" "))

    def content_column(self, row: int) -> int:
        """Where a line's key or value starts, after its indentation and any ``- ``."""
        found = _LEAD.match(self.line(row))
        return found.end() if found else 0

    def previous(self, row: int) -> int | None:
        """The nearest line above ``row`` that holds more than a comment."""
        for above in range(min(row, len(self.lines)) - 1, -1, -1):
            stripped = self.line(above).strip()
            if stripped and not stripped.startswith("#"):
                return above
        return None

    def char(self, mark: yaml.Mark | None) -> str:
        return self.line(mark.line)[mark.column : mark.column + 1] if mark else ""


class _Explainer:
    def __init__(self, exc: yaml.MarkedYAMLError, src: _Source, offset: int) -> None:
        self.exc = exc
        self.src = src
        self.offset = offset
        self.problem = exc.problem or ""
        self.context = exc.context or ""
        self.mark = exc.problem_mark or exc.context_mark
        self.row = self.mark.line if self.mark else -1

    def n(self, row: int) -> int:
        """The file's line number of ``row`` (0-based in the text)."""
        return row + 1 + self.offset

    def at(self, row: int, message: str) -> Fault:
        return Fault(self.n(row), message)

    def fault(self) -> Fault:
        for rule in (
            self._tab,
            self._cannot_start,
            self._own_refusals,
            self._colon_in_value,
            self._unclosed_quote,
            self._block_end,
            self._flow_end,
            self._other,
        ):
            found = rule()
            if found is not None:
                return found
        return self._generic()

    # -- one method per kind of mistake --------------------------------------

    def _tab(self) -> Fault | None:
        if not self.problem.startswith("found character '\\t'"):
            return None
        before = self.src.line(self.row)[: self.mark.column if self.mark else 0]
        if not before.strip():
            line = self.n(self.row)
            return self.at(self.row, f"line {line} starts with a tab: indent with spaces")
        key = self.src.key(self.row)
        where = f" after '{key}:'" if key and before.rstrip().endswith(":") else ""
        return self.at(
            self.row, f"line {self.n(self.row)} has a tab{where}: use spaces instead of tabs"
        )

    def _cannot_start(self) -> Fault | None:
        found = _NOT_A_TOKEN.match(self.problem)
        char = found.group(1) if found else ""
        if "while scanning an alias" in self.context:
            char = "*"
        elif "while scanning an anchor" in self.context:
            char = "&"
        elif "while scanning a directive" in self.context:
            char = "%"
        elif self.problem == "mapping keys are not allowed here":
            char = "?"
        elif self.problem == "sequence entries are not allowed here":
            char = "-"
        elif self.problem.endswith("found ','") and "block" in self.context:
            char = ","
        elif self.problem.startswith("found undefined tag handle"):
            char = "!"
        elif "while scanning a block scalar" in self.context:
            char = self.src.char(self.exc.context_mark) or "|"
        if not char:
            return None
        return self._starts_with(char)

    def _own_refusals(self) -> Fault | None:
        char = {ALIAS: "*", ANCHOR: "&", TAG: "!"}.get(self.problem)
        return self._starts_with(char) if char else None

    def _starts_with(self, char: str) -> Fault:
        # A directive, alias or anchor is reported where it ends; its start is the context.
        scanning = "while scanning a" in self.context and self.exc.context_mark is not None
        mark = self.exc.context_mark if scanning else self.mark
        line = self.n(self.row)
        if char.startswith("\\"):  # an escaped control character PyYAML names in words
            return self.at(self.row, f"line {line} holds a character YAML cannot read here")
        key = self.src.key(self.row)
        if key is None and not self.src.line(self.row)[: mark.column if mark else 0].strip():
            return self.at(
                self.row,
                f"line {line} starts with '{char}', which has a special meaning in YAML: "
                "put the text in quotes",
            )
        return self.at(
            self.row,
            f"line {line}: a value cannot start with '{char}' in YAML: put the value in quotes, "
            f'like {key or "notes"}: "{char}…"',
        )

    def _colon_in_value(self) -> Fault | None:
        if self.problem != "mapping values are not allowed here" or self.mark is None:
            return None
        row = self.row
        before = self.src.line(row)[: self.mark.column]
        if _VALUE_AFTER_KEY.search(before):
            key = self.src.key(row) or "notes"
            return self.at(
                row,
                f"line {self.n(row)}: a value containing ': ' must be in quotes, "
                f'like {key}: "Remember: ice after"',
            )
        above = self.src.previous(row)
        if above is None:
            return None
        if ":" not in self.src.line(above):
            if self.src.line(above).lstrip().startswith("- "):
                return self.at(
                    row,
                    f"line {self.n(row)} is indented under the list item on line "
                    f"{self.n(above)}, which holds a single value, not keys: to give an item "
                    "keys, write it as key: value pairs, like - id: step-ups with sets: 3 "
                    "lined up under id",
                )
            return self._needs_colon(above)
        if self.src.indent(row) > self.src.content_column(above):
            name = self.src.key(row)
            what = f"'{name}:'" if name else "its key"
            return self.at(
                row,
                f"line {self.n(row)} is indented more than line {self.n(above)}, so it reads as "
                f"more of the value above: line up {what} with the keys it belongs with, or, if "
                "it continues a text, put the whole text in quotes",
            )
        return None

    def _unclosed_quote(self) -> Fault | None:
        scanning = self.context.startswith("while scanning a") and "quoted scalar" in self.context
        if not scanning:
            return None
        opener = self.exc.context_mark
        if "escape" in self.problem:
            return self.at(
                self.row,
                f"line {self.n(self.row)}: inside double quotes a '\\' starts an escape: "
                "write '\\\\' for a backslash, or put the value in single quotes",
            )
        if opener is None:
            return None
        quote = self.src.char(opener) or '"'
        return self.at(
            opener.line,
            f"line {self.n(opener.line)}: the quote ({quote}) that starts a value is never "
            f"closed: end the value with {quote} on the same line",
        )

    def _block_end(self) -> Fault | None:
        found = _BLOCK_END.match(self.problem)
        if found is None or self.mark is None:
            return None
        token, row = found.group(1), self.row
        line = self.n(row)
        if token == "<scalar>":
            last = self.src.line(row)[: self.mark.column].rstrip()[-1:]
            if last in {'"', "'"}:
                return self._after_quote(last)
            if last in {"]", "}"}:
                kind = "list" if last == "]" else "mapping"
                opener = "[" if last == "]" else "{"
                return self.at(
                    row,
                    f"line {line}: a value that starts with '{opener}' is read as a {kind}: "
                    f'put the whole value in quotes, like notes: "{opener}…{last} …"',
                )
        if token in {"<scalar>", "<block mapping start>", "<block sequence start>"}:
            return self._misaligned(row)
        if token == "-":
            return self.at(
                row,
                f"line {line} starts a list item ('- ') among keys (key: value): a block holds "
                "either keys or '- ' items, not both; indent the list under its own key, or "
                "remove the stray '-'",
            )
        if token == "?":
            key = self.src.key(row)
            what = f"'{key}:'" if key else "a key"
            return self.at(
                row,
                f"line {line}: {what} is lined up with the '- ' items of a list: a block holds "
                "either '- ' items or keys, not both; to give an item more keys, line them up "
                "under the item's first key (two spaces after the '-')",
            )
        if token in {"]", "}"}:
            opener = "[" if token == "]" else "{"
            return self.at(
                row,
                f"line {line}: a '{token}' with no '{opener}' before it: remove it, "
                "or put the value in quotes",
            )
        if token == ":":
            return self.at(row, f"line {line}: a ':' with no key before it")
        return None

    def _after_quote(self, quote: str) -> Fault:
        row = self.row
        before = self.src.line(row)[: self.mark.column if self.mark else 0].rstrip()[:-1]
        if before.count(quote) % 2 == 0:  # the closing quote has no opening one on this line
            above = next(
                (r for r in range(row - 1, -1, -1) if self.src.line(r).count(quote) % 2),
                None,
            )
            if above is not None:
                return self.at(
                    above,
                    f"line {self.n(above)}: the quote ({quote}) that starts a value is not "
                    f"closed on the same line: end the value with {quote} on line "
                    f"{self.n(above)}",
                )
        if quote == "'":
            fix = (
                "to write ' inside '…', type it twice ('Don''t'), "
                'or put the whole value in double quotes ("Don\'t")'
            )
        else:
            fix = 'put the whole value inside the quotes; to write " inside it, type \\"'
        return self.at(row, f"line {self.n(row)}: text follows a closing quote ({quote}): {fix}")

    def _misaligned(self, row: int) -> Fault:
        above = self.src.previous(row)
        here = self.src.indent(row)
        if above is not None:
            starts_item = self.src.line(row).lstrip(" ").startswith("-")
            there = self.src.indent(above) if starts_item else self.src.content_column(above)
            if here != there:
                return self.at(
                    row,
                    f"line {self.n(row)} is indented by {_spaces(here)} and line "
                    f"{self.n(above)} by {_spaces(there)}: lines that belong together must "
                    "start in the same column (indent with spaces)",
                )
        return self.at(
            row,
            f"line {self.n(row)} does not line up with the lines above it: lines that belong "
            "together must start in the same column (indent with spaces)",
        )

    def _flow_end(self) -> Fault | None:
        found = _FLOW_END.match(self.problem)
        opener_mark = self.exc.context_mark
        if found is None or opener_mark is None:
            return None
        closer = found.group(1)
        opener, kind = ("[", "list") if closer == "]" else ("{", "mapping")
        line = self.n(opener_mark.line)
        if self.mark is None or self.mark.line != opener_mark.line:
            return Fault(
                line,
                f"line {line}: the {kind} opened with '{opener}' is never closed: "
                f"end it with '{closer}' on the same line",
            )
        return Fault(
            line,
            f"line {line}: the {kind} in {opener} {closer} is not written right: separate its "
            f"items with commas, end it with '{closer}', and put any item containing ':' "
            "in quotes",
        )

    def _other(self) -> Fault | None:
        row, line = self.row, self.n(self.row)
        if self.problem.startswith("expected the node content, but found ','"):
            return self.at(row, f"line {line}: an empty item (two commas in a row): remove a ','")
        if self.problem == "could not find expected ':'" and self.exc.context_mark:
            return self._needs_colon(self.exc.context_mark.line)
        if "another document" in self.problem:
            return self.at(
                row,
                f"line {line}: '---' starts a second document here; the file must hold one: "
                "remove the '---' line",
            )
        if "<document start>" in self.problem:
            return self.at(
                row,
                f"line {line} comes after the file's one value has ended (a [ ], {{ }} or "
                "quoted value at the top level): write the file as key: value lines",
            )
        if "unexpected end of stream" in self.problem:
            return self.at(row, f"line {line}: the file ends in the middle of a value")
        return None

    def _needs_colon(self, row: int) -> Fault:
        """Line ``row`` reads as a key with no ':' (or a line where a key was expected)."""
        line = self.n(row)
        if re.match(r"[ ]*-[^ \t\r\n-]", self.src.line(row)):
            return self.at(
                row, f"line {line}: a list item needs a space after its '-' (like - step-ups)"
            )
        above = self.src.previous(row)
        indicator = re.search(r":[ ]+([|>])[+-]?[0-9]?[ ]*$", self.src.line(above or 0))
        if above is not None and indicator:
            return self.at(
                row,
                f"line {line}: the text of the '{indicator.group(1)}' value on line "
                f"{self.n(above)} must be indented under its key (by two more spaces)",
            )
        return self.at(row, f"line {line} needs a ':' after its key (like name: or exercises:)")

    def _generic(self) -> Fault:
        # The parser's own words, as a hint; a quoted piece of the file may be patient text.
        words = _QUOTED.sub(_unquoted, " ".join(self.problem.split())) or "invalid YAML"
        if self.mark is None:
            return Fault(None, f"not valid YAML ({words})")
        return self.at(
            self.row,
            f"line {self.n(self.row)} is not valid YAML ({words}): check its indentation, "
            "colons and quotes, and those of the line above",
        )


def _unquoted(found: re.Match[str]) -> str:
    """A quoted piece of a parser message: kept if it is YAML syntax, else left out."""
    piece = found.group(1)
    return found.group(0) if len(piece) <= 2 or piece.startswith("<") else "'…'"


def _spaces(count: int) -> str:
    return "1 space" if count == 1 else f"{count} spaces"
