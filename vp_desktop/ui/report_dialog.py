"""'Dossieroverzicht': the case report for the VP's archive, or the inzage variant for a
melder's right of access, previewed from memory and printed or saved on request. The archive
can be made in Dutch or English (the document's language, apart from the interface's); the
inzage is Dutch only."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
)

from ..i18n import _, ngettext
from ..services.errors import ServiceError, user_message
from ..services.letters import CaseReportMaker
from ..storage.errors import StorageError
from .announce import announce, show_error, show_message, update_message
from .focus_order import order_buttons
from .pdf_output import (
    PdfPreview,
    PdfRenderer,
    choose_printer,
    choose_save_path,
    output_buttons,
    print_pdf,
)
from .widgets import fit_to_screen, named

# The document languages, each named in its own language (as the interface language choice).
DOCUMENT_LANGUAGE_CHOICES = (("nl", "Nederlands"), ("en", "English"))


def suggested_file_name(code: str, *, inzage: bool, lang: str) -> str:
    """The file name offered when saving: in the document's language (the inzage is Dutch)."""
    if inzage:
        return f"inzage-{code}.pdf"
    return f"{'case-overview' if lang == 'en' else 'dossier'}-{code}.pdf"


class ReportDialog(QDialog):
    def __init__(self, session, case_id: int, parent=None, today: date | None = None):
        super().__init__(parent)
        named(self, "reportDialog", _("Dossieroverzicht"))
        self.setWindowTitle(_("Dossieroverzicht"))
        fit_to_screen(self, 900, 820)
        self.session = session
        self.today = today or date.today()
        self.maker = CaseReportMaker(session.journal, case_id, self.today)
        self.material = self.maker.material
        self.data = b""
        self._archive_language = 0  # the archive's language while the inzage is chosen
        layout = QVBoxLayout(self)
        choice = QHBoxLayout()
        self.archive = named(QRadioButton(_("Voor mijn &archief (volledig)")), "reportArchive",
                             _("Overzicht voor het eigen archief"))
        self.inzage = named(
            QRadioButton(_("&Inzage voor de melder (anderen alleen met hun rol)")),
            "reportInzage", _("Inzage voor de melder"))
        self.archive.setChecked(True)
        choice.addWidget(self.archive)
        choice.addWidget(self.inzage)
        choice.addSpacing(16)
        self.language = named(QComboBox(), "reportDocumentLanguage", _("Documenttaal"),
                              _("De taal van het overzicht; de inzage is er alleen in het "
                                "Nederlands."))
        for code, name in DOCUMENT_LANGUAGE_CHOICES:
            self.language.addItem(name, code)
        language_label = QLabel(_("Document&taal:"))
        language_label.setBuddy(self.language)
        choice.addWidget(language_label)
        choice.addWidget(self.language)
        choice.addStretch(1)
        layout.addLayout(choice)
        self.preview = PdfPreview("reportPreview", _("Voorbeeld van het overzicht"))
        layout.addWidget(self.preview, 1)
        self.status = named(QLabel(_("Overzicht wordt gemaakt…")), "reportStatus", _("Status"))
        layout.addWidget(self.status)
        buttons, self.print_button, self.pdf_button = output_buttons("report", _("Overzicht"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        order_buttons(buttons)  # Tab follows the buttons as shown
        QShortcut(QKeySequence.StandardKey.Print, self, activated=self.print_report)
        QShortcut(QKeySequence("Ctrl+L"), self, activated=session.lock)

        self.renderer = PdfRenderer(self)
        self.renderer.ready.connect(self._ready)
        self.renderer.failed.connect(
            lambda message: show_message(self.status, message, error=True))
        self.print_button.clicked.connect(lambda: self.print_report())
        self.pdf_button.clicked.connect(lambda: self.save_pdf())
        self.inzage.toggled.connect(self._variant_changed)
        self.language.currentIndexChanged.connect(lambda _index: self.build())
        self.build()

    @property
    def is_inzage(self) -> bool:
        return self.inzage.isChecked()

    @property
    def document_language(self) -> str:
        """"nl" or "en": the language the overview is made in (always "nl" for the inzage)."""
        return "nl" if self.is_inzage else str(self.language.currentData())

    def _variant_changed(self, inzage: bool) -> None:
        # the inzage is Dutch only: the choice shows Nederlands and cannot be changed
        self.language.blockSignals(True)
        if inzage:
            self._archive_language = self.language.currentIndex()
            self.language.setCurrentIndex(0)
        else:
            self.language.setCurrentIndex(self._archive_language)
        self.language.blockSignals(False)
        self.language.setEnabled(not inzage)
        self.build()

    def build(self) -> None:
        self.data = b""
        self.print_button.setEnabled(False)
        self.pdf_button.setEnabled(False)
        update_message(self.status, _("Overzicht wordt gemaakt…"))
        maker, inzage, lang = self.maker, self.is_inzage, self.document_language
        self.renderer.request(lambda: maker.pdf(inzage, lang))

    def _ready(self, data: bytes) -> None:
        self.data = data
        self.preview.show_pdf(data)
        self.print_button.setEnabled(True)
        self.pdf_button.setEnabled(True)
        pages = self.preview.pdf.pageCount()
        show_message(self.status, ngettext(
            "{n} pagina. Afdrukken of opslaan legt dat vast in het activiteitenlog (zonder "
            "inhoud).",
            "{n} pagina’s. Afdrukken of opslaan legt dat vast in het activiteitenlog (zonder "
            "inhoud).", pages).format(n=pages))

    def print_report(self, printer: QPrinter | None = None) -> bool:
        if not self.data:  # Ctrl+P while the overview is being made: say so
            announce(self.status, self.status.text(), assertive=True)
            return False
        if printer is None:
            printer = choose_printer(self)
            if printer is None:
                return False
        try:
            self.maker.print(self.session.journal, lambda data: print_pdf(data, printer),
                             inzage=self.is_inzage, lang=self.document_language)
        except (ServiceError, StorageError) as exc:
            show_error(self.status, user_message(exc))
            return False
        show_message(self.status, _("Naar de printer gestuurd."))
        return True

    def suggested_file_name(self) -> str:
        return suggested_file_name(self.material.case.code, inzage=self.is_inzage,
                                   lang=self.document_language)

    def save_pdf(self, path: str | None = None) -> bool:
        if not self.data:
            return False
        if path is None:
            path = choose_save_path(self, _("Overzicht opslaan als pdf"),
                                    self.suggested_file_name())
            if path is None:
                return False
        try:
            self.maker.save(self.session.journal, path, inzage=self.is_inzage,
                            lang=self.document_language)
        except (ServiceError, StorageError) as exc:
            show_error(self.status, user_message(exc))
            return False
        show_message(self.status, _("Opgeslagen. Let op: het bestand is niet versleuteld."))
        return True
