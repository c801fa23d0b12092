"""The app side of tests/test_atspi_windows.py (issue 12): the real app on a demo journal,
driven one window at a time so the AT-SPI side can read each one.

Run by the harness (``AtspiStack.start_app([], program=[python, "tests/a11y_probe.py"],
pipes=True)``) under Xvfb with accessibility on. It makes a demo journal in a temporary
folder (the harness gives it a temporary HOME), builds the real main window (locked), and
then answers commands, one JSON object per line on stdin, one JSON answer per line on
stdout (lines that are not JSON are not ours):

  {"cmd": "open", "name": "unlock" | "main" | <a name of fit_probe.window_openers>}
        closes the window opened before, opens this one and gives it the keyboard focus;
        "main" and every dialog unlock first. -> {"ok", "title", "win_id", "texts"}
  {"cmd": "page"}   shows the next page of the window (pseudo_walk.each_page's order: every
        tab and stacked page) -> {"ok", "done", "page", "texts", "win_id"}
  {"cmd": "focus", "object": "objectName"}   gives that widget of the window the focus
  {"cmd": "quit"}

``texts`` is the Qt side of the window as a sighted user sees it: every visible label,
button, group box title and tab as {"kind", "object", "text"} (mnemonic ``&`` removed,
HTML stripped), so the AT-SPI side can check that each one is exposed.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QGroupBox,
    QLabel,
    QRadioButton,
    QTabBar,
    QWidget,
)

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from fit_probe import PASSPHRASE, close, window_openers  # noqa: E402
from pseudo_walk import each_page, plain, visible_widgets  # noqa: E402

CASES = 6


def strip_mnemonic(text: str) -> str:
    """A text as shown (and as Qt's accessibility strips it): single ``&`` removed, ``&&``
    kept as one ``&``."""
    out, i = [], 0
    while i < len(text):
        if text[i] == "&" and i + 1 < len(text):
            out.append(text[i + 1])
            i += 2
            continue
        if text[i] != "&":
            out.append(text[i])
        i += 1
    return "".join(out)


def button_role(button: QAbstractButton) -> str:
    if isinstance(button, QCheckBox):
        return "check box"
    if isinstance(button, QRadioButton):
        return "radio button"
    return "push button"


def visible_texts(window: QWidget) -> list[dict]:
    """Every text of ``window`` a sighted user reads in a label, button, group box title
    or tab, as {"kind", "object", "text"}."""
    QApplication.processEvents()
    found = []
    for widget in visible_widgets(window):
        name = widget.objectName()
        if isinstance(widget, QLabel):
            if widget.text().strip():
                found.append({"kind": "label", "object": name,
                              "text": strip_mnemonic(plain(widget.text()))
                              if widget.buddy() is not None else plain(widget.text())})
        elif isinstance(widget, QAbstractButton) and not isinstance(widget.parent(), QTabBar):
            if widget.text().strip():
                found.append({"kind": button_role(widget), "object": name,
                              "text": strip_mnemonic(widget.text())})
        elif isinstance(widget, QGroupBox) and widget.title().strip():
            found.append({"kind": "group box", "object": name,
                          "text": strip_mnemonic(widget.title())})
        elif isinstance(widget, QTabBar):
            for i in range(widget.count()):
                if widget.isTabVisible(i) and widget.tabText(i).strip():
                    found.append({"kind": "page tab", "object": name,
                                  "text": strip_mnemonic(widget.tabText(i))})
    return found


def settled_texts(window: QWidget, step_ms: int = 300, limit_ms: int = 3000) -> list[dict]:
    """``visible_texts`` once they stay the same for ``step_ms``: a window that works
    something out right after it opens (a preview timer, a report built in the background)
    is read as it stays, not as it was for a moment ("Overzicht wordt gemaakt…")."""
    texts = visible_texts(window)
    for _step in range(limit_ms // step_ms):
        QTest.qWait(step_ms)
        again = visible_texts(window)
        if again == texts:
            break
        texts = again
    return texts


class Commands(QObject):
    line = Signal(str)


class Probe:
    def __init__(self, window, session):
        self.window = window
        self.session = session
        self.openers: dict = {}
        self.current: QWidget | None = None
        self.pages = None
        self.shown: list[dict] = []

    def _focus(self, widget: QWidget) -> None:
        widget.raise_()
        widget.activateWindow()
        QApplication.processEvents()

    def _close_current(self) -> None:
        from vp_desktop.ui.form_dialog import FormDialog

        if self.current is not None and self.current is not self.window:
            close(self.current, FormDialog)  # type: ignore[arg-type]
        self.current = None

    def _unlock(self) -> None:
        if self.window.session.journal is None:
            self.window.unlock(PASSPHRASE)
            QApplication.processEvents()
            case_id = self.session.journal.case_summaries()[0].id
            self.window.case_list.select_case(case_id)
            QApplication.processEvents()
            self.openers = window_openers(self.window, self.session, case_id)

    def open(self, name: str) -> dict:
        self._close_current()
        if name == "unlock":
            target = self.window
        elif name == "main":
            self._unlock()
            self.window.tabs.setCurrentIndex(0)
            target = self.window
        else:
            self._unlock()
            target = self.openers[name]()
            _wait_for_output_buttons(target)
        self.current = target
        QApplication.processEvents()
        self._focus(target)
        if name == "unlock":
            self.pages = iter([""])  # the lock screen has no pages
        elif name == "main":
            self.pages = _main_tabs(target)
        else:
            self.pages = each_page(target)
        next(self.pages)  # the window as it opened
        self.shown = settled_texts(target)
        return {"ok": True, "title": target.windowTitle(), "win_id": int(target.winId()),
                "texts": self.shown}

    def next_page(self) -> dict:
        """Shows the next tab or stacked page (each_page's order); {"done": true} after the
        last one."""
        assert self.current is not None and self.pages is not None
        while True:
            label = next(self.pages, None)
            if label is None:
                return {"ok": True, "done": True}
            QApplication.processEvents()
            texts = settled_texts(self.current)
            if texts != self.shown:  # a page that was already showing is not walked twice
                self.shown = texts
                return {"ok": True, "done": False, "page": label.strip(" ()"),
                        "win_id": int(self.current.winId()), "texts": texts}

    def focus(self, object_name: str) -> dict:
        assert self.current is not None
        widget = self.current.findChild(QWidget, object_name)
        if widget is None:
            return {"ok": False, "error": f"no widget {object_name}"}
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        QApplication.processEvents()
        return {"ok": widget.hasFocus()}


def _wait_for_output_buttons(window, seconds: float = 15) -> None:
    """A pdf made off the UI thread (case overview, letter preview) enables Afdrukken and
    Opslaan als pdf when it is ready: wait for that, so the tree and the Tab order are those
    of the window in use, not of a moment in its making."""
    from PySide6.QtTest import QTest

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        waiting = [b for b in window.findChildren(QAbstractButton)
                   if b.objectName().endswith(("Print", "SavePdf")) and not b.isEnabled()]
        if not waiting:
            return
        QTest.qWait(50)


def _main_tabs(window):
    """The main window's tabs (each_page would also switch its central stack, the lock
    screen)."""
    yield ""
    for index in range(1, window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        yield f"(tab {index})"


def main() -> None:
    from vp_desktop.interchange.demo_data import create_demo_journal
    from vp_desktop.ui.app import _application, build_window

    tmp = Path(tempfile.mkdtemp(prefix="vp-a11y-"))
    path = tmp / "demo.vpj"
    create_demo_journal(path, PASSPHRASE, cases=CASES, seed=1)
    app = _application()
    window, session = build_window(str(path))
    window.show()
    QApplication.processEvents()
    probe = Probe(window, session)

    def answer(payload: dict) -> None:
        sys.stdout.write(json.dumps(payload) + "\n")
        sys.stdout.flush()

    def handle(line: str) -> None:
        try:
            command = json.loads(line)
        except ValueError:
            return
        cmd = command.get("cmd")
        try:
            if cmd == "open":
                answer(probe.open(command["name"]))
            elif cmd == "page":
                answer(probe.next_page())
            elif cmd == "focus":
                answer(probe.focus(command["object"]))
            elif cmd == "quit":
                answer({"ok": True})
                session.close()
                os._exit(0)
            else:
                answer({"ok": False, "error": f"unknown command {cmd}"})
        except Exception as exc:  # report, keep serving
            answer({"ok": False, "error": f"{type(exc).__name__}: {exc}"})

    commands = Commands()
    commands.line.connect(handle, Qt.ConnectionType.QueuedConnection)

    def read() -> None:
        for line in sys.stdin:
            commands.line.emit(line)
        commands.line.emit('{"cmd": "quit"}')

    threading.Thread(target=read, daemon=True).start()
    QTimer.singleShot(0, lambda: answer({"ok": True, "ready": True,
                                         "win_id": int(window.winId())}))
    app.exec()
    os._exit(0)


if __name__ == "__main__":
    main()
