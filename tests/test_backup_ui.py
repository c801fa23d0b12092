"""The window: backup on lock when something changed, a backup off the UI thread, the age in
the status bar."""

from __future__ import annotations

from vp_desktop.storage import backup as store

from conftest import PASSPHRASE, make_case


def test_lock_backs_up_a_changed_journal_and_the_status_bar_shows_its_age(qtbot, journal):
    from vp_desktop.ui.main_window import MainWindow
    from vp_desktop.ui.session import Session

    path = journal.path
    journal.close()
    session = Session()
    window = MainWindow(session, path)
    qtbot.addWidget(window)
    session.unlock(path, PASSPHRASE)
    assert window._backup_label.text() == "Nog geen reservekopie"
    assert "c65f00" in window._backup_label.styleSheet()
    make_case(session.journal)
    window.backup_now()  # off the UI thread
    assert session.backup_running
    qtbot.waitUntil(lambda: not session.backup_running, timeout=10_000)
    assert window._backup_label.text() == "Reservekopie: zojuist"
    assert window._backup_label.styleSheet() == ""
    first = store.backup_files(store.default_backup_dir(path), "journaal")
    assert len(first) == 1
    session.lock()  # nothing changed since: no new backup
    assert store.backup_files(store.default_backup_dir(path), "journaal") == first
    session.unlock(path, PASSPHRASE)
    make_case(session.journal)
    session.lock()
    files = store.backup_files(store.default_backup_dir(path), "journaal")
    # a new one (the same day's earlier one is rotated away: one per day is kept)
    assert files != first and store.verify_backup(files[0], PASSPHRASE).cases == 2
