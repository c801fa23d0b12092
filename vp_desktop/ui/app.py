"""Starting the GUI: the application object, the session and the main window."""

from __future__ import annotations

import contextlib
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtGui import QPalette, QPen
from PySide6.QtWidgets import QApplication, QMessageBox, QProxyStyle, QStyle

from .. import i18n
from ..app_paths import APP_NAME, DEMO_PASSPHRASE, default_journal_path, demo_journal_path
from ..i18n import N_, _
from ..storage.errors import StorageError
from ..storage.journal import Journal
from . import main_thread_gc
from .main_window import SETTINGS_JOURNAL_KEY, SETTINGS_LANGUAGE_KEY, MainWindow
from .qt_dutch import DutchQtTexts
from .screen_lock import ScreenLockWatcher
from .session import Session
from .single_instance import WindowJournalGuard, start_or_hand_over, watch_file_open_requests


def _set_identity() -> None:
    """Names Qt uses for the settings file (which holds only the last journal's path)."""
    QCoreApplication.setOrganizationName("VP Desktop")
    QCoreApplication.setApplicationName(APP_NAME)


def interface_language(requested: str | None = None) -> str:
    """The interface language for this start: ``requested`` (``--lang``) when given, else
    the "taal" setting, else the system's language (Dutch unless the system asks for English).
    Sets it in :mod:`vp_desktop.i18n` and returns it."""
    if requested not in i18n.LANGUAGES:
        stored = QSettings().value(SETTINGS_LANGUAGE_KEY, "")
        requested = stored if stored in i18n.LANGUAGES else None
    return i18n.set_language(requested)


