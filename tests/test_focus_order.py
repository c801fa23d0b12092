"""Issue 12, "Focus order": Tab goes through every window in the order the eye reads it
(top to bottom, left to right, the button row last, in the platform's button order), every
focus stop has an objectName and an accessible name, focus moves once after unlocking and
stays on an export button while it exports, and the Alt-letters are unique per window and
page in Dutch and in English.

The order is recorded in-process: the window's first stop gets focus, then QTest presses Tab
until focus comes back; each stop is its objectName. EXPECTED was checked by hand against
the widgets' positions (tests/fit_probe.py's windows on the demo journal, 12 cases, seed 1).
tests/test_atspi_focus.py confirms the lock screen and the main window through AT-SPI.
"""

from __future__ import annotations

from fit_probe import close, window_openers
from pseudo_walk import each_page
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QWidget
from test_mnemonics import clashes, mnemonics

from vp_desktop import i18n
from vp_desktop.interchange.demo_data import create_demo_journal
from vp_desktop.ui.app import build_window
from vp_desktop.ui.case_dialog import ROLE_CODE
from vp_desktop.ui.form_dialog import FormDialog

PASSPHRASE = "demo demo demo"
TABBAR = "qt_tabwidget_tabbar"
_BUTTONS_CASE = ["caseDialog_save", "caseDialog_cancel"]
_LOCK = ["unlockPassphrase", "unlockShowPassphrase", "unlockButton", "unlockOpenOther",
         "unlockCreate"]
_FOLLOW_UPS = [TABBAR, "openFollowUps", "openFollowUpCase", "openFollowUpDone",
               "openFollowUpDismiss"]
_CASE_GENERAL = [TABBAR, "caseOrganisation", "caseOpened", "caseStatus", "caseCategories",
                 "caseRelation", "caseMelderType", "caseChannel", "caseOutcome", "caseGender",
                 "caseAgeBand", "caseSummary", *_BUTTONS_CASE]
_CASE_DATES = [TABBAR, "caseIncidentDate_known", "caseReportDate_known",
               "caseAcknowledgedDate_known", *_BUTTONS_CASE]
_TEMPLATES = ["templateList", "templateCopy", "templateNew", TABBAR, "templatePlaceholders",
              "templatePreview", "templateDialog_save", "templateDialog_cancel"]
_ABOUT_GENERAL = [TABBAR, "aboutScroll", "aboutClose"]
_HANDOVER = ["handoverOrganisation", "handoverCases", "handoverPath", "handoverBrowse",
             "handoverPassphrase", "handoverPassphraseRepeat", "handoverShowPassphrase",
             "handoverOk", "handoverCancel"]
_WELCOME = ["welcomeNext", "welcomeDone"]

