"""Screen lock on every platform: the Windows and macOS message handling runs here on any
OS (the registration with the OS only on its own platform); the Linux route is exercised
over a private D-Bus session bus."""

from __future__ import annotations

import ctypes
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
    WTS_SESSION_LOCK,
    ScreenLockWatcher,
    WindowsSessionFilter,
    macos_notification_locks,
    native_message_locks,
    windows_message_locks,
)

WTS_SESSION_UNLOCK = 0x8
WTS_CONSOLE_DISCONNECT = 0x2
WM_ACTIVATE = 0x0006


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
    assert not windows_message_locks(WM_WTSSESSION_CHANGE, WTS_CONSOLE_DISCONNECT)
    assert not windows_message_locks(WM_ACTIVATE, WTS_SESSION_LOCK)


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

