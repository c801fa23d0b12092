"""Which journal is this: the title, the demo band, a demo the user changed is never wiped,
and a question before leaving a journal with unsaved work. Real journals, real widgets."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton

from vp_desktop.app_paths import DEMO_PASSPHRASE, demo_journal_path
from vp_desktop.storage import demo_marker
from vp_desktop.storage.journal import Journal
from vp_desktop.ui import app
from vp_desktop.ui.app import build_window, fresh_demo_journal
from vp_desktop.ui.case_dialog import CaseDialog
from vp_desktop.ui.create_journal_dialog import CreateJournalDialog
from vp_desktop.ui.main_window import MainWindow
from vp_desktop.ui.session import Session

from conftest import PASSPHRASE, make_case


def answer_box(object_name: str, button: str | None) -> list[str]:
    """Answer the next modal message box named ``object_name`` by clicking the button named
    ``button`` (None: press Escape). Returns the texts of the boxes seen."""
    seen: list[str] = []

    def attempt(tries: int = 0) -> None:
        box = QApplication.activeModalWidget()
        if box is None or box.objectName() != object_name:
            if tries < 200:
                QTimer.singleShot(10, lambda: attempt(tries + 1))
            return
        seen.append(box.text())
        if button is None:
            QTest.keyClick(box, Qt.Key.Key_Escape)
        else:
            box.findChild(QPushButton, button).click()

    QTimer.singleShot(0, attempt)
    return seen


def window_on(qtbot, journal: Journal) -> tuple[MainWindow, Session]:
    session = Session()
    window = MainWindow(session, journal.path)
    qtbot.addWidget(window)
    session.adopt(journal)
    return window, session


# --- the title ----------------------------------------------------------------------------


def test_title_names_the_journal_file_and_follows_open_and_create(qtbot, journal, tmp_path):
    make_case(journal)  # content that must never reach the title
    window, session = window_on(qtbot, journal)
    assert window.windowTitle() == "journaal — VP Desktop"
    assert not window.demo_band.isVisibleTo(window)

    other = tmp_path / "journaal-2026.vpj"
    Journal.create(other, PASSPHRASE, organisations=["Gemeente X"]).close()
    assert window.switch_to_journal(other)
    assert not session.is_unlocked
    assert window.windowTitle() == "journaal-2026 — VP Desktop"
    window.unlock(PASSPHRASE)
    assert session.is_unlocked and session.path == other
    assert window.windowTitle() == "journaal-2026 — VP Desktop"

    dialog = window.create_journal()
    assert isinstance(dialog, CreateJournalDialog) and not session.is_unlocked
    dialog.path.setText(str(tmp_path / "nieuw-2027.vpj"))
    dialog.passphrase.setText(PASSPHRASE)
    dialog.repeat.setText(PASSPHRASE)
    dialog.organisation.setText("Gemeente Y")
    dialog.try_create()
    assert session.is_unlocked and session.path == tmp_path / "nieuw-2027.vpj"
    assert window.windowTitle() == "nieuw-2027 — VP Desktop"
    for code in ("Jan de Vries", "Petra", "2026-"):
        assert code not in window.windowTitle()
    session.lock()


# --- the demo band and a changed demo -----------------------------------------------------


def test_demo_band_only_in_the_demo_and_a_changed_demo_is_kept_after_asking(qtbot,
                                                                           monkeypatch):
    monkeypatch.setattr(app, "DEMO_CASES", 12)  # a fresh demo, smaller to keep the test fast
    path = fresh_demo_journal()
    with Journal.open(path, DEMO_PASSPHRASE) as demo:
        assert demo_marker.is_demo(demo) and not demo_marker.changed_by_user(demo)
        make_case(demo)  # the user typed a real case into the demo

    seen = answer_box("demoChangedQuestion", None)  # Escape: the default keeps it
    window, session = build_window(None, demo=True)
    qtbot.addWidget(window)
    assert len(seen) == 1 and "wijzigingen" in seen[0]
    assert session.is_unlocked and session.path == demo_journal_path()
    assert len(session.journal.case_summaries()) == 13  # nothing wiped
    assert window.windowTitle() == "demojournaal — VP Desktop"
    band = window.findChild(QLabel, "demoBand")
    assert band is window.demo_band and band.isVisibleTo(window)
    assert band.text() == "DEMO — verzonnen gegevens"
    assert "openbaar" in seen[0]  # the question says why real notes don't belong there
    from vp_desktop.services.backups import backup_due, make_backup_now
    from vp_desktop.storage.backup import backup_files, backup_stem, default_backup_dir

    assert not backup_due(session.journal, changed=True)  # a demo is never copied by itself
    make_backup_now(session.journal)  # as an earlier release did automatically
    backups = default_backup_dir(path), backup_stem(path)
    assert len(backup_files(*backups)) == 1
    session.lock()
    assert len(backup_files(*backups)) == 1  # locking made none

    seen = answer_box("demoChangedQuestion", "demoRestart")  # asked again; now start over
    window2, session2 = build_window(None, demo=True)
    qtbot.addWidget(window2)
    assert len(seen) == 1
    assert len(session2.journal.case_summaries()) == 12  # a fresh demo, the case is gone
    assert backup_files(*backups) == []  # and the copies that may hold it
    assert not demo_marker.changed_by_user(session2.journal)
    session2.lock()


def test_an_unchanged_demo_is_renewed_without_a_question(qtbot, monkeypatch):
    fresh_demo_journal(cases=5)
    monkeypatch.setattr(app, "DEMO_CASES", 7)

    def never() -> bool:
        raise AssertionError("asked about an unchanged demo")

    window, session = build_window(None, demo=True, keep_changed_demo=never)
    qtbot.addWidget(window)
    assert len(session.journal.case_summaries()) == 7
    session.lock()


def test_fingerprint_sees_an_edit_a_done_follow_up_and_a_draft(journal):
    case = make_case(journal)
    demo_marker.mark_as_demo(journal)
    assert not demo_marker.changed_by_user(journal)
    journal.log_activity("reservekopie")  # bookkeeping is no user change
    assert not demo_marker.changed_by_user(journal)
    follow_up = journal.follow_ups(case.id)[0]
    journal.set_follow_up_done(follow_up.id, follow_up.due)
    assert demo_marker.changed_by_user(journal)
    demo_marker.mark_as_demo(journal)
    from vp_desktop.domain.model import Draft

    journal.save_draft(Draft(kind="case", payload={"summary": "x"}, case_id=None))
    assert demo_marker.changed_by_user(journal)


# --- asking before leaving a journal with unsaved work ------------------------------------


def test_leaving_a_journal_with_an_unsaved_form_asks_first(qtbot, journal, tmp_path):
    window, session = window_on(qtbot, journal)
    other = tmp_path / "ander.vpj"
    Journal.create(other, PASSPHRASE, organisations=["Gemeente X"]).close()
    assert window.unsaved_work() == ""

    form = window.new_case()
    assert isinstance(form, CaseDialog)
    form.summary.setPlainText("Belde over de reorganisatie")
    assert form.is_dirty()

    seen = answer_box("leaveJournalQuestion", "leaveJournalCancel")
    assert not window.switch_to_journal(other)
    assert len(seen) == 1 and "1 venster heeft wijzigingen" in seen[0]
    assert session.is_unlocked and session.path == journal.path and form.isVisible()
    assert window.windowTitle() == "journaal — VP Desktop"

    seen = answer_box("leaveJournalQuestion", None)  # Escape = Annuleren
    assert window.create_journal() is None
    assert len(seen) == 1 and session.is_unlocked

    seen = answer_box("leaveJournalQuestion", "leaveJournalGo")
    assert window.switch_to_journal(other)
    assert len(seen) == 1 and not session.is_unlocked
    assert window.windowTitle() == "ander — VP Desktop"
    with Journal.open(journal.path, PASSPHRASE) as again:  # the form became a draft
        assert [d.kind for d in again.drafts()] == ["case"]


def test_unlock_screen_has_a_show_passphrase_toggle_by_keyboard(qtbot, journal):
    window, session = window_on(qtbot, journal)
    session.lock()
    view = window.unlock_view
    toggle = view.show_passphrase
    assert toggle.objectName() == "unlockShowPassphrase" and "&" in toggle.text()
    assert toggle.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert view.passphrase.echoMode() == QLineEdit.EchoMode.Password
    QTest.keyClick(toggle, Qt.Key.Key_Space)
    assert view.passphrase.echoMode() == QLineEdit.EchoMode.Normal
    view.reset()  # after the next lock it is hidden again
    assert view.passphrase.echoMode() == QLineEdit.EchoMode.Password