# window (page) -> the Tab stops in visual order, one round
EXPECTED: dict[str, list[str]] = {
    "lock": _LOCK,
    "main": _FOLLOW_UPS,  # an open follow-up is due: the window opens on Vervolgstappen
    "main (page QStackedWidget 0)": _LOCK,
    "main (page QStackedWidget 1)": _FOLLOW_UPS,
    "main (page mainTabs 0)": [
        TABBAR, "caseFilter", "caseFilterStatus", "caseFilterOrganisation", "caseFilterYear",
        "caseTable", "caseEdit", "caseLog", "caseLetter", "caseReport", "caseScroll",
        "caseConsultations", "caseConsultationText", "caseFollowUps", "caseAddFollowUp",
        "caseFollowUpDone", "caseKeptLetters"],
    "main (page mainTabs 1)": _FOLLOW_UPS,
    "main (page mainTabs 2)": [TABBAR, "dueCases", "dueGoToCase", "dueDestroy", "dueHold"],
    "case_new": _CASE_GENERAL,
    "case_new (page caseTabs 0)": _CASE_GENERAL,
    "case_new (page caseTabs 1)": [
        TABBAR, "caseMelderAnonymous", "caseContactArrangement", "caseConsent", "casePersons",
        "caseAddPerson", "caseRemovePerson", *_BUTTONS_CASE],
    "case_new (page caseTabs 2)": _CASE_DATES,
    "case_edit": _CASE_GENERAL,
    "case_edit (page caseTabs 0)": _CASE_GENERAL,
    "case_edit (page caseTabs 1)": [
        TABBAR, "caseMelderAnonymous", "caseMelderName", "caseMelderContact",
        "caseContactArrangement", "caseConsent", "caseConsentDate", "casePersons",
        "caseAddPerson", "caseRemovePerson", *_BUTTONS_CASE],
    "case_edit (page caseTabs 2)": _CASE_DATES,
    "consultation": [
        "consultationCase", "consultationNewCaseToggle", "consultationStarted",
        "consultationDuration", "consultationChannel", "consultationNotes",
        "consultationAdvice", "consultationFollowUp", "consultationFollowUpDue",
        "consultationFollowUpKind", "consultationDialog_save", "consultationDialog_cancel"],
    "follow_up": ["followUpWhat", "followUpDue", "followUpKind", "followUpDialog_save",
                  "followUpDialog_cancel"],
    "letter": [
        "letterTemplate", "letterWithIdentity", "letterRecipient", "letterSaveAddress",
        "letterSubject", "letterBody", "letterNameHits", "letterPreview", "letterPrint",
        "letterSavePdf", "letterDialog_cancel"],
    # Afdrukken and Opslaan als pdf wait for the preview (the walk waits for it)
    "report": ["reportArchive", "reportDocumentLanguage", "reportPreview", "reportPrint",
               "reportSavePdf", "reportClose"],
    "templates": _TEMPLATES,
    "templates (page templateTabs 0)": _TEMPLATES,
    "templates (page templateTabs 1)": _TEMPLATES,
    "annual_report": [
        "annualYear", "annualOrganisation", "annualK", "annualDocumentLanguage",
        "annualReview", "annualNarrative", "annualPreview", "annualReportDialog_save",
        "annualExport_pdf", "annualExport_csv", "annualExport_json",
        "annualReportDialog_cancel"],
    "activity": ["activityTable", "activityClose"],
    "settings": [
        "settingsName", "settingsRole", "settingsPractice", "settingsContact", "settingsPlace",
        "settingsAutoLock", "settingsRetention", "settingsOrganisations",
        "settingsNewOrganisation", "settingsAddOrganisation", "settingsRenameOrganisation",
        "settingsDialog_save", "settingsDialog_cancel"],
    "backups": [
        "backupList", "backupMakeNow", "backupSecondDir", "backupChooseSecond",
        "backupKeepDaily", "backupKeepWeekly", "backupKeepMonthly", "backupAutomatic",
        "backupSaveSettings", "backupClose"],
    "passphrase": ["passphraseOld", "passphraseNewPassphrase", "passphraseNewPassphraseRepeat",
                   "passphraseNewShowPassphrase", "passphraseOk", "passphraseCancel"],
    "handover": _HANDOVER,
    "handover (page QStackedWidget 0)": _HANDOVER,
    "handover (page QStackedWidget 1)": ["handoverDestroy", "handoverLater"],
    "take_over": ["takeOverPath", "takeOverBrowse", "takeOverPassphrase",
                  "takeOverOrganisation", "takeOverOk", "takeOverClose"],
    "kept_letter": ["keptLetterPreview", "keptLetterPrint", "keptLetterSavePdf",
                    "keptLetterClose"],
    # the manual's links are stops inside helpBrowser (one entry here)
    "help": ["helpContents", "helpFind", "helpBrowser", "helpClose"],
    "about": _ABOUT_GENERAL,
    "about (page aboutTabs 0)": _ABOUT_GENERAL,
    "about (page aboutTabs 1)": [TABBAR, "aboutLicenceList", "aboutLicenceText", "aboutClose"],
    "evidence": ["evidenceBrowser", "evidenceSave", "evidenceClose"],
    "welcome": _WELCOME,
    "welcome (page welcomePages 0)": _WELCOME,
    "welcome (page welcomePages 1)": _WELCOME,
    "welcome (page welcomePages 2)": _WELCOME,
    "create_journal": [
        "createPath", "createBrowse", "createPassphrase", "createPassphraseRepeat",
        "createShowPassphrase", "createVpName", "createRole", "createOrganisation",
        "createOk", "createCancel"],
}


