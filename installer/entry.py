"""Entry script of the frozen bundle: both executables (vp-desktop, vp-desktop-gui) run this.

``vp-desktop-gui`` (on Linux a link to ``vp-desktop``; on Windows the windowed build) is what
desktop entries and file associations start with a bare journal path (``vp-desktop-gui
x.vpj``): that is ``gui_main``. ``vp-desktop`` is the command line: ``main``.
"""

import os
import sys

from vp_desktop.cli import gui_main, main


def entry_point():
    name = os.path.basename(sys.argv[0]).lower()
    return gui_main if name.startswith("vp-desktop-gui") else main


if __name__ == "__main__":
    sys.exit(entry_point()())
