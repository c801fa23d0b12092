"""A task off the UI thread, reported back on it: the window stays responsive while a
backup, a restore or a passphrase change runs (each of those opens its own connection or has
the journal to itself while it runs)."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from . import main_thread_gc


class Task(QObject):
    """Run ``work`` on a thread; ``finished`` carries its result, ``failed`` its exception
    (both emitted on the UI thread)."""

    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Callable[[], object], parent=None, name: str = "taak"):
        super().__init__(parent)
        self._work = work
        self._result: dict = {}
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._poll = QTimer(self)
        self._poll.setInterval(40)
        self._poll.timeout.connect(self._check)

    def start(self) -> None:
        main_thread_gc.install()  # no Qt object may be collected on the worker
        self._thread.start()
        self._poll.start()

    @property
    def running(self) -> bool:
        return self._poll.isActive()

    def _run(self) -> None:
        try:
            self._result["value"] = self._work()
        except BaseException as exc:  # reported on the UI thread
            self._result["error"] = exc

    def _check(self) -> None:
        if self._thread.is_alive():
            return
        self._poll.stop()
        if "error" in self._result:
            self.failed.emit(self._result["error"])
        else:
            self.finished.emit(self._result.get("value"))

    def wait(self) -> None:
        """Block until done and report (for closing while it runs)."""
        if self.running:
            self._thread.join()
            self._check()
