"""The case view: the fields of one case, its consultations and its follow-up steps."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain.model import Case
from ..domain.vocabulary import (
    AGE_BANDS,
    CATEGORIES,
    CHANNELS,
    GENDERS,
    MELDER_TYPES,
    OUTCOMES,
    PERSON_ROLES,
    RELATIONS,
    STATUSES,
    domains_of,
)
from ..domain.vocabulary import DOMAINS as DOMAIN_VOCAB
from ..i18n import _
from .record_models import Column, RecordTableModel, consultation_model, follow_up_model
from .widgets import format_date, format_datetime, named


def table_view(object_name: str, accessible_name: str, model) -> QTableView:
    view = named(QTableView(), object_name, accessible_name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.setAlternatingRowColors(True)
    view.horizontalHeader().setStretchLastSection(True)
    view.setTabKeyNavigation(False)
    view.setWordWrap(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    return view


CONSULTATION_ROWS = (2, 8)  # a table shows at least/at most this many rows, then scrolls
KEPT_LETTER_ROWS = (1, 5)
FOLLOW_UP_ROWS = (2, 6)


def fit_rows(view: QTableView, rows: tuple[int, int]) -> None:
    """Make a table exactly as high as its rows, within ``rows``: no scroll bar inside the
    case's scroll area unless there are many."""
    low, high = rows
    shown = min(max(view.model().rowCount(), low), high)
    height = (view.horizontalHeader().sizeHint().height()
              + shown * view.verticalHeader().defaultSectionSize() + 2 * view.frameWidth())
    if view.horizontalScrollBar().isVisible():
        height += view.horizontalScrollBar().sizeHint().height()
    view.setFixedHeight(height)


