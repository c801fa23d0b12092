"""No empty cases by accident: organisation and category (or 'Nog onbekend') are chosen
deliberately, the organisation defaults sensibly, and the quick-log opens a new case in a
handful of keystrokes. Real journals in tmp_path, real widgets, real keys."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from vp_desktop.domain.model import Case, Organisation
from vp_desktop.domain.validation import (
    NO_CATEGORY,
    NO_ORGANISATION,
    UNKNOWN_WITH_CATEGORY,
    entered_case_problems,
)
from vp_desktop.domain.vocabulary import CATEGORIES, UNKNOWN_CATEGORY, domains_of
from vp_desktop.stats.aggregate import ROW_LABELS, UNKNOWN, count_tables
from vp_desktop.stats.disclosure import publish
from vp_desktop.ui.case_dialog import CaseDialog
from vp_desktop.ui.category_list import CategoryList
from vp_desktop.ui.consultation_dialog import ConsultationDialog
from vp_desktop.ui.organisation_choice import OrganisationCombo, default_organisation

from conftest import make_case
from test_ui import focus, open_window, unlock_with_keyboard, wait_for_dialog, wait_for_no_dialog

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier
NONE = Qt.KeyboardModifier.NoModifier


class Keys:
    """Sends keys to whatever has focus and counts them (typed text is counted apart)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, key, modifier=NONE) -> None:
        self.count += 1
        QTest.keyClick(focus(), key, modifier)

    def text(self, text: str) -> None:  # the user's own words: not counted
        QTest.keyClicks(focus(), text)


def org_named(journal, name: str) -> Organisation:
    organisation = journal.organisation_named(name)
    assert organisation is not None
    return organisation


@pytest.fixture
def short_typeahead():
    """Type-ahead starts afresh after a pause; keep that pause short in tests."""
    before = QApplication.keyboardInputInterval()
    QApplication.setKeyboardInputInterval(60)
    yield
    QApplication.setKeyboardInputInterval(before)


# --- the rule, in one place -------------------------------------------------------------

def test_the_rule_needs_organisation_and_category_or_nog_onbekend():
    bare = Case(organisation_id=0, opened=date(2026, 3, 2))
    assert entered_case_problems(bare) == [NO_ORGANISATION, NO_CATEGORY]
    assert entered_case_problems(
        Case(organisation_id=3, opened=date(2026, 3, 2), categories=("pesten",))) == []
    assert entered_case_problems(Case(organisation_id=3, opened=date(2026, 3, 2),
                                      categories=(UNKNOWN_CATEGORY.code,))) == []
    assert entered_case_problems(Case(organisation_id=3, opened=date(2026, 3, 2),
                                      categories=(UNKNOWN_CATEGORY.code, "pesten"))) \
        == [UNKNOWN_WITH_CATEGORY]
    # a valid code with a label, but no category: no domain, not listed
    assert UNKNOWN_CATEGORY.code in CATEGORIES
    assert CATEGORIES.label(UNKNOWN_CATEGORY.code) == "Nog onbekend"
    assert UNKNOWN_CATEGORY.code not in CATEGORIES.codes()
    assert domains_of((UNKNOWN_CATEGORY.code,)) == ()


def test_default_organisation_selected_then_last_used_then_the_only_one():
    a, b = Organisation("A", 1), Organisation("B", 2)
    assert default_organisation([a, b], 2, 1) == 2
    assert default_organisation([a, b], None, 1) == 1
    assert default_organisation([a, b], 99, 98) is None  # gone: no guess
    assert default_organisation([a, b], None, None) is None
    assert default_organisation([b], None, None) == 2


def test_nog_onbekend_is_counted_and_published_as_geen_categorie_vastgelegd(journal):
    org = journal.organisations()[0]
    for categories in ((UNKNOWN_CATEGORY.code,),) * 6 + (("pesten",),) * 6:
        journal.add_case(Case(organisation_id=org.id, opened=date(2026, 3, 2),
                              categories=categories))
    records = journal.statistics_records(year=2026)
    counts = count_tables(records)
    assert counts["T2"][UNKNOWN] == 6 and counts["T4"][UNKNOWN] == 6
    assert counts["T2"]["pesten"] == 6 and counts["T4"]["ongewenst_gedrag"] == 6
    assert UNKNOWN_CATEGORY.code not in counts["T2"]
    assert dict(ROW_LABELS["T2"])[UNKNOWN] == "Geen categorie vastgelegd"
    publication = publish(records, [], year=2026, organisation="", k=5)
    [t2] = [t for t in publication.tables if t.id == "T2"]
    [row] = [c for c in t2.cells if c.key == UNKNOWN]
    assert (row.label, row.shown) == ("Geen categorie vastgelegd", "6")
    few = publish(records[:2] + records[6:], [], year=2026, organisation="", k=5)
    [t2] = [t for t in few.tables if t.id == "T2"]
    [row] = [c for c in t2.cells if c.key == UNKNOWN]
    assert row.hidden  # 2 cases: below k, suppressed like any other row


