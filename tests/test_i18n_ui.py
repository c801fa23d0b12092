"""The main window, its menus and the unlock screen in English (issue 11), with real widgets;
and the interface catalogue (resources/locale/en/LC_MESSAGES/vp_desktop_ui.po) complete."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from test_mnemonics import clashes, each_tab_page

from vp_desktop import i18n
from vp_desktop.domain.model import VpProfile
from vp_desktop.i18n import _
from vp_desktop.storage.journal import Journal
from vp_desktop.ui import app as ui_app
from vp_desktop.ui.app import build_window, interface_language

from conftest import PASSPHRASE, make_case

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = ROOT / "resources" / "locale" / "en" / "LC_MESSAGES" / "vp_desktop_ui.po"
# the files whose texts this catalogue covers (issue 11, part 2)
UI_FILES = ["main_window.py", "unlock_view.py", "case_list_panel.py", "case_list_model.py",
            "record_models.py",
            "case_view.py", "app.py"]

# Common Dutch words of the interface; none may show in the English window.
DUTCH_WORDS = {
    "dossier", "dossiers", "journaal", "gesprek", "vervolgstap", "vervolgstappen",
    "wachtwoord", "ontgrendelen", "openen", "maken", "nieuw", "zoeken", "beeld", "bewerken",
    "afsluiten", "vergrendelen", "instellingen", "jaarverslag", "reservekopie", "overdragen",
    "handleiding", "sneltoetsen", "tonen", "vernietigen", "brief", "afgerond", "termijn",
    "concept", "alle", "geen", "van", "het", "een", "uw", "naar", "wijzigen",
    "toevoegen", "overzicht", "welkom", "ander", "ongedaan", "gegevens", "verzonnen",
}

MENUS_EN = ["&Journal", "&Case", "&Edit", "&View", "&Help"]
MENUS_NL = ["&Journaal", "&Dossier", "Bewer&ken", "&Beeld", "&Help"]
ACTIONS_EN = {
    "actionLock": "&Lock", "actionCreateJournal": "&New journal…",
    "actionOpenJournal": "&Open another journal…", "actionSettings": "&Settings…",
    "actionTemplates": "Letter &templates…", "actionAnnualReport": "&Annual report…",
    "actionBackupNow": "&Back up now", "actionQuit": "&Quit",
    "actionNewConsultation": "New &consultation…", "actionNewCase": "New c&ase…",
    "actionEditCase": "&Edit case…", "actionAddFollowUp": "Add &follow-up…",
    "actionLetter": "Make &letter…", "actionReport": "Case &overview…",
    "actionDestroyCase": "&Destroy case…", "actionFind": "&Find", "actionShowCases": "&Cases",
    "actionShowFollowUps": "&Follow-ups", "actionShowDue": "Due for &destruction",
    "actionHandover": "&Hand over…", "actionBackups": "Backu&ps…",
    "actionChangePassphrase": "Change pass&phrase…", "actionUndo": "&Undo",
    "actionHelp": "&Manual (F1)", "actionAbout": "&About VP Desktop",
}
TABS_EN = ["C&ases", "&Follow-ups", "Due for &destruction"]
TABS_NL = ["D&ossiers", "&Vervolgstappen", "Te vern&ietigen"]


def dutch_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-zà-ÿ]+", text.replace("&", "").lower())
            if w in DUTCH_WORDS}


@pytest.fixture
def journal_file(tmp_path):
    path = tmp_path / "journaal.vpj"
    journal = Journal.create(path, PASSPHRASE, profile=VpProfile(name="Test VP"),
                             organisations=["Gemeente Testdorp"])
    make_case(journal)
    journal.close()
    return path


def open_window(qtbot, path: Path, lang: str):
    i18n.set_language(lang)
    window, session = build_window(str(path))
    qtbot.addWidget(window)
    window.show()
    return window, session


def menu_titles(window) -> list[str]:
    return [a.text() for a in window.menuBar().actions()]


def all_actions(window):
    for top in window.menuBar().actions():
        yield top
        yield from sub_actions(top.menu())


def sub_actions(menu):
    for action in menu.actions():
        if action.isSeparator():
            continue
        yield action
        if action.menu() is not None:
            yield from sub_actions(action.menu())


def tab_texts(window) -> list[str]:
    return [re.sub(r" \(.*\)$", "", window.tabs.tabText(i)) for i in range(window.tabs.count())]


def test_the_unlock_screen_is_english(qtbot, journal_file):
    window, _session = open_window(qtbot, journal_file, "en")
    view = window.unlock_view
    assert view.subtitle.text() == "Your journal is locked."
    assert view.unlock_button.text() == "&Unlock"
    assert view.other_button.text() == "&Other journal…"
    assert view.create_button.text() == "&New journal…"
    assert view.show_passphrase.text() == "&Show passphrase"
    form_labels = [label.text() for label in view.findChildren(type(view.subtitle))
                   if label.buddy() is not None or label.text().endswith(":")]
    assert "&Passphrase:" in form_labels and "Journal:" in form_labels
    view._request()  # no password typed
    assert view.message.text() == "Type your passphrase."
    texts = [view.subtitle.text(), view.message.text(), *form_labels,
             *(b.text() for b in (view.unlock_button, view.other_button, view.create_button,
                                  view.show_passphrase))]
    assert not dutch_words(" ".join(texts)), texts


def test_the_main_window_menus_actions_and_tabs_are_english(qtbot, journal_file):
    window, _session = open_window(qtbot, journal_file, "en")
    window.unlock(PASSPHRASE)
    assert window.stack.currentIndex() == 1
    assert menu_titles(window) == MENUS_EN
    by_name = {a.objectName(): a.text() for a in all_actions(window) if a.objectName()}
    for name, text in ACTIONS_EN.items():
        assert by_name[name] == text, name
    assert tab_texts(window) == TABS_EN
    assert window.tabs.tabText(1) == "&Follow-ups (1 overdue)"  # the example case's step
    assert window.case_list.count_label.text() == "1 case"
    assert window.case_view.edit_button.text() == "Ed&it case"
    model = window.case_list.model
    headers = [model.headerData(c, Qt_horizontal()) for c in range(model.columnCount())]
    assert headers == ["Code", "Organisation", "Opened", "Status", "Categories", "Contact",
                       "Follow-up"]
    steps = window.open_follow_ups
    headers += [steps.headerData(c, Qt_horizontal()) for c in range(steps.columnCount())]
    assert headers[-5:] == ["Date", "Case", "Follow-up", "Kind", "State"]
    assert steps.data(steps.index(0, 4)) == "overdue"
    shown = [a.text() for a in all_actions(window) if a.objectName() != "languageMenu"
             and a.menu() is not window.language_menu]
    shown += [window.tabs.tabText(i) for i in range(window.tabs.count())]
    shown += [window.case_view.title.text(), window.case_view.edit_button.text(),
              window.case_view.log_button.text(), window.case_view.letter_button.text(),
              window.case_view.report_button.text(), window.case_list.filter_box.placeholderText(),
              window.case_list.status.itemText(0), *headers]
    found = {text: dutch_words(text) for text in shown if dutch_words(text)}
    assert not found


def Qt_horizontal():  # noqa: N802
    from PySide6.QtCore import Qt

    return Qt.Orientation.Horizontal


def test_back_in_dutch_the_window_is_unchanged(qtbot, journal_file):
    window, _session = open_window(qtbot, journal_file, "en")
    assert menu_titles(window) == MENUS_EN
    window.close()
    window, _session = open_window(qtbot, journal_file, "nl")
    window.unlock(PASSPHRASE)
    assert menu_titles(window) == MENUS_NL
    assert tab_texts(window) == TABS_NL
    assert window.findChild(type(window.act_lock), "actionLock").text() == "&Vergrendelen"
    assert window.unlock_view.unlock_button.text() == "&Ontgrendelen"
    assert window.case_list.count_label.text() == "1 dossier"


def test_the_english_main_window_has_unique_mnemonics(qtbot, journal_file):
    window, _session = open_window(qtbot, journal_file, "en")
    found = {}
    if clash := clashes(window):
        found["unlock screen"] = clash
    window.unlock(PASSPHRASE)
    for page in each_tab_page(window):
        if clash := clashes(window):
            found[f"main window{page}"] = clash
    window.tabs.setCurrentIndex(0)
    window.case_list.filter_box.setText("zzzz-nothing-found")
    assert window.case_list.clear_filters_button.isVisible()
    assert window.case_list.clear_filters_button.text() == "Clear filter&s"
    if clash := clashes(window):
        found["main window, nothing found"] = clash
    assert not found


def test_the_language_choice_is_stored_and_the_command_line_wins(qtbot, journal_file):
    window, _session = open_window(qtbot, journal_file, "nl")
    assert window.language_actions["nl"].isChecked()
    window.choose_language("en", tell=False)
    assert QSettings().value("taal") == "en"
    assert window.language_actions["en"].isChecked()
    assert "VP Desktop" in window.statusBar().currentMessage()
    assert interface_language(None) == "en"  # the next start: the setting
    assert _("&Journaal") == "&Journal"
    assert interface_language("nl") == "nl"  # --lang nl wins over the setting
    assert _("&Journaal") == "&Journaal"
    QSettings().setValue("taal", "xx")  # anything unknown: the system's language
    assert interface_language(None) == "nl"  # conftest: LANGUAGE=nl


def test_without_a_setting_the_system_language_counts(qtbot, monkeypatch):
    QSettings().remove("taal")
    monkeypatch.setenv("LANGUAGE", "en_GB:nl")
    assert interface_language(None) == "en"
    assert _("&Journaal") == "&Journal"
    monkeypatch.setenv("LANGUAGE", "nl_BE")
    assert interface_language(None) == "nl"


def test_qt_gets_our_dutch_texts_only_in_dutch(qtbot):
    app = QApplication.instance()
    try:
        i18n.set_language("en")
        assert ui_app._install_dutch_qt_texts(app) == []
        assert QApplication.translate("QPlatformTheme", "Save") == "Save"
        i18n.set_language("nl")
        installed = ui_app._install_dutch_qt_texts(app)
        assert installed
        assert QApplication.translate("QPlatformTheme", "Save") == "&Opslaan"
    finally:
        i18n.set_language("nl")
        ui_app._install_dutch_qt_texts(app)


def placeholders(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


def mnemonic_count(text: str) -> int:
    return len(re.findall(r"&[^&\s]", text.replace("&&", "")))


def test_every_message_has_an_english_translation_with_the_same_placeholders():
    with CATALOGUE.open("rb") as f:
        catalogue = read_po(f)
    messages = [m for m in catalogue if m.id]
    assert len(messages) > 200
    for m in messages:
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strs = m.string if isinstance(m.string, tuple) else (m.string,)
        assert all(s.strip() for s in strs), m.id
        assert not m.fuzzy, m.id
        for s in strs:
            assert placeholders(s) == placeholders(ids[0]), m.id
            assert mnemonic_count(s) == mnemonic_count(ids[0]), m.id


def test_every_text_of_the_window_files_is_in_the_catalogue():
    with CATALOGUE.open("rb") as f:
        catalogue = read_po(f)
    keywords = {"_": None, "N_": None, "ngettext": (1, 2)}
    missing = []
    for name in UI_FILES:
        for _line, msg, _comments, _ctx in extract_from_file(
                "python", ROOT / "vp_desktop" / "ui" / name, keywords=keywords):
            key = msg if isinstance(msg, str) else msg[0]
            if catalogue.get(key) is None:
                missing.append((name, msg))
    assert not missing


def test_the_compiled_catalogue_matches_its_source():
    with CATALOGUE.open("rb") as f:
        catalogue = read_po(f)
    i18n.set_language("en")
    for m in catalogue:
        if not m.id:
            continue
        if isinstance(m.id, tuple):
            assert i18n.ngettext(m.id[0], m.id[1], 1) == m.string[0]
            assert i18n.ngettext(m.id[0], m.id[1], 2) == m.string[1]
        else:
            assert _(m.id) == m.string, m.id


def test_in_the_pseudo_locale_every_menu_action_and_tab_came_through_the_catalogue(
        qtbot, journal_file):
    window, _session = open_window(qtbot, journal_file, "pseudo")
    window.unlock(PASSPHRASE)
    # every action but the two language names (each written in its own language)
    texts = [a.text() for a in all_actions(window) if a.text() not in ("&Nederlands", "&English")]
    texts += [window.tabs.tabText(i) for i in range(window.tabs.count())]
    texts += [window.case_view.edit_button.text(), window.case_list.count_label.text(),
              window.case_list.model.headerData(0, Qt_horizontal())]
    assert texts and all(t.startswith("⟦") and t.endswith("⟧") for t in texts), texts
