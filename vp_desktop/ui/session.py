"""The unlocked session: the open journal, auto-lock, drafts and the clipboard guard.

Locking saves every unsaved form as a draft inside the journal, closes all dialogs, clears
the clipboard if it still holds text this app put there, and drops the key and connection.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog

from ..domain.model import Draft, VpProfile
from ..storage.errors import StorageError
from ..storage.journal import Journal
from . import main_thread_gc

_ACTIVITY_EVENTS = {
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.ShortcutOverride,
}


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Session(QObject):
    unlocked = Signal()
    locked = Signal()
    locking = Signal()  # about to lock: hide every case (a backup may still run)
    data_changed = Signal(int)  # a case id, or -1 when more changed
    lock_failed = Signal(str)
    backup_done = Signal(str)  # the status text after an automatic backup, or its failure

    def __init__(self, parent=None):
        super().__init__(parent)
        self.journal: Journal | None = None
        self.path: Path | None = None
        self.demo_passphrase: str | None = None
        self._forms: list = []
        self._parked: list = []  # forms kept in memory when their draft could not be saved
        self._clipboard_digest: str | None = None
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.timeout.connect(self.lock)
        self._idle_ms = 5 * 60_000
        self._changes_at_backup = 0
        self._backup_thread = None
        self._backup_timer = QTimer(self)
        self._backup_timer.setInterval(15 * 60_000)  # checks; the interval itself is a setting
        self._backup_timer.timeout.connect(self.backup_if_due)
        app = QApplication.instance()
        app.installEventFilter(self)
        QGuiApplication.clipboard().dataChanged.connect(self._clipboard_changed)

    # --- unlocking ----------------------------------------------------------------------

    @property
    def is_unlocked(self) -> bool:
        return self.journal is not None and self.journal.is_open

    def unlock(self, path: Path, passphrase: str) -> None:
        """Open the journal; raises StorageError with a message for the user."""
        journal = Journal.open(path, passphrase)
        self.adopt(journal)

    def adopt(self, journal: Journal) -> None:
        if self.journal is not None:
            self.journal.close()
        self.journal = journal
        self.path = journal.path
        self._changes_at_backup = journal.vault.connection.total_changes
        self._backup_timer.start()
        self.apply_profile(journal.profile())
        self.unlocked.emit()
        for form in self._parked:
            form.show()
        self._parked.clear()

    def apply_profile(self, profile: VpProfile) -> None:
        self.set_auto_lock_ms(profile.auto_lock_minutes * 60_000)

    def set_auto_lock_ms(self, ms: int) -> None:
        self._idle_ms = ms
        if self.is_unlocked:
            self._idle.start(ms)

    # --- locking ------------------------------------------------------------------------

    @Slot()
    def lock(self) -> None:
        if self.journal is None:
            return
        self._idle.stop()
        for form in list(self._forms):
            payload = form.draft_payload()
            if payload is not None:
                try:
                    self.journal.save_draft(Draft(kind=form.draft_kind, payload=payload,
                                                  case_id=form.draft_case_id()))
                except StorageError:
                    # The text stays in memory only, hidden, and comes back after unlock.
                    self._forms.remove(form)
                    form.hide()
                    self._parked.append(form)
                    continue
            form.close_for_lock()
        self._forms.clear()
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible() and widget not in self._parked:
                widget.reject()
        self._clear_own_clipboard()
        name_check = sys.modules.get("vp_desktop.letters.name_check")
        if name_check is not None:  # its pattern cache holds the names of a case
            name_check.clear_cache()
        self._backup_timer.stop()
        self.locking.emit()  # the window hides every case now, before a backup takes time
        self._wait_for_backup()
        self._backup_on_lock()
        journal, self.journal = self.journal, None
        journal.close()
        self.locked.emit()

    def close(self) -> None:
        """Quit: like locking, so unsaved text is kept as a draft."""
        self.lock()

    # --- automatic backups -----------------------------------------------------------

    def _changed_since_backup(self) -> bool:
        return (self.journal is not None
                and self.journal.vault.connection.total_changes > self._changes_at_backup)

    def _backup_on_lock(self) -> None:
        """On lock and close: a verified backup when something changed (a failure is
        reported, never stops the lock)."""
        from ..services.backups import backup_due, make_backup_now
        from ..services.errors import ServiceError, user_message

        journal = self.journal
        if journal is None:
            return
        try:
            if backup_due(journal, changed=self._changed_since_backup()):
                make_backup_now(journal)
                self.backup_done.emit("")
        except (ServiceError, StorageError) as exc:
            self.backup_done.emit(user_message(exc))

    @Slot()
    def backup_if_due(self) -> None:
        """While open: at most once per interval (a setting), on a worker thread with its
        own connection, when something changed."""
        from ..services.backups import backup_due

        if self.journal is None or self._backup_thread is not None:
            return
        try:
            if backup_due(self.journal, changed=self._changed_since_backup(), interval=True):
                self.start_backup()
        except StorageError:
            pass

    def start_backup(self) -> None:
        """Make a backup now, off the UI thread; ``backup_done`` reports the end."""
        import threading

        from ..services.backups import plan_backup, run_backup
        from ..services.errors import ServiceError, user_message

        if self.journal is None or self._backup_thread is not None:
            return
        try:
            plan = plan_backup(self.journal)
        except (ServiceError, StorageError) as exc:
            self.backup_done.emit(user_message(exc))
            return
        result: dict = {}

        def work() -> None:
            try:
                result["outcome"] = run_backup(plan)
            except Exception as exc:  # reported on the UI thread
                result["error"] = exc

        main_thread_gc.install()  # no Qt object may be collected on the worker
        thread = threading.Thread(target=work, name="reservekopie", daemon=True)
        self._backup_thread = (thread, plan, result)
        thread.start()
        self._backup_poll = QTimer(self)
        self._backup_poll.setInterval(50)
        self._backup_poll.timeout.connect(self._backup_finished_check)
        self._backup_poll.start()

    @property
    def backup_running(self) -> bool:
        return self._backup_thread is not None

    def _backup_finished_check(self) -> None:
        if self._backup_thread is not None and not self._backup_thread[0].is_alive():
            self._backup_poll.stop()
            self._finish_backup()

    def _wait_for_backup(self) -> None:
        if self._backup_thread is not None:
            self._backup_thread[0].join()
            self._backup_poll.stop()
            self._finish_backup()

    def _finish_backup(self) -> None:
        from ..services.backups import finish_backup
        from ..services.errors import ServiceError, user_message

        assert self._backup_thread is not None
        _, plan, result = self._backup_thread
        self._backup_thread = None
        if "error" in result:
            self.backup_done.emit(user_message(result["error"]))
            return
        if self.journal is None:
            return
        try:
            finish_backup(self.journal, plan, result["outcome"])
            self._changes_at_backup = self.journal.vault.connection.total_changes
            self.backup_done.emit("")
        except (ServiceError, StorageError) as exc:
            self.backup_done.emit(user_message(exc))

    # --- forms and drafts ---------------------------------------------------------------

    def register_form(self, form) -> None:
        if form not in self._forms:
            self._forms.append(form)

    def forget_form(self, form) -> None:
        if form in self._forms:
            self._forms.remove(form)

    def open_forms(self) -> list:
        return list(self._forms)

    # --- activity and clipboard ---------------------------------------------------------

    def eventFilter(self, watched, event) -> bool:
        if event.type() in _ACTIVITY_EVENTS and self.journal is not None:
            self._idle.start(self._idle_ms)
        return False

    def _clipboard_changed(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if self.is_unlocked and (clipboard.ownsClipboard()
                                 or QGuiApplication.focusWindow() is not None):
            self._clipboard_digest = _digest(clipboard.text())

    def _clear_own_clipboard(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if self._clipboard_digest and _digest(clipboard.text()) == self._clipboard_digest:
            clipboard.clear()
        self._clipboard_digest = None
