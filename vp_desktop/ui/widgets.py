"""Small helpers shared by the UI: naming widgets for accessibility, dates, combos."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QEvent, QObject, QSize, Qt, QTime, QTimer, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleTextCursorEvent,
    QAccessibleTextSelectionEvent,
    QGuiApplication,
    QKeyEvent,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QTextBrowser,
    QTextEdit,
    QWidget,
)

from ..domain.model import EARLIEST_DATE, LATEST_DATE
from ..domain.vocabulary import Vocabulary
from ..dutch import short_date
from ..i18n import N_, _

DATE_FORMAT = "dd-MM-yyyy"

# Abbreviations a label may carry (matched in the Dutch label), written out for its tooltip
# (in the interface language).
ABBREVIATIONS = {
    "LKOG": N_("LKOG: Landelijke Klachtencommissie Ongewenst Gedrag voor de Decentrale Overheid"),
    "Wbk": N_("Wbk: Wet bescherming klokkenluiders"),
    "Babs": N_("Babs: buitengewoon ambtenaar van de burgerlijke stand (trouwambtenaar)"),
    "HR/P&O": N_("HR/P&O: personeelszaken (human resources, personeel en organisatie)"),
    "/adv": N_("adv: antidiscriminatievoorziening"),
}


def explain_abbreviations(label: str) -> str:
    """The written-out abbreviations in ``label`` (a Dutch label, the source text) as a
    tooltip text in the interface language, or "" when it has none."""
    return "\n".join(_(text) for short, text in ABBREVIATIONS.items() if short in label)


def named(widget, object_name: str, accessible_name: str, description: str = ""):
    """Give a widget its objectName and make sure a screen reader has a name for it that
    contains what a sighted user sees (WCAG 2.5.3, "label in name"):

    - a label: its text is the name (never overridden); ``accessible_name`` says what the
      text is about and becomes its description;
    - a button or check box with text: ``accessible_name`` where it contains the text (in
      any case), else the text is the name and ``accessible_name`` becomes the description;
      a button without text (an icon) is named ``accessible_name``;
    - an input (line edit, combo, spin box, text edit, list): named ``accessible_name``
      until it shows; then, where a visible label is its buddy (a QFormLayout row with a
      label string, or ``QLabel.setBuddy``) and ``accessible_name`` does not contain its
      text, the label's text becomes its name and ``accessible_name`` its description. A
      part of a labelled row is named "row label: accessible_name". A combo is always named
      (Qt would read its current item as the name); the edit field of an editable combo or
      a spin box gets the same name;
    - anything else (windows, tables, tab widgets, groups): named ``accessible_name``.

    ``description`` is set as accessible description and tooltip."""
    widget.setObjectName(object_name)
    if isinstance(widget, QLabel):
        if not description and accessible_name:
            widget.setAccessibleDescription(accessible_name)
    elif isinstance(widget, QAbstractButton) and widget.text() and not (
            _contains(accessible_name, widget.text())
            and _says_more(accessible_name, widget.text())):
        # the text is the name (and stays so when the text changes: "Annuleren" that
        # becomes "Sluiten")
        widget.setAccessibleName("")
        if not description and _says_more(accessible_name, widget.text()):
            widget.setAccessibleDescription(accessible_name)
    else:
        widget.setAccessibleName(accessible_name)
        if isinstance(widget, _INPUTS):
            _LabelInName(widget, accessible_name, explain=not description)
    if description:
        widget.setAccessibleDescription(description)
        widget.setToolTip(description)
    return widget


_INPUTS = (QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit, QTextEdit, QListView)


def readable_by_keyboard(browser: QTextBrowser) -> QTextBrowser:
    """A read-only document a keyboard user can read line by line: a caret the arrow keys
    move (and a screen reader follows), besides Tab through the links. Following a link puts
    the caret at its target, and a link reached by Tab is told to the screen reader (Qt
    selects it without an accessibility event)."""
    browser.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction
                                    | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    browser.sourceChanged.connect(lambda url: caret_to_anchor(browser, url.fragment()))
    browser.installEventFilter(_LinkReader(browser))
    return browser


def caret_to_anchor(browser: QTextBrowser, anchor: str) -> bool:
    """Put the caret at the start of the block holding ``anchor`` (what a screen reader reads
    next is then the section shown, not the top of the document). False when not found."""
    if not anchor:
        return False
    block = browser.document().begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            if anchor in fragments.fragment().charFormat().anchorNames():
                cursor = browser.textCursor()
                cursor.setPosition(block.position())
                browser.setTextCursor(cursor)  # visible already: the view does not move
                return True
            fragments += 1
        block = block.next()
    return False


class _LinkReader(QObject):
    """After Tab or Shift+Tab in a text browser: when a link is now selected, send the
    selection and caret events a screen reader reads the link from."""

    def __init__(self, browser: QTextBrowser):
        super().__init__(browser)
        self.browser = browser

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            QTimer.singleShot(0, self._tell)
        return False

    def _tell(self) -> None:
        cursor = self.browser.textCursor()
        if not cursor.hasSelection() or not cursor.charFormat().isAnchor():
            return
        QAccessible.updateAccessibility(QAccessibleTextSelectionEvent(
            self.browser, cursor.selectionStart(), cursor.selectionEnd()))
        QAccessible.updateAccessibility(QAccessibleTextCursorEvent(self.browser,
                                                                   cursor.position()))


def plain_label_text(text: str) -> str:
    """A label's text as a screen reader says it: no mnemonic "&", no trailing colon or
    ellipsis (punctuation a reader does not speak)."""
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return " ".join(text.split()).rstrip(":").removesuffix("…").strip()


def _contains(name: str, text: str) -> bool:
    """Whether ``name`` contains the visible ``text`` (WCAG's "label in name", in any case)."""
    return plain_label_text(text).casefold() in name.casefold()


def _says_more(name: str, text: str) -> bool:
    shown = plain_label_text(text).casefold()
    return bool(name) and name.casefold() != shown and name.casefold() not in shown


def buddy_label(widget: QWidget) -> QLabel | None:
    """The visible label whose buddy ``widget`` is (a sibling, as Qt's Label relation
    requires), or None."""
    parent = widget.parentWidget()
    if parent is None:
        return None
    for label in parent.findChildren(QLabel, options=Qt.FindChildOption.FindDirectChildrenOnly):
        if label.buddy() is widget and label.text():
            return label
    return None


def _container_label(widget: QWidget) -> str:
    """The text of the buddy label of the nearest enclosing widget (below the window), or
    ""."""
    parent = widget.parentWidget()
    while parent is not None and not parent.isWindow():
        label = buddy_label(parent)
        if label is not None:
            return plain_label_text(label.text())
        parent = parent.parentWidget()
    return ""


class _LabelInName(QObject):
    """Names an input by its buddy label each time it is shown (see ``named``)."""

    def __init__(self, widget: QWidget, fallback: str, explain: bool):
        super().__init__(widget)
        self.fallback = fallback
        self.explain = explain
        widget.installEventFilter(self)
        self._apply(widget)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget):
            self._apply(watched)
        return False

    def _apply(self, widget: QWidget) -> None:
        label = buddy_label(widget)
        name = plain_label_text(label.text()) if label is not None else self.fallback
        if label is not None and _contains(self.fallback, label.text()):
            name = self.fallback  # says more than the label and contains it
        elif label is None:
            # one part of a labelled row (a date with its "bekend" box, gender and age):
            # the row's label first, then what this part is
            outer = _container_label(widget)
            if outer:
                name = (_("{label}: {part}").format(label=outer, part=self.fallback)
                        if _says_more(self.fallback, outer) else outer)
        if widget.accessibleName() != name:
            widget.setAccessibleName(name)
        if label is not None and self.explain and _says_more(self.fallback, name):
            widget.setAccessibleDescription(self.fallback)
        inner = widget.findChild(QLineEdit) if isinstance(
            widget, (QComboBox, QAbstractSpinBox)) else None
        if inner is not None and inner.accessibleName() != name:
            inner.setAccessibleName(name)


