"""Issue 12 review, items 2 and 3: the messages of Nieuw journaal, the retention tab and the
journal-place note are announced (errors assertively, focus to the field at fault or the
list), and an empty message label is no focus stop. Real widgets, a real journal."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible

from vp_desktop.domain.model import MelderIdentity
from vp_desktop.ui import announce
from vp_desktop.ui.create_journal_dialog import CreateJournalDialog

from conftest import make_case
from test_ui import focus, open_window, unlock_with_keyboard, wait_for_dialog


def said_since_mark() -> list[tuple[str, bool]]:
    return announce.recent_events()


def flat(text: str) -> str:
    return " ".join(text.split())


def named_by_its_text(label) -> None:
    assert label.isVisible() and label.text()
    iface = QAccessible.queryAccessibleInterface(label)
    assert iface.text(QAccessible.Text.Name) == label.text()


def test_new_journal_problems_are_announced_and_focus_goes_to_the_first_field(qtbot, tmp_path):
    dialog = CreateJournalDialog(None, default_path=tmp_path / "nieuw.vpjournaal")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.error.isHidden()
    assert dialog.error.focusPolicy() == Qt.FocusPolicy.NoFocus
    dialog.organisation.setFocus()
    announce.clear_recent()
    dialog.try_create()  # no passphrase, no organisation
    [(text, assertive)] = said_since_mark()
    assert assertive and flat(dialog.error.text()) == text
    assert "wachtwoord" in text and "organisatie" in text
    named_by_its_text(dialog.error)
    assert dialog.focusWidget() is dialog.passphrase  # the first field at fault, in the form's order
    dialog.passphrase.setText("x")
    assert dialog.error.isHidden() and dialog.error.focusPolicy() == Qt.FocusPolicy.NoFocus

    dialog.passphrase.setText("correct paard batterij nietje")
    dialog.repeat.setText("correct paard batterij nietje")
    announce.clear_recent()
    dialog.try_create()  # only the organisation is missing
    [(text, assertive)] = said_since_mark()
    assert assertive and "organisatie" in text and "wachtwoord" not in text
    assert dialog.focusWidget() is dialog.organisation

    dialog.repeat.setText("iets anders")
    dialog.organisation.setText("Gemeente Voorbeeld")
    dialog.try_create()
    assert dialog.focusWidget() is dialog.repeat
    dialog.close()


def test_the_sync_folder_warning_is_announced_once_as_an_error(qtbot, tmp_path):
    dialog = CreateJournalDialog(None, default_path=tmp_path / "nieuw.vpjournaal")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    note = dialog.location_note
    assert note.isHidden()
    announce.clear_recent()
    sync = tmp_path / "Dropbox" / "journaal.vpjournaal"
    sync.parent.mkdir()
    dialog.path.setText(str(sync))
    said = said_since_mark()
    assert said == [(flat(note.text()), True)]
    named_by_its_text(note)
    assert not dialog.sync_override.isHidden()
    dialog.path.setText(str(sync) + "x")  # the same verdict: not announced again
    assert said_since_mark() == said
    dialog.path.setText(str(tmp_path / "elders.vpjournaal"))
    assert note.isHidden() and said_since_mark() == said
    dialog.close()


def test_retention_refusals_are_announced_and_focus_goes_to_the_list(qtbot, journal,
                                                                     journal_path):
    make_case(journal, melder=MelderIdentity(anonymous=True))
    journal.close()
    window, session = open_window(qtbot, journal_path)
    unlock_with_keyboard(qtbot, window)
    page = window.retention_page
    window.tabs.setCurrentWidget(page)
    assert page.status.isHidden() and page.status.focusPolicy() == Qt.FocusPolicy.NoFocus
    announce.clear_recent()
    assert not page.destroy_selected(confirm=False)
    [(text, assertive)] = said_since_mark()
    assert assertive and text == page.status.text()
    named_by_its_text(page.status)
    assert focus() is page.view
    announce.clear_recent()
    assert not page.toggle_hold(reason="klacht")
    assert said_since_mark() == [("Kies één dossier.", True)]
    assert focus() is page.view


def test_empty_message_labels_are_no_focus_stops(qtbot, journal, journal_path):
    journal.close()
    window, session = open_window(qtbot, journal_path)
    unlock_with_keyboard(qtbot, window)
    for opener in (window.open_backups, window.open_passphrase_change):
        dialog = wait_for_dialog(qtbot, type(opener()))
        assert dialog.message.text() == ""
        assert dialog.message.isHidden()
        assert dialog.message.focusPolicy() == Qt.FocusPolicy.NoFocus
        dialog.close()
