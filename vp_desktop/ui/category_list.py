"""A checkable list of categories, grouped by domain; space toggles an item.

Above the domains stands "Nog onbekend": the explicit choice for a case whose category is
not clear yet (it excludes the real categories, and the other way round). Typing the
start of a category jumps to it ("pe" → Pesten), accents and case ignored.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from ..domain.vocabulary import CATEGORIES, CATEGORY_DOMAIN, DOMAINS, UNKNOWN_CATEGORY
from ..i18n import _
from .organisation_choice import TypeAheadTimer, fold
from .widgets import explain_abbreviations, named

_CODE_ROLE = Qt.ItemDataRole.UserRole + 3
_INDENT = "   "


class CategoryList(QListWidget):
    changed = Signal()

    def __init__(self, object_name: str, parent=None):
        super().__init__(parent)
        named(self, object_name, _("Categorieën"),
              _("Typ het begin van een categorie of kies met de pijltjes, en vink aan met de "
                "spatiebalk; meerdere mogen. Nog niet duidelijk? Kies ‘Nog onbekend’."))
        self._typed = TypeAheadTimer()
        unknown = self._add_category(UNKNOWN_CATEGORY.code, _(UNKNOWN_CATEGORY.label),
                                     UNKNOWN_CATEGORY.label)
        unknown.setToolTip(_("Voor als de categorie nog niet duidelijk is. Het jaarverslag "
                             "telt het dossier dan als ‘Geen categorie vastgelegd’."))
        header_font = QFont(self.font())
        header_font.setBold(True)
        for domain in DOMAINS:
            header = QListWidgetItem(_(domain.label))
            header.setFlags(Qt.ItemFlag.NoItemFlags)
            header.setFont(header_font)
            self.addItem(header)
            for term in CATEGORIES:
                if CATEGORY_DOMAIN[term.code] == domain.code:
                    self._add_category(term.code, _INDENT + _(term.label), term.label)
        self.itemChanged.connect(self._on_item_changed)
        self.setCurrentRow(2)  # the first real category (Pesten), below "Nog onbekend"

    def _add_category(self, code: str, text: str, source_label: str) -> QListWidgetItem:
        """``source_label``: the Dutch label, whose abbreviations the tooltip writes out."""
        item = QListWidgetItem(text)
        item.setData(_CODE_ROLE, code)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                      | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        if tip := explain_abbreviations(source_label):
            item.setToolTip(tip)
        self.addItem(item)
        return item

    def _items(self):
        for row in range(self.count()):
            item = self.item(row)
            if item.data(_CODE_ROLE):
                yield item

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        code = item.data(_CODE_ROLE)
        if code and item.checkState() == Qt.CheckState.Checked:
            unknown = code == UNKNOWN_CATEGORY.code
            for other in self._items():  # "Nog onbekend" and real categories exclude each other
                if other is not item and (other.data(_CODE_ROLE) == UNKNOWN_CATEGORY.code) \
                        != unknown and other.checkState() == Qt.CheckState.Checked:
                    other.setCheckState(Qt.CheckState.Unchecked)
        self.changed.emit()

    def codes(self) -> tuple[str, ...]:
        return tuple(i.data(_CODE_ROLE) for i in self._items()
                     if i.checkState() == Qt.CheckState.Checked)

    def set_codes(self, codes) -> None:
        wanted = set(codes)
        for item in self._items():
            item.setCheckState(Qt.CheckState.Checked if item.data(_CODE_ROLE) in wanted
                               else Qt.CheckState.Unchecked)

    def keyboardSearch(self, search: str) -> None:
        """Type-ahead over the category names: starts at the current item; the same letter
        again moves to the next category with that letter."""
        typed = self._typed.add(search)
        repeat = len(typed) > 1 and len(set(typed)) == 1
        needle = fold(typed[0] if repeat else typed)
        items = list(self._items())
        current = self.currentItem()
        start = items.index(current) if current in items else 0
        if repeat:
            start += 1
        for offset in range(len(items)):
            item = items[(start + offset) % len(items)]
            if fold(item.text().strip()).startswith(needle):
                self.setCurrentItem(item)
                return

    def keyPressEvent(self, event) -> None:
        item = self.currentItem()
        if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Select) and item is not None \
                and item.data(_CODE_ROLE):
            checked = item.checkState() == Qt.CheckState.Checked
            item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)
            return
        super().keyPressEvent(event)
