"""'Brief maken': a letter from a template, filled from the case, edited, name-checked,
previewed, then printed or — deliberately — saved as PDF."""

from __future__ import annotations

from datetime import date
from difflib import SequenceMatcher

from PySide6.QtCore import Qt, QTimer, Signal
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
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..domain.vocabulary import REFERRAL_DESTINATIONS, person_reference_text
from ..i18n import _, ngettext
from ..letters.compose import LetterDraft
from ..letters.templates import RECIPIENT_MELDER, default_template_id
from ..services.errors import ServiceError, user_message
from ..services.letters import PART_LABELS, LetterCheck, LetterMaker
from ..storage.errors import StorageError
from .announce import clear_message, show_message, update_message
from .form_dialog import FormDialog
from .name_hits import NameHitList, group_hits
from .pdf_output import PdfPreview, PdfRenderer, choose_printer, choose_save_path, print_pdf
from .widgets import fit_to_screen, format_date, named

HIT_COLOUR = QColor("#ffe08a")



def merge_refill(old: str, edited: str, new: str) -> tuple[str, list[str]]:
    """Carry the change old → new (a refill of the template) into ``edited`` (old plus the
    VP's edits), line by line (a paragraph of a letter is one line). A changed stretch of
    the template is applied where the VP left it as it was; where the VP edited it, the
    VP's text stays and the template's new version is returned in ``conflicts``."""
    old_lines, edited_lines, new_lines = old.split("\n"), edited.split("\n"), new.split("\n")
    kept: dict[int, int] = {}  # line of old -> the same, untouched line in edited
    for block in SequenceMatcher(None, old_lines, edited_lines, autojunk=False).get_matching_blocks():
        for k in range(block.size):
            kept[block.a + k] = block.b + k
    result = list(edited_lines)
    conflicts: list[str] = []
    changes = [op for op in SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes()
               if op[0] != "equal"]
    for _tag, i1, i2, j1, j2 in reversed(changes):
        replacement = new_lines[j1:j2]
        if i1 < i2:  # replace or delete: every old line must be untouched and together
            first = kept.get(i1)
            if first is not None and all(kept.get(i) == first + i - i1 for i in range(i1, i2)):
                result[first:first + i2 - i1] = replacement
                continue
        else:  # insert before old line i1: its neighbours must still be neighbours
            before = kept.get(i1 - 1) if i1 > 0 else -1
            after = kept.get(i1) if i1 < len(old_lines) else len(edited_lines)
            if before is not None and after is not None and after == before + 1:
                result[after:after] = replacement
                continue
        text = "\n".join(line for line in replacement if line.strip())
        gone = "\n".join(line for line in old_lines[i1:i2] if line.strip())
        if text or gone:
            conflicts.append(text or _("(vervalt) {text}").format(text=gone))
    conflicts.reverse()
    return "\n".join(result), conflicts

def recipient_text(template) -> str:
    """A template's recipient for the screen, in the interface language (the letter's own
    ``recipient_label`` stays Dutch)."""
    if template.recipient == RECIPIENT_MELDER:
        return person_reference_text("melder")
    return REFERRAL_DESTINATIONS.text(template.recipient)


