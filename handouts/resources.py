"""Where the bundled templates and assets live, from a wheel or from a checkout.

Why: the repository keeps ``templates/`` and ``assets/`` at its top level so that
clinics can browse them, while a built wheel carries them inside the package as
``handouts/_data/`` (see ``force-include`` in pyproject.toml).  Every lookup of a
bundled file goes through this module so the two layouts behave the same.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def data_root() -> Path:
    """The folder holding ``templates/`` and ``assets/``.

    An installed wheel has them in ``handouts/_data``; an editable install or a
    plain checkout has them next to the package, at the repository root.
    """
    bundled = _PACKAGE_DIR / "_data"
    if (bundled / "assets").is_dir():
        return bundled
    return _PACKAGE_DIR.parent


def templates_dir() -> Path:
    """The built-in Jinja2 templates."""
    return data_root() / "templates"


def assets_dir() -> Path:
    """The bundled assets: sample library, example clinic, fonts."""
    return data_root() / "assets"


def library_dir() -> Path:
    """The bundled sample content library."""
    return assets_dir() / "library"


def fonts_dir() -> Path:
    """The bundled fonts (Handout Sans, a slimmed DejaVu Sans, with its licence)."""
    return assets_dir() / "fonts"


def example_clinic() -> Path:
    """The example clinic profile used when a plan names none."""
    return assets_dir() / "clinic" / "clinic.yaml"


def demo_plan() -> Path:
    """The example plan that ``handouts demo`` renders."""
    return assets_dir() / "demo-plan.yaml"


def scaffold_dir() -> Path:
    """The starter clinic folder that ``handouts init`` copies."""
    return assets_dir() / "scaffold"
