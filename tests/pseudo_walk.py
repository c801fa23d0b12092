"""Walks the visible widgets of a window for the pseudo-locale test (issue 11, "nothing left
behind"): every text a user sees, and whether it came through the catalogue (``⟦…⟧``) and
fits its widget.

``findings(window, name, neutral)`` returns one ``Finding`` per problem; ``neutral`` is the
allowlist of texts that need no translation (see ``Neutral``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from PySide6.QtCore import QAbstractListModel, Qt
from PySide6.QtGui import QAction, QTextDocument
from PySide6.QtGui import Qt as QtGuiQt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QSpinBox,
    QStackedWidget,
    QTabBar,
    QTableView,
    QTabWidget,
    QTextEdit,
    QWidget,
)

# one pseudo-translated part; innermost first, so "⟦a ⟦b⟧⟧" goes in two rounds
_TRANSLATED = re.compile(r"⟦[^⟦⟧]*⟧")
# key names as QKeySequence writes them ("Ctrl+N", "Ctrl+Shift+F", "F1")
_KEYS = re.compile(r"\b(?:(?:Ctrl|Shift|Alt|Meta)\+)+\S+|\bF\d{1,2}\b")
# an absolute file path (POSIX, or a Windows drive path): the journal's place, a backup folder
_PATH = re.compile(r"(?:[A-Za-z]:\\|/)[^\s\"'<>]*")
# a placeholder token of a letter template («datum», «naam melder»): Dutch letter material
_TOKEN = re.compile(r"«[^«»]*»")
# our own elision: a text that ends in "…" was cut on purpose (case-list cells)
ELLIPSIS = "…"
# the rows of an item view walked: enough to meet every kind of cell, few enough to stay fast
ROWS = 25


@dataclass(frozen=True)
class Finding:
    window: str
    widget: str
    text: str
    reason: str

    def __str__(self) -> str:
        return f"{self.window} › {self.widget} › {self.text!r} › {self.reason}"


@dataclass
class Neutral:
    """Texts that need no translation, so may show without ``⟦…⟧``. A text passes when,
    after removing every pseudo-translated part and every neutral part below, no letter is
    left (digits, dates, times, case codes like 2023-009 and single symbols have none):

    - ``data``: user data read from the journal (organisations, names, case texts, the VP's
      profile, kept letters' titles): what the user typed is shown as typed;
    - ``PRODUCT``: the program's name;
    - key names (``Ctrl+N``, ``F1``): Qt writes them, the same in every language;
    - absolute file paths (the journal's place);
    - ``own_language``: texts written on purpose in their own language (the language menu:
      "Nederlands" and "English", here and in the document-language choices, so that a user
      finds their language whatever is shown);
    - ``documents``: Dutch document material shown as it goes into a letter: the titles of
      the letter templates (give them from the templates the app lists, see
      ``template_titles``) and template placeholder tokens (``«datum»``);
    - ``facts``: language-neutral data the About window shows (library versions, algorithm
      and package names, licence expressions; see ``about_data``).
    """

    data: set[str]
    PRODUCT = "VP Desktop"
    own_language: tuple[str, ...] = ("&Nederlands", "&English", "Nederlands", "English")
    documents: frozenset[str] = frozenset()
    facts: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        # longest first, so that a name is removed before a shorter name inside it
        self._data = sorted((d for d in self.data | self.documents | self.facts if len(d.strip()) >= 2),
                            key=len, reverse=True)

    def untranslated(self, text: str) -> str:
        """What is left of ``text`` that should have come through the catalogue ("" if
        nothing)."""
        if text in self.own_language:
            return ""
        rest = text
        while True:
            shorter = _TRANSLATED.sub(" ", rest)
            if shorter == rest:
                break
            rest = shorter
        if not any(ch.isalpha() for ch in rest):
            return ""
        if rest.endswith(ELLIPSIS) and any(
                value.startswith(rest[:-1].strip()) for value in self._data):
            return ""  # user data we cut short ourselves
        for value in self._data:
            if value in rest:
                rest = rest.replace(value, " ")
        rest = rest.replace(self.PRODUCT, " ")
        rest = _TOKEN.sub(" ", rest)
        rest = _KEYS.sub(" ", rest)
        rest = _PATH.sub(" ", rest)
        return rest.strip() if any(ch.isalpha() for ch in rest) else ""


def template_titles(journal) -> frozenset[str]:
    """The titles of the letter templates the app lists (built-in and the VP's own): Dutch
    letter material, shown as it goes into the letter."""
    from vp_desktop.letters.compose import available_templates
    return frozenset(t.title for t in available_templates(journal.custom_templates()))


def about_data(journal) -> frozenset[str]:
    """The language-neutral facts the About window shows: what the running SQLCipher library
    reports (version, crypto provider, algorithms) and the third-party components' names,
    versions and licence expressions (as their packages spell them). Texts the app itself
    writes (the font's entry, "onbekend", "zie licentietekst") are left out: they must come
    through the catalogue."""
    from vp_desktop import i18n
    from vp_desktop.services import about

    shown = i18n.language()
    i18n.set_language("nl")
    try:
        facts = about.about_facts(journal)
        _origin, items = about.third_party_licences()
    finally:
        i18n.set_language(shown)
    values: set[str] = set()
    cipher = facts.cipher
    if cipher is not None:
        values |= {cipher.version, cipher.provider, cipher.provider_version,
                   cipher.kdf_algorithm, cipher.hmac_algorithm}
    for item in items:
        values |= {item.name, item.version, item.licence}
    ours = {about.FONT_LICENCE[0], about.FONT_LICENCE[2], "onbekend", "zie licentietekst"}
    return frozenset(v for v in values - ours if v)


def plain(text: str) -> str:
    """A label's text as shown: HTML stripped."""
    if QtGuiQt.mightBeRichText(text):
        document = QTextDocument()
        document.setHtml(text)
        return document.toPlainText()
    return text


def _name(widget: QWidget | QAction) -> str:
    if widget.objectName():
        return widget.objectName()
    if isinstance(widget, QAction):
        return "QAction"
    parent = widget.parentWidget()
    while parent is not None and not parent.objectName() and not parent.isWindow():
        parent = parent.parentWidget()
    owner = parent.objectName() if parent is not None and parent.objectName() else ""
    return f"{type(widget).__name__} in {owner}" if owner else type(widget).__name__


def visible_widgets(window: QWidget) -> list[QWidget]:
    """The widgets of ``window`` (not of other windows parented to it) that are visible."""
    return [w for w in window.findChildren(QWidget)
            if w.isVisible() and w.window() is window]


def texts(window: QWidget) -> Iterator[tuple[str, str, str]]:
    """(widget name, kind, text) of every text shown by a visible widget of ``window``."""
    yield _name(window), "window title", window.windowTitle()
    for widget in visible_widgets(window):
        name = _name(widget)
        if widget.toolTip():
            yield name, "tooltip", plain(widget.toolTip())
        if isinstance(widget, QLabel):
            yield name, "label", plain(widget.text())
        elif isinstance(widget, QAbstractButton) and not isinstance(widget.parent(), QTabBar):
            yield name, "button", widget.text()
        elif isinstance(widget, QGroupBox):
            yield name, "group box title", widget.title()
        elif isinstance(widget, QTabBar):
            for i in range(widget.count()):
                yield name, f"tab {i}", widget.tabText(i)
                yield name, f"tab {i} tooltip", widget.tabToolTip(i)
        elif isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)):
            yield name, "placeholder", widget.placeholderText()
        elif isinstance(widget, QComboBox):
            for i in range(widget.count()):
                yield name, f"item {i}", widget.itemText(i)
        elif isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView):
            yield from _item_view(name, widget)
        if isinstance(widget, QAbstractSpinBox):
            yield name, "special value", widget.specialValueText()
        if isinstance(widget, QSpinBox):
            yield name, "prefix", widget.prefix()
            yield name, "suffix", widget.suffix()
    if isinstance(window, QMainWindow):
        yield _name(window), "status bar", window.statusBar().currentMessage()
        for action in window.menuBar().actions():
            yield from _menu(action)


def _item_view(name: str, view: QAbstractItemView) -> Iterator[tuple[str, str, str]]:
    model = view.model()
    if model is None:
        return
    # a list model hides its columnCount (one column)
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount()
    header = view.horizontalHeader() if isinstance(view, QTableView) else None
    tree_header = getattr(view, "header", None)
    shown_header = header if header is not None else (tree_header() if tree_header else None)
    for column in range(columns):
        if shown_header is not None and shown_header.isVisible() \
                and not shown_header.isSectionHidden(column):
            yield name, f"header {column}", str(model.headerData(
                column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or "")
    for row in range(min(model.rowCount(), ROWS)):
        for column in range(columns):
            if shown_header is not None and shown_header.isSectionHidden(column):
                continue
            value = model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)
            if isinstance(value, str):
                yield name, f"cell {row},{column}", value


def _menu(action: QAction) -> Iterator[tuple[str, str, str]]:
    if action.isSeparator():
        return
    yield _name(action), "menu", action.text()
    menu = action.menu()
    if isinstance(menu, QMenu):
        for sub in menu.actions():
            yield from _menu(sub)


def clipped(window: QWidget) -> Iterator[tuple[str, str, str]]:
    """(widget name, text, reason) of every visible text its widget cuts off. Rules:

    - a QLabel without word wrap whose text (its size hint) is wider than the label;
    - a button, check box or radio button whose size hint is wider than the button;
    - a tab whose size hint is wider than its rectangle (so Qt elides it) or that lies
      outside its tab bar;
    - a group box whose title is wider than the box.

    Texts in item-view cells are elided on purpose (``ELLIPSIS``) and are not checked."""
    for widget in visible_widgets(window):
        name = _name(widget)
        if isinstance(widget, QLabel):
            if (widget.text() and not widget.wordWrap() and widget.pixmap().isNull()
                    and widget.sizeHint().width() > widget.width()):
                yield name, plain(widget.text()), (
                    f"label cut off: needs {widget.sizeHint().width()} px, has {widget.width()}")
        elif isinstance(widget, QAbstractButton) and widget.text() \
                and not isinstance(widget.parent(), QTabBar):
            if widget.sizeHint().width() > widget.width():
                yield name, widget.text(), (
                    f"button cut off: needs {widget.sizeHint().width()} px, has {widget.width()}")
        elif isinstance(widget, QGroupBox) and widget.title():
            needed = widget.fontMetrics().horizontalAdvance(widget.title().replace("&", ""))
            if needed > widget.width():
                yield name, widget.title(), (
                    f"group box title cut off: needs {needed} px, has {widget.width()}")
        elif isinstance(widget, QTabBar):
            for i in range(widget.count()):
                rect = widget.tabRect(i)
                if widget.tabSizeHint(i).width() > rect.width():
                    yield name, widget.tabText(i), (
                        f"tab elided: needs {widget.tabSizeHint(i).width()} px, "
                        f"has {rect.width()}")
                elif rect.right() >= widget.width() or rect.left() < 0:
                    yield name, widget.tabText(i), "tab outside its tab bar (scrolled)"


def findings(window: QWidget, label: str, neutral: Neutral) -> list[Finding]:
    """Every untranslated or clipped visible text of ``window`` as it is now."""
    QApplication.processEvents()
    found: list[Finding] = []
    for name, kind, text in texts(window):
        if not text or not text.strip():
            continue
        if neutral.untranslated(text):
            found.append(Finding(label, name, text, f"{kind}: not from the catalogue"))
    for name, text, reason in clipped(window):
        found.append(Finding(label, name, text, reason))
    return found


def each_page(window: QWidget) -> Iterator[str]:
    """Shows every page of every visible tab widget and stacked widget of ``window`` in
    turn (a page's own tab widgets too), yielding a label for each; the first yield is the
    window as it opened. Leaves each switcher on its first page."""
    yield ""
    seen: set[tuple[int, int]] = set()
    while True:
        todo = [(s, i) for s in _switchers(window) for i in range(s.count())
                if (id(s), i) not in seen]
        if not todo:
            return
        switcher, index = todo[0]
        seen.add((id(switcher), index))
        switcher.setCurrentIndex(index)
        QApplication.processEvents()
        yield f" (page {switcher.objectName() or type(switcher).__name__} {index})"


def _switchers(window: QWidget) -> Iterable[QTabWidget | QStackedWidget]:
    for widget in visible_widgets(window):
        inner = isinstance(widget.parent(), QTabWidget)  # a tab widget's own page stack
        if isinstance(widget, QTabWidget) or (isinstance(widget, QStackedWidget) and not inner):
            yield widget
