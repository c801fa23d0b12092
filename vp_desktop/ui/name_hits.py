"""The list of what the name check found, shared by the letter and jaarverslag windows.

Hits are grouped per person or word with a count ("Ilse Brouwer (getuige) — 5×"), so a
letter that names someone five times shows one line, not five. Activating a line (Enter,
double click) selects the next occurrence in the text; activating it again goes on to the
one after, round and round.

Names and contact data are listed to be removed; a "mogelijk een naam" (a capitalised word
after a title) can be ticked as "this is not a name" — the acknowledgement the services ask
for. Acknowledgement stays per word (the hit's ``key``): one group is exactly one key, so
ticking a group acknowledges that one word, wherever it occurs. The list lives in memory
only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from ..domain.vocabulary import person_reference_text
from ..i18n import _
from ..letters.name_check import NameHit
from ..services.names import NAME, POSSIBLE, hit_label
from .widgets import named

_GROUP_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass
class HitGroup:
    """All occurrences of one person's name, one contact item, or one possible name."""

    label: str
    kind: str
    key: str  # the acknowledgement key (meaningful for possible names)
    occurrences: list[tuple[str, str, int, int]] = field(default_factory=list)
    # (part label, part key, start, end), in the order the hits were given
    next_index: int = 0

    @property
    def text(self) -> str:
        parts = list(dict.fromkeys(label for label, _part, _s, _e in self.occurrences))
        if not parts:
            return f"{self.label} — {len(self.occurrences)}×"
        return _("{label} — {count}× in {parts}").format(
            label=self.label, count=len(self.occurrences), parts=", ".join(parts))


def group_label(hit: NameHit) -> str:
    """How a group is called in the list: the person and their role, or the word found."""
    if hit.kind == NAME and hit.name:
        return f"{hit.name} ({person_reference_text(hit.role)})"
    return f"'{hit.matched}' ({hit_label(hit)})"


def group_hits(hits: Sequence[tuple[str, str, NameHit]]) -> list[HitGroup]:
    """Hits as (part label, part key, hit) grouped per person / word, in order of first
    appearance."""
    groups: dict[tuple[str, str, str], HitGroup] = {}
    for label, part, hit in hits:
        ident = hit.name if hit.kind == NAME and hit.name else hit.key
        group_key = (hit.kind, hit.role, ident)
        group = groups.get(group_key)
        if group is None:
            group = groups[group_key] = HitGroup(group_label(hit), hit.kind, hit.key)
        group.occurrences.append((label, part, hit.start, hit.end))
    return list(groups.values())


class NameHitList(QListWidget):
    """Hits as (part label, part key, hit); ``acknowledged`` holds the ticked possible names."""

    acknowledgements_changed = Signal()
    hit_chosen = Signal(str, int, int)  # part key, start, end

    def __init__(self, object_name: str, parent=None):
        super().__init__(parent)
        named(self, object_name, _("Gevonden namen en contactgegevens, per persoon geteld; "
                                   "Enter springt naar de volgende plek; vink een mogelijke "
                                   "naam aan als het geen naam is"))
        self.acknowledged: set[str] = set()
        self.groups: list[HitGroup] = []
        self.itemChanged.connect(self._changed)
        self.itemActivated.connect(self._activated)

    def show_hits(self, hits: Sequence[tuple[str, str, NameHit]]) -> None:
        self.blockSignals(True)
        current = self.currentRow()
        self.clear()
        keys = {hit.key for _label, _part, hit in hits if hit.kind == POSSIBLE}
        self.acknowledged &= keys  # a possible name that is gone needs no acknowledgement
        positions = {(g.kind, g.label): g.next_index for g in self.groups}
        self.groups = group_hits(hits)
        for group in self.groups:  # Enter keeps walking on after an edit
            group.next_index = positions.get((group.kind, group.label), 0) \
                % len(group.occurrences)
        for index, group in enumerate(self.groups):
            item = QListWidgetItem(group.text)
            item.setData(_GROUP_ROLE, index)
            item.setData(Qt.ItemDataRole.UserRole, (*group.occurrences[0][1:], group.key))
            if group.kind == POSSIBLE:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if group.key in self.acknowledged
                                   else Qt.CheckState.Unchecked)
                item.setToolTip(_("Vink aan als dit geen naam is (geldt voor dit woord, op "
                                  "elke plek)."))
            else:
                item.setToolTip(_("Enter of dubbelklik: naar de volgende plek in de brief."))
            self.addItem(item)
        if 0 <= current < self.count():
            self.setCurrentRow(current)
        self.blockSignals(False)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()  # Enter walks the hits; it must not reach the dialog's buttons

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
        group = self.groups[item.data(_GROUP_ROLE)]
        _label, part, start, end = group.occurrences[group.next_index % len(group.occurrences)]
        group.next_index = (group.next_index + 1) % len(group.occurrences)
        self.hit_chosen.emit(part, start, end)
