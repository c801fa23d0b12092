"""Wording checks over the source: no "dossier(s)"-style plurals in any string literal.

Counted nouns go through ``vp_desktop.dutch.plural``; a literal such as "pagina('s)" or
"dossier(s)" in the code means a user sees clumsy Dutch.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

import vp_desktop
from vp_desktop.dutch import plural
from vp_desktop.ui.follow_up_dialog import FollowUpDialog

from conftest import make_case
from test_ui import open_window, unlock_with_keyboard

PACKAGE = Path(vp_desktop.__file__).parent
# "dossier(s)", "pagina('s)", "pagina(’s)", "gesprek(ken)"-like endings glued to a word.
CLUMSY = re.compile(r"\w\((s|'s|’s|en|n|ken)\)")


def _literals(tree: ast.AST) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.append((node.lineno, node.value))
    return found


def clumsy_plurals(source: str) -> list[tuple[int, str]]:
    """Every string literal (f-string parts included) with a "(s)"-style plural."""
    return [(line, text) for line, text in _literals(ast.parse(source))
            if CLUMSY.search(text)]


def test_the_scan_catches_the_old_texts():
    source = ("a = 'dossier(s)'\n"
              "b = f\"{n} pagina('s) klaar\"\n"
              "c = 'categorie(en)'\n"
              "d = f\"{n} pagina’s\"\n")
    assert sorted(line for line, _ in clumsy_plurals(source)) == [1, 2, 3]


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")),
                         ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_clumsy_plurals_in_string_literals(path: Path):
    assert clumsy_plurals(path.read_text(encoding="utf-8")) == []


def test_plural_helper():
    assert plural(1, "dossier", "dossiers") == "1 dossier"
    assert plural(0, "dossier", "dossiers") == "0 dossiers"
    assert plural(3, "pagina", "pagina’s") == "3 pagina’s"


# --- closing a form with unsaved changes ------------------------------------------------------


def answer_box(button_text: str, seen: list) -> None:
    """Click ``button_text`` in the next message box; record its title, text and buttons."""
    def click(tries: int = 25):
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            if tries:
                QTimer.singleShot(20, lambda: click(tries - 1))
            return
        seen.append((box.windowTitle(), box.text(), [b.text() for b in box.buttons()]))
        for b in box.buttons():
            if b.text() == button_text:
                b.click()
    QTimer.singleShot(0, click)


def test_closing_a_changed_form_asks_in_words_that_say_what_happens(qtbot, journal, journal_path):
    case = make_case(journal)
    journal.close()
    path = journal_path
    window, session = open_window(qtbot, path)
    unlock_with_keyboard(qtbot, window)
    qtbot.waitUntil(lambda: session.journal is not None)
    before = session.journal.follow_ups(case.id)
    dialog = FollowUpDialog(session, case.id, window)
    dialog.show()
    dialog.what.setText("Verslag nalezen")
    seen: list = []
    answer_box("&Verder bewerken", seen)
    dialog.reject()
    [(title, text, buttons)] = seen
    assert title == "Wijzigingen niet opslaan?"
    assert "Weggooien" not in text and "niet zijn opgeslagen" in text
    assert sorted(buttons) == ["&Niet opslaan", "&Verder bewerken"]
    assert dialog.isVisible() and dialog.what.text() == "Verslag nalezen"

    answer_box("&Niet opslaan", seen)
    dialog.reject()
    assert len(seen) == 2
    assert not dialog.isVisible()
    assert session.journal.follow_ups(case.id) == before


# --- the Gegevens panel: melder, channel, categories and domain each on their own line ---------


def test_case_view_keeps_melder_channel_categories_and_domain_apart(qtbot):
    from datetime import date

    from vp_desktop.domain.model import Case, MelderIdentity
    from vp_desktop.ui.case_view import CaseView

    view = CaseView()
    qtbot.addWidget(view)
    case = Case(organisation_id=1, opened=date(2026, 3, 2), code="2026-001",
                categories=("pesten", "overig_anders"), melder_type="medewerker",
                channel="persoonlijk", melder=MelderIdentity(anonymous=True))
    view.show_case(case, "Gemeente Voorbeeld")
    field = view._field_labels
    assert field["melder"].text() == "anoniem · Medewerker"
    assert field["channel"].text() == "Persoonlijk gesprek"
    assert field["categories"].text() == "Pesten; Overige vraag"
    assert field["domains"].text() == "Ongewenste omgangsvormen; Overig"
    assert view.form.labelForField(field["channel"]).text() == "Eerste contact:"


# --- abbreviations explained ----------------------------------------------------------------


def test_abbreviations_in_combos_lists_and_headers_have_a_written_out_tooltip(qtbot):
    from PySide6.QtCore import Qt

    from vp_desktop.domain.vocabulary import MELDER_TYPES, OUTCOMES, REFERRAL_DESTINATIONS
    from vp_desktop.ui.category_list import CategoryList
    from vp_desktop.ui.record_models import follow_up_model
    from vp_desktop.ui.widgets import vocab_combo

    def tip(combo, label):
        return combo.itemData(combo.findText(label), Qt.ItemDataRole.ToolTipRole) or ""

    melder = vocab_combo(MELDER_TYPES, "t1", "Type melder")
    assert "buitengewoon ambtenaar van de burgerlijke stand" in tip(melder, "Babs")
    assert tip(melder, "Medewerker") == ""
    outcome = vocab_combo(OUTCOMES, "t2", "Uitkomst")
    assert "Landelijke Klachtencommissie Ongewenst Gedrag" in tip(outcome, "Formele klacht (LKOG)")
    referral = vocab_combo(REFERRAL_DESTINATIONS, "t3", "Verwezen naar")
    assert "antidiscriminatievoorziening" in tip(
        referral, REFERRAL_DESTINATIONS.label("rechten_van_de_mens"))

    categories = CategoryList("t4")
    qtbot.addWidget(categories)
    [wbk] = [categories.item(r) for r in range(categories.count())
             if "(Wbk)" in categories.item(r).text()]
    assert wbk.toolTip() == "Wbk: Wet bescherming klokkenluiders"

    model = follow_up_model()
    headers = {model.headerData(c, Qt.Orientation.Horizontal): model.headerData(
        c, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
        for c in range(model.columnCount())}
    assert "open, afgerond, over tijd" in headers["Stand"]
    assert headers["Datum"] is None
