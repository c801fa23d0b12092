"""Journaal → Wachtwoord wijzigen: the current passphrase once, the new one twice (the same
strength rules as a new journal), the change off the UI thread, then a note about the backup
made with the new passphrase. Passphrases live only in the fields, never in settings or
drafts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from ..i18n import N_, _
from ..services.errors import WrongCurrentPassphrase, user_message
from .announce import clear_message, show_error, show_message
from .passphrase_fields import NewPassphraseFields, password_field
from .widgets import fit_to_screen, named
from .worker import Task

OLD_MISSING = N_("Vul het huidige wachtwoord in.")
DONE = N_("Het wachtwoord is gewijzigd. Het journaal opent voortaan alleen met het nieuwe.")
BACKUP_MADE = N_("Er is meteen een gecontroleerde reservekopie gemaakt met het nieuwe "
               "wachtwoord. Oudere reservekopieën openen nog met het oude wachtwoord (in de "
               "lijst: 'ouder wachtwoord').")
BACKUP_FAILED = N_("Let op: de reservekopie met het nieuwe wachtwoord is niet gelukt. Maak er "
                 "een via Journaal › Reservekopieën.")


class PassphraseDialog(QDialog):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        named(self, "passphraseDialog", _("Wachtwoord wijzigen"))
        self.setWindowTitle(_("Wachtwoord wijzigen"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        fit_to_screen(self, 620, 440)
        self.task: Task | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(_("Kies een nieuw wachtwoord voor het journaal. Zonder wachtwoord is "
                         "het journaal niet te openen, ook niet door ondersteuning: bewaar het "
                         "goed. Het wijzigen duurt bij een groot journaal enkele seconden."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.old = password_field("passphraseOld", _("Huidig wachtwoord"))
        form.addRow(_("H&uidig wachtwoord"), self.old)
        profile_name = ""
        if session.journal is not None:
            profile_name = session.journal.profile().name
        self.fields = NewPassphraseFields(form, "passphraseNew", label=_("&Nieuw wachtwoord"),
                                          repeat_label=_("&Herhaal nieuw wachtwoord"),
                                          user_inputs=[profile_name])
        self.fields.also_show(self.old)
        layout.addLayout(form)

        self.progress = named(QProgressBar(), "passphraseProgress", _("Voortgang"))
        self.progress.setRange(0, 0)  # busy: the export has no steps to count
        self.progress.setTextVisible(False)
        self.progress.hide()
        layout.addWidget(self.progress)
        self.message = named(QLabel(), "passphraseMessage", _("Melding"))
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        clear_message(self.message)  # empty: hidden, no unnamed focus stop
        layout.addWidget(self.message)
        layout.addStretch(1)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(_("Wachtwoord &wijzigen"))
        named(self.ok, "passphraseOk", _("Wachtwoord wijzigen"))
        self.cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel.setText(_("Annuleren"))
        named(self.cancel, "passphraseCancel", _("Annuleren"))
        self.buttons.accepted.connect(self.try_change)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.try_change)
        for field in (self.old, self.fields.passphrase, self.fields.repeat):
            field.textChanged.connect(self._clear_complaint)
        self.old.setFocus()

    # --- state ----------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self.task is not None and self.task.running

    def _clear_complaint(self) -> None:
        if not self.busy and self.ok.isEnabled():
            clear_message(self.message)

    def _show(self, text: str, *, error: bool, field: QWidget | None = None) -> None:
        """A result (announced politely) or an error that blocks the change (announced
        assertively; the focus to ``field`` or else to the message)."""
        self.message.setStyleSheet("color: #b00020;" if error else "")
        if error:
            show_error(self.message, text, field)
        else:
            show_message(self.message, text)

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        for widget in (self.old, self.fields.passphrase, self.fields.repeat,
                       self.fields.accept_weak, self.ok, self.cancel):
            widget.setEnabled(not busy)

    def problems(self) -> list[str]:
        problems = [] if self.old.text() else [_(OLD_MISSING)]
        return problems + self.fields.problems()

    # --- the change ----------------------------------------------------------------------

    def try_change(self) -> bool:
        """Check the fields, then change the passphrase off the UI thread. Returns whether
        the change started (the result arrives in the message; see ``busy``)."""
        if self.busy or not self.ok.isEnabled():
            return False
        problems = self.problems()
        if problems:
            self._show("\n".join(f"• {p}" for p in problems), error=True,
                       field=self.old if not self.old.text() else None)
            return False
        journal = self.session.journal
        if journal is None:
            return False
        if self.session.backup_running:
            self._show(_("Er wordt nog een reservekopie gemaakt; probeer het zo opnieuw."),
                       error=True)
            return False
        from ..services.backups import change_passphrase

        old, new, repeat = self.old.text(), self.fields.passphrase.text(), \
            self.fields.repeat.text()
        # The worker has the journal to itself: the session holds none meanwhile, so no
        # timer or shortcut touches it (locking waits until it is back).
        self.session.journal = None
        self.task = Task(lambda: change_passphrase(journal, old, new, repeat), self,
                         "wachtwoord")
        self.task.finished.connect(lambda outcome: self._done(journal, outcome))
        self.task.failed.connect(lambda exc: self._failed(journal, exc))
        self._set_busy(True)
        self._show(_("Het wachtwoord wordt gewijzigd…"), error=False)
        self.task.start()
        return True

    def _done(self, journal, outcome) -> None:
        self._set_busy(False)
        self.old.clear()
        self.fields.clear()
        self.session.adopt(journal)  # reopened with the new passphrase
        self._show(_(DONE) + "\n" + _(BACKUP_MADE if outcome is not None else BACKUP_FAILED),
                   error=False)
        for widget in (self.old, self.fields.passphrase, self.fields.repeat,
                       self.fields.accept_weak, self.ok):
            widget.setEnabled(False)
        self.cancel.setText(_("&Sluiten"))
        self.cancel.setAccessibleName(_("Sluiten"))
        self.cancel.setFocus()

    def _failed(self, journal, exc: BaseException) -> None:
        self._set_busy(False)
        if journal.is_open:
            self.session.journal = journal  # unchanged: the same connection goes on
        else:  # the journal could not be reopened: locked, the unlock screen shows
            self.session.locked.emit()
        # services.backups.change_passphrase refused a wrong current passphrase: that field
        # is selected again
        wrong_old = isinstance(exc, WrongCurrentPassphrase)
        self._show(user_message(exc), error=True, field=self.old if wrong_old else None)

    def reject(self) -> None:
        if self.busy:
            return  # the change finishes first; the dialog cannot be closed meanwhile
        self.old.clear()
        self.fields.clear()
        super().reject()

    def closeEvent(self, event) -> None:
        if self.busy:
            event.ignore()
            return
        super().closeEvent(event)
