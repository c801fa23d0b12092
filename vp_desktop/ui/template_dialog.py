"""'Briefsjablonen': copy a built-in template, edit it with the list of placeholders and a
live preview, add new ones. The VP's own templates live encrypted in the journal.

Editing is for non-programmers: in the "Bewerken" tab every ``{{ … }}`` and ``{% … %}`` of the
template shows as a chip («naam melder», «alleen als: met identiteit») that is typed around,
deleted with one key and inserted from the list; "alleen als …" wraps the selection in the
right ``{% if %}`` … ``{% endif %}``. The raw text is under "Geavanceerd". The chips are only a
view: each carries its exact source text, and what is stored is always the template source
the renderer reads (:meth:`ChipEdit.source`).
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QMimeData, QSizeF, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QPainter,
    QPyTextObject,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
)
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
    QTabWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..domain.vocabulary import REFERRAL_DESTINATIONS
from ..i18n import _
from ..letters.compose import available_templates
from ..letters.templates import (
    CONDITIONS,
    ELSE_TAG,
    ENDIF_TAG,
    PLACEHOLDERS,
    RECIPIENT_ANY,
    RECIPIENT_MELDER,
    TemplateError,
    check_template,
    describe_tag,
    example_context,
    if_tag,
    placeholder_label,
    render_text,
    split_template,
)
from ..storage.errors import StorageError
from ..storage.journal import StoredTemplate
from .announce import update_message
from .form_dialog import FormDialog
from .widgets import fit_to_screen, named, narrow_combo, set_combo_data

_ID_ROLE = Qt.ItemDataRole.UserRole + 4

CHIP_TYPE = int(QTextFormat.ObjectTypes.UserObject) + 7
SOURCE_PROPERTY = int(QTextFormat.Property.UserProperty) + 7
LABEL_PROPERTY = SOURCE_PROPERTY + 1
KIND_PROPERTY = SOURCE_PROPERTY + 2
OBJECT_CHAR = "\ufffc"
CHIP_COLOURS = {"plaatshouder": ("#dbe9fb", "#1f4e8c"), "voorwaarde": ("#fde7c8", "#7a4300"),
                "herhaling": ("#e3f1de", "#2c5d1f"), "overig": ("#e6e6e6", "#333333")}


class ChipPainter(QPyTextObject):
    """Draws a chip: the readable label in «», on a rounded, coloured background."""

    def intrinsicSize(self, doc, pos_in_document, fmt):  # noqa: N802 - Qt's name
        metrics = QFontMetricsF(fmt.toCharFormat().font())
        text = f"«{fmt.property(LABEL_PROPERTY)}»"
        return QSizeF(metrics.horizontalAdvance(text) + 8, metrics.height())

    def drawObject(self, painter, rect, doc, pos_in_document, fmt):  # noqa: N802
        background, foreground = CHIP_COLOURS.get(fmt.property(KIND_PROPERTY),
                                                  CHIP_COLOURS["overig"])
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QColor(foreground))
        painter.setBrush(QColor(background))
        painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 4, 4)
        painter.setFont(fmt.toCharFormat().font())
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter,
                         f"«{fmt.property(LABEL_PROPERTY)}»")
        painter.restore()


def chip_format(tag: str) -> QTextCharFormat:
    kind, label = describe_tag(tag)
    fmt = QTextCharFormat()
    fmt.setObjectType(CHIP_TYPE)
    fmt.setProperty(SOURCE_PROPERTY, tag)
    fmt.setProperty(LABEL_PROPERTY, label)
    fmt.setProperty(KIND_PROPERTY, kind)
    fmt.setToolTip(tag)
    return fmt


class ChipEdit(QTextEdit):
    """Template text with its tags as chips. ``source()`` gives the exact template text."""

    def __init__(self, object_name: str, accessible: str, parent=None):
        super().__init__(parent)
        named(self, object_name, accessible)
        self.setAcceptRichText(False)
        self.setTabChangesFocus(True)
        self._painter = ChipPainter(self)
        self.document().documentLayout().registerHandler(CHIP_TYPE, self._painter)
        self.currentCharFormatChanged.connect(self._plain_typing)

    def _plain_typing(self, fmt: QTextCharFormat) -> None:
        # text typed next to a chip is plain text; with a selection Qt would apply the
        # format to the selected text (and turn its chips into plain object characters)
        if fmt.objectType() == CHIP_TYPE and not self.textCursor().hasSelection():
            self.setCurrentCharFormat(QTextCharFormat())

    def set_source(self, source: str) -> None:
        self.blockSignals(True)
        self.clear()
        self.blockSignals(False)
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        self._insert(cursor, source)
        cursor.endEditBlock()
        self.document().clearUndoRedoStacks()
        self.setCurrentCharFormat(QTextCharFormat())

    @staticmethod
    def _insert(cursor: QTextCursor, source: str) -> None:
        for is_tag, text in split_template(source):
            if is_tag:
                cursor.insertText(OBJECT_CHAR, chip_format(text))
            else:
                cursor.insertText(text, QTextCharFormat())

    def insert_source(self, source: str) -> None:
        """Insert template text (chips for its tags) at the cursor, replacing a selection."""
        cursor = self.textCursor()
        cursor.beginEditBlock()
        self._insert(cursor, source)
        cursor.endEditBlock()
        self.setTextCursor(cursor)

    def wrap_selection(self, before: str, after: str) -> None:
        """Put the tags ``before`` and ``after`` around the selection (or at the cursor)."""
        cursor = self.textCursor()
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        cursor.clearSelection()
        self.setTextCursor(cursor)  # the view's selection must not grow over the new chips
        cursor.beginEditBlock()
        cursor.setPosition(end)
        self._insert(cursor, after)
        cursor.setPosition(start)
        self._insert(cursor, before)
        cursor.endEditBlock()
        cursor.setPosition(start + 1)
        cursor.setPosition(end + 1, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def source(self, start: int = 0, end: int | None = None) -> str:
        """The template text of the document (or of the range ``start``–``end``)."""
        document = self.document()
        end = document.characterCount() - 1 if end is None else end
        out: list[str] = []
        block = document.findBlock(start)
        while block.isValid() and block.position() <= end:
            if block.position() > start:
                out.append("\n")
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                lo = max(start, fragment.position())
                hi = min(end, fragment.position() + fragment.length())
                if lo < hi:
                    text = fragment.text()[lo - fragment.position():hi - fragment.position()]
                    fmt = fragment.charFormat()
                    if fmt.objectType() == CHIP_TYPE:
                        tag = str(fmt.property(SOURCE_PROPERTY))
                        text = "".join(tag if ch == OBJECT_CHAR else ch for ch in text)
                    out.append(text)
                it += 1
            block = block.next()
        return "".join(out)

    def createMimeDataFromSelection(self) -> QMimeData:  # noqa: N802 - Qt's name
        cursor = self.textCursor()
        data = QMimeData()
        data.setText(self.source(cursor.selectionStart(), cursor.selectionEnd()))
        return data

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 - Qt's name
        if source.hasText():
            self.insert_source(source.text())


class ChipLine(ChipEdit):
    """One line of template text with chips (the subject): Enter adds no line, pasted line
    breaks become spaces, and it reads and writes like a line edit (``text``/``setText``)."""

    def __init__(self, object_name: str, accessible: str, parent=None):
        super().__init__(object_name, accessible, parent)
        self.setLineWrapMode(QTextEdit.LineWrapMode.NoWrap)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        margin = int(self.document().documentMargin())
        self.setFixedHeight(self.fontMetrics().lineSpacing() + 2 * (margin + self.frameWidth())
                            + 8)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and not event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            event.accept()  # one line: nothing to add (Ctrl+Enter still saves the form)
            return
        super().keyPressEvent(event)

    def insert_source(self, source: str) -> None:
        super().insert_source(" ".join(source.splitlines()))

    def text(self) -> str:
        return self.source()

    def setText(self, text: str) -> None:  # noqa: N802 - like QLineEdit
        self.set_source(text)


class InsertList(QListWidget):
    """A list whose Enter inserts the current item (itemActivated) and goes no further:
    Qt passes an item view's Enter on to the dialog, whose default button would save."""

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()


