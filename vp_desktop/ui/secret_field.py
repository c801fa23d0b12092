"""A passphrase field whose typed characters never reach Qt, so no accessibility text, value or
event carries them (issue 12; compare KeePassXC #1920, #5389).

Qt's QLineEdit in Password echo mode still sends every inserted character in its
accessibility text events (AT-SPI ``object:text-changed:insert``), which any client on the
desktop session receives. :class:`SecretLineEdit` therefore keeps the passphrase in Python
and gives Qt's own text only one bullet per character: typing, input-method commits (dead
keys, compose), paste, backspace/delete and selections are handled here; undo/redo, copy,
cut, drag and drop and middle-click paste are off. ``text()``, ``setText()`` and ``clear()``
work on the passphrase, so callers keep working. Only after the user ticks "tonen"
(``setEchoMode(Normal)``) does Qt hold the real text: the user chose to show it. Even then
no selection of it stays in the X11 PRIMARY selection (which Qt fills on every selection in
Normal echo and every X client can read): after Qt's key and mouse handlers, and when the
field hides or forgets the passphrase, a PRIMARY selection this application owns that holds
part of the passphrase is cleared.

A screen reader hears what the field is (the accessible name, e.g. "Wachtwoord") and how many
characters it holds (the accessible description, "12 tekens").
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import (
    QClipboard,
    QContextMenuEvent,
    QGuiApplication,
    QInputMethodEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from ..i18n import _, ngettext
from .widgets import named

MASK = "\u25cf"  # what Qt holds per hidden character (the echo character shows anyway)

_BLOCKED_KEYS = (QKeySequence.StandardKey.Copy, QKeySequence.StandardKey.Cut,
                 QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)
_TYPING_MODIFIERS_OFF = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                         | Qt.KeyboardModifier.MetaModifier)


def _printable(text: str) -> bool:
    return bool(text) and all(ch.isprintable() for ch in text)


class SecretLineEdit(QLineEdit):
    """A QLineEdit for a passphrase; see the module docstring."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._chars: list[str] = []  # the passphrase, one code point per item
        self._revealed = False
        QLineEdit.setEchoMode(self, QLineEdit.EchoMode.Password)
        self.setAcceptDrops(False)
        self.setDragEnabled(False)
        self.setInputMethodHints(Qt.InputMethodHint.ImhHiddenText
                                 | Qt.InputMethodHint.ImhSensitiveData
                                 | Qt.InputMethodHint.ImhNoPredictiveText
                                 | Qt.InputMethodHint.ImhNoAutoUppercase)
        self._describe()

    # --- the API callers use ---------------------------------------------------------------
    def text(self) -> str:
        return "".join(self._chars)

    def setText(self, text: str | None) -> None:
        text = text or ""
        self._forget_selection()
        self._wipe()
        self._chars.extend(text)
        QLineEdit.setText(self, self._shown(len(self._chars), text))
        self._describe()

    def clear(self) -> None:
        """Forgets the passphrase: the list that held it is emptied, Qt's text too."""
        self._forget_selection()
        self._wipe()
        QLineEdit.clear(self)
        self._describe()

    def setEchoMode(self, mode: QLineEdit.EchoMode) -> None:
        """Normal shows the real text (the "tonen" tick); any other mode hides it again."""
        revealed = mode == QLineEdit.EchoMode.Normal
        if revealed == self._revealed:
            return
        cursor = self.cursorPosition()
        if not revealed:
            self._forget_selection()
        self._revealed = revealed
        QLineEdit.setEchoMode(self, QLineEdit.EchoMode.Normal if revealed
                              else QLineEdit.EchoMode.Password)
        QLineEdit.setText(self, self._shown(len(self._chars), self.text()))
        self.setCursorPosition(cursor)

    def is_revealed(self) -> bool:
        return self._revealed

    def insert(self, text: str) -> None:
        """Replaces the selection (or inserts at the cursor) with ``text``."""
        self._insert(text)

    def paste(self) -> None:
        self._insert(QGuiApplication.clipboard().text())

    def copy(self) -> None:
        pass  # never a passphrase on the clipboard

    def cut(self) -> None:
        pass

    def undo(self) -> None:
        pass

    def redo(self) -> None:
        pass

    # --- the model -------------------------------------------------------------------------
    def _shown(self, count: int, real: str) -> str:
        return real if self._revealed else MASK * count

    def _wipe(self) -> None:
        # Python strings cannot be overwritten; the field keeps no string of the whole
        # passphrase, only this list of characters, which forgets their order here.
        self._chars.clear()

    def _forget_selection(self) -> None:
        """Clear the X11 PRIMARY selection if this application put (part of) the
        passphrase there: Qt copies every selection made in Normal echo to it."""
        clipboard = QGuiApplication.clipboard()
        if not clipboard.supportsSelection() or not clipboard.ownsSelection():
            return
        held = clipboard.text(QClipboard.Mode.Selection)
        if held and held in self.text():
            clipboard.clear(QClipboard.Mode.Selection)

    def _describe(self) -> None:
        n = len(self._chars)
        self.setAccessibleDescription(ngettext("{n} teken", "{n} tekens", n).format(n=n))

    def _insert(self, text: str) -> None:
        text = "".join(ch for ch in text if ch.isprintable())
        if not text or self.isReadOnly():
            return
        start, length = self._selection()
        room = self.maxLength() - (len(self._chars) - length)
        text = text[:max(room, 0)]
        if not text:
            return
        self._chars[start:start + length] = list(text)
        # Qt replaces the same selection (or inserts at the same cursor) with bullets only
        QLineEdit.insert(self, self._shown(len(text), text))
        self._describe()

    def _selection(self) -> tuple[int, int]:
        if self.hasSelectedText():
            return self.selectionStart(), self.selectionLength()
        return self.cursorPosition(), 0

    def _after_qt_edit(self, before: str, start: int, length: int, cursor: int) -> None:
        """Qt removed characters from its own text (backspace, delete, word delete): remove
        the same range from the passphrase. Anything else Qt did to its text is undone."""
        after = QLineEdit.text(self)
        if after == before:
            return
        removed = len(before) - len(after)
        if removed <= 0:  # Qt inserted something: never trusted; back to the model
            QLineEdit.setText(self, self._shown(len(self._chars), self.text()))
            return
        if length:
            first = start
        elif self.cursorPosition() < cursor:
            first = self.cursorPosition()
        else:
            first = cursor
        del self._chars[first:first + removed]
        if len(self._chars) != len(after):  # cannot happen; never leave them out of step
            QLineEdit.setText(self, self._shown(len(self._chars), self.text()))
        self._describe()

    # --- Qt's event handlers ----------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if any(event.matches(key) for key in _BLOCKED_KEYS):
            event.accept()
            return
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
            event.accept()
            return
        modifiers = event.modifiers()
        alt_gr = (modifiers & Qt.KeyboardModifier.ControlModifier
                  and modifiers & Qt.KeyboardModifier.AltModifier)  # AltGr on Windows
        if _printable(event.text()) and (not modifiers & _TYPING_MODIFIERS_OFF or alt_gr):
            self._insert(event.text())
            event.accept()
            return
        before = QLineEdit.text(self)
        start, length = self._selection()
        cursor = self.cursorPosition()
        self._forget_selection()
        super().keyPressEvent(event)  # movement, selection, deletion, Return, …
        self._forget_selection()
        self._after_qt_edit(before, start, length, cursor)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        """Dead keys and compose sequences arrive as a commit string; Qt only ever sees
        bullets and no pre-edit text (which could hold a character, too)."""
        commit = event.commitString()
        if event.replacementLength() and self._chars:
            cursor = self.cursorPosition()
            first = max(0, min(len(self._chars), cursor + event.replacementStart()))
            self.setSelection(first, min(event.replacementLength(), len(self._chars) - first))
        if commit:
            self._insert(commit)
        elif self.hasSelectedText() and event.replacementLength():
            self._delete_selection()
        event.accept()

    def _delete_selection(self) -> None:
        before = QLineEdit.text(self)
        start, length = self._selection()
        QLineEdit.del_(self)
        self._after_qt_edit(before, start, length, start)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.MiddleButton:  # X11 selection paste: not here
            event.accept()
            return
        super().mouseReleaseEvent(event)
        self._forget_selection()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        super().mouseDoubleClickEvent(event)
        self._forget_selection()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        self._forget_selection()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        """Paste and select all only: nothing can leave the field."""
        menu = QMenu(self)
        paste = menu.addAction(_("&Plakken"))
        paste.setEnabled(not self.isReadOnly()
                         and bool(QGuiApplication.clipboard().text()))
        paste.triggered.connect(self.paste)
        select_all = menu.addAction(_("Alles &selecteren"))
        select_all.setEnabled(bool(self._chars))
        select_all.triggered.connect(self.selectAll)
        select_all.triggered.connect(self._forget_selection)
        menu.exec(event.globalPos())
        menu.deleteLater()

    def event(self, event: QEvent) -> bool:
        # Ctrl+C and friends first arrive as ShortcutOverride: claim them, so no window
        # action (a "Kopiëren" menu entry) takes them either.
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and (
                any(event.matches(key) for key in _BLOCKED_KEYS)
                or event.matches(QKeySequence.StandardKey.Paste)):
            event.accept()
            return True
        return super().event(event)


