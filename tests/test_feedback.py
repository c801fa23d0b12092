"""Feedback and undo (issue 9): a status-bar message after every save (case code only),
"Afgerond" undone with Ctrl+Z, statutory terms that passed shown grey as "verstreken" and
dismissable for good, and the question when a case is closed with open follow-ups."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from vp_desktop.domain.deadlines import LKOG_KEY
from vp_desktop.domain.model import FollowUp
from vp_desktop.storage.journal import Journal
from vp_desktop.ui.case_dialog import CaseDialog
from vp_desktop.ui.case_list_model import OVERDUE_BRUSH
from vp_desktop.ui.consultation_dialog import ConsultationDialog
from vp_desktop.ui.follow_up_dialog import FollowUpDialog
from vp_desktop.ui.record_models import PASSED_BRUSH
from vp_desktop.ui.widgets import set_combo_data

from conftest import make_case
from test_ui import (
    CTRL,
    SHIFT,
    open_window,
    press,
    type_text,
    unlock_with_keyboard,
    wait_for_dialog,
    wait_for_no_dialog,
)

TODAY = date.today()


def _open(qtbot, journal: Journal, path, case_id: int):
    journal.close()
    window, session = open_window(qtbot, path)
    unlock_with_keyboard(qtbot, window)
    qtbot.waitUntil(lambda: session.is_unlocked)
    window.tabs.setCurrentIndex(0)
    window.case_list.select_case(case_id)
    window.case_list.view.setFocus()
    qtbot.waitUntil(lambda: window.case_view.case is not None
                    and window.case_view.case.id == case_id)
    return window, session


def _message(window) -> str:
    return window.statusBar().currentMessage()


def _row_of(model, what: str) -> int:
    rows = [r for r in range(model.rowCount()) if model.index(r, 1).data() == what
            or model.index(r, 2).data() == what]
    assert rows, f"{what} not listed"
    return rows[0]


def _answer_message_box(qtbot, button_name: str) -> list:
    """Click a button of the message box that is about to open (it blocks in exec)."""
    def click():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        clicked.append(box.text())
        clicked.append(sorted(b.text() for b in box.buttons()))
        box.findChild(QPushButton, button_name).click()
    clicked: list = []
    QTimer.singleShot(20, click)
    return clicked


# --- 1. every save says so, with the case code and nothing else ---------------------------------

def test_saves_are_announced_with_the_case_code_only(qtbot, journal, journal_path):
    case = make_case(journal)
    window, session = _open(qtbot, journal, journal_path, case.id)
    assert window.ANNOUNCE_MS == 8000

    press(Qt.Key.Key_N, CTRL)  # a consultation in the selected case
    wait_for_dialog(qtbot, ConsultationDialog)
    type_text("Geheime aantekening over Jansen")
    press(Qt.Key.Key_Return, CTRL)
    wait_for_no_dialog(qtbot)
    assert _message(window) == f"Gesprek opgeslagen in {case.code}."

    press(Qt.Key.Key_V, CTRL | SHIFT)
    wait_for_dialog(qtbot, FollowUpDialog)
    type_text("Bellen met Jansen")
    press(Qt.Key.Key_Return, CTRL)
    wait_for_no_dialog(qtbot)
    assert _message(window) == f"Vervolgstap toegevoegd aan {case.code}."

    press(Qt.Key.Key_E, CTRL)
    wait_for_dialog(qtbot, CaseDialog)
    press(Qt.Key.Key_Return, CTRL)
    wait_for_no_dialog(qtbot)
    assert _message(window) == f"Dossier {case.code} opgeslagen."

    session.backup_done.emit("")  # what the session sends after a backup that worked
    assert _message(window) == "Reservekopie gemaakt."


# --- 2. Afgerond, then Ctrl+Z -----------------------------------------------------------------

def test_afgerond_is_undone_with_ctrl_z_in_the_journal(qtbot, journal, journal_path):
    case = make_case(journal)
    journal.add_follow_up(case.id, FollowUp(what="Nabellen", due=TODAY + timedelta(3)))
    window, session = _open(qtbot, journal, journal_path, case.id)
    view = window.case_view
    assert not window.act_undo.isEnabled()  # nothing to undo yet

    row = _row_of(view.follow_ups, "Nabellen")
    follow_up_id = view.follow_ups.record(row).id
    view.follow_up_view.setFocus()
    view.follow_up_view.selectRow(row)
    QTest.mouseClick(view.done_button, Qt.MouseButton.LeftButton)
    done = {f.id: f for f in session.journal.follow_ups(case.id)}[follow_up_id]
    assert done.done == TODAY
    assert _message(window) == f"Vervolgstap afgerond ({case.code}). Ongedaan maken (Ctrl+Z)"
    assert window.act_undo.isEnabled()

    view.follow_up_view.setFocus()
    press(Qt.Key.Key_Z, CTRL)
    reopened = {f.id: f for f in session.journal.follow_ups(case.id)}[follow_up_id]
    assert reopened.done is None and reopened.is_open
    assert _message(window) == f"Vervolgstap weer open ({case.code})."
    assert not window.act_undo.isEnabled()
    assert "Nabellen" in [window.open_follow_ups.index(r, 2).data()
                          for r in range(window.open_follow_ups.rowCount())]

    # only the last action, once: finish two from the overview, Ctrl+Z twice
    window.tabs.setCurrentIndex(1)
    overview = window.open_follow_ups
    window.follow_up_view.setFocus()
    window.follow_up_view.selectRow(_row_of(overview, "Nabellen"))
    window._finish_selected_open_follow_up()
    window.follow_up_view.selectRow(_row_of(overview, "Terugbellen"))
    window._finish_selected_open_follow_up()
    press(Qt.Key.Key_Z, CTRL)
    press(Qt.Key.Key_Z, CTRL)
    state = {f.what: f.done for f in session.journal.follow_ups(case.id)}
    assert state["Terugbellen"] is None and state["Nabellen"] == TODAY

    # a case closed after "afgerond" keeps its step done: undo says so and changes nothing
    window.follow_up_view.selectRow(_row_of(window.open_follow_ups, "Terugbellen"))
    window._finish_selected_open_follow_up()
    assert window.act_undo.isEnabled()
    import dataclasses

    session.journal.update_case(dataclasses.replace(session.journal.get_case(case.id),
                                                    status="gesloten", closed=TODAY))
    press(Qt.Key.Key_Z, CTRL)
    assert {f.what: f.done for f in session.journal.follow_ups(case.id)}["Terugbellen"] == TODAY
    assert _message(window).startswith("Niet meer ongedaan te maken")

    session.lock()  # locking forgets what could be undone
    assert not window.act_undo.isEnabled()


# --- 3. a statutory term that passed -------------------------------------------------------------

def _lkog(journal: Journal, case_id: int) -> FollowUp:
    return next(f for f in journal.follow_ups(case_id) if f.statutory_key == LKOG_KEY)


def test_passed_term_is_grey_and_stays_dismissed_after_reload(qtbot, journal, journal_path):
    incident = TODAY - timedelta(days=3 * 365)  # the LKOG term (2 years) passed a year ago
    case = make_case(journal, incident_date=incident)
    journal.add_follow_up(case.id, FollowUp(what="Late stap", due=TODAY - timedelta(2)))
    lkog = _lkog(journal, case.id)
    assert lkog.is_passed_term(TODAY) and not lkog.is_overdue(TODAY)
    window, session = _open(qtbot, journal, journal_path, case.id)

    overview = window.open_follow_ups
    lkog_row = [r for r in range(overview.rowCount())
                if overview.record(r).follow_up.statutory_key == LKOG_KEY][0]
    late_row = _row_of(overview, "Late stap")
    assert overview.index(lkog_row, 4).data() == "verstreken"
    assert overview.index(lkog_row, 0).data(Qt.ItemDataRole.ForegroundRole) == PASSED_BRUSH
    assert overview.index(late_row, 4).data() == "over tijd"  # ordinary steps stay late
    assert overview.index(late_row, 0).data(Qt.ItemDataRole.ForegroundRole) == OVERDUE_BRUSH

    view = window.case_view
    view.follow_up_view.selectRow(_row_of(view.follow_ups, "Late stap"))
    assert not view.dismiss_button.isEnabled()  # only passed statutory terms can be hidden
    view.follow_up_view.selectRow(
        [r for r in range(view.follow_ups.rowCount())
         if view.follow_ups.record(r).statutory_key == LKOG_KEY][0])
    assert view.dismiss_button.isEnabled()
    QTest.mouseClick(view.dismiss_button, Qt.MouseButton.LeftButton)
    assert _lkog(session.journal, case.id).dismissed == TODAY
    assert _message(window).startswith(f"Verstreken termijn afgehandeld ({case.code})")
    assert all(o.follow_up.statutory_key != LKOG_KEY for o in overview.records())

    # saving the case unchanged keeps the dismissal; a lock and a new unlock too
    press(Qt.Key.Key_E, CTRL)
    wait_for_dialog(qtbot, CaseDialog)
    press(Qt.Key.Key_Return, CTRL)
    wait_for_no_dialog(qtbot)
    session.lock()
    unlock_with_keyboard(qtbot, window)
    qtbot.waitUntil(lambda: session.is_unlocked)
    assert _lkog(session.journal, case.id).dismissed == TODAY
    assert all(o.follow_up.statutory_key != LKOG_KEY for o in window.open_follow_ups.records())
    window.case_list.select_case(case.id)
    states = [view.follow_ups.index(r, 3).data() for r in range(view.follow_ups.rowCount())]
    assert any(s.startswith("verstreken, afgehandeld") for s in states)

    # a moved incident date makes it a new term: shown again
    moved = session.journal.get_case(case.id)
    moved.incident_date = TODAY - timedelta(days=30)
    session.journal.update_case(moved)
    assert _lkog(session.journal, case.id).dismissed is None


# --- 4. closing a case with open follow-ups -------------------------------------------------------

def _close_in_dialog(qtbot, answer: str):
    press(Qt.Key.Key_E, CTRL)
    dialog = wait_for_dialog(qtbot, CaseDialog)
    set_combo_data(dialog.status, "gesloten")
    texts = _answer_message_box(qtbot, answer)
    press(Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: bool(texts))
    return dialog, texts


def test_closing_with_open_follow_ups_asks_and_does_it(qtbot, journal, journal_path):
    case = make_case(journal)
    other = make_case(journal)
    window, session = _open(qtbot, journal, journal_path, case.id)

    dialog, texts = _close_in_dialog(qtbot, "closeCancel")  # Annuleren: back to the form
    assert texts == ["Dit dossier heeft nog 1 open vervolgstap. Wat wilt u daarmee doen?",
                     ["Alle open vervolgstappen &afronden", "Ann&uleren", "Open &laten"]]
    assert dialog.isVisible()
    assert session.journal.get_case(case.id).status == "open"
    texts = _answer_message_box(qtbot, "closeFinishAll")
    dialog.try_save()
    wait_for_no_dialog(qtbot)
    assert session.journal.get_case(case.id).status == "gesloten"
    assert [f.done for f in session.journal.follow_ups(case.id)] == [TODAY]
    assert _message(window) == f"Dossier {case.code} opgeslagen; 1 open vervolgstap afgerond."

    window.case_list.select_case(other.id)
    qtbot.waitUntil(lambda: window.case_view.case.id == other.id)
    _close_in_dialog(qtbot, "closeKeepOpen")
    wait_for_no_dialog(qtbot)
    assert session.journal.get_case(other.id).status == "gesloten"
    assert [f.done for f in session.journal.follow_ups(other.id)] == [None]
    assert _message(window) == f"Dossier {other.code} opgeslagen."

    # a case closed already is not asked about again
    press(Qt.Key.Key_E, CTRL)
    wait_for_dialog(qtbot, CaseDialog)
    press(Qt.Key.Key_Return, CTRL)
    wait_for_no_dialog(qtbot)
    assert [f.done for f in session.journal.follow_ups(other.id)] == [None]