# --- widgets ------------------------------------------------------------------------------

def test_category_list_type_ahead_space_and_exclusive_nog_onbekend(qtbot, short_typeahead):
    categories = CategoryList("testCategories")
    qtbot.addWidget(categories)
    categories.show()
    categories.setFocus()
    QTest.keyClicks(categories, "pe")
    assert categories.currentItem().text().strip() == "Pesten"
    QTest.keyClick(categories, Qt.Key.Key_Space)
    qtbot.wait(80)
    QTest.keyClicks(categories, "bei")  # accents ignored: Beïnvloeding
    assert categories.currentItem().text().strip() == "Beïnvloeding en corruptie"
    QTest.keyClick(categories, Qt.Key.Key_Space)
    assert categories.codes() == ("pesten", "beinvloeding_corruptie")
    qtbot.wait(80)
    QTest.keyClicks(categories, "n")
    assert categories.currentItem().text() == "Nog onbekend"
    QTest.keyClick(categories, Qt.Key.Key_Space)
    assert categories.codes() == (UNKNOWN_CATEGORY.code,)  # the others were unticked
    qtbot.wait(80)
    QTest.keyClicks(categories, "wer")
    QTest.keyClick(categories, Qt.Key.Key_Space)
    assert categories.codes() == ("werkdruk",)


def test_organisation_combo_takes_spaces_without_opening_the_list(qtbot, short_typeahead):
    combo = OrganisationCombo("testOrganisation")
    qtbot.addWidget(combo)
    combo.fill([Organisation("Gemeente Proefstad", 1), Organisation("Gemeente Testdorp", 2),
                Organisation("Omgevingsdienst", 3)], None)
    combo.show()
    assert combo.currentIndex() == -1 and combo.placeholderText() == "Kies een organisatie…"
    QTest.keyClicks(combo, "gemeente t")
    assert combo.currentData() == 2
    assert not combo.view().isVisible()


# --- the case form -------------------------------------------------------------------------

def test_ctrl_shift_n_then_ctrl_enter_saves_no_empty_case(qtbot, journal, journal_path,
                                                          short_typeahead):
    journal.close()  # two organisations, no case, nothing used yet
    window, session = open_window(qtbot, journal_path)
    unlock_with_keyboard(qtbot, window)
    QTest.keyClick(focus(), Qt.Key.Key_N, CTRL | SHIFT)
    dialog = wait_for_dialog(qtbot, CaseDialog)
    assert dialog.organisation.currentIndex() == -1  # two organisations: no guess
    QTest.keyClick(focus(), Qt.Key.Key_Return, CTRL)
    assert dialog.isVisible()
    assert session.journal.case_summaries() == []
    assert NO_ORGANISATION in dialog.error_label.text()
    assert NO_CATEGORY in dialog.error_label.text()
    assert focus() is dialog.organisation
    QTest.keyClicks(focus(), "Gemeente T")
    assert not dialog.organisation.view().isVisible()
    QTest.keyClick(focus(), Qt.Key.Key_Return, CTRL)
    assert dialog.isVisible() and session.journal.case_summaries() == []
    assert NO_ORGANISATION not in dialog.error_label.text()
    assert focus() is dialog.categories
    QTest.keyClicks(focus(), "n")
    QTest.keyClick(focus(), Qt.Key.Key_Space)
    QTest.keyClick(focus(), Qt.Key.Key_Return, CTRL)
    wait_for_no_dialog(qtbot)
    [summary] = session.journal.case_summaries()
    testdorp = org_named(session.journal, "Gemeente Testdorp")
    case = session.journal.get_case(summary.id)
    assert (case.organisation_id, case.categories) == (testdorp.id, (UNKNOWN_CATEGORY.code,))
    assert session.journal.last_organisation_id() == testdorp.id
    # the next new case, with nothing selected, starts from the organisation used last
    again = CaseDialog(session, None, window)
    assert again.organisation.currentData() == testdorp.id
    again.close_for_lock()


def test_with_one_organisation_it_is_chosen(qtbot, tmp_path):
    from vp_desktop.domain.model import VpProfile
    from vp_desktop.storage.journal import Journal

    from conftest import PASSPHRASE

    single = tmp_path / "een.vpj"
    Journal.create(single, PASSPHRASE, profile=VpProfile(name="VP"),
                   organisations=["Gemeente Eendorp"]).close()
    window, session = open_window(qtbot, single)
    unlock_with_keyboard(qtbot, window)
    dialog = window.new_case()
    assert dialog.organisation.currentText() == "Gemeente Eendorp"
    dialog.close_for_lock()