class LetterDialog(FormDialog):
    draft_kind = "letter"
    output_done = Signal(str)  # a status-bar confirmation: the case code, never content

    def __init__(self, session, case_id: int, parent=None, today: date | None = None):
        super().__init__(session, _("Brief maken"), "letterDialog", parent)
        fit_to_screen(self, 1200, 800)
        self.today = today or date.today()
        self.maker = LetterMaker(session.journal, case_id, self.today)
        self.material = self.maker.material
        self.templates = self.maker.templates
        self.check = LetterCheck()
        self.renderer = PdfRenderer(self)
        self.renderer.ready.connect(self._show_preview)
        self.renderer.failed.connect(
            lambda message: show_message(self.status, message, error=True))
        self._pause = False
        self._filled: tuple[str, str, str] | None = None
        self._filled_choice = (None, False)

        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        self.template = named(QComboBox(), "letterTemplate", _("Sjabloon"))
        for t in self.templates:
            self.template.addItem(t.title if t.builtin else _("{title} (eigen)").format(title=t.title),
                                  t.id)
        chosen = default_template_id(self.material.case.domains, [t.id for t in self.templates])
        self.template.setCurrentIndex(max(self.template.findData(chosen), 0))
        form.addRow(_("&Sjabloon"), self.template)
        case = self.material.case
        consent = (_("Met namen: de melder gaf toestemming op {date}").format(
            date=format_date(case.consent_date)) if case.consent_given else
            _("Met namen (kan niet: geen toestemming van de melder vastgelegd)"))
        self.identity = named(QCheckBox(consent), "letterWithIdentity",
                              _("Brief met namen, met toestemming van de melder"))
        self.identity.setEnabled(case.consent_given)
        form.addRow(self.identity)
        self.recipient = named(QPlainTextEdit(), "letterRecipient", _("Adres van de ontvanger"))
        self.recipient.setTabChangesFocus(True)
        self.recipient.setMaximumHeight(100)
        self.save_address = named(QPushButton(_("Adres &onthouden")), "letterSaveAddress",
                                  _("Adres onthouden voor deze ontvanger"))
        address_row = QWidget()
        row = QHBoxLayout(address_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.recipient, 1)
        row.addWidget(self.save_address, 0, Qt.AlignmentFlag.AlignTop)
        address_row.setFocusProxy(self.recipient)
        form.addRow(_("&Aan"), address_row)
        self.subject = named(QLineEdit(), "letterSubject", _("Onderwerp"))
        form.addRow(_("&Betreft"), self.subject)
        column.addLayout(form)
        self.text = named(QPlainTextEdit(), "letterBody", _("Tekst van de brief"))
        self.text.setTabChangesFocus(True)
        column.addWidget(QLabel(_("&Tekst (pas aan wat nodig is):"), buddy=self.text))
        column.addWidget(self.text, 3)
        self.pending = named(QPlainTextEdit(), "letterPendingChanges",
                             _("Wat het sjabloon anders zou schrijven in alinea's die u "
                               "zelf bewerkte"))
        self.pending.setReadOnly(True)
        self.pending.setTabChangesFocus(True)
        self.pending.setMaximumHeight(90)
        self.pending_label = QLabel(_(
            "Niet overgenomen, omdat u deze alinea's zelf had bewerkt — het sjabloon zou nu "
            "schrijven (kopieer wat u wilt gebruiken):"))
        self.pending_label.setWordWrap(True)
        self.pending_label.setBuddy(self.pending)
        self.pending_hide = named(QPushButton(_("Verbergen")), "letterPendingHide",
                                  _("Melding over niet-overgenomen alinea's verbergen"))
        self.pending_box = QWidget()
        pending_column = QVBoxLayout(self.pending_box)
        pending_column.setContentsMargins(0, 0, 0, 0)
        pending_column.addWidget(self.pending_label)
        pending_column.addWidget(self.pending)
        pending_column.addWidget(self.pending_hide, 0, Qt.AlignmentFlag.AlignRight)
        self.pending_box.hide()
        column.addWidget(self.pending_box)
        self.hits_label = named(QLabel(), "letterNameCheck", _("Naamcontrole"))
        self.hits_label.setWordWrap(True)
        column.addWidget(self.hits_label)
        self.hits = NameHitList("letterNameHits")
        self.hits.setMaximumHeight(110)
        column.addWidget(self.hits)
        self.hits_label.setBuddy(self.hits)  # the name check's result names the list
        split.addWidget(left)
        self.preview = PdfPreview("letterPreview", _("Voorbeeld van de brief"))
        split.addWidget(self.preview)
        split.setSizes([560, 640])
        self.body.addWidget(split, 1)
        self.status = named(QLabel(), "letterStatus", _("Status"))
        self.status.hide()  # shown (and announced) with a message only
        self.body.addWidget(self.status)

        self.print_button = named(QPushButton(_("Af&drukken… (Ctrl+P)")), "letterPrint",
                                  _("Brief afdrukken"))
        self.pdf_button = named(QPushButton(_("Opslaan als &pdf…")), "letterSavePdf",
                                _("Brief opslaan als pdf"))
        self.buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.pdf_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).hide()  # nothing to store
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Sluiten"))
        QShortcut(QKeySequence.StandardKey.Print, self, activated=self.print_letter)
        self.finish_layout()

        self._refresh = QTimer(self, singleShot=True, interval=300)
        self._refresh.timeout.connect(self.update_check_and_preview)
        self.template.currentIndexChanged.connect(self._choice_changed)
        self.identity.toggled.connect(self._identity_changed)
        self.pending_hide.clicked.connect(self._hide_pending)
        for edit in (self.recipient, self.text):
            edit.textChanged.connect(self._changed)
        self.subject.textChanged.connect(self._changed)
        self.hits.hit_chosen.connect(self._select_hit)
        self.hits.acknowledgements_changed.connect(self._show_verdict)
        self.print_button.clicked.connect(lambda: self.print_letter())  # not clicked(bool)
        self.pdf_button.clicked.connect(lambda: self.save_pdf())
        self.save_address.clicked.connect(self.remember_address)
        self.fill_from_template()
        self._baseline = self.payload()
        self.template.setFocus()

    # --- content ------------------------------------------------------------------------

    @property
    def template_obj(self):
        return self.maker.template(self.template.currentData())

    def draft(self) -> LetterDraft:
        return LetterDraft(
            template_id=self.template.currentData(),
            recipient_lines=self.recipient.toPlainText().splitlines(),
            subject=self.subject.text(),
            body=self.text.toPlainText(),
            with_identity=self.identity.isChecked(),
        )

    def _choice_changed(self) -> None:
        """Another template refills the letter; edits are never lost without asking."""
        if self._filled is not None and self.payload_text() != self._filled:
            box = QMessageBox(QMessageBox.Icon.Question, _("Ander sjabloon kiezen?"),
                              _("U heeft de brief zelf bewerkt. Een ander sjabloon vult de "
                                "brief opnieuw; uw eigen wijzigingen gaan dan verloren."),
                              parent=self)
            refill = box.addButton(_("&Opnieuw vullen"), QMessageBox.ButtonRole.DestructiveRole)
            keep = box.addButton(_("&Huidige brief houden"), QMessageBox.ButtonRole.RejectRole)
            box.setDefaultButton(keep)
            box.exec()
            if box.clickedButton() is not refill:
                self._restore_choice()
                return
        self.fill_from_template()

    def _identity_changed(self) -> None:
        """"Met namen" never throws the VP's edits away. An untouched letter is simply
        refilled. An edited one keeps every edit: what the template writes differently with
        (or without) names is carried into the paragraphs the VP left as they were; for a
        paragraph the VP changed, the VP's text stays and the template's new version is
        shown below the letter. The name check then judges the result as always — a
        melder's name left in an edited paragraph blocks an anonymous letter."""
        if self._filled is None or self.payload_text() == self._filled:
            self.fill_from_template()
            return
        new = self._fill(self.template_obj.id, self.identity.isChecked())
        if new is None:
            self._restore_choice()
            return
        old = self._filled
        conflicts: list[str] = []
        merged = []
        for before, edited, after in zip(old, self.payload_text(), new, strict=True):
            text, lost = merge_refill(before, edited, after)
            merged.append(text)
            conflicts.extend(lost)
        self._set_texts(*merged)
        self._filled = new
        self._filled_choice = (self.template.currentData(), self.identity.isChecked())
        if conflicts:
            self.pending.setPlainText("\n\n".join(conflicts))
            self.pending_box.show()
            show_message(self.status, ngettext(
                "Uw eigen wijzigingen zijn gebleven; {n} alinea niet overgenomen (zie onder "
                "de brief).",
                "Uw eigen wijzigingen zijn gebleven; {n} alinea’s niet overgenomen (zie onder "
                "de brief).", len(conflicts)).format(n=len(conflicts)))
        else:
            self._hide_pending()
            show_message(self.status, _("Uw eigen wijzigingen zijn gebleven; de rest van de "
                                        "brief is bijgewerkt."))
        self.update_check_and_preview()

    def _hide_pending(self) -> None:
        self.pending_box.hide()
        self.pending.clear()

    def _fill(self, template_id: str, identity: bool) -> tuple[str, str, str] | None:
        """The template's text for this case as (recipient, subject, body), or None (the
        reason is shown)."""
        try:
            draft = self.maker.start(self.session.journal, template_id, identity)
        except (ServiceError, StorageError) as exc:
            self.show_problems([user_message(exc)], self.template)
            return None
        self.clear_problems()
        return ("\n".join(draft.recipient_lines), draft.subject, draft.body)

    def _set_texts(self, recipient: str, subject: str, body: str) -> None:
        self._pause = True
        self.recipient.setPlainText(recipient)
        self.subject.setText(subject)
        self.text.setPlainText(body)
        self._pause = False

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
        filled = self._fill(template.id, self.identity.isChecked())
        if filled is None:
            return
        self._set_texts(*filled)
        self._hide_pending()
        self._filled = self.payload_text()
        self._filled_choice = (self.template.currentData(), self.identity.isChecked())
        self.save_address.setEnabled(bool(template.recipient))
        self.update_check_and_preview()

    def _changed(self) -> None:
        if not self._pause:
            self._refresh.start()

    def update_check_and_preview(self) -> None:
        draft = self.draft()
        self.check = self.maker.check(draft)
        self._show_hits()
        maker = self.maker
        self.renderer.request(lambda: maker.pdf(draft))

    def _show_hits(self) -> None:
        self.hits.show_hits([(_(PART_LABELS[part]), part, hit)
                             for part, hit in self.check.all_hits])
        self._show_verdict()
        self._highlight_body()

    def _show_verdict(self) -> None:
        count = len(self.check.all_hits)
        blocking = self.check.blocking(self.hits.acknowledged)
        if not count:
            update_message(self.hits_label,
                           _("Naamcontrole: geen namen of contactgegevens gevonden."))
            self.hits_label.setStyleSheet("color: #1b5e20;")
        elif not blocking:
            update_message(self.hits_label, _(
                "Naamcontrole: wat gevonden is, mag blijven (toestemming van de melder, adres "
                "van de ontvanger, of door u bevestigd)."))
            self.hits_label.setStyleSheet("color: #8a5a00;")
        else:
            found = len(group_hits([("", p, h) for p, h in blocking]))
            update_message(self.hits_label, ngettext(
                "Naamcontrole: {n} naam of contactgegevens gevonden. Haal ze weg, of vink een "
                "mogelijke naam aan als het geen naam is, voordat u afdrukt of opslaat.",
                "Naamcontrole: {n} namen of contactgegevens gevonden. Haal ze weg, of vink een "
                "mogelijke naam aan als het geen naam is, voordat u afdrukt of opslaat.",
                found).format(n=found))
            self.hits_label.setStyleSheet("color: #b00020; font-weight: 600;")

    def _highlight_body(self) -> None:
        fmt = QTextCharFormat()
        fmt.setBackground(HIT_COLOUR)
        selections = []
        for hit in self.check.hits.get("body", ()):
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.text.document())
            cursor.setPosition(hit.start)
            cursor.setPosition(hit.end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor, selection.format = cursor, fmt
            selections.append(selection)
        self.text.setExtraSelections(selections)

    def _select_hit(self, part: str, start: int, end: int) -> None:
        """Select one occurrence; the focus stays in the list, so Enter walks on to the
        next one (Alt+T goes to the text)."""
        if part == "subject":
            self.subject.setSelection(start, end - start)
            return
        edit = self.text if part == "body" else self.recipient
        cursor = edit.textCursor()
        cursor.setPosition(min(start, len(edit.toPlainText())))
        cursor.setPosition(min(end, len(edit.toPlainText())), QTextCursor.MoveMode.KeepAnchor)
        edit.setTextCursor(cursor)
        edit.ensureCursorVisible()

    def _show_preview(self, data: bytes) -> None:
        self.preview.show_pdf(data)
        clear_message(self.status)

    # --- output -------------------------------------------------------------------------

    def _ready_to_leave(self) -> LetterDraft | None:
        """The draft on screen when every gate lets it through; else the reasons are shown.
        The letter service checks again when printing or saving: this only spares the VP a
        printer or file dialog for a letter that would be refused."""
        self._refresh.stop()
        draft = self.draft()
        self.check = self.maker.check(draft)
        self._show_hits()
        refusal = self.check.refusal(self.hits.acknowledged)
        if refusal is not None:  # Ctrl+P refused: announced, the focus to the names found
            names = self.hits if self.check.blocking(self.hits.acknowledged) else None
            self.show_problems([refusal.message, *refusal.details], names)
            return None
        self.clear_problems()
        return draft

    def print_letter(self, printer: QPrinter | None = None) -> bool:
        draft = self._ready_to_leave()
        if draft is None:
            return False
        if printer is None:
            printer = choose_printer(self)
            if printer is None:
                return False
        try:
            self.maker.print(self.session.journal, draft,
                             lambda data: print_pdf(data, printer), self.hits.acknowledged)
        except (ServiceError, StorageError) as exc:
            self.show_problems([user_message(exc), *getattr(exc, "details", ())])
            return False
        show_message(self.status, _("De brief is naar de printer gestuurd."))
        self._baseline = self.payload()  # sent as it is: closing needs no question
        self.output_done.emit(_("Brief voor {code} afgedrukt.").format(code=self.material.case.code))
        return True

    def save_pdf(self, path: str | None = None) -> bool:
        draft = self._ready_to_leave()
        if draft is None:
            return False
        if path is None:
            path = choose_save_path(self, _("Brief opslaan als pdf"), "brief.pdf")
            if path is None:
                return False
        try:
            self.maker.save(self.session.journal, draft, path, self.hits.acknowledged)
        except (ServiceError, StorageError) as exc:
            self.show_problems([user_message(exc), *getattr(exc, "details", ())])
            return False
        show_message(self.status, _("Opgeslagen. Let op: het bestand is niet versleuteld."))
        self._baseline = self.payload()  # saved as it is: closing needs no question
        self.output_done.emit(_("Brief voor {code} opgeslagen als pdf.").format(
            code=self.material.case.code))
        return True

    def remember_address(self) -> None:
        template = self.template_obj
        lines = self.recipient.toPlainText().splitlines()
        try:
            self.session.journal.save_address(template.recipient, lines)
        except StorageError as exc:
            self.show_problems([user_message(exc)])
            return
        show_message(self.status, _("Adres onthouden voor {recipient}.").format(
            recipient=recipient_text(template)))

    # --- form protocol ------------------------------------------------------------------

    def draft_case_id(self) -> int | None:
        return self.material.case.id

    def payload(self) -> dict:
        return {"template": self.template.currentData(), "identity": self.identity.isChecked(),
                "recipient": self.recipient.toPlainText(), "subject": self.subject.text(),
                "body": self.text.toPlainText()}

    def restore(self, payload: dict) -> None:
        """A draft keeps its own template and choice, whatever the case's default is."""
        for widget in (self.template, self.identity):
            widget.blockSignals(True)
        index = self.template.findData(payload.get("template"))
        if index >= 0:
            self.template.setCurrentIndex(index)
        self.identity.setChecked(bool(payload.get("identity")) and self.identity.isEnabled())
        for widget in (self.template, self.identity):
            widget.blockSignals(False)
        # what the template writes for this choice: the base for a later "Met namen"
        self._filled = self._fill(self.template.currentData(), self.identity.isChecked())
        self._filled_choice = (self.template.currentData(), self.identity.isChecked())
        self._set_texts(payload.get("recipient", ""), payload.get("subject", ""),
                        payload.get("body", ""))
        self._hide_pending()
        self.mark_restored()
        self.update_check_and_preview()

    def reject(self) -> None:
        """Closing asks only about a letter changed since it was filled, printed or saved;
        the buttons say what they do."""
        if not self._closing_for_lock and self.is_dirty():
            box = QMessageBox(QMessageBox.Icon.Question, _("Brief sluiten?"),
                              _("Deze brief is nog niet afgedrukt of als pdf opgeslagen sinds "
                                "uw laatste wijziging. Sluiten zonder op te slaan?"),
                              parent=self)
            drop = box.addButton(_("&Niet opslaan"), QMessageBox.ButtonRole.DestructiveRole)
            back = box.addButton(_("&Verder bewerken"), QMessageBox.ButtonRole.RejectRole)
            box.setDefaultButton(back)
            named(drop, "letterCloseDiscard", _("Sluiten zonder op te slaan"))
            named(back, "letterCloseKeepEditing", _("Terug naar de brief"))
            box.exec()
            if box.clickedButton() is not drop:
                return
        self._baseline = None  # nothing left to ask about
        super().reject()

    def try_save(self) -> None:  # Ctrl+Enter / Ctrl+S: nothing to store in the journal
        show_message(self.status, _("Gebruik Afdrukken (Ctrl+P) of Opslaan als pdf."))

    def save(self) -> int:
        return self.material.case.id
