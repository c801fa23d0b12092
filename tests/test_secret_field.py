"""SecretLineEdit (issue 12): the passphrase lives in Python, Qt's own text (which feeds the
accessibility text, value and events) only ever holds bullets — with real widgets and real
key, input-method and clipboard events."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QAccessible, QGuiApplication, QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from vp_desktop import i18n
from vp_desktop.ui.passphrase_fields import NewPassphraseFields, password_field
from vp_desktop.ui.secret_field import MASK, SecretLineEdit, ask_secret, secret_field
from vp_desktop.ui.unlock_view import UnlockView

SECRET = "geheim-Wörd €1"


def type_text(widget, text: str) -> None:
    """Key presses with their text, as a keyboard layout delivers them (QTest.keyClicks
    only knows ASCII)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier,
                                                     ch))


def qt_text(field: QLineEdit) -> str:
    """What Qt itself holds (and hands to accessibility)."""
    return QLineEdit.text(field)


def accessible_value(field: QLineEdit) -> str:
    interface = QAccessible.queryAccessibleInterface(field)
    return interface.text(QAccessible.Text.Value)


@pytest.fixture
def field(qtbot):
    widget = secret_field("testSecret", "Wachtwoord")
    qtbot.addWidget(widget)
    widget.show()
    widget.setFocus()
    return widget


def test_typing_keeps_the_passphrase_in_python_and_only_bullets_in_qt(field, qtbot):
    type_text(field, SECRET)
    assert field.text() == SECRET
    assert qt_text(field) == MASK * len(SECRET)
    assert not set(SECRET) & set(accessible_value(field) + qt_text(field)) - {MASK}
    assert field.accessibleName() == "Wachtwoord"
    assert field.accessibleDescription() == f"{len(SECRET)} tekens"
    assert field.echoMode() == QLineEdit.EchoMode.Password


