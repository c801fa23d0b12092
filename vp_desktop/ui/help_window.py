"""The offline manual: HTML from ``resources/help/`` in a QTextBrowser (no web engine,
no network), opened by F1 anywhere at the section for the window or dialog in front. The
manual is in the interface language: ``handleiding.en.html`` for English, the Dutch
``handleiding.html`` otherwise (the pseudo-locale too). Both have the same section anchors.

F1 is caught by an application-wide event filter rather than a shortcut: Qt blocks even an
application shortcut of the main window while a modal dialog is open, and every dialog needs
F1 too. The help window has no parent, so a window-modal dialog does not block it, and it
does not keep the application alive after the main window closes.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QUrl
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QShortcut, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from .. import i18n
from ..i18n import _
from ..resources import resources_dir
from .widgets import caret_to_anchor, named, readable_by_keyboard

MANUAL_FILE = "handleiding.html"
# the manual per interface language; any other language shows the Dutch one
MANUAL_FILES = {"nl": MANUAL_FILE, "en": "handleiding.en.html"}
TOP = "inhoud"

# objectName of a window, dialog or widget → anchor in the manual. The innermost named
# widget around the keyboard focus wins, then its window.
HELP_ANCHORS: dict[str, str] = {
    "mainWindow": "dossiers",
    "unlockView": "eerste-start",
    "createJournalDialog": "eerste-start",
    "welcomeDialog": "eerste-start",
    "aboutDialog": "eerste-start",
    "caseListPanel": "dossiers",
    "caseView": "dossiers",
    "caseFilter": "zoeken",
    "caseFilterStatus": "zoeken",
    "caseFilterOrganisation": "zoeken",
    "caseFilterYear": "zoeken",
    "caseDialog": "dossiers",
    "consultationDialog": "gesprek",
    "followUpDialog": "vervolgstappen",
    "caseFollowUps": "vervolgstappen",
    "openFollowUps": "vervolgstappen",
    "openFollowUpCase": "vervolgstappen",
    "openFollowUpDone": "vervolgstappen",
    "letterDialog": "brieven",
    "templateDialog": "sjablonen",
    "reportDialog": "dossierrapport",
    "annualReportDialog": "jaarverslag",
    "backupDialog": "reservekopieen",
    "passphraseDialog": "wachtwoord",
    "dueCases": "bewaartermijn",
    "dueGoToCase": "bewaartermijn",
    "dueDestroy": "bewaartermijn",
    "dueHold": "bewaartermijn",
    "handoverDialog": "overdracht",
    "takeOverDialog": "overdracht",
    "settingsDialog": "instellingen",
    "activityDialog": "activiteitenlog",
    "helpWindow": TOP,
}

_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r'(\w+)\s*=\s*"([^"]*)"')


def manual_path(lang: str | None = None) -> Path:
    """The manual for ``lang`` (default: the interface language); Dutch unless "en"."""
    lang = i18n.language() if lang is None else lang
    return resources_dir() / "help" / MANUAL_FILES.get(lang, MANUAL_FILE)


def image_sources(page: str) -> list[str]:
    """The ``src`` of every image in an HTML page, in order."""
    return [dict(_ATTR.findall(tag)).get("src", "") for tag in _IMG.findall(page)]


def without_missing_images(page: str, base: Path) -> str:
    """Images whose file is absent become their alt text in italics (screenshots are added
    later; a missing one must not show as a broken picture)."""

    def replace(match: re.Match) -> str:
        attrs = dict(_ATTR.findall(match.group(0)))
        source = attrs.get("src", "")
        if source and (base / source).is_file():
            return match.group(0)
        alt = attrs.get("alt", "")
        return "<i>{}</i>".format(_("[Afbeelding: {alt}]").format(alt=alt)) if alt else ""

    return _IMG.sub(replace, page)


def anchor_for(widget: QWidget | None) -> str:
    """The manual section for a widget: its own or the nearest enclosing mapped name."""
    while widget is not None:
        anchor = HELP_ANCHORS.get(widget.objectName())
        if anchor:
            return anchor
        widget = widget.parentWidget()
    return TOP


def current_anchor() -> str:
    """The section for what the user is looking at: the focus widget in the active modal
    dialog or window, else that dialog or window itself."""
    front = QApplication.activeModalWidget() or QApplication.activeWindow()
    focus = QApplication.focusWidget()
    if focus is not None and (front is None or front.isAncestorOf(focus) or front is focus):
        return anchor_for(focus)
    return anchor_for(front)


class _Browser(QTextBrowser):
    """Loads the manual with missing images replaced by their alt text."""

    def loadResource(self, kind: int, name: QUrl | str):  # noqa: N802 (Qt override)
        url = QUrl(name)
        if kind == QTextDocument.ResourceType.HtmlResource and url.isLocalFile():
            path = Path(url.toLocalFile())
            if path.is_file():
                return without_missing_images(path.read_text(encoding="utf-8"), path.parent)
        return super().loadResource(kind, name)


class HelpWindow(QWidget):
    """The manual in its own window: back, contents, search in the page, close."""

    def __init__(self) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.language = i18n.language()  # the manual and the texts of this window
        named(self, "helpWindow", _("Handleiding"))
        self.setWindowTitle(_("Handleiding"))
        self.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)
        layout = QVBoxLayout(self)

        bar = QHBoxLayout()
        self.back_button = named(QPushButton(_("&Terug")), "helpBack", _("Terug"))
        self.contents_button = named(QPushButton(_("&Inhoud")), "helpContents", _("Inhoud"))
        self.find_box = named(QLineEdit(), "helpFind", _("Zoeken in de handleiding"))
        self.find_box.setPlaceholderText(_("Zoeken in de handleiding (Enter: volgende)"))
        self.find_box.setClearButtonEnabled(True)
        bar.addWidget(self.back_button)
        bar.addWidget(self.contents_button)
        find_label = QLabel(_("Zoeken:"))
        find_label.setBuddy(self.find_box)
        bar.addWidget(find_label)
        bar.addWidget(self.find_box, 1)
        layout.addLayout(bar)

        self.browser = named(readable_by_keyboard(_Browser()), "helpBrowser", _("Handleiding"))
        self.browser.setOpenLinks(True)
        self.browser.setOpenExternalLinks(False)  # offline only: links leave nothing
        layout.addWidget(self.browser, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(_("&Sluiten"))
        named(close, "helpClose", _("Sluiten"))
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)

        self.back_button.clicked.connect(self.browser.backward)
        self.browser.backwardAvailable.connect(self.back_button.setEnabled)
        self.back_button.setEnabled(False)
        self.contents_button.clicked.connect(lambda: self.show_anchor(TOP))
        self.find_box.returnPressed.connect(self.find_next)
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.activated.connect(self.find_box.setFocus)
        escape = QShortcut(QKeySequence("Esc"), self)
        escape.activated.connect(self.close)
        self._size_to_screen()

    def _size_to_screen(self) -> None:
        screen = QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(760, 600)
            return
        available = screen.availableGeometry()
        self.resize(min(820, int(available.width() * 0.6)), int(available.height() * 0.85))

    def show_anchor(self, anchor: str) -> None:
        url = QUrl.fromLocalFile(str(manual_path(self.language)))
        url.setFragment(anchor)
        if self.browser.source() != url:
            self.browser.setSource(url)  # sourceChanged puts the caret at the anchor
        else:  # the same place again (the user scrolled or moved away): back to it
            caret_to_anchor(self.browser, anchor)
        self.browser.scrollToAnchor(anchor)

    @property
    def anchor(self) -> str:
        return self.browser.source().fragment()

    def find_next(self) -> None:
        text = self.find_box.text().strip()
        if text and not self.browser.find(text):
            cursor = self.browser.textCursor()  # from the top once more
            cursor.movePosition(cursor.MoveOperation.Start)
            self.browser.setTextCursor(cursor)
            self.browser.find(text)


_window: HelpWindow | None = None


def help_window() -> HelpWindow:
    """The one help window, made anew when the interface language has changed since."""
    global _window
    if _window is not None and _window.language != i18n.language():
        _window.close()
        _window.deleteLater()
        _window = None
    if _window is None:
        _window = HelpWindow()
    return _window


def open_help(anchor: str | None = None) -> HelpWindow:
    """Show the manual at ``anchor`` (default: the section for the window in front)."""
    target = anchor or current_anchor()
    window = help_window()
    window.show()  # first shown, so the page has its layout and can scroll
    window.show_anchor(target)
    window.raise_()
    window.activateWindow()
    return window


class _F1Filter(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_F1
                and event.modifiers() == Qt.KeyboardModifier.NoModifier
                and isinstance(watched, QWidget)):
            open_help()
            return True
        return False


_filter: _F1Filter | None = None


def install_f1() -> None:
    """F1 everywhere in the application opens the manual (installing twice is harmless)."""
    global _filter
    app = QApplication.instance()
    if _filter is None and app is not None:
        _filter = _F1Filter(app)
        app.installEventFilter(_filter)