# Room kept free for a window manager's title bar and borders, which Qt only knows once a
# window is shown.
FRAME_ALLOWANCE = QSize(16, 40)


def available_size(widget: QWidget) -> QSize:
    """The size a top-level window of ``widget`` may take on its screen (without the task
    bar, minus room for the window frame)."""
    parent = widget.parentWidget()
    anchor = parent.window() if parent is not None else widget
    screen = anchor.screen() or QGuiApplication.primaryScreen()
    area = screen.availableGeometry().size()
    if widget.isVisible():
        frame = widget.frameGeometry().size() - widget.geometry().size()
    else:
        frame = FRAME_ALLOWANCE
    return QSize(max(area.width() - frame.width(), 200), max(area.height() - frame.height(), 200))


def fit_to_screen(window: QWidget, preferred_w: int, preferred_h: int) -> QSize:
    """Give a window or dialog its preferred size, or the available screen size where that
    is smaller (Qt keeps it at least as large as its layout needs). Returns the size asked."""
    room = available_size(window)
    size = QSize(min(preferred_w, room.width()), min(preferred_h, room.height()))
    window.resize(size)
    return size


def to_qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def from_qdate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def to_qdatetime(dt: datetime) -> QDateTime:
    return QDateTime(to_qdate(dt.date()), QTime(dt.hour, dt.minute))


