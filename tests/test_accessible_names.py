"""What a screen reader gets as names, read from Qt's own accessibility layer (the interfaces
the AT-SPI bridge exports; tests/test_atspi_labels.py confirms a sample end to end):

- a focusable widget has a non-empty name;
- a visible label's name contains its visible text (a label keeps its text);
- a button, check box or radio button's name contains its visible text (label in name);
- every input has a label relation (tables: headers) and its name contains that label's text;
- no combo box is named by its current item.

Every window of fit_probe.window_openers, the main window locked, unlocked and on each tab,
every tab page; in Dutch and in English."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from vp_desktop import i18n
from vp_desktop.interchange.demo_data import create_demo_journal
from vp_desktop.ui.app import build_window
from vp_desktop.ui.form_dialog import FormDialog
from vp_desktop.ui.welcome_dialog import SEEN_KEY

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fit_probe import close, window_openers  # noqa: E402
from pseudo_walk import each_page, plain, visible_widgets  # noqa: E402

PASSPHRASE = "demo demo demo"
NAME = QAccessible.Text.Name


def _norm(text: str) -> str:
    """Text as a reader speaks it: mnemonic ampersands gone, whitespace collapsed, no
    trailing ellipsis."""
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return re.sub(r"\s+", " ", text).strip().removesuffix("…").strip()


def _label_text(text: str) -> str:
    return _norm(plain(text)).rstrip(":").strip()


def _name(widget: QWidget) -> str:
    iface = QAccessible.queryAccessibleInterface(widget)
    return _norm(iface.text(NAME) or "") if iface is not None else ""


def _labels(widget: QWidget, outer: bool = False) -> list[str]:
    """The texts of the labels that the widget's Label relation points at; with ``outer``,
    failing those, the labels of the nearest enclosing widget that has one (one part of a
    labelled row)."""
    iface = QAccessible.queryAccessibleInterface(widget)
    if iface is None:
        return []
    found = []
    if outer and not iface.relations(QAccessible.Relation.Label):
        parent = widget.parentWidget()
        while parent is not None and not parent.isWindow():
            if labels := _labels(parent):
                return labels
            parent = parent.parentWidget()
    for other, _relation in iface.relations(QAccessible.Relation.Label):
        target = other.object()
        if isinstance(target, QLabel):  # not a group box title: that is context
            found.append(_label_text(target.text()))
    return [t for t in found if t]


def _is_input(widget: QWidget) -> bool:
    if isinstance(widget, QLineEdit):
        # the edit field of an editable combo or spin box is part of that control
        return not isinstance(widget.parentWidget(), (QComboBox, QAbstractSpinBox))
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return not widget.isReadOnly()
    if isinstance(widget, QHeaderView):
        return False  # part of its table
    return isinstance(widget, (QComboBox, QAbstractSpinBox, QAbstractItemView))


def problems(window: QWidget) -> list[tuple[str, str]]:
    """(objectName, problem) for every visible widget of ``window`` that breaks a rule."""
    QApplication.processEvents()
    found: list[tuple[str, str]] = []
    for widget in visible_widgets(window):
        who = widget.objectName() or f"{type(widget).__name__} in {_owner(widget)}"
        name = _name(widget)

        def bad(problem: str, who: str = who) -> None:
            found.append((who, problem))

        focusable = (widget.focusPolicy() & widget.focusPolicy().TabFocus) and widget.isEnabled()
        if focusable and not name:
            bad("focusable without a name")
        if isinstance(widget, QLabel):
            text = _norm(plain(widget.text()))
            if text and text.casefold() not in name.casefold():
                bad(f"label text {text!r} not in its name {name!r}")
        elif isinstance(widget, QAbstractButton):
            text = _norm(widget.text())
            if text and text.casefold() not in name.casefold():
                bad(f"button text {text!r} not in its name {name!r}")
        if _is_input(widget) and not _in_table(widget):
            labels = _labels(widget, outer=True)
            table = isinstance(widget, QAbstractItemView) and not isinstance(widget, QListView)
            if not labels and not table:
                bad(f"input without a label relation (name {name!r})")
            for label in labels:
                if label.casefold() not in name.casefold() and not isinstance(widget, QComboBox):
                    bad(f"label {label!r} not in the input's name {name!r}")
            if table and not name:
                bad("table without a name")
        if isinstance(widget, QComboBox) and widget.currentText() and not _in_table(widget):
            # Qt's combo interface on Linux reports the current item as the name whatever
            # the accessible name says ("on Linux we use relations for this"): there the
            # label must come through the Label relation (AT-SPI labelled-by), which Orca
            # reads before the item. Elsewhere the accessible name (set by named()) counts.
            current = _norm(widget.currentText())
            own = _labels(widget)  # every combo has its own label, also in a row
            if name == current and not own and current != _norm(
                    widget.accessibleName()):
                bad(f"combo named by its current item {current!r} without a label")
            if widget.accessibleName() and _labels(widget) and (
                    _labels(widget)[0].casefold() not in widget.accessibleName().casefold()):
                bad(f"combo's accessible name {widget.accessibleName()!r} is not its label")
    return found


def _in_table(widget: QWidget) -> bool:
    """A cell editor of a table: the table's header names its column."""
    parent = widget.parentWidget()
    while parent is not None and not parent.isWindow():
        if isinstance(parent, QAbstractItemView):
            return True
        parent = parent.parentWidget()
    return False


