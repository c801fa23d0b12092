"""'Jaarverslag': choose year, organisation and k; see exactly what the recipient will see
(the report itself, previewed from memory) and every cell that was hidden or merged and why;
write the narrative; export to PDF, CSV or JSON in the background."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..domain.validation import ValidationError
from ..i18n import N_, _
from ..services.annual import (
    build_publication,
    export_publication,
    narrative_hits,
    narrative_refusal,
    renderer,
)
from ..services.annual_options import DOCUMENT_LANGUAGES, LANGUAGE_NAMES
from ..services.errors import ServiceError, user_message
from ..stats.tables import Publication
from ..storage.errors import StorageError
from .announce import show_message, update_message
from .form_dialog import FormDialog
from .name_hits import NameHitList
from .pdf_output import PdfPreview, PdfRenderer, confirm_replace
from .widgets import fit_to_screen, named, save_file_name

_SUFFIX = {"pdf": "pdf", "csv": "csv", "json": "json"}
_FILTERS = {"pdf": N_("Pdf (*.pdf)"), "csv": N_("Csv voor Excel (*.csv)"),
            "json": N_("Json (*.json)")}


def suggested_file_name(year: int, organisation: str, fmt: str, lang: str) -> str:
    """The file name offered for an export, in the document's language."""
    stem = "annual-report" if lang == "en" else "jaarverslag"
    return f"{stem}-{year}-{organisation}.{_SUFFIX[fmt]}"