def test_editing_backspace_delete_cursor_and_selection(field, qtbot):
    qtbot.keyClicks(field, "abcdef")
    qtbot.keyClick(field, Qt.Key.Key_Left)
    qtbot.keyClick(field, Qt.Key.Key_Left)
    qtbot.keyClick(field, Qt.Key.Key_Backspace)  # abcd|ef: removes the d
    assert field.text() == "abcef"
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    assert field.text() == "abcf"
    qtbot.keyClick(field, Qt.Key.Key_X)
    assert field.text() == "abcxf"
    qtbot.keyClick(field, Qt.Key.Key_Home)
    qtbot.keyClick(field, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(field, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(field, "Z")  # replaces the selection "ab"
    assert field.text() == "Zcxf"
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    assert field.text() == "" and qt_text(field) == ""
    assert field.accessibleDescription() == "0 tekens"


@settings(max_examples=25, deadline=None)
@given(st.lists(st.one_of(st.text(alphabet="aZ9é-€ ", min_size=1, max_size=3),
                          st.sampled_from(["Left", "Right", "Home", "End", "Backspace",
                                           "Delete", "ShiftLeft", "ShiftHome"])),
                max_size=14))
def test_any_edit_gives_the_text_a_plain_field_gets(qapp, steps):
    """The same keys into a plain QLineEdit (normal echo) and the secret field: the same
    text in Python, only bullets in Qt."""
    plain, secret = QLineEdit(), SecretLineEdit()
    keys = {"Left": Qt.Key.Key_Left, "Right": Qt.Key.Key_Right, "Home": Qt.Key.Key_Home,
            "End": Qt.Key.Key_End, "Backspace": Qt.Key.Key_Backspace,
            "Delete": Qt.Key.Key_Delete}
    for widget in (plain, secret):
        for step in steps:
            if step in keys:
                QtBot.keyClick(widget, keys[step])
            elif step == "ShiftLeft":
                QtBot.keyClick(widget, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
            elif step == "ShiftHome":
                QtBot.keyClick(widget, Qt.Key.Key_Home, Qt.KeyboardModifier.ShiftModifier)
            else:
                type_text(widget, step)
    assert secret.text() == plain.text()
    assert qt_text(secret) == MASK * len(plain.text())
    assert secret.cursorPosition() == plain.cursorPosition()


def test_paste_by_key_and_by_method_but_never_copy_or_cut(field, qtbot):
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("geplakt")
    qtbot.keyClicks(field, "x")
    qtbot.keyClick(field, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert field.text() == "xgeplakt"
    assert qt_text(field) == MASK * 8
    clipboard.setText("leeg")
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(field, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)
    field.copy()
    assert clipboard.text() == "leeg"  # nothing left the field
    assert field.text() == "xgeplakt"  # and cut did not remove it either
    qtbot.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # no undo
    assert field.text() == "xgeplakt"


def test_input_method_commit_and_dead_keys(field, qtbot):
    qtbot.keyClicks(field, "ca")
    event = QInputMethodEvent("\u00b4", [])  # a dead key's pre-edit: never given to Qt
    QApplication.sendEvent(field, event)
    assert qt_text(field) == MASK * 2
    commit = QInputMethodEvent()
    commit.setCommitString("é")
    QApplication.sendEvent(field, commit)
    assert field.text() == "caé"
    assert qt_text(field) == MASK * 3
    replace = QInputMethodEvent()
    replace.setCommitString("ü", -1, 1)  # replace the character before the cursor
    QApplication.sendEvent(field, replace)
    assert field.text() == "caü"
    assert qt_text(field) == MASK * 3


def test_show_reveals_the_real_text_and_hide_takes_it_back(field, qtbot):
    qtbot.keyClicks(field, "abc")
    field.setEchoMode(QLineEdit.EchoMode.Normal)  # the user ticked "tonen"
    assert qt_text(field) == "abc" and field.is_revealed()
    qtbot.keyClicks(field, "d")
    assert field.text() == "abcd" == qt_text(field)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    assert qt_text(field) == MASK * 4 and field.text() == "abcd"
    assert accessible_value(field) != "abcd"


def test_set_text_clear_max_length_and_no_drops(field):
    field.setMaxLength(5)
    field.setText("1234567")
    assert field.text() == "1234567"  # setText is the caller's word, as in QLineEdit
    field.clear()
    assert field.text() == "" and qt_text(field) == "" and field._chars == []
    field.insert("abcdefgh")
    assert field.text() == "abcde"
    assert not field.acceptDrops() and not field.dragEnabled()


def test_the_context_menu_has_no_copy(field, qtbot):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMenu

    seen: list[str] = []

    def look() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        seen.extend(a.text() for a in menu.actions())
        menu.close()

    QTimer.singleShot(50, look)
    from PySide6.QtGui import QContextMenuEvent

    QApplication.sendEvent(field, QContextMenuEvent(QContextMenuEvent.Reason.Mouse,
                                                    QPoint(2, 2), field.mapToGlobal(QPoint(2, 2))))
    assert seen == ["&Plakken", "Alles &selecteren"]


def test_every_passphrase_field_is_a_secret_field(qtbot, qapp):
    from PySide6.QtWidgets import QFormLayout, QWidget

    unlock = UnlockView()
    qtbot.addWidget(unlock)
    assert isinstance(unlock.passphrase, SecretLineEdit)
    unlock.set_journal(None)
    holder = QWidget()
    qtbot.addWidget(holder)
    fields = NewPassphraseFields(QFormLayout(holder), "test")
    assert isinstance(fields.passphrase, SecretLineEdit)
    assert isinstance(fields.repeat, SecretLineEdit)
    assert isinstance(password_field("x", "Huidig wachtwoord"), SecretLineEdit)
    # the strength hint still follows what is typed, the tick still shows the text
    qtbot.keyClicks(fields.passphrase, "correct paard batterij nietje")
    assert fields.passphrase.text() == "correct paard batterij nietje"
    assert fields.strength.text()
    fields.show_text.setChecked(True)
    assert qt_text(fields.passphrase) == "correct paard batterij nietje"
    fields.clear()
    assert fields.passphrase.text() == "" and qt_text(fields.passphrase) == ""


def test_unlock_view_emits_the_typed_passphrase(qtbot):
    view = UnlockView()
    qtbot.addWidget(view)
    view.set_journal(__import__("pathlib").Path("/tmp/x.vpj"))
    seen: list[str] = []
    view.unlock_requested.connect(seen.append)
    qtbot.keyClicks(view.passphrase, "wachtwoord 123")
    qtbot.keyClick(view.passphrase, Qt.Key.Key_Return)
    assert seen == ["wachtwoord 123"]
    view.show_passphrase.setChecked(True)
    assert qt_text(view.passphrase) == "wachtwoord 123"
    view.reset()
    assert view.passphrase.text() == "" and not view.passphrase.is_revealed()


def test_ask_secret_returns_the_typed_passphrase(qtbot):
    from PySide6.QtCore import QTimer

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None
        field = dialog.findChild(SecretLineEdit)
        QtBot.keyClicks(field, "oud wachtwoord")
        dialog.accept()

    QTimer.singleShot(50, answer)
    assert ask_secret(None, "Titel", "Typ het oude wachtwoord.") == ("oud wachtwoord", True)


def test_the_count_speaks_english_too(field, qtbot):
    i18n.set_language("en")
    qtbot.keyClicks(field, "ab")
    assert field.accessibleDescription() == "2 characters"
    field.setText("x")
    assert field.accessibleDescription() == "1 character"

