"""Journaal → Reservekopieën, driven through its widgets offscreen on real journals."""

from __future__ import annotations

import shutil
from datetime import date, datetime, timedelta

from PySide6.QtWidgets import QApplication

from vp_desktop.services import backups as svc
from vp_desktop.storage import backup as store
from vp_desktop.storage.journal import Journal
from vp_desktop.ui.backup_dialog import OLDER, UNCHECKED, VERIFIED, BackupDialog
from vp_desktop.ui.main_window import MainWindow
from vp_desktop.ui.session import Session

from conftest import PASSPHRASE, make_case
from test_ui import unnamed_interactive_widgets

NEW = "zebra kompas oranje molen"


def open_dialog(qtbot, journal) -> tuple[MainWindow, Session, BackupDialog]:
    session = Session()
    window = MainWindow(session, journal.path)
    qtbot.addWidget(window)
    session.adopt(journal)
    assert window.act_backups.isEnabled()
    dialog = window.open_backups()
    assert isinstance(dialog, BackupDialog)
    return window, session, dialog


def column(dialog: BackupDialog, col: int) -> list[str]:
    model = dialog.model
    return [model.data(model.index(r, col)) for r in range(model.rowCount())]


def test_list_shows_checked_older_passphrase_and_unknown_backups(qtbot, journal):
    make_case(journal)
    old = svc.make_backup_now(journal, now=datetime.now() - timedelta(days=3)).made[0]
    svc.change_passphrase(journal, PASSPHRASE, NEW, NEW)  # also makes a backup with NEW
    stray = old.path.with_name("journaal-2020-01-01-0900.vpj")  # not in the registry
    shutil.copyfile(old.path, stray)
    window, session, dialog = open_dialog(qtbot, journal)
    assert unnamed_interactive_widgets(dialog) == []
    assert dialog.model.rowCount() == 3
    assert column(dialog, 5) == [VERIFIED, OLDER, UNCHECKED]  # newest first
    assert column(dialog, 3) == ["1", "1", ""]
    assert column(dialog, 1)[0] == svc.PRIMARY
    assert column(dialog, 2)[0].endswith("kB")
    assert dialog.width() <= 1280 and dialog.sizeHint().height() <= 720
    assert "30 dagen na de vernietiging" in dialog.purge_note.text()
    dialog.reject()
    session.lock()


def test_make_now_runs_off_the_ui_thread_and_lists_a_verified_backup(qtbot, journal):
    make_case(journal)
    make_case(journal)
    window, session, dialog = open_dialog(qtbot, journal)
    assert dialog.model.rowCount() == 0 and not dialog.restore_button.isEnabled()
    assert dialog.make_now()
    assert dialog.busy and dialog.progress.isVisibleTo(dialog)
    assert not dialog.make_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    assert not dialog.progress.isVisibleTo(dialog)
    assert "gemaakt en gecontroleerd (2 dossiers)" in dialog.message.text()
    assert column(dialog, 5) == [VERIFIED]
    files = store.backup_files(store.default_backup_dir(journal.path), "journaal")
    assert len(files) == 1 and store.verify_backup(files[0], PASSPHRASE).cases == 2
    assert window._backup_label.text() == "Reservekopie: zojuist"
    dialog.reject()
    session.lock()


def test_settings_are_saved_and_the_location_guard_speaks(qtbot, journal, tmp_path, monkeypatch):
    window, session, dialog = open_dialog(qtbot, journal)
    synced = tmp_path / "Dropbox" / "kopieën"
    synced.mkdir(parents=True)
    dialog.second_dir.setText(str(synced))
    assert dialog.check_second_dir() and "clouddienst" in dialog.place_note.text()
    dialog.daily.setValue(3)
    dialog.weekly.setValue(2)
    dialog.monthly.setValue(0)
    dialog.automatic.setChecked(False)
    assert dialog.save_settings()
    assert "clouddienst" in dialog.place_note.text()
    saved = svc.load_settings(session.journal)
    assert (saved.second_dir, saved.daily, saved.weekly, saved.monthly, saved.automatic) == \
        (str(synced), 3, 2, 0, False)
    assert saved.purge_days == 30  # what the window does not show stays

    from vp_desktop.storage.location_guard import LocationAssessment, LocationVerdict

    monkeypatch.setattr(svc, "assess_location", lambda p: LocationAssessment(
        LocationVerdict.REFUSE_NETWORK, "dit is een netwerkschijf."))
    dialog.second_dir.setText(str(tmp_path / "share"))
    assert not dialog.check_second_dir() and "netwerkschijf" in dialog.place_note.text()
    assert not dialog.save_settings()
    assert svc.load_settings(session.journal).second_dir == str(synced)  # unchanged
    dialog.reject()
    session.lock()


def test_restore_swaps_and_the_session_is_unlocked_with_the_destroyed_case_destroyed(
        qtbot, journal):
    closed = make_case(journal, status="gesloten", closed=date(2026, 4, 1))
    svc.make_backup_now(journal, now=datetime.now() - timedelta(days=1))
    later = make_case(journal)  # after the backup: gone after the restore
    journal.destroy_cases([closed.id])  # after the backup: stays destroyed
    window, session, dialog = open_dialog(qtbot, journal)
    old_journal = session.journal
    assert dialog.model.rowCount() == 1
    dialog.view.selectRow(0)
    make_case(session.journal)
    form = window.new_case()  # an open form: restoring waits until it is closed
    assert not dialog.restore_selected(confirm=False)
    assert "Sluit eerst" in dialog.message.text()
    form.reject()
    session.forget_form(form)
    assert dialog.restore_selected(confirm=False)
    assert dialog.busy and session.journal is None
    qtbot.waitUntil(lambda: not dialog.busy, timeout=15_000)
    assert "teruggezet" in dialog.message.text(), dialog.message.text()
    assert "1 vernietigd dossier is opnieuw vernietigd" in dialog.message.text()
    assert session.is_unlocked and session.journal is not old_journal
    assert window.stack.currentIndex() == 1
    summaries = {s.code: s for s in session.journal.case_summaries()}
    assert later.code not in summaries
    assert summaries[closed.code].destroyed
    assert window.case_list.model.rowCount() == 1  # the window shows the restored journal
    # the state before the restore was backed up first
    files = store.backup_files(store.default_backup_dir(journal.path), "journaal")
    assert len(files) == 2 and store.verify_backup(files[0], PASSPHRASE).cases == 3
    assert dialog.model.rowCount() == 2
    assert session.journal.activity(1)[0].kind == "teruggezet"
    dialog.reject()
    session.lock()
    QApplication.processEvents()
    with Journal.open(journal.path, PASSPHRASE) as again:
        assert {s.code for s in again.case_summaries()} == {closed.code}


def test_restoring_a_backup_with_an_older_passphrase_reopens_with_that_one(qtbot, journal):
    make_case(journal)
    svc.make_backup_now(journal, now=datetime.now() - timedelta(days=2))
    svc.change_passphrase(journal, PASSPHRASE, NEW, NEW)
    make_case(journal)
    window, session, dialog = open_dialog(qtbot, journal)
    assert column(dialog, 5) == [VERIFIED, OLDER]
    dialog.view.selectRow(1)
    assert dialog.restore_selected(confirm=False, passphrase=PASSPHRASE)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=15_000)
    assert "teruggezet" in dialog.message.text(), dialog.message.text()
    assert session.is_unlocked and session.journal.vault.passphrase == PASSPHRASE
    assert len(session.journal.case_summaries()) == 1
    dialog.reject()
    session.lock()
