"""Issue 12, Briefsjablonen: the template check ("Het sjabloon is in orde." and, for a
built-in template, that it must be copied first) is one message that keeps its text while the
dialog is open, goes through announce.update_message (announced when it changes as one types,
errors assertively) and is exposed with that text in the accessibility interface."""

from __future__ import annotations

from PySide6.QtGui import QAccessible

from vp_desktop.ui import announce
from vp_desktop.ui.template_dialog import TemplateDialog

from conftest import make_case
from test_ui import open_window, unlock_with_keyboard

BUILTIN_NOTE = "Ingebouwd sjabloon: kopieer het om het aan te passen."


def exposed(label) -> str:
    iface = QAccessible.queryAccessibleInterface(label)
    assert iface is not None and iface.isValid() and not iface.state().invisible
    return iface.text(QAccessible.Text.Name)


def test_the_template_check_keeps_its_text_and_is_announced_when_it_changes(
        qtbot, journal, journal_path):
    make_case(journal)
    journal.close()
    window, _session = open_window(qtbot, journal_path)
    unlock_with_keyboard(qtbot, window)
    dialog = window.open_templates()
    assert isinstance(dialog, TemplateDialog)
    qtbot.waitUntil(dialog.isVisible)
    label = dialog.check_label
    qtbot.wait(400)  # the preview timer (250 ms) has run: the note must still be there
    assert label.isVisible()
    assert "in orde" in label.text() and BUILTIN_NOTE in label.text()
    assert " ".join(exposed(label).split()) == " ".join(label.text().split())
    # a copy is editable: a mistake typed into it is announced (politely: it comes while
    # one types), and so is the check that is in order again; the same text twice is not
    dialog.copy_current()
    qtbot.waitUntil(lambda: dialog.source.isEnabled())
    qtbot.wait(400)
    assert BUILTIN_NOTE not in label.text()
    announce.clear_recent()
    dialog.source.setPlainText("Geachte heer,\n\n{{ onbekend_veld }}")
    qtbot.waitUntil(lambda: "onbekend_veld" in label.text())
    assert announce.recent_events() == [(" ".join(label.text().split()), False)]
    assert " ".join(exposed(label).split()) == " ".join(label.text().split())
    dialog.source.setPlainText("Geachte heer,\n\nIn {{ organisatie }} speelt iets.")
    qtbot.waitUntil(lambda: "in orde" in label.text())
    dialog.update_preview()  # worked out again, unchanged: not announced twice
    assert [text for text, _a in announce.recent_events()][1:] == ["Het sjabloon is in orde."]
    dialog.try_save()  # saved and closed (a dirty dialog would ask before closing)
    assert not dialog.isVisible()
