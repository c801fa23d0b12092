"""The base of every editing dialog: save with one keystroke, clear errors, drafts on lock.

A form describes its content as a plain ``payload()`` dict. That one description serves
three purposes: detecting unsaved changes, storing a draft in the journal when the app
locks, and restoring the form after unlock.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ..domain.validation import ValidationError
from ..i18n import _
from ..storage.errors import StorageError
from .announce import clear_message, show_error
from .focus_order import order_buttons
from .widgets import named


class FormDialog(QDialog):
    saved = Signal(int)  # the id of the case that changed, -1 for other changes
    draft_kind = ""

    def __init__(self, session, title: str, object_name: str, parent=None):
        super().__init__(parent)
        self.session = session
        named(self, object_name, title)
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.body = QVBoxLayout(self)
        self.error_label = named(QLabel(), f"{object_name}_errors", _("Foutmeldingen"))
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.error_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setText(_("Opslaan (Ctrl+Enter)"))
        named(save, f"{object_name}_save", _("Opslaan"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(_("Annuleren"))
        named(cancel, f"{object_name}_cancel", _("Annuleren"))
        self.buttons.accepted.connect(self.try_save)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter", "Ctrl+S"):
            QShortcut(QKeySequence(keys), self, activated=self.try_save,
                      context=Qt.ShortcutContext.WindowShortcut)
        # Ctrl+L locks from inside a dialog too (the main window's shortcut is blocked here).
        QShortcut(QKeySequence("Ctrl+L"), self, activated=session.lock,
                  context=Qt.ShortcutContext.WindowShortcut)
        self._baseline: dict | None = None
        self._closing_for_lock = False
        session.register_form(self)

    def finish_layout(self) -> None:
        """Call at the end of a subclass constructor, after the fields are in ``body``."""
        self.body.addWidget(self.error_label)
        self.body.addWidget(self.buttons)
        order_buttons(self.buttons)  # Tab follows the buttons as shown, not as added
        self._baseline = self.payload()

    # --- to be provided by each form --------------------------------------------------

    def payload(self) -> dict:
        raise NotImplementedError

    def restore(self, payload: dict) -> None:
        raise NotImplementedError

    def save(self) -> int:
        """Validate and store; return the case id. Raise ValidationError/StorageError."""
        raise NotImplementedError

    def draft_case_id(self) -> int | None:
        return None

    # --- behaviour --------------------------------------------------------------------

    def is_dirty(self) -> bool:
        return self._baseline is not None and self.payload() != self._baseline

    def draft_payload(self) -> dict | None:
        return self.payload() if self.is_dirty() else None

    def mark_restored(self) -> None:
        """A form filled from a draft counts as changed, so it is never dropped silently."""
        self._baseline = {}

    def field_at_fault(self, problems: list[str]) -> QWidget | None:
        """The field a blocking problem is about, if the form knows one; the focus goes
        there (else to the message)."""
        return None

    def show_problems(self, problems: list[str], field: QWidget | None = None) -> None:
        """Show the problems that block an action: announced assertively, the focus to
        ``field`` (or the form's :meth:`field_at_fault`, or the message)."""
        if field is None:
            field = self.field_at_fault(problems)
        show_error(self.error_label, "\n".join(f"• {p}" for p in problems), field)

    def _focus_moved_from(self, before: QWidget | None) -> QWidget | None:
        """The field a form's ``save`` put the focus on (the field at fault), if it did."""
        now = self.focusWidget()
        return now if now is not None and now is not before and now is not self.error_label \
            else None

    def _input_in_focus(self) -> QWidget | None:
        """The input the user is in (Ctrl+Enter from a field): the focus stays there, the
        problem is announced; from a button (Opslaan) the focus goes to the message."""
        now = self.focusWidget()
        return None if now is None or now is self.error_label \
            or isinstance(now, QAbstractButton) else now

    def clear_problems(self) -> None:
        clear_message(self.error_label)

    def try_save(self) -> None:
        focus_before = self.focusWidget()
        try:
            case_id = self.save()
        except ValidationError as exc:
            self.show_problems(exc.problems, self._focus_moved_from(focus_before)
                               or self.field_at_fault(exc.problems) or self._input_in_focus())
            return
        except StorageError as exc:
            self.show_problems([exc.message])
            return
        self.session.forget_form(self)
        self._baseline = None
        self.saved.emit(case_id)
        self.accept()

    def reject(self) -> None:
        if not self._closing_for_lock and self.is_dirty():
            box = QMessageBox(QMessageBox.Icon.Question, _("Wijzigingen niet opslaan?"),
                              _("U heeft wijzigingen die nog niet zijn opgeslagen. Het venster "
                                "sluiten zonder ze op te slaan?"), parent=self)
            drop = box.addButton(_("&Niet opslaan"), QMessageBox.ButtonRole.DestructiveRole)
            back = box.addButton(_("&Verder bewerken"), QMessageBox.ButtonRole.RejectRole)
            box.setDefaultButton(back)
            named(drop, "formCloseDiscard", _("Sluiten zonder op te slaan"))
            named(back, "formCloseKeepEditing", _("Terug naar het venster"))
            box.exec()
            if box.clickedButton() is not drop:
                return
        self.session.forget_form(self)
        super().reject()

    def close_for_lock(self) -> None:
        self._closing_for_lock = True
        self.session.forget_form(self)
        super().reject()

    def closeEvent(self, event) -> None:
        if not self._closing_for_lock and self.is_dirty() and self.isVisible():
            event.ignore()
            self.reject()
            return
        self.session.forget_form(self)
        super().closeEvent(event)