class AnnualReportDialog(FormDialog):
    draft_kind = "annual_report"

    def __init__(self, session, parent=None, year: int | None = None):
        super().__init__(session, _("Jaarverslag"), "annualReportDialog", parent)
        fit_to_screen(self, 1250, 820)
        journal = session.journal
        self.organisations = journal.organisations()
        self.publication: Publication | None = None
        self._loaded_key = None

        top = QHBoxLayout()
        form = QFormLayout()
        self.year = named(QComboBox(), "annualYear", _("Verslagjaar"))
        years = sorted(set(journal.case_years()) | {date.today().year - 1}, reverse=True)
        for y in years:
            self.year.addItem(str(y), y)
        chosen = year or date.today().year - 1
        self.year.setCurrentIndex(max(self.year.findData(chosen), 0))
        form.addRow(_("&Jaar"), self.year)
        self.organisation = named(QComboBox(), "annualOrganisation", _("Organisatie"))
        for org in self.organisations:
            self.organisation.addItem(org.name, org.id)
        form.addRow(_("&Organisatie"), self.organisation)
        self.k = named(QSpinBox(), "annualK", _("Drempel k"))
        self.k.setRange(3, 10)
        self.k.setValue(5)
        self.k.setToolTip(_("Drempelwaarde k (3 tot 10, standaard 5): aantallen van 1 tot en "
                            "met k−1 worden niet genoemd maar getoond als ‘<k’, zodat niemand "
                            "in het verslag herkenbaar is."))
        form.addRow(_("&Drempel k"), self.k)
        self.document_language = named(QComboBox(), "annualDocumentLanguage",
                                       _("Documenttaal"))
        for lang in DOCUMENT_LANGUAGES:  # each language by its own name; Dutch first
            self.document_language.addItem(LANGUAGE_NAMES[lang], lang)
        self.document_language.setCurrentIndex(0)
        self.document_language.setToolTip(_(
            "De taal van het jaarverslag zelf (pdf, csv, json); de cijfers zijn in elke taal "
            "dezelfde."))
        form.addRow(QLabel(_("Documen&ttaal"), buddy=self.document_language),
                    self.document_language)
        top.addLayout(form)
        top.addStretch(1)
        self.body.addLayout(top)

        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        self.review = named(QListWidget(), "annualReview", _("Verborgen cellen en tabellen"))
        self.review.setWordWrap(True)
        self.review.setAlternatingRowColors(True)
        column.addWidget(QLabel(_("Wat is &verborgen, en waarom:"), buddy=self.review))
        column.addWidget(self.review, 2)
        self.narrative = named(QPlainTextEdit(), "annualNarrative",
                               _("Eigen tekst: trends, signalen en advies"))
        self.narrative.setTabChangesFocus(True)
        self.narrative.setPlaceholderText(_(
            "Trends, signalen en advies aan de organisatie. Nooit casusbeschrijvingen, namen, "
            "afdelingen of data."))
        column.addWidget(QLabel(_("&Eigen tekst (Ctrl+Enter bewaart):"), buddy=self.narrative))
        column.addWidget(self.narrative, 3)
        self.hits = NameHitList("annualNameHits")
        self.hits.setMaximumHeight(90)
        column.addWidget(self.hits)
        split.addWidget(left)
        self.preview = PdfPreview("annualPreview", _("Voorbeeld: wat de ontvanger ziet"))
        split.addWidget(self.preview)
        split.setSizes([470, 760])
        self.body.addWidget(split, 1)

        row = QHBoxLayout()
        self.progress = named(QProgressBar(), "annualProgress", _("Voortgang"))
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(160)
        self.progress.hide()
        self.status = named(QLabel(), "annualStatus", _("Status"))
        self._refresh_said = ""
        row.addWidget(self.progress)
        row.addWidget(self.status, 1)
        self.body.addLayout(row)

        self.export_buttons = {}
        for fmt, text in (("pdf", _("Exporteer &pdf…")), ("csv", _("Exporteer &csv…")),
                          ("json", _("Exporteer j&son…"))):
            button = named(QPushButton(text), f"annualExport_{fmt}",
                           _("Exporteer als {format}").format(format=fmt))
            button.clicked.connect(lambda _checked=False, f=fmt: self.export(f))
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
            self.export_buttons[fmt] = button
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setText(_("Tekst &bewaren (Ctrl+Enter)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Sluiten"))
        self.finish_layout()

        self.preview_renderer = PdfRenderer(self)
        self.preview_renderer.ready.connect(self.preview.show_pdf)
        self.preview_renderer.failed.connect(
            lambda message: show_message(self.status, message, error=True))
        self._timer = QTimer(self, singleShot=True, interval=400)
        self._timer.timeout.connect(self.refresh)
        for combo in (self.year, self.organisation, self.document_language):
            combo.currentIndexChanged.connect(self._selection_changed)
        self.k.valueChanged.connect(lambda _v: self._timer.start())
        self.narrative.textChanged.connect(self._timer.start)
        self._load_narrative()
        self.refresh()
        self.year.setFocus()

    # --- state --------------------------------------------------------------------------

    @property
    def organisation_obj(self):
        org_id = self.organisation.currentData()
        return next((o for o in self.organisations if o.id == org_id), None)

    def _key(self):
        return self.year.currentData(), self.organisation.currentData()

    def _load_narrative(self) -> None:
        year, org_id = self._key()
        if year is None or org_id is None:
            return
        text = self.session.journal.narrative(year, org_id)
        self.narrative.blockSignals(True)
        self.narrative.setPlainText(text)
        self.narrative.blockSignals(False)
        self._loaded_key = (year, org_id)
        self._baseline = self.payload()

    def _selection_changed(self) -> None:
        if self.is_dirty() and self._loaded_key is not None:
            try:  # never lose the text when switching year or organisation
                self._store_narrative(self._loaded_key)
            except StorageError as exc:
                self.show_problems([user_message(exc)])
            except ValidationError as exc:
                self.show_problems(exc.problems)
        self._load_narrative()
        self.refresh()

    def refresh(self) -> None:
        organisation = self.organisation_obj
        if organisation is None:
            self._refresh_status(_("Voeg eerst een organisatie toe (Instellingen)."))
            return
        try:
            self.publication = build_publication(
                self.session.journal, year=self.year.currentData(), organisation=organisation,
                k=self.k.value(), narrative=self.narrative.toPlainText(),
                lang=self.document_language.currentData())
            hits = narrative_hits(self.session.journal, self.publication.narrative)
        except (ServiceError, StorageError) as exc:
            self._refresh_status(user_message(exc), error=True)
            return
        self.hits.show_hits([(_("eigen tekst"), "narrative", hit) for hit in hits])
        self.hits.setVisible(bool(hits))
        self.review.clear()
        self.review.addItems(list(self.publication.review) or [_("Niets verborgen.")])
        self._refresh_status(
            _("Minder dan {k} meldingen: alleen het totaal en uw tekst worden gepubliceerd.")
            .format(k=self.k.value()) if self.publication.tiny else "")
        publication_now, render_pdf = self.publication, renderer("pdf")
        self.preview_renderer.request(lambda: render_pdf(publication_now))

    def _refresh_status(self, text: str, *, error: bool = False) -> None:
        """The status a refresh has to give. A refresh runs after every key: it replaces only
        what an earlier refresh put there, or says something new, so an export or save
        result stays until there is news (and nothing is announced twice)."""
        if self.status.text() == self._refresh_said or (text and text != self._refresh_said):
            update_message(self.status, text, error=error)
        self._refresh_said = text

    # --- export -------------------------------------------------------------------------

    def _busy(self, busy: bool) -> None:
        """Export buttons off while an export runs; the focus stays where the user was (the
        export button), not on the control Qt moves it to when the button is disabled."""
        self.progress.setVisible(busy)
        for button in self.export_buttons.values():
            # the pressed button keeps focus (a disabled one would pass it on, to Sluiten)
            button.setEnabled(not busy or button.hasFocus())

    def export(self, fmt: str, path: str | None = None) -> None:
        """Export in the background; ``path`` given skips the file dialog (tests). The gates
        are the service's; asking them first spares the VP a file dialog for nothing."""
        if not self.progress.isHidden():
            return  # one export at a time (the pressed button stays enabled while busy)
        self.refresh()
        publication = self.publication
        if publication is None:
            return
        acknowledged = set(self.hits.acknowledged)
        try:
            refusal = narrative_refusal(
                publication.narrative, narrative_hits(self.session.journal,
                                                      publication.narrative), acknowledged)
        except StorageError as exc:
            self.show_problems([user_message(exc)])
            return
        if refusal is not None:  # a name in the text: announced, the focus to the text
            self.show_problems([refusal.message, *refusal.details], self.narrative)
            return
        self.clear_problems()
        asked = path is None
        if path is None:
            name = suggested_file_name(publication.year, publication.organisation, fmt,
                                       publication.lang)
            path, _filter = save_file_name(self, _("Jaarverslag exporteren"), name,
                                           _(_FILTERS[fmt]))
            if not path:
                return
        target = Path(path)
        if target.suffix.lower() != f".{fmt}":
            target = target.with_name(f"{target.name}.{fmt}")
            if asked and not confirm_replace(self, str(target)):
                return
        make = renderer(fmt)
        runner = PdfRenderer(self)  # one runner per export: its result belongs to it alone
        runner.busy_changed.connect(self._busy)
        runner.failed.connect(lambda message: show_message(
            self.status, _("Export mislukt: {reason}").format(reason=message), error=True))
        runner.ready.connect(
            lambda data: self._publish(publication, fmt, target, data, acknowledged))
        show_message(self.status,
                     _("Bezig met exporteren naar {name}…").format(name=target.name))
        runner.request(lambda: make(publication))

    def _publish(self, publication: Publication, fmt: str, target: Path, data: bytes,
                 acknowledged: set[str]) -> None:
        """On the UI thread, where the journal lives: gates again, log line, then the file."""
        try:
            written = export_publication(self.session.journal, publication, fmt, target,
                                         acknowledged, rendered=data)
        except (ServiceError, StorageError) as exc:
            show_message(self.status, _("Export mislukt: {reason}").format(
                reason=user_message(exc)), error=True)
            return
        show_message(self.status, _("Geëxporteerd naar {path}. Let op: niet versleuteld.")
                     .format(path=written))

    # --- form protocol: the narrative ---------------------------------------------------

    def _store_narrative(self, key) -> None:
        year, org_id = key
        self.session.journal.save_narrative(year, org_id, self.narrative.toPlainText())

    def payload(self) -> dict:
        year, org_id = self._key()
        return {"year": year, "organisation_id": org_id,
                "narrative": self.narrative.toPlainText()}

    def restore(self, payload: dict) -> None:
        index = self.year.findData(payload.get("year"))
        if index >= 0:
            self.year.setCurrentIndex(index)
        index = self.organisation.findData(payload.get("organisation_id"))
        if index >= 0:
            self.organisation.setCurrentIndex(index)
        self.narrative.setPlainText(payload.get("narrative", ""))
        self.mark_restored()

    def save(self) -> int:
        self._store_narrative(self._key())
        self._baseline = self.payload()
        return -1

    def try_save(self) -> None:  # keep the dialog open after storing the text
        try:
            self.save()
        except ValidationError as exc:
            self.show_problems(exc.problems, self.narrative)
            return
        except StorageError as exc:
            self.show_problems([user_message(exc)])
            return
        self.clear_problems()
        show_message(self.status, _("Tekst bewaard in het journaal."))
