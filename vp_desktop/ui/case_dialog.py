"""The case form (dossier): every field of a case, in three tabs."""

from __future__ import annotations

import contextlib
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..domain.model import Case, InvolvedPerson, MelderIdentity
from ..domain.retention import default_destroy_after, needs_reason
from ..domain.validation import (
    NO_ORGANISATION,
    ValidationError,
    category_problems,
    entered_case_problems,
    organisation_problems,
)
from ..domain.vocabulary import (
    AGE_BANDS,
    CHANNELS,
    GENDERS,
    MELDER_TYPES,
    OUTCOMES,
    PERSON_ROLES,
    RELATIONS,
    STATUSES,
)
from ..i18n import _, ngettext
from ..storage.errors import StorageError
from .category_list import CategoryList
from .form_dialog import FormDialog
from .organisation_choice import OrganisationCombo, default_organisation
from .widgets import (
    OptionalDateEdit,
    date_edit,
    fit_to_screen,
    from_qdate,
    named,
    set_combo_data,
    to_qdate,
    vocab_combo,
)


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _date(s: str | None) -> date | None:
    return date.fromisoformat(s) if s else None


ROLE_CODE = Qt.ItemDataRole.UserRole


class RoleDelegate(QStyledItemDelegate):
    """The Rol column: the cell shows the role's text (so a screen reader reads it with the
    other cells and Tab does not stop in every row); editing it opens the role list."""

    def createEditor(self, parent, option, index):  # noqa: N802 (Qt's name)
        combo = vocab_combo(PERSON_ROLES, f"casePersonRole{index.row()}",
                            _("Rol betrokkene {number}").format(number=index.row() + 1))
        combo.setParent(parent)
        return combo

    def setEditorData(self, editor, index):  # noqa: N802
        set_combo_data(editor, index.data(ROLE_CODE))

    def setModelData(self, editor, model, index):  # noqa: N802
        model.setData(index, editor.currentData(), ROLE_CODE)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.DisplayRole)


class PersonsTable(QTableWidget):
    """Other people in the case: name, role, description. Short by nature."""

    def __init__(self, parent=None):
        super().__init__(0, 3, parent)
        named(self, "casePersons", _("Betrokkenen"))
        self.setHorizontalHeaderLabels([_("Naam"), _("Rol"), _("Omschrijving (bijv. functie)")])
        self.horizontalHeader().setStretchLastSection(True)
        self.setColumnWidth(0, 180)
        self.setColumnWidth(1, 150)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setTabKeyNavigation(False)
        self.setItemDelegateForColumn(1, RoleDelegate(self))

    def add_person(self, person: InvolvedPerson | None = None) -> None:
        row = self.rowCount()
        self.insertRow(row)
        self.setItem(row, 0, QTableWidgetItem(person.name if person else ""))
        code = person.role if person and person.role in PERSON_ROLES else "beschuldigde"
        role = QTableWidgetItem(PERSON_ROLES.text(code))
        role.setData(ROLE_CODE, code)
        self.setItem(row, 1, role)  # a cell like the others (F2 opens the list): in the tree
        self.setItem(row, 2, QTableWidgetItem(person.description if person else ""))
        self.setCurrentCell(row, 0)

    def remove_current(self) -> None:
        if self.currentRow() >= 0:
            self.removeRow(self.currentRow())

    def persons(self) -> list[InvolvedPerson]:
        result = []
        for row in range(self.rowCount()):
            name_item, description_item = self.item(row, 0), self.item(row, 2)
            name = name_item.text() if name_item else ""
            description = description_item.text() if description_item else ""
            role_item = self.item(row, 1)
            role = role_item.data(ROLE_CODE) if role_item else ""
            if name.strip() or description.strip():
                result.append(InvolvedPerson(name=name.strip(), role=role,
                                             description=description.strip()))
        return result

    def set_persons(self, persons: list[InvolvedPerson]) -> None:
        self.setRowCount(0)
        for person in persons:
            self.add_person(person)


