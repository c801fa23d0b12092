"""Add a follow-up step to a case."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import QFormLayout, QLineEdit

from ..domain.model import FollowUp
from ..domain.vocabulary import FOLLOW_UP_KINDS, REFERRAL_DESTINATIONS
from ..i18n import _
from .form_dialog import FormDialog
from .widgets import date_edit, from_qdate, named, set_combo_data, to_qdate, vocab_combo


class FollowUpDialog(FormDialog):
    draft_kind = "follow_up"

    def __init__(self, session, case_id: int, parent=None):
        super().__init__(session, _("Vervolgstap toevoegen"), "followUpDialog", parent)
        self.case_id = case_id
        form = QFormLayout()
        self.what = named(QLineEdit(), "followUpWhat", _("Vervolgstap"))
        form.addRow(_("&Wat"), self.what)
        self.due = date_edit("followUpDue", _("Datum"), date.today() + timedelta(days=7))
        form.addRow(_("&Datum"), self.due)
        self.kind = vocab_combo(FOLLOW_UP_KINDS, "followUpKind", _("Soort"))
        form.addRow(_("&Soort"), self.kind)
        self.destination = vocab_combo(REFERRAL_DESTINATIONS, "followUpDestination",
                                       _("Verwezen naar"), optional=True)
        form.addRow(_("Verw&ezen naar"), self.destination)
        self.body.addLayout(form)
        self.kind.currentIndexChanged.connect(self._update_destination)
        self._update_destination()
        self.finish_layout()
        self.what.setFocus()

    def _update_destination(self) -> None:
        self.destination.setEnabled(self.kind.currentData() == "doorverwijzing")

    def draft_case_id(self) -> int | None:
        return self.case_id

    def payload(self) -> dict:
        return {"case_id": self.case_id, "what": self.what.text(),
                "due": from_qdate(self.due.date()).isoformat(), "kind": self.kind.currentData(),
                "destination": self.destination.currentData()}

    def restore(self, payload: dict) -> None:
        self.what.setText(payload.get("what", ""))
        self.due.setDate(to_qdate(date.fromisoformat(payload["due"])))
        set_combo_data(self.kind, payload.get("kind"))
        set_combo_data(self.destination, payload.get("destination"))
        self.mark_restored()

    def save(self) -> int:
        kind = self.kind.currentData()
        follow_up = FollowUp(what=self.what.text().strip(), due=from_qdate(self.due.date()),
                             kind=kind,
                             destination=self.destination.currentData()
                             if kind == "doorverwijzing" else None)
        self.session.journal.add_follow_up(self.case_id, follow_up)
        return self.case_id
