"""Qt's file dialog keeps a history of folders and names in its own settings file — a recent-
file list outside the journal. The app's file dialogs forget it as soon as they close."""

from __future__ import annotations

import ast
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog

from vp_desktop.ui.widgets import save_file_name

ROOT = Path(__file__).resolve().parents[1]


def _qt_file_dialog_keys() -> list[str]:
    settings = QSettings(QSettings.Scope.UserScope, "QtProject")
    settings.sync()
    return [k for k in settings.allKeys() if k.startswith("FileDialog")]


def _accept_with(name: str) -> None:
    """Answer the open file dialog (tried again until it is there)."""
    dialogs = [w for w in QApplication.topLevelWidgets()
               if isinstance(w, QFileDialog) and w.isVisible()]
    if not dialogs:
        QTimer.singleShot(100, lambda: _accept_with(name))
        return
    dialogs[-1].selectFile(name)
    dialogs[-1].done(QFileDialog.DialogCode.Accepted)


def test_qt_remembers_a_dialog_and_ours_forget_it(qtbot, tmp_path):
    folder = tmp_path / "Dossier Jansen"
    folder.mkdir()
    # Qt's own behaviour, so the test can fail: a plain dialog leaves the folder behind
    plain = QFileDialog(None, "Opslaan", str(folder))
    plain.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    plain.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    plain.selectFile(str(folder / "inzage-2026-014.pdf"))
    plain.show()
    plain.accept()
    plain.deleteLater()
    qtbot.waitUntil(lambda: _qt_file_dialog_keys() != [], timeout=3000)
    QSettings(QSettings.Scope.UserScope, "QtProject").remove("FileDialog")

    QTimer.singleShot(300, lambda: _accept_with(str(folder / "inzage-2026-014.pdf")))
    path, _filter = save_file_name(None, "Opslaan", str(folder), "Pdf (*.pdf)")
    assert path  # answered (the dialog ran and closed)
    assert _qt_file_dialog_keys() == []
    settings_text = " ".join(str(QSettings(QSettings.Scope.UserScope, "QtProject").value(k))
                             for k in QSettings(QSettings.Scope.UserScope, "QtProject").allKeys())
    assert "Jansen" not in settings_text and "2026-014" not in settings_text


def test_no_file_dialog_outside_the_forgetting_helpers():
    for path in (ROOT / "vp_desktop").rglob("*.py"):
        if path.name == "widgets.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in (
                    "getSaveFileName", "getOpenFileName", "getOpenFileNames",
                    "getExistingDirectory", "getSaveFileUrl", "getOpenFileUrl"):
                raise AssertionError(f"{path.relative_to(ROOT)}: {node.attr} — use the "
                                     "helpers in ui/widgets.py that forget Qt's history")
