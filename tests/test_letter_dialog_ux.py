"""The letter dialog forgives: "Met namen" keeps edits, the template follows the case's
domain, name-check hits are grouped, and closing after printing/saving asks nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from vp_desktop.domain.model import InvolvedPerson, MelderIdentity
from vp_desktop.letters.templates import default_template_id
from vp_desktop.ui.letter_dialog import LetterDialog, merge_refill

from conftest import make_case
from test_ui import open_window, unlock_with_keyboard

MELDER = "Anouk Jansen-de Boer"


@pytest.fixture
def cases(qtbot, journal, journal_path):
    made = {
        "omgang": make_case(journal, melder=MelderIdentity(anonymous=False, name=MELDER),
                            persons=[InvolvedPerson(name="Petra van den Berg",
                                                    role="beschuldigde")]),
        "misstand": make_case(journal, categories=("vermoeden_misstand",)),
        "werkdruk": make_case(journal, categories=("werkdruk",)),
    }
    journal.close()
    window, session = open_window(qtbot, journal_path)
    unlock_with_keyboard(qtbot, window)
    return window, session, made


def letter_for(window, case) -> LetterDialog:
    window.case_list.select_case(case.id)
    dialog = window.make_letter()
    assert isinstance(dialog, LetterDialog)
    return dialog


# --- "Met namen" keeps the VP's edits ---------------------------------------------------


def test_merge_refill_carries_the_template_change_into_untouched_paragraphs():
    old = "Geachte heer,\n\nEen melder heeft\n\nGroet"
    new = "Geachte heer,\n\nJan heeft\n\nGroet"
    assert merge_refill(old, old + "\n\nMijn eigen alinea.", new) == (
        new + "\n\nMijn eigen alinea.", [])
    edited = "Geachte heer,\n\nEen melder heeft, zei ik al\n\nGroet"
    assert merge_refill(old, edited, new) == (edited, ["Jan heeft"])  # the edit wins
    assert merge_refill(old, old, old) == (old, [])


def check_ticking_met_namen_keeps_the_edit(qtbot, cases, tmp_path):
    window, _session, made = cases
    dialog = letter_for(window, made["omgang"])
    assert dialog.template.currentData() == "lkog"  # unwanted behaviour: the LKOG
    assert MELDER not in dialog.text.toPlainText()
    dialog.text.appendPlainText("\nMijn eigen zin die moet blijven.")
    qtbot.keyClick(dialog.identity, Qt.Key.Key_Space)  # tick "Met namen" by keyboard
    assert dialog.identity.isChecked()
    body = dialog.text.toPlainText()
    assert "Mijn eigen zin die moet blijven." in body  # the edit is still there
    assert MELDER in body  # and the untouched paragraphs now name the melder
    assert "ondersteun ik een melder" not in body
    assert dialog.pending_box.isHidden()

    # an edited paragraph that names the melder stays as the VP wrote it on unticking;
    # the template's anonymous version is shown, and the name check blocks the letter
    named = next(line for line in body.split("\n") if MELDER in line)
    dialog.text.setPlainText(body.replace(named, named + " Dat is besproken."))
    qtbot.keyClick(dialog.identity, Qt.Key.Key_Space)
    assert not dialog.identity.isChecked()
    body = dialog.text.toPlainText()
    assert "Dat is besproken." in body and "Mijn eigen zin die moet blijven." in body
    assert not dialog.pending_box.isHidden()
    assert "ondersteun ik een melder" in dialog.pending.toPlainText()
    dialog.update_check_and_preview()
    assert any(h.role == "melder" for _p, h in dialog.check.blocking(dialog.hits.acknowledged))
    dialog.close_for_lock()


# --- the default template ----------------------------------------------------------------


def test_default_template_follows_the_domain():
    ids = ["algemene-doorverwijzing", "huis-voor-klokkenluiders", "lkog", "bedrijfsarts"]
    assert default_template_id(("ongewenst_gedrag",), ids) == "lkog"
    assert default_template_id(("misstand",), ids) == "huis-voor-klokkenluiders"
    assert default_template_id(("integriteit", "misstand"), ids) == "huis-voor-klokkenluiders"
    assert default_template_id(("overig",), ids) == "algemene-doorverwijzing"
    assert default_template_id((), ["bedrijfsarts"]) == "bedrijfsarts"
    assert default_template_id((), []) is None


def check_dialog_default_template_and_restored_draft(qtbot, cases, tmp_path):
    window, _session, made = cases
    expected = {"misstand": "huis-voor-klokkenluiders", "werkdruk": "algemene-doorverwijzing"}
    for key, template_id in expected.items():
        dialog = letter_for(window, made[key])
        assert dialog.template.currentData() == template_id, key
        dialog.close_for_lock()
    dialog = letter_for(window, made["misstand"])
    dialog.restore({"template": "bedrijfsarts", "identity": False, "recipient": "Arbodienst",
                    "subject": "Eigen onderwerp", "body": "Eigen tekst van het concept."})
    assert dialog.template.currentData() == "bedrijfsarts"  # the draft keeps its template
    assert dialog.text.toPlainText() == "Eigen tekst van het concept."
    assert dialog.subject.text() == "Eigen onderwerp"
    dialog.close_for_lock()


# --- grouped name-check hits ---------------------------------------------------------------


def check_hits_are_grouped_and_walk_through_the_occurrences(qtbot, cases, tmp_path):
    window, _session, made = cases
    dialog = letter_for(window, made["omgang"])
    dialog.text.setPlainText("Petra zei het. Toen Petra weer.\n\nEn Petra van den Berg ook.")
    dialog.update_check_and_preview()
    assert len(dialog.check.all_hits) == 3
    assert dialog.hits.count() == 1
    label = dialog.hits.item(0).text()
    assert "Petra van den Berg (beschuldigde)" in label and "3×" in label
    starts = []
    dialog.hits.setCurrentRow(0)
    dialog.hits.setFocus()
    for _ in range(4):  # Enter walks on; it does not reach the dialog's buttons
        qtbot.keyClick(dialog.hits, Qt.Key.Key_Return)
        starts.append(dialog.text.textCursor().selectionStart())
    assert dialog.isVisible()
    text = dialog.text.toPlainText()
    first = [text.index("Petra"), text.index("Petra", 5), text.index("Petra van")]
    assert starts == [*first, first[0]]  # next, next, next, and round again
    dialog.close_for_lock()


def check_possible_names_are_grouped_and_acknowledged_per_word(qtbot, cases, tmp_path):
    window, session, made = cases
    dialog = letter_for(window, made["werkdruk"])
    dialog.text.appendPlainText("\nIk sprak met mevrouw Pietersen. Later weer met mevrouw "
                                "Pietersen en met de heer Brink.")
    dialog.update_check_and_preview()
    def possible():  # the list is rebuilt at every check; ticks are kept per word
        return [dialog.hits.item(i) for i in range(dialog.hits.count())
                if dialog.hits.item(i).flags() & Qt.ItemFlag.ItemIsUserCheckable]

    assert len(possible()) == 2 and "2×" in possible()[0].text()
    out = tmp_path / "brief.pdf"
    possible()[0].setCheckState(Qt.CheckState.Checked)
    assert not dialog.save_pdf(str(out))  # Brink is not acknowledged yet
    assert possible()[0].checkState() == Qt.CheckState.Checked
    possible()[1].setCheckState(Qt.CheckState.Checked)
    assert len(dialog.hits.acknowledged) == 2
    assert dialog.save_pdf(str(out)) and out.exists()
    assert "2 mogelijke namen bevestigd" in session.journal.activity()[0].detail
    dialog.close_for_lock()


# --- closing -------------------------------------------------------------------------------


def answer_box(button_text: str | None, seen: list) -> None:
    """Click ``button_text`` in the next message box; record the buttons it offered."""
    def click(tries: int = 25):
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            if tries:
                QTimer.singleShot(20, lambda: click(tries - 1))
            return
        texts = [b.text() for b in box.buttons()]
        seen.append(texts)
        for b in box.buttons():
            if b.text() == button_text:
                b.click()
    QTimer.singleShot(0, click)


def check_no_warning_after_saving_and_clear_buttons_after_an_edit(qtbot, cases, tmp_path):
    window, _session, made = cases
    dialog = letter_for(window, made["werkdruk"])
    dialog.text.appendPlainText("\nEen eigen zin.")
    assert dialog.is_dirty()
    assert dialog.save_pdf(str(tmp_path / "brief.pdf"))
    assert not dialog.is_dirty()  # saved as it is: nothing to warn about

    dialog.text.appendPlainText("\nNog een zin na het opslaan.")
    assert dialog.is_dirty()
    seen: list = []
    answer_box("&Verder bewerken", seen)
    dialog.reject()
    assert [sorted(texts) for texts in seen] == [["&Niet opslaan", "&Verder bewerken"]]
    assert dialog.isVisible()  # kept editing

    assert dialog.save_pdf(str(tmp_path / "brief2.pdf"))
    seen.clear()
    answer_box("&Niet opslaan", seen)  # would answer a box, had one come
    dialog.reject()
    assert seen == [] and not dialog.isVisible()


# one window per test: opening a journal costs about a second


def test_met_namen_default_template_and_draft(qtbot, cases, tmp_path):
    check_ticking_met_namen_keeps_the_edit(qtbot, cases, tmp_path)
    check_dialog_default_template_and_restored_draft(qtbot, cases, tmp_path)


def test_grouped_hits_and_closing(qtbot, cases, tmp_path):
    check_hits_are_grouped_and_walk_through_the_occurrences(qtbot, cases, tmp_path)
    check_possible_names_are_grouped_and_acknowledged_per_word(qtbot, cases, tmp_path)
    check_no_warning_after_saving_and_clear_buttons_after_an_edit(qtbot, cases, tmp_path)