class NotesText(QLabel):
    """The notes of a consultation: plain text (never rich text), wrapped, selectable by
    mouse and keyboard, scrolling with the rest of the case."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumHeight(self.fontMetrics().height() * 4)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def setPlainText(self, text: str) -> None:
        self.setText(text)

    def toPlainText(self) -> str:
        return self.text()


class CaseView(QWidget):
    edit_requested = Signal()
    log_requested = Signal()
    add_follow_up_requested = Signal()
    follow_up_done_requested = Signal(int)
    follow_up_dismiss_requested = Signal(int)  # a passed statutory term: "niet meer tonen"
    letter_requested = Signal()
    report_requested = Signal()
    kept_letter_requested = Signal(int)  # the id of a kept letter to re-open

    def __init__(self, parent=None):
        super().__init__(parent)
        named(self, "caseView", _("Dossier"))
        self.case: Case | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)

        self.title = named(QLabel(_("Geen dossier gekozen")), "caseTitle", _("Dossier"))
        self.title.setStyleSheet("font-size: 15pt; font-weight: 600;")
        # the title wraps and asks for no width: a long heading never pushes the list aside
        self.title.setWordWrap(True)
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.title)
        header = QHBoxLayout()
        self.edit_button = named(QPushButton(_("Dossier b&ewerken")), "caseEdit",
                                 _("Dossier bewerken"))
        self.log_button = named(QPushButton(_("Nieuw &gesprek")), "caseLog", _("Nieuw gesprek"))
        self.letter_button = named(QPushButton(_("Brief &maken")), "caseLetter",
                                   _("Brief maken"))
        self.report_button = named(QPushButton(_("Over&zicht")), "caseReport",
                                   _("Dossieroverzicht"))
        for button in (self.edit_button, self.log_button, self.letter_button,
                       self.report_button):
            header.addWidget(button)
        header.addStretch(1)
        layout.addLayout(header)

        self.fields = QGroupBox(_("Gegevens"))
        self.form = QFormLayout(self.fields)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._field_labels: dict[str, QLabel] = {}
        for key, label in (
            ("organisation", _("Organisatie")), ("dates", _("Looptijd")),
            ("categories", _("Categorieën")), ("domains", _("Domein")),
            ("relation", _("Relatie beschuldigde")), ("melder", _("Melder")),
            ("channel", _("Eerste contact")), ("persons", _("Betrokkenen")),
            ("consent", _("Toestemming")), ("outcome", _("Uitkomst")),
            ("retention", _("Vernietigen na")), ("summary", _("Omschrijving")),
        ):
            # the value is the label's name; the field label names it (the form's buddy)
            value = named(QLabel(), f"caseField_{key}", "")
            value.setWordWrap(True)  # long values wrap instead of being cut off
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.form.addRow(_("{label}:").format(label=label), value)
            self._field_labels[key] = value

        # One scroll area for the whole case: the fields wrap, the tables are as high as
        # their rows (up to a limit), the notes of a consultation are plain wrapped text.
        body = QWidget()
        body.setObjectName("caseBody")
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addWidget(self.fields)

        timeline = QGroupBox(_("Gesprekken"))
        tl = QVBoxLayout(timeline)
        self.consultations = consultation_model(self)
        self.consultation_view = table_view("caseConsultations", _("Gesprekken"), self.consultations)
        self.consultation_view.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.consultation_view.horizontalHeader().setStretchLastSection(True)
        tl.addWidget(self.consultation_view)
        self.consultation_text = named(NotesText(), "caseConsultationText",
                                       _("Aantekeningen van het gekozen gesprek"))
        tl.addWidget(self.consultation_text)
        body_layout.addWidget(timeline)

        steps = QGroupBox(_("Vervolgstappen"))
        sl = QVBoxLayout(steps)
        self.follow_ups = follow_up_model(self)
        self.follow_up_view = table_view("caseFollowUps", _("Vervolgstappen van dit dossier"),
                                         self.follow_ups)
        header = self.follow_up_view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 90), (2, 150), (3, 130)):
            self.follow_up_view.setColumnWidth(column, width)
        sl.addWidget(self.follow_up_view)
        buttons = QHBoxLayout()
        self.add_follow_up_button = named(QPushButton(_("Vervolgstap &toevoegen")),
                                          "caseAddFollowUp", _("Vervolgstap toevoegen"))
        self.done_button = named(QPushButton(_("&Afgerond")), "caseFollowUpDone",
                                 _("Gekozen vervolgstap afronden"))
        buttons.addWidget(self.add_follow_up_button)
        buttons.addWidget(self.done_button)
        self.dismiss_button = named(QPushButton(_("Termijn &sluiten")), "caseFollowUpDismiss",
                                    _("Verstreken termijn sluiten (niet meer tonen)"))
        self.dismiss_button.setToolTip(_("Een wettelijke termijn die verstreken is, verbergen. "
                                         "Ongedaan maken met Ctrl+Z."))
        buttons.addWidget(self.dismiss_button)
        buttons.addStretch(1)
        sl.addLayout(buttons)
        body_layout.addWidget(steps)
        body_layout.addWidget(self._build_kept_letters())
        body_layout.addStretch(1)
        self.scroll = named(QScrollArea(), "caseScroll", _("Gegevens van het dossier"))
        self.scroll.setWidget(body)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # a Tab stop (not by click) so the keys scroll it: its labels take no focus
        self.scroll.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        layout.addWidget(self.scroll, 1)

        self.edit_button.clicked.connect(self.edit_requested)
        self.log_button.clicked.connect(self.log_requested)
        self.letter_button.clicked.connect(self.letter_requested)
        self.report_button.clicked.connect(self.report_requested)
        self.add_follow_up_button.clicked.connect(self.add_follow_up_requested)
        self.done_button.clicked.connect(self._done_clicked)
        self.dismiss_button.clicked.connect(self._dismiss_clicked)
        self.follow_up_view.selectionModel().currentRowChanged.connect(
            self._update_follow_up_buttons)
        self.consultation_view.selectionModel().currentRowChanged.connect(
            self._show_consultation)
        self.show_case(None)

    def show_case(self, case: Case | None, organisation: str = "", consultations=(),
                  follow_ups=()) -> None:
        self.case = case
        for button in (self.edit_button, self.log_button, self.add_follow_up_button,
                       self.done_button, self.letter_button, self.report_button):
            button.setEnabled(case is not None)
        self.consultations.set_records(list(consultations))
        self.follow_ups.set_records(list(follow_ups))
        fit_rows(self.consultation_view, CONSULTATION_ROWS)
        fit_rows(self.follow_up_view, FOLLOW_UP_ROWS)
        self.show_kept_letters([])  # the window adds them (show_kept_letters)
        self._update_follow_up_buttons()
        self.consultation_text.clear()
        if case is None:
            self.title.setText(_("Geen dossier gekozen"))
            for label in self._field_labels.values():
                label.clear()
            return
        if case.destroyed_at is not None:  # only the statistics are left
            for button in (self.edit_button, self.log_button, self.add_follow_up_button,
                           self.done_button, self.letter_button, self.report_button):
                button.setEnabled(False)
            self.title.setText(_("Dossier {code} · vernietigd op {date} (alleen de statistiek)")
                               .format(code=case.code, date=format_date(case.destroyed_at)))
        else:
            self.title.setText(_("Dossier {code} · {status}").format(
                code=case.code, status=STATUSES.text(case.status).lower()))
        f = self._field_labels
        f["organisation"].setText(organisation)
        f["dates"].setText(
            _("geopend {opened}, gesloten {closed}").format(
                opened=format_date(case.opened), closed=format_date(case.closed))
            if case.closed else _("geopend {opened}").format(opened=format_date(case.opened)))
        # categories and their domains on lines of their own: "Pesten; Overige vraag" and
        # "Ongewenste omgangsvormen; Overig", never one mixed up in the other's brackets
        f["categories"].setText("; ".join(CATEGORIES.text(c) for c in case.categories)
                                or _("nog niet ingevuld"))
        f["domains"].setText("; ".join(DOMAIN_VOCAB.text(d)
                                       for d in domains_of(case.categories)) or "—")
        f["relation"].setText(RELATIONS.text(case.relation) or "—")
        melder = _("anoniem") if case.melder.anonymous else case.melder.name
        extra = [MELDER_TYPES.text(case.melder_type), GENDERS.text(case.gender),
                 AGE_BANDS.text(case.age_band)]
        arrangement = case.melder.contact_arrangement
        f["melder"].setText(" · ".join(x for x in [melder, *extra] if x)
                            + (_(" · contactafspraak: {arrangement}").format(arrangement=arrangement)
                               if arrangement else ""))
        f["channel"].setText(CHANNELS.text(case.channel) or "—")
        f["persons"].setText("; ".join(
            f"{p.name} ({PERSON_ROLES.text(p.role)})" for p in case.persons) or "—")
        destroyed = case.destroyed_at is not None
        f["consent"].setText(_("— (vernietigd)") if destroyed else
                             _("ja, op {date}").format(date=format_date(case.consent_date))
                             if case.consent_given else _("nee (nog niet vastgelegd)"))
        f["outcome"].setText(OUTCOMES.text(case.outcome) or "—")
        f["retention"].setText(
            _("vernietigd op {date}").format(date=format_date(case.destroyed_at)) if destroyed
            else (format_date(case.destroy_after) or _("— (bij sluiten)"))
            + (_(" · bewaard wegens procedure: {reason}").format(reason=case.hold_reason)
               if case.hold_reason else ""))
        f["summary"].setText(case.summary or "—")
        if self.consultations.rowCount():
            self.consultation_view.selectRow(0)

    # --- kept letters: what was printed or saved --------------------------------------

    def _build_kept_letters(self) -> QGroupBox:
        box = named(QGroupBox(_("Verstuurde brieven")), "caseKeptLettersBox",
                    _("Verstuurde brieven"))
        box_layout = QVBoxLayout(box)
        self.kept_letters = RecordTableModel([
            Column(_("Datum"), lambda k: format_datetime(k.kept_at)),
            Column(_("Sjabloon"), lambda k: k.template_title),
            Column(_("Aan"), lambda k: k.recipient),
            Column(_("Hoe"), lambda k: (_("afgedrukt") if k.output == "afgedrukt"
                                        else _("opgeslagen als pdf"))
                   + (_(", met namen") if k.with_identity else "")),
        ], parent=self)
        self.kept_letter_view = table_view(
            "caseKeptLetters", _("Verstuurde brieven: Enter opent de gekozen brief"),
            self.kept_letters)
        header = self.kept_letter_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.kept_letter_view.setToolTip(_("Enter of dubbelklik opent de brief zoals hij is "
                                           "verstuurd, om opnieuw af te drukken of op te "
                                           "slaan."))
        box_layout.addWidget(self.kept_letter_view)
        row = QHBoxLayout()
        self.kept_letter_button = named(QPushButton(_("Brief o&penen")), "caseKeptLetterOpen",
                                        _("Gekozen verstuurde brief openen"))
        self.kept_letter_empty = named(QLabel(_("Nog geen brief afgedrukt of opgeslagen.")),
                                       "caseKeptLettersEmpty", _("Geen verstuurde brieven"))
        row.addWidget(self.kept_letter_button)
        row.addWidget(self.kept_letter_empty)
        row.addStretch(1)
        box_layout.addLayout(row)
        self.kept_letter_view.activated.connect(self._kept_letter_chosen)
        self.kept_letter_button.clicked.connect(
            lambda: self._kept_letter_chosen(self.kept_letter_view.currentIndex()))
        return box

    def show_kept_letters(self, letters) -> None:
        """The letters kept in the shown case (newest first), without their PDF bytes."""
        self.kept_letters.set_records(list(letters))
        fit_rows(self.kept_letter_view, KEPT_LETTER_ROWS)
        has = bool(self.kept_letters.rowCount())
        self.kept_letter_button.setEnabled(has)
        self.kept_letter_empty.setVisible(not has and self.case is not None)
        if has:
            self.kept_letter_view.selectRow(0)

    def _kept_letter_chosen(self, index) -> None:
        if index.isValid():
            letter_id = self.kept_letters.record(index.row()).id
            if letter_id is not None:
                self.kept_letter_requested.emit(letter_id)

    def _show_consultation(self, current, _previous=None) -> None:
        if not current.isValid():
            self.consultation_text.clear()
            return
        c = self.consultations.record(current.row())
        minutes = _("{minutes} min").format(minutes=c.duration_minutes)
        text = f"{format_datetime(c.started_at)} · {CHANNELS.text(c.channel)} · " \
               f"{minutes}\n\n{c.notes}"
        if c.advice:
            text += "\n\n" + _("Advies en afspraken:") + f"\n{c.advice}"
        self.consultation_text.setPlainText(text)

    def _done_clicked(self) -> None:
        index = self.follow_up_view.currentIndex()
        if index.isValid():
            follow_up = self.follow_ups.record(index.row())
            if follow_up.is_open:
                self.follow_up_done_requested.emit(follow_up.id)

    def _selected_follow_up(self):
        index = self.follow_up_view.currentIndex()
        return self.follow_ups.record(index.row()) if index.isValid() else None

    def _update_follow_up_buttons(self, *_args) -> None:
        follow_up = self._selected_follow_up()
        live = self.case is not None and self.case.destroyed_at is None
        self.dismiss_button.setEnabled(
            live and follow_up is not None and follow_up.is_passed_term(date.today()))

    def _dismiss_clicked(self) -> None:
        follow_up = self._selected_follow_up()
        if follow_up is not None and follow_up.is_passed_term(date.today()):
            self.follow_up_dismiss_requested.emit(follow_up.id)
