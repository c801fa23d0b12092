"""Lock when the operating system's screen locks, where Qt lets us see that.

On Linux desktops the session bus announces screen locks (freedesktop and GNOME screensaver
interfaces). Elsewhere no portable signal exists in Qt; there the idle timer still locks.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal, Slot

_INTERFACES = (
    ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver"),
    ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver"),
)


class ScreenLockWatcher(QObject):
    screen_locked = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.watching = False
        if sys.platform.startswith("linux"):
            self._watch_dbus()

    def _watch_dbus(self) -> None:
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

    @Slot(bool)
    def _on_active_changed(self, active: bool) -> None:
        if active:
            self.screen_locked.emit()
