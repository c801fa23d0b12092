"""Table models for the smaller lists: consultations and follow-ups.

One generic model takes a list of records and a list of columns (header + text function);
the concrete lists only describe their columns.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ..domain.deadlines import shown_what
from ..domain.model import Consultation, FollowUp
from ..domain.vocabulary import CHANNELS, FOLLOW_UP_KINDS, REFERRAL_DESTINATIONS
from ..i18n import N_, _
from ..storage.journal import OpenFollowUp
from .case_list_model import OVERDUE_BRUSH
from .widgets import format_date, format_datetime

RECORD_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class Column:
    header: str
    text: Callable[[object], str]
    tooltip: str = ""  # the header's tooltip: what a short header means


class RecordTableModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], overdue: Callable[[object, date], bool]
                 | None = None, parent=None, colour: Callable[[object, date], QBrush | None]
                 | None = None):
        super().__init__(parent)
        self._columns = tuple(columns)
        self._records: list = []
        self._colour = colour or (
            (lambda r, today: OVERDUE_BRUSH if overdue(r, today) else None) if overdue
            else None)

    def set_records(self, records: list) -> None:
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

    def record(self, row: int):
        return self._records[row]

    def records(self) -> list:
        return self._records

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        record = self._records[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._columns[index.column()].text(record)
        if role == RECORD_ROLE:
            return record
        if role == Qt.ItemDataRole.ForegroundRole and self._colour is not None:
            return self._colour(record, date.today())
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].header
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return self._columns[section].tooltip or None
        return None


def _first_line(text: str, limit: int = 80) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


def consultation_model(parent=None) -> RecordTableModel:
    columns = [
        Column(_("Datum en tijd"), lambda c: format_datetime(c.started_at)),
        Column(_("Kanaal"), lambda c: CHANNELS.text(c.channel)),
        Column(_("Duur"), lambda c: _("{minutes} min").format(minutes=c.duration_minutes)),
        Column(_("Aantekeningen"), lambda c: _first_line(c.notes)),
    ]
    return RecordTableModel(columns, parent=parent)


def _follow_up_what(f: FollowUp) -> str:
    what = shown_what(f.what, f.kind)
    if f.destination:
        return f"{what} → {REFERRAL_DESTINATIONS.text(f.destination)}"
    return what


PASSED_BRUSH = QBrush(QColor("#6e6e6e"))  # a statutory term that passed: grey, not red


def _follow_up_state(f: FollowUp) -> str:
    if f.done:
        return _("afgerond {date}").format(date=format_date(f.done))
    if f.dismissed:
        return _("verstreken, afgehandeld {date}").format(date=format_date(f.dismissed))
    if f.is_passed_term(date.today()):
        return _("verstreken")
    return _("over tijd") if f.is_overdue(date.today()) else _("open")


def _follow_up_colour(f, today: date) -> QBrush | None:
    if f.is_overdue(today):
        return OVERDUE_BRUSH
    if f.is_passed_term(today) or f.dismissed:
        return PASSED_BRUSH
    return None


FOLLOW_UP_STATE_TIP = N_("Stand van de vervolgstap: open, afgerond, over tijd of verstreken "
                       "(een wettelijke termijn die voorbij is)")


def follow_up_model(parent=None) -> RecordTableModel:
    columns = [
        Column(_("Datum"), lambda f: format_date(f.due)),
        Column(_("Vervolgstap"), _follow_up_what),
        Column(_("Soort"), lambda f: FOLLOW_UP_KINDS.text(f.kind)),
        Column(_("Stand"), _follow_up_state, _(FOLLOW_UP_STATE_TIP)),
    ]
    return RecordTableModel(columns, parent=parent,
                            colour=lambda f, today: _follow_up_colour(f, today))


def open_follow_up_model(parent=None) -> RecordTableModel:
    columns = [
        Column(_("Datum"), lambda o: format_date(o.follow_up.due)),
        Column(_("Dossier"), lambda o: o.case_code),
        Column(_("Vervolgstap"), lambda o: _follow_up_what(o.follow_up)),
        Column(_("Soort"), lambda o: FOLLOW_UP_KINDS.text(o.follow_up.kind)),
        Column(_("Stand"), lambda o: _follow_up_state(o.follow_up), _(FOLLOW_UP_STATE_TIP)),
    ]
    return RecordTableModel(
        columns, parent=parent, colour=lambda o, today: _follow_up_colour(o.follow_up, today))


__all__ = ["Consultation", "OpenFollowUp", "RecordTableModel", "consultation_model",
           "follow_up_model", "open_follow_up_model"]