class CaseDialog(FormDialog):
    draft_kind = "case"

    def __init__(self, session, case: Case | None = None, parent=None,
                 organisation_id: int | None = None):
        """``organisation_id``: for a new case, the organisation of the case selected in the
        main window (the default; else the one used last, see organisation_choice)."""
        title = _("Dossier bewerken") if case and case.id else _("Nieuw dossier")
        super().__init__(session, title, "caseDialog", parent)
        fit_to_screen(self, 720, 620)
        journal = session.journal
        self.profile = journal.profile()
        self._organisations = journal.organisations()
        if case is None:
            chosen = default_organisation(self._organisations, organisation_id,
                                          journal.last_organisation_id())
            case = Case(organisation_id=chosen or 0, opened=date.today())
        self.case = case

        self.tabs = tabs = named(QTabWidget(), "caseTabs", _("Onderdelen van het dossier"))
        tabs.addTab(self._general_tab(journal), _("&Algemeen"))
        tabs.addTab(self._people_tab(), _("&Melder en betrokkenen"))
        tabs.addTab(self._dates_tab(), _("&Termijnen en bewaren"))
        self.body.addWidget(tabs)
        self.finish_layout()
        self._fill(self.case)
        self._baseline = self.payload()
        self.organisation.setFocus()

    # --- layout -------------------------------------------------------------------------

    def _general_tab(self, journal) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.code_label = named(QLabel(), "caseCode", _("Dossiercode"))
        form.addRow(_("Code"), self.code_label)
        self.organisation = OrganisationCombo("caseOrganisation")
        self.organisation.fill(self._organisations, None)
        form.addRow(_("&Organisatie"), self.organisation)
        self.opened = date_edit("caseOpened", _("Datum geopend"))
        form.addRow(_("&Geopend op"), self.opened)
        self.status = vocab_combo(STATUSES, "caseStatus", _("Status"))
        form.addRow(_("&Status"), self.status)
        self.closed = date_edit("caseClosed", _("Datum gesloten"))
        form.addRow(_("Gesloten o&p"), self.closed)
        self.categories = CategoryList("caseCategories")
        self.categories.setMinimumHeight(170)
        form.addRow(_("Categorieë&n"), self.categories)
        self.relation = vocab_combo(RELATIONS, "caseRelation", _("Relatie tot beschuldigde"),
                                    optional=True)
        form.addRow(_("&Relatie tot beschuldigde"), self.relation)
        self.melder_type = vocab_combo(MELDER_TYPES, "caseMelderType", _("Type melder"),
                                       optional=True)
        form.addRow(_("T&ype melder"), self.melder_type)
        self.channel = vocab_combo(CHANNELS, "caseChannel", _("Kanaal eerste contact"),
                                   optional=True)
        form.addRow(_("&Kanaal eerste contact"), self.channel)
        self.outcome = vocab_combo(OUTCOMES, "caseOutcome", _("Uitkomst"), optional=True)
        form.addRow(_("&Uitkomst"), self.outcome)
        # gender and age in one row, each combo with its own visible label as buddy (a
        # sibling: Qt reports a label relation only between siblings, and on Linux a combo
        # reaches the reader by its current item unless it has one)
        row = QHBoxLayout()
        self.gender = vocab_combo(GENDERS, "caseGender", _("Gender (optioneel)"),
                                  optional=True)
        self.age_band = vocab_combo(AGE_BANDS, "caseAgeBand", _("Leeftijdsgroep (optioneel)"),
                                    optional=True)
        row.addWidget(self.gender)
        row.addWidget(QLabel(_("&Leeftijdsgroep"), buddy=self.age_band))
        row.addWidget(self.age_band)
        form.addRow(QLabel(_("G&ender"), buddy=self.gender), row)
        self.summary = named(QPlainTextEdit(), "caseSummary", _("Korte omschrijving"))
        self.summary.setTabChangesFocus(True)
        self.summary.setMaximumHeight(80)
        form.addRow(_("Korte omschr&ijving"), self.summary)
        self.status.currentIndexChanged.connect(self._update_closed)
        self.closed.dateChanged.connect(self._update_destroy_default)
        return page

    def _people_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        form = QFormLayout()
        self.anonymous = named(QCheckBox(_("De melder blijft anoniem (ook in dit journaal)")),
                               "caseMelderAnonymous", _("Melder anoniem"))
        form.addRow(self.anonymous)
        self.melder_name = named(QLineEdit(), "caseMelderName", _("Naam melder"))
        form.addRow(_("&Naam melder"), self.melder_name)
        self.melder_contact = named(QLineEdit(), "caseMelderContact",
                                    _("Contactgegevens melder"))
        form.addRow(_("&Contactgegevens"), self.melder_contact)
        self.contact_arrangement = named(QLineEdit(), "caseContactArrangement",
                                         _("Contactafspraak"),
                                         _("Bijvoorbeeld een contactcode of 'belt zelf terug'."))
        form.addRow(_("Contacta&fspraak"), self.contact_arrangement)
        self.consent = named(QCheckBox(_("De melder gaf toestemming om een dossier bij te houden")),
                             "caseConsent", _("Toestemming voor dossier"))
        form.addRow(self.consent)
        self.consent_date = date_edit("caseConsentDate", _("Datum toestemming"))
        form.addRow(_("Toestemming &gegeven op"), self.consent_date)
        layout.addLayout(form)
        layout.addWidget(QLabel(_("Andere betrokkenen (bijv. beschuldigde, getuige):")))
        self.persons = PersonsTable()
        layout.addWidget(self.persons)
        buttons = QHBoxLayout()
        add = named(QPushButton(_("&Betrokkene toevoegen")), "caseAddPerson",
                    _("Betrokkene toevoegen"))
        remove = named(QPushButton(_("Betrokkene &verwijderen")), "caseRemovePerson",
                       _("Betrokkene verwijderen"))
        add.clicked.connect(self._add_person)
        remove.clicked.connect(self.persons.remove_current)
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.anonymous.toggled.connect(self._update_anonymous)
        self.consent.toggled.connect(self.consent_date.setEnabled)
        return page

    def _dates_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.incident_date = OptionalDateEdit("caseIncidentDate", _("Datum incident"))
        form.addRow(_("Datum &incident"), self.incident_date)
        self.report_date = OptionalDateEdit("caseReportDate", _("Datum melding misstand"))
        form.addRow(_("Melding misstan&d gedaan op"), self.report_date)
        self.acknowledged_date = OptionalDateEdit("caseAcknowledgedDate",
                                                  _("Datum ontvangstbevestiging"))
        form.addRow(_("&Ontvangst bevestigd op"), self.acknowledged_date)
        terms = QLabel(_("Wettelijke termijnen worden vanzelf als vervolgstap toegevoegd: een "
                         "klacht bij de LKOG kan tot 2 jaar na het incident; bij een melding "
                         "volgens de Wbk bevestigt de organisatie de ontvangst binnen 7 dagen "
                         "en geeft ze binnen 3 maanden een standpunt."))
        terms.setWordWrap(True)
        terms.setToolTip(_("LKOG: Landelijke Klachtencommissie Ongewenst Gedrag voor de "
                           "Decentrale Overheid. Wbk: Wet bescherming klokkenluiders."))
        form.addRow(terms)
        self.destroy_after = date_edit("caseDestroyAfter", _("Vernietigen na"))
        form.addRow(_("&Vernietigen na"), self.destroy_after)
        self.destroy_reason = named(QLineEdit(), "caseDestroyReason",
                                    _("Reden afwijkende termijn"))
        form.addRow(_("&Reden afwijkende termijn"), self.destroy_reason)
        self.retention_hint = QLabel(
            ngettext("Standaard: {n} maand na sluiten.", "Standaard: {n} maanden na sluiten.",
                     self.profile.retention_months).format(n=self.profile.retention_months))
        form.addRow(self.retention_hint)
        return page

    # --- behaviour ----------------------------------------------------------------------

    def _add_person(self) -> None:
        self.persons.add_person()
        self.persons.setFocus()

    def _update_closed(self) -> None:
        is_closed = self.status.currentData() == "gesloten"
        self.closed.setEnabled(is_closed)
        self.destroy_after.setEnabled(is_closed)
        self.destroy_reason.setEnabled(is_closed)
        self._update_destroy_default()

    def _update_destroy_default(self) -> None:
        if self.status.currentData() == "gesloten" and not self.destroy_reason.text().strip():
            self.destroy_after.setDate(to_qdate(default_destroy_after(
                from_qdate(self.closed.date()), self.profile.retention_months)))

    def _update_anonymous(self) -> None:
        anonymous = self.anonymous.isChecked()
        self.melder_name.setEnabled(not anonymous)
        self.melder_contact.setEnabled(not anonymous)

    def _fill(self, case: Case) -> None:
        self.code_label.setText(case.code or _("(krijgt een code bij opslaan)"))
        self.organisation.choose(case.organisation_id)
        self.opened.setDate(to_qdate(case.opened))
        set_combo_data(self.status, case.status)
        self.closed.setDate(to_qdate(case.closed or date.today()))
        self.categories.set_codes(case.categories)
        for combo, value in ((self.relation, case.relation), (self.melder_type, case.melder_type),
                             (self.channel, case.channel), (self.outcome, case.outcome),
                             (self.gender, case.gender), (self.age_band, case.age_band)):
            set_combo_data(combo, value)
        self.summary.setPlainText(case.summary)
        self.anonymous.setChecked(case.melder.anonymous)
        self.melder_name.setText(case.melder.name)
        self.melder_contact.setText(case.melder.contact)
        self.contact_arrangement.setText(case.melder.contact_arrangement)
        self.consent.setChecked(case.consent_given)
        self.consent_date.setDate(to_qdate(case.consent_date or date.today()))
        self.consent_date.setEnabled(case.consent_given)
        self.persons.set_persons(case.persons)
        self.incident_date.set_value(case.incident_date)
        self.report_date.set_value(case.report_date)
        self.acknowledged_date.set_value(case.acknowledged_date)
        self.destroy_reason.setText(case.destroy_after_reason)
        self._update_closed()
        if case.destroy_after:
            self.destroy_after.setDate(to_qdate(case.destroy_after))
        self._update_anonymous()

    def _collect(self) -> Case:
        is_closed = self.status.currentData() == "gesloten"
        closed = from_qdate(self.closed.date()) if is_closed else None
        anonymous = self.anonymous.isChecked()
        return Case(
            id=self.case.id,
            code=self.case.code,
            organisation_id=self.organisation.currentData() or 0,
            opened=from_qdate(self.opened.date()),
            status=self.status.currentData(),
            closed=closed,
            categories=self.categories.codes(),
            relation=self.relation.currentData(),
            melder_type=self.melder_type.currentData(),
            channel=self.channel.currentData(),
            gender=self.gender.currentData(),
            age_band=self.age_band.currentData(),
            outcome=self.outcome.currentData(),
            consent_given=self.consent.isChecked(),
            consent_date=from_qdate(self.consent_date.date()) if self.consent.isChecked()
            else None,
            incident_date=self.incident_date.value(),
            report_date=self.report_date.value(),
            acknowledged_date=self.acknowledged_date.value(),
            destroy_after=from_qdate(self.destroy_after.date()) if is_closed else None,
            destroy_after_reason=self.destroy_reason.text().strip() if is_closed else "",
            summary=self.summary.toPlainText().strip(),
            melder=MelderIdentity(
                anonymous=anonymous,
                name="" if anonymous else self.melder_name.text().strip(),
                contact="" if anonymous else self.melder_contact.text().strip(),
                contact_arrangement=self.contact_arrangement.text().strip(),
            ),
            persons=self.persons.persons(),
        )

    def draft_case_id(self) -> int | None:
        return self.case.id

    def payload(self) -> dict:
        c = self._collect()
        return {
            "id": c.id, "code": c.code, "organisation_id": c.organisation_id,
            "opened": _iso(c.opened), "status": c.status, "closed": _iso(c.closed),
            "categories": list(c.categories), "relation": c.relation,
            "melder_type": c.melder_type, "channel": c.channel, "gender": c.gender,
            "age_band": c.age_band, "outcome": c.outcome, "consent_given": c.consent_given,
            "consent_date": _iso(c.consent_date), "incident_date": _iso(c.incident_date),
            "report_date": _iso(c.report_date), "acknowledged_date": _iso(c.acknowledged_date),
            "destroy_after": _iso(c.destroy_after), "destroy_after_reason": c.destroy_after_reason,
            "summary": c.summary, "melder_anonymous": c.melder.anonymous,
            "melder_name": c.melder.name, "melder_contact": c.melder.contact,
            "contact_arrangement": c.melder.contact_arrangement,
            "persons": [[p.name, p.role, p.description] for p in c.persons],
        }

    @staticmethod
    def case_from_payload(p: dict) -> Case:
        return Case(
            id=p.get("id"), code=p.get("code") or "", organisation_id=p.get("organisation_id") or 0,
            opened=_date(p.get("opened")) or date.today(), status=p.get("status") or "open",
            closed=_date(p.get("closed")), categories=tuple(p.get("categories", [])),
            relation=p.get("relation"), melder_type=p.get("melder_type"),
            channel=p.get("channel"), gender=p.get("gender"), age_band=p.get("age_band"),
            outcome=p.get("outcome"), consent_given=bool(p.get("consent_given")),
            consent_date=_date(p.get("consent_date")), incident_date=_date(p.get("incident_date")),
            report_date=_date(p.get("report_date")),
            acknowledged_date=_date(p.get("acknowledged_date")),
            destroy_after=_date(p.get("destroy_after")),
            destroy_after_reason=p.get("destroy_after_reason", ""), summary=p.get("summary", ""),
            melder=MelderIdentity(anonymous=p.get("melder_anonymous", True),
                                  name=p.get("melder_name", ""),
                                  contact=p.get("melder_contact", ""),
                                  contact_arrangement=p.get("contact_arrangement", "")),
            persons=[InvolvedPerson(name=n, role=r, description=d)
                     for n, r, d in p.get("persons", [])],
        )

    def restore(self, payload: dict) -> None:
        self.case = self.case_from_payload(payload)
        self._fill(self.case)
        self.mark_restored()

    def save(self) -> int:
        case = self._collect()
        problems = entered_case_problems(case)
        if problems:
            if not self._organisations:
                problems = [p if p != _(NO_ORGANISATION) else
                            _("Voeg eerst een organisatie toe (Instellingen).")
                            for p in problems]
            # the first of these fields to fix gets the focus: organisation, else categories
            if organisation_problems(case.organisation_id):
                self.tabs.setCurrentIndex(0)
                self.organisation.setFocus()
            elif category_problems(case.categories):
                self.tabs.setCurrentIndex(0)
                self.categories.setFocus()
            raise ValidationError(problems)
        if needs_reason(case.destroy_after, case.closed, self.profile.retention_months) \
                and not case.destroy_after_reason:
            raise ValidationError([
                _("U wijkt af van de standaard bewaartermijn: vul de reden in "
                  "(tabblad Termijnen en bewaren).")])
        journal = self.session.journal
        if case.id is None:
            journal.add_case(case)
        else:
            journal.update_case(case)
        with contextlib.suppress(StorageError):  # saved already; the default can wait
            journal.remember_organisation(case.organisation_id)
        assert case.id is not None  # set by add_case
        if self._finish_on_close:  # closing question answered with "alle afronden"
            self.finished_follow_ups = journal.finish_follow_ups(self._finish_on_close,
                                                                 date.today())
        return case.id

    # --- closing a case with open follow-ups (issue 9) ------------------------------------

    finished_follow_ups = 0  # how many the closing question finished (for the status bar)
    _finish_on_close: list[int] = []

    def open_follow_ups_on_closing(self) -> list[int]:
        """The VP's own open follow-ups when this save closes an open case (statutory terms
        end with the case by themselves)."""
        if self.case.id is None or self.status.currentData() != "gesloten":
            return []
        journal = self.session.journal
        try:
            if journal.get_case(self.case.id).status != "open":
                return []
            return [f.id for f in journal.follow_ups(self.case.id)
                    if f.is_open and f.statutory_key is None and f.id is not None]
        except StorageError:
            return []

    def ask_about_open_follow_ups(self, count: int) -> str | None:
        """"finish", "keep", or None to go back to the form."""
        question = ngettext("Dit dossier heeft nog {n} open vervolgstap. Wat wilt u daarmee "
                            "doen?",
                            "Dit dossier heeft nog {n} open vervolgstappen. Wat wilt u daarmee "
                            "doen?", count).format(n=count)
        box = QMessageBox(QMessageBox.Icon.Question, _("Dossier sluiten"), question,
                          parent=self)
        box.setObjectName("closeCaseQuestion")
        finish = box.addButton(_("Alle open vervolgstappen &afronden"),
                               QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton(_("Open &laten"), QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(_("Ann&uleren"), QMessageBox.ButtonRole.RejectRole)
        for button, name in ((finish, "closeFinishAll"), (keep, "closeKeepOpen"),
                             (cancel, "closeCancel")):
            button.setObjectName(name)
        box.setDefaultButton(finish)
        box.setEscapeButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        return "finish" if clicked is finish else "keep" if clicked is keep else None

    def try_save(self) -> None:
        open_ids = self.open_follow_ups_on_closing()
        self._finish_on_close = []
        if open_ids:
            choice = self.ask_about_open_follow_ups(len(open_ids))
            if choice is None:
                return
            if choice == "finish":
                self._finish_on_close = open_ids
        super().try_save()
