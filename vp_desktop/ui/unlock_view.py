"""The unlock screen: the only thing visible while the journal is locked."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..i18n import _
from .announce import clear_message, show_error
from .secret_field import secret_field
from .widgets import named


class UnlockView(QWidget):
    unlock_requested = Signal(str)
    open_other_requested = Signal()
    create_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        named(self, "unlockView", _("Journaal ontgrendelen"))
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        card = QFrame()
        card.setObjectName("unlockCard")
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setMaximumWidth(640)  # room for the buttons in a longer language
        layout = QVBoxLayout(card)
        layout.setContentsMargins(28, 24, 28, 24)
        title = QLabel("VP Desktop")
        title.setStyleSheet("font-size: 22pt; font-weight: 600;")
        layout.addWidget(title)
        self.subtitle = QLabel(_("Uw journaal is vergrendeld."))
        layout.addWidget(self.subtitle)
        form = QFormLayout()
        self.path_label = named(QLabel(), "unlockJournalPath", _("Journaal"))
        self.path_label.setWordWrap(True)
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(_("Journaal:"), self.path_label)
        self.passphrase = secret_field("unlockPassphrase", _("Wachtwoord"))
        form.addRow(_("&Wachtwoord:"), self.passphrase)
        self.show_passphrase = named(QCheckBox(_("Wachtwoord &tonen")), "unlockShowPassphrase",
                                     _("Wachtwoord tonen"))
        self.show_passphrase.toggled.connect(self._set_visible)
        form.addRow("", self.show_passphrase)
        layout.addLayout(form)
        self.message = named(QLabel(), "unlockMessage", _("Melding"))
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        self.message.hide()  # shown (and announced) with a message only
        layout.addWidget(self.message)
        self.hint = named(QLabel(), "unlockHint", _("Tip"))
        self.hint.setWordWrap(True)
        self.hint.hide()
        layout.addWidget(self.hint)
        buttons = QHBoxLayout()
        self.unlock_button = named(QPushButton(_("&Ontgrendelen")), "unlockButton",
                                   _("Ontgrendelen"))
        self.unlock_button.setDefault(True)
        self.other_button = named(QPushButton(_("&Ander journaal…")), "unlockOpenOther",
                                  _("Ander journaal openen"))
        self.create_button = named(QPushButton(_("&Nieuw journaal…")), "unlockCreate",
                                   _("Nieuw journaal maken"))
        buttons.addWidget(self.unlock_button)
        buttons.addStretch(1)
        buttons.addWidget(self.other_button)
        buttons.addWidget(self.create_button)
        layout.addLayout(buttons)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 2)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

        self.unlock_button.clicked.connect(self._request)
        self.passphrase.returnPressed.connect(self._request)
        self.other_button.clicked.connect(self.open_other_requested)
        self.create_button.clicked.connect(self.create_requested)

    def _request(self) -> None:
        if not self.passphrase.text():
            self.show_message(_("Typ uw wachtwoord."))
            return
        self.unlock_requested.emit(self.passphrase.text())

    def _set_visible(self, shown: bool) -> None:
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Normal if shown
                                    else QLineEdit.EchoMode.Password)

    def set_journal(self, path: Path | None) -> None:
        has_path = path is not None
        self.path_label.setText(str(path) if has_path else _("(nog geen journaal gekozen)"))
        self.subtitle.setText(_("Uw journaal is vergrendeld.") if has_path
                              else _("Maak een nieuw journaal of open een bestaand journaal."))
        self.passphrase.setEnabled(has_path)
        self.show_passphrase.setEnabled(has_path)
        self.unlock_button.setEnabled(has_path)

    def set_hint(self, text: str) -> None:
        self.hint.setText(text)
        self.hint.setVisible(bool(text))

    def show_message(self, text: str) -> None:
        """An error that keeps the journal locked (wrong passphrase, none typed, file not
        readable): announced assertively, the focus back in the passphrase field with its
        text selected, so typing starts over. "" hides the message."""
        if not text:
            clear_message(self.message)
            return
        show_error(self.message, text, self.passphrase if self.passphrase.isEnabled() else None)
        if self.passphrase.hasFocus():
            self.passphrase.selectAll()  # typing starts over

    def reset(self) -> None:
        self.passphrase.clear()
        self.show_passphrase.setChecked(False)  # hidden again after every lock
        clear_message(self.message)
        if self.passphrase.isEnabled():
            self.passphrase.setFocus()
        else:
            self.create_button.setFocus()
