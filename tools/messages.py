"""Keep the translation catalogues in step with the templates.

    python -m tools.messages          # write handouts/locale/handouts.pot, update every .po
    python -m tools.messages --check  # exit 1 if the .pot is stale (as the tests do)

The message ids are the English text of ``templates/*.j2`` (Babel's Jinja
extractor, reading ``_()``, ``ngettext``, ``pgettext`` and ``{% trans %}``), the
labels of ``labels.j2`` (their names as contexts), the counts of the number filters
in ``handouts/compose/wording.py``, and the equipment words of the bundled library's
exercises (context "equipment"), which print on every card.  Updating a ``.po``
keeps its translations, adds new ids empty and marks changed ones fuzzy, so a
translator sees what to do.

To add a language: copy ``es/LC_MESSAGES/handouts.po`` to ``<code>/LC_MESSAGES/``,
set its ``Language`` and ``Plural-Forms`` headers, and translate every ``msgstr``.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, BinaryIO

import yaml
from babel.messages.catalog import Catalog
from babel.messages.extract import extract, extract_from_dir
from babel.messages.pofile import read_po, write_po

from handouts import resources
from handouts.compose.translations import DOMAIN, locale_dir
from handouts.compose.wording import environment

EQUIPMENT = "equipment"  # the context of an equipment word (Wording.equipment)
_REPOSITORY = Path(__file__).resolve().parent.parent
_PYTHON_SOURCES = ("handouts/compose/wording.py",)


def _equipment_words(exercises: Path) -> Iterable[tuple[str, str]]:
    """(file name, word) for each equipment word of the bundled exercises."""
    for path in sorted(exercises.glob("*.md")):
        _, front, _ = path.read_text(encoding="utf-8").split("---", 2)
        for word in yaml.safe_load(front).get("equipment") or []:
            yield path.name, str(word)


def _labels() -> Iterable[tuple[str, str, int]]:
    """(name, English text, line) for each label set in the built-in labels.j2."""
    source = (resources.templates_dir() / "labels.j2").read_text(encoding="utf-8")
    module = environment(None).get_template("labels.j2").module
    for lineno, line in enumerate(source.splitlines(), start=1):
        found = re.match(r"\{%\s*set\s+(\w+)\s*=", line)
        if found:
            yield found[1], str(getattr(module, found[1])), lineno


def extract_python_file(code: BinaryIO) -> Iterable[tuple[int, Any, list[str], str | None]]:
    """The literal gettext calls of one Python file (Babel's own Python extractor)."""
    return extract("python", code)


def extract_catalogue() -> Catalog:
    """Every message id of the templates and the bundled equipment words."""
    catalogue = Catalog(project="handouts", domain=DOMAIN, charset="utf-8")
    templates = resources.templates_dir()
    found = extract_from_dir(
        str(templates),
        method_map=[("**.j2", "jinja2.ext:babel_extract")],
        options_map={"**.j2": {"extensions": "jinja2.ext.i18n"}},
    )
    for filename, lineno, message, comments, context in found:
        catalogue.add(
            message,
            locations=[(f"templates/{filename}", lineno)],
            auto_comments=comments,
            context=context,
        )
    # labels.j2 stays plain text for clinics to copy; Wording.label translates each
    # label with its name as the context.
    for name, text, lineno in _labels():
        catalogue.add(text, locations=[("templates/labels.j2", lineno)], context=name)
    # The number filters (times, duration …) word their counts in Python.
    for source in _PYTHON_SOURCES:
        with (_REPOSITORY / source).open("rb") as code:
            for lineno, message, comments, context in extract_python_file(code):
                catalogue.add(
                    message, locations=[(source, lineno)], auto_comments=comments, context=context
                )
    for filename, word in _equipment_words(resources.library_dir() / "exercises"):
        catalogue.add(word, locations=[(f"library/exercises/{filename}", 0)], context=EQUIPMENT)
    return catalogue


def pot_path() -> Path:
    """The template catalogue every language's ``.po`` is updated from."""
    return locale_dir() / f"{DOMAIN}.pot"


def message_ids(catalogue: Catalog) -> set[tuple[object, str | None]]:
    """The (id, context) pairs of a catalogue, without its header."""
    return {(m.id if isinstance(m.id, str) else tuple(m.id), m.context) for m in catalogue if m.id}


def write(catalogue: Catalog, path: Path) -> None:
    """Write ``catalogue`` as a .po/.pot file, wrapped as Babel wraps it."""
    with path.open("wb") as out:
        write_po(out, catalogue, width=100, omit_header=False, include_previous=True)


def update_all() -> list[Path]:
    """Write the .pot and bring every language's .po in step with it."""
    template = extract_catalogue()
    write(template, pot_path())
    updated = []
    for po in sorted(locale_dir().glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        with po.open("rb") as source:
            catalogue = read_po(source)
        catalogue.update(template, update_header_comment=False)
        catalogue.obsolete.clear()  # a removed message is gone, not kept as a comment
        write(catalogue, po)
        updated.append(po)
    return updated


def main(argv: list[str] | None = None) -> int:
    """``python -m tools.messages [--check]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="only report a stale .pot")
    args = parser.parse_args(argv)
    if args.check:
        with pot_path().open("rb") as source:
            stale = message_ids(read_po(source)) != message_ids(extract_catalogue())
        print(f"{pot_path()}: {'stale, run python -m tools.messages' if stale else 'fresh'}")
        return 1 if stale else 0
    for path in [pot_path(), *update_all()]:
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
