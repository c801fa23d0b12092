"""'Dossieroverzicht': the case report for the VP's archive, or the inzage variant for a
melder's right of access, previewed from memory and printed or saved on request."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
)

from ..dutch import plural
from ..services.errors import ServiceError, user_message
from ..services.letters import CaseReportMaker
from ..storage.errors import StorageError
from .pdf_output import (
    PdfPreview,
    PdfRenderer,
    choose_printer,
    choose_save_path,
    output_buttons,
    print_pdf,
)
from .widgets import fit_to_screen, named


class ReportDialog(QDialog):
    def __init__(self, session, case_id: int, parent=None, today: date | None = None):
        super().__init__(parent)
        named(self, "reportDialog", "Dossieroverzicht")
        self.setWindowTitle("Dossieroverzicht")
        fit_to_screen(self, 900, 820)
        self.session = session
        self.today = today or date.today()
        self.maker = CaseReportMaker(session.journal, case_id, self.today)
        self.material = self.maker.material
        self.data = b""
        layout = QVBoxLayout(self)
        choice = QHBoxLayout()
        self.archive = named(QRadioButton("Voor mijn &archief (volledig)"), "reportArchive",
                             "Overzicht voor het eigen archief")
        self.inzage = named(QRadioButton("&Inzage voor de melder (anderen alleen met hun rol)"),
                            "reportInzage", "Inzage voor de melder")
        self.archive.setChecked(True)
        choice.addWidget(self.archive)
        choice.addWidget(self.inzage)
        choice.addStretch(1)
        layout.addLayout(choice)
        self.preview = PdfPreview("reportPreview", "Voorbeeld van het overzicht")
        layout.addWidget(self.preview, 1)
        self.status = named(QLabel("Overzicht wordt gemaakt…"), "reportStatus", "Status")
        layout.addWidget(self.status)
        buttons, self.print_button, self.pdf_button = output_buttons("report", "Overzicht")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        QShortcut(QKeySequence.StandardKey.Print, self, activated=self.print_report)
        QShortcut(QKeySequence("Ctrl+L"), self, activated=session.lock)

        self.renderer = PdfRenderer(self)
        self.renderer.ready.connect(self._ready)
        self.renderer.failed.connect(self.status.setText)
        self.print_button.clicked.connect(lambda: self.print_report())
        self.pdf_button.clicked.connect(lambda: self.save_pdf())
        self.inzage.toggled.connect(self.build)
        self.build()

    @property
    def is_inzage(self) -> bool:
        return self.inzage.isChecked()

    def build(self) -> None:
        self.data = b""
        self.print_button.setEnabled(False)
        self.pdf_button.setEnabled(False)
        self.status.setText("Overzicht wordt gemaakt…")
        maker, inzage = self.maker, self.is_inzage
        self.renderer.request(lambda: maker.pdf(inzage))

    def _ready(self, data: bytes) -> None:
        self.data = data
        self.preview.show_pdf(data)
        self.print_button.setEnabled(True)
        self.pdf_button.setEnabled(True)
        pages = self.preview.pdf.pageCount()
        self.status.setText(f"{plural(pages, 'pagina', 'pagina’s')}. Afdrukken of opslaan legt dat vast in het "
                            "activiteitenlog (zonder inhoud).")

    def print_report(self, printer: QPrinter | None = None) -> bool:
        if not self.data:
            return False
        if printer is None:
            printer = choose_printer(self)
            if printer is None:
                return False
        try:
            self.maker.print(self.session.journal, lambda data: print_pdf(data, printer),
                             inzage=self.is_inzage)
        except (ServiceError, StorageError) as exc:
            self.status.setText(user_message(exc))
            return False
        self.status.setText("Naar de printer gestuurd.")
        return True

    def save_pdf(self, path: str | None = None) -> bool:
        if not self.data:
            return False
        if path is None:
            name = f"{'inzage' if self.is_inzage else 'dossier'}-{self.material.case.code}.pdf"
            path = choose_save_path(self, "Overzicht opslaan als pdf", name)
            if path is None:
                return False
        try:
            self.maker.save(self.session.journal, path, inzage=self.is_inzage)
        except (ServiceError, StorageError) as exc:
            self.status.setText(user_message(exc))
            return False
        self.status.setText("Opgeslagen. Let op: het bestand is niet versleuteld.")
        return True
