"""Screen lock on every platform: the Windows and macOS message handling runs here on any
OS (the registration with the OS only on its own platform); the Linux route is exercised
over a private D-Bus session bus."""

from __future__ import annotations

import ctypes
import gc
import os
import shutil
import subprocess
import sys

import pytest
from PySide6.QtCore import QByteArray, QCoreApplication, QDeadlineTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from vp_desktop.ui import screen_lock
from vp_desktop.ui.screen_lock import (
    MSG,
    WM_WTSSESSION_CHANGE,
    WTS_CONSOLE_DISCONNECT,
    WTS_REMOTE_DISCONNECT,
    WTS_SESSION_LOCK,
    MacScreenLockObserver,
    ScreenLockWatcher,
    WindowsSessionFilter,
    macos_notification_locks,
    native_message_locks,
    windows_message_locks,
)

WTS_SESSION_UNLOCK = 0x8
WM_ACTIVATE = 0x0006
# every wParam of WM_WTSSESSION_CHANGE (winuser.h) and whether it must lock
WTS_CHANGES = {
    0x1: ("WTS_CONSOLE_CONNECT", False),
    0x2: ("WTS_CONSOLE_DISCONNECT", True),
    0x3: ("WTS_REMOTE_CONNECT", False),
    0x4: ("WTS_REMOTE_DISCONNECT", True),
    0x5: ("WTS_SESSION_LOGON", False),
    0x6: ("WTS_SESSION_LOGOFF", False),
    0x7: ("WTS_SESSION_LOCK", True),
    0x8: ("WTS_SESSION_UNLOCK", False),
    0x9: ("WTS_SESSION_REMOTE_CONTROL", False),
    0xA: ("WTS_SESSION_CREATE", False),
    0xB: ("WTS_SESSION_TERMINATE", False),
}


@pytest.fixture
def app():
    return QApplication.instance() or QApplication([])


def _pump(until, ms: int = 3000) -> None:
    """Run the event loop until ``until()`` or ``ms`` passed. (QTest.qWait, not a loop of
    QCoreApplication.processEvents(): in PySide6 6.12 each processEvents() call from Python
    drops a reference to None, and a few thousand calls abort the interpreter.)"""
    deadline = QDeadlineTimer(ms)
    while not until() and not deadline.hasExpired():
        QTest.qWait(5)


# --- Windows -------------------------------------------------------------------------------


def test_windows_lock_message_is_recognised():
    assert windows_message_locks(WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK)
    assert not windows_message_locks(WM_WTSSESSION_CHANGE, WTS_SESSION_UNLOCK)
    assert not windows_message_locks(WM_ACTIVATE, WTS_SESSION_LOCK)
    assert not windows_message_locks(WM_ACTIVATE, WTS_REMOTE_DISCONNECT)


@pytest.mark.parametrize("wparam", sorted(WTS_CHANGES))
def test_windows_session_changes_that_lock(wparam):
    """Locked, or disconnected from the console or from the RDS/VDI client (the session
    stays open on the server): lock. Connecting, logging on/off etc.: not."""
    name, locks = WTS_CHANGES[wparam]
    assert windows_message_locks(WM_WTSSESSION_CHANGE, wparam) is locks, name
    assert (WTS_CONSOLE_DISCONNECT, WTS_REMOTE_DISCONNECT, WTS_SESSION_LOCK) == (0x2, 0x4, 0x7)


def test_msg_struct_has_the_win32_layout():
    pointer = ctypes.sizeof(ctypes.c_void_p)
    assert MSG.message.offset == pointer
    assert MSG.wParam.offset == 2 * pointer
    assert MSG.lParam.offset == 3 * pointer
    assert MSG.time.offset == 4 * pointer
    assert ctypes.sizeof(MSG) == (48 if pointer == 8 else 28)  # as sizeof(MSG) in C


@pytest.mark.parametrize(("event_type", "message", "wparam", "locks"), [
    (b"windows_generic_MSG", WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK, True),
    (b"windows_dispatcher_MSG", WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK, True),
    (b"windows_generic_MSG", WM_WTSSESSION_CHANGE, WTS_SESSION_UNLOCK, False),
    (b"windows_generic_MSG", WM_WTSSESSION_CHANGE, WTS_REMOTE_DISCONNECT, True),
    (b"windows_dispatcher_MSG", WM_WTSSESSION_CHANGE, WTS_CONSOLE_DISCONNECT, True),
    (b"windows_generic_MSG", WM_ACTIVATE, WTS_SESSION_LOCK, False),
    (b"xcb_generic_event_t", WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK, False),
])
def test_native_message_read_from_a_real_msg(event_type, message, wparam, locks):
    msg = MSG(hwnd=None, message=message, wParam=wparam, lParam=0, time=1)
    assert native_message_locks(event_type, ctypes.addressof(msg)) is locks


def test_native_message_without_address_never_locks():
    assert not native_message_locks(b"windows_generic_MSG", 0)


