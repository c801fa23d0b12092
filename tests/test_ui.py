"""The GUI, driven like a user would: real widgets offscreen, real journal files."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QWidget,
)

from vp_desktop.domain.model import FollowUp
from vp_desktop.storage.journal import Journal
from vp_desktop.ui.app import build_window
from vp_desktop.ui.case_dialog import CaseDialog
from vp_desktop.ui.consultation_dialog import ConsultationDialog
from vp_desktop.ui.create_journal_dialog import CreateJournalDialog
from vp_desktop.ui.main_window import MainWindow
from vp_desktop.ui.screen_lock import ScreenLockWatcher

from conftest import PASSPHRASE, make_case

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


# --- keyboard helpers: every key goes to whatever has focus, as for a real user ------------

def focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has keyboard focus"
    return widget


def press(key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(focus(), key, modifier)


def type_text(text: str) -> None:
    QTest.keyClicks(focus(), text)


def tab(times: int = 1) -> None:
    for _ in range(times):
        press(Qt.Key.Key_Tab)


def tab_to(qtbot, object_name: str, limit: int = 40) -> None:
    for _ in range(limit):
        if focus().objectName() == object_name:
            return
        tab()
    raise AssertionError(f"Tab never reached {object_name}; stuck at {focus().objectName()}")


def wait_for_dialog(qtbot, cls):
    """The modal dialog of type ``cls`` once it is shown and holds the keyboard focus."""
    def ready():
        modal = QApplication.activeModalWidget()
        return isinstance(modal, cls) and modal.isAncestorOf(QApplication.focusWidget())
    qtbot.waitUntil(ready)
    return QApplication.activeModalWidget()


def wait_for_no_dialog(qtbot):
    """No dialog left, and the keyboard focus back in the main window. The offscreen platform
    has no window manager, so we hand the activation back as a window manager would."""
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    if QApplication.activeWindow() is None:
        [window] = [w for w in QApplication.topLevelWidgets()
                    if isinstance(w, MainWindow) and w.isVisible()]
        window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)


def open_window(qtbot, path=None, demo=False):
    if path is None:  # a fresh start: forget the journal an earlier test opened
        from PySide6.QtCore import QSettings

        from vp_desktop.ui.main_window import SETTINGS_JOURNAL_KEY

        QSettings("VP Desktop", "VP Desktop").remove(SETTINGS_JOURNAL_KEY)  # as the app names it
    window, session = build_window(str(path) if path else None, demo)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    with qtbot.waitActive(window):
        pass
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return window, session


def unlock_with_keyboard(qtbot, window, passphrase=PASSPHRASE) -> None:
    # after a lock the window is activated by a queued event: wait for it, then check
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    assert focus().objectName() == "unlockPassphrase"
    type_text(passphrase)
    press(Qt.Key.Key_Return)


@pytest.fixture
def closed_journal(journal, journal_path):
    case = make_case(journal)
    journal.close()
    return journal_path, case


# --- the whole first-use flow with the keyboard only ------------------------------------------

def test_create_journal_add_case_and_log_consultation_with_keyboard_only(qtbot, tmp_path):
    window, session = open_window(qtbot)
    assert window.stack.currentIndex() == 0
    assert focus().objectName() == "unlockCreate"  # no journal yet: "Nieuw journaal" has focus
    press(Qt.Key.Key_Space)
    wait_for_dialog(qtbot, CreateJournalDialog)
    # choose the place: select the whole path and type a new one
    tab_to(qtbot, "createPath")
    press(Qt.Key.Key_A, CTRL)
    type_text(str(tmp_path / "mijn-journaal.vpj"))
    tab_to(qtbot, "createPassphrase")
    type_text(PASSPHRASE)
    tab()
    type_text(PASSPHRASE)
    tab_to(qtbot, "createVpName")
    type_text("Anne de Wit")
    tab_to(qtbot, "createOrganisation")
    type_text("Gemeente Toetsdorp")
    press(Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: session.is_unlocked)
    wait_for_no_dialog(qtbot)
    assert window.stack.currentIndex() == 1
    assert (tmp_path / "mijn-journaal.vpj").exists()

    # Ctrl+N: quick log with a new case (the list is empty, so "Nieuw dossier" is chosen)
    press(Qt.Key.Key_N, CTRL)
    wait_for_dialog(qtbot, ConsultationDialog)
    assert focus().objectName() == "consultationNotes"  # the notes first, always
    type_text("Melder vertelt over herhaald buitensluiten door collega's.")
    press(Qt.Key.Key_N, ALT)  # the new case's categories
    qtbot.waitUntil(lambda: focus().objectName() == "consultationCategories")
    press(Qt.Key.Key_Space)  # first category: Pesten
    tab_to(qtbot, "consultationAdvice")
    type_text("Advies: incidenten opschrijven.")
    tab()
    assert focus().objectName() == "consultationFollowUp"
    type_text("Terugbellen")
    press(Qt.Key.Key_Return, CTRL)
    wait_for_no_dialog(qtbot)

    journal = session.journal
    [summary] = journal.case_summaries()
    assert summary.categories == ("pesten",)
    [consultation] = journal.consultations(summary.id)
    assert "buitensluiten" in consultation.notes
    assert consultation.advice == "Advies: incidenten opschrijven."
    assert [f.what for f in journal.follow_ups(summary.id)] == ["Terugbellen"]
    assert window.case_list.proxy.rowCount() == 1
    assert window.case_view.case.id == summary.id

    # second consultation for the selected case: Ctrl+N, type, Ctrl+Enter
    press(Qt.Key.Key_N, CTRL)
    wait_for_dialog(qtbot, ConsultationDialog)
    assert focus().objectName() == "consultationNotes"  # the case is preselected
    type_text("Tweede gesprek: gesprek met leidinggevende gepland.")
    press(Qt.Key.Key_Return, CTRL)
    wait_for_no_dialog(qtbot)
    assert len(journal.consultations(summary.id)) == 2
    assert window.case_view.consultations.rowCount() == 2

    # Ctrl+E edits the case: set the relation with the keyboard and save
    press(Qt.Key.Key_E, CTRL)
    wait_for_dialog(qtbot, CaseDialog)
    tab_to(qtbot, "caseRelation")
    type_text("Collega")
    press(Qt.Key.Key_Return, CTRL)
    wait_for_no_dialog(qtbot)
    assert journal.get_case(summary.id).relation == "collega"


def test_wrong_passphrase_shows_calm_message_and_stays_locked(qtbot, closed_journal):
    path, _case = closed_journal
    before = path.read_bytes()
    window, session = open_window(qtbot, path)
    unlock_with_keyboard(qtbot, window, "niet het goede wachtwoord")
    assert not session.is_unlocked
    assert window.stack.currentIndex() == 0
    assert "wachtwoord klopt niet" in window.unlock_view.message.text()
    assert path.read_bytes() == before
    unlock_with_keyboard_after_error(qtbot, window)
    assert session.is_unlocked


def unlock_with_keyboard_after_error(qtbot, window) -> None:
    assert focus().objectName() == "unlockPassphrase"
    type_text(PASSPHRASE)  # the wrong text is selected, typing replaces it
    press(Qt.Key.Key_Return)


# --- locking -----------------------------------------------------------------------------------

def test_auto_lock_hides_everything_and_keeps_the_draft(qtbot, closed_journal):
    path, case = closed_journal
    window, session = open_window(qtbot, path)
    unlock_with_keyboard(qtbot, window)
    window.case_list.select_case(case.id)
    press(Qt.Key.Key_N, CTRL)
    wait_for_dialog(qtbot, ConsultationDialog)
    type_text("Half getypte aantekening die niet verloren mag gaan")
    QGuiApplication.clipboard().setText("gekopieerd uit het dossier")

    session.set_auto_lock_ms(150)
    qtbot.waitUntil(lambda: not session.is_unlocked, timeout=3000)
    assert window.stack.currentIndex() == 0
    assert window.case_list.model.rowCount() == 0
    assert window.case_view.case is None
    assert window.open_follow_ups.rowCount() == 0
    assert QApplication.activeModalWidget() is None
    assert not [w for w in QApplication.topLevelWidgets()
                if isinstance(w, ConsultationDialog) and w.isVisible()]
    assert QGuiApplication.clipboard().text() == ""
    # the draft is inside the encrypted journal
    with Journal.open(path, PASSPHRASE) as other:
        [draft] = other.drafts()
        assert draft.kind == "consultation"
        assert draft.case_id == case.id
        assert "niet verloren" in draft.payload["notes"]

    unlock_with_keyboard(qtbot, window)
    assert window.draft_banner.isVisible()
    assert isinstance(window.resume_draft(), ConsultationDialog)
    dialog = wait_for_dialog(qtbot, ConsultationDialog)
    assert "niet verloren" in dialog.notes.toPlainText()
    assert session.journal.drafts() == []
    press(Qt.Key.Key_Return, CTRL)
    wait_for_no_dialog(qtbot)
    notes = [c.notes for c in session.journal.consultations(case.id)]
    assert "Half getypte aantekening die niet verloren mag gaan" in notes


def test_ctrl_l_locks_and_an_unchanged_form_leaves_no_draft(qtbot, closed_journal):
    path, _case = closed_journal
    window, session = open_window(qtbot, path)
    unlock_with_keyboard(qtbot, window)
    window.new_case()
    wait_for_dialog(qtbot, CaseDialog)
    press(Qt.Key.Key_L, CTRL)
    assert not session.is_unlocked
    assert QApplication.activeModalWidget() is None
    with Journal.open(path, PASSPHRASE) as other:
        assert other.drafts() == []


def test_clipboard_with_foreign_text_is_left_alone(qtbot, closed_journal):
    path, _case = closed_journal
    window, session = open_window(qtbot, path)
    QGuiApplication.clipboard().setText("tekst van een ander programma")  # while locked
    unlock_with_keyboard(qtbot, window)
    press(Qt.Key.Key_L, CTRL)
    assert QGuiApplication.clipboard().text() == "tekst van een ander programma"


# --- follow-ups --------------------------------------------------------------------------------

def test_follow_ups_overview_opens_on_unlock_when_something_is_due(qtbot, journal, journal_path):
    case = make_case(journal)
    journal.add_follow_up(case.id, FollowUp(what="Nabellen", due=date.today() - timedelta(1)))
    journal.add_follow_up(case.id, FollowUp(what="Later", due=date.today() + timedelta(30)))
    journal.close()
    window, session = open_window(qtbot, journal_path)
    unlock_with_keyboard(qtbot, window)
    assert window.tabs.currentIndex() == 1
    model = window.open_follow_ups
    texts = [model.index(r, 2).data() for r in range(model.rowCount())]
    assert "Nabellen" in texts and "Later" in texts
    assert any(t.startswith("Uiterste datum klacht bij LKOG") for t in texts)
    overdue_row = texts.index("Nabellen")
    later_row = texts.index("Later")
    assert model.index(overdue_row, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(later_row, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    assert "over tijd" in window.tabs.tabText(1)

    # finish the overdue one from the overview with the keyboard
    window.follow_up_view.setFocus()
    window.follow_up_view.selectRow(overdue_row)
    window._finish_selected_open_follow_up()
    texts = [model.index(r, 2).data() for r in range(model.rowCount())]
    assert "Nabellen" not in texts


# --- the case list -----------------------------------------------------------------------------

def test_filter_searches_codes_categories_and_note_text(qtbot, journal, journal_path):
    first = make_case(journal)
    second = make_case(journal, categories=("werkdruk",))
    journal.close()
    window, _session = open_window(qtbot, journal_path)
    unlock_with_keyboard(qtbot, window)
    panel = window.case_list
    assert panel.proxy.rowCount() == 2
    press(Qt.Key.Key_F, CTRL)
    assert focus() is panel.filter_box
    type_text("werkdruk")
    assert panel.proxy.rowCount() == 1
    panel.filter_box.clear()
    type_text("ideeen")  # a word in the notes, without its diaeresis
    assert panel.proxy.rowCount() == 2
    panel.filter_box.clear()
    type_text(second.code)
    assert panel.proxy.rowCount() == 1
    visible = panel.proxy.index(0, 0).data()
    assert visible == second.code != first.code
    panel.filter_box.clear()
    panel.status.setCurrentIndex(panel.status.findData("gesloten"))
    assert panel.proxy.rowCount() == 0


def test_models_pass_the_model_tester(qtbot, qtmodeltester, journal, journal_path):
    for _ in range(5):
        make_case(journal)
    journal.close()
    window, _session = open_window(qtbot, journal_path)
    unlock_with_keyboard(qtbot, window)
    qtmodeltester.check(window.case_list.model)
    qtmodeltester.check(window.case_list.proxy)
    qtmodeltester.check(window.case_view.consultations)
    qtmodeltester.check(window.case_view.follow_ups)
    qtmodeltester.check(window.open_follow_ups)
    window.case_list.view.sortByColumn(6, Qt.SortOrder.AscendingOrder)
    qtmodeltester.check(window.case_list.proxy)


# --- accessibility -----------------------------------------------------------------------------

INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit,
               QAbstractItemView, QTabWidget)


def unnamed_interactive_widgets(root: QWidget) -> list[str]:
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or widget.objectName().startswith("qt_"):
            continue  # qt_…: Qt's own helpers, such as the menu bar's overflow button
        parent, inside = widget.parentWidget(), False
        while parent is not None and parent is not root:
            if isinstance(parent, INTERACTIVE):
                inside = True  # a part of a composite widget, named as a whole
                break
            parent = parent.parentWidget()
        if inside:
            continue
        # a button with text is named by its text (named() leaves its name to Qt)
        spoken = widget.accessibleName() or (
            widget.text() if isinstance(widget, QAbstractButton) else "")
        if not widget.objectName() or not spoken:
            missing.append(f"{type(widget).__name__} '{widget.objectName()}'")
    return missing


def test_every_interactive_widget_has_an_object_and_accessible_name(qtbot, closed_journal):
    path, _case = closed_journal
    window, session = open_window(qtbot, path)
    assert unnamed_interactive_widgets(window) == []
    unlock_with_keyboard(qtbot, window)
    assert unnamed_interactive_widgets(window) == []
    for opener in (window.log_consultation, window.new_case, window.edit_case,
                   window.add_follow_up, window.open_settings):
        dialog = opener()
        assert unnamed_interactive_widgets(dialog) == [], type(dialog).__name__
        dialog.close_for_lock()
    session.lock()
    window.create_journal()
    dialog = window.findChild(CreateJournalDialog)
    assert unnamed_interactive_widgets(dialog) == []
    dialog.reject()


# --- creating a journal: the guards ------------------------------------------------------------

def test_create_dialog_refuses_weak_passphrase_without_confirmation(qtbot, tmp_path):
    dialog = CreateJournalDialog(default_path=tmp_path / "j.vpj")
    qtbot.addWidget(dialog)
    dialog.passphrase.setText("fiets12345")
    dialog.repeat.setText("fiets12345")
    dialog.organisation.setText("Gemeente X")
    assert dialog.accept_weak.isVisibleTo(dialog)
    dialog.try_create()
    assert dialog.journal is None
    assert "zwak" in dialog.error.text()
    assert not (tmp_path / "j.vpj").exists()
    dialog.accept_weak.setChecked(True)
    dialog.try_create()
    assert dialog.journal is not None
    dialog.journal.close()


def test_create_dialog_warns_for_a_sync_folder_and_needs_the_override(qtbot, tmp_path):
    target = tmp_path / "OneDrive - Gemeente X" / "j.vpj"
    dialog = CreateJournalDialog(default_path=target)
    qtbot.addWidget(dialog)
    assert "OneDrive" in dialog.location_note.text()
    assert dialog.sync_override.isVisibleTo(dialog)
    dialog.passphrase.setText(PASSPHRASE)
    dialog.repeat.setText(PASSPHRASE)
    dialog.organisation.setText("Gemeente X")
    dialog.try_create()
    assert dialog.journal is None and not target.exists()
    dialog.sync_override.setChecked(True)
    dialog.try_create()
    assert dialog.journal is not None and target.exists()
    dialog.journal.close()


def test_case_form_rejects_inconsistent_input_with_a_message(qtbot, closed_journal):
    path, case = closed_journal
    window, session = open_window(qtbot, path)
    unlock_with_keyboard(qtbot, window)
    window.case_list.select_case(case.id)
    dialog = window.edit_case()
    dialog.anonymous.setChecked(False)
    dialog.melder_name.clear()
    dialog.try_save()
    assert dialog.isVisible()
    assert "naam van de melder" in dialog.error_label.text()
    assert session.journal.get_case(case.id).melder.name == "Jan de Vries"
    dialog.close_for_lock()


def test_screen_lock_signal_locks_the_journal(qtbot, closed_journal):
    path, _case = closed_journal
    window, session = open_window(qtbot, path)
    unlock_with_keyboard(qtbot, window)
    watcher = window.findChild(ScreenLockWatcher)
    assert watcher is not None
    watcher._on_active_changed(False)  # screen saver switched off: nothing happens
    assert session.is_unlocked
    watcher._on_active_changed(True)  # what the session bus announces when the screen locks
    assert not session.is_unlocked
    assert window.stack.currentIndex() == 0


def test_tab_leaves_a_date_field_at_once_and_empty_notes_are_refused(qtbot, closed_journal):
    path, case = closed_journal
    window, session = open_window(qtbot, path)
    unlock_with_keyboard(qtbot, window)
    window.case_list.select_case(case.id)
    press(Qt.Key.Key_N, CTRL)
    dialog = wait_for_dialog(qtbot, ConsultationDialog)
    dialog.started.setFocus()
    tab()
    assert focus().objectName() == "consultationDuration"
    press(Qt.Key.Key_Return, CTRL)  # nothing typed yet
    assert dialog.isVisible()
    assert "aantekeningen" in dialog.error_label.text().lower()
    assert len(session.journal.consultations(case.id)) == 1


def test_demo_journal_is_not_remembered_as_the_users_journal(qtbot):
    from PySide6.QtCore import QSettings

    from vp_desktop.ui.main_window import SETTINGS_JOURNAL_KEY

    QSettings("VP Desktop", "VP Desktop").remove(SETTINGS_JOURNAL_KEY)  # one file per process
    window, session = open_window(qtbot, demo=True)
    assert session.is_unlocked
    assert QSettings("VP Desktop", "VP Desktop").value(SETTINGS_JOURNAL_KEY, "") == ""
    # the file name and the application name once (Qt adds nothing to a title ending in it)
    assert window.windowTitle() == "demojournaal — VP Desktop"