# --- the quick-log ------------------------------------------------------------------------

def test_quick_log_opens_a_new_case_in_six_keystrokes(qtbot, journal, journal_path,
                                                      short_typeahead):
    testdorp = org_named(journal, "Gemeente Testdorp")  # not the alphabetically first
    proefstad = org_named(journal, "Gemeente Proefstad")
    selected = make_case(journal, organisation_id=testdorp.id)
    make_case(journal, organisation_id=proefstad.id)
    journal.remember_organisation(proefstad.id)  # the selected case's organisation wins
    journal.close()
    window, session = open_window(qtbot, journal_path)
    unlock_with_keyboard(qtbot, window)
    window.case_list.select_case(selected.id)
    qtbot.waitUntil(lambda: window.case_view.case is not None
                    and window.case_view.case.id == selected.id)
    window.case_list.setFocus()
    before = {s.id for s in session.journal.case_summaries()}

    keys = Keys()
    keys(Qt.Key.Key_N, CTRL)  # 1: quick-log
    dialog = wait_for_dialog(qtbot, ConsultationDialog)
    assert focus() is dialog.notes
    keys.text("Nieuwe melder over pesten op de afdeling.")
    keys(Qt.Key.Key_N, ALT)  # 2: "Nieuw dossier"
    qtbot.waitUntil(lambda: focus() is dialog.categories)
    assert dialog.new_case_box.isVisible()
    keys(Qt.Key.Key_P)  # 3, 4: type-ahead to Pesten
    keys(Qt.Key.Key_E)
    keys(Qt.Key.Key_Space)  # 5: tick it
    keys(Qt.Key.Key_Return, CTRL)  # 6: save
    wait_for_no_dialog(qtbot)
    assert keys.count <= 6

    [new_id] = {s.id for s in session.journal.case_summaries()} - before
    case = session.journal.get_case(new_id)
    assert case.categories == ("pesten",)
    assert case.organisation_id == testdorp.id
    [consultation] = session.journal.consultations(new_id)
    assert consultation.notes == "Nieuwe melder over pesten op de afdeling."
    assert session.journal.last_organisation_id() == testdorp.id


def test_quick_log_refuses_a_new_case_without_category(qtbot, journal, journal_path):
    case = make_case(journal)
    journal.close()
    window, session = open_window(qtbot, journal_path)
    unlock_with_keyboard(qtbot, window)
    window.case_list.select_case(case.id)
    QTest.keyClick(focus(), Qt.Key.Key_N, CTRL)
    dialog = wait_for_dialog(qtbot, ConsultationDialog)
    QTest.keyClicks(focus(), "Aantekening")
    QTest.keyClick(focus(), Qt.Key.Key_N, ALT)
    qtbot.waitUntil(lambda: dialog.new_case_toggle.isChecked())
    QTest.keyClick(focus(), Qt.Key.Key_Return, CTRL)
    assert dialog.isVisible()
    assert NO_CATEGORY in dialog.error_label.text()
    assert focus() is dialog.categories
    assert len(session.journal.case_summaries()) == 1
    # unticking "Nieuw dossier" goes back to the selected case
    dialog.new_case_toggle.setChecked(False)
    assert dialog.draft_case_id() == case.id
    assert not dialog.new_case_box.isVisible()
    dialog.close_for_lock()


def test_quick_log_in_a_journal_without_cases_keeps_alt_n_on_new_case(qtbot, journal,
                                                                        journal_path,
                                                                        short_typeahead):
    """A fresh journal opens the quick-log on "Nieuw dossier": the notes get the keyboard,
    and Alt+N stays on the new case (it used to untick it and send the type-ahead into the
    Dossier field)."""
    journal.remember_organisation(journal.organisations()[0].id)
    journal.close()
    window, session = open_window(qtbot, journal_path)
    unlock_with_keyboard(qtbot, window)
    keys = Keys()
    keys(Qt.Key.Key_N, CTRL)
    dialog = wait_for_dialog(qtbot, ConsultationDialog)
    assert dialog.new_case_toggle.isChecked()
    assert focus() is dialog.notes
    keys.text("Eerste melding.")
    keys(Qt.Key.Key_N, ALT)
    qtbot.waitUntil(lambda: focus() is dialog.categories)
    assert dialog.new_case_toggle.isChecked()
    keys(Qt.Key.Key_P)
    keys(Qt.Key.Key_E)
    keys(Qt.Key.Key_Space)
    keys(Qt.Key.Key_Return, CTRL)
    wait_for_no_dialog(qtbot)
    [summary] = session.journal.case_summaries()
    assert session.journal.get_case(summary.id).categories == ("pesten",)