def _owner(widget: QWidget) -> str:
    parent = widget.parentWidget()
    while parent is not None and not parent.objectName() and not parent.isWindow():
        parent = parent.parentWidget()
    return parent.objectName() if parent is not None else "?"


def walk(tmp_path: Path) -> tuple[list[str], int]:
    """Every window and page; returns the findings as "window › objectName › problem" and
    how many widgets were checked."""
    path = tmp_path / "demo.vpj"
    create_demo_journal(path, PASSPHRASE, cases=12, seed=1)
    welcomed = QSettings().contains(SEEN_KEY)  # the welcome window marks itself seen
    window, session = build_window(str(path))
    window.show()
    out: list[str] = []
    seen = 0

    def check(title: str, widget: QWidget) -> None:
        nonlocal seen
        for page in each_page(widget):
            seen += len(visible_widgets(widget))
            for who, problem in problems(widget):
                line = f"{title}{page} › {who} › {problem}"
                if line not in out:
                    out.append(line)

    try:
        check("ontgrendelscherm", window)
        window.unlock(PASSPHRASE)
        QApplication.processEvents()
        case_id = session.journal.case_summaries()[0].id
        window.case_list.select_case(case_id)
        QApplication.processEvents()
        check("hoofdvenster", window)
        window.tabs.setCurrentIndex(0)
        window.case_list.select_case(case_id)
        for title, opener in window_openers(window, session, case_id).items():
            dialog = opener()
            QApplication.processEvents()
            check(title, dialog)
            close(dialog, FormDialog)
    finally:
        if not welcomed:
            QSettings().remove(SEEN_KEY)  # Qt keeps one settings file per process
        session.close()
        window.close()
        window.deleteLater()
    return out, seen


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_visible_widget_has_a_name_that_matches_what_is_shown(qtbot, tmp_path, language):
    i18n.set_language(language)
    found, seen = walk(tmp_path)
    assert seen > 1000  # the walk reached the windows at all
    assert found == [], f"{len(found)} problems:\n" + "\n".join(found)


def test_the_rules_catch_a_bad_label_a_bad_button_and_an_unlabelled_combo(qtbot):
    from PySide6.QtWidgets import QFormLayout, QPushButton

    from vp_desktop.ui.widgets import named

    host = QWidget()
    qtbot.addWidget(host)
    form = QFormLayout(host)
    label = QLabel("250 dossiers")
    label.setAccessibleName("Aantal dossiers")
    button = QPushButton("Sluiten")
    button.setAccessibleName("Annuleren")
    combo = QComboBox()
    combo.addItems(["Alle statussen", "Open"])
    form.addRow(label)
    form.addRow(button)
    form.addRow(combo)
    labelled = named(QComboBox(), "statusFilter", "Filter op status")
    labelled.addItems(["Alle statussen"])
    form.addRow("&Filter op status:", labelled)
    host.show()
    found = "\n".join(f"{who} › {problem}" for who, problem in problems(host))
    assert "'250 dossiers' not in its name 'Aantal dossiers'" in found
    assert "'Sluiten' not in its name 'Annuleren'" in found
    assert "combo named by its current item 'Alle statussen' without a label" in found
    assert "QComboBox in  › input without a label relation" in found
    assert "statusFilter" not in found
    assert _labels(labelled) == ["Filter op status"]


def test_named_leaves_the_visible_text_in_the_name(qtbot):
    from PySide6.QtWidgets import QCheckBox, QFormLayout, QHBoxLayout, QPushButton

    from vp_desktop.ui.widgets import named

    host = QWidget()
    qtbot.addWidget(host)
    form = QFormLayout(host)
    count = named(QLabel("250 dossiers"), "count", "Aantal dossiers")
    done = named(QPushButton("&Afgerond"), "done", "Gekozen vervolgstap afronden")
    cancel = named(QPushButton("Annuleren"), "cancel", "Annuleren")
    known = named(QCheckBox("bekend"), "known", "Datum incident bekend")
    retention = named(QLineEdit(), "retention", "Standaard bewaartermijn na sluiten")
    status = named(QComboBox(), "status", "Filter op status")
    status.addItems(["Alle statussen", "Open"])
    kind = named(QComboBox(), "kind", "Wat er moet gebeuren")
    kind.addItems(["Terugbellen"])
    row = QWidget()
    parts = QHBoxLayout(row)
    day = named(QComboBox(), "day", "Dag")
    parts.addWidget(day)
    for widget in (count, done, cancel, known):
        form.addRow(widget)
    form.addRow("Be&waren na sluiten:", retention)
    form.addRow("&Status:", status)
    form.addRow("Soort:", kind)
    form.addRow("&Wanneer:", row)
    host.show()
    assert (_name(count), count.accessibleDescription()) == ("250 dossiers", "Aantal dossiers")
    assert (_name(done), done.accessibleDescription()) == (
        "Afgerond", "Gekozen vervolgstap afronden")
    cancel.setText("Sluiten")  # the name follows the text
    assert _name(cancel) == "Sluiten"
    assert _name(known) == "Datum incident bekend"  # says more, and contains "bekend"
    assert (_name(retention), retention.accessibleDescription()) == (
        "Bewaren na sluiten", "Standaard bewaartermijn na sluiten")
    assert _labels(retention) == ["Bewaren na sluiten"]
    assert status.accessibleName() == "Filter op status"  # contains its label
    assert kind.accessibleName() == "Soort"
    assert day.accessibleName() == "Wanneer: Dag"  # part of a labelled row
    assert problems(host) == []
