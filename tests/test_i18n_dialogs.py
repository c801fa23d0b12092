"""The case, consultation, follow-up, letter, template and kept-letter dialogs and the
retention tab in English (issue 11), opened from the main window with real widgets on a real
journal; their Dutch stays as it was (the other UI tests), and their English Alt-letters are
unique per window and tab page."""

from __future__ import annotations

import re
from datetime import date

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTabBar,
    QWidget,
)
from test_i18n_ui import dutch_words, journal_file  # noqa: F401 - a fixture
from test_mnemonics import clashes, each_tab_page

from vp_desktop import i18n
from vp_desktop.domain import vocabulary
from vp_desktop.i18n import _
from vp_desktop.ui.app import build_window
from vp_desktop.ui.case_dialog import CaseDialog
from vp_desktop.ui.form_dialog import FormDialog
from vp_desktop.ui.pdf_output import PdfPreview
from vp_desktop.ui.retention_page import due_model

from conftest import PASSPHRASE

# Combo boxes whose items are user data or document text, not interface text: organisations
# and case codes (user data), letter-template titles and template conditions (templates and
# letters stay Dutch: documents).
DATA_COMBOS = {"caseOrganisation", "consultationOrganisation", "letterTemplate",
               "templateCondition"}


def vocabulary_labels() -> set[str]:
    """The vocabulary's labels as the screen shows them (``_(term.label)``). Their English
    comes with the vocabulary's catalogue (branch annual); until that is merged they are
    Dutch here, so the walk leaves them out — that they go through ``_()`` is checked by
    ``test_vocabulary_combos_show_the_interface_language``."""
    labels = set()
    for value in vars(vocabulary).values():
        if isinstance(value, vocabulary.Vocabulary):
            labels |= {_(term.label) for term in value}
    return labels


def visible_texts(root: QWidget) -> list[str]:
    """Every interface text a user sees or hears in ``root`` (a window, or a page of one;
    widgets of that window only): labels, buttons, group boxes, tabs, the title,
    placeholders, combo items, table headers, tooltips and accessible names."""
    QApplication.processEvents()
    skip = vocabulary_labels()
    window = root.window()
    texts = [window.windowTitle()] if root is window else [root.accessibleName()]
    for widget in root.findChildren(QWidget):
        if widget.window() is not window or not widget.isVisible():
            continue
        texts += [widget.accessibleName(), widget.toolTip()]
        if isinstance(widget, PdfPreview):  # its description is the (Dutch) document's text
            pages = re.findall(r"^(?:Pagina|Page) \d+: ", widget.accessibleDescription(),
                               re.MULTILINE)
            first = _("Pagina {number}: {text}").format(number=1, text="")
            assert not pages or pages[0] == first, pages  # the page word is the interface's
            texts += pages
        else:
            texts.append(widget.accessibleDescription())
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QTabBar):
            texts += [widget.tabText(i) for i in range(widget.count())]
        elif isinstance(widget, (QLineEdit, QPlainTextEdit)):
            texts.append(widget.placeholderText())
        if isinstance(widget, QComboBox) and widget.objectName() not in DATA_COMBOS:
            texts.append(widget.placeholderText())
            texts += [widget.itemText(i) for i in range(widget.count())
                      if widget.itemText(i) not in skip]
        if isinstance(widget, QHeaderView) and widget.model() is not None:
            texts += [str(widget.model().headerData(i, widget.orientation()) or "")
                      for i in range(widget.count())]
    return [t for t in texts if t]


def dutch_in(window: QWidget) -> dict[str, set[str]]:
    return {text: found for text in visible_texts(window) if (found := dutch_words(text))}


@pytest.fixture
def english_window(qtbot, journal_file):  # noqa: F811 - the fixture imported above
    from PySide6.QtGui import QAccessible

    QAccessible.setActive(True)  # as with a screen reader: previews describe their text
    i18n.set_language("en")
    window, session = build_window(str(journal_file))
    qtbot.addWidget(window)
    window.show()
    window.unlock(PASSPHRASE)
    case_id = session.journal.case_summaries()[0].id
    window.case_list.select_case(case_id)
    yield window, session, case_id
    session.close()
    QAccessible.setActive(False)


def keep_a_letter(session, case_id: int) -> int:
    from fit_probe import _keep_a_letter

    return _keep_a_letter(session, case_id)


def test_every_dialog_is_english_with_unique_alt_letters(english_window):
    window, session, case_id = english_window
    openers = {
        "new case": window.new_case, "edit case": window.edit_case,
        "consultation": window.log_consultation, "follow-up": window.add_follow_up,
        "letter": window.make_letter, "templates": window.open_templates,
        "kept letter": lambda: window.open_kept_letter(keep_a_letter(session, case_id)),
    }
    dutch: dict[str, dict] = {}
    clashing: dict[str, dict] = {}
    titles = {}
    walked = 0
    for name, opener in openers.items():
        dialog = opener()
        assert isinstance(dialog, QDialog), name
        dialog.show()
        titles[name] = dialog.windowTitle()
        for page in each_tab_page(dialog):
            walked += len(visible_texts(dialog))
            if found := dutch_in(dialog):
                dutch[f"{name}{page}"] = found
            if clash := clashes(dialog):
                clashing[f"{name}{page}"] = clash
        if isinstance(dialog, FormDialog):
            dialog.close_for_lock()
        else:
            dialog.reject()
    assert walked > 300  # the walk saw the dialogs' texts at all
    assert titles == {"new case": "New case", "edit case": "Edit case",
                      "consultation": "New consultation", "follow-up": "Add follow-up",
                      "letter": "Make letter", "templates": "Letter templates",
                      "kept letter": "Sent letter"}
    assert dutch == {}, "\n".join(f"{k}: {v}" for k, v in dutch.items())
    assert clashing == {}, "\n".join(f"{k}: {v}" for k, v in clashing.items())
    case_dialog_spot_checks(window)
    vocabulary_combos_show_the_interface_language(window)
    closing_a_case_with_open_follow_ups_asks_in_english(window)
    letter_dialog_spot_checks(window)


