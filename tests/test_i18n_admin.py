"""The journal-keeping windows in English (issue 11): backups, handover and take over, the
passphrase change, a new journal, settings, welcome, about, the IT/FG documentation and the
self-test's Qt checks. Real widgets on a real journal; every visible text of these windows is
walked and must hold no Dutch word; Dutch stays as it was."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QTabBar,
    QTableView,
    QWidget,
)
from test_i18n_ui import DUTCH_WORDS
from test_mnemonics import clashes, each_tab_page

from vp_desktop import i18n
from vp_desktop.domain.model import VpProfile
from vp_desktop.storage.journal import Journal
from vp_desktop.ui import selftest_qt, single_instance
from vp_desktop.ui.backup_dialog import OLDER, UNCHECKED, VERIFIED, place_text, size_text
from vp_desktop.ui.create_journal_dialog import CreateJournalDialog
from vp_desktop.ui.main_window import MainWindow
from vp_desktop.ui.session import Session

from conftest import PASSPHRASE, make_case

# Dutch words of these windows, on top of the interface's common ones (test_i18n_ui)
ADMIN_WORDS = {
    "reservekopie", "reservekopieën", "terugzetten", "bewaren", "plek", "kiezen", "sluiten",
    "annuleren", "opslaan", "overnemen", "voorganger", "opvolger", "bestand", "naam", "rol",
    "stap", "vorige", "volgende", "licenties", "algemeen", "derden", "organisatie",
    "organisaties", "hernoemen", "bladeren", "herhaal", "huidig", "dagelijks", "wekelijks",
    "maandelijks", "maand", "maanden", "documentatie", "map", "gegevens", "blijven", "bij",
    "vergrendelen", "gecontroleerd", "voortgang", "tweede", "plaats", "adres", "slag",
    "dagelijkse", "wekelijkse", "maandelijkse", "deze", "dat", "niet", "wordt", "zijn", "wij",
}
WORDS = DUTCH_WORDS | ADMIN_WORDS
# Widgets whose texts other files own (not this area's): the passphrase field rows
# (passphrase_fields.py), the form dialog's buttons and error list (form_dialog.py), the
# vocabulary combos (widgets.vocab_combo), and what the services hand over as it is (the
# About rows, the licence list, the evidence pack, the location guard's notes).
FOREIGN = re.compile(r"(Strength|AcceptWeak|ShowPassphrase|_save|_cancel|_errors|Role|"
                     r"LocationNote|aboutScroll|aboutLicenceSource|aboutLicenceList|aboutLicenceText|"
                     r"evidenceBrowser|backupPlaceNote)$")


# the backup folder's name on disk, which stays Dutch (the welcome names it)
FOLDER_NAME = "<b>reservekopieën</b>"


def dutch(text: str) -> set[str]:
    text = re.sub(r"<[^>]+>", " ", text.replace(FOLDER_NAME, "").replace("&", ""))
    return {w for w in re.findall(r"[a-zà-ÿ]+", text.lower()) if w in WORDS}


def foreign(widget: QWidget, top: QWidget) -> bool:
    while widget is not None and widget is not top:
        if FOREIGN.search(widget.objectName()):
            return True
        widget = widget.parentWidget()
    return False


def visible_texts(top: QWidget) -> list[str]:
    """Every text the user can see in ``top``: title, labels, buttons, group boxes, tabs,
    placeholders, combo items, spin box suffixes, table headers, accessible names."""
    QApplication.processEvents()
    texts = [top.windowTitle()]
    for widget in top.findChildren(QWidget):
        if widget.window() is not top or not widget.isVisible() or foreign(widget, top):
            continue
        if widget.accessibleName():
            texts.append(widget.accessibleName())
        if widget.toolTip():
            texts.append(widget.toolTip())
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QTabBar):
            texts += [widget.tabText(i) for i in range(widget.count())]
        elif isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        elif isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        elif isinstance(widget, QAbstractSpinBox):
            texts.append(widget.text())  # with its suffix
        elif isinstance(widget, QListWidget):
            texts += [widget.item(i).text() for i in range(widget.count())]
        elif isinstance(widget, QTableView) and widget.model() is not None:
            model = widget.model()
            texts += [str(model.headerData(c, Qt.Orientation.Horizontal) or "")
                      for c in range(model.columnCount())]
    return [t for t in texts if t]


def dutch_in(top: QWidget) -> dict[str, set[str]]:
    return {text: found for text in visible_texts(top) if (found := dutch(text))}


@pytest.fixture(scope="module")
def journal_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("admin") / "journal.vpj"
    journal = Journal.create(path, PASSPHRASE, profile=VpProfile(name="Test VP"),
                             organisations=["Gemeente Testdorp"])
    make_case(journal)
    journal.close()
    return path


@pytest.fixture
def english_window(qtbot, journal_template, tmp_path):
    """The main window, English, on a copy of the journal (made once: the key derivation
    is slow)."""
    path = tmp_path / "journal.vpj"
    path.write_bytes(journal_template.read_bytes())
    i18n.set_language("en")
    session = Session()
    window = MainWindow(session, path)
    qtbot.addWidget(window)
    session.adopt(Journal.open(path, PASSPHRASE))
    window.show()
    yield window, session
    for dialog in QApplication.topLevelWidgets():
        if dialog is not window and dialog.isVisible():
            dialog.close()
    if session.journal is not None:
        session.journal.close()


OPENERS = ["open_settings", "open_backups", "open_passphrase_change", "open_handover",
           "open_take_over", "open_about", "open_evidence", "open_welcome"]


def test_every_window_of_this_area_is_english_with_unique_mnemonics(qtbot, english_window):
    window, _session = english_window
    found: dict[str, dict] = {}
    mnemonic_clashes: dict[str, dict] = {}
    for name in [*OPENERS, "create_journal"]:
        if name == "create_journal":
            dialog = CreateJournalDialog(window)
            dialog.open()
        else:
            dialog = getattr(window, name)()
        assert dialog is not None, name
        pages = [dialog.pages.setCurrentIndex] if name == "open_handover" else []
        for page in each_tab_page(dialog):
            if bad := dutch_in(dialog):
                found[name + page] = bad
            if clash := clashes(dialog):
                mnemonic_clashes[name + page] = clash
        for show in pages:  # the handover's second page
            show(1)
            if bad := dutch_in(dialog):
                found[name + " done"] = bad
            if clash := clashes(dialog):
                mnemonic_clashes[name + " done"] = clash
        if name == "open_welcome":
            for index in range(1, dialog.stack.count()):
                dialog.go(index)
                if bad := dutch_in(dialog):
                    found[f"{name} step {index + 1}"] = bad
                if clash := clashes(dialog):
                    mnemonic_clashes[f"{name} step {index + 1}"] = clash
        dialog.close()
    assert not found
    assert not mnemonic_clashes


def test_spot_texts_in_english(qtbot, english_window):
    window, _session = english_window
    backups = window.open_backups()
    assert backups.windowTitle() == "Backups"
    assert backups.make_button.text() == "&Back up now"
    assert backups.restore_button.text() == "&Restore…"
    assert backups.close_button.text() == "&Close"
    headers = [backups.model.headerData(c, Qt.Orientation.Horizontal)
               for c in range(backups.model.columnCount())]
    assert headers == ["Made on", "Place", "Size", "Cases", "Consultations", "Check"]
    assert re.search(r"; they are deleted \d+ days after the destruction\. A restored backup",
                     backups.purge_note.text()), backups.purge_note.text()
    assert backups.save_settings()
    assert backups.message.text() == "The backup settings were saved."
    backups.close()

    settings = window.open_settings()
    assert settings.windowTitle() == "Settings"
    assert settings.retention.suffix() in (" months", " month")
    settings.retention.setValue(1)
    assert settings.retention.suffix() == " month"
    settings.retention.setValue(6)
    assert settings.retention.suffix() == " months"
    settings.close_for_lock()  # changed: close() would ask whether to keep the changes

    change = window.open_passphrase_change()
    assert change.ok.text() == "Change &passphrase"
    assert change.try_change() is False
    assert "• Fill in the current passphrase." in change.message.text()
    change.close()

    handover = window.open_handover()
    assert handover.windowTitle() == "Hand over cases to a successor"
    assert handover.organisation.itemText(handover.organisation.count() - 1) == \
        "— tick the cases yourself —"
    assert handover.cases.item(0).text().endswith("(open)")
    handover.path.clear()
    handover.organisation.setCurrentIndex(handover.organisation.count() - 1)
    handover.cases.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert not handover.try_hand_over()
    assert "• Choose an organisation or tick the cases." in handover.error.text()
    assert "• Choose a name for the new journal." in handover.error.text()
    handover.close()

    take_over = window.open_take_over()
    assert not take_over.try_take_over()
    assert take_over.error.text() == "Choose the journal and fill in its passphrase."
    assert take_over.passphrase.accessibleName() == "That journal's passphrase"
    take_over.close()

    welcome = window.open_welcome()
    assert welcome.step_label.text() == "Step 1 of 3"
    assert welcome.findChild(QLabel, "welcomeTitle1").text() == "<h2>Your data stays with you</h2>"
    welcome.close()

    about = window.open_about()
    assert [about.tabs.tabText(i) for i in range(2)] == ["&General", "&Third-party licences"]
    about.close()

    create = CreateJournalDialog(window)
    create.path.clear()
    create.try_create()
    assert "• Choose a place for the journal." in create.error.text()
    assert "• Fill in the organisation you are a confidential adviser for." in create.error.text()
    create.close()


def test_a_backup_made_and_listed_in_english(qtbot, english_window):
    window, session = english_window
    dialog = window.open_backups()
    assert dialog.make_now()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=15000)
    assert dialog.message.text() == "The backup was made and checked (1 case)."
    model = dialog.model
    assert model.rowCount() == 1
    row = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    assert row[1] == "journal folder" and row[5] == "checked"
    assert re.fullmatch(r"\d+ kB|\d+\.\d MB", row[2]), row[2]
    assert not dutch(" ".join(row[1:])), row
    dialog.close()


def test_numbers_and_states_follow_the_language():
    assert size_text(2_500_000) == "2,5 MB" and size_text(1200) == "1 kB"
    assert place_text("tweede plek") == "tweede plek"
    assert [i18n._(s) for s in (VERIFIED, OLDER, UNCHECKED)] == [
        "gecontroleerd", "ouder wachtwoord", "niet gecontroleerd"]
    i18n.set_language("en")
    assert size_text(2_500_000) == "2.5 MB"
    assert place_text("tweede plek") == "second place"
    assert [i18n._(s) for s in (VERIFIED, OLDER, UNCHECKED)] == [
        "checked", "older passphrase", "not checked"]
    assert i18n._(single_instance.JOURNAL_IN_USE).startswith("This journal is already open")


def test_the_self_tests_qt_messages_in_english(qapp):
    i18n.set_language("en")
    result = selftest_qt.check_pdf("brief", b"not a pdf")
    assert not result.ok and result.text.startswith("QtPdf: the letter could not be read")
    assert selftest_qt.qt_checks({})[0].text == "QtPdf: skipped, no PDFs were made"
    i18n.set_language("nl")
    result = selftest_qt.check_pdf("jaarverslag", b"not a pdf")
    assert result.text.startswith("QtPdf: het jaarverslag kon niet worden gelezen")


def test_back_in_dutch_the_windows_are_unchanged(qtbot, english_window):
    window, _session = english_window
    i18n.set_language("nl")
    backups = window.open_backups()
    assert backups.windowTitle() == "Reservekopieën"
    assert backups.restore_button.text() == "&Terugzetten…"
    assert backups.model.headerData(0, Qt.Orientation.Horizontal) == "Gemaakt op"
    assert "dagen na de vernietiging verwijderd" in backups.purge_note.text()
    backups.close()
    settings = window.open_settings()
    settings.retention.setValue(1)
    assert settings.retention.suffix() == " maand"
    settings.close_for_lock()
    welcome = window.open_welcome()
    assert welcome.step_label.text() == "Stap 1 van 3"
    welcome.close()
    handover = window.open_handover()
    assert handover.ok.text() == "&Overdragen"
    assert handover.cases.item(0).text().endswith("(open)")
    handover.close()
