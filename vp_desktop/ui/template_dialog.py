"""'Briefsjablonen': copy a built-in template, edit it with the list of placeholders and a
live preview, add new ones. The VP's own templates live encrypted in the journal."""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..domain.vocabulary import REFERRAL_DESTINATIONS
from ..letters.compose import available_templates
from ..letters.templates import (
    PLACEHOLDERS,
    RECIPIENT_ANY,
    RECIPIENT_MELDER,
    TemplateError,
    check_template,
    example_context,
    render_text,
)
from ..storage.errors import StorageError
from ..storage.journal import StoredTemplate
from .form_dialog import FormDialog
from .widgets import fit_to_screen, named, set_combo_data

_ID_ROLE = Qt.ItemDataRole.UserRole + 4


class TemplateDialog(FormDialog):
    draft_kind = "templates"

    def __init__(self, session, parent=None):
        super().__init__(session, "Briefsjablonen", "templateDialog", parent)
        fit_to_screen(self, 1150, 760)
        self.current_id: str | None = None

        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        self.list = named(QListWidget(), "templateList", "Sjablonen")
        lv.addWidget(QLabel("&Sjablonen:", buddy=self.list))
        lv.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.copy_button = named(QPushButton("&Kopiëren"), "templateCopy",
                                 "Sjabloon kopiëren om aan te passen")
        self.new_button = named(QPushButton("&Nieuw"), "templateNew", "Nieuw sjabloon")
        self.delete_button = named(QPushButton("&Verwijderen"), "templateDelete",
                                   "Eigen sjabloon verwijderen")
        for button in (self.copy_button, self.new_button, self.delete_button):
            row.addWidget(button)
        lv.addLayout(row)
        split.addWidget(left)

        middle = QWidget()
        mv = QVBoxLayout(middle)
        mv.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        self.title = named(QLineEdit(), "templateTitle", "Naam van het sjabloon")
        form.addRow("N&aam", self.title)
        self.recipient = named(QComboBox(), "templateRecipient", "Ontvanger")
        self.recipient.addItem("Iedere ontvanger", RECIPIENT_ANY)
        self.recipient.addItem("De melder", RECIPIENT_MELDER)
        for term in REFERRAL_DESTINATIONS:
            self.recipient.addItem(term.label, term.code)
        form.addRow("&Ontvanger", self.recipient)
        self.subject = named(QLineEdit(), "templateSubject", "Onderwerp")
        form.addRow("On&derwerp", self.subject)
        mv.addLayout(form)
        self.source = named(QPlainTextEdit(), "templateBody", "Tekst van het sjabloon")
        self.source.setTabChangesFocus(True)
        mv.addWidget(QLabel("&Tekst:", buddy=self.source))
        mv.addWidget(self.source, 2)
        self.placeholders = named(QListWidget(), "templatePlaceholders",
                                  "Plaatshouders; Enter voegt in")
        for p in PLACEHOLDERS:
            item = QListWidgetItem(f"{{{{ {p.name} }}}} — {p.description_nl}")
            item.setData(_ID_ROLE, p.name)
            self.placeholders.addItem(item)
        mv.addWidget(QLabel("&Plaatshouders (Enter of dubbelklik voegt in):",
                            buddy=self.placeholders))
        mv.addWidget(self.placeholders, 1)
        split.addWidget(middle)

        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        self.check_label = named(QLabel(), "templateCheck", "Controle van het sjabloon")
        self.check_label.setWordWrap(True)
        rv.addWidget(self.check_label)
        self.preview = named(QPlainTextEdit(), "templatePreview",
                             "Voorbeeld met verzonnen gegevens")
        self.preview.setReadOnly(True)
        self.preview.setTabChangesFocus(True)
        rv.addWidget(QLabel("Voorbeeld (verzonnen gegevens):"))
        rv.addWidget(self.preview, 1)
        split.addWidget(right)
        split.setSizes([260, 480, 410])
        self.body.addWidget(split, 1)
        self.finish_layout()

        self._timer = QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self.update_preview)
        for edit in (self.title, self.subject):
            edit.textChanged.connect(self._timer.start)
        self.source.textChanged.connect(self._timer.start)
        self.list.currentItemChanged.connect(self._select)
        self.placeholders.itemActivated.connect(self._insert_placeholder)
        self.copy_button.clicked.connect(self.copy_current)
        self.new_button.clicked.connect(self.new_template)
        self.delete_button.clicked.connect(self.delete_current)
        self.reload()
        self.list.setFocus()

    # --- list ---------------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        self.templates = available_templates(self.session.journal.custom_templates())
        self.list.blockSignals(True)
        self.list.clear()
        for t in self.templates:
            item = QListWidgetItem(t.title + ("" if t.builtin else " (eigen)"))
            item.setData(_ID_ROLE, t.id)
            self.list.addItem(item)
        self.list.blockSignals(False)
        ids = [t.id for t in self.templates]
        self.list.setCurrentRow(ids.index(select) if select in ids else 0)

    def _template(self, template_id: str | None):
        return next((t for t in self.templates if t.id == template_id), None)

    def _select(self, item: QListWidgetItem | None, _previous=None) -> None:
        if self.is_dirty():  # keep the edits: store them, then show the chosen template
            target = item.data(_ID_ROLE) if item else None
            if not self.save_current(select=target):
                ids = [t.id for t in self.templates]
                self.list.blockSignals(True)
                self.list.setCurrentRow(ids.index(self.current_id))
                self.list.blockSignals(False)
            return
        template = self._template(item.data(_ID_ROLE)) if item else None
        self.current_id = template.id if template else None
        editable = template is not None and not template.builtin
        for widget in (self.title, self.subject, self.source, self.recipient):
            widget.setEnabled(editable)
        self.delete_button.setEnabled(editable)
        self.copy_button.setEnabled(template is not None)
        if template is not None:
            self.title.setText(template.title)
            set_combo_data(self.recipient, template.recipient)
            self.subject.setText(template.subject)
            self.source.setPlainText(template.body)
        self._baseline = self.payload()
        self.update_preview()
        if template is not None and template.builtin:
            self.check_label.setText(self.check_label.text() + "\nIngebouwd sjabloon: kopieer "
                                     "het om het aan te passen.")

    # --- editing ------------------------------------------------------------------------

    def _new_id(self) -> str:
        taken = {t.id for t in self.templates}
        return next(f"eigen-{n}" for n in itertools.count(1) if f"eigen-{n}" not in taken)

    def copy_current(self) -> None:
        template = self._template(self.current_id)
        if template is None:
            return
        copy = StoredTemplate(self._new_id(), f"{template.title} (kopie)", template.description,
                              template.recipient, template.subject, template.body, template.id)
        self._store(copy)

    def new_template(self) -> None:
        self._store(StoredTemplate(self._new_id(), "Nieuw sjabloon", "", RECIPIENT_ANY,
                                   "Onderwerp", "Geachte heer, mevrouw,\n\n", None))

    def _store(self, template: StoredTemplate, select: str | None = None) -> None:
        try:
            self.session.journal.save_custom_template(template)
        except StorageError as exc:
            self.show_problems([exc.message])
            return
        self._baseline = self.payload()
        self.reload(select=select or template.id)
        if select is None:
            self.title.setFocus()
            self.title.selectAll()

    def delete_current(self) -> None:
        template = self._template(self.current_id)
        if template is None or template.builtin:
            return
        try:
            self.session.journal.delete_custom_template(template.id)
        except StorageError as exc:
            self.show_problems([exc.message])
            return
        self._baseline = self.payload()
        self.reload()

    def _insert_placeholder(self, item: QListWidgetItem) -> None:
        if self.source.isEnabled():
            self.source.insertPlainText(f"{{{{ {item.data(_ID_ROLE)} }}}}")
            self.source.setFocus()

    def errors(self) -> list[TemplateError]:
        errors = [TemplateError(f"onderwerp: {e.reason}") for e in
                  check_template(self.subject.text())]
        return errors + check_template(self.source.toPlainText())

    def update_preview(self) -> None:
        errors = self.errors()
        if errors:
            self.check_label.setText("\n".join(e.message for e in errors[:5]))
            self.check_label.setStyleSheet("color: #b00020;")
            return
        try:
            context = example_context()
            text = (f"Betreft: {render_text(self.subject.text(), context)}\n\n"
                    f"{render_text(self.source.toPlainText(), context)}")
        except TemplateError as exc:
            self.check_label.setText(exc.message)
            self.check_label.setStyleSheet("color: #b00020;")
            return
        self.check_label.setText("Het sjabloon is in orde.")
        self.check_label.setStyleSheet("color: #1b5e20;")
        self.preview.setPlainText(text)

    def save_current(self, select: str | None = None) -> bool:
        template = self._template(self.current_id)
        if template is None or template.builtin or not self.is_dirty():
            return True
        errors = self.errors()
        if errors:
            self.show_problems([e.message for e in errors])
            return False
        self._store(StoredTemplate(template.id, self.title.text(), template.description,
                                   self.recipient.currentData(), self.subject.text(),
                                   self.source.toPlainText(), None), select)
        return True

    # --- form protocol ------------------------------------------------------------------

    def payload(self) -> dict:
        return {"id": self.current_id, "title": self.title.text(),
                "recipient": self.recipient.currentData(), "subject": self.subject.text(),
                "body": self.source.toPlainText()}

    def restore(self, payload: dict) -> None:
        self.reload(select=payload.get("id"))
        self.title.setText(payload.get("title", ""))
        set_combo_data(self.recipient, payload.get("recipient"))
        self.subject.setText(payload.get("subject", ""))
        self.source.setPlainText(payload.get("body", ""))
        self.mark_restored()

    def save(self) -> int:
        if not self.save_current():
            from ..domain.validation import ValidationError

            raise ValidationError([e.message for e in self.errors()] or ["Niet opgeslagen."])
        return -1
