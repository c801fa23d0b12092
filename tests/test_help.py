"""Help: F1 opens the offline manual at the right section (main window and dialogs), the Help
menu, "Over VP Desktop" with the cipher parameters of the running library, the welcome."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from vp_desktop import i18n
from vp_desktop.i18n import _ as translate
from vp_desktop.ui import help_window as help_module
from vp_desktop.ui import welcome_dialog
from vp_desktop.ui.about_dialog import AboutDialog
from vp_desktop.ui.consultation_dialog import ConsultationDialog
from vp_desktop.ui.help_window import HELP_ANCHORS, image_sources, manual_path

from conftest import make_case
from test_ui import open_window, unlock_with_keyboard, wait_for_dialog

# Screenshots the lead adds to resources/screenshots/ (the manual shows the alt text until then).
TO_BE_ADDED_BY_LEAD = {"main.png", "case.png", "quicklog.png", "letter.png", "annual.png",
                       "help.png"}


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and attributes.get("name"):
            self.names.append(attributes["name"])
        if tag == "a" and (attributes.get("href") or "").startswith("#"):
            self.links.append(attributes["href"][1:])


# the Dutch manual and its English translation are checked alike
MANUAL_LANGUAGES = ("nl", "en")


def manual_text(lang: str = "nl") -> str:
    return manual_path(lang).read_text(encoding="utf-8")


def parsed_manual(lang: str = "nl") -> _Anchors:
    parser = _Anchors()
    parser.feed(manual_text(lang))
    return parser


@pytest.fixture
def unlocked(qtbot, journal, journal_path):
    make_case(journal)
    journal.close()
    window, session = open_window(qtbot, journal_path)
    unlock_with_keyboard(qtbot, window)
    qtbot.waitUntil(lambda: session.is_unlocked)
    yield window, session
    if help_module._window is not None:
        help_module._window.close()


def press_f1() -> None:
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F1)


def test_f1_in_the_main_window_opens_the_manual_at_the_focused_part(qtbot, unlocked):
    window, _session = unlocked
    window.case_list.view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.case_list.view)
    press_f1()
    help_win = help_module._window
    assert help_win is not None and help_win.isVisible()
    assert help_win.anchor == "dossiers"
    assert help_win.browser.verticalScrollBar().value() > 0  # really scrolled to the section

    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window._focus_filter()  # Ctrl+F
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.case_list.filter_box)
    top_of_dossiers = help_win.browser.verticalScrollBar().value()
    press_f1()
    assert help_win.anchor == "zoeken"
    assert help_win.browser.verticalScrollBar().value() > top_of_dossiers


def test_f1_in_a_dialog_opens_its_section_and_about_shows_the_real_cipher(qtbot, unlocked):
    window, _session = unlocked
    window.log_consultation()
    dialog = wait_for_dialog(qtbot, ConsultationDialog)
    press_f1()
    help_win = help_module._window
    assert help_win is not None and help_win.isVisible()
    assert help_win.anchor == "gesprek"
    assert dialog.isVisible()  # F1 does not close or save the form
    assert help_win.parentWidget() is None  # not blocked by the window-modal dialog
    dialog.close_for_lock()
    check_about(window, _session)


@pytest.mark.parametrize("lang", MANUAL_LANGUAGES)
def test_every_f1_anchor_and_every_internal_link_exists_in_the_manual(lang):
    parsed = parsed_manual(lang)
    names = set(parsed.names)
    assert len(parsed.names) == len(names), "an anchor name is used twice"
    missing = {a for a in HELP_ANCHORS.values() if a not in names}
    assert missing == set()
    assert {link for link in parsed.links if link not in names} == set()
    for section in ("eerste-start", "gesprek", "dossiers", "zoeken", "vervolgstappen",
                    "brieven", "dossierrapport", "jaarverslag", "reservekopieen",
                    "wachtwoord", "bewaartermijn", "overdracht", "sneltoetsen", "begrippen"):
        assert section in names, section


@pytest.mark.parametrize("lang", MANUAL_LANGUAGES)
def test_every_image_exists_or_is_listed_for_the_lead_and_missing_ones_show_alt_text(
        qtbot, lang):
    i18n.set_language(lang)  # the help window shows the manual of the interface language
    base = manual_path().parent
    sources = image_sources(manual_text(lang))
    assert sources, "the manual shows screenshots"
    absent = set()
    for source in sources:
        assert source.startswith("../screenshots/"), source
        if not (base / source).is_file():
            absent.add(source.rsplit("/", 1)[-1])
    assert absent <= TO_BE_ADDED_BY_LEAD
    window = help_module.open_help("inhoud")
    text = window.browser.toPlainText()
    for source in sources:
        if (base / source).is_file():  # a present screenshot is really loaded and shown
            image = window.browser.document().resource(
                QTextDocument.ResourceType.ImageResource, QUrl(source))
            assert image is not None and not image.isNull(), source
    for name in absent:
        [alt] = re.findall(rf'src="\.\./screenshots/{re.escape(name)}"[^>]*alt="([^"]*)"',
                           manual_text(lang))
        assert translate("[Afbeelding: {alt}]").format(alt=alt) in text
    window.close()


@pytest.mark.parametrize("lang", MANUAL_LANGUAGES)
def test_shortcut_table_matches_the_real_shortcuts(qtbot, lang):
    window, _session = open_window(qtbot)  # the actions exist while locked too
    section = manual_text(lang).split('name="sneltoetsen"')[1].split('name="begrippen"')[0]
    listed = set(re.findall(r"<tr><td>([^<]+)</td>", section))
    real = {a.shortcut().toString() for a in window.actions() if not a.shortcut().isEmpty()}
    assert real, "the main window has shortcuts"
    assert real - listed == set(), "a shortcut of the main window is missing in the manual"
    in_dialogs = {"F1", "Ctrl+Enter", "Ctrl+P", "Esc", "Alt + onderstreepte letter",
                  "Alt + underlined letter"}
    assert listed - real - in_dialogs == set(), "the manual lists a shortcut that does not exist"


def check_about(window, session) -> None:
    """Over VP Desktop shows the cipher parameters of the running library (asked from the
    session's own connection here)."""
    dialog = window.open_about()
    assert isinstance(dialog, AboutDialog)
    con = session.journal.vault.connection

    def pragma(name: str) -> str:
        return str(con.execute(f"PRAGMA {name}").fetchone()[0])

    values = {label: field.text() for label, field in dialog.values.items()}
    assert values["SQLCipher-versie"] == pragma("cipher_version")
    assert values["Controle op knoeien (HMAC)"] == pragma("cipher_hmac_algorithm")
    kdf = values["Sleutelafleiding"]
    assert kdf.startswith(pragma("cipher_kdf_algorithm") + ", ")
    assert kdf.replace(".", "").split(", ")[1].split()[0] == pragma("kdf_iter")
    assert values["Paginagrootte"].replace(".", "") == f"{pragma('cipher_page_size')} bytes"
    assert values["Cryptografische bibliotheek"].startswith(pragma("cipher_provider"))
    assert values["Journaal"] == str(session.journal.path)
    assert values["Reservekopieën"].startswith(str(session.journal.path.parent))
    assert re.fullmatch(r"\d+\.\d+.*", values["Versie"])
    assert "EUPL" in values["Licentie"]
    dialog.close()


def test_about_while_locked_names_no_journal(qtbot):
    window, _session = open_window(qtbot)
    dialog = window.open_about()
    assert "ontgrendel" in dialog.values["Journaal"].text()
    assert "SQLCipher-versie" not in dialog.values
    dialog.close()


def test_help_menu_has_its_own_mnemonic_and_entries(qtbot):
    window, _session = open_window(qtbot)
    menus = [a.text() for a in window.menuBar().actions()]
    assert "&Help" in menus
    keys = [re.search(r"&(\w)", t).group(1).lower() for t in menus]
    assert len(keys) == len(set(keys)), menus
    [help_menu] = [a.menu() for a in window.menuBar().actions() if a.text() == "&Help"]
    entries = [a.text() for a in help_menu.actions() if not a.isSeparator()]
    assert {"&Handleiding (F1)", "&Sneltoetsen", "&Over VP Desktop"} <= set(entries)
    # the help entries work while locked
    assert all(a.isEnabled() for a in help_menu.actions())
    window.findChild(type(help_menu.actions()[1]), "actionShortcuts").trigger()
    assert help_module._window.anchor == "sneltoetsen"
    help_module._window.close()


def test_welcome_is_shown_once_and_not_by_build_window(qtbot):
    QSettings().remove(welcome_dialog.SEEN_KEY)  # Qt keeps one settings file per process
    window, _session = open_window(qtbot)
    assert window.findChild(welcome_dialog.WelcomeDialog) is None  # tests are never blocked
    assert QSettings().value(welcome_dialog.SEEN_KEY) is None
    dialog = welcome_dialog.show_welcome_once(window)
    assert dialog is not None and dialog.stack.count() == 3
    qtbot.waitUntil(dialog.isVisible)
    titles = []
    for _ in range(3):
        titles.append(dialog.stack.currentWidget().findChild(type(dialog.step_label)).text())
        if dialog.next_button.isVisible():
            dialog.next_button.click()
    assert "Vergrendelen" in titles[1] and "Reservekopie" in titles[2]
    assert dialog.step_label.text() == "Stap 3 van 3"
    dialog.done_button.click()
    assert QSettings().value(welcome_dialog.SEEN_KEY, False, type=bool) is True
    assert welcome_dialog.show_welcome_once(window) is None
    again = window.open_welcome()  # reopenable from Help
    assert again.isVisible()
    again.close()


def _reads_line_by_line(qtbot, browser) -> None:
    """The arrow keys move a caret through the document (what a screen reader follows), and
    the line it is on is real text of the document."""
    browser.setFocus()
    qtbot.waitUntil(browser.hasFocus)
    QTest.keyClick(browser, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    start = browser.textCursor().position()
    for _ in range(3):
        QTest.keyClick(browser, Qt.Key.Key_Down)
    cursor = browser.textCursor()
    assert cursor.position() > start
    cursor.select(cursor.SelectionType.LineUnderCursor)
    assert cursor.selectedText().strip()
    QTest.keyClick(browser, Qt.Key.Key_End, Qt.KeyboardModifier.ShiftModifier)
    assert browser.textCursor().hasSelection()  # and a line can be selected (to copy, to spell)


def test_the_manual_and_the_it_documentation_can_be_read_line_by_line_by_keyboard(qtbot):
    from vp_desktop.ui.evidence_window import EvidenceWindow

    window = help_module.HelpWindow()
    qtbot.addWidget(window)
    window.show_anchor(help_module.TOP)
    window.show()
    qtbot.waitExposed(window)
    _reads_line_by_line(qtbot, window.browser)
    evidence = EvidenceWindow()
    qtbot.addWidget(evidence)
    evidence.show()
    qtbot.waitExposed(evidence)
    _reads_line_by_line(qtbot, evidence.browser)


def test_the_caret_goes_with_the_section_shown(qtbot):
    """F1 opens the manual at a section and a link leads to one: the caret goes there too,
    so Down reads on in that section (not from the top of the manual)."""
    window = help_module.HelpWindow()
    qtbot.addWidget(window)
    window.show()
    window.show_anchor(help_module.TOP)
    window.show_anchor("gesprek")
    browser = window.browser
    cursor = browser.textCursor()
    cursor.select(cursor.SelectionType.BlockUnderCursor)
    heading = cursor.selectedText().strip()
    assert "gesprek" in heading.lower() and heading[0].isdigit(), heading
    top = browser.verticalScrollBar().value()
    assert top > 0
    browser.setFocus()
    qtbot.waitUntil(browser.hasFocus)
    QTest.keyClick(browser, Qt.Key.Key_Down)
    assert browser.verticalScrollBar().value() >= top  # read on, not back to the top
    window.show_anchor(help_module.TOP)
    QTest.keyClick(browser, Qt.Key.Key_Tab)
    link = browser.textCursor()
    assert link.hasSelection() and link.charFormat().isAnchor()
    QTest.keyClick(browser, Qt.Key.Key_Return)
    assert browser.textCursor().position() > link.selectionEnd()
    assert browser.textCursor().block().text().strip().startswith("1.")