def case_dialog_spot_checks(window) -> None:
    dialog = window.edit_case()
    dialog.show()
    tabs = dialog.tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == [
        "&General", "Re&porter and people involved", "&Deadlines and retention"]
    assert dialog.buttons.buttons()[0].text() in ("Save (Ctrl+Enter)", "Cancel")
    headers = [dialog.persons.horizontalHeaderItem(c).text() for c in range(3)]
    assert headers == ["Name", "Role", "Description (e.g. job title)"]
    assert dialog.incident_date.known.text() == "known"
    assert dialog.incident_date.known.accessibleName() == "Date of incident known"
    assert dialog.retention_hint.text().startswith("Default: ")
    assert dialog.retention_hint.text().endswith(" months after closing.")
    assert dialog.relation.itemText(0) == "— not filled in —"
    dialog.close_for_lock()


def vocabulary_combos_show_the_interface_language(window) -> None:
    dialog = window.edit_case()
    shown = [dialog.status.itemText(i) for i in range(dialog.status.count())]
    assert shown == [_(term.label) for term in vocabulary.STATUSES]
    assert [dialog.status.itemData(i) for i in range(dialog.status.count())] == \
        list(vocabulary.STATUSES.codes())
    dialog.close_for_lock()


def closing_a_case_with_open_follow_ups_asks_in_english(window) -> None:
    dialog = window.edit_case()
    dialog.show()
    seen = {}

    def answer():
        box = next(w for w in QApplication.topLevelWidgets()
                   if isinstance(w, QMessageBox) and w.isVisible())
        seen["text"] = box.text()
        seen["buttons"] = sorted(b.text() for b in box.buttons())
        box.findChild(QAbstractButton, "closeCancel").click()

    QTimer.singleShot(0, answer)
    assert dialog.ask_about_open_follow_ups(2) is None
    assert seen["text"] == ("This case still has 2 open follow-ups. What do you want to do "
                            "with them?")
    assert seen["buttons"] == ["&Cancel", "&Leave open", "Mark all open follow-ups &done"]
    assert not clashes(dialog)
    dialog.close_for_lock()


def letter_dialog_spot_checks(window) -> None:
    dialog = window.make_letter()
    dialog.show()
    assert dialog.print_button.text() == "&Print… (Ctrl+P)"
    assert dialog.pdf_button.text() == "Save as P&DF…"
    assert dialog.identity.text() == "With names: the reporter gave consent on 02-03-2026"
    assert dialog.hits_label.text().startswith("Name check: ")
    dialog.try_save()
    assert dialog.status.text() == "Use Print (Ctrl+P) or Save as PDF."
    # the letter itself stays Dutch: a document for a Dutch recipient
    assert dutch_words(dialog.text.toPlainText())
    dialog.close_for_lock()


def test_the_retention_tab_is_english(english_window):
    window, session, case_id = english_window
    case = session.journal.get_case(case_id)
    case.status, case.closed = "gesloten", date(2026, 4, 1)
    case.destroy_after = date(2026, 6, 1)
    case.destroy_after_reason = "test"
    session.journal.update_case(case)
    page = window.retention_page
    window.tabs.setCurrentWidget(page)
    page.reload()
    model = page.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Case", "Organisation", "Closed", "Destroy after", "State"]
    assert model.rowCount() == 1
    assert model.data(model.index(0, 4)).startswith("overdue (")
    assert model.data(model.index(0, 4)).endswith(" days)")
    assert page.destroy_button.text() == "Des&troy…"
    page.destroy_selected(confirm=False)  # nothing chosen
    assert page.status.text() == "First choose one or more cases that are not being kept."
    found = {t: w for t in visible_texts(page) if (w := dutch_words(t))}
    assert found == {}
    assert clashes(window) == {}


def test_dutch_is_unchanged(qtbot, journal_file):  # noqa: F811 - the fixture imported above
    assert i18n.language() == "nl"
    model = due_model()
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)] == [
        "Dossier", "Organisatie", "Gesloten", "Vernietigen na", "Stand"]
    window, session = build_window(str(journal_file))
    qtbot.addWidget(window)
    window.unlock(PASSPHRASE)
    dialog = CaseDialog(session, session.journal.get_case(
        session.journal.case_summaries()[0].id), window)
    assert dialog.windowTitle() == "Dossier bewerken"
    assert dialog.retention_hint.text().endswith(" maanden na sluiten.")
    assert dialog.incident_date.known.accessibleName() == "Datum incident bekend"
    dialog.show()
    assert "dossier" in set().union(*dutch_in(dialog).values())  # the walk does see Dutch
    dialog.close_for_lock()
    session.close()
