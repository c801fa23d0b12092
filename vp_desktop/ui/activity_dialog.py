"""'Activiteitenlog': what was printed, saved or exported, and when — never what it said."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout

from ..domain.vocabulary import ACTIVITY_KINDS
from ..services.letters import shown_template
from .case_view import table_view
from .record_models import Column, RecordTableModel
from .widgets import fit_to_screen, format_datetime, named


class ActivityDialog(QDialog):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        named(self, "activityDialog", "Activiteitenlog")
        self.setWindowTitle("Activiteitenlog")
        fit_to_screen(self, 760, 520)
        layout = QVBoxLayout(self)
        records = session.journal.activity()
        layout.addWidget(QLabel("Wat er is afgedrukt, opgeslagen of geëxporteerd. Het log "
                                "bevat nooit de inhoud; het staat versleuteld in het journaal."))
        titles = {e.template_id: shown_template(e.template_id) for e in records}
        self.model = RecordTableModel([
            Column("Wanneer", lambda e: format_datetime(e.at)),
            Column("Wat", lambda e: ACTIVITY_KINDS.label(e.kind)),
            Column("Dossier", lambda e: e.case_code or ""),
            Column("Sjabloon", lambda e: titles.get(e.template_id or "", e.template_id or "")),
            Column("Bijzonderheid", lambda e: e.detail),
        ], parent=self)
        self.model.set_records(records)
        self.view = table_view("activityTable", "Activiteiten", self.model)
        for column, width in enumerate((130, 250, 80, 170)):
            self.view.setColumnWidth(column, width)
        layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText("Sluiten")
        named(close, "activityClose", "Sluiten")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.view.setFocus()
