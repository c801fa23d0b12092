"""Opens the main window and every dialog on a demo journal and reports their geometry.

Run as a script under a real X server of a given size (tests/test_fit.py starts it with
xvfb-run, one run per screen size):

    python tests/fit_probe.py OUT.json

It writes one JSON object: the screen's available geometry, the main window's minimum
width, and per window its frame and the buttons that lie (partly) outside the screen.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QDialog,
    QTabWidget,
    QWidget,
)

PASSPHRASE = "demo demo demo"


def _rect(r: QRect) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


def outside(window: QWidget, screen: QRect) -> dict:
    """The window's frame and every visible button that is not wholly on the screen."""
    QApplication.processEvents()
    frame = window.frameGeometry()
    bad = []
    for button in window.findChildren(QAbstractButton):
        if not button.isVisibleTo(window) or not button.isVisible():
            continue
        if button.window() is not window:
            continue
        r = QRect(button.mapToGlobal(button.rect().topLeft()), button.size())
        r = r.intersected(_viewport_clip(button)) if _viewport_clip(button) else r
        if r.isEmpty():
            continue  # scrolled out of sight in a scroll area: the scroll area brings it back
        if not screen.contains(r):
            bad.append({"name": button.objectName() or button.text(), "rect": _rect(r)})
    return {"frame": _rect(frame), "inside": screen.contains(frame), "buttons": bad}


def _viewport_clip(widget: QWidget) -> QRect | None:
    """The global rectangle of the nearest scroll area viewport around ``widget``."""
    parent = widget.parentWidget()
    while parent is not None and not parent.isWindow():
        area = parent.parentWidget()
        if isinstance(area, QAbstractScrollArea) and parent is area.viewport():
            return QRect(parent.mapToGlobal(parent.rect().topLeft()), parent.size())
        parent = area
    return None


def main(out: str) -> None:
    from vp_desktop.interchange.demo_data import create_demo_journal
    from vp_desktop.ui.app import _application, build_window
    from vp_desktop.ui.form_dialog import FormDialog

    tmp = Path(tempfile.mkdtemp(prefix="vp-fit-"))
    os.environ["HOME"] = str(tmp)
    os.environ["XDG_CONFIG_HOME"] = str(tmp / ".config")
    os.environ["XDG_DATA_HOME"] = str(tmp / ".local" / "share")
    path = tmp / "demo.vpj"
    create_demo_journal(path, PASSPHRASE, cases=40, seed=1)
    app = _application()
    screen = app.primaryScreen().availableGeometry()
    window, session = build_window(str(path))
    window.show()
    QApplication.processEvents()
    result: dict = {"screen": _rect(screen), "windows": {},
                    "main_minimum_width": window.minimumSizeHint().width()}
    result["windows"]["unlock"] = outside(window, screen)
    window.unlock(PASSPHRASE)
    QApplication.processEvents()
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        result["windows"][f"main_tab{index}"] = outside(window, screen)
    window.tabs.setCurrentIndex(0)
    result["main_minimum_width"] = max(result["main_minimum_width"],
                                       window.minimumSizeHint().width(),
                                       window.minimumWidth())
    case_id = session.journal.case_summaries()[0].id
    window.case_list.select_case(case_id)
    QApplication.processEvents()

    openers = window_openers(window, session, case_id)
    sizes = {}
    for name, opener in openers.items():
        dialog = opener()
        assert dialog is not None, name
        QApplication.processEvents()
        tabs = [t for t in dialog.findChildren(QTabWidget) if t.isVisible()]
        if tabs:
            for index in range(tabs[0].count()):
                tabs[0].setCurrentIndex(index)
                result["windows"][f"{name}_tab{index}"] = outside(dialog, screen)
        else:
            result["windows"][name] = outside(dialog, screen)
        sizes[name] = [dialog.width(), dialog.height()]
        close(dialog, FormDialog)
    result["sizes"] = sizes
    result["main_size"] = [window.width(), window.height()]
    Path(out).write_text(json.dumps(result, indent=1))
    session.close()
    os._exit(0)  # no teardown of workers and windows needed: the process is done


def window_openers(window, session, case_id: int) -> dict[str, Callable[[], QWidget]]:
    """Every dialog and window the main window opens, by name: each opener opens it (with
    the case ``case_id`` selected where it needs one) and returns it. Close it again with
    ``close()``. Shared with tests/test_pseudo_locale.py."""

    def create_journal() -> QWidget:
        from vp_desktop.ui.create_journal_dialog import CreateJournalDialog

        dialog = CreateJournalDialog(window)
        dialog.open()
        return dialog

    return {
        "case_new": window.new_case,
        "case_edit": window.edit_case,
        "consultation": window.log_consultation,
        "follow_up": window.add_follow_up,
        "letter": window.make_letter,
        "report": window.make_report,
        "templates": window.open_templates,
        "annual_report": window.open_annual_report,
        "activity": window.open_activity,
        "settings": window.open_settings,
        "backups": window.open_backups,
        "passphrase": window.open_passphrase_change,
        "handover": window.open_handover,
        "take_over": window.open_take_over,
        "kept_letter": lambda: window.open_kept_letter(_keep_a_letter(session, case_id)),
        "help": window.open_help,
        "about": window.open_about,
        "evidence": window.open_evidence,  # issue 10
        "welcome": window.open_welcome,
        "create_journal": create_journal,
    }


def _keep_a_letter(session, case_id: int) -> int:
    """A sent letter in the case, so its window can be opened (as LetterMaker keeps one)."""
    from datetime import datetime

    from reportlab.platypus import Paragraph

    from vp_desktop.domain.model import KeptLetter
    from vp_desktop.pdf.page import build_pdf
    from vp_desktop.services.letters import kept_letters

    pdf = build_pdf([Paragraph("Brief")], title="Brief", confidential=True)
    code = session.journal.get_case(case_id).code
    session.journal.log_activity("brief_opgeslagen", code, "Algemeen", kept=KeptLetter(
        case_id=case_id, kept_at=datetime.now(), output="opgeslagen", template_id="algemeen",
        template_title="Algemene doorverwijzing", recipient="de melder", body="Brief",
        pdf=pdf))
    letter_id = kept_letters(session.journal, case_id)[0].id
    assert letter_id is not None
    return letter_id


def close(dialog: QDialog, form_class) -> None:
    if isinstance(dialog, form_class):
        dialog.close_for_lock()
    elif isinstance(dialog, QDialog):
        dialog.reject()
    else:
        dialog.close()
    QApplication.processEvents()


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    main(sys.argv[1])
