"""Every pose, collected from the modules in ``tools/illustrations/poses/``.

Why a folder of modules: helpers adding pictures for a body area each add one module
(``poses/knee.py`` exporting ``POSES: dict[str, Pose]``) without touching anyone
else's file; the collector finds them all and refuses an id defined twice.
"""

from __future__ import annotations

import importlib
import pkgutil

from tools.illustrations import poses as poses_package
from tools.illustrations.pose import Pose


def all_poses() -> dict[str, Pose]:
    """Exercise id → Pose from every ``poses/*.py`` module, sorted by id."""
    found: dict[str, Pose] = {}
    owner: dict[str, str] = {}
    for info in sorted(pkgutil.iter_modules(poses_package.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{poses_package.__name__}.{info.name}")
        table = getattr(module, "POSES", None)
        if not isinstance(table, dict):
            raise TypeError(f"poses/{info.name}.py must define POSES: dict[str, Pose]")
        for exercise_id, pose in table.items():
            if not isinstance(pose, Pose):
                raise TypeError(f"poses/{info.name}.py: {exercise_id} is not a Pose")
            if exercise_id in found:
                raise ValueError(
                    f"{exercise_id} is posed twice: poses/{owner[exercise_id]}.py "
                    f"and poses/{info.name}.py"
                )
            found[exercise_id] = pose
            owner[exercise_id] = info.name
    return dict(sorted(found.items()))
