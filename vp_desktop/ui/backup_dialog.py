"""Journaal → Reservekopieën: every backup (date, place, size, counts, checked or made with an
older passphrase), a backup now (off the UI thread), restoring one (the current journal is
backed up first, then swapped in one step and reopened) and the backup settings (a second
place, how many to keep, daily backups while open)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..i18n import N_, _, ngettext
from ..services import backups as service
from ..services.errors import ServiceError, user_message
from ..storage.errors import StorageError
from .announce import clear_message, keep_focus, show_error, show_message
from .secret_field import ask_secret
from .widgets import existing_directory, fit_to_screen, format_datetime, named
from .worker import Task

# the check column: marked here, translated where shown (compared untranslated)
VERIFIED = N_("gecontroleerd")
OLDER = N_("ouder wachtwoord")
UNCHECKED = N_("niet gecontroleerd")
RESTORE_QUESTION = N_(
    "De reservekopie van {when} terugzetten?\n\nWat na dat moment in het journaal is gezet, "
    "is daarna niet meer in het journaal. Eerst wordt van het huidige journaal een "
    "reservekopie gemaakt; vernietigde dossiers blijven vernietigd.")


# where a backup is (services.backups.PRIMARY / SECOND), as the list shows it
PLACES = {service.PRIMARY: N_("journaalmap"), service.SECOND: N_("tweede plek")}


def place_text(place: str) -> str:
    return _(PLACES[place]) if place in PLACES else place


def size_text(size: int) -> str:
    if size >= 1_000_000:
        whole, tenth = f"{size / 1_000_000:.1f}".split(".")
        # the decimal separator is the translation's: "2,5 MB" in Dutch, "2.5 MB" in English
        return _("{whole},{tenth} MB").format(whole=whole, tenth=tenth)
    return _("{size} kB").format(size=max(1, round(size / 1000)))


def status_text(entry: service.BackupEntry) -> str:
    if not entry.verified:
        return UNCHECKED
    return OLDER if entry.older_passphrase else VERIFIED


class BackupListModel(QAbstractTableModel):
    HEADERS = (N_("Gemaakt op"), N_("Plek"), N_("Grootte"), N_("Dossiers"), N_("Gesprekken"),
               N_("Controle"))
    HEADER_TIPS = {
        "Plek": N_("Waar de reservekopie staat: de journaalmap of de tweede plek (bijvoorbeeld "
                "een versleutelde USB-stick)"),
        "Controle": N_("Of de reservekopie na het maken is gecontroleerd en met welk wachtwoord "
                    "hij opengaat"),
    }

    def __init__(self, parent=None):
        super().__init__(parent)
        self._entries: list[service.BackupEntry] = []

    def set_entries(self, entries: list[service.BackupEntry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def entry(self, row: int) -> service.BackupEntry | None:
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def entries(self) -> list[service.BackupEntry]:
        return list(self._entries)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _(self.HEADERS[section])
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            tip = self.HEADER_TIPS.get(self.HEADERS[section])
            return _(tip) if tip else None
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        entry = self.entry(index.row()) if index.isValid() else None
        if entry is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (format_datetime(entry.made_at), place_text(entry.place), size_text(entry.size),
                    "" if entry.cases is None else str(entry.cases),
                    "" if entry.consultations is None else str(entry.consultations),
                    _(status_text(entry)))[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == 5 and status_text(entry) != VERIFIED:
            return QColor("#c65f00")
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (2, 3, 4):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(entry.path)
        return None


class BackupDialog(QDialog):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        named(self, "backupDialog", _("Reservekopieën"))
        self.setWindowTitle(_("Reservekopieën"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        fit_to_screen(self, 940, 640)
        self.task: Task | None = None
        self._making = False
        layout = QVBoxLayout(self)
        intro = QLabel(_("Een reservekopie is een versleutelde kopie van het journaal, met "
                         "hetzelfde wachtwoord. Elke reservekopie wordt na het maken "
                         "gecontroleerd."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.purge_note = named(QLabel(), "backupPurgeNote", _("Reservekopieën na vernietiging"))
        self.purge_note.setWordWrap(True)
        layout.addWidget(self.purge_note)

        self.model = BackupListModel(self)
        self.view = named(QTableView(), "backupList", _("Reservekopieën"),
                          _("Alle reservekopieën, nieuwste eerst"))
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)  # Tab leaves the table
        self.view.verticalHeader().hide()
        self.view.setAlternatingRowColors(True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout.addWidget(self.view, 1)

        row = QHBoxLayout()
        self.make_button = named(QPushButton(_("&Nu een reservekopie maken")), "backupMakeNow",
                                 _("Nu een reservekopie maken"))
        self.restore_button = named(QPushButton(_("&Terugzetten…")), "backupRestore",
                                    _("Gekozen reservekopie terugzetten"))
        row.addWidget(self.make_button)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.progress = named(QProgressBar(), "backupProgress", _("Voortgang"))
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.hide()
        layout.addWidget(self.progress)
        self.message = named(QLabel(), "backupMessage", _("Melding"))
        self._give_focus_back: Callable[[], None] = lambda: None
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        clear_message(self.message)  # empty: hidden, no unnamed focus stop
        layout.addWidget(self.message)

        layout.addWidget(self._build_settings())
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setText(_("&Sluiten"))
        named(self.close_button, "backupClose", _("Sluiten"))
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        # Enter in a field must not start a backup: no button is the dialog's default.
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
            button.setDefault(False)
        self.second_dir.returnPressed.connect(self.save_settings)
        self.make_button.clicked.connect(self.make_now)
        self.restore_button.clicked.connect(lambda: self.restore_selected())
        self.view.activated.connect(lambda _index: self.restore_selected())
        session.backup_done.connect(self._on_backup_done)
        self.reload()
        self._load_settings()
        if session.backup_running:  # an automatic one is under way
            self._making = True
            self._show_busy(_("Er wordt een reservekopie gemaakt…"))
        self.view.setFocus()

    def _build_settings(self) -> QWidget:
        box = QGroupBox(_("Instellingen voor reservekopieën"))
        form = QFormLayout(box)
        form.setHorizontalSpacing(14)
        where = QWidget()
        row = QHBoxLayout(where)
        row.setContentsMargins(0, 0, 0, 0)
        self.second_dir = named(QLineEdit(), "backupSecondDir", _("Tweede plek"),
                                _("Een tweede map, bijvoorbeeld op een USB-stick"))
        self.second_dir.setPlaceholderText(_("geen (alleen de map naast het journaal)"))
        choose = named(QPushButton(_("&Kiezen…")), "backupChooseSecond",
                       _("Tweede plek kiezen"))
        choose.clicked.connect(self.choose_second_dir)
        row.addWidget(self.second_dir, 1)
        row.addWidget(choose)
        where.setFocusProxy(self.second_dir)
        form.addRow(_("T&weede plek"), where)
        self.place_note = named(QLabel(), "backupPlaceNote", _("Over de tweede plek"))
        self.place_note.setWordWrap(True)
        self.place_note.hide()  # shown only with something to say (no empty gap)
        form.addRow(self.place_note)
        keep = QWidget()
        keep_row = QHBoxLayout(keep)
        keep_row.setContentsMargins(0, 0, 0, 0)
        self.daily = self._spin("backupKeepDaily", _("Dagelijkse reservekopieën bewaren"), 1)
        self.weekly = self._spin("backupKeepWeekly", _("Wekelijkse reservekopieën bewaren"), 0)
        self.monthly = self._spin("backupKeepMonthly", _("Maandelijkse reservekopieën bewaren"),
                                  0)
        for label, spin in ((_("dagelijks"), self.daily), (_("wekelijks"), self.weekly),
                            (_("maandelijks"), self.monthly)):
            keep_row.addWidget(spin)
            keep_row.addWidget(QLabel(label))
        keep_row.addStretch(1)
        keep.setFocusProxy(self.daily)
        form.addRow(_("&Bewaren"), keep)
        self.automatic = named(QCheckBox(_("&Dagelijks een reservekopie maken zolang het "
                                           "journaal open is (en bij vergrendelen en "
                                           "afsluiten)")),
                               "backupAutomatic", _("Automatisch reservekopieën maken"))
        form.addRow(self.automatic)
        save_row = QHBoxLayout()
        self.save_button = named(QPushButton(_("Instellingen &opslaan")), "backupSaveSettings",
                                 _("Instellingen voor reservekopieën opslaan"))
        self.save_button.clicked.connect(self.save_settings)
        save_row.addWidget(self.save_button)
        save_row.addStretch(1)
        form.addRow(save_row)
        self.second_dir.textChanged.connect(lambda _t: self._note("", error=False))
        return box

    @staticmethod
    def _spin(name: str, accessible: str, minimum: int) -> QSpinBox:
        spin = named(QSpinBox(), name, accessible)
        spin.setRange(minimum, 1000)
        return spin

    # --- list and settings ----------------------------------------------------------------

    def reload(self) -> None:
        journal = self.session.journal
        if journal is None:
            return
        selected = self.selected()
        try:
            entries = service.list_backups(journal)
        except (StorageError, ServiceError) as exc:
            self._show(user_message(exc), error=True)
            return
        self.model.set_entries(entries)
        rows = [i for i, e in enumerate(entries) if selected and e.path == selected.path]
        if rows or entries:
            self.view.selectRow(rows[0] if rows else 0)
        self.restore_button.setEnabled(bool(entries) and not self.busy)

    def selected(self) -> service.BackupEntry | None:
        index = self.view.currentIndex()
        return self.model.entry(index.row()) if index.isValid() else None

    def _load_settings(self) -> None:
        journal = self.session.journal
        if journal is None:
            return
        settings = service.load_settings(journal)
        self.second_dir.setText(settings.second_dir)
        self.daily.setValue(settings.daily)
        self.weekly.setValue(settings.weekly)
        self.monthly.setValue(settings.monthly)
        self.automatic.setChecked(settings.automatic)
        self.purge_note.setText(ngettext(
            "Reservekopieën van vóór een vernietiging bevatten de vernietigde gegevens nog; "
            "ze worden {n} dag na de vernietiging verwijderd. Een teruggezette reservekopie "
            "krijgt de vernietigingen opnieuw.",
            "Reservekopieën van vóór een vernietiging bevatten de vernietigde gegevens nog; "
            "ze worden {n} dagen na de vernietiging verwijderd. Een teruggezette reservekopie "
            "krijgt de vernietigingen opnieuw.", settings.purge_days).format(n=settings.purge_days))
        self._note("", error=False)

    def choose_second_dir(self) -> None:
        start = self.second_dir.text().strip() or str(Path.home())
        chosen = existing_directory(self, _("Tweede plek voor reservekopieën"), start)
        if chosen:
            self.second_dir.setText(chosen)
            self.check_second_dir()

    def check_second_dir(self) -> bool:
        """The location guard on the chosen folder: a refusal or a warning as a message."""
        text = self.second_dir.text().strip()
        if not text:
            self._note("", error=False)
            return True
        try:
            warning = service.check_backup_folder(text)
        except ServiceError as exc:
            self._note(exc.message, error=True, field=self.second_dir)
            return False
        self._note(warning, error=False)
        return True

    def _note(self, text: str, *, error: bool, field: QWidget | None = None) -> None:
        """A note on the second place: a refusal (announced assertively, the focus to
        ``field``) or a warning (announced politely); "" hides it."""
        self.place_note.setStyleSheet("color: #b00020;" if error else "color: #c65f00;")
        if error:
            show_error(self.place_note, text, field)
        else:
            show_message(self.place_note, text)

    def save_settings(self) -> bool:
        journal = self.session.journal
        if journal is None:
            return False
        base = service.load_settings(journal)  # keeps what this window does not show
        base.second_dir = self.second_dir.text().strip()
        base.daily, base.weekly = self.daily.value(), self.weekly.value()
        base.monthly, base.automatic = self.monthly.value(), self.automatic.isChecked()
        try:
            warning = service.save_settings(journal, base)
        except (ServiceError, StorageError) as exc:
            self._note(user_message(exc), error=True, field=self.second_dir)
            return False
        self._note(warning, error=False)
        self._show(_("De instellingen voor reservekopieën zijn opgeslagen."), error=False)
        self.reload()
        return True

    # --- messages and busy state ----------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._making or (self.task is not None and self.task.running)

    def _show(self, text: str, *, error: bool) -> None:
        """A result (announced politely) or an error (announced assertively; the focus to
        the message, which can be reached with Tab while it shows)."""
        self.message.setStyleSheet("color: #b00020;" if error else "")
        if error:
            show_error(self.message, text)
        else:
            show_message(self.message, text)

    def _show_busy(self, text: str) -> None:
        self.progress.show()
        self._show(text, error=False)

        def disable() -> None:
            for widget in (self.make_button, self.restore_button, self.save_button):
                widget.setEnabled(False)
        self._give_focus_back = keep_focus(self, disable)

    def _end_busy(self) -> None:
        self.progress.hide()
        self.make_button.setEnabled(True)
        self.save_button.setEnabled(True)
        self.restore_button.setEnabled(self.model.rowCount() > 0)
        self._give_focus_back()  # where the user was: not the next control Qt chose

    # --- a backup now ---------------------------------------------------------------------

    def make_now(self) -> bool:
        """Start a verified backup off the UI thread; the list updates when it is done."""
        if self.busy or self.session.journal is None:
            return False
        self._making = True
        self._show_busy(_("Er wordt een reservekopie gemaakt en gecontroleerd…"))
        self.session.start_backup()
        if not self.session.backup_running and self._making:  # refused at once
            self._making = False
            self._end_busy()
            return False
        return True

    def _on_backup_done(self, error: str) -> None:
        if not self._making:
            self.reload()
            return
        self._making = False
        self._end_busy()
        self.reload()
        if error:
            self._show(error, error=True)
        else:
            newest = self.model.entry(0)
            if newest is not None and newest.cases is not None:
                text = ngettext("De reservekopie is gemaakt en gecontroleerd ({n} dossier).",
                                "De reservekopie is gemaakt en gecontroleerd ({n} dossiers).",
                                newest.cases).format(n=newest.cases)
            else:
                text = _("De reservekopie is gemaakt en gecontroleerd.")
            self._show(text, error=False)

    # --- restore --------------------------------------------------------------------------

    def restore_selected(self, *, confirm: bool = True, passphrase: str | None = None) -> bool:
        """Restore the selected backup off the UI thread: asks first (unless ``confirm`` is
        False), backs up the current journal, swaps, reopens. For a backup made with an
        older passphrase that passphrase is asked (or given). Returns whether it started."""
        entry = self.selected()
        journal = self.session.journal
        if entry is None or journal is None or self.busy:
            return False
        if self.session.open_forms():
            self._show(_("Sluit eerst de open vensters (gesprekken, dossiers, brieven); daarna "
                         "kan een reservekopie worden teruggezet."), error=True)
            return False
        if self.session.backup_running:
            self._show(_("Er wordt nog een reservekopie gemaakt; probeer het zo opnieuw."),
                       error=True)
            return False
        if confirm and QMessageBox.question(
                self, _("Reservekopie terugzetten"),
                _(RESTORE_QUESTION).format(when=format_datetime(entry.made_at)),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel) != QMessageBox.StandardButton.Yes:
            return False
        if passphrase is None and entry.older_passphrase:
            passphrase, ok = ask_secret(
                self, _("Reservekopie terugzetten"),
                _("Deze reservekopie is gemaakt met een ouder wachtwoord. Typ dat wachtwoord; "
                  "het teruggezette journaal opent daarna met dat wachtwoord."))
            if not ok or not passphrase:
                return False
        own = journal.vault.passphrase
        key = passphrase or own
        path = Path(journal.path)
        self.session.journal = None  # the worker has the file to itself; no timer touches it
        journal.close()
        self.task = Task(lambda: service.restore(entry.path, key, path, replace=True,
                                                 current_passphrase=own), self, "terugzetten")
        self.task.finished.connect(lambda outcome: self._restored(outcome, path, key))
        self.task.failed.connect(lambda exc: self._restore_failed(exc, path, own))
        self._show_busy(_("De reservekopie wordt teruggezet: eerst een reservekopie van het "
                          "huidige journaal, dan het terugzetten zelf…"))
        self.task.start()
        return True

    def _reopen(self, path: Path, passphrase: str) -> bool:
        from ..storage.journal import Journal

        try:
            self.session.adopt(Journal.open(path, passphrase))
        except StorageError as exc:
            self.session.locked.emit()  # the unlock screen shows; nothing is lost
            self._show(user_message(exc), error=True)
            return False
        return True

    def _restored(self, outcome: service.RestoreOutcome, path: Path, passphrase: str) -> None:
        self._end_busy()
        if not self._reopen(path, passphrase):
            return
        self._load_settings()
        self.reload()
        parts = [_("De reservekopie is teruggezet en het journaal is weer geopend.")]
        if outcome.reapplied:
            n = len(outcome.reapplied)
            parts.append(ngettext("{n} vernietigd dossier is opnieuw vernietigd.",
                                  "{n} vernietigde dossiers zijn opnieuw vernietigd.",
                                  n).format(n=n))
        if outcome.safety_backup is not None:
            parts.append(_("De stand van vóór het terugzetten is bewaard als reservekopie "
                           "({name}).").format(name=outcome.safety_backup.name))
        self._show(" ".join(parts), error=False)

    def _restore_failed(self, exc: BaseException, path: Path, passphrase: str) -> None:
        self._end_busy()
        if self._reopen(path, passphrase):
            self.reload()
            self._show(user_message(exc), error=True)

    # --- closing --------------------------------------------------------------------------

    def reject(self) -> None:
        if self.task is not None and self.task.running:
            return  # a restore finishes first
        super().reject()

    def closeEvent(self, event) -> None:
        if self.task is not None and self.task.running:
            event.ignore()
            return
        super().closeEvent(event)
