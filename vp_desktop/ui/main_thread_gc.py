"""Python's cyclic garbage collector, run only on the UI thread.

Left to itself, Python collects reference cycles on whichever thread happens to allocate —
also a worker rendering a PDF or making a backup. When such a cycle holds a Qt object of the
UI thread, the worker destroys it: Qt takes its signal/slot lock there and waits for the GIL,
while the UI thread, holding the GIL, waits for that lock. The window freezes (seen here as a
hung test). So automatic collection is switched off and a timer on the UI thread collects
instead, by the same thresholds (the approach qutebrowser takes for the same reason).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer

INTERVAL_MS = 1000
_installed: list[QObject] = []


def collect_if_due() -> None:
    """Collect the generations whose thresholds are passed (cheap when none is)."""
    counts, thresholds = gc.get_count(), gc.get_threshold()
    if counts[0] <= thresholds[0]:
        return
    generation = 0
    if counts[1] > thresholds[1]:
        generation = 1
        if counts[2] > thresholds[2]:
            generation = 2
    gc.collect(generation)


def install() -> None:
    """Switch automatic collection off and collect from a UI-thread timer; once per
    application, and only from the UI thread."""
    app = QCoreApplication.instance()
    if _installed or app is None or QThread.currentThread() is not app.thread():
        return
    timer = QTimer(app)
    timer.setInterval(INTERVAL_MS)
    timer.timeout.connect(collect_if_due)
    timer.start()
    _installed.append(timer)
    gc.disable()
