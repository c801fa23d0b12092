"""The template editor for non-programmers: chips for placeholders and conditions, inserted
from a list, "alleen als …" around a selection; the stored text stays the template source."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from vp_desktop.letters.templates import (
    CONDITIONS,
    PLACEHOLDER_LABELS,
    PLACEHOLDERS,
    builtin_templates,
    check_template,
    describe_tag,
    split_template,
)
from vp_desktop.ui.template_dialog import OBJECT_CHAR, ChipEdit, TemplateDialog

from test_ui import open_window, unlock_with_keyboard

ODD = ("a\u00a0b\tc {{ datum }}{{ datum }}\n\n\n{% if plaats %}x{%- else -%}y{% endif %}"
       "{# opmerking #} {{ categorieen|join(', ') }} { niet } {{ onaf\n")


def test_chips_view_gives_back_exactly_the_source_of_every_shipped_template(qtbot):
    edit = ChipEdit("chips", "chips")
    qtbot.addWidget(edit)
    sources = [s for t in builtin_templates() for s in (t.subject, t.body)] + [ODD]
    assert len(sources) >= 17
    for source in sources:
        pieces = split_template(source)
        assert "".join(text for _tag, text in pieces) == source
        edit.set_source(source)
        assert edit.source() == source
        shown = edit.toPlainText()
        assert shown.count(OBJECT_CHAR) == sum(is_tag for is_tag, _t in pieces)
        if source is not ODD:  # the odd one has an unclosed '{{' on purpose
            assert "{{" not in shown and "{%" not in shown  # no code in the editing view


def test_every_placeholder_and_condition_reads_as_dutch():
    assert {p.name for p in PLACEHOLDERS} <= set(PLACEHOLDER_LABELS)
    for _label, test in CONDITIONS:
        assert check_template(f"{{% if {test} %}}x{{% endif %}}") == [], test
    assert describe_tag("{{ melder_naam }}") == ("plaatshouder", "naam melder")
    assert describe_tag("{{ melder|capitalize }}") == ("plaatshouder",
                                                       "de melder (met hoofdletter)")
    assert describe_tag("{% if met_identiteit %}") == ("voorwaarde",
                                                       "alleen als: met identiteit")
    assert describe_tag("{% if not met_identiteit %}") == ("voorwaarde",
                                                           "alleen als: zonder identiteit")
    assert describe_tag("{% endif %}") == ("voorwaarde", "einde alleen als")


def test_typing_next_to_a_chip_is_plain_text_and_copy_gives_the_source(qtbot):
    edit = ChipEdit("chips", "chips")
    qtbot.addWidget(edit)
    edit.set_source("Beste {{ melder_naam }}")
    edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(edit, ", dag")
    assert edit.source() == "Beste {{ melder_naam }}, dag"
    for _ in range(len(", dag")):
        qtbot.keyClick(edit, Qt.Key.Key_Left)
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)  # one key removes the whole chip
    assert edit.source() == "Beste , dag"
    edit.set_source("Beste {{ melder_naam }}, dag")
    edit.selectAll()
    edit.copy()
    assert QApplication.clipboard().text() == "Beste {{ melder_naam }}, dag"
    edit.moveCursor(QTextCursor.MoveOperation.End)
    edit.paste()  # pasted template text becomes chips again
    assert edit.source() == "Beste {{ melder_naam }}, dag" * 2
    assert edit.toPlainText().count(OBJECT_CHAR) == 2


@pytest.fixture
def editor(qtbot, journal, journal_path):
    journal.close()
    window, session = open_window(qtbot, journal_path)
    unlock_with_keyboard(qtbot, window)
    dialog = window.open_templates()
    assert isinstance(dialog, TemplateDialog)
    return dialog, session


def test_editor_inserts_chips_wraps_a_condition_and_stores_the_source(qtbot, editor):
    dialog, session = editor
    assert dialog.tabs.currentIndex() == 0  # the chips view, not the raw text, comes first
    assert not dialog.chips.isEnabled()  # a built-in template is read-only
    dialog.copy_current()
    assert dialog.chips.isEnabled()
    dialog.chips.set_source("Geachte heer,\n\nDank voor het gesprek.")
    assert dialog.source.toPlainText() == "Geachte heer,\n\nDank voor het gesprek."

    # a placeholder from the list, inserted at the cursor with Enter
    cursor = dialog.chips.textCursor()
    cursor.setPosition(len("Geachte heer"))
    dialog.chips.setTextCursor(cursor)
    row = next(i for i in range(dialog.placeholders.count())
               if dialog.placeholders.item(i).data(Qt.ItemDataRole.UserRole + 4) == "plaats")
    dialog.placeholders.setCurrentRow(row)
    assert "«uw plaats»" in dialog.placeholders.item(row).text()
    dialog.placeholders.setFocus()
    qtbot.keyClick(dialog.placeholders, Qt.Key.Key_Return)
    assert dialog.source.toPlainText().startswith("Geachte heer{{ plaats }},")

    # "alleen als: met identiteit" around the selected sentence
    body = dialog.chips.toPlainText()
    start = body.index("Dank")
    cursor = dialog.chips.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(len(body), QTextCursor.MoveMode.KeepAnchor)
    dialog.chips.setTextCursor(cursor)
    dialog.condition.setCurrentIndex(dialog.condition.findData("met_identiteit"))
    dialog.wrap_button.click()
    expected = ("Geachte heer{{ plaats }},\n\n"
                "{% if met_identiteit %}Dank voor het gesprek.{% endif %}")
    assert dialog.source.toPlainText() == expected
    dialog.update_preview()
    assert "in orde" in dialog.check_label.text()

    # the raw text under "Geavanceerd" edits the same template
    dialog.source.setPlainText(expected + "\n\nMet vriendelijke groet, {{ vp.naam }}")
    assert dialog.chips.toPlainText().count(OBJECT_CHAR) == 4
    assert dialog.chips.source() == dialog.source.toPlainText()
    dialog.try_save()
    [own] = session.journal.custom_templates()
    assert own.body == expected + "\n\nMet vriendelijke groet, {{ vp.naam }}"
