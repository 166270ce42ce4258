"""``handouts check``: every problem in a clinic folder, reported at once.

Why a separate stage rather than "load and see": loading stops at the first
problem, which suits ``make`` (no half-right handout), but a clinic fixing its
library wants the whole list in one go.  The checks reuse the loaders file by
file and collect what each one raises, so ``check`` and ``make`` can never
disagree about what is wrong.
"""

from handouts.check.findings import Finding, Severity
from handouts.check.folder import check_folder

__all__ = ["Finding", "Severity", "check_folder"]
