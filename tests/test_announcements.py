"""Issue 12, "Messages are announced": every error or status text that appears without the
user moving to it is announced (errors assertively, results politely), its label is in the
accessibility tree with its text as name, and a blocking error moves the focus to the field
at fault or to the message. Real widgets, real journals; the AT-SPI end-to-end check of the
lock screen is tests/test_atspi_announce.py."""

from __future__ import annotations

import test_ui_letters
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtPdf import QPdfDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QWidget
from test_ui_letters import pdf_printer

from vp_desktop.ui import announce
from vp_desktop.ui.consultation_dialog import ConsultationDialog
from vp_desktop.ui.letter_dialog import LetterDialog

from test_ui import (
    CTRL,
    focus,
    open_window,
    press,
    type_text,
    wait_for_dialog,
    wait_for_no_dialog,
)

unlocked = test_ui_letters.unlocked  # the same unlocked window with a named case

def said_since(mark: int) -> list[tuple[str, bool]]:
    """The announcements made after ``mark`` (a length of recent_events())."""
    return announce.recent_events()[mark:]


def mark() -> int:
    """Start counting announcements afresh (the record keeps the last few only)."""
    announce.clear_recent()
    return 0


def in_tree_with_its_text(label: QLabel) -> str:
    """The label shows, and the accessible interface the platform bridge exports names it
    by the text a sighted user reads (not a fixed name such as "Foutmeldingen")."""
    assert label.isVisible() and label.text()
    iface = QAccessible.queryAccessibleInterface(label)
    assert iface is not None and iface.isValid()
    assert not iface.state().invisible
    name = iface.text(QAccessible.Text.Name)
    assert name == label.text()
    return name


def flat(text: str) -> str:
    return " ".join(text.split())




def test_a_wrong_passphrase_is_announced_and_the_focus_is_back_in_the_field(qtbot, journal,
                                                                               journal_path):
    journal.close()
    window, session = open_window(qtbot, journal_path)
    view = window.unlock_view
    assert view.message.isHidden()  # no empty label in the tree before there is a message
    start = mark()
    press(Qt.Key.Key_Return)  # nothing typed
    assert said_since(start) == [("Typ uw wachtwoord.", True)]
    assert focus() is view.passphrase
    in_tree_with_its_text(view.message)

    start = mark()
    type_text("niet het goede wachtwoord")
    press(Qt.Key.Key_Return)
    assert not session.is_unlocked
    [(text, assertive)] = said_since(start)
    assert assertive and "wachtwoord klopt niet" in text
    assert in_tree_with_its_text(view.message) == text
    assert view.message.focusPolicy() == Qt.FocusPolicy.TabFocus  # reachable while it shows
    assert focus() is view.passphrase  # the wrong text selected: typing starts over
    assert (view.passphrase.selectionStart(), view.passphrase.selectionLength()) == \
        (0, len("niet het goede wachtwoord"))
    assert "niet het goede" not in " ".join(t for t, _a in announce.recent_events())


def test_an_unknown_dossier_is_announced_and_the_focus_goes_to_the_dossier_field(qtbot,
                                                                                  unlocked):
    window, session, _case = unlocked
    press(Qt.Key.Key_N, CTRL)
    dialog = wait_for_dialog(qtbot, ConsultationDialog)
    type_text("Aantekening")
    dialog.case_combo.setFocus()
    dialog.case_combo.lineEdit().selectAll()
    type_text("2099-999")
    dialog.notes.setFocus()
    assert dialog.error_label.isHidden()
    start = mark()
    press(Qt.Key.Key_Return, CTRL)
    assert dialog.isVisible()
    [(text, assertive)] = said_since(start)
    assert assertive and "2099-999" in text and "bestaat niet" in text
    assert flat(in_tree_with_its_text(dialog.error_label)) == text
    assert focus() in (dialog.case_combo, dialog.case_combo.lineEdit())
    assert dialog.case_combo.lineEdit().selectedText() == "2099-999"
    dialog.close_for_lock()
    wait_for_no_dialog(qtbot)

    # the Save button pressed, a problem without a single field at fault: to the message
    press(Qt.Key.Key_N, CTRL)
    dialog = wait_for_dialog(qtbot, ConsultationDialog)  # no notes: refused
    save = dialog.buttons.buttons()[0]
    save.setFocus()
    start = mark()
    QTest.keyClick(save, Qt.Key.Key_Space)
    [(text, assertive)] = said_since(start)
    assert assertive and "aantekeningen" in text
    assert focus() is dialog.error_label  # no single field at fault: the message
    in_tree_with_its_text(dialog.error_label)
    dialog.close_for_lock()


