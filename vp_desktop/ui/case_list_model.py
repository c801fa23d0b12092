"""The case list as a Qt model, and the proxy that filters it.

Display strings are computed when a row is first painted and then cached; the lower-case
search text of every row is computed once per load, so filtering thousands of cases stays
cheap. Sorting happens in the source model with Python's sort;
the proxy only filters, by a precomputed set of accepted case ids.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QTableView

from ..domain.model import CaseSummary
from ..domain.vocabulary import CATEGORIES, STATUSES, short_category_label
from ..i18n import N_, _
from .widgets import format_date

CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1

# Dutch message ids; headerData shows them through _() in the interface language.
COLUMNS = (N_("Code"), N_("Organisatie"), N_("Geopend"), N_("Status"), N_("Categorieën"),
           N_("Contact"), N_("Vervolgstap"))
COLUMN_TIPS = (N_("Dossiercode"), N_("Organisatie van de melder"),
               N_("Datum waarop het dossier is geopend"), N_("Open of gesloten"),
               N_("Categorieën (kort; de volledige namen staan in de tooltip)"),
               N_("Laatste contact"), N_("Volgende vervolgstap (rood: over tijd)"))
CATEGORY_COLUMN = 4

OVERDUE_BRUSH = QBrush(QColor("#b00020"))


def fold(text: str) -> str:
    """Text as the filter compares it: accents dropped, case folded ("Categorieën" ->
    "categorieen")."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _display(s: CaseSummary) -> tuple[str, ...]:
    return (
        s.code,
        s.organisation,
        format_date(s.opened),
        _("vernietigd") if s.destroyed else STATUSES.text(s.status),
        ", ".join(short_category_label(c) for c in s.categories),
        format_date(s.last_contact.date()) if s.last_contact else "",
        format_date(s.next_follow_up),
    )


def _sort_key(column: int) -> Callable[[CaseSummary], object]:
    return {
        0: lambda s: s.code,
        1: lambda s: (s.organisation.lower(), s.code),
        2: lambda s: (s.opened, s.code),
        3: lambda s: (s.status, s.code),
        4: lambda s: (", ".join(s.categories), s.code),
        5: lambda s: (s.last_contact is None, s.last_contact or 0, s.code),
        6: lambda s: (s.next_follow_up is None, s.next_follow_up or date.max, s.code),
    }[column]


class CaseListModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[CaseSummary] = []
        self._text: dict[int, tuple[str, ...]] = {}  # case id -> display strings
        self._search: dict[int, str] = {}  # case id -> folded search text
        self._row_of_id: dict[int, int] = {}
        self.ids: list[int] = []  # case id per row; changed in place, the proxy reads it
        self.today = date.today()

    # --- content ------------------------------------------------------------------------

    def set_cases(self, summaries: list[CaseSummary]) -> None:
        self.beginResetModel()
        self._rows = list(summaries)
        self._text = {}
        self._search = {}
        for s in self._rows:
            self._index_search(s)
        self._reindex()
        self.today = date.today()
        self.endResetModel()

    def clear(self) -> None:
        self.set_cases([])

    def upsert(self, summary: CaseSummary) -> None:
        row = self._row_of_id.get(summary.id)
        if row is None:
            row = len(self._rows)
            self.beginInsertRows(QModelIndex(), row, row)
            self._rows.append(summary)
            self.ids.append(summary.id)
            self._row_of_id[summary.id] = row
            self._index_search(summary)
            self.endInsertRows()
        else:
            self._rows[row] = summary
            self._text.pop(summary.id, None)
            self._index_search(summary)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def summaries(self) -> list[CaseSummary]:
        return self._rows

    def summary_at(self, row: int) -> CaseSummary:
        return self._rows[row]

    def row_of(self, case_id: int) -> int | None:
        return self._row_of_id.get(case_id)

    def search_text(self, case_id: int) -> str:
        return self._search[case_id]

    def _index_search(self, s: CaseSummary) -> None:
        labels = " ".join([CATEGORIES.text(c) for c in s.categories]
                          + [short_category_label(c) for c in s.categories] + list(s.categories))
        self._search[s.id] = fold(f"{s.code} {s.organisation} {labels}")

    def _display_text(self, row: int) -> tuple[str, ...]:
        summary = self._rows[row]
        text = self._text.get(summary.id)
        if text is None:
            text = self._text[summary.id] = _display(summary)
        return text

    def _reindex(self) -> None:
        self.ids[:] = [s.id for s in self._rows]
        self._row_of_id = {case_id: i for i, case_id in enumerate(self.ids)}

    # --- Qt model interface -------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display_text(row)[col]
        if role == CASE_ID_ROLE:
            return self._rows[row].id
        if role == Qt.ItemDataRole.ForegroundRole and col == 6:
            due = self._rows[row].next_follow_up
            if due is not None and due < self.today:
                return OVERDUE_BRUSH
        if role == Qt.ItemDataRole.ToolTipRole and col == CATEGORY_COLUMN:
            return "\n".join(CATEGORIES.text(c) for c in self._rows[row].categories) or None
        if role == Qt.ItemDataRole.ToolTipRole and col == 6:
            due = self._rows[row].next_follow_up
            if due is not None and due < self.today:
                return _("Deze vervolgstap is over tijd")
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section])
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return _(COLUMN_TIPS[section])
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        old_ids = [s.id for s in self._rows]
        persistent = self.persistentIndexList()
        order_ = sorted(range(len(self._rows)), key=lambda i: _sort_key(column)(self._rows[i]),
                        reverse=order == Qt.SortOrder.DescendingOrder)
        self._rows = [self._rows[i] for i in order_]
        self._reindex()
        new_from_old = {old: self._row_of_id[case_id] for old, case_id in enumerate(old_ids)}
        self.changePersistentIndexList(
            persistent,
            [self.index(new_from_old[p.row()], p.column()) for p in persistent],
        )
        self.layoutChanged.emit()


