"""A revealed passphrase never stays in the X11 PRIMARY selection (issue 12 review, item 1).

Qt copies every selection made in a QLineEdit with Normal echo to PRIMARY, which every X client
can read and clipboard managers keep. The check runs under a real X server (Xvfb via
xvfb-run, Qt's xcb platform) in a subprocess; it is skipped without xvfb-run, and fails under
``CI=true``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SECRET = "Geheim123x"

SCRIPT = r"""
import json, sys
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

app = QApplication(sys.argv)
from vp_desktop.ui.secret_field import SecretLineEdit

SECRET = sys.argv[1]
w = SecretLineEdit()
w.resize(300, 30)
w.show()
w.activateWindow()
w.setFocus()
QTest.qWaitForWindowExposed(w)
cb = QGuiApplication.clipboard()
out = {"supports": cb.supportsSelection()}

def primary():
    app.processEvents()
    return cb.text(QClipboard.Mode.Selection)

def reset():
    cb.setText("niet geheim", QClipboard.Mode.Selection)
    app.processEvents()

QTest.keyClicks(w, SECRET)
w.setEchoMode(QLineEdit.EchoMode.Normal)
out["qt_text"] = QLineEdit.text(w)  # the control: the revealed field shows the real text
reset()
QTest.keyClick(w, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
out["ctrl_a"] = primary()
out["ctrl_a_selected"] = w.selectedText()
reset()
QTest.keyClick(w, Qt.Key.Key_End)
QTest.keyClick(w, Qt.Key.Key_Home, Qt.KeyboardModifier.ShiftModifier)
out["shift_home"] = primary()
reset()
QTest.keyClick(w, Qt.Key.Key_End)
QTest.keyClick(w, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
out["shift_left"] = primary()
reset()
QTest.mousePress(w, Qt.MouseButton.LeftButton, pos=QPoint(2, 15))
QTest.mouseMove(w, QPoint(250, 15))
out["during_drag"] = primary()
QTest.mouseRelease(w, Qt.MouseButton.LeftButton, pos=QPoint(250, 15))
out["drag"] = primary()
out["drag_selected"] = w.selectedText()
reset()
QTest.mouseDClick(w, Qt.MouseButton.LeftButton, pos=QPoint(10, 15))
out["double_click"] = primary()
# a piece of the passphrase in PRIMARY (as a stray code path could leave it): untick
from PySide6.QtGui import QClipboard as _C
cb.setText(SECRET[2:6], _C.Mode.Selection)
app.processEvents()
out["planted"] = primary()
w.setEchoMode(QLineEdit.EchoMode.Password)
out["after_untick"] = primary()
w.setEchoMode(QLineEdit.EchoMode.Normal)
cb.setText(SECRET, _C.Mode.Selection)
w.clear()
out["after_clear"] = primary()
out["owns_after_clear"] = cb.ownsSelection()
# someone else's selection (not part of the passphrase) is left alone
w.setText(SECRET)
cb.setText("iets anders", _C.Mode.Selection)
w.setEchoMode(QLineEdit.EchoMode.Password)
out["other_kept"] = primary()
print("RESULT " + json.dumps(out))
"""


def _xvfb_run() -> str:
    tool = shutil.which("xvfb-run")
    if tool is None:
        reason = "xvfb-run is not installed (installer/setup-debian.sh test adds it)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run the X11 selection test, but {reason}")
        pytest.skip(reason)
    return tool


def test_revealed_passphrase_never_stays_in_primary_selection():
    xvfb_run = _xvfb_run()
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", PYTHONPATH=str(ROOT))
    env.pop("WAYLAND_DISPLAY", None)
    done = subprocess.run(
        [xvfb_run, "-a", sys.executable, "-c", SCRIPT, SECRET],
        env=env, capture_output=True, text=True, timeout=60)
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    assert lines, done.stdout + done.stderr
    out = json.loads(lines[-1][len("RESULT "):])
    assert out["supports"] is True
    # the field really was revealed and really selected (else the checks prove nothing)
    assert out["qt_text"] == SECRET
    assert out["ctrl_a_selected"] == SECRET
    assert out["drag_selected"]
    for key in ("ctrl_a", "shift_home", "shift_left", "during_drag", "drag", "double_click",
                "after_untick", "after_clear"):
        assert out[key] == "" or out[key] not in SECRET, (key, out[key])
    assert out["planted"] == SECRET[2:6]
    assert out["owns_after_clear"] is False
    assert out["other_kept"] == "iets anders"