def test_letter_name_check_and_a_refused_ctrl_p_are_announced(qtbot, unlocked, tmp_path):
    window, session, _case = unlocked
    dialog = window.make_letter()
    assert isinstance(dialog, LetterDialog)
    qtbot.waitUntil(lambda: dialog.preview.pdf.status() == QPdfDocument.Status.Ready,
                    timeout=5000)
    in_tree_with_its_text(dialog.hits_label)
    start = mark()
    dialog.text.appendPlainText("\nIk sprak hierover met Petra.")
    dialog.update_check_and_preview()
    [(text, assertive)] = said_since(start)
    assert not assertive and "1 naam of contactgegevens gevonden" in text
    start = mark()
    dialog.update_check_and_preview()  # worked out again, unchanged: not said again
    assert said_since(start) == []

    dialog.text.setFocus()
    start = mark()
    press(Qt.Key.Key_P, CTRL)  # refused before any printer dialog
    [(text, assertive)] = said_since(start)
    assert assertive and "naam" in text
    assert flat(in_tree_with_its_text(dialog.error_label)) == text
    assert focus() is dialog.hits  # the names found: Enter walks them

    dialog.text.setPlainText(dialog.text.toPlainText().replace(" met Petra", ""))
    start = mark()
    assert dialog.print_letter(pdf_printer(tmp_path / "brief.pdf"))
    said = said_since(start)
    assert ("De brief is naar de printer gestuurd.", False) in said
    assert dialog.error_label.isHidden()
    assert in_tree_with_its_text(dialog.status) == "De brief is naar de printer gestuurd."
    dialog.close_for_lock()


def test_annual_report_refusal_export_and_focus_on_the_export_button(qtbot, unlocked,
                                                                    tmp_path):
    window, session, _case = unlocked
    dialog = wait_for_dialog(qtbot, type(window.open_annual_report()))
    dialog.narrative.setPlainText("Petra van den Berg was het onderwerp.")
    button = dialog.export_buttons["csv"]
    button.setFocus()
    start = mark()
    dialog.export("csv", str(tmp_path / "jaar.csv"))
    said = said_since(start)
    assert said and said[-1][1] and "Petra" not in said[-1][0]
    assert flat(in_tree_with_its_text(dialog.error_label)) == said[-1][0]
    assert focus() is dialog.narrative  # the name is in the text

    dialog.narrative.setPlainText("Werkdruk blijft het belangrijkste signaal.")
    button.setFocus()
    start = mark()
    out = tmp_path / "jaar.csv"
    dialog.export("csv", str(out))
    qtbot.waitUntil(lambda: out.exists() and "Geëxporteerd" in dialog.status.text(),
                    timeout=10000)
    said = said_since(start)
    assert said[-1] == (dialog.status.text(), False)
    assert dialog.error_label.isHidden()
    in_tree_with_its_text(dialog.status)
    assert focus() is button  # not the Jaar combo

    start = mark()
    dialog.try_save()
    assert said_since(start)[-1] == ("Tekst bewaard in het journaal.", False)
    dialog.close_for_lock()


def test_case_overview_status_and_output_are_announced(qtbot, unlocked, tmp_path):
    window, session, _case = unlocked
    start = mark()
    dialog = wait_for_dialog(qtbot, type(window.make_report()))
    qtbot.waitUntil(lambda: dialog.print_button.isEnabled(), timeout=10000)
    said = said_since(start)
    assert said and not said[-1][1] and "pagina" in said[-1][0]
    in_tree_with_its_text(dialog.status)
    start = mark()
    assert dialog.save_pdf(str(tmp_path / "overzicht.pdf"))
    assert said_since(start) == [("Opgeslagen. Let op: het bestand is niet versleuteld.", False)]
    start = mark()
    assert not dialog.save_pdf(str(tmp_path / "geen-map" / "overzicht.pdf"))
    [(text, assertive)] = said_since(start)
    assert assertive and in_tree_with_its_text(dialog.status) == text
    assert focus() is dialog.status
    dialog.close()


