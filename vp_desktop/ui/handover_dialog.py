"""Journaal → Overdragen… and Journaal → Dossiers overnemen uit een journaal….

Both only collect input and call :mod:`vp_desktop.services.handover`; every failure is shown
with its fixed Dutch sentence (``user_message``). Nothing here is modal inside the dialog:
after a handover the dialog itself offers to remove the handed-over cases.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..app_paths import JOURNAL_SUFFIX
from ..domain.vocabulary import STATUSES
from ..i18n import N_, _, ngettext
from ..services import handover as service
from ..services.errors import user_message
from .announce import clear_message, show_error, show_message
from .journal_place import NewJournalPlace
from .passphrase_fields import NewPassphraseFields
from .secret_field import secret_field
from .widgets import fit_to_screen, named, open_file_name

_ERROR_STYLE = "color: #b00020;"
_PICK = N_("— dossiers zelf aanvinken —")


def _error_label(name: str) -> QLabel:
    label = named(QLabel(), name, _("Foutmelding"))
    label.setWordWrap(True)
    label.setStyleSheet(_ERROR_STYLE)
    label.hide()  # shown (and announced) with a message only
    return label


def _path_row(line: QLineEdit, browse: QPushButton) -> QWidget:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(line, 1)
    layout.addWidget(browse)
    row.setFocusProxy(line)
    return row


class HandoverDialog(QDialog):
    """Choose an organisation (or cases), a new file and the successor's passphrase."""

    def __init__(self, session, parent=None):
        super().__init__(parent)
        named(self, "handoverDialog", _("Overdragen"))
        self.setWindowTitle(_("Dossiers overdragen aan een opvolger"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        fit_to_screen(self, 640, 620)
        self.session = session
        self.result_: service.HandoverResult | None = None
        self.destroyed: service.DestroyResult | None = None
        self.pages = QStackedWidget()
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.pages.addWidget(self._form_page())
        self.pages.addWidget(self._done_page())
        self._fill_cases()

    # --- page 1: what, where, passphrase -----------------------------------------------------

    def _form_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        intro = QLabel(_("De gekozen dossiers gaan compleet naar een nieuw, versleuteld "
                         "journaal met een eigen wachtwoord voor de opvolger. Dossiers worden "
                         "nooit gedeeld: daarna horen ze bij de opvolger. Geef bestand en "
                         "wachtwoord apart van elkaar."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.organisation = named(QComboBox(), "handoverOrganisation", _("Organisatie"))
        form.addRow(_("Or&ganisatie"), self.organisation)
        self.cases = named(QListWidget(), "handoverCases", _("Dossiers om over te dragen"))
        form.addRow(_("&Dossiers"), self.cases)
        self.place = NewJournalPlace(
            form, "handover", label=_("&Nieuw bestand"), accessible=_("Nieuw journaalbestand"),
            dialog_title=_("Nieuw journaal voor de opvolger"),
            sync_text=_("Ik begrijp het risico en wil het bestand tóch in deze map zetten"))
        self.path, self.sync_override = self.place.path, self.place.sync_override
        self.location_note = self.place.note
        self.new_passphrase = NewPassphraseFields(form, "handover",
                                                  label=_("&Wachtwoord opvolger"),
                                                  repeat_label=_("&Herhaal wachtwoord"))
        self.passphrase = self.new_passphrase.passphrase
        self.repeat = self.new_passphrase.repeat
        self.strength = self.new_passphrase.strength
        self.accept_weak = self.new_passphrase.accept_weak
        layout.addLayout(form)
        self.error = _error_label("handoverErrors")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(_("&Overdragen"))
        named(self.ok, "handoverOk", _("Overdragen"))
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(_("Annuleren"))
        named(cancel, "handoverCancel", _("Annuleren"))
        buttons.accepted.connect(self.try_hand_over)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.organisation.currentIndexChanged.connect(self._organisation_chosen)
        for field in (self.path, self.passphrase, self.repeat):
            field.textChanged.connect(lambda _text: clear_message(self.error))
        return page

    def _fill_cases(self) -> None:
        journal = self.session.journal
        self._summaries = sorted(journal.case_summaries(), key=lambda s: s.code)
        for s in self._summaries:
            state = _("vernietigd") if s.destroyed else STATUSES.text(s.status).lower()
            item = QListWidgetItem(f"{s.code}  {s.organisation}  ({state})")
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.cases.addItem(item)
        for org in journal.organisations():
            self.organisation.addItem(org.name, org.name)
        self.organisation.addItem(_(_PICK), None)
        self._organisation_chosen()

    def _organisation_chosen(self) -> None:
        name = self.organisation.currentData()
        if name is None:
            return  # the VP ticks cases
        for row, s in enumerate(self._summaries):
            self.cases.item(row).setCheckState(
                Qt.CheckState.Checked if s.organisation == name else Qt.CheckState.Unchecked)

    def chosen_ids(self) -> list[int]:
        return [self.cases.item(row).data(Qt.ItemDataRole.UserRole)
                for row in range(self.cases.count())
                if self.cases.item(row).checkState() == Qt.CheckState.Checked]

    def problems(self) -> list[str]:
        problems = []
        if not self.chosen_ids():
            problems.append(_("Kies een organisatie of vink de dossiers aan."))
        if not self.path.text().strip():
            problems.append(_("Kies een naam voor het nieuwe journaal."))
        problems += self.new_passphrase.problems()
        return problems

    def target_path(self) -> Path:
        path = Path(self.path.text().strip()).expanduser()
        return path if path.suffix == JOURNAL_SUFFIX else path.with_name(path.name + JOURNAL_SUFFIX)

    def try_hand_over(self) -> bool:
        problems = self.problems()
        if problems:
            show_error(self.error, "\n".join(f"• {p}" for p in problems))
            return False
        try:
            self.result_ = service.hand_over(
                self.session.journal, self.chosen_ids(), self.target_path(),
                self.passphrase.text(), allow_weak=self.accept_weak.isChecked(),
                allow_sync_folder=self.sync_override.isChecked())
        except Exception as exc:  # every failure has its fixed sentence; no file was left
            show_error(self.error, user_message(exc))
            return False
        self.new_passphrase.clear()
        count = len(self.result_.codes)
        self.done_text.setText(ngettext(
            "{n} dossier is overgedragen naar {path}. Geef het bestand en het wachtwoord apart "
            "aan de opvolger.",
            "{n} dossiers zijn overgedragen naar {path}. Geef het bestand en het wachtwoord "
            "apart aan de opvolger.", count).format(n=count, path=self.result_.path)
            + "\n\n"
            + _("Deze dossiers horen nu bij de opvolger. Wilt u ze uit uw eigen journaal halen? "
                "Gesloten dossiers worden vernietigd (de statistiek blijft voor uw eigen "
                "verslagen); open dossiers worden verwijderd; dossiers die wegens een procedure "
                "bewaard worden, blijven staan."))
        clear_message(self.error)
        self.pages.setCurrentIndex(1)
        self.destroy_button.setFocus()  # the page with the OK button is gone
        show_message(self.done_text, self.done_text.text())
        self.session.data_changed.emit(-1)  # the activity log changed
        return True

    # --- page 2: done; offer to remove them -------------------------------------------------

    def _done_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.done_text = named(QLabel(), "handoverDone", _("Overdracht gelukt"))
        self.done_text.setWordWrap(True)
        layout.addWidget(self.done_text)
        self.destroy_note = named(QLabel(), "handoverDestroyNote", _("Uitkomst van vernietigen"))
        self.destroy_note.setWordWrap(True)
        self.destroy_note.hide()  # shown (and announced) with the outcome
        layout.addWidget(self.destroy_note)
        self.destroy_error = _error_label("handoverDestroyErrors")
        layout.addWidget(self.destroy_error)
        layout.addStretch(1)
        row = QHBoxLayout()
        self.destroy_button = named(QPushButton(_("Nu &vernietigen en verwijderen")),
                                    "handoverDestroy", _("Overgedragen dossiers vernietigen"))
        self.destroy_button.clicked.connect(self.destroy_handed_over)
        self.later_button = named(QPushButton(_("&Later")), "handoverLater", _("Sluiten"))
        self.later_button.clicked.connect(self.accept)
        row.addStretch(1)
        row.addWidget(self.destroy_button)
        row.addWidget(self.later_button)
        layout.addLayout(row)
        return page

    def destroy_handed_over(self) -> bool:
        if self.result_ is None:
            return False
        try:
            self.destroyed = service.destroy_handed_over(self.session.journal,
                                                         self.result_.case_ids)
        except Exception as exc:
            show_error(self.destroy_error, user_message(exc))
            return False
        clear_message(self.destroy_error)
        self.destroy_button.setEnabled(False)
        self.later_button.setText(_("&Sluiten"))
        self.later_button.setFocus()  # the focused button is disabled: on to the next step
        show_message(self.destroy_note, service.describe_destroyed(self.destroyed))
        self.session.data_changed.emit(-1)
        return True


class TakeOverDialog(QDialog):
    """Take the cases of another journal (a predecessor's handover) into this one."""

    def __init__(self, session, parent=None):
        super().__init__(parent)
        named(self, "takeOverDialog", _("Dossiers overnemen uit een journaal"))
        self.setWindowTitle(_("Dossiers overnemen uit een journaal"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        fit_to_screen(self, 560, 320)
        self.session = session
        self.result_ = None
        layout = QVBoxLayout(self)
        intro = QLabel(_("Neem de dossiers over uit het journaal dat u van uw voorganger "
                         "kreeg. Dossiercodes blijven gelijk; bestaat een code al in uw "
                         "journaal, dan wordt niets overgenomen. Het andere journaal wordt "
                         "alleen gelezen."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.path = named(QLineEdit(), "takeOverPath", _("Journaal van de voorganger"))
        browse = named(QPushButton(_("&Bladeren…")), "takeOverBrowse", _("Journaal kiezen"))
        browse.clicked.connect(self._browse)
        form.addRow(_("&Journaal"), _path_row(self.path, browse))
        self.passphrase = secret_field("takeOverPassphrase", _("Wachtwoord van dat journaal"))
        form.addRow(_("&Wachtwoord"), self.passphrase)
        self.organisation = named(QLineEdit(), "takeOverOrganisation",
                                  _("Alleen deze organisatie (leeg: alle)"))
        self.organisation.setPlaceholderText(_("leeg: alle dossiers"))
        form.addRow(_("Or&ganisatie"), self.organisation)
        layout.addLayout(form)
        # after the field's construction (its own lines): the name in the interface language
        self.passphrase.setAccessibleName(_("Wachtwoord van dat journaal"))
        self.error = _error_label("takeOverErrors")
        layout.addWidget(self.error)
        self.done_text = named(QLabel(), "takeOverDone", _("Overname gelukt"))
        self.done_text.setWordWrap(True)
        self.done_text.hide()  # shown (and announced) with the result
        layout.addWidget(self.done_text)
        layout.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Close)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(_("&Overnemen"))
        named(self.ok, "takeOverOk", _("Overnemen"))
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(_("Sluiten"))
        named(close, "takeOverClose", _("Sluiten"))
        buttons.accepted.connect(self.try_take_over)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        for field in (self.path, self.passphrase, self.organisation):
            field.textChanged.connect(lambda _text: clear_message(self.error))

    def _browse(self) -> None:
        chosen, _filter = open_file_name(
            self, _("Journaal van de voorganger"), self.path.text(),
            _("Journaal van VP Desktop (*{suffix});;Alle bestanden (*)").format(
                suffix=JOURNAL_SUFFIX))
        if chosen:
            self.path.setText(chosen)

    def try_take_over(self) -> bool:
        if not self.path.text().strip() or not self.passphrase.text():
            show_error(self.error, _("Kies het journaal en vul het wachtwoord ervan in."),
                       self.path if not self.path.text().strip() else self.passphrase)
            return False
        path = Path(self.path.text().strip()).expanduser()
        try:
            service.check_other_journal_file(path)
            self.result_ = service.take_over_file(self.session.journal, path,
                                                  self.passphrase.text(),
                                                  self.organisation.text().strip() or None)
        except Exception as exc:  # the fixed sentence: codes at most, never content
            show_error(self.error, user_message(exc))
            return False
        self.passphrase.clear()
        count = len(self.result_.codes)
        text = ngettext("{n} dossier overgenomen, codes behouden.",
                        "{n} dossiers overgenomen, codes behouden.", count).format(n=count)
        if self.result_.organisations_created:
            text += " " + _("Nieuwe organisatie: {names}.").format(
                names=", ".join(self.result_.organisations_created))
        self.ok.setEnabled(False)
        show_message(self.done_text, text)
        self.session.data_changed.emit(-1)
        return True