def test_windows_filter_reports_lock_and_lets_messages_pass(app):
    seen: list[str] = []
    native = WindowsSessionFilter(lambda: seen.append("lock"))
    lock = MSG(message=WM_WTSSESSION_CHANGE, wParam=WTS_SESSION_LOCK)
    other = MSG(message=WM_WTSSESSION_CHANGE, wParam=WTS_SESSION_UNLOCK)
    assert native.nativeEventFilter(QByteArray(b"windows_generic_MSG"),
                                    ctypes.addressof(other)) == (False, 0)
    assert seen == []
    assert native.nativeEventFilter(QByteArray(b"windows_generic_MSG"),
                                    ctypes.addressof(lock)) == (False, 0)
    assert seen == ["lock"]
    # as PySide6 hands it over on Windows: the MSG pointer wrapped in a shiboken VoidPtr
    from shiboken6 import Shiboken

    native.nativeEventFilter(QByteArray(b"windows_generic_MSG"),
                             Shiboken.VoidPtr(ctypes.addressof(lock)))
    assert seen == ["lock", "lock"]


def test_windows_filter_installed_in_qt_ignores_this_platforms_events(app):
    """Installed like on Windows: the platform's own native events pass untouched."""
    seen: list[str] = []
    native = WindowsSessionFilter(lambda: seen.append("lock"))
    app.installNativeEventFilter(native)
    try:
        QCoreApplication.processEvents()
    finally:
        app.removeNativeEventFilter(native)
    assert seen == []


def test_native_lock_arrives_queued_as_screen_locked(app):
    """The route every native callback takes: report_os_lock → queued screen_locked."""
    watcher = ScreenLockWatcher(platform="none")
    fired: list[bool] = []
    watcher.screen_locked.connect(lambda: fired.append(True))
    native = WindowsSessionFilter(watcher.report_os_lock)
    msg = MSG(message=WM_WTSSESSION_CHANGE, wParam=WTS_SESSION_LOCK)
    native.nativeEventFilter(QByteArray(b"windows_generic_MSG"), ctypes.addressof(msg))
    assert fired == []  # queued: not inside the native callback
    _pump(lambda: bool(fired))
    assert fired == [True]
    assert not watcher.watching


# --- macOS ---------------------------------------------------------------------------------


def test_macos_lock_notification_is_recognised():
    assert macos_notification_locks("com.apple.screenIsLocked")
    assert not macos_notification_locks("com.apple.screenIsUnlocked")
    assert not macos_notification_locks("com.apple.screensaver.didstart")
    assert not macos_notification_locks(None)


def test_macos_callback_type_matches_corefoundation():
    """CFNotificationCallback takes five pointers and returns nothing; a Python function
    wrapped in it can be called through its C pointer."""
    got: list[int | None] = []
    callback = screen_lock.CF_NOTIFICATION_CALLBACK(
        lambda center, observer, name, obj, info: got.append(name))
    as_c = ctypes.cast(callback, ctypes.c_void_p).value
    again = screen_lock.CF_NOTIFICATION_CALLBACK(as_c)
    again(None, None, 1234, None, None)
    assert got == [1234]


class _Function:
    """One fake CoreFoundation function: takes argtypes/restype like a ctypes one."""

    def __init__(self, body):
        self.body = body
        self.argtypes = None
        self.restype = None

    def __call__(self, *args):
        return self.body(*args)


class FakeCoreFoundation:
    """What the observer needs of CoreFoundation, with its one hazard kept: like the real
    notification centre it stores only the C address of the callback, and ``post`` calls
    through that address. A freed callback there crashes the test process."""

    CENTER = 0xC3

    def __init__(self):
        self.strings: dict[int, ctypes.Array] = {}  # live CFStrings: address → buffer
        self.released: list[int] = []
        self.observers: list[tuple[int, int, int]] = []  # (observer, callback address, name)
        functions = {
            "CFNotificationCenterGetDistributedCenter": lambda: self.CENTER,
            "CFStringCreateWithCString": self._create,
            "CFStringGetCString": self._get,
            "CFNotificationCenterAddObserver": self._add,
            "CFNotificationCenterRemoveEveryObserver": self._remove,
            "CFRelease": self._release,
        }
        for name, body in functions.items():
            setattr(self, name, _Function(body))
        screen_lock.declare_corefoundation(self)

    def _create(self, _allocator, text: bytes, _encoding) -> int:
        buffer = ctypes.create_string_buffer(text)
        self.strings[ctypes.addressof(buffer)] = buffer
        return ctypes.addressof(buffer)

    def _get(self, ref, buffer, size, _encoding) -> bool:
        source = self.strings[int(ref)]
        if len(source.value) >= size:
            return False
        ctypes.memmove(buffer, source, len(source.value) + 1)
        return True

    def _add(self, center, observer, callback, name, _object, _behaviour) -> None:
        assert center == self.CENTER and int(name) in self.strings
        self.observers.append((observer, ctypes.cast(callback, ctypes.c_void_p).value,
                               int(name)))

    def _remove(self, center, observer) -> None:
        assert center == self.CENTER
        self.observers = [o for o in self.observers if o[0] != observer]

    def _release(self, ref) -> None:
        assert int(ref) in self.strings, "released twice or never created"
        self.released.append(int(ref))
        del self.strings[int(ref)]

    def post(self, text: str) -> int:
        """Deliver a distributed notification; returns how many observers were called."""
        name = self._create(None, text.encode(), 0)
        called = 0
        for observer, address, wanted in list(self.observers):
            if self.strings[wanted].value == text.encode():
                screen_lock.CF_NOTIFICATION_CALLBACK(address)(self.CENTER, observer, name,
                                                              None, None)
                called += 1
        del self.strings[name]
        return called


