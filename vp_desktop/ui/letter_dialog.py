"""'Brief maken': a letter from a template, filled from the case, edited, name-checked,
previewed, then printed or — deliberately — saved as PDF."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QTextCharFormat, QTextCursor
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..files import write_private_file
from ..letters.compose import (
    CaseMaterial,
    LetterDraft,
    LetterError,
    NameCheck,
    available_templates,
    check_names,
    default_address,
    find_template,
    recipient_label,
    render_letter_pdf,
    unfinished,
)
from ..letters.templates import TemplateError
from ..storage.errors import StorageError
from .form_dialog import FormDialog
from .pdf_output import PdfPreview, PdfRenderer, choose_printer, choose_save_path, print_pdf
from .widgets import format_date, named

HIT_COLOUR = QColor("#ffe08a")


def names(n: int) -> str:
    return "1 naam" if n == 1 else f"{n} namen"


class LetterDialog(FormDialog):
    draft_kind = "letter"

    def __init__(self, session, case_id: int, parent=None, today: date | None = None):
        super().__init__(session, "Brief maken", "letterDialog", parent)
        self.resize(1200, 800)
        self.today = today or date.today()
        journal = session.journal
        self.material = CaseMaterial.read(journal, case_id)
        self.templates = available_templates(journal.custom_templates())
        self.check = NameCheck()
        self.renderer = PdfRenderer(self)
        self.renderer.ready.connect(self._show_preview)
        self.renderer.failed.connect(lambda message: self.status.setText(message))
        self._pause = False
        self._filled: tuple[str, str, str] | None = None
        self._filled_choice = (None, False)

        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        self.template = named(QComboBox(), "letterTemplate", "Sjabloon")
        for t in self.templates:
            self.template.addItem(t.title + ("" if t.builtin else " (eigen)"), t.id)
        form.addRow("&Sjabloon", self.template)
        case = self.material.case
        consent = (f"Met namen: de melder gaf toestemming op {format_date(case.consent_date)}"
                   if case.consent_given else
                   "Met namen (kan niet: geen toestemming van de melder vastgelegd)")
        self.identity = named(QCheckBox(consent), "letterWithIdentity",
                              "Brief met namen, met toestemming van de melder")
        self.identity.setEnabled(case.consent_given)
        form.addRow(self.identity)
        self.recipient = named(QPlainTextEdit(), "letterRecipient", "Adres van de ontvanger")
        self.recipient.setTabChangesFocus(True)
        self.recipient.setMaximumHeight(100)
        self.save_address = named(QPushButton("Adres &onthouden"), "letterSaveAddress",
                                  "Adres onthouden voor deze ontvanger")
        address_row = QWidget()
        row = QHBoxLayout(address_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.recipient, 1)
        row.addWidget(self.save_address, 0, Qt.AlignmentFlag.AlignTop)
        address_row.setFocusProxy(self.recipient)
        form.addRow("&Aan", address_row)
        self.subject = named(QLineEdit(), "letterSubject", "Onderwerp")
        form.addRow("&Betreft", self.subject)
        column.addLayout(form)
        self.text = named(QPlainTextEdit(), "letterBody", "Tekst van de brief")
        self.text.setTabChangesFocus(True)
        column.addWidget(QLabel("&Tekst (pas aan wat nodig is):", buddy=self.text))
        column.addWidget(self.text, 3)
        self.hits_label = named(QLabel(), "letterNameCheck", "Naamcontrole")
        self.hits_label.setWordWrap(True)
        column.addWidget(self.hits_label)
        self.hits = named(QListWidget(), "letterNameHits", "Gevonden namen")
        self.hits.setMaximumHeight(110)
        column.addWidget(self.hits)
        split.addWidget(left)
        self.preview = PdfPreview("letterPreview", "Voorbeeld van de brief")
        split.addWidget(self.preview)
        split.setSizes([560, 640])
        self.body.addWidget(split, 1)
        self.status = named(QLabel(), "letterStatus", "Status")
        self.body.addWidget(self.status)

        self.print_button = named(QPushButton("Af&drukken… (Ctrl+P)"), "letterPrint",
                                  "Brief afdrukken")
        self.pdf_button = named(QPushButton("Opslaan als &pdf…"), "letterSavePdf",
                                "Brief opslaan als pdf")
        self.buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.pdf_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).hide()  # nothing to store
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Sluiten")
        QShortcut(QKeySequence.StandardKey.Print, self, activated=self.print_letter)
        self.finish_layout()

        self._refresh = QTimer(self, singleShot=True, interval=300)
        self._refresh.timeout.connect(self.update_check_and_preview)
        self.template.currentIndexChanged.connect(self._choice_changed)
        self.identity.toggled.connect(self._choice_changed)
        for edit in (self.recipient, self.text):
            edit.textChanged.connect(self._changed)
        self.subject.textChanged.connect(self._changed)
        self.hits.itemActivated.connect(self._select_hit)
        self.print_button.clicked.connect(lambda: self.print_letter())  # not clicked(bool)
        self.pdf_button.clicked.connect(lambda: self.save_pdf())
        self.save_address.clicked.connect(self.remember_address)
        self.fill_from_template()
        self._baseline = self.payload()
        self.template.setFocus()

    # --- content ------------------------------------------------------------------------

    @property
    def template_obj(self):
        return find_template(self.templates, self.template.currentData())

    def draft(self) -> LetterDraft:
        return LetterDraft(
            template_id=self.template.currentData(),
            recipient_lines=self.recipient.toPlainText().splitlines(),
            subject=self.subject.text(),
            body=self.text.toPlainText(),
            with_identity=self.identity.isChecked(),
        )

    def _choice_changed(self) -> None:
        """Another template or identity choice refills the letter; edits are not lost
        silently."""
        if self._filled is not None and self.payload_text() != self._filled:
            answer = QMessageBox.question(
                self, "Brief opnieuw vullen?",
                "De brief wordt opnieuw gevuld vanuit het sjabloon; uw eigen wijzigingen gaan "
                "dan verloren. Doorgaan?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                self._restore_choice()
                return
        self.fill_from_template()

    def _restore_choice(self) -> None:
        template_id, identity = self._filled_choice
        for widget in (self.template, self.identity):
            widget.blockSignals(True)
        self.template.setCurrentIndex(max(self.template.findData(template_id), 0))
        self.identity.setChecked(identity)
        for widget in (self.template, self.identity):
            widget.blockSignals(False)

    def payload_text(self) -> tuple[str, str, str]:
        return (self.recipient.toPlainText(), self.subject.text(), self.text.toPlainText())

    def fill_from_template(self) -> None:
        template = self.template_obj
        try:
            stored = self.session.journal.address(template.recipient)
            draft = self.material.start_letter(template, default_address(template, stored),
                                               self.today, self.identity.isChecked())
        except (TemplateError, LetterError, StorageError) as exc:
            self.show_problems([getattr(exc, "message", str(exc))])
            return
        self.error_label.hide()
        self._pause = True
        self.recipient.setPlainText("\n".join(draft.recipient_lines))
        self.subject.setText(draft.subject)
        self.text.setPlainText(draft.body)
        self._pause = False
        self._filled = self.payload_text()
        self._filled_choice = (self.template.currentData(), self.identity.isChecked())
        self.save_address.setEnabled(bool(template.recipient))
        self.update_check_and_preview()

    def _changed(self) -> None:
        if not self._pause:
            self._refresh.start()

    def update_check_and_preview(self) -> None:
        draft = self.draft()
        case, profile, today = self.material.case, self.material.profile, self.today
        self.check = check_names(draft, case)
        self._show_hits()
        self.renderer.request(
            lambda: render_letter_pdf(draft, case=case, profile=profile, today=today))

    def _show_hits(self) -> None:
        self.hits.clear()
        parts = {"recipient": "adres", "subject": "onderwerp", "body": "tekst"}
        for part, hits in self.check.hits.items():
            for hit in hits:
                item = QListWidgetItem(f"'{hit.matched}' in {parts[part]} ({hit.role})")
                item.setData(Qt.ItemDataRole.UserRole, (part, hit.start, hit.end))
                self.hits.addItem(item)
        count = len(self.check.all_hits)
        if not count:
            self.hits_label.setText("Naamcontrole: geen namen uit het dossier gevonden.")
            self.hits_label.setStyleSheet("color: #1b5e20;")
        elif not self.check.blocking:
            self.hits_label.setText(f"Naamcontrole: {names(count)} van de melder gevonden; "
                                    "toegestaan met de vastgelegde toestemming.")
            self.hits_label.setStyleSheet("color: #8a5a00;")
        else:
            self.hits_label.setText(f"Naamcontrole: {names(len(self.check.blocking))} uit het "
                                    "dossier gevonden. Haal ze weg voordat u afdrukt of "
                                    "opslaat.")
            self.hits_label.setStyleSheet("color: #b00020; font-weight: 600;")
        self._highlight_body()

    def _highlight_body(self) -> None:
        fmt = QTextCharFormat()
        fmt.setBackground(HIT_COLOUR)
        selections = []
        for hit in self.check.hits.get("body", []):
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.text.document())
            cursor.setPosition(hit.start)
            cursor.setPosition(hit.end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor, selection.format = cursor, fmt
            selections.append(selection)
        self.text.setExtraSelections(selections)

    def _select_hit(self, item: QListWidgetItem) -> None:
        part, start, end = item.data(Qt.ItemDataRole.UserRole)
        if part == "body":
            cursor = self.text.textCursor()
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            self.text.setTextCursor(cursor)
            self.text.setFocus()
        else:
            (self.subject if part == "subject" else self.recipient).setFocus()

    def _show_preview(self, data: bytes) -> None:
        self.preview.show_pdf(data)
        self.status.setText("")

    # --- output -------------------------------------------------------------------------

    def _final_pdf(self) -> bytes | None:
        """The PDF of exactly the text on screen, or None when the name check says no."""
        self._refresh.stop()
        draft = self.draft()
        self.check = check_names(draft, self.material.case)
        self._show_hits()
        if self.check.blocking:
            self.show_problems([
                "De brief bevat nog namen uit het dossier (zie de lijst). Haal ze weg. Alleen "
                "de naam van de melder mag erin, met 'Met namen' en vastgelegde toestemming."])
            return None
        if unfinished(draft):
            self.show_problems([f"Vul eerst de plek '{unfinished(draft)}' in."])
            return None
        self.error_label.hide()
        return render_letter_pdf(draft, case=self.material.case, profile=self.material.profile,
                                 today=self.today)

    def _log(self, kind: str) -> None:
        detail = "met identiteit" if self.check.allowed else ""
        try:
            self.session.journal.log_activity(kind, self.material.case.code,
                                              self.template.currentData(), detail)
        except StorageError as exc:
            self.show_problems([f"Gelukt, maar het activiteitenlog: {exc.message}"])

    def print_letter(self, printer: QPrinter | None = None) -> bool:
        data = self._final_pdf()
        if data is None:
            return False
        if printer is None:
            printer = choose_printer(self)
            if printer is None:
                return False
        try:
            print_pdf(data, printer)
        except (OSError, ValueError) as exc:
            self.show_problems([f"Afdrukken lukte niet: {exc}"])
            return False
        self._log("brief_afgedrukt")
        self.status.setText("De brief is naar de printer gestuurd.")
        return True

    def save_pdf(self, path: str | None = None) -> bool:
        data = self._final_pdf()
        if data is None:
            return False
        if path is None:
            path = choose_save_path(self, "Brief opslaan als pdf", "brief.pdf")
            if path is None:
                return False
        try:
            write_private_file(path, data)
        except OSError as exc:
            self.show_problems([f"Opslaan lukte niet ({exc.strerror or exc})."])
            return False
        self._log("brief_opgeslagen")
        self.status.setText("Opgeslagen. Let op: het bestand is niet versleuteld.")
        return True

    def remember_address(self) -> None:
        template = self.template_obj
        lines = self.recipient.toPlainText().splitlines()
        try:
            self.session.journal.save_address(template.recipient, lines)
        except StorageError as exc:
            self.show_problems([exc.message])
            return
        self.status.setText(f"Adres onthouden voor {recipient_label(template)}.")

    # --- form protocol ------------------------------------------------------------------

    def draft_case_id(self) -> int | None:
        return self.material.case.id

    def payload(self) -> dict:
        return {"template": self.template.currentData(), "identity": self.identity.isChecked(),
                "recipient": self.recipient.toPlainText(), "subject": self.subject.text(),
                "body": self.text.toPlainText()}

    def restore(self, payload: dict) -> None:
        self._pause = True
        index = self.template.findData(payload.get("template"))
        if index >= 0:
            self.template.setCurrentIndex(index)
        self.identity.setChecked(bool(payload.get("identity")) and self.identity.isEnabled())
        self.recipient.setPlainText(payload.get("recipient", ""))
        self.subject.setText(payload.get("subject", ""))
        self.text.setPlainText(payload.get("body", ""))
        self._pause = False
        self.mark_restored()
        self.update_check_and_preview()

    def try_save(self) -> None:  # Ctrl+Enter / Ctrl+S: nothing to store in the journal
        self.status.setText("Gebruik Afdrukken (Ctrl+P) of Opslaan als pdf.")

    def save(self) -> int:
        return self.material.case.id
