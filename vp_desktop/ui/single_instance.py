"""One window per user, one writer per journal.

Two mechanisms, both per user and both free of network traffic:

* **The running window.** The first GUI start of a user claims an instance lock
  (``QLockFile`` in the user's runtime folder) and listens on a ``QLocalServer`` (a Unix
  socket in that folder on Linux and macOS, a named pipe on Windows; never TCP). A second
  start finds the lock taken, connects, hands over the journal path it was started with (a
  double-clicked ``.vpj``) and exits; the running window comes to the front and, for another
  journal, switches to it (asking first when something is unsaved).
* **The journal lock.** While a window has a journal unlocked it holds a ``QLockFile`` keyed
  by a hash of the journal's real path, in the same runtime folder (never next to the
  journal: nothing may look like a companion file of it, and no path text ends up in a file
  name). A second window refuses to unlock that journal, and the CLI commands that change a
  journal refuse while a window holds it (and hold the lock themselves while they run).

A crashed process leaves its lock file behind; ``QLockFile`` sees that the process recorded
in it is gone and takes the lock over (``setStaleLockTime(0)``: a live holder is never
overruled, however long it has held the lock).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QLockFile, QObject, QTimer, Signal

from ..app_paths import data_dir
from ..i18n import N_, _

PROTOCOL = b"VPD1 "
MAX_MESSAGE = 64 * 1024
_UNIX_SOCKET_MAX = 100  # sun_path is 104 (macOS) or 108 (Linux) bytes, with a NUL

JOURNAL_IN_USE = N_("Dit journaal is al geopend in een ander venster van VP Desktop, of een "
                  "opdracht werkt er op dit moment mee. Sluit dat venster (of wacht tot de "
                  "opdracht klaar is) en probeer het opnieuw.")
JOURNAL_IN_USE_CLI = N_("dit journaal is geopend in het venster van VP Desktop. Vergrendel of "
                      "sluit het venster eerst; deze opdracht wijzigt het journaal.")


def _digest(text: str, length: int = 24) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:length]


def user_key() -> str:
    """A short hash of who the user is (uid or account name, and home folder): the same
    for every start by this user, different for another user on the same machine."""
    who = str(os.getuid()) if hasattr(os, "getuid") else (
        f"{os.environ.get('USERDOMAIN', '')}\\{os.environ.get('USERNAME', '')}")
    return _digest(f"{who}|{Path.home()}", 16)


def runtime_dir() -> Path:
    """The user's private folder for lock files and the instance socket: a ``run`` folder in
    the app's local data folder, created (mode 0700) when missing. Deliberately not
    ``$XDG_RUNTIME_DIR``: a command started without it (ssh, su, cron) must find the same
    locks as the window, or it could write a journal the window holds."""
    folder = data_dir() / "run"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def server_name(folder: Path | None = None) -> str:
    """The name of this user's instance server: a named pipe on Windows; elsewhere a socket
    path in the private runtime folder (other users cannot reach or squat it)."""
    name = f"vp-desktop-{user_key()}"
    if sys.platform == "win32":
        return name
    path = str((folder or runtime_dir()) / f"{name}.sock")
    return path if len(path.encode()) <= _UNIX_SOCKET_MAX else name


def real_journal_path(path: str | os.PathLike) -> Path:
    return Path(os.path.realpath(Path(path).expanduser().absolute()))


def journal_lock_file(journal: str | os.PathLike, folder: Path | None = None) -> Path:
    """The lock file for a journal: keyed by the file's identity (device and inode, so hard
    links, symlinks and case-insensitive file systems name one file once) or, before the file
    exists, by a hash of its real path — no part of the path appears in the name."""
    real = real_journal_path(journal)
    try:
        info = os.stat(real)
        key = f"inode:{info.st_dev}:{info.st_ino}" if info.st_ino else str(real)
    except OSError:
        key = str(real)
    if sys.platform in ("win32", "darwin") and key.startswith(("/", "\\")) or ":" in key[:3]:
        key = key.casefold()
    return (folder or runtime_dir()) / f"journal-{_digest(key)}.lock"


def _lock(path: Path) -> QLockFile:
    lock = QLockFile(str(path))
    lock.setStaleLockTime(0)  # only a dead holder makes a lock stale, never its age
    return lock


class JournalLock:
    """The window's claim on the journal it has unlocked (one at a time)."""

    def __init__(self, folder: Path | None = None):
        self._folder = folder
        self._lock: QLockFile | None = None
        self.path: Path | None = None

    @property
    def held(self) -> bool:
        return self._lock is not None

    def acquire(self, journal: str | os.PathLike, wait_ms: int = 300) -> bool:
        """Claim ``journal``; False when another process (or another window) holds it.
        Waits briefly, so a CLI command merely checking the lock does not get in the way."""
        target = real_journal_path(journal)
        if self._lock is not None and self.path == target:
            return True
        self.release()
        lock = _lock(journal_lock_file(target, self._folder))
        if not lock.tryLock(wait_ms):
            return False
        self._lock, self.path = lock, target
        return True

    def release(self) -> None:
        if self._lock is not None:
            self._lock.unlock()
        self._lock, self.path = None, None


