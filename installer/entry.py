"""Entry script of the frozen bundle: both executables (vp-desktop, vp-desktop-gui) run this.

``gui_main`` and ``main`` behave the same; the two executables differ only in having a
console (Windows) — see installer/vp-desktop.spec.
"""

import sys

from vp_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
