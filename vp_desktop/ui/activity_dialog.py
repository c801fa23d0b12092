"""'Activiteitenlog': what was printed, saved or exported, and when — never what it said."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout

from ..domain.vocabulary import ACTIVITY_KINDS
from ..i18n import _
from ..services.letters import shown_template
from .case_view import table_view
from .record_models import Column, RecordTableModel
from .widgets import fit_to_screen, format_datetime, named


class ActivityDialog(QDialog):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        named(self, "activityDialog", _("Activiteitenlog"))
        self.setWindowTitle(_("Activiteitenlog"))
        fit_to_screen(self, 760, 520)
        layout = QVBoxLayout(self)
        records = session.journal.activity()
        layout.addWidget(QLabel(_("Wat er is afgedrukt, opgeslagen of geëxporteerd. Het log "
                                  "bevat nooit de inhoud; het staat versleuteld in het "
                                  "journaal.")))
        titles = {e.template_id: shown_template(e.template_id) for e in records}
        self.model = RecordTableModel([
            Column(_("Wanneer"), lambda e: format_datetime(e.at)),
            Column(_("Wat"), lambda e: ACTIVITY_KINDS.text(e.kind)),
            Column(_("Dossier"), lambda e: e.case_code or ""),
            # the template's title and the detail are stored Dutch log text: shown as kept
            Column(_("Sjabloon"), lambda e: titles.get(e.template_id or "", e.template_id or "")),
            Column(_("Bijzonderheid"), lambda e: e.detail),
        ], parent=self)
        self.model.set_records(records)
        self.view = table_view("activityTable", _("Activiteiten"), self.model)
        for column, width in enumerate((130, 250, 80, 170)):
            self.view.setColumnWidth(column, width)
        layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(_("Sluiten"))
        named(close, "activityClose", _("Sluiten"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.view.setFocus()
