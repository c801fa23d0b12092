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

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLabel, QLineEdit, QStatusBar, QWidget

# The last messages announced, newest last (for the tests and for a11y diagnostics; texts
# only, they are what the screen showed), with their politeness (True: assertive).
_RECENT: list[tuple[str, bool]] = []
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
    _RECENT.append((text, assertive))
    del _RECENT[:-_RECENT_MAX]


def recent() -> list[str]:
    """The texts announced lately, oldest first."""
    return [text for text, _assertive in _RECENT]


def recent_events() -> list[tuple[str, bool]]:
    """The announcements lately as (text, assertive), oldest first."""
    return list(_RECENT)


def clear_recent() -> None:
    """Forget the announcements recorded so far (tests start counting afresh)."""
    _RECENT.clear()


def move_focus(widget: QWidget) -> None:
    """Put the keyboard focus on ``widget``; a text field's text is selected, so typing
    replaces what was wrong. A field that has the focus already is left as it is (the
    user is typing in it: selecting would let the next key wipe the text)."""
    if widget.hasFocus():
        return
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    if isinstance(widget, QAbstractSpinBox):  # its line edit is not public
        widget.selectAll()
        return
    line = widget.lineEdit() if isinstance(widget, QComboBox) else widget
    if isinstance(line, QLineEdit):
        line.selectAll()


def _set_label(label: QLabel, text: str, *, error: bool) -> None:
    label.setText(text)
    # The text is the information: no fixed accessible name may hide it (a screen reader
    # reads the label's own text when it has no name of its own).
    label.setAccessibleName("")
    label.setVisible(bool(text))
    # An error can be reached again with Tab while it shows; a result or an empty label is
    # no focus stop.
    label.setFocusPolicy(Qt.FocusPolicy.TabFocus if error and text else Qt.FocusPolicy.NoFocus)


def show_message(label: QLabel, text: str, *, error: bool = False,
                 focus: QWidget | None = None) -> None:
    """Put ``text`` in a message label and announce it (an error assertively). ``focus``:
    the widget that gets the keyboard focus first (the field at fault, or the label)."""
    _set_label(label, text, error=error)
    if focus is not None and text:
        move_focus(focus)
    announce(label, text, assertive=error)


def show_error(label: QLabel, text: str, field: QWidget | None = None) -> None:
    """An error that blocks an action: shown, the focus moves to ``field`` (the field at
    fault) or else to the message itself, and it is announced assertively."""
    show_message(label, text, error=True, focus=field if field is not None else label)


def update_message(label: QLabel, text: str, *, error: bool = False) -> None:
    """For a message that is worked out again and again (a name check while typing, a status
    after every refresh): shown every time, announced only when its text changes and the
    window shows (a window that opens is read by the screen reader anyway)."""
    changed = text != label.text() or label.isHidden() == bool(text)
    _set_label(label, text, error=error)
    if changed and label.window().isVisible():
        announce(label, text, assertive=error)


def set_message_text(label: QLabel, text: str) -> None:
    """A message label's first text, when the window is built: shown, not announced."""
    _set_label(label, text, error=False)


def clear_message(label: QLabel) -> None:
    """Empty and hide a message label (nothing is announced)."""
    _set_label(label, "", error=False)


def announce_status_bar(bar: QStatusBar) -> None:
    """Announce every status-bar message when it appears (politely)."""
    bar.messageChanged.connect(lambda text: announce(bar, text))


def keep_focus(window: QWidget, disable: Callable[[], None]) -> Callable[[], None]:
    """Run ``disable`` (which disables controls while something runs) and return a function
    that gives the focus back afterwards. Disabling the focused button makes Qt move the
    focus on to another control (the Jaar combo after an export); call the returned function
    once the controls are enabled again: the focus goes back to where the user was, unless
    the user moved it meanwhile."""
    before = window.focusWidget()
    disable()
    after = window.focusWidget()

    def give_back() -> None:
        if before is None or before is after:
            return
        try:
            usable = before.isEnabled() and before.isVisible()
            current = window.focusWidget()
        except RuntimeError:  # deleted meanwhile
            return
        if usable and current in (after, None):
            before.setFocus(Qt.FocusReason.OtherFocusReason)

    return give_back
