"""Every Alt-letter is unique within what is visible at one time: the main window (locked,
and per tab with its menu titles), every dialog and every page of Dossier bewerken."""

from __future__ import annotations

import re
from collections import defaultdict

from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QGroupBox,
    QLabel,
    QMainWindow,
    QTabBar,
    QTabWidget,
    QWidget,
)

from vp_desktop.interchange.demo_data import create_demo_journal
from vp_desktop.ui.app import build_window
from vp_desktop.ui.create_journal_dialog import CreateJournalDialog
from vp_desktop.ui.form_dialog import FormDialog

PASSPHRASE = "demo demo demo"
_MNEMONIC = re.compile(r"&([^&\s])")


def mnemonic(text: str) -> str | None:
    match = _MNEMONIC.search(text.replace("&&", ""))
    return match.group(1).lower() if match else None


def test_mnemonic_reads_the_letter_after_a_single_ampersand():
    assert mnemonic("Dossier &bewerken") == "b"
    assert mnemonic("P&&O") is None
    assert mnemonic("Geen") is None


def mnemonics(window: QWidget) -> dict[str, list[str]]:
    """Alt-letter -> the texts that use it, among the widgets visible in ``window``."""
    QApplication.processEvents()
    found: dict[str, list[str]] = defaultdict(list)

    def add(text: str) -> None:
        letter = mnemonic(text)
        if letter:
            found[letter].append(text)

    def visible(widget: QWidget) -> bool:
        return widget.window() is window and widget.isVisible()

    for button in window.findChildren(QAbstractButton):
        if visible(button):
            add(button.text())
    for label in window.findChildren(QLabel):
        if visible(label) and label.buddy() is not None:
            add(label.text())
    for group in window.findChildren(QGroupBox):
        if visible(group):
            add(group.title())
    for bar in window.findChildren(QTabBar):
        if visible(bar):
            for index in range(bar.count()):
                if bar.isTabVisible(index):
                    add(bar.tabText(index))
    if isinstance(window, QMainWindow):
        for action in window.menuBar().actions():
            if action.isVisible():
                add(action.text())
    return found


def clashes(window: QWidget) -> dict[str, list[str]]:
    return {letter: texts for letter, texts in mnemonics(window).items() if len(texts) > 1}


def each_tab_page(window: QWidget):
    """Yields once per page of the window's visible tab widgets (nested ones too)."""
    tabs = [t for t in window.findChildren(QTabWidget) if t.isVisible() and t.window() is window]
    if not tabs:
        yield ""
        return
    outer = tabs[0]
    for index in range(outer.count()):
        outer.setCurrentIndex(index)
        QApplication.processEvents()
        yield f" tab {index}"


def test_every_window_and_dialog_has_unique_mnemonics(qtbot, tmp_path):
    path = tmp_path / "demo.vpj"
    create_demo_journal(path, PASSPHRASE, cases=12, seed=1)
    window, session = build_window(str(path))
    qtbot.addWidget(window)
    window.show()
    found: dict[str, dict[str, list[str]]] = {}
    seen_letters = 0

    def check(name: str, widget: QWidget) -> None:
        nonlocal seen_letters
        seen_letters += len(mnemonics(widget))
        if clash := clashes(widget):
            found[name] = clash

    check("ontgrendelscherm", window)
    window.unlock(PASSPHRASE)
    for page in each_tab_page(window):
        check(f"hoofdvenster{page}", window)
    window.tabs.setCurrentIndex(0)
    window.case_list.filter_box.setText("zzzz-niets-gevonden")  # the empty state's button
    assert window.case_list.clear_filters_button.isVisible()
    check("hoofdvenster, niets gevonden", window)
    window.case_list.filter_box.clear()
    window.case_list.select_case(session.journal.case_summaries()[0].id)
    openers = [window.new_case, window.edit_case, window.log_consultation, window.add_follow_up,
               window.make_letter, window.make_report, window.open_templates,
               window.open_annual_report, window.open_activity, window.open_settings,
               window.open_backups, window.open_passphrase_change, window.open_handover,
               window.open_take_over, lambda: CreateJournalDialog(window)]
    for opener in openers:
        dialog = opener()
        assert isinstance(dialog, QDialog)
        dialog.show()
        for page in each_tab_page(dialog):
            check(f"{dialog.objectName()}{page}", dialog)
        if isinstance(dialog, FormDialog):
            dialog.close_for_lock()
        else:
            dialog.reject()
    session.close()
    assert seen_letters > 100  # the walk saw the windows' mnemonics at all
    assert found == {}, "\n".join(f"{k}: {v}" for k, v in found.items())
