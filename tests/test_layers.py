"""One way through the code: each unit of ``handouts`` imports only units below it.

A unit is a top-level module or package of ``handouts`` (``handouts.render.pdf``
belongs to ``render``, ``handouts.api`` to ``api``, ``handouts/__init__.py`` to
``handouts``).  ``LAYERS`` lists them from the bottom up, the same list as in
docs/architecture.md: a unit may import itself and the units before it, never
one after it, so there are no cycles between units either.  Every import counts:
at module level, inside functions, under ``if TYPE_CHECKING:``, relative or not.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "handouts"

LAYERS = [
    "handouts",
    "errors",
    "resources",
    "cache",
    "readability",
    "models",
    "schema",
    "images",
    "load",
    "compose",
    "render",
    "deliver",
    "workflow",
    "check",
    "api",
    "present",
    "scaffold",
    "desk",
    "cli_delivery",
    "cli_clinic",
    "cli",
]


@dataclass(frozen=True)
class Import:
    """One import of a ``handouts`` module by another."""

    file: Path
    line: int
    source: str  # the importing module, e.g. handouts.render.pdf
    target: str  # the imported module, e.g. handouts.deliver.write


def module_name(path: Path, root: Path) -> str:
    """``root/render/pdf.py`` → ``handouts.render.pdf``; a package's ``__init__`` → the package."""
    parts = [root.name, *path.relative_to(root).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def unit(module: str) -> str:
    """The top-level unit of a ``handouts`` module."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def imports(root: Path) -> Iterator[Import]:
    """Every import of a module of the ``root`` package, anywhere in its files."""
    files = sorted(root.rglob("*.py"))
    known = {module_name(path, root) for path in files}
    for path in files:
        source = module_name(path, root)
        is_package = path.name == "__init__.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if not isinstance(node, ast.Import | ast.ImportFrom):
                continue
            for target in _targets(node, source, is_package, known):
                if target == root.name or target.startswith(root.name + "."):
                    yield Import(path, node.lineno, source, target)


def _targets(
    node: ast.Import | ast.ImportFrom, source: str, is_package: bool, known: set[str]
) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level:
        package = source.split(".")
        if not is_package:
            package = package[:-1]
        base = package[: len(package) - node.level + 1]
        module = ".".join([*base, node.module] if node.module else base)
    else:
        module = node.module or ""
    # ``from handouts import api`` imports the module handouts.api, not the root.
    submodules = [f"{module}.{alias.name}" for alias in node.names]
    return [name if name in known else module for name in submodules]


def layer_violations(root: Path, layers: list[str]) -> list[str]:
    """``file:line: a -> b`` for each import of a later unit, or of a unit not in ``layers``."""
    rank = {name: i for i, name in enumerate(layers)}
    problems: set[tuple[Path, int, str]] = set()
    for found in imports(root):
        a, b = unit(found.source), unit(found.target)
        where = f"{found.file.relative_to(root.parent)}:{found.line}: {a} -> {b}"
        if a not in rank or b not in rank:
            missing = a if a not in rank else b
            why = f"{missing!r} is not in the layer list"
        elif rank[b] > rank[a]:
            why = f"{found.source} imports {found.target}"
        else:
            continue
        problems.add((found.file, found.line, f"{where} ({why})"))
    return [message for _, _, message in sorted(problems)]


def unit_cycles(root: Path) -> list[list[str]]:
    """The groups of units that import each other, directly or in a ring (largest first)."""
    graph: dict[str, set[str]] = {}
    for found in imports(root):
        a, b = unit(found.source), unit(found.target)
        graph.setdefault(a, set())
        graph.setdefault(b, set())
        if a != b:
            graph[a].add(b)

    def reachable(start: str) -> set[str]:
        seen: set[str] = set()
        todo = [start]
        while todo:
            for nxt in graph[todo.pop()] - seen:
                seen.add(nxt)
                todo.append(nxt)
        return seen

    reach = {name: reachable(name) for name in graph}
    groups = {
        frozenset({a} | {b for b in reach[a] if a in reach[b]}) for a in graph if a in reach[a]
    }
    return sorted((sorted(g) for g in groups), key=lambda g: (-len(g), g))


def test_each_unit_imports_only_the_units_below_it() -> None:
    problems = layer_violations(PACKAGE, LAYERS)
    assert not problems, "imports against the layer order:\n" + "\n".join(problems)


def test_no_units_import_each_other() -> None:
    cycles = unit_cycles(PACKAGE)
    assert not cycles, "units in an import cycle:\n" + "\n".join(" <-> ".join(c) for c in cycles)


def test_every_unit_is_in_the_layer_list() -> None:
    units = {module_name(p, PACKAGE).split(".")[1] for p in PACKAGE.iterdir() if _is_module(p)}
    assert units - set(LAYERS) == set()


def test_the_architecture_doc_lists_the_same_layers() -> None:
    doc = (PACKAGE.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    listed = [line.split("`")[1] for line in doc.splitlines() if line[:1].isdigit() and "`" in line]
    assert listed == LAYERS


def test_markdown_is_parsed_in_load_only() -> None:
    """Only ``load`` imports the Markdown parser; the rest get ``Rich`` text from it."""
    outside = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            in_load = path.relative_to(PACKAGE).parts[0] == "load"
            if not in_load and any(n.split(".")[0] == "markdown_it" for n in names):
                outside.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}")
    assert outside == []


def _is_module(path: Path) -> bool:
    if path.is_dir():
        return (path / "__init__.py").is_file()
    return path.suffix == ".py" and path.name != "__init__.py"


# The checker itself: it must catch what it is there to catch.


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "handouts"
    for name, text in {"__init__.py": "", **files}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_the_checker_reports_a_backward_import(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            "render/__init__.py": "",
            "render/pdf.py": (
                "from handouts.compose import text\n"
                "\n"
                "def render():\n"
                "    from handouts.deliver.write import write_atomically\n"
            ),
            "deliver/__init__.py": "",
            "deliver/write.py": "from handouts.render import pdf\n",
            "compose/__init__.py": "",
            "compose/text.py": "",
        },
    )
    assert layer_violations(root, ["handouts", "compose", "render", "deliver"]) == [
        "handouts/render/pdf.py:4: render -> deliver"
        " (handouts.render.pdf imports handouts.deliver.write)"
    ]
    assert unit_cycles(root) == [["deliver", "render"]]


def test_the_checker_sees_every_kind_of_import(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            "errors.py": "import handouts.api\n",
            "models/__init__.py": "from . import plan\nfrom ..cli import main\n",
            "models/plan.py": (
                "from typing import TYPE_CHECKING\n"
                "if TYPE_CHECKING:\n"
                "    from handouts.compose.handout import Handout\n"
                "from .. import api\n"
                "from .clinic import Clinic\n"
            ),
            "models/clinic.py": "from handouts import __version__\nfrom handouts.errors import E\n",
            "compose/__init__.py": "",
            "compose/handout.py": "from handouts.models import plan\n",
            "api.py": "from handouts import cli\n",
            "cli.py": "from handouts import api, mystery\n",
            "mystery.py": "",
        },
    )
    layers = ["handouts", "errors", "models", "compose", "api", "cli"]
    assert layer_violations(root, layers) == [
        "handouts/api.py:1: api -> cli (handouts.api imports handouts.cli)",
        "handouts/cli.py:1: cli -> mystery ('mystery' is not in the layer list)",
        "handouts/errors.py:1: errors -> api (handouts.errors imports handouts.api)",
        "handouts/models/__init__.py:2: models -> cli (handouts.models imports handouts.cli)",
        "handouts/models/plan.py:3: models -> compose"
        " (handouts.models.plan imports handouts.compose.handout)",
        "handouts/models/plan.py:4: models -> api (handouts.models.plan imports handouts.api)",
    ]
    assert unit_cycles(root) == [["api", "cli"], ["compose", "models"]]
