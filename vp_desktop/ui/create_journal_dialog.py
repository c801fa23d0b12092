"""Create a new journal: where, passphrase (twice, with a strength hint), who you are."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ..app_paths import JOURNAL_SUFFIX, default_journal_path
from ..domain.model import VpProfile
from ..domain.vocabulary import VP_ROLES
from ..i18n import _
from ..storage.errors import StorageError
from ..storage.journal import Journal
from .announce import clear_message, show_error
from .journal_place import NewJournalPlace
from .passphrase_fields import NewPassphraseFields
from .widgets import fit_to_screen, named, vocab_combo


class CreateJournalDialog(QDialog):
    def __init__(self, parent=None, default_path: Path | None = None):
        super().__init__(parent)
        named(self, "createJournalDialog", _("Nieuw journaal"))
        self.setWindowTitle(_("Nieuw journaal"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        fit_to_screen(self, 600, 480)
        self.journal: Journal | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(_("Het journaal is één versleuteld bestand op deze computer. Zet het "
                         "nooit op een netwerkschijf van de gemeente. Zonder wachtwoord is het "
                         "niet te openen, ook niet door ondersteuning: bewaar het goed."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()

        self.place = NewJournalPlace(
            form, "create", label=_("Bestan&d"), accessible=_("Bestand van het journaal"),
            dialog_title=_("Plek voor het journaal"),
            sync_text=_("Ik begrijp het risico en wil het journaal tóch in deze map zetten"),
            default=str(default_path or default_journal_path()))
        self.path, self.sync_override = self.place.path, self.place.sync_override
        self.location_note = self.place.note

        self.new_passphrase = NewPassphraseFields(form, "create", label=_("&Wachtwoord"),
                                                  repeat_label=_("&Herhaal wachtwoord"))
        self.passphrase = self.new_passphrase.passphrase
        self.repeat = self.new_passphrase.repeat
        self.strength = self.new_passphrase.strength
        self.accept_weak = self.new_passphrase.accept_weak

        self.vp_name = named(QLineEdit(), "createVpName", _("Uw naam"))
        form.addRow(_("Uw &naam"), self.vp_name)
        self.role = vocab_combo(VP_ROLES, "createRole", _("Uw rol"))
        form.addRow(_("Uw &rol"), self.role)
        self.organisation = named(QLineEdit(), "createOrganisation", _("Eerste organisatie"))
        self.organisation.setPlaceholderText(_("bijv. Gemeente Voorbeeld"))
        form.addRow(_("&Organisatie"), self.organisation)
        layout.addLayout(form)

        self.error = named(QLabel(), "createErrors", _("Foutmelding"))
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        clear_message(self.error)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("Journaal &maken"))
        named(ok, "createOk", _("Journaal maken"))
        named(buttons.button(QDialogButtonBox.StandardButton.Cancel), "createCancel",
              _("Annuleren"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Annuleren"))
        buttons.accepted.connect(self.try_create)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.try_create)

        for field in (self.path, self.passphrase, self.repeat, self.organisation):
            # an old complaint must not linger (nor stay a focus stop)
            field.textChanged.connect(lambda _text: clear_message(self.error))
        self.passphrase.setFocus()

    def problems(self) -> list[str]:
        problems = []
        if not self.path.text().strip():
            problems.append(_("Kies een plek voor het journaal."))
        problems += self.new_passphrase.problems()
        if not self.organisation.text().strip():
            problems.append(_("Vul de organisatie in waarvoor u vertrouwenspersoon bent."))
        return problems

    def field_at_fault(self) -> QWidget:
        """The first field (in the form's order) that :meth:`problems` complains about."""
        if not self.path.text().strip():
            return self.path
        if self.new_passphrase.problems():
            if not self.passphrase.text():
                return self.passphrase
            if self.passphrase.text() != self.repeat.text():
                return self.repeat
            if not self.accept_weak.isHidden() and not self.accept_weak.isChecked():
                return self.accept_weak
            return self.passphrase
        return self.organisation

    def try_create(self) -> None:
        problems = self.problems()
        if problems:
            show_error(self.error, "\n".join(f"• {p}" for p in problems),
                       self.field_at_fault())
            return
        path = Path(self.path.text().strip()).expanduser()
        if path.suffix != JOURNAL_SUFFIX:
            path = path.with_name(path.name + JOURNAL_SUFFIX)
        profile = VpProfile(name=self.vp_name.text().strip(), role=self.role.currentData())
        try:
            self.journal = Journal.create(
                path, self.passphrase.text(), allow_sync_folder=self.sync_override.isChecked(),
                profile=profile, organisations=[self.organisation.text().strip()])
        except StorageError as exc:
            show_error(self.error, exc.message)
            return
        self.passphrase.clear()
        self.repeat.clear()
        self.accept()