def accessible_name(widget: QWidget) -> str:
    face = QAccessible.queryAccessibleInterface(widget)
    return face.text(QAccessible.Text.Name) if face is not None else ""


def _first(window: QWidget, name: str) -> QWidget:
    found = [w for w in window.findChildren(QWidget, name)
             if w.isVisible() and w.window() is window and w.isEnabled()]
    assert found, f"no visible {name} in {window.objectName()}"
    return found[0]


def tab_round(window: QWidget, first: str, limit: int = 80) -> list[QWidget]:
    """The focus widgets from ``first`` on, pressing Tab until focus is back at the start
    (stops in a row inside one widget, such as a browser's links, count once)."""
    window.activateWindow()
    start = _first(window, first)
    start.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    assert QApplication.focusWidget() is start, f"{first} takes no focus"
    stops = [start]
    for _ in range(limit):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focus = QApplication.focusWidget()
        if focus is start:
            return stops
        assert focus is not None and focus.window() is window, "Tab left the window"
        if focus is not stops[-1]:
            stops.append(focus)
    raise AssertionError(f"no round in {limit} Tabs: {[w.objectName() for w in stops]}")


def _windows(qtbot, tmp_path):
    """Yields (label, window) for the lock screen, every page of the unlocked main window,
    and every page of every window of fit_probe.window_openers (each closed after)."""
    path = tmp_path / "demo.vpj"
    create_demo_journal(path, PASSPHRASE, cases=12, seed=1)
    window, session = build_window(str(path))
    qtbot.addWidget(window)
    window.show()
    QApplication.processEvents()
    yield "lock", window
    window.unlock(PASSPHRASE)
    QApplication.processEvents()
    for page in each_page(window):
        yield f"main{page}", window
    window.tabs.setCurrentIndex(0)
    case_id = session.journal.case_summaries()[0].id
    window.case_list.select_case(case_id)
    for name, opener in window_openers(window, session, case_id).items():
        dialog = opener()
        QApplication.processEvents()
        ready = dialog.findChild(QWidget, "reportPrint")
        if ready is not None:  # made off the UI thread: its buttons wait for the pdf
            qtbot.waitUntil(ready.isEnabled, timeout=15000)
        for page in each_page(dialog):
            yield f"{name}{page}", dialog
        close(dialog, FormDialog)
    session.close()


def test_tab_goes_through_every_window_in_visual_order_and_every_stop_is_named(
        qtbot, tmp_path):
    wrong: dict[str, list[str]] = {}
    unnamed: list[str] = []
    seen = set()
    editable = 0
    for label, window in _windows(qtbot, tmp_path):
        seen.add(label)
        expected = EXPECTED[label]
        stops = tab_round(window, expected[0])
        order = [w.objectName() for w in stops]
        if order != expected:
            wrong[label] = order
        unnamed += [f"{label}: {w.objectName() or type(w).__name__}" for w in stops
                    if not w.objectName() or not accessible_name(w).strip()]
        # an editable combo's own text field is what a screen reader lands on
        unnamed += [f"{label}: text field of {w.objectName()}" for w in stops
                    if isinstance(w, QComboBox) and w.isEditable()
                    and not accessible_name(w.lineEdit()).strip()]
        editable += sum(isinstance(w, QComboBox) and w.isEditable() for w in stops)
    assert seen == set(EXPECTED)
    assert editable >= 1  # the Dossier combo of Nieuw gesprek
    assert wrong == {}, "\n".join(f"{k}: {v}" for k, v in wrong.items())
    assert unnamed == []


def test_mnemonics_unique_on_every_page_in_dutch_and_english(qtbot, tmp_path):
    found: dict[str, dict[str, list[str]]] = {}
    letters = {"nl": 0, "en": 0}
    for language in ("nl", "en"):
        i18n.set_language(language)
        for label, window in _windows(qtbot, tmp_path / language):
            letters[language] += len(mnemonics(window))
            if clash := clashes(window):
                found[f"{language} {label}"] = clash
    assert min(letters.values()) > 150  # the walk saw the windows' Alt-letters at all
    assert found == {}, "\n".join(f"{k}: {v}" for k, v in found.items())


