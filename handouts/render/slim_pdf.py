"""Drop the entries ReportLab writes that every PDF reader assumes anyway.

Why: a handout draws some twenty form XObjects (the page furniture, the logo,
each page's "Page N of M", one per illustration).  A form's dictionary cannot go
into a compressed object stream, and ReportLab gives each one an identity
``/Matrix``, ``/FormType 1`` and a ``/ProcSet`` list in its resources: about
80 bytes a form, 1.6 kB of the demo handout.  All three have defaults (ISO
32000-1, 8.10.2: Matrix defaults to the identity, FormType is optional;
14.2: procedure sets are obsolete and ignored from PDF 1.4), so removing them
changes nothing a reader shows.
"""

from __future__ import annotations

import pikepdf
from pikepdf import Name

_IDENTITY = (1, 0, 0, 1, 0, 0)


def slim(pdf: pikepdf.Pdf) -> None:
    """Remove default and obsolete entries from the pages' and forms' dictionaries."""
    seen: set[tuple[int, int]] = set()
    holders: list[pikepdf.Object] = [page.obj for page in pdf.pages]
    while holders:
        holder = holders.pop()
        resources = holder.get(Name.Resources)
        if not isinstance(resources, pikepdf.Dictionary):
            continue
        if Name.ProcSet in resources:
            del resources[Name.ProcSet]
        xobjects = resources.get(Name.XObject)
        if not isinstance(xobjects, pikepdf.Dictionary):
            continue
        for xobject in xobjects.values():
            if (
                not isinstance(xobject, pikepdf.Stream)
                or xobject.get(Name.Subtype) != Name.Form
                or xobject.objgen in seen
            ):
                continue
            seen.add(xobject.objgen)
            if _is_identity(xobject.get(Name.Matrix)):
                del xobject[Name.Matrix]
            if xobject.get(Name.FormType) == 1:
                del xobject[Name.FormType]
            holders.append(xobject)


def _is_identity(matrix: object) -> bool:
    if not isinstance(matrix, pikepdf.Array) or len(matrix) != len(_IDENTITY):
        return False
    return all(float(value) == expected for value, expected in zip(matrix, _IDENTITY, strict=True))