def _application(lang: str | None = None) -> QApplication:
    """The application object, with the interface language chosen (``lang`` from ``--lang``
    wins over the stored setting) before any window is built."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    _set_identity()
    interface_language(lang)
    app.setApplicationDisplayName(APP_NAME)
    _install_dutch_qt_texts(app)
    install_focus_ring()
    return app


FOCUS_RING_WIDTH = 2


class FocusRingStyle(QProxyStyle):
    """The platform's style with a clearly visible keyboard focus: a 2-px ring in the
    palette's highlight colour around the focused button, check box, combo box, line edit,
    spin box and the current item of a list or table."""

    def _ring(self, option, painter, on_item: bool = False) -> None:
        group = QPalette.ColorGroup.Active
        color = option.palette.color(group, QPalette.ColorRole.Highlight)
        if on_item and option.state & QStyle.StateFlag.State_Selected:  # on a highlighted row
            color = color.darker(170)
        painter.save()
        pen = QPen(color, FOCUS_RING_WIDTH)
        pen.setJoinStyle(pen.joinStyle().MiterJoin)
        painter.setPen(pen)
        painter.setBrush(option.palette.brush(QPalette.ColorRole.NoRole))
        half = FOCUS_RING_WIDTH // 2
        painter.drawRect(option.rect.adjusted(half, half, -half, -half))
        painter.restore()

    def drawPrimitive(self, element, option, painter, widget=None) -> None:
        if element == QStyle.PrimitiveElement.PE_FrameFocusRect:
            self._ring(option, painter, on_item=True)
            return
        super().drawPrimitive(element, option, painter, widget)
        if (element == QStyle.PrimitiveElement.PE_PanelLineEdit
                and option.state & QStyle.StateFlag.State_HasFocus):
            self._ring(option, painter)

    def drawControl(self, element, option, painter, widget=None) -> None:
        super().drawControl(element, option, painter, widget)
        if (element == QStyle.ControlElement.CE_PushButtonBevel
                and option.state & QStyle.StateFlag.State_HasFocus):
            self._ring(option, painter)

    def drawComplexControl(self, control, option, painter, widget=None) -> None:
        super().drawComplexControl(control, option, painter, widget)
        if (control == QStyle.ComplexControl.CC_ComboBox
                and option.state & QStyle.StateFlag.State_HasFocus):
            self._ring(option, painter)


def install_focus_ring() -> None:
    """Give the application the focus-ring style (once; the window factory calls it too)."""
    app = QApplication.instance()
    if isinstance(app, QApplication) and not isinstance(app.style(), FocusRingStyle):
        app.setStyle(FocusRingStyle())


_qt_translators: list[QTranslator] = []


def _install_dutch_qt_texts(app: QApplication) -> list[QTranslator]:
    """Qt's own buttons and dialogs (Annuleren, file dialogs, calendar) in Dutch: Qt's
    catalogue, then our corrections on top (consulted first), only when the interface
    language is Dutch; in English Qt's own (English) texts stay. Removes what an earlier
    call installed. Returns what it installed."""
    while _qt_translators:
        app.removeTranslator(_qt_translators.pop())
    if i18n.language() != "nl":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.Netherlands))
        return []
    installed = _qt_translators
    translator = QTranslator(app)
    if translator.load(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands), "qtbase",
                       "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)
        installed.append(translator)
    ours = DutchQtTexts(app)
    app.installTranslator(ours)
    installed.append(ours)
    QLocale.setDefault(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
    return list(installed)


DEMO_CASES = 250


def fresh_demo_journal(cases: int | None = None) -> Path:
    """Replace the demo journal with a new fictitious one (callers first make sure the user
    did not change it, see :func:`open_demo_journal`)."""
    from ..interchange.demo_data import create_demo_journal
    from ..storage.backup import backup_files, backup_stem, default_backup_dir

    path = demo_journal_path()
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.remove(f"{path}{suffix}")
    # backups an earlier start made of the demo go too: they may hold what was typed into it
    for backup in backup_files(default_backup_dir(path), backup_stem(path)):
        with contextlib.suppress(FileNotFoundError):
            backup.unlink()
    create_demo_journal(path, DEMO_PASSPHRASE, cases=cases or DEMO_CASES, seed=1)
    return path


DEMO_CHANGED = N_("Het demojournaal bevat wijzigingen die u zelf heeft gemaakt, of het opent "
                "niet meer met het demowachtwoord.\n\n"
                "Let op: het demowachtwoord is openbaar (het staat op het ontgrendelscherm). "
                "Zet nooit echte gesprekken in het demojournaal; die horen in uw eigen "
                "journaal (Journaal › Nieuw journaal).\n\n"
                "Opnieuw beginnen wist die wijzigingen (ook eerdere reservekopieën van het "
                "demojournaal) en maakt een nieuw demojournaal met verzonnen gegevens. "
                "Behouden opent het zoals het is.")


def ask_keep_changed_demo(parent=None) -> bool:
    """Ask whether to keep a demo journal the user changed; keeping is the default (Enter
    and Escape both keep it)."""
    box = QMessageBox(QMessageBox.Icon.Question, _("Demojournaal gewijzigd"), _(DEMO_CHANGED),
                      QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("demoChangedQuestion")
    keep = box.addButton(_("&Behouden"), QMessageBox.ButtonRole.AcceptRole)
    keep.setObjectName("demoKeep")
    restart = box.addButton(_("&Opnieuw beginnen"), QMessageBox.ButtonRole.DestructiveRole)
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
    install_focus_ring()
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
    window.journal_guard = WindowJournalGuard(window, session)  # one window per journal
    if demo:
        window.unlock_view.set_hint(_("Demojournaal met verzonnen gegevens. "
                                      "Wachtwoord: {passphrase}").format(
                                          passphrase=DEMO_PASSPHRASE))
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
        message = exc.message if isinstance(exc, StorageError) else _(
            "Er ging iets mis. Wat al was opgeslagen is veilig; probeer het opnieuw of "
            "vergrendel en ontgrendel het journaal.")
        QMessageBox.warning(QApplication.activeWindow(), APP_NAME, message)

    sys.excepthook = hook


def _handed_over_path(journal: str | None, demo: bool) -> Path | None:
    """The journal a start asks for, as an absolute path (a second start hands it over)."""
    if demo:
        return demo_journal_path()
    return Path(journal).expanduser().absolute() if journal else None


def run_app(journal: str | None = None, demo: bool = False, lang: str | None = None) -> int:
    """Start the GUI; ``lang`` ("nl"/"en", from ``--lang``) overrides the stored setting."""
    app = _application(lang)
    instance = start_or_hand_over(_handed_over_path(journal, demo))
    if instance is None:  # the running window took it over
        return 0
    install_exception_hook()
    file_open = None
    try:
        try:
            window, _session = build_window(journal, demo)
        except StorageError as exc:
            QMessageBox.critical(None, APP_NAME, exc.message)
            return exc.exit_code
        if instance.server is not None:
            instance.server.handed_over.connect(window.accept_second_start)
        file_open = watch_file_open_requests(app, window)  # macOS: a double-clicked .vpj
        window.show()
        from .welcome_dialog import show_welcome_once  # first run only; never in build_window

        show_welcome_once(window)
        _quit_after_for_smoke_test(app, window)
        return app.exec()
    finally:
        if file_open is not None:
            app.removeEventFilter(file_open)
        instance.release()


def _quit_after_for_smoke_test(app: QApplication, window: MainWindow) -> None:
    """VP_DESKTOP_QUIT_AFTER_MS=N (smoke test of the bundle, installer/README.md): N ms after
    the event loop started, print which screen is showing and leave with exit code 0."""
    delay = os.environ.get("VP_DESKTOP_QUIT_AFTER_MS", "")
    if not delay.isdigit():
        return
    from PySide6.QtCore import QTimer

    def report() -> None:
        screen = "ontgrendelen" if window.stack.currentIndex() == 0 else "journaal"
        print(f"vp-desktop: scherm={screen}", flush=True)
        app.exit(0)

    QTimer.singleShot(int(delay), report)
