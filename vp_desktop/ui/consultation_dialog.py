"""'Nieuw gesprek': log a consultation in under a minute, with the keyboard alone.

Defaults: the selected case, now, the channel used last. A new case can be opened from
here with just organisation and categories (or 'Nog onbekend'); the rest can follow in the
case form. Alt+N switches to a new case and lands in the categories (type-ahead, Space
ticks); its organisation defaults to the selected case's, else the one used last.
Ctrl+Enter saves.
"""

from __future__ import annotations

import contextlib
from datetime import date, datetime, timedelta

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
)

from ..domain.model import Case, Consultation, FollowUp
from ..domain.validation import (
    NO_ORGANISATION,
    ValidationError,
    category_problems,
    entered_case_problems,
    organisation_problems,
    require,
)
from ..domain.vocabulary import CHANNELS, FOLLOW_UP_KINDS, MELDER_TYPES
from ..i18n import _
from ..storage.errors import StorageError
from .category_list import CategoryList
from .form_dialog import FormDialog
from .organisation_choice import OrganisationCombo, default_organisation
from .widgets import (
    date_edit,
    datetime_edit,
    fit_to_screen,
    from_qdate,
    from_qdatetime,
    named,
    set_combo_data,
    to_qdate,
    to_qdatetime,
    vocab_combo,
)

NEW_CASE = "nieuw"


