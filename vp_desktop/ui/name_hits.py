"""The list of what the name check found, shared by the letter and jaarverslag windows.

Names and contact data are listed to be removed; a "mogelijk een naam" (a capitalised word
after a title) can be ticked, one by one, as "this is not a name" — the acknowledgement the
services ask for. The list lives in memory only.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from ..letters.name_check import NameHit
from ..services.names import POSSIBLE, hit_label
from .widgets import named


class NameHitList(QListWidget):
    """Hits as (part label, part key, hit); ``acknowledged`` holds the ticked possible names."""

    acknowledgements_changed = Signal()
    hit_chosen = Signal(str, int, int)  # part key, start, end

    def __init__(self, object_name: str, parent=None):
        super().__init__(parent)
        named(self, object_name, "Gevonden namen en contactgegevens; vink een mogelijke "
                                 "naam aan als het geen naam is")
        self.acknowledged: set[str] = set()
        self.itemChanged.connect(self._changed)
        self.itemActivated.connect(self._activated)

    def show_hits(self, hits: Sequence[tuple[str, str, NameHit]]) -> None:
        self.blockSignals(True)
        self.clear()
        keys = {hit.key for _label, _part, hit in hits if hit.kind == POSSIBLE}
        self.acknowledged &= keys  # a possible name that is gone needs no acknowledgement
        for label, part, hit in hits:
            item = QListWidgetItem(f"'{hit.matched}' in {label} ({hit_label(hit)})")
            item.setData(Qt.ItemDataRole.UserRole, (part, hit.start, hit.end, hit.key))
            if hit.kind == POSSIBLE:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if hit.key in self.acknowledged
                                   else Qt.CheckState.Unchecked)
                item.setToolTip("Vink aan als dit geen naam is (bevestiging per woord).")
            self.addItem(item)
        self.blockSignals(False)

    def acknowledge(self, key: str, yes: bool = True) -> None:
        for row in range(self.count()):
            item = self.item(row)
            if item.data(Qt.ItemDataRole.UserRole)[3] == key and \
                    item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                item.setCheckState(Qt.CheckState.Checked if yes else Qt.CheckState.Unchecked)

    def _changed(self, item: QListWidgetItem) -> None:
        key = item.data(Qt.ItemDataRole.UserRole)[3]
        if item.checkState() == Qt.CheckState.Checked:
            self.acknowledged.add(key)
        else:
            self.acknowledged.discard(key)
        self.acknowledgements_changed.emit()

    def _activated(self, item: QListWidgetItem) -> None:
        part, start, end, _key = item.data(Qt.ItemDataRole.UserRole)
        self.hit_chosen.emit(part, start, end)