def journal_held_elsewhere(journal: str | os.PathLike, folder: Path | None = None) -> bool:
    """Whether a window (or a changing CLI command) holds ``journal`` right now."""
    probe = _lock(journal_lock_file(journal, folder))
    if probe.tryLock(0):
        probe.unlock()
        return False
    return True


@contextlib.contextmanager
def claim_for_command(journal: str | os.PathLike, folder: Path | None = None
                      ) -> Iterator[str]:
    """For CLI commands that change a journal: yields "" and holds the journal lock for
    the command's duration, or yields the Dutch refusal when a window holds the journal.
    A journal that does not exist yet needs no claim."""
    if not str(journal).strip() or not Path(journal).expanduser().exists():
        yield ""
        return
    claim = JournalLock(folder)
    if not claim.acquire(journal, wait_ms=0):
        yield _(JOURNAL_IN_USE_CLI)
        return
    try:
        yield ""
    finally:
        claim.release()


# --- the running window ----------------------------------------------------------------


def encode_request(journal: Path | None) -> bytes:
    payload = {"journal": str(journal) if journal is not None else ""}
    return PROTOCOL + json.dumps(payload).encode("utf-8") + b"\n"


def decode_request(data: bytes) -> str | None:
    """The journal path of a hand-over message ("" for none), or None if it is not one."""
    if not data.startswith(PROTOCOL) or not data.endswith(b"\n") or len(data) > MAX_MESSAGE:
        return None
    try:
        payload = json.loads(data[len(PROTOCOL):].decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    journal = payload.get("journal") if isinstance(payload, dict) else None
    if not isinstance(journal, str) or (journal and not os.path.isabs(journal)):
        return None
    return journal


class InstanceServer(QObject):
    """Listens for second starts; ``handed_over`` carries the journal path ("" for none)."""

    handed_over = Signal(str)

    def __init__(self, name: str, parent: QObject | None = None):
        from PySide6.QtNetwork import QLocalServer

        super().__init__(parent)
        self.name = name
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        self._buffers: dict[object, bytearray] = {}

    def listen(self) -> bool:
        """Start listening; a socket left by a crashed first instance is removed first (the
        caller holds the instance lock, so no live server owns it)."""
        from PySide6.QtNetwork import QLocalServer

        QLocalServer.removeServer(self.name)
        return self._server.listen(self.name)

    def close(self) -> None:
        self._server.close()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            self._buffers[socket] = bytearray()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._drop(s))
            QTimer.singleShot(5000, socket, socket.abort)  # a client that never finishes

    def _read(self, socket) -> None:
        buffer = self._buffers.get(socket)
        if buffer is None:
            return
        buffer += bytes(socket.readAll().data())
        if b"\n" not in buffer and len(buffer) <= MAX_MESSAGE:
            return
        journal = decode_request(bytes(buffer))
        self._buffers.pop(socket, None)
        socket.write(QByteArray(b"OK\n" if journal is not None else b"NO\n"))
        socket.flush()
        socket.disconnectFromServer()
        if journal is not None:
            # after the reply: the window may ask a question, the second start need not wait
            QTimer.singleShot(0, self, lambda: self.handed_over.emit(journal))

    def _drop(self, socket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()


def hand_over(journal: Path | None, name: str, timeout_ms: int = 3000) -> bool:
    """The second start: pass ``journal`` to the running window. True when it answered."""
    from PySide6.QtNetwork import QLocalSocket

    if sys.platform == "win32":  # let the running window come to the front (ASFW_ANY)
        with contextlib.suppress(Exception):
            import ctypes

            ctypes.windll.user32.AllowSetForegroundWindow(-1)  # type: ignore[attr-defined]
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(QByteArray(encode_request(journal)))
    if not socket.waitForBytesWritten(timeout_ms):
        return False
    answer = b""
    while b"\n" not in answer and socket.waitForReadyRead(timeout_ms):
        answer += bytes(socket.readAll().data())
    socket.abort()
    return answer.startswith(b"OK")


class SingleInstance:
    """The first start of a user's GUI owns the instance lock and the server."""

    def __init__(self, folder: Path | None = None):
        self.folder = folder or runtime_dir()
        self.name = server_name(self.folder)
        self._lock = _lock(self.folder / f"instance-{user_key()}.lock")
        self.server: InstanceServer | None = None

    def claim(self) -> bool:
        """True when this is the first start (the server then listens)."""
        if not self._lock.tryLock(0):
            return False
        self.server = InstanceServer(self.name)
        if not self.server.listen():
            self.server = None  # no hand-over then, but the window itself works
        return True

    def forward(self, journal: Path | None, attempts: int = 10,
                sleep: Callable[[int], None] | None = None) -> bool:
        """A second start hands ``journal`` over. The first may still be starting up
        (lock taken, not yet listening): retry for a moment. False when nobody answered."""
        from PySide6.QtCore import QThread

        pause = sleep or QThread.msleep
        for attempt in range(attempts):
            if hand_over(journal, self.name, timeout_ms=1000):
                return True
            if attempt + 1 < attempts:
                pause(200)
        return False

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
        self._lock.unlock()


def start_or_hand_over(journal: Path | None, folder: Path | None = None
                       ) -> SingleInstance | None:
    """At GUI start: None when a running window took ``journal`` over (this start should
    exit), else the claim of this start (also when the running one did not answer: the
    journal lock still keeps two windows out of one journal)."""
    instance = SingleInstance(folder)
    if instance.claim() or not instance.forward(journal):
        return instance
    return None


class WindowJournalGuard(QObject):
    """Holds the journal lock while the window has a journal unlocked: takes it before the
    journal is opened from the unlock screen, checks it after any other way of unlocking
    (demo, a new journal) and gives it back when the session locks or closes."""

    def __init__(self, window, session, folder: Path | None = None):
        super().__init__(window)
        self.window = window
        self.session = session
        self.lock = JournalLock(folder)
        unlock_view = window.unlock_view
        unlock_view.unlock_requested.disconnect(window.unlock)
        unlock_view.unlock_requested.connect(self._unlock_requested)
        session.unlocked.connect(self._on_unlocked)
        session.locked.connect(self.lock.release)

    def _refuse(self) -> None:
        self.window.unlock_view.show_message(_(JOURNAL_IN_USE))

    def _unlock_requested(self, passphrase: str) -> None:
        path = self.window.journal_path
        if path is None:
            return
        if not self.lock.acquire(path):
            self._refuse()
            return
        self.window.unlock(passphrase)
        if not self.session.is_unlocked:  # wrong passphrase: nothing is held open
            self.lock.release()

    def _on_unlocked(self) -> None:
        path = self.session.path
        if path is None or self.lock.acquire(path):
            return
        self.session.lock()  # another process got there first (a race): back out at once
        self._refuse()


class FileOpenRequests(QObject):
    """macOS delivers a double-clicked ``.vpj`` (and one dropped on the Dock icon) as a
    QFileOpenEvent to the application, not as a command-line argument: it is handed to the
    window like a second start's path."""

    requested = Signal(str)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.FileOpen:
            self.requested.emit(event.file())
            return True
        return False


def watch_file_open_requests(app, window) -> FileOpenRequests:
    """Install the filter on ``app``; the window takes the path as from a second start."""
    requests = FileOpenRequests(app)
    requests.requested.connect(window.accept_second_start)
    app.installEventFilter(requests)
    return requests
