"""Starting the GUI: the application object, the session and the main window."""

from __future__ import annotations

import contextlib
import os
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from ..app_paths import APP_NAME, DEMO_PASSPHRASE, default_journal_path, demo_journal_path
from ..storage.errors import StorageError
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


def fresh_demo_journal(cases: int = 250) -> Path:
    """Replace the demo journal with a new fictitious one (it never holds real data)."""
    from ..interchange.demo_data import create_demo_journal

    path = demo_journal_path()
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.remove(f"{path}{suffix}")
    create_demo_journal(path, DEMO_PASSPHRASE, cases=cases, seed=1)
    return path


def build_window(journal: str | None = None, demo: bool = False) -> tuple[MainWindow, Session]:
    _set_identity()
    main_thread_gc.install()
    session = Session()
    path: Path | None
    if demo:
        path = fresh_demo_journal()
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
    from .welcome_dialog import show_welcome_once  # first run only; never in build_window

    show_welcome_once(window)
    return app.exec()
