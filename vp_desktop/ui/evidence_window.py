"""Help → Documentatie voor IT en FG…: the evidence pack (services/evidence.py) in a
QTextBrowser, generated on opening (figures read from the running library), with a button to
save it as HTML and Markdown in a folder of the user's choice."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..i18n import _, language
from ..services.errors import ServiceError, user_message
from ..services.evidence import TITLE, gather_facts, render_html, write_pack
from ..storage.errors import StorageError
from .focus_order import order_buttons
from .widgets import existing_directory, named, readable_by_keyboard


def settings_location() -> str:
    """Where QSettings keeps the app's few settings on this computer, as Qt reports it."""
    from .app import _set_identity

    _set_identity()
    return QSettings().fileName()


def evidence_facts():
    return gather_facts(settings_location=settings_location())


class EvidenceWindow(QWidget):
    def __init__(self) -> None:
        super().__init__(None, Qt.WindowType.Window)
        named(self, "evidenceWindow", _("Documentatie voor IT en FG"))
        self.setWindowTitle(_("Documentatie voor IT en FG"))
        self.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)
        layout = QVBoxLayout(self)
        self.dutch_note: QLabel | None = None
        if language() != "nl":  # the documentation itself is Dutch only: say so
            note = _("Deze documentatie is in het Nederlands.")
            self.dutch_note = named(QLabel(note), "evidenceDutchNote", note)
            layout.addWidget(self.dutch_note)
        self.browser = named(readable_by_keyboard(QTextBrowser()), "evidenceBrowser",
                             _("Documentatie voor IT en FG"))
        self.browser.setOpenLinks(False)  # offline only: no link leaves the window
        layout.addWidget(self.browser, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(_("&Sluiten"))
        named(close, "evidenceClose", _("Sluiten"))
        self.save_button = named(buttons.addButton(_("&Opslaan in map…"),
                                                   QDialogButtonBox.ButtonRole.ActionRole),
                                 "evidenceSave", _("Opslaan in map"))
        self.save_button.clicked.connect(self.save)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        order_buttons(buttons)
        escape = QShortcut(QKeySequence("Esc"), self)
        escape.activated.connect(self.close)
        self.facts = evidence_facts()
        self.browser.setHtml(render_html(self.facts))
        self._size_to_screen()

    def _size_to_screen(self) -> None:
        screen = QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(820, 640)
            return
        available = screen.availableGeometry()
        self.resize(min(900, int(available.width() * 0.7)), int(available.height() * 0.85))

    def save(self, folder: str | None = None) -> list:
        """Write the pack (HTML and Markdown) to ``folder``, asked when not given."""
        if folder is None:
            folder = existing_directory(self, _("Map voor de documentatie"))
        if not folder:
            return []
        try:
            written = write_pack(folder, self.facts)
        except (OSError, StorageError, ServiceError) as exc:
            QMessageBox.warning(self, _(TITLE), user_message(exc))
            return []
        QMessageBox.information(self, _(TITLE), _("De documentatie is opgeslagen:\n{files}")
                                .format(files="\n".join(str(p) for p in written)))
        return written


_window: EvidenceWindow | None = None


def open_evidence() -> EvidenceWindow:
    """Show the pack (one window; made again on each opening, so the figures are fresh)."""
    global _window
    if _window is not None:
        _window.close()
        _window.deleteLater()
    _window = EvidenceWindow()
    _window.show()
    _window.raise_()
    _window.activateWindow()
    return _window
