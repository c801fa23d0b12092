"""Where a new journal file goes: a path with 'Bladeren…', and the location rules shown as
one types (a network place refused, a synchronised folder only with an explicit tick). One
widget for every window that makes a new journal file (a new journal, a handover)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ..app_paths import JOURNAL_SUFFIX
from ..i18n import _
from ..storage.location_guard import LocationVerdict, assess_location
from .announce import update_message
from .widgets import named, save_file_name

ERROR_STYLE = "color: #b00020;"


class NewJournalPlace:
    """Adds the rows 'path + Bladeren…', the location note and the sync-folder tick to
    ``form``. ``prefix`` names the widgets (``{prefix}Path``, ``{prefix}Browse``,
    ``{prefix}LocationNote``, ``{prefix}SyncOverride``)."""

    def __init__(self, form: QFormLayout, prefix: str, *, label: str, accessible: str,
                 dialog_title: str, sync_text: str, default: str = ""):
        self._dialog_title = dialog_title
        where = QWidget()
        row = QHBoxLayout(where)
        row.setContentsMargins(0, 0, 0, 0)
        self.path = named(QLineEdit(default), f"{prefix}Path", accessible)
        self.browse = named(QPushButton(_("&Bladeren…")), f"{prefix}Browse", _("Plek kiezen"))
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        where.setFocusProxy(self.path)  # the row's mnemonic lands in the path field
        self.path.setToolTip(_("Map en naam van het nieuwe journaalbestand (eindigt op "
                               "{suffix}), op deze computer, niet op een netwerkschijf").format(
                                   suffix=JOURNAL_SUFFIX))
        form.addRow(label, where)
        self.note = named(QLabel(), f"{prefix}LocationNote", _("Over deze plek"))
        self.note.setWordWrap(True)
        form.addRow(self.note)
        self.sync_override = named(QCheckBox(sync_text), f"{prefix}SyncOverride",
                                   _("Toch in gesynchroniseerde map opslaan"))
        self.sync_override.hide()
        form.addRow(self.sync_override)
        self.browse.clicked.connect(self._browse)
        self.path.textChanged.connect(self.check)
        self.check()

    def _browse(self) -> None:
        chosen, _filter = save_file_name(
            self.path.window(), self._dialog_title, self.path.text(),
            _("Journaal van VP Desktop (*{suffix})").format(suffix=JOURNAL_SUFFIX))
        if chosen:
            self.path.setText(chosen if chosen.endswith(JOURNAL_SUFFIX)
                              else chosen + JOURNAL_SUFFIX)

    def check(self) -> None:
        """Show what the location rules say about the place typed so far."""
        text = self.path.text().strip()
        assessment = assess_location(Path(text).expanduser()) if text else None
        if assessment is None or assessment.verdict is LocationVerdict.OK:
            update_message(self.note, "")
            self.sync_override.hide()
            return
        update_message(self.note, assessment.reason, error=True)
        self.note.setStyleSheet(ERROR_STYLE)
        self.sync_override.setVisible(assessment.verdict is LocationVerdict.WARN_SYNC)

    def text(self) -> str:
        return self.path.text().strip()

    @property
    def allow_sync_folder(self) -> bool:
        return self.sync_override.isChecked()
