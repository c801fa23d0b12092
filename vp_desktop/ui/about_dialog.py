"""Help → Over VP Desktop: version, licence, the open journal, the encryption as the running
SQLCipher library reports it, and where the backups go."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..i18n import _
from ..services.about import ThirdPartyLicence, about_facts, about_rows, third_party_licences
from ..services.errors import ServiceError
from ..storage.errors import StorageError
from .widgets import named


def _object_name(label: str) -> str:
    """"SQLCipher-versie" → "aboutSqlcipherVersie" (stable names for tests and screen readers)."""
    words = "".join(c if c.isalnum() else " " for c in label).split()
    return "about" + "".join(w.capitalize() for w in words)


class AboutDialog(QDialog):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        named(self, "aboutDialog", _("Over VP Desktop"))
        self.setWindowTitle(_("Over VP Desktop"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        layout = QVBoxLayout(self)
        title = QLabel(_("<b>VP Desktop</b> — versleuteld journaal voor vertrouwenspersonen"))
        title.setWordWrap(True)
        layout.addWidget(title)

        journal = session.journal if session.is_unlocked else None
        try:
            rows = about_rows(about_facts(journal))
        except (StorageError, ServiceError):
            rows = about_rows(about_facts(None))
        self.values: dict[str, QLabel] = {}
        form_widget = QWidget()
        form = QFormLayout(form_widget)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for label, value in rows:
            field = named(QLabel(value), _object_name(label), "")  # labelled by its row
            field.setWordWrap(True)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
            form.addRow(_("{label}:").format(label=_(label)), field)
            self.values[label] = field
        scroll = QScrollArea()
        scroll.setObjectName("aboutScroll")
        scroll.setAccessibleName(_("Algemeen"))  # a focus stop (keys scroll it): its tab's name
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(form_widget)
        self.tabs = named(QTabWidget(), "aboutTabs", _("Over VP Desktop"))
        self.tabs.addTab(scroll, _("&Algemeen"))
        self.tabs.addTab(self._licence_page(), _("&Licenties van derden"))
        layout.addWidget(self.tabs, 1)

        note = QLabel(_("Het journaal staat alleen op deze computer en is versleuteld met uw "
                        "wachtwoord. Zonder dat wachtwoord is het niet te lezen, ook niet door "
                        "de maker van dit programma."))
        note.setWordWrap(True)
        layout.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(_("&Sluiten"))
        named(close, "aboutClose", _("Sluiten"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._size_to_screen()

    def _licence_page(self) -> QWidget:
        """The third-party components and their licence texts (issue 10)."""
        page = QWidget()
        box = QVBoxLayout(page)
        origin, self.licences = third_party_licences()
        source = QLabel(origin)
        source.setObjectName("aboutLicenceSource")
        source.setWordWrap(True)
        box.addWidget(source)
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.licence_list = named(QListWidget(), "aboutLicenceList", _("Onderdelen van derden"))
        for item in self.licences:
            version = f" {item.version}" if item.version else ""
            entry = QListWidgetItem(f"{item.name}{version} — {item.licence}")
            self.licence_list.addItem(entry)
        self.licence_text = named(QPlainTextEdit(), "aboutLicenceText", _("Licentietekst"))
        self.licence_text.setReadOnly(True)
        self.licence_list.currentRowChanged.connect(self._show_licence)
        listed = QWidget()
        listed_layout = QVBoxLayout(listed)
        listed_layout.setContentsMargins(0, 0, 0, 0)
        listed_label = QLabel(_("{label}:").format(label=_("Onderdelen van derden")))
        listed_label.setBuddy(self.licence_list)
        listed_layout.addWidget(listed_label)
        listed_layout.addWidget(self.licence_list)
        splitter.addWidget(listed)
        splitter.addWidget(self.licence_text)
        box.addWidget(splitter, 1)
        return page

    def _show_licence(self, row: int) -> None:
        item: ThirdPartyLicence | None = self.licences[row] \
            if 0 <= row < len(self.licences) else None
        if item is None:
            self.licence_text.clear()
            return
        text = ""
        if item.file is not None:
            try:
                text = item.file.read_text(encoding="utf-8", errors="replace")
            except OSError:
                text = ""
        self.licence_text.setPlainText(text or _(
            "Licentie: {licence}\n(geen licentietekst bij dit onderdeel meegeleverd)").format(
                licence=item.licence))

    def _size_to_screen(self) -> None:
        screen = self.screen() or QGuiApplication.primaryScreen()
        width = 640
        height = 440
        if screen is not None:
            available = screen.availableGeometry()
            width = min(width, available.width() - 40)
            height = min(height, available.height() - 60)
        self.resize(width, height)
