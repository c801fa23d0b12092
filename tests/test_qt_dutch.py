"""Qt's own dialogs speak Dutch, with mnemonics on the message-box buttons."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMessageBox, QPushButton

from vp_desktop.ui.app import _install_dutch_qt_texts


@pytest.fixture
def dutch_qt(qapp):
    installed = _install_dutch_qt_texts(qapp)
    yield
    for translator in installed:
        QApplication.removeTranslator(translator)


def test_the_file_dialog_has_no_english_labels(dutch_qt, qtbot):
    dialog = QFileDialog(None, "Opslaan")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(dialog)
    labels = {label.text() for label in dialog.findChildren(QLabel) if label.text()}
    assert {"&Zoeken in:", "Bestands&naam:", "Bestands&type:"} <= labels
    texts = " ".join(labels | {b.text() for b in dialog.findChildren(QPushButton)})
    for english in ("Look in", "Files of", "File name", "Cancel"):
        assert english not in texts


def test_message_box_buttons_are_dutch_with_mnemonics(dutch_qt, qtbot):
    box = QMessageBox()
    qtbot.addWidget(box)
    sb = QMessageBox.StandardButton
    box.setStandardButtons(sb.Yes | sb.No | sb.Save | sb.Discard | sb.Close | sb.Retry)
    texts = {box.button(b).text() for b in (sb.Yes, sb.No, sb.Save, sb.Discard, sb.Close,
                                            sb.Retry)}
    assert texts == {"&Ja", "&Nee", "&Opslaan", "&Niet opslaan", "&Sluiten",
                     "Opnieuw &proberen"}
    for group in ((sb.Yes, sb.No), (sb.Save, sb.Discard, sb.Close), (sb.Retry, sb.Close)):
        letters = [box.button(b).text().split("&")[1][0].lower() for b in group]
        assert len(letters) == len(set(letters)), group