class TemplateDialog(FormDialog):
    draft_kind = "templates"

    def __init__(self, session, parent=None):
        super().__init__(session, _("Briefsjablonen"), "templateDialog", parent)
        fit_to_screen(self, 1150, 760)
        self.current_id: str | None = None

        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        self.list = named(QListWidget(), "templateList", _("Sjablonen"))
        lv.addWidget(QLabel(_("&Sjablonen:"), buddy=self.list))
        lv.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.copy_button = named(QPushButton(_("&Kopiëren")), "templateCopy",
                                 _("Sjabloon kopiëren om aan te passen"))
        self.new_button = named(QPushButton(_("&Nieuw")), "templateNew",
                                _("Nieuw sjabloon"))
        self.delete_button = named(QPushButton(_("&Verwijderen")), "templateDelete",
                                   _("Eigen sjabloon verwijderen"))
        for button in (self.copy_button, self.new_button, self.delete_button):
            row.addWidget(button)
        lv.addLayout(row)
        split.addWidget(left)

        middle = QWidget()
        mv = QVBoxLayout(middle)
        mv.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        self.title = named(QLineEdit(), "templateTitle", _("Naam van het sjabloon"))
        form.addRow(_("N&aam"), self.title)
        self.recipient = named(QComboBox(), "templateRecipient", _("Ontvanger"))
        narrow_combo(self.recipient)
        self.recipient.addItem(_("Iedere ontvanger"), RECIPIENT_ANY)
        self.recipient.addItem(_("De melder"), RECIPIENT_MELDER)
        for term in REFERRAL_DESTINATIONS:
            self.recipient.addItem(_(term.label), term.code)
        form.addRow(_("&Ontvanger"), self.recipient)
        self.subject = ChipLine("templateSubject", _("Onderwerp; plaatshouders staan tussen « »"))
        form.addRow(_("On&derwerp"), self.subject)
        mv.addLayout(form)
        self.tabs = named(QTabWidget(), "templateTabs", _("Bewerken of geavanceerd"))
        editing = QWidget()
        ev = QVBoxLayout(editing)
        ev.setContentsMargins(0, 0, 0, 0)
        self.chips = ChipEdit("templateChips", _("Tekst van het sjabloon; plaatshouders en "
                                                 "voorwaarden staan tussen « »"))
        text_label = QLabel(_("&Tekst (de blokjes «…» worden bij het maken van de brief "
                              "ingevuld):"), buddy=self.chips)
        text_label.setWordWrap(True)
        ev.addWidget(text_label)
        ev.addWidget(self.chips, 1)
        condition_row = QHBoxLayout()
        self.condition = named(QComboBox(), "templateCondition", _("Voorwaarde"))
        for label, test in CONDITIONS:
            self.condition.addItem(_(label), test)
        narrow_combo(self.condition)
        self.wrap_button = named(QPushButton(_("Alleen a&ls…")), "templateWrapCondition",
                                 _("Geselecteerde tekst alleen tonen als aan de voorwaarde "
                                   "is voldaan"))
        self.else_button = named(QPushButton(_("And&ers-tekst")), "templateInsertElse",
                                 _("Tekst voor als niet aan de voorwaarde is voldaan"))
        self.else_button.setToolTip(_("Zet «anders» op de plek van de cursor, binnen een "
                                      "«alleen als»: wat erna komt, verschijnt als de "
                                      "voorwaarde niet geldt."))
        self.wrap_button.setToolTip(_("Selecteer tekst en kies een voorwaarde: de tekst komt "
                                      "dan alleen in de brief als de voorwaarde geldt."))
        condition_label = QLabel(_("Voo&rwaarde:"), buddy=self.condition)
        condition_row.addWidget(condition_label)
        condition_row.addWidget(self.condition, 1)
        condition_row.addWidget(self.wrap_button)
        condition_row.addWidget(self.else_button)
        ev.addLayout(condition_row)
        self.tabs.addTab(editing, _("Be&werken"))
        advanced = QWidget()
        av = QVBoxLayout(advanced)
        av.setContentsMargins(0, 0, 0, 0)
        self.source = named(QPlainTextEdit(), "templateBody",
                            _("Brontekst van het sjabloon"))
        self.source.setTabChangesFocus(True)
        source_label = QLabel(_("Brontekst (voor wie de sjabloontaal kent; zie "
                                "{path}):").format(path="resources/templates/README.md"))
        source_label.setWordWrap(True)
        source_label.setBuddy(self.source)
        av.addWidget(source_label)
        av.addWidget(self.source, 1)
        self.tabs.addTab(advanced, _("&Geavanceerd"))
        mv.addWidget(self.tabs, 2)
        self.placeholders = named(InsertList(), "templatePlaceholders",
                                  _("Plaatshouders; Enter voegt in"))
        for p in PLACEHOLDERS:
            item = QListWidgetItem(f"«{placeholder_label(p.name)}» — {_(p.description_nl)}")
            item.setData(_ID_ROLE, p.name)
            item.setToolTip(f"{{{{ {p.name} }}}}")
            self.placeholders.addItem(item)
        mv.addWidget(QLabel(_("&Plaatshouders (Enter of dubbelklik voegt in):"),
                            buddy=self.placeholders))
        mv.addWidget(self.placeholders, 1)
        split.addWidget(middle)

        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        self.check_label = named(QLabel(), "templateCheck", _("Controle van het sjabloon"))
        self.check_label.setWordWrap(True)
        rv.addWidget(self.check_label)
        self.preview = named(QPlainTextEdit(), "templatePreview",
                             _("Voorbeeld met verzonnen gegevens"))
        self.preview.setReadOnly(True)
        self.preview.setTabChangesFocus(True)
        rv.addWidget(QLabel(_("Voorbeeld (verzonnen gegevens):")))
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
        self._syncing = False
        self.source.textChanged.connect(self._source_to_chips)
        self.chips.textChanged.connect(self._chips_to_source)
        self.wrap_button.clicked.connect(self.wrap_in_condition)
        self.else_button.clicked.connect(self.insert_else)
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
            item = QListWidgetItem(t.title if t.builtin
                                   else _("{title} (eigen)").format(title=t.title))
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
        for widget in (self.title, self.subject, self.source, self.recipient, self.chips,
                       self.condition, self.wrap_button, self.else_button):
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
        if not self.source.isEnabled():
            return
        tag = f"{{{{ {item.data(_ID_ROLE)} }}}}"
        if self.tabs.currentIndex() == 0:
            self.chips.insert_source(tag)
            self.chips.setFocus()
        else:
            self.source.insertPlainText(tag)
            self.source.setFocus()

    def _source_to_chips(self) -> None:
        if not self._syncing:
            self._syncing = True
            self.chips.set_source(self.source.toPlainText())
            self._syncing = False

    def _chips_to_source(self) -> None:
        if not self._syncing:
            self._syncing = True
            self.source.setPlainText(self.chips.source())
            self._syncing = False

    def wrap_in_condition(self) -> None:
        """"Alleen als …": the selection (or the cursor) between «alleen als: …» and
        «einde alleen als»."""
        if self.chips.isEnabled():
            self.chips.wrap_selection(if_tag(self.condition.currentData()), ENDIF_TAG)
            self.chips.setFocus()

    def insert_else(self) -> None:
        if self.chips.isEnabled():
            self.chips.insert_source(ELSE_TAG)
            self.chips.setFocus()

    def errors(self) -> list[TemplateError]:
        errors = [TemplateError(_("onderwerp: {reason}").format(reason=e.reason)) for e in
                  check_template(self.subject.text())]
        return errors + check_template(self.source.toPlainText())

    def update_preview(self) -> None:
        errors = self.errors()
        text = ""
        if errors:
            message = "\n".join(e.message for e in errors[:5])
        else:
            try:
                context = example_context()
                text = (f"Betreft: {render_text(self.subject.text(), context)}\n\n"
                        f"{render_text(self.source.toPlainText(), context)}")
                message = _("Het sjabloon is in orde.")
            except TemplateError as exc:
                message = exc.message
        self._show_check(message, ok=bool(text))
        if text:
            self.preview.setPlainText(text)

    def _show_check(self, message: str, *, ok: bool) -> None:
        """The check's result as one message (issue 12): worked out again after every edit
        (the preview timer), so a built-in template's note is part of it every time, and it
        is announced when it changes. Politely, also an error: it comes while one types and
        blocks nothing until saving (saving shows the errors as a blocking message). A
        window that opens is read anyway: not announced then."""
        template = self._template(self.current_id)
        if template is not None and template.builtin:
            message += "\n" + _("Ingebouwd sjabloon: kopieer het om het aan te passen.")
        self.check_label.setStyleSheet("color: #1b5e20;" if ok else "color: #b00020;")
        update_message(self.check_label, message)  # not announced while the dialog opens

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

            raise ValidationError([e.message for e in self.errors()] or [_("Niet opgeslagen.")])
        return -1
