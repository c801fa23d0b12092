"""Messages a screen reader announces when they appear (issue 12).

A text that appears in a label or the status bar is not read by a screen reader unless it has
focus; Qt 6.8+ has an announcement event that the platform bridge (AT-SPI on Linux, UIA on
Windows, NSAccessibility on macOS) passes on as a live-region style notification. Every
message that appears without the user asking to read it goes through :func:`announce`:
errors that block an action (assertive: interrupts), and results and status (polite: after
what is being read).

A message never carries case content (the house rule for error texts), so announcing it
leaks nothing that was not already on the screen.
"""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

# The last messages announced, newest last (for the status bar's own test and for a11y
# diagnostics; texts only, they are what the screen showed).
_RECENT: list[str] = []
_RECENT_MAX = 20


def announce(source: QWidget, text: str, *, assertive: bool = False) -> None:
    """Have assistive technology announce ``text`` on behalf of ``source`` (a widget on the
    screen). Empty texts are ignored."""
    text = " ".join(text.split())
    if not text:
        return
    event = QAccessibleAnnouncementEvent(source, text)
    event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive if assertive
                        else QAccessible.AnnouncementPoliteness.Polite)
    QAccessible.updateAccessibility(event)
    _RECENT.append(text)
    del _RECENT[:-_RECENT_MAX]


def recent() -> list[str]:
    """The texts announced lately, oldest first."""
    return list(_RECENT)


def show_message(label: QLabel, text: str, *, error: bool = False) -> None:
    """Put ``text`` in a message label and announce it (an error assertively)."""
    label.setText(text)
    label.setVisible(bool(text))
    announce(label, text, assertive=error)


def announce_status_bar(bar: QStatusBar) -> None:
    """Announce every status-bar message when it appears (politely)."""
    bar.messageChanged.connect(lambda text: announce(bar, text))