def secret_field(object_name: str, accessible_name: str) -> SecretLineEdit:
    """A named passphrase field (objectName, accessible name "Wachtwoord" or the like)."""
    return named(SecretLineEdit(), object_name, accessible_name)


class SecretDialog(QDialog):
    """Asks one passphrase (instead of QInputDialog.getText, whose field is a QLineEdit)."""

    def __init__(self, parent: QWidget | None, title: str, label: str,
                 accessible_name: str):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("secretDialog")
        layout = QVBoxLayout(self)
        text = QLabel(label)
        text.setWordWrap(True)
        layout.addWidget(text)
        self.field = secret_field("secretDialogPassphrase", accessible_name)
        text.setBuddy(self.field)
        layout.addWidget(self.field)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def done(self, result: int) -> None:
        if result != QDialog.DialogCode.Accepted:
            self.field.clear()
        super().done(result)


def ask_secret(parent: QWidget | None, title: str, label: str,
               accessible_name: str | None = None) -> tuple[str, bool]:
    """Like ``QInputDialog.getText(..., Password)``: (passphrase, accepted). The field is
    wiped before this returns."""
    dialog = SecretDialog(parent, title, label, accessible_name or _("Wachtwoord"))
    try:
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        secret = dialog.field.text() if accepted else ""
        dialog.field.clear()
        return secret, accepted
    finally:
        dialog.deleteLater()