def test_handover_take_over_and_passphrase_change_problems_are_announced(qtbot, unlocked):
    window, session, _case = unlocked
    dialog = wait_for_dialog(qtbot, type(window.open_handover()))
    start = mark()
    assert not dialog.try_hand_over()
    [(text, assertive)] = said_since(start)
    assert assertive and flat(in_tree_with_its_text(dialog.error)) == text
    assert focus() is dialog.error
    dialog.close()
    dialog = wait_for_dialog(qtbot, type(window.open_take_over()))
    assert dialog.error.isHidden() and dialog.done_text.isHidden()
    start = mark()
    assert not dialog.try_take_over()
    assert said_since(start) == [("Kies het journaal en vul het wachtwoord ervan in.", True)]
    assert focus() is dialog.path
    in_tree_with_its_text(dialog.error)
    dialog.path.setText("x")
    assert dialog.error.isHidden()  # cleared when the user types
    dialog.close()

    dialog = wait_for_dialog(qtbot, type(window.open_passphrase_change()))
    start = mark()
    assert not dialog.try_change()  # nothing filled in
    [(text, assertive)] = said_since(start)
    assert assertive and flat(in_tree_with_its_text(dialog.message)) == text
    assert focus() is dialog.old
    dialog.close()


def test_a_backup_result_is_announced_politely(qtbot, unlocked):
    window, session, _case = unlocked
    dialog = wait_for_dialog(qtbot, type(window.open_backups()))
    button = dialog.make_button
    button.setFocus()
    start = mark()
    assert dialog.make_now()
    qtbot.waitUntil(lambda: not dialog.busy and "gecontroleerd (" in dialog.message.text(),
                    timeout=15000)
    said = said_since(start)
    assert (dialog.message.text(), False) in said
    in_tree_with_its_text(dialog.message)
    assert focus() is button  # back where the user was
    dialog.close()


def test_helpers_politeness_and_focus_policy(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    label = QLabel(parent)
    label.setAccessibleName("Melding")  # a fixed name would hide the text
    parent.show()
    start = mark()
    announce.show_error(label, "Fout A")
    assert said_since(start) == [("Fout A", True)]
    assert label.accessibleName() == "" and label.focusPolicy() == Qt.FocusPolicy.TabFocus
    announce.show_message(label, "Klaar.")
    assert said_since(start)[-1] == ("Klaar.", False)
    assert label.focusPolicy() == Qt.FocusPolicy.NoFocus
    start = mark()
    announce.update_message(label, "Klaar.")
    assert said_since(start) == []
    announce.update_message(label, "Anders.")
    assert said_since(start) == [("Anders.", False)]
    announce.clear_message(label)
    assert label.isHidden() and said_since(start) == [("Anders.", False)]


def test_the_focus_goes_to_a_spin_box_or_combo_with_its_text_selected(qtbot):
    from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox, QVBoxLayout

    parent = QWidget()
    qtbot.addWidget(parent)
    layout = QVBoxLayout(parent)
    label, spin, combo = QLabel(), QSpinBox(), QComboBox()
    combo.setEditable(True)
    combo.setEditText("2099-999")
    spin.setValue(42)
    for widget in (label, spin, combo):
        layout.addWidget(widget)
    parent.show()
    parent.activateWindow()
    qtbot.waitUntil(parent.isActiveWindow)
    combo.setFocus()
    announce.show_error(label, "Fout", spin)
    assert spin.hasFocus()
    assert spin.findChild(QLineEdit).selectedText() == "42"
    announce.show_error(label, "Fout", combo)
    assert combo.hasFocus() and combo.lineEdit().selectedText() == "2099-999"
    combo.lineEdit().deselect()
    announce.show_error(label, "Fout", combo)  # the user is in it already: left as it is
    assert combo.lineEdit().selectedText() == ""