def test_focus_moves_once_after_unlocking_to_the_case_list(qtbot, tmp_path):
    path = tmp_path / "demo.vpj"
    create_demo_journal(path, PASSPHRASE, cases=3, seed=2)
    window, session = build_window(str(path))
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    QApplication.processEvents()
    assert QApplication.focusWidget() is window.unlock_view.passphrase
    moves: list[QWidget | None] = []
    QApplication.instance().focusChanged.connect(lambda _old, new: moves.append(new))
    window.unlock(PASSPHRASE)
    QApplication.processEvents()
    landed = [w for w in moves if w is not None]
    if window.tabs.currentIndex() == 0:
        assert landed == [window.case_list.view]
    else:  # a follow-up is due today or earlier: the window opens on that list
        assert landed == [window.follow_up_view]
    session.close()


def test_the_role_of_a_person_involved_is_a_cell_not_a_tab_stop(qtbot, tmp_path):
    from vp_desktop.domain.model import InvolvedPerson
    from vp_desktop.ui.case_dialog import PersonsTable

    table = PersonsTable()
    qtbot.addWidget(table)
    table.set_persons([InvolvedPerson(name="", role="getuige", description="teamleider")])
    table.show()
    assert table.cellWidget(0, 1) is None  # no widget in the cell: nothing after Annuleren
    face = QAccessible.queryAccessibleInterface(table)
    cells = [face.child(i) for i in range(face.childCount())]
    assert "Getuige" in [c.text(QAccessible.Text.Name) for c in cells if c is not None]
    index = table.model().index(0, 1)
    assert index.data(ROLE_CODE) == "getuige"
    table.setCurrentIndex(index)
    table.edit(index)  # F2, a double click or a typed letter opens the role list
    editor = table.findChild(QWidget, "casePersonRole0")
    assert editor is not None and accessible_name(editor).strip()
    editor.setCurrentIndex(editor.findData("beschuldigde"))
    table.commitData(editor)
    assert [p.role for p in table.persons()] == ["beschuldigde"]
    assert index.data() == "Beschuldigde"


def test_an_export_button_keeps_the_focus_while_it_exports(qtbot, tmp_path):
    path = tmp_path / "demo.vpj"
    create_demo_journal(path, PASSPHRASE, cases=12, seed=1)
    window, session = build_window(str(path))
    qtbot.addWidget(window)
    window.show()
    window.unlock(PASSPHRASE)
    dialog = window.open_annual_report()
    dialog.activateWindow()
    button = dialog.export_buttons["csv"]
    button.setFocus()
    QApplication.processEvents()
    assert QApplication.focusWidget() is button
    moves: list[QWidget | None] = []
    QApplication.instance().focusChanged.connect(lambda _old, new: moves.append(new))
    out = tmp_path / "jaarverslag.csv"
    dialog.export("csv", str(out))
    qtbot.waitUntil(lambda: out.exists() and dialog.progress.isHidden(), timeout=10000)
    assert moves == [] and QApplication.focusWidget() is button
    dialog.close_for_lock()
    session.close()


def test_the_case_details_scroll_with_the_keys_from_their_tab_stop(qtbot, tmp_path):
    path = tmp_path / "demo.vpj"
    create_demo_journal(path, PASSPHRASE, cases=12, seed=1)
    window, session = build_window(str(path))
    qtbot.addWidget(window)
    window.resize(1000, 420)  # too low for the case: its details scroll
    window.show()
    window.unlock(PASSPHRASE)
    window.tabs.setCurrentIndex(0)
    window.case_list.select_case(session.journal.case_summaries()[0].id)
    scroll = window.case_view.scroll
    QApplication.processEvents()
    assert scroll.verticalScrollBar().maximum() > 0
    assert accessible_name(scroll) == "Gegevens van het dossier"
    window.case_view.report_button.setFocus()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is scroll  # right after the case's buttons
    QTest.keyClick(scroll, Qt.Key.Key_PageDown)
    assert scroll.verticalScrollBar().value() > 0
    QTest.keyClick(scroll, Qt.Key.Key_PageUp)
    assert scroll.verticalScrollBar().value() == 0
    session.close()