def from_qdatetime(q: QDateTime) -> datetime:
    d, t = q.date(), q.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


def format_date(d: date | None) -> str:
    return short_date(d)


def format_datetime(dt: datetime | None) -> str:
    return f"{format_date(dt)} {dt.hour:02d}:{dt.minute:02d}" if dt else ""


def vocab_combo(vocab: Vocabulary, object_name: str, accessible_name: str,
                optional: bool = False, empty_label: str | None = None) -> QComboBox:
    """A combo of the vocabulary's terms in the interface language (the code as item data);
    ``optional`` puts ``empty_label`` (default "— niet ingevuld —") first, with data None."""
    combo = named(QComboBox(), object_name, accessible_name)
    if optional:
        combo.addItem(_("— niet ingevuld —") if empty_label is None else empty_label, None)
    for term in vocab:
        combo.addItem(_(term.label), term.code)
        if tip := explain_abbreviations(term.label):
            combo.setItemData(combo.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
    return combo


def narrow_combo(combo: QComboBox, characters: int = 14) -> QComboBox:
    """A combo box that does not ask for the width of its longest item (long items elide in
    the field and show in full in the open list): keeps dialogs narrow enough for 1024 px."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(characters)
    return combo


def set_combo_data(combo: QComboBox, value) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(index if index >= 0 else 0)


class DateField(QDateEdit):
    """A date field that Tab leaves at once (Qt's own steps through day, month and year;
    the arrow keys do that here)."""

    def focusNextPrevChild(self, next_: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next_)


class DateTimeField(QDateTimeEdit):
    def focusNextPrevChild(self, next_: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next_)


def _bounded(edit):
    edit.setMinimumDate(to_qdate(EARLIEST_DATE))
    edit.setMaximumDate(to_qdate(LATEST_DATE))
    edit.setCalendarPopup(True)
    return edit


def date_edit(object_name: str, accessible_name: str, value: date | None = None) -> QDateEdit:
    edit = _bounded(named(DateField(), object_name, accessible_name))
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setDate(to_qdate(value or date.today()))
    return edit


def datetime_edit(object_name: str, accessible_name: str, value: datetime) -> QDateTimeEdit:
    edit = _bounded(named(DateTimeField(), object_name, accessible_name))
    edit.setDisplayFormat(f"{DATE_FORMAT} HH:mm")
    edit.setDateTime(to_qdatetime(value))
    return edit


class OptionalDateEdit(QWidget):
    """A date that may be unknown: a check box 'bekend' plus a date field."""

    changed = Signal()

    def __init__(self, object_name: str, accessible_name: str, parent=None):
        super().__init__(parent)
        self.setObjectName(object_name)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.known = named(QCheckBox(_("bekend")), f"{object_name}_known",
                           _("{name} bekend").format(name=accessible_name))
        self.edit = date_edit(f"{object_name}_date", accessible_name)
        self.edit.setEnabled(False)
        layout.addWidget(self.known)
        layout.addWidget(self.edit, 1)
        self.known.toggled.connect(self.edit.setEnabled)
        self.known.toggled.connect(self.changed)
        self.edit.dateChanged.connect(self.changed)
        self.setFocusProxy(self.known)

    def value(self) -> date | None:
        return from_qdate(self.edit.date()) if self.known.isChecked() else None

    def set_value(self, value: date | None) -> None:
        self.known.setChecked(value is not None)
        if value is not None:
            self.edit.setDate(to_qdate(value))


# --- file dialogs that leave no trace -------------------------------------------------------
# Qt's own file dialog remembers the folders and names it showed (history, lastVisited) in
# its settings file (QtProject.conf / the registry): a recent-file list outside the journal,
# with suggested names like "inzage-2026-014.pdf" and folder names the VP typed. Every file
# dialog of the app goes through these, which forget that history as soon as it closes.


def forget_file_dialog_history() -> None:
    from PySide6.QtCore import QSettings

    settings = QSettings(QSettings.Scope.UserScope, "QtProject")
    settings.remove("FileDialog")
    settings.sync()


def save_file_name(*args) -> tuple[str, str]:
    from PySide6.QtWidgets import QFileDialog

    try:
        return QFileDialog.getSaveFileName(*args)
    finally:
        forget_file_dialog_history()


def open_file_name(*args) -> tuple[str, str]:
    from PySide6.QtWidgets import QFileDialog

    try:
        return QFileDialog.getOpenFileName(*args)
    finally:
        forget_file_dialog_history()


def existing_directory(*args) -> str:
    from PySide6.QtWidgets import QFileDialog

    try:
        return QFileDialog.getExistingDirectory(*args)
    finally:
        forget_file_dialog_history()
