"""Journaal → Wachtwoord wijzigen, driven through its widgets offscreen on a real journal."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QLineEdit

from vp_desktop.storage import backup as store
from vp_desktop.storage.errors import WrongPassphrase
from vp_desktop.storage.journal import Journal
from vp_desktop.ui.main_window import MainWindow
from vp_desktop.ui.passphrase_dialog import PassphraseDialog
from vp_desktop.ui.session import Session

from conftest import PASSPHRASE, make_case
from test_ui import unnamed_interactive_widgets

NEW = "zebra kompas oranje molen"


def open_dialog(qtbot, journal) -> tuple[MainWindow, Session, PassphraseDialog]:
    session = Session()
    window = MainWindow(session, journal.path)
    qtbot.addWidget(window)
    session.adopt(journal)
    assert window.act_passphrase.isEnabled()
    dialog = window.open_passphrase_change()
    assert isinstance(dialog, PassphraseDialog)
    return window, session, dialog


def fill(dialog: PassphraseDialog, old: str, new: str, repeat: str) -> None:
    dialog.old.setText(old)
    dialog.fields.passphrase.setText(new)
    dialog.fields.repeat.setText(repeat)


def test_refusals_leave_the_passphrase_and_the_session_as_they_were(qtbot, journal):
    make_case(journal)
    window, session, dialog = open_dialog(qtbot, journal)
    assert unnamed_interactive_widgets(dialog) == []
    for field in (dialog.old, dialog.fields.passphrase, dialog.fields.repeat):
        assert field.echoMode() == QLineEdit.EchoMode.Password
    dialog.fields.show_text.setChecked(True)
    assert dialog.old.echoMode() == QLineEdit.EchoMode.Normal
    assert dialog.fields.repeat.echoMode() == QLineEdit.EchoMode.Normal
    dialog.fields.show_text.setChecked(False)
    assert dialog.old.echoMode() == QLineEdit.EchoMode.Password

    fill(dialog, "", NEW, NEW)
    assert not dialog.try_change() and "huidige wachtwoord" in dialog.message.text()
    fill(dialog, PASSPHRASE, NEW, NEW + "x")
    assert not dialog.try_change() and "verschillen" in dialog.message.text()
    fill(dialog, PASSPHRASE, "fiets12345", "fiets12345")
    assert dialog.fields.accept_weak.isVisibleTo(dialog)
    assert not dialog.try_change() and "zwak" in dialog.message.text()

    fill(dialog, "niet het wachtwoord", NEW, NEW)  # the service's own check, off the UI thread
    assert dialog.try_change()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    assert "klopt niet" in dialog.message.text()
    assert session.is_unlocked and session.journal.vault.passphrase == PASSPHRASE
    assert dialog.ok.isEnabled()  # the user may try again
    assert store.backup_files(store.default_backup_dir(journal.path), "journaal") == []
    dialog.reject()
    session.lock()
    with Journal.open(journal.path, PASSPHRASE) as again:
        assert len(again.case_summaries()) == 1


def test_weak_with_tick_changes_the_passphrase_and_makes_a_backup_with_it(qtbot, journal):
    case = make_case(journal)
    window, session, dialog = open_dialog(qtbot, journal)
    weak = "fiets12345"
    fill(dialog, PASSPHRASE, weak, weak)
    dialog.fields.accept_weak.setChecked(True)
    assert dialog.try_change()
    assert dialog.busy and dialog.progress.isVisibleTo(dialog)
    assert not dialog.ok.isEnabled()
    dialog.reject()  # cannot close while the change runs
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=15_000)
    assert "gewijzigd" in dialog.message.text(), dialog.message.text()
    assert "reservekopie" in dialog.message.text() and "nieuwe wachtwoord" in dialog.message.text()
    assert not dialog.progress.isVisibleTo(dialog)
    assert dialog.old.text() == dialog.fields.passphrase.text() == ""  # not kept
    # the session goes on, on the reopened journal, with the new passphrase
    assert session.is_unlocked and window.stack.currentIndex() == 1
    assert session.journal.get_case(case.id).code == case.code
    assert [a.kind for a in session.journal.activity(2)] == ["reservekopie",
                                                             "wachtwoord_gewijzigd"]
    backups = store.backup_files(store.default_backup_dir(journal.path), "journaal")
    assert len(backups) == 1 and store.verify_backup(backups[0], weak).cases == 1
    dialog.accept()
    session.lock()
    QApplication.processEvents()
    with pytest.raises(WrongPassphrase):
        Journal.open(journal.path, PASSPHRASE)
    session.unlock(journal.path, weak)
    assert session.is_unlocked
    session.lock()
