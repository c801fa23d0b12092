"""Choosing the organisation of a case: a deliberate choice, with a sensible default.

The default is the organisation of the case selected in the main window, else the one
used last (kept inside the journal), else — with exactly one organisation — that one.
With more than one organisation and no default, the combo shows "Kies een organisatie…"
and nothing is chosen, so a form refuses to save until the user picks one.
"""

from __future__ import annotations

import time
import unicodedata
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox

from ..domain.model import Organisation
from ..i18n import N_, _
from .widgets import named

PLACEHOLDER = N_("Kies een organisatie…")


def fold(text: str) -> str:
    """Lower case without accents, for matching what is typed: "Privé" ~ "prive"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def default_organisation(organisations: Sequence[Organisation], selected: int | None,
                         last_used: int | None) -> int | None:
    ids = [o.id for o in organisations]
    for candidate in (selected, last_used):
        if candidate is not None and candidate in ids:
            return candidate
    return ids[0] if len(ids) == 1 else None


class TypeAheadTimer:
    """Collects typed characters into one search text while they come in quick succession."""

    def __init__(self) -> None:
        self.text = ""
        self._at = 0.0

    def add(self, typed: str) -> str:
        now = time.monotonic()
        if now - self._at > QApplication.keyboardInputInterval() / 1000:
            self.text = ""
        self._at = now
        self.text += typed
        return self.text

    def active(self) -> bool:
        return bool(self.text) and (time.monotonic() - self._at
                                    <= QApplication.keyboardInputInterval() / 1000)


class OrganisationCombo(QComboBox):
    """A non-editable combo with type-ahead that also takes spaces: typing "Gemeente Utr"
    selects "Gemeente Utrecht" and never opens the drop-down (Alt+↓ or F4 does that; a
    space on its own, outside typing, too)."""

    def __init__(self, object_name: str, parent=None):
        super().__init__(parent)
        named(self, object_name, _("Organisatie"),
              _("Typ het begin van de naam; Alt+pijl omlaag opent de lijst."))
        self.setPlaceholderText(_(PLACEHOLDER))
        self._typed = TypeAheadTimer()

    def fill(self, organisations: Sequence[Organisation], chosen: int | None) -> None:
        self.clear()
        for org in organisations:
            self.addItem(org.name, org.id)
        self.choose(chosen)

    def choose(self, organisation_id: int | None) -> None:
        """Select that organisation, or none (the placeholder) when it is not in the list."""
        self.setCurrentIndex(self.findData(organisation_id) if organisation_id else -1)

    def keyPressEvent(self, event) -> None:
        text = event.text()
        modifiers = event.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier
                                          | Qt.KeyboardModifier.KeypadModifier)
        if text and text.isprintable() and modifiers == Qt.KeyboardModifier.NoModifier \
                and (text != " " or self._typed.active()):
            needle = fold(self._typed.add(text))
            for row in range(self.count()):
                if fold(self.itemText(row)).startswith(needle):
                    self.setCurrentIndex(row)
                    break
            event.accept()
            return
        super().keyPressEvent(event)
