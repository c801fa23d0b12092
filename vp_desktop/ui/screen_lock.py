"""Lock when the operating system's screen locks.

* Linux: the session bus announces screen locks (freedesktop and GNOME screensaver
  interfaces, ``ActiveChanged(true)``).
* Windows: the main window registers for session notifications
  (``WTSRegisterSessionNotification``) and a native event filter sees
  ``WM_WTSSESSION_CHANGE`` with ``WTS_SESSION_LOCK``, and also with
  ``WTS_CONSOLE_DISCONNECT`` / ``WTS_REMOTE_DISCONNECT``: on RDS and VDI a session is
  often disconnected (client closed, user switch) rather than locked, and it stays open on
  the server, so it locks as well.
* macOS: an observer on the distributed notification centre (CoreFoundation through ctypes;
  no PyObjC) for ``com.apple.screenIsLocked``. It is removed again when the watcher is
  destroyed (or the application quits), before its ctypes callback may be freed.

What a message or notification means is decided by small pure functions
(:func:`windows_message_locks`, :func:`native_message_locks`,
:func:`macos_notification_locks`) that run and are tested on every platform; the
registration with the operating system only ever runs on its own platform. Every route ends
in a queued ``screen_locked`` signal, so the lock happens in Qt's event loop. Wherever no
signal is available the idle timer still locks.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QAbstractNativeEventFilter, QObject, Qt, Signal, Slot

_INTERFACES = (
    ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver"),
    ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver"),
)

# --- Windows: message handling (pure) ----------------------------------------------------

WM_WTSSESSION_CHANGE = 0x02B1
# wParam of WM_WTSSESSION_CHANGE (winuser.h)
WTS_CONSOLE_DISCONNECT = 0x2
WTS_REMOTE_DISCONNECT = 0x4
WTS_SESSION_LOCK = 0x7
# the session changes after which the journal must be locked
WINDOWS_LOCKING_CHANGES = frozenset({WTS_SESSION_LOCK, WTS_CONSOLE_DISCONNECT,
                                     WTS_REMOTE_DISCONNECT})
NOTIFY_FOR_THIS_SESSION = 0
WINDOWS_EVENT_TYPES = (b"windows_generic_MSG", b"windows_dispatcher_MSG")


class POINT(ctypes.Structure):
    _fields_ = [("x", ctypes.c_int32), ("y", ctypes.c_int32)]


class MSG(ctypes.Structure):
    """The Win32 ``MSG`` structure (winuser.h), laid out with pointer-sized WPARAM/LPARAM
    so it matches on 32- and 64-bit Windows."""

    _fields_ = [
        ("hwnd", ctypes.c_void_p),
        ("message", ctypes.c_uint32),
        ("wParam", ctypes.c_size_t),   # WPARAM = UINT_PTR
        ("lParam", ctypes.c_ssize_t),  # LPARAM = LONG_PTR
        ("time", ctypes.c_uint32),
        ("pt", POINT),
    ]


def windows_message_locks(message: int, wparam: int) -> bool:
    """A window message meaning: this Windows session has just been locked, or
    disconnected from its console or remote (RDS/VDI) client."""
    return message == WM_WTSSESSION_CHANGE and wparam in WINDOWS_LOCKING_CHANGES


def native_message_locks(event_type: bytes, address: int) -> bool:
    """What Qt's native event filter hands over: the event type and the address of a
    ``MSG`` (on Windows). Anything that is not a Windows message never locks."""
    if bytes(event_type) not in WINDOWS_EVENT_TYPES or not address:
        return False
    msg = MSG.from_address(int(address))
    return windows_message_locks(msg.message, msg.wParam)


class WindowsSessionFilter(QAbstractNativeEventFilter):
    """Sees every native message of the application; reports session locks through
    ``on_lock`` and lets every message pass on."""

    def __init__(self, on_lock):
        super().__init__()
        self.on_lock = on_lock

    def nativeEventFilter(self, eventType, message):  # noqa: N802 (Qt's name)
        if native_message_locks(bytes(eventType), int(message)):
            self.on_lock()
        return False, 0


def register_windows_session_notification(hwnd: int) -> bool:  # pragma: no cover - Windows
    """Ask Windows to send WM_WTSSESSION_CHANGE to ``hwnd`` (Windows only)."""
    wtsapi32 = ctypes.WinDLL("wtsapi32")  # type: ignore[attr-defined]
    register = wtsapi32.WTSRegisterSessionNotification
    register.argtypes = [ctypes.c_void_p, ctypes.c_uint32]
    register.restype = ctypes.c_int
    return bool(register(ctypes.c_void_p(hwnd), NOTIFY_FOR_THIS_SESSION))


def unregister_windows_session_notification(hwnd: int) -> None:  # pragma: no cover
    wtsapi32 = ctypes.WinDLL("wtsapi32")  # type: ignore[attr-defined]
    unregister = wtsapi32.WTSUnRegisterSessionNotification
    unregister.argtypes = [ctypes.c_void_p]
    unregister.restype = ctypes.c_int
    unregister(ctypes.c_void_p(hwnd))


# --- macOS: notification handling (pure) and the CoreFoundation observer ---------------

MACOS_SCREEN_LOCKED = "com.apple.screenIsLocked"
_CF_STRING_ENCODING_UTF8 = 0x08000100
_CF_DELIVER_IMMEDIATELY = 4  # CFNotificationSuspensionBehaviorDeliverImmediately

# void (*)(CFNotificationCenterRef, void *observer, CFStringRef name, const void *object,
#          CFDictionaryRef userInfo)
CF_NOTIFICATION_CALLBACK = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_void_p,
                                            ctypes.c_void_p, ctypes.c_void_p,
                                            ctypes.c_void_p)


def macos_notification_locks(name: str | None) -> bool:
    """A distributed notification meaning: the screen has just been locked."""
    return name == MACOS_SCREEN_LOCKED


def load_corefoundation():  # pragma: no cover - macOS only
    """CoreFoundation with the signatures the observer uses (OSError where it is absent)."""
    import ctypes.util

    path = ctypes.util.find_library("CoreFoundation")
    if not path:
        raise OSError("CoreFoundation niet gevonden")
    cf = ctypes.CDLL(path)
    declare_corefoundation(cf)
    return cf


def declare_corefoundation(cf) -> None:
    """Set argtypes/restype of the CoreFoundation functions the observer calls."""
    cf.CFNotificationCenterGetDistributedCenter.restype = ctypes.c_void_p
    cf.CFStringCreateWithCString.restype = ctypes.c_void_p
    cf.CFStringCreateWithCString.argtypes = [ctypes.c_void_p, ctypes.c_char_p,
                                             ctypes.c_uint32]
    cf.CFStringGetCString.restype = ctypes.c_bool
    cf.CFStringGetCString.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_long,
                                      ctypes.c_uint32]
    cf.CFNotificationCenterAddObserver.restype = None
    cf.CFNotificationCenterAddObserver.argtypes = [
        ctypes.c_void_p, ctypes.c_void_p, CF_NOTIFICATION_CALLBACK, ctypes.c_void_p,
        ctypes.c_void_p, ctypes.c_long]
    cf.CFNotificationCenterRemoveEveryObserver.restype = None
    cf.CFNotificationCenterRemoveEveryObserver.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
    cf.CFRelease.restype = None
    cf.CFRelease.argtypes = [ctypes.c_void_p]


class MacScreenLockObserver:
    """Observes ``com.apple.screenIsLocked`` on the distributed notification centre. The
    callback arrives on the main run loop (Qt's Cocoa event loop runs it) and only calls
    ``on_lock``, which emits a queued signal.

    CoreFoundation keeps the C pointer of the ctypes callback: this object holds the
    callback, the observer token and the notification name until :meth:`close` has removed
    the observer; only then is the name released. ``close`` must run before the object can
    be garbage collected (the watcher calls it when it is destroyed and at quit); it may run
    more than once. ``cf`` is CoreFoundation (``load_corefoundation()`` unless given)."""

    def __init__(self, on_lock, cf=None):
        self.on_lock = on_lock
        self.closed = False
        if cf is None:  # pragma: no cover - macOS only
            cf = load_corefoundation()
        self._cf = cf
        self._callback = CF_NOTIFICATION_CALLBACK(self._notified)  # kept until close()
        self._token = ctypes.c_int(0)  # the observer's identity: an address we own
        self._center = cf.CFNotificationCenterGetDistributedCenter()
        self._name_ref = cf.CFStringCreateWithCString(None, MACOS_SCREEN_LOCKED.encode(),
                                                      _CF_STRING_ENCODING_UTF8)
        if not self._center or not self._name_ref:
            if self._name_ref:
                cf.CFRelease(self._name_ref)
            raise OSError("CoreFoundation: geen meldingencentrum")
        cf.CFNotificationCenterAddObserver(self._center, ctypes.addressof(self._token),
                                           self._callback, self._name_ref, None,
                                           _CF_DELIVER_IMMEDIATELY)

    def _name(self, cfstring) -> str | None:
        buffer = ctypes.create_string_buffer(256)
        if cfstring and self._cf.CFStringGetCString(cfstring, buffer, len(buffer),
                                                    _CF_STRING_ENCODING_UTF8):
            return buffer.value.decode("utf-8", "replace")
        return None

    def _notified(self, _center, _observer, name, _object, _info) -> None:
        try:
            if macos_notification_locks(self._name(name)):
                self.on_lock()
        except Exception:  # never let an exception cross into CoreFoundation
            pass

    def close(self) -> None:
        """Remove the observer, then release the name. Afterwards CoreFoundation holds no
        pointer into this object, so the callback may go."""
        if self.closed:
            return
        self.closed = True
        self._cf.CFNotificationCenterRemoveEveryObserver(self._center,
                                                          ctypes.addressof(self._token))
        self._cf.CFRelease(self._name_ref)
        self._name_ref = None


# --- the watcher --------------------------------------------------------------------------


class ScreenLockWatcher(QObject):
    """Emits ``screen_locked`` when the operating system locks the screen; ``watching``
    says whether a platform signal is being observed."""

    screen_locked = Signal()
    _os_locked = Signal()  # from native callbacks: always delivered queued

    def __init__(self, parent=None, platform: str | None = None):
        super().__init__(parent)
        self.watching = False
        self._native_filter: WindowsSessionFilter | None = None
        self._mac_observer: MacScreenLockObserver | None = None
        self._hwnd: int | None = None
        self._os_locked.connect(self.screen_locked, Qt.ConnectionType.QueuedConnection)
        platform = platform or sys.platform
        if platform.startswith("linux"):
            self._watch_dbus()
        elif platform == "win32":  # pragma: no cover - Windows
            self._watch_windows(parent)
        elif platform == "darwin":  # pragma: no cover - macOS
            self._watch_macos()

    def report_os_lock(self) -> None:
        """Called from a native callback: the lock follows in Qt's event loop."""
        self._os_locked.emit()

    def _watch_dbus(self, bus=None) -> None:
        """Listen on ``bus`` (the session bus unless given: tests pass a private one)."""
        if bus is None:
            try:
                from PySide6.QtDBus import QDBusConnection
            except ImportError:
                return
            bus = QDBusConnection.sessionBus()
        if not bus.isConnected():
            return
        for service, path in _INTERFACES:
            if bus.connect("", path, service, "ActiveChanged", self, "1_on_active_changed(bool)"):
                self.watching = True

    def _watch_windows(self, window) -> None:  # pragma: no cover - Windows
        from PySide6.QtCore import QCoreApplication

        if window is None or not hasattr(window, "winId"):
            return
        try:
            hwnd = int(window.winId())
            if not register_windows_session_notification(hwnd):
                return
        except OSError:
            return
        self._hwnd = hwnd
        native_filter = WindowsSessionFilter(self.report_os_lock)
        app = QCoreApplication.instance()
        if app is None:
            return
        app.installNativeEventFilter(native_filter)
        self._native_filter = native_filter

        def stop(*_args) -> None:  # holds the filter until it is out of the application
            app.removeNativeEventFilter(native_filter)
            unregister_windows_session_notification(hwnd)

        self.destroyed.connect(stop)
        self.watching = True

    def _watch_macos(self, cf=None) -> None:
        """Observe the distributed notification centre (``cf``: CoreFoundation, loaded
        unless given)."""
        try:
            observer = MacScreenLockObserver(self.report_os_lock, cf)
        except (OSError, AttributeError):
            return
        self._mac_observer = observer

        # The closures hold the observer (and so its callback) until CoreFoundation has let
        # go of it: on destroyed, like the Windows path, and at quit, whichever comes first.
        def stop(*_args) -> None:
            observer.close()

        self.destroyed.connect(stop)
        from PySide6.QtCore import QCoreApplication

        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(stop)
        self.watching = True

    @Slot(bool)
    def _on_active_changed(self, active: bool) -> None:
        if active:
            self.screen_locked.emit()
