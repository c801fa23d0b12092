"""The two handover dialogs, driven through their widgets offscreen on real journals."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QApplication

from vp_desktop.storage.journal import Journal
from vp_desktop.ui.handover_dialog import HandoverDialog, TakeOverDialog
from vp_desktop.ui.main_window import MainWindow
from vp_desktop.ui.session import Session

from conftest import make_case
from test_ui import unnamed_interactive_widgets

SUCCESSOR = "zebra kompas oranje molen"


def window_with(qtbot, journal) -> tuple[MainWindow, Session]:
    session = Session()
    window = MainWindow(session, journal.path)
    qtbot.addWidget(window)
    session.adopt(journal)
    return window, session


def test_handover_dialog_hands_over_an_organisation_then_removes_it(qtbot, journal, tmp_path):
    testdorp = journal.organisation_named("Gemeente Testdorp").id
    open_case = make_case(journal, organisation_id=testdorp)
    closed = make_case(journal, organisation_id=testdorp, status="gesloten",
                       closed=date(2026, 4, 1))
    other = make_case(journal)  # Gemeente Proefstad: stays
    window, session = window_with(qtbot, journal)
    assert window.act_handover.isEnabled() and window.act_take_over.isEnabled()
    dialog = window.open_handover()
    assert isinstance(dialog, HandoverDialog)
    assert unnamed_interactive_widgets(dialog) == []  # every control named

    dialog.organisation.setCurrentIndex(dialog.organisation.findData("Gemeente Testdorp"))
    assert sorted(dialog.chosen_ids()) == sorted([open_case.id, closed.id])
    target = tmp_path / "opvolger"
    dialog.path.setText(str(target))
    dialog.passphrase.setText("fiets12345")
    dialog.repeat.setText("fiets12345")
    assert dialog.accept_weak.isVisibleTo(dialog)
    assert not dialog.try_hand_over()
    assert "zwak" in dialog.error.text() and not list(tmp_path.glob("opvolger*"))
    dialog.passphrase.setText(SUCCESSOR)
    dialog.repeat.setText(SUCCESSOR + "x")
    assert not dialog.try_hand_over() and "verschillen" in dialog.error.text()
    dialog.repeat.setText(SUCCESSOR)
    assert dialog.try_hand_over(), dialog.error.text()
    assert dialog.pages.currentIndex() == 1
    assert dialog.passphrase.text() == ""  # not kept in the widget
    new_path = tmp_path / "opvolger.vpj"
    with Journal.open(new_path, SUCCESSOR) as new:
        assert sorted(s.code for s in new.case_summaries()) == sorted([open_case.code,
                                                                       closed.code])
    assert session.journal.activity(1)[0].kind == "overdracht"

    assert dialog.destroy_handed_over()
    assert "vernietigd" in dialog.destroy_note.text() and "verwijderd" in dialog.destroy_note.text()
    remaining = {s.code: s for s in session.journal.case_summaries()}
    assert open_case.code not in remaining  # open: deleted, it lives with the successor
    assert remaining[closed.code].destroyed  # closed: destroyed, statistics kept
    assert other.code in remaining and not remaining[other.code].destroyed
    dialog.accept()
    session.lock()
    QApplication.processEvents()


def test_take_over_dialog_names_clashing_codes(qtbot, journal, tmp_path):
    make_case(journal)
    other = tmp_path / "voorganger.vpj"
    with Journal.create(other, SUCCESSOR, organisations=["Gemeente Elders"]) as j:
        make_case(j)  # the same code 2026-001: a clash
        make_case(j)
    window, session = window_with(qtbot, journal)
    dialog = window.open_take_over()
    assert isinstance(dialog, TakeOverDialog)
    dialog.path.setText(str(other))
    dialog.passphrase.setText("fout wachtwoord")
    assert not dialog.try_take_over() and "andere journaal" in dialog.error.text()
    dialog.passphrase.setText(SUCCESSOR)
    assert not dialog.try_take_over()
    assert "2026-001" in dialog.error.text() and "2026-002" not in dialog.error.text()
    assert len(session.journal.case_summaries()) == 1

    session.journal.destroy_cases([session.journal.case_id_for_code("2026-001")],
                                  entirely=True)
    fresh = tmp_path / "fris.vpj"
    with Journal.create(fresh, SUCCESSOR, organisations=["Gemeente Elders"]) as j:
        make_case(j, code="2026-101")
    dialog.path.setText(str(fresh))
    dialog.passphrase.setText(SUCCESSOR)
    assert dialog.try_take_over(), dialog.error.text()
    assert "1 dossier overgenomen" in dialog.done_text.text()
    assert "Gemeente Elders" in dialog.done_text.text()
    assert session.journal.case_id_for_code("2026-101") is not None
    dialog.reject()
    session.lock()
