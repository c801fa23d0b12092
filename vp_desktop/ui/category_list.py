"""A checkable list of categories, grouped by domain; space toggles an item."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from ..domain.vocabulary import CATEGORIES, CATEGORY_DOMAIN, DOMAINS
from .widgets import named

_CODE_ROLE = Qt.ItemDataRole.UserRole + 3


class CategoryList(QListWidget):
    changed = Signal()

    def __init__(self, object_name: str, parent=None):
        super().__init__(parent)
        named(self, object_name, "Categorieën",
              "Kies met de pijltjes en vink aan met de spatiebalk; meerdere mogen.")
        header_font = QFont(self.font())
        header_font.setBold(True)
        for domain in DOMAINS:
            header = QListWidgetItem(domain.label)
            header.setFlags(Qt.ItemFlag.NoItemFlags)
            header.setFont(header_font)
            self.addItem(header)
            for term in CATEGORIES:
                if CATEGORY_DOMAIN[term.code] == domain.code:
                    item = QListWidgetItem("   " + term.label)
                    item.setData(_CODE_ROLE, term.code)
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                                  | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setCheckState(Qt.CheckState.Unchecked)
                    self.addItem(item)
        self.itemChanged.connect(lambda _item: self.changed.emit())
        self.setCurrentRow(1)

    def _items(self):
        for row in range(self.count()):
            item = self.item(row)
            if item.data(_CODE_ROLE):
                yield item

    def codes(self) -> tuple[str, ...]:
        return tuple(i.data(_CODE_ROLE) for i in self._items()
                     if i.checkState() == Qt.CheckState.Checked)

    def set_codes(self, codes) -> None:
        wanted = set(codes)
        for item in self._items():
            item.setCheckState(Qt.CheckState.Checked if item.data(_CODE_ROLE) in wanted
                               else Qt.CheckState.Unchecked)

    def keyPressEvent(self, event) -> None:
        item = self.currentItem()
        if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Select) and item is not None \
                and item.data(_CODE_ROLE):
            checked = item.checkState() == Qt.CheckState.Checked
            item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)
            return
        super().keyPressEvent(event)