def test_macos_observer_locks_and_is_removed_when_the_watcher_goes(app):
    from shiboken6 import Shiboken

    cf = FakeCoreFoundation()
    watcher = ScreenLockWatcher(platform="none")
    watcher._watch_macos(cf)
    assert watcher.watching
    ((_, _, name),) = cf.observers
    fired: list[bool] = []
    watcher.screen_locked.connect(lambda: fired.append(True))
    assert cf.post("com.apple.screenIsUnlocked") == 0
    # the callback is held by the watcher's connections, not only by the attribute
    watcher._mac_observer = None
    gc.collect()
    assert cf.post("com.apple.screenIsLocked") == 1
    assert fired == []  # queued: not inside CoreFoundation's callback
    _pump(lambda: bool(fired))
    assert fired == [True]
    assert name in cf.strings  # the name lives as long as the observer is registered
    Shiboken.delete(watcher)  # destroyed → close(): observer removed, name released
    assert cf.observers == []
    assert cf.released == [name] and name not in cf.strings
    gc.collect()
    assert cf.post("com.apple.screenIsLocked") == 0


def test_macos_observer_close_runs_once_and_swallows_errors(app):
    cf = FakeCoreFoundation()
    seen: list[str] = []

    def on_lock():
        seen.append("lock")
        raise RuntimeError("must not reach CoreFoundation")

    observer = MacScreenLockObserver(on_lock, cf)
    assert cf.post("com.apple.screenIsLocked") == 1  # the exception stayed in Python
    assert seen == ["lock"]
    observer.close()
    observer.close()  # a second close (destroyed and aboutToQuit): no double release
    assert len(cf.released) == 1 and cf.observers == []


@pytest.mark.skipif(sys.platform != "darwin", reason="registration runs on macOS only")
def test_macos_observer_registers(app):  # pragma: no cover - macOS runners
    watcher = ScreenLockWatcher()
    assert watcher.watching


@pytest.mark.skipif(sys.platform != "win32", reason="registration runs on Windows only")
def test_windows_registration(app):  # pragma: no cover - Windows runners
    from PySide6.QtWidgets import QWidget

    window = QWidget()
    watcher = ScreenLockWatcher(window)
    assert watcher.watching


# --- Linux: a private session bus --------------------------------------------------------


@pytest.fixture
def private_bus(tmp_path):
    daemon = shutil.which("dbus-daemon")
    if daemon is None:
        pytest.skip("dbus-daemon not installed (installer/setup-debian.sh test adds it)")
    proc = subprocess.Popen([daemon, "--session", "--nofork", "--print-address=1",
                             f"--address=unix:path={tmp_path / 'bus'}"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    address = proc.stdout.readline().strip()
    yield address
    proc.terminate()
    proc.wait(5)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="D-Bus route is Linux")
@pytest.mark.parametrize(("service", "path"), screen_lock._INTERFACES)
def test_linux_screensaver_signal_locks(app, private_bus, service, path):
    from PySide6.QtDBus import QDBusConnection, QDBusMessage

    name = f"watch-{os.getpid()}-{service}"
    listen = QDBusConnection.connectToBus(private_bus, name)
    send = QDBusConnection.connectToBus(private_bus, name + "-send")
    try:
        assert listen.isConnected()
        watcher = ScreenLockWatcher(platform="none")
        watcher._watch_dbus(listen)
        assert watcher.watching
        fired: list[bool] = []
        watcher.screen_locked.connect(lambda: fired.append(True))

        def announce(active: bool) -> None:
            signal = QDBusMessage.createSignal(path, service, "ActiveChanged")
            signal.setArguments([active])
            assert send.send(signal)

        announce(False)  # the screen saver stopping never locks
        _pump(lambda: bool(fired), 400)
        assert fired == []
        announce(True)
        _pump(lambda: bool(fired))
        assert fired == [True]
    finally:
        QDBusConnection.disconnectFromBus(name)
        QDBusConnection.disconnectFromBus(name + "-send")

