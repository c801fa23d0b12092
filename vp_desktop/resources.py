"""Where the app's read-only data files live (fonts, schemas, examples).

From a source checkout or an editable install, ``resources/`` sits at the top of the
repository, next to the ``vp_desktop`` package. Inside a PyInstaller bundle the files are
unpacked below ``sys._MEIPASS``; the spec must add them as data under ``resources/``
(e.g. ``--add-data resources:resources``).
"""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """The folder holding ``fonts/``, ``schemas/`` and the other shipped data files."""
    bundle_root = getattr(sys, "_MEIPASS", None)
    if bundle_root:
        return Path(bundle_root) / "resources"
    # vp_desktop/resources.py -> parents[0] is vp_desktop/, parents[1] the repository root.
    return Path(__file__).resolve().parents[1] / "resources"
