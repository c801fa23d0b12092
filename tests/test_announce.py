"""Messages are announced to assistive technology when they appear (issue 12): the Qt
announcement event goes out for status-bar messages and message labels. The AT-SPI test
(tests/test_atspi*.py) checks what a screen reader really receives."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow

from vp_desktop.ui import announce


def test_a_status_bar_message_is_announced(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    announce.announce_status_bar(window.statusBar())
    window.statusBar().showMessage("Reservekopie gemaakt.\n")
    assert announce.recent()[-1] == "Reservekopie gemaakt."
    before = len(announce.recent())
    window.statusBar().clearMessage()  # an empty message is not announced
    assert len(announce.recent()) == before


def test_a_message_label_shows_and_announces(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    announce.show_message(label, "Onbekend dossier: 2023-999", error=True)
    assert label.text() == "Onbekend dossier: 2023-999" and not label.isHidden()
    assert announce.recent()[-1] == "Onbekend dossier: 2023-999"
    announce.show_message(label, "")
    assert label.isHidden()