# What the widest value of a column looks like; None: the column takes the space left.
_COLUMN_SAMPLES: tuple[str | None, ...] = (
    "2026-000", "Gemeente Linde", "00-00-0000",
    max([t.label for t in STATUSES] + ["vernietigd"], key=len), None, "00-00-0000",
    "00-00-0000")
_ORGANISATION_LIMITS = (100, 150)


def configure_columns(view: QTableView) -> None:
    """Column widths from the font, not from the rows: they fit their content, stay the same
    when the data changes, and text that does not fit is cut off with "…"."""
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    metrics = view.fontMetrics()
    header_metrics = header.fontMetrics()
    padding = 2 * view.style().pixelMetric(view.style().PixelMetric.PM_FocusFrameHMargin) + 12
    sort_indicator = 18
    for column, sample in enumerate(_COLUMN_SAMPLES):
        title = header_metrics.horizontalAdvance(_(COLUMNS[column])) + sort_indicator
        if column == 3:  # the longest status, in the interface language
            sample = max([t.label for t in STATUSES] + [_("vernietigd")], key=len)
        if sample is None:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            continue
        width = max(metrics.horizontalAdvance(sample), title) + padding
        if column == 1:
            width = min(max(width, _ORGANISATION_LIMITS[0]), _ORGANISATION_LIMITS[1])
        view.setColumnWidth(column, width)
    header.setMinimumSectionSize(metrics.horizontalAdvance(_("Categorie…")) + padding)


class CaseFilterProxy(QSortFilterProxyModel):
    """Filters by text (codes, organisation, categories and note text), status,
    organisation and year. Sorting is delegated to the source model."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._accepted: set[int] | None = None
        self._ids: list[int] = []
        self.setDynamicSortFilter(False)

    def setSourceModel(self, model: CaseListModel) -> None:
        self._ids = model.ids  # read directly: this is called once per row on every filter
        super().setSourceModel(model)

    def set_accepted(self, case_ids: set[int] | None) -> None:
        self.beginFilterChange()
        self._accepted = case_ids
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:
        return self._accepted is None or self._ids[source_row] in self._accepted

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)


def accepted_ids(model: CaseListModel, *, text: str, note_hits: set[int], status: str | None,
                 organisation: str | None, year: int | None) -> set[int] | None:
    """The ids of the cases that pass the filters; None when nothing filters. ``text``
    matches a case found in the journal (``note_hits``: notes, names, contact data) or
    occurring in its code, organisation or categories, accents and case folded."""
    needle = fold(" ".join(text.split()))
    if not needle and status is None and organisation is None and year is None:
        return None
    result: set[int] = set()
    for s in model.summaries():
        if status is not None and s.status != status:
            continue
        if organisation is not None and s.organisation != organisation:
            continue
        if year is not None and s.opened.year != year:
            continue
        if needle and s.id not in note_hits and needle not in model.search_text(s.id):
            continue
        result.add(s.id)
    return result
