"""'Verstuurde brief': a kept letter re-opened exactly as it was sent (the PDF bytes kept in
the journal, shown from memory), to print or save again through the letter service — with
the output guard and an activity-log line, as every output."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout

from ..i18n import _
from ..services.errors import ServiceError, user_message
from ..services.letters import kept_letter, kept_letter_title, print_kept_letter, save_kept_letter
from ..storage.errors import StorageError
from .announce import set_message_text, show_error, show_message
from .focus_order import order_buttons
from .pdf_output import PdfPreview, choose_printer, choose_save_path, output_buttons, print_pdf
from .widgets import fit_to_screen, named


class KeptLetterDialog(QDialog):
    def __init__(self, session, letter_id: int, parent=None):
        super().__init__(parent)
        named(self, "keptLetterDialog", _("Verstuurde brief"))
        self.setWindowTitle(_("Verstuurde brief"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.session = session
        self.letter = kept_letter(session.journal, letter_id)
        layout = QVBoxLayout(self)
        printed = self.letter.output == "afgedrukt"  # the stored output code (Dutch)
        if printed and self.letter.with_identity:
            heading = _("{title} (afgedrukt, met namen). Zo is de brief verstuurd; hij kan "
                        "niet meer worden gewijzigd.")
        elif printed:
            heading = _("{title} (afgedrukt). Zo is de brief verstuurd; hij kan niet meer "
                        "worden gewijzigd.")
        elif self.letter.with_identity:
            heading = _("{title} (opgeslagen als pdf, met namen). Zo is de brief verstuurd; "
                        "hij kan niet meer worden gewijzigd.")
        else:
            heading = _("{title} (opgeslagen als pdf). Zo is de brief verstuurd; hij kan "
                        "niet meer worden gewijzigd.")
        self.heading = named(QLabel(heading.format(title=kept_letter_title(self.letter))),
                             "keptLetterHeading", _("Over deze brief"))
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.preview = PdfPreview("keptLetterPreview", _("De verstuurde brief"))
        layout.addWidget(self.preview, 1)
        self.status = named(QLabel(_("Afdrukken of opslaan legt dat vast in het "
                                     "activiteitenlog (zonder inhoud).")),
                            "keptLetterStatus", _("Status"))
        self.status.setWordWrap(True)
        set_message_text(self.status, self.status.text())  # its text is its name
        layout.addWidget(self.status)
        buttons, self.print_button, self.pdf_button = output_buttons("keptLetter",
                                                                     _("Brief opnieuw"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        order_buttons(buttons)  # Tab follows the buttons as shown
        QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self).activated.connect(
            lambda: self.print_letter())
        QShortcut(QKeySequence("Ctrl+L"), self).activated.connect(session.lock)
        self.print_button.clicked.connect(lambda: self.print_letter())
        self.pdf_button.clicked.connect(lambda: self.save_pdf())
        fit_to_screen(self, 860, 900)
        self.preview.show_pdf(self.letter.pdf)
        self.preview.setFocus()

    def print_letter(self, printer: QPrinter | None = None) -> bool:
        if printer is None:
            printer = choose_printer(self)
            if printer is None:
                return False
        try:
            print_kept_letter(self.session.journal, self.letter.id or 0,
                              lambda data: print_pdf(data, printer))
        except (ServiceError, StorageError) as exc:
            show_error(self.status, user_message(exc))
            return False
        show_message(self.status, _("Naar de printer gestuurd."))
        return True

    def save_pdf(self, path: str | None = None) -> bool:
        if path is None:
            name = f"brief-{self.letter.kept_at:%Y-%m-%d}.pdf"
            path = choose_save_path(self, _("Brief opslaan als pdf"), name)
            if path is None:
                return False
        try:
            save_kept_letter(self.session.journal, self.letter.id or 0, path)
        except (ServiceError, StorageError) as exc:
            show_error(self.status, user_message(exc))
            return False
        show_message(self.status, _("Opgeslagen. Let op: het bestand is niet versleuteld."))
        return True