class ConsultationDialog(FormDialog):
    draft_kind = "consultation"

    def __init__(self, session, case_choices: list[tuple[int, str]],
                 current_case_id: int | None, parent=None, organisation_id: int | None = None):
        """``organisation_id``: the organisation of the case selected in the main window,
        the default for a new case (else the one used last)."""
        super().__init__(session, _("Nieuw gesprek"), "consultationDialog", parent)
        fit_to_screen(self, 640, 640)
        journal = session.journal
        profile = journal.profile()

        form = QFormLayout()
        self.case_combo = named(QComboBox(), "consultationCase", _("Dossier"),
                                _("Typ een dossiercode of kies 'Nieuw dossier'."))
        self.case_combo.setEditable(True)
        self.case_combo.lineEdit().setAccessibleName(_("Dossier"))  # the field that has focus
        self.case_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.case_combo.addItem(_("Nieuw dossier"), NEW_CASE)
        for case_id, code in case_choices:
            self.case_combo.addItem(code, case_id)
        completer = self.case_combo.completer()
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        # the rows below are layouts, not container widgets: each combo's label is then its
        # sibling, which Qt needs to report the label relation (on Linux a combo reaches the
        # reader by its current item unless it has one)
        row = QHBoxLayout()
        # Alt+N always goes TO a new case (a mnemonic on the box would toggle it back when
        # the dialog already opened on "Nieuw dossier", as in a journal without cases)
        self.new_case_toggle = named(QCheckBox(_("Nieuw dossier (Alt+N)")),
                                     "consultationNewCaseToggle", _("Nieuw dossier"),
                                     _("Een nieuw dossier openen met dit gesprek."))
        new_case_key = QShortcut(QKeySequence("Alt+N"), self)
        new_case_key.activated.connect(self.go_to_new_case)
        row.addWidget(self.case_combo, 1)
        row.addWidget(self.new_case_toggle)
        self._previous_case = 1 if case_choices else 0  # where unticking "Nieuw dossier" goes
        form.addRow(QLabel(_("&Dossier"), buddy=self.case_combo), row)

        self.new_case_box = named(QGroupBox(_("Nieuw dossier")), "consultationNewCase",
                                  _("Nieuw dossier"))
        new_form = QFormLayout(self.new_case_box)
        self._organisations = journal.organisations()
        self.organisation = OrganisationCombo("consultationOrganisation")
        self.organisation.fill(self._organisations, default_organisation(
            self._organisations, organisation_id, journal.last_organisation_id()))
        new_form.addRow(_("&Organisatie"), self.organisation)
        self.categories = CategoryList("consultationCategories")
        self.categories.setMinimumHeight(150)
        new_form.addRow(_("Cate&gorieën"), self.categories)
        self.melder_type = vocab_combo(MELDER_TYPES, "consultationMelderType", _("Type melder"),
                                       optional=True)
        new_form.addRow(_("&Type melder"), self.melder_type)
        form.addRow(self.new_case_box)

        self.started = datetime_edit("consultationStarted", _("Datum en tijd"),
                                     datetime.now().replace(second=0, microsecond=0))
        form.addRow(_("D&atum en tijd"), self.started)
        self.duration = named(QSpinBox(), "consultationDuration", _("Duur in minuten"))
        self.duration.setRange(0, 1440)
        self.duration.setSingleStep(5)
        self.duration.setSuffix(_(" min"))
        self.duration.setValue(45)
        form.addRow(_("D&uur"), self.duration)
        self.channel = vocab_combo(CHANNELS, "consultationChannel", _("Kanaal"))
        set_combo_data(self.channel, profile.last_channel)
        form.addRow(_("&Kanaal"), self.channel)
        self.notes = named(QPlainTextEdit(), "consultationNotes", _("Aantekeningen"))
        self.notes.setTabChangesFocus(True)
        self.notes.setPlaceholderText(_("Wat kwam aan de orde? Alleen wat relevant is."))
        form.addRow(_("Aant&ekeningen"), self.notes)
        self.advice = named(QPlainTextEdit(), "consultationAdvice",
                            _("Advies en afspraken"))
        self.advice.setTabChangesFocus(True)
        self.advice.setMaximumHeight(110)
        form.addRow(_("Advies en a&fspraken"), self.advice)

        row = QHBoxLayout()
        self.follow_what = named(QLineEdit(), "consultationFollowUp", _("Vervolgstap"),
                                 _("Optioneel: wat gebeurt er hierna?"))
        self.follow_what.setPlaceholderText(
            _("optioneel, bijv. terugbellen na gesprek met leidinggevende"))
        self.follow_due = date_edit("consultationFollowUpDue", _("Datum vervolgstap"),
                                    date.today() + timedelta(days=7))
        self.follow_kind = vocab_combo(FOLLOW_UP_KINDS, "consultationFollowUpKind",
                                       _("Soort vervolgstap"))
        row.addWidget(self.follow_what, 3)
        row.addWidget(QLabel(_("Datum"), buddy=self.follow_due))
        row.addWidget(self.follow_due, 1)
        row.addWidget(QLabel(_("Soort"), buddy=self.follow_kind))
        row.addWidget(self.follow_kind, 1)
        form.addRow(QLabel(_("&Vervolgstap"), buddy=self.follow_what), row)
        self.body.addLayout(form)
        self.finish_layout()

        self.case_combo.currentIndexChanged.connect(self._update_new_case)
        self.case_combo.editTextChanged.connect(self._update_new_case)
        self.new_case_toggle.toggled.connect(self._new_case_toggled)
        if current_case_id is not None:
            set_combo_data(self.case_combo, current_case_id)
        self._update_new_case()
        self._baseline = self.payload()
        self.notes.setFocus()  # the notes first; the case is chosen already or with Alt+D/N

    def _selected_case(self):
        """NEW_CASE, a case id, or None when the typed text matches no case."""
        text = self.case_combo.currentText().strip()
        index = self.case_combo.findText(text)
        if index < 0:
            return None
        return self.case_combo.itemData(index)

    def _update_new_case(self) -> None:
        selected = self._selected_case()
        is_new = selected == NEW_CASE
        if isinstance(selected, int):
            self._previous_case = self.case_combo.currentIndex()
        self.new_case_box.setVisible(is_new)
        if self.new_case_toggle.isChecked() != is_new:
            self.new_case_toggle.blockSignals(True)
            self.new_case_toggle.setChecked(is_new)
            self.new_case_toggle.blockSignals(False)

    def go_to_new_case(self) -> None:
        """Alt+N: a new case for this conversation, the keyboard in its first open field."""
        if not self.new_case_toggle.isChecked():
            self.new_case_toggle.setChecked(True)  # _new_case_toggled moves the focus
        else:
            (self.categories if self.organisation.currentIndex() >= 0
             else self.organisation).setFocus()

    def _new_case_toggled(self, checked: bool) -> None:
        """The user ticked or unticked "Nieuw dossier" (Alt+N)."""
        if checked:
            self.case_combo.setCurrentIndex(self.case_combo.findData(NEW_CASE))
            # the organisation is usually chosen by default: then straight to the categories
            (self.categories if self.organisation.currentIndex() >= 0
             else self.organisation).setFocus()
        else:
            self.case_combo.setCurrentIndex(self._previous_case)
            self.case_combo.setFocus()

    def draft_case_id(self) -> int | None:
        selected = self._selected_case()
        return selected if isinstance(selected, int) else None

    def payload(self) -> dict:
        return {
            "case": self.case_combo.currentText(),
            "organisation_id": self.organisation.currentData(),
            "categories": list(self.categories.codes()),
            "melder_type": self.melder_type.currentData(),
            "started_at": from_qdatetime(self.started.dateTime()).isoformat(),
            "duration": self.duration.value(),
            "channel": self.channel.currentData(),
            "notes": self.notes.toPlainText(),
            "advice": self.advice.toPlainText(),
            "follow_what": self.follow_what.text(),
            "follow_due": from_qdate(self.follow_due.date()).isoformat(),
            "follow_kind": self.follow_kind.currentData(),
        }

    def restore(self, payload: dict) -> None:
        index = self.case_combo.findText(payload.get("case", ""))
        if index >= 0:
            self.case_combo.setCurrentIndex(index)
        else:
            self.case_combo.setEditText(payload.get("case", ""))
        self.organisation.choose(payload.get("organisation_id"))
        self.categories.set_codes(payload.get("categories", []))
        set_combo_data(self.melder_type, payload.get("melder_type"))
        self.started.setDateTime(to_qdatetime(datetime.fromisoformat(payload["started_at"])))
        self.duration.setValue(int(payload.get("duration", 0)))
        set_combo_data(self.channel, payload.get("channel"))
        self.notes.setPlainText(payload.get("notes", ""))
        self.advice.setPlainText(payload.get("advice", ""))
        self.follow_what.setText(payload.get("follow_what", ""))
        self.follow_due.setDate(to_qdate(date.fromisoformat(payload["follow_due"])))
        set_combo_data(self.follow_kind, payload.get("follow_kind"))
        self.mark_restored()

    def field_at_fault(self, problems: list[str]):  # issue 12: focus to an unknown dossier
        return self.case_combo if self._selected_case() is None else None

    def save(self) -> int:
        selected = self._selected_case()
        if selected is None:
            raise ValidationError([
                _("Dossier '{code}' bestaat niet. Kies een dossier uit de lijst of "
                  "'Nieuw dossier'.").format(code=self.case_combo.currentText())])
        problems = []
        if not (self.notes.toPlainText().strip() or self.advice.toPlainText().strip()):
            problems.append(_("Vul aantekeningen of advies en afspraken in."))
        consultation = Consultation(
            started_at=from_qdatetime(self.started.dateTime()),
            duration_minutes=self.duration.value(),
            channel=self.channel.currentData(),
            notes=self.notes.toPlainText().strip(),
            advice=self.advice.toPlainText().strip(),
        )
        follow_ups = []
        if self.follow_what.text().strip():
            follow_ups.append(FollowUp(what=self.follow_what.text().strip(),
                                       due=from_qdate(self.follow_due.date()),
                                       kind=self.follow_kind.currentData()))
        journal = self.session.journal
        if selected != NEW_CASE:
            require(problems)
        if selected == NEW_CASE:
            case = Case(
                organisation_id=self.organisation.currentData() or 0,
                opened=consultation.started_at.date(),
                categories=self.categories.codes(),
                channel=consultation.channel,
                melder_type=self.melder_type.currentData(),
                destroy_after=None,
            )
            case_problems = entered_case_problems(case)
            if not self._organisations:
                case_problems = [p if p != _(NO_ORGANISATION) else
                                 _("Voeg eerst een organisatie toe (Instellingen).")
                                 for p in case_problems]
            if organisation_problems(case.organisation_id):
                self.organisation.setFocus()
            elif category_problems(case.categories):
                self.categories.setFocus()
            require(case_problems + problems)
            journal.add_case(case, [consultation], follow_ups)
            assert case.id is not None  # set by add_case
            case_id = case.id
            with contextlib.suppress(StorageError):  # saved already; the default can wait
                journal.remember_organisation(case.organisation_id)
        else:
            journal.add_consultation(selected, consultation, follow_ups)
            case_id = selected
        with contextlib.suppress(StorageError):  # saved already; the default can wait
            journal.remember_channel(consultation.channel)
        return case_id
