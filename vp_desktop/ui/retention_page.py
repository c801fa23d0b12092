"""'Te vernietigen': closed cases past (red) or near (orange) their destroy-after date, and
the cases kept for a procedure; destroy the chosen ones after a confirmation that names how
many, or keep one for a procedure. The rules are the retention service's."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..i18n import _, ngettext
from ..services import retention
from ..services.errors import ServiceError, user_message
from ..storage.errors import StorageError
from .announce import clear_message, show_error, show_message
from .case_view import table_view
from .record_models import Column, RecordTableModel
from .widgets import format_date, named

SOON_BRUSH = QBrush(QColor("#a15c00"))
OVERDUE_BRUSH = QBrush(QColor("#b00020"))


def _state(d: retention.DueCase) -> str:
    if d.held:
        return _("bewaard: {reason}").format(reason=d.hold_reason)
    if d.overdue:
        return ngettext("over tijd ({n} dag)", "over tijd ({n} dagen)",
                        -d.days_left).format(n=-d.days_left)
    return ngettext("over {n} dag", "over {n} dagen", d.days_left).format(n=d.days_left)


def due_model(parent=None) -> RecordTableModel:
    columns = [
        Column(_("Dossier"), lambda d: d.code),
        Column(_("Organisatie"), lambda d: d.organisation),
        Column(_("Gesloten"), lambda d: format_date(d.closed)),
        Column(_("Vernietigen na"), lambda d: format_date(d.destroy_after)
               if d.destroy_after != date.max else "—"),
        Column(_("Stand"), _state, _("Stand van de bewaartermijn: over tijd, binnenkort te "
                                     "vernietigen, of bewaard wegens een lopende procedure")),
    ]

    def colour(d: retention.DueCase, _today: date):
        if d.held:
            return None
        return OVERDUE_BRUSH if d.overdue else SOON_BRUSH

    return RecordTableModel(columns, colour=colour, parent=parent)


class RetentionPage(QWidget):
    """The tab; ``changed`` is emitted with -1 after a destruction (the list reloads)."""

    changed = Signal(int)
    go_to_case = Signal(int)

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        layout = QVBoxLayout(self)
        intro = QLabel(_(
            "Gesloten dossiers over hun vernietigingsdatum (rood), binnen {days} dagen "
            "(oranje), en dossiers die worden bewaard wegens een procedure. Vernietigen wist "
            "alle persoonsgegevens onherstelbaar; de anonieme statistiek blijft.").format(
                days=retention.SOON_DAYS))
        intro.setWordWrap(True)  # the window must fit a narrow screen
        layout.addWidget(intro)
        self.model = due_model(self)
        self.view = table_view("dueCases", _("Te vernietigen dossiers"), self.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        self.go_button = named(QPushButton(_("&Naar dossier")), "dueGoToCase",
                               _("Naar het dossier"))
        self.destroy_button = named(QPushButton(_("Vernie&tigen…")), "dueDestroy",
                                    _("Gekozen dossiers vernietigen"))
        self.hold_button = named(QPushButton(_("Bewaren wegens &procedure…")), "dueHold",
                                 _("Dossier bewaren wegens een procedure, of dat opheffen"))
        for button in (self.go_button, self.destroy_button, self.hold_button):
            row.addWidget(button)
        row.addStretch(1)
        self.status = named(QLabel(), "dueStatus", _("Status"))
        clear_message(self.status)  # no empty focus stop; a message shows when it comes
        row.addWidget(self.status)
        layout.addLayout(row)
        self.go_button.clicked.connect(self._go)
        self.view.activated.connect(lambda _index: self._go())
        self.destroy_button.clicked.connect(lambda: self.destroy_selected())
        self.hold_button.clicked.connect(lambda: self.toggle_hold())

    # --- data -----------------------------------------------------------------------------

    def reload(self, today: date | None = None) -> retention.RetentionOverview:
        listing = retention.overview(self.session.journal, today)
        self.model.set_records(list(listing.all))
        return listing

    def selected(self) -> list[retention.DueCase]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [self.model.record(r) for r in rows]

    def _go(self) -> None:
        chosen = self.selected()
        if chosen:
            self.go_to_case.emit(chosen[0].id)

    # --- actions ----------------------------------------------------------------------------

    def destroy_selected(self, confirm: bool = True) -> bool:
        """Destroy the chosen closed cases that are not held (a question names how many)."""
        chosen = [d for d in self.selected() if not d.held]
        if not chosen:
            show_error(self.status,
                       _("Kies eerst een of meer dossiers die niet worden bewaard."), self.view)
            return False
        if confirm:
            answer = QMessageBox.warning(
                self, _("Dossiers vernietigen"), retention.confirmation_question(len(chosen)),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Yes:
                return False
        try:
            entries = retention.destroy(self.session.journal, [d.id for d in chosen])
        except (ServiceError, StorageError) as exc:
            show_error(self.status, user_message(exc), self.view)
            return False
        show_message(self.status, retention.describe(entries))
        self.changed.emit(-1)
        return True

    def toggle_hold(self, reason: str | None = None) -> bool:
        """Keep the chosen case for a procedure (asks the reason), or lift its hold."""
        chosen = self.selected()
        if len(chosen) != 1:
            show_error(self.status, _("Kies één dossier."), self.view)
            return False
        item = chosen[0]
        if reason is None:
            if item.held:
                answer = QMessageBox.question(
                    self, _("Bewaren opheffen"),
                    _("Dossier {code} niet langer bewaren wegens een procedure? Het kan dan "
                      "worden vernietigd.").format(code=item.code))
                if answer != QMessageBox.StandardButton.Yes:
                    return False
                reason = ""
            else:
                reason, ok = QInputDialog.getText(
                    self, _("Bewaren wegens procedure"),
                    _("Waarom moet dossier {code} bewaard blijven (bijv. 'klacht bij de "
                      "LKOG loopt')?").format(code=item.code), QLineEdit.EchoMode.Normal)
                if not ok or not reason.strip():
                    return False
        try:
            self.session.journal.set_hold(item.id, reason)
        except StorageError as exc:
            show_error(self.status, user_message(exc), self.view)
            return False
        show_message(self.status, (_("Dossier {code} wordt bewaard.") if reason else
                                   _("Dossier {code} wordt niet langer bewaard."))
                     .format(code=item.code))
        self.changed.emit(item.id)
        return True


