"""The case list with its filter box and filters for status, organisation and year, and what
the list area says when no case is shown (what was searched, or how to begin)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..domain.vocabulary import STATUSES
from ..i18n import N_, _, ngettext
from .case_list_model import CaseFilterProxy, CaseListModel, accepted_ids, configure_columns
from .case_view import table_view
from .widgets import named

# The shortcuts are those of the Dossier menu in main_window.py (a test compares them).
NO_CASES_YET = N_("Nog geen dossiers in dit journaal.\n\nKies Dossier › Nieuw dossier "
                "(Ctrl+Shift+N), of leg meteen een gesprek vast met Dossier › Nieuw gesprek "
                "(Ctrl+N).")
NO_ORGANISATION_YET = N_("Nog geen dossiers, en nog geen organisatie in dit journaal.\n\n"
                       "Voeg eerst de organisatie toe waarvoor u vertrouwenspersoon bent: "
                       "Journaal › Instellingen (Ctrl+,). Daarna kunt u een dossier openen "
                       "(Ctrl+Shift+N) of een gesprek vastleggen (Ctrl+N).")


class CaseListPanel(QWidget):
    case_selected = Signal(object)  # case id or None
    case_activated = Signal(int)

    def __init__(self, search_notes, parent=None):
        """``search_notes(text) -> set[int]`` finds cases by the text of their notes and by
        the names and contact data of the people in them."""
        super().__init__(parent)
        named(self, "caseListPanel", _("Dossiers"))
        self._search_notes = search_notes
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 6, 0)
        self.filter_box = named(QLineEdit(), "caseFilter", _("Zoeken in dossiers"),
                                _("Zoekt in namen (melder en betrokkenen), telefoonnummers en "
                                  "e-mailadressen, codes, categorieën en de tekst van "
                                  "aantekeningen (Ctrl+F)."))
        self.filter_box.setPlaceholderText(
            _("Zoek op naam, telefoon, code, categorie of tekst…"))
        self.filter_box.setClearButtonEnabled(True)
        find_row = QHBoxLayout()
        find_label = QLabel(_("Zoeken:"))
        find_label.setBuddy(self.filter_box)
        find_row.addWidget(find_label)
        find_row.addWidget(self.filter_box, 1)
        layout.addLayout(find_row)
        row = QHBoxLayout()
        self.status = named(QComboBox(), "caseFilterStatus", _("Filter op status"))
        self.status.addItem(_("Alle statussen"), None)
        for term in STATUSES:
            self.status.addItem(_(term.label), term.code)
        self.organisation = named(QComboBox(), "caseFilterOrganisation",
                                  _("Filter op organisatie"))
        self.year = named(QComboBox(), "caseFilterYear", _("Filter op jaar"))
        for combo in (self.status, self.year):  # "Alle jaren" in full, also after a reload
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.organisation.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.organisation.setMinimumContentsLength(12)
        for text, combo, stretch in ((_("Status"), self.status, 0),
                                     (_("Organisatie"), self.organisation, 1),
                                     (_("Jaar"), self.year, 0)):
            combo_label = QLabel(_("{label}:").format(label=text))
            combo_label.setBuddy(combo)
            row.addWidget(combo_label)
            row.addWidget(combo, stretch)
        layout.addLayout(row)

        self.model = CaseListModel(self)
        self._has_organisations = True  # until set_cases says otherwise
        self.proxy = CaseFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = table_view("caseTable", _("Lijst van dossiers"), self.proxy)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        configure_columns(self.view)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().setDefaultSectionSize(24)
        layout.addWidget(self._build_list_area(), 1)
        self.count_label = named(QLabel(), "caseCount", _("Aantal dossiers"))
        layout.addWidget(self.count_label)

        self.filter_box.textChanged.connect(self.apply_filters)
        for combo in (self.status, self.organisation, self.year):
            combo.currentIndexChanged.connect(self.apply_filters)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.view.activated.connect(self._activated)

    def set_cases(self, summaries, organisations: list[str], years: list[int]) -> None:
        self._has_organisations = bool(organisations)
        for combo, items, all_label in ((self.organisation, organisations,
                                         _("Alle organisaties")),
                                        (self.year, years, _("Alle jaren"))):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(all_label, None)
            for item in items:
                combo.addItem(str(item), item)
            index = combo.findData(current)
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)
        self.model.set_cases(summaries)  # the journal delivers them newest code first
        header = self.view.horizontalHeader()
        column, order = header.sortIndicatorSection(), header.sortIndicatorOrder()
        if (column, order) != (0, Qt.SortOrder.DescendingOrder):
            self.model.sort(column, order)  # keep the user's chosen order
        self.apply_filters()

    def clear(self) -> None:
        self.filter_box.blockSignals(True)
        self.filter_box.clear()
        self.filter_box.blockSignals(False)
        self.model.clear()
        self.proxy.set_accepted(None)
        self.count_label.clear()
        self.list_area.setCurrentWidget(self.view)

    def apply_filters(self) -> None:
        text = self.filter_box.text()
        note_hits = self._search_notes(text) if text.strip() else set()
        self.proxy.set_accepted(accepted_ids(
            self.model, text=text, note_hits=note_hits, status=self.status.currentData(),
            organisation=self.organisation.currentData(), year=self.year.currentData()))
        if not self.view.currentIndex().isValid() and self.proxy.rowCount():
            self.view.selectRow(0)  # something visible is always the current case
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(
            ngettext("{shown} van {count} dossier", "{shown} van {count} dossiers", total)
            .format(shown=shown, count=total) if shown != total
            else ngettext("{count} dossier", "{count} dossiers", total).format(count=total))
        self._show_empty_state(shown, total)

    # --- the list area when no case is shown ---------------------------------------------

    def _build_list_area(self) -> QWidget:
        self.list_area = QStackedWidget()
        self.list_area.addWidget(self.view)
        page = QWidget()
        box = QVBoxLayout(page)
        box.addStretch(1)
        self.empty_text = named(QLabel(), "caseListEmptyText", _("Geen dossiers"))
        self.empty_text.setWordWrap(True)
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_text.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_text.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # read by a screen reader
        box.addWidget(self.empty_text)
        self.clear_filters_button = named(QPushButton(_("&Filters wissen")), "caseListClearFilters",
                                          _("Filters wissen"),
                                          _("Maakt het zoekveld leeg en zet status, "
                                            "organisatie en jaar op alle."))
        self.clear_filters_button.clicked.connect(self.clear_filters)
        box.addWidget(self.clear_filters_button, 0, Qt.AlignmentFlag.AlignHCenter)
        box.addStretch(2)
        self.list_area.addWidget(page)
        self.empty_page = page
        return self.list_area

    def filters_active(self) -> bool:
        return bool(self.filter_box.text().strip()) or any(
            combo.currentData() is not None
            for combo in (self.status, self.organisation, self.year))

    def empty_state_text(self) -> str:
        """What the list area says when no case is shown."""
        if self.model.rowCount() == 0:
            return _(NO_CASES_YET if self._has_organisations else NO_ORGANISATION_YET)
        text = " ".join(self.filter_box.text().split())
        filters = []
        if self.status.currentData() is not None:
            filters.append(_("status {value}").format(value=self.status.currentText()))
        if self.organisation.currentData() is not None:
            filters.append(_("organisatie {value}").format(value=self.organisation.currentText()))
        if self.year.currentData() is not None:
            filters.append(_("jaar {value}").format(value=self.year.currentText()))
        if text and filters:
            said = _("Geen dossiers gevonden voor ‘{text}’ in {filters}.")
        elif text:
            said = _("Geen dossiers gevonden voor ‘{text}’.")
        elif filters:
            said = _("Geen dossiers gevonden in {filters}.")
        else:
            said = _("Geen dossiers gevonden.")
        said = said.format(text=text, filters=", ".join(filters))
        if text:
            said += "\n\n" + _("Gezocht in namen van melders en betrokkenen, telefoonnummers, "
                                 "e-mailadressen, codes, organisaties, categorieën, "
                                 "samenvattingen en aantekeningen.")
        return said

    def _show_empty_state(self, shown: int, total: int) -> None:
        empty = shown == 0 and (total == 0 or self.filters_active())
        if empty:
            self.empty_text.setText(self.empty_state_text())
            self.clear_filters_button.setVisible(total > 0)
        focus = QApplication.focusWidget()
        had_focus = focus is not None and self.list_area.isAncestorOf(focus)
        self.list_area.setCurrentWidget(self.empty_page if empty else self.view)
        if had_focus and empty:
            (self.clear_filters_button if total else self.empty_text).setFocus()

    def clear_filters(self) -> None:
        """Empty the search box and set status, organisation and year to all."""
        for combo in (self.status, self.organisation, self.year):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.filter_box.blockSignals(True)
        self.filter_box.clear()
        self.filter_box.blockSignals(False)
        self.apply_filters()
        if self.proxy.rowCount():
            self.view.setFocus()

    def current_case_id(self) -> int | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return self.model.summary_at(self.proxy.mapToSource(index).row()).id

    def select_case(self, case_id: int) -> None:
        row = self.model.row_of(case_id)
        if row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():  # filtered out: show it anyway
            self.filter_box.clear()
            self.status.setCurrentIndex(0)
            self.organisation.setCurrentIndex(0)
            self.year.setCurrentIndex(0)
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)

    def _current_changed(self, current, _previous) -> None:
        self.case_selected.emit(self.current_case_id() if current.isValid() else None)

    def _activated(self, index) -> None:
        case_id = self.current_case_id()
        if case_id is not None:
            self.case_activated.emit(case_id)
