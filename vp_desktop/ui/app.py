"""Starting the GUI: the application object, the session and the main window."""

from __future__ import annotations

import contextlib
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from ..app_paths import APP_NAME, DEMO_PASSPHRASE, default_journal_path, demo_journal_path
from ..storage.errors import StorageError
from ..storage.journal import Journal
from . import main_thread_gc
from .main_window import SETTINGS_JOURNAL_KEY, MainWindow
from .screen_lock import ScreenLockWatcher
from .session import Session


def _set_identity() -> None:
    """Names Qt uses for the settings file (which holds only the last journal's path)."""
    QCoreApplication.setOrganizationName("VP Desktop")
    QCoreApplication.setApplicationName(APP_NAME)


def _application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    _set_identity()
    app.setApplicationDisplayName(APP_NAME)
    _install_dutch_qt_texts(app)
    return app


def _install_dutch_qt_texts(app: QApplication) -> None:
    """Qt's own buttons and dialogs (Annuleren, file dialogs, calendar) in Dutch."""
    translator = QTranslator(app)
    if translator.load(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands), "qtbase",
                       "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)
    QLocale.setDefault(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))


DEMO_CASES = 250


def fresh_demo_journal(cases: int | None = None) -> Path:
    """Replace the demo journal with a new fictitious one (callers first make sure the user
    did not change it, see :func:`open_demo_journal`)."""
    from ..interchange.demo_data import create_demo_journal

    path = demo_journal_path()
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.remove(f"{path}{suffix}")
    create_demo_journal(path, DEMO_PASSPHRASE, cases=cases or DEMO_CASES, seed=1)
    return path


DEMO_CHANGED = ("Het demojournaal bevat wijzigingen die u zelf heeft gemaakt, of het opent "
                "niet meer met het demowachtwoord.\n\n"
                "Opnieuw beginnen wist die wijzigingen en maakt een nieuw demojournaal met "
                "verzonnen gegevens. Behouden opent het zoals het is.")


def ask_keep_changed_demo(parent=None) -> bool:
    """Ask whether to keep a demo journal the user changed; keeping is the default (Enter
    and Escape both keep it)."""
    box = QMessageBox(QMessageBox.Icon.Question, "Demojournaal gewijzigd", DEMO_CHANGED,
                      QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("demoChangedQuestion")
    keep = box.addButton("&Behouden", QMessageBox.ButtonRole.AcceptRole)
    keep.setObjectName("demoKeep")
    restart = box.addButton("&Opnieuw beginnen", QMessageBox.ButtonRole.DestructiveRole)
    restart.setObjectName("demoRestart")
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is not restart


def open_demo_journal(keep_changed: Callable[[], bool] = ask_keep_changed_demo
                      ) -> tuple[Path, Journal | None]:
    """The demo journal for ``--demo``: a fresh one, unless the existing one holds changes
    the user made (see storage/demo_marker.py) and ``keep_changed()`` says to keep it.
    Returns its path and, when kept and it opened with the demo passphrase, the open
    journal."""
    from ..storage import demo_marker

    path = demo_journal_path()
    if not path.exists():
        return fresh_demo_journal(), None
    journal: Journal | None = None
    try:
        journal = Journal.open(path, DEMO_PASSPHRASE)
        changed = demo_marker.changed_by_user(journal)
    except StorageError:
        changed = True  # another passphrase, or damaged: never wipe without asking
    if changed and keep_changed():
        return path, journal
    if journal is not None:
        journal.close()
    return fresh_demo_journal(), None


def build_window(journal: str | None = None, demo: bool = False, *,
                 keep_changed_demo: Callable[[], bool] = ask_keep_changed_demo
                 ) -> tuple[MainWindow, Session]:
    _set_identity()
    main_thread_gc.install()
    session = Session()
    path: Path | None
    kept: Journal | None = None
    if demo:
        path, kept = open_demo_journal(keep_changed_demo)
    elif journal:
        path = Path(journal).expanduser().absolute()
    else:
        remembered = QSettings().value(SETTINGS_JOURNAL_KEY, "")
        path = Path(remembered) if remembered else default_journal_path()
        if not path.exists():
            path = None
    window = MainWindow(session, path, demo=demo)
    watcher = ScreenLockWatcher(window)
    watcher.screen_locked.connect(session.lock)
    if demo:
        window.unlock_view.set_hint(f"Demojournaal met verzonnen gegevens. "
                                    f"Wachtwoord: {DEMO_PASSPHRASE}")
        try:
            if kept is not None:
                session.adopt(kept)
            elif path is not None:
                session.unlock(path, DEMO_PASSPHRASE)
        except StorageError as exc:
            window.unlock_view.show_message(exc.message)
    return window, session


def install_exception_hook() -> None:
    """An unexpected error in the GUI: a calm message for the user, and on stderr only where
    it happened (file and line, never the exception text, which might quote case content)."""

    def hook(exc_type, exc, tb) -> None:
        where = "".join(traceback.format_tb(tb)[-3:])
        print(f"VP Desktop: onverwachte fout {exc_type.__name__}\n{where}", file=sys.stderr)
        message = exc.message if isinstance(exc, StorageError) else (
            "Er ging iets mis. Wat al was opgeslagen is veilig; probeer het opnieuw of "
            "vergrendel en ontgrendel het journaal.")
        QMessageBox.warning(QApplication.activeWindow(), APP_NAME, message)

    sys.excepthook = hook


def run_app(journal: str | None = None, demo: bool = False) -> int:
    app = _application()
    install_exception_hook()
    try:
        window, _session = build_window(journal, demo)
    except StorageError as exc:
        QMessageBox.critical(None, APP_NAME, exc.message)
        return exc.exit_code
    window.show()
    return app.exec()
