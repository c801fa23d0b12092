"""An English sweep (issue 11, "the app started with the English setting shows no Dutch
outside user data and Dutch documents"): the main window (locked, unlocked, every tab and
menu) and every window of ``fit_probe.window_openers`` (each tab and page), opened with
``set_language("en")``, show no common Dutch word in any visible text. Built on the
pseudo-locale test's walker (tests/pseudo_walk.py): user data, template titles and «tokens»
(Dutch letter material), key names, paths and the About window's language-neutral facts are
left out the same way (``Neutral``).

Each failure reads "window › widget objectName › text › Dutch words"."""

from __future__ import annotations

import re

import pytest
from fit_probe import close, window_openers
from pseudo_walk import Neutral, each_page, texts
from PySide6.QtWidgets import QApplication
from test_i18n_ui import DUTCH_WORDS
from test_pseudo_locale import WINDOWS, journal_data, walked_window

from vp_desktop import i18n
from vp_desktop.ui.form_dialog import FormDialog

# common Dutch words beyond tests/test_i18n_ui.py's: interface nouns of the glossary, and
# function words that no English sentence has (not "in", "is", "op"… that English shares)
SWEEP_WORDS = DUTCH_WORDS | {
    "melder", "betrokkene", "betrokkenen", "organisatie", "organisaties", "categorie",
    "categorieën", "doorverwijzing", "sjabloon", "sjablonen", "inzage", "bewaartermijn",
    "toestemming", "activiteitenlog", "annuleren", "opslaan", "sluiten", "afdrukken",
    "herstellen", "overnemen", "opgeslagen", "versie", "licentie", "herhalingen", "regel",
    "onbekend", "datum", "voorval", "leidinggevende", "bedrijfsarts", "klacht", "melding",
    "de", "en", "aan", "bij", "met", "voor", "zonder", "niet", "wordt", "zijn", "dit", "deze",
    "ook", "nog", "kan", "als", "uit", "tot", "wel", "er",
}
# proper names that stay Dutch in English; and the Dutch values a letter gets, quoted in the
# template editor's placeholder descriptions ("always 'de melder'")
PROPER_NAMES = ("Huis voor Klokkenluiders",)
LETTER_VALUES = ("de melder", "interne vertrouwenspersoon", "externe vertrouwenspersoon")
# template-language code in those descriptions: {% if met_identiteit %}, {{ melder_naam }},
# and placeholder names (met_identiteit)
TEMPLATE_CODE = re.compile(r"\{[{%#].*?[}%#]\}|\b[a-z]+(?:_[a-z]+)+\b")


def dutch_in(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-zà-ÿ]+", text.replace("&", "").lower())
            if w in SWEEP_WORDS}


def dutch_findings(window, label: str, neutral: Neutral) -> list[str]:
    QApplication.processEvents()
    found = []
    for name, kind, text in texts(window):
        rest = neutral.untranslated(text) if text and text.strip() else ""
        for name_ in PROPER_NAMES:
            rest = rest.replace(name_, " ")
        words = dutch_in(TEMPLATE_CODE.sub(" ", rest))
        if words:
            found.append(f"{label} › {name} › {text!r} › {kind}: {', '.join(sorted(words))}")
    return list(dict.fromkeys(found))


@pytest.fixture(scope="module")
def english_window(qapp):
    """The main window built in English (test_pseudo_locale.walked_window)."""
    yield from walked_window("en", dutch_findings, documents=LETTER_VALUES)


def test_the_words_are_dutch_and_not_english():
    assert dutch_in("Nieuw dossier opslaan") == {"nieuw", "dossier", "opslaan"}
    assert not dutch_in("Save the new case for the reporter and close the window")


def test_the_locked_screen(english_window):
    _window, _session, _neutral, locked, _case = english_window
    assert not locked, "\n".join(locked)


@pytest.mark.parametrize("tab", [0, 1, 2])
def test_the_main_window_tab_and_menus(english_window, tab):
    window, _session, neutral, _locked, case_id = english_window
    i18n.set_language("en")
    window.tabs.setCurrentIndex(tab)
    if tab == 0:
        window.case_list.select_case(case_id)
    found = dutch_findings(window, f"main window, tab {tab}", neutral)
    window.tabs.setCurrentIndex(0)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("name", WINDOWS)
def test_the_window(english_window, name):
    window, session, neutral, _locked, case_id = english_window
    i18n.set_language("en")
    window.tabs.setCurrentIndex(0)
    window.case_list.select_case(case_id)
    QApplication.processEvents()
    dialog = window_openers(window, session, case_id)[name]()
    assert dialog is not None
    if name == "kept_letter":  # its opener keeps a letter first: user data of its own
        neutral = Neutral(neutral.data | journal_data(session.journal),
                          documents=neutral.documents, facts=neutral.facts)
    try:
        QApplication.processEvents()
        found = []
        for page in each_page(dialog):
            found += dutch_findings(dialog, name + page, neutral)
    finally:
        close(dialog, FormDialog)
    assert not found, "\n".join(dict.fromkeys(found))
