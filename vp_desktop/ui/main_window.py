"""The main window: the unlock screen while locked, the workspace while unlocked."""

from __future__ import annotations

import contextlib
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..app_paths import APP_NAME, JOURNAL_SUFFIX, demo_journal_path
from ..i18n import _, language, ngettext
from ..services.errors import ServiceError, user_message
from ..storage.errors import RecordNotFound, StorageError
from .announce import announce_status_bar
from .case_dialog import CaseDialog
from .case_list_panel import CaseListPanel
from .case_view import CaseView, table_view
from .consultation_dialog import ConsultationDialog
from .create_journal_dialog import CreateJournalDialog
from .follow_up_dialog import FollowUpDialog
from .form_dialog import FormDialog
from .record_models import open_follow_up_model
from .retention_page import RetentionPage
from .session import Session
from .settings_dialog import SettingsDialog
from .unlock_view import UnlockView
from .widgets import fit_to_screen, named, open_file_name

SETTINGS_JOURNAL_KEY = "journal/last_path"  # remembered outside the journal: this path,
SETTINGS_LANGUAGE_KEY = "taal"  # and the interface language ("nl" or "en"); no case content
LANGUAGE_CHOICES = (("nl", "&Nederlands"), ("en", "&English"))  # each in its own language


class MainWindow(QMainWindow):
    overdue_cases = 0  # closed cases past their destroy-after date, at the last reload

    def __init__(self, session: Session, journal_path: Path | None = None, demo=False):
        super().__init__()
        named(self, "mainWindow", "VP Desktop")
        self.demo = demo
        fit_to_screen(self, 1280, 800)
        self.session = session
        self.journal_path = journal_path
        self._update_title()

        self.stack = QStackedWidget()
        self.unlock_view = UnlockView()
        self.stack.addWidget(self.unlock_view)
        self.stack.addWidget(self._build_workspace())
        self.setCentralWidget(self.stack)
        self._build_actions()

        self.unlock_view.unlock_requested.connect(self.unlock)
        self.unlock_view.open_other_requested.connect(self.choose_journal)
        self.unlock_view.create_requested.connect(self.create_journal)
        session.unlocked.connect(self._on_unlocked)
        session.locked.connect(self._on_locked)
        session.locking.connect(self._on_locked)
        session.data_changed.connect(self._on_data_changed)
        self._show_locked()

    # --- building -----------------------------------------------------------------------

    def _build_workspace(self) -> QWidget:
        workspace = QWidget()
        layout = QVBoxLayout(workspace)
        layout.setContentsMargins(8, 8, 8, 8)

        # --- journal identity (issue 9): the demo journal is marked in the window ---
        self.demo_band = named(QLabel(_("DEMO — verzonnen gegevens")), "demoBand",
                               _("Demojournaal met verzonnen gegevens"))
        self.demo_band.setToolTip(_("Dit is het demojournaal: alle dossiers zijn verzonnen. "
                                    "Noteer hier geen echte gesprekken."))
        self.demo_band.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.demo_band.setStyleSheet("#demoBand { background: #6a1b9a; color: white; "
                                     "font-weight: bold; padding: 4px; border-radius: 4px; }")
        self.demo_band.hide()
        layout.addWidget(self.demo_band)

        self.draft_banner = QFrame()
        self.draft_banner.setObjectName("draftBanner")
        self.draft_banner.setStyleSheet("#draftBanner { background: #fff4ce; border-radius: 4px; }")
        banner = QHBoxLayout(self.draft_banner)
        self.draft_label = named(QLabel(), "draftLabel", _("Niet-opgeslagen concepten"))
        self.draft_resume = named(QPushButton(_("Concept he&rvatten")), "draftResume",
                                  _("Concept hervatten"))
        self.draft_discard = named(QPushButton(_("Concept &weggooien")), "draftDiscard",
                                   _("Concept weggooien"))
        banner.addWidget(self.draft_label, 1)
        banner.addWidget(self.draft_resume)
        banner.addWidget(self.draft_discard)
        self.draft_resume.clicked.connect(self.resume_draft)
        self.draft_discard.clicked.connect(self.discard_draft)
        layout.addWidget(self.draft_banner)

        self.tabs = named(QTabWidget(), "mainTabs", _("Onderdelen"))
        cases_page = QSplitter(Qt.Orientation.Horizontal)
        self.case_list = CaseListPanel(self._search_notes)
        self.case_view = CaseView()
        cases_page.addWidget(self.case_list)
        cases_page.addWidget(self.case_view)
        cases_page.setSizes([700, 560])  # the open case gets the room its notes need
        cases_page.setStretchFactor(0, 1)
        cases_page.setStretchFactor(1, 1)
        cases_page.setChildrenCollapsible(False)
        self.tabs.addTab(cases_page, _("D&ossiers"))

        follow_page = QWidget()
        fl = QVBoxLayout(follow_page)
        fl.addWidget(QLabel(_("Alle open vervolgstappen, over alle dossiers. Rood = over tijd, "
                              "grijs = verstreken wettelijke termijn.")))
        self.open_follow_ups = open_follow_up_model(self)
        self.follow_up_view = table_view("openFollowUps", _("Open vervolgstappen"),
                                         self.open_follow_ups)
        header = self.follow_up_view.horizontalHeader()
        header.setStretchLastSection(False)
        for column, width in ((0, 100), (1, 90), (3, 190), (4, 100)):
            self.follow_up_view.setColumnWidth(column, width)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        fl.addWidget(self.follow_up_view, 1)
        row = QHBoxLayout()
        go = named(QPushButton(_("&Naar dossier")), "openFollowUpCase",
                   _("Naar het dossier"))
        done = named(QPushButton(_("&Afgerond")), "openFollowUpDone",
                     _("Vervolgstap afronden"))
        row.addWidget(go)
        row.addWidget(done)
        dismiss = named(QPushButton(_("Termijn &sluiten")), "openFollowUpDismiss",
                        _("Verstreken termijn sluiten (niet meer tonen)"))
        dismiss.clicked.connect(self._dismiss_selected_open_follow_up)
        row.addWidget(dismiss)
        row.addStretch(1)
        fl.addLayout(row)
        go.clicked.connect(self._go_to_follow_up_case)
        done.clicked.connect(self._finish_selected_open_follow_up)
        self.follow_up_view.activated.connect(self._go_to_follow_up_case)
        self.tabs.addTab(follow_page, _("&Vervolgstappen"))
        self.retention_page = RetentionPage(self.session)
        self.retention_page.changed.connect(self.session.data_changed)
        self.retention_page.go_to_case.connect(self._go_to_case)
        self.tabs.addTab(self.retention_page, _("Te vern&ietigen"))
        layout.addWidget(self.tabs, 1)

        self.case_list.case_selected.connect(self.show_case)
        self.case_list.case_activated.connect(lambda _id: self.edit_case())
        self.case_view.edit_requested.connect(self.edit_case)
        self.case_view.log_requested.connect(self.log_consultation)
        self.case_view.add_follow_up_requested.connect(self.add_follow_up)
        self.case_view.follow_up_done_requested.connect(self.finish_follow_up)
        self.case_view.follow_up_dismiss_requested.connect(self.dismiss_follow_up)
        self.case_view.letter_requested.connect(self.make_letter)
        self.case_view.report_requested.connect(self.make_report)
        self.case_view.kept_letter_requested.connect(self.open_kept_letter)
        return workspace

    def _action(self, text: str, name: str, shortcut: str | None, slot, menu) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        bar = self.menuBar()
        journal_menu = bar.addMenu(_("&Journaal"))
        journal_menu.setObjectName("journalMenu")
        self.act_lock = self._action(_("&Vergrendelen"), "actionLock", "Ctrl+L", self.session.lock,
                                     journal_menu)
        self.act_lock.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)  # also in dialogs
        self._action(_("&Nieuw journaal…"), "actionCreateJournal", None, self.create_journal,
                     journal_menu)
        self._action(_("&Ander journaal openen…"), "actionOpenJournal", None, self.choose_journal,
                     journal_menu)
        self.act_settings = self._action(_("&Instellingen…"), "actionSettings", "Ctrl+,",
                                         self.open_settings, journal_menu)
        self.act_templates = self._action(_("&Briefsjablonen…"), "actionTemplates", None,
                                          self.open_templates, journal_menu)
        self.act_activity = self._action(_("Activiteiten&log…"), "actionActivity", None,
                                         self.open_activity, journal_menu)
        self.act_annual = self._action(_("&Jaarverslag…"), "actionAnnualReport", "Ctrl+J",
                                       self.open_annual_report, journal_menu)
        # --- backups (issue 8) ---
        self.act_backup_now = self._action(_("&Nu een reservekopie maken"), "actionBackupNow", None,
                                           self.backup_now, journal_menu)
        self._backup_label = QLabel(self)
        self._backup_label.setObjectName("backupStatus")
        self.statusBar().addPermanentWidget(self._backup_label)
        announce_status_bar(self.statusBar())  # issue 12: status messages are read out
        self.session.backup_done.connect(self._on_backup_done)
        self.session.unlocked.connect(self._update_backup_status)
        journal_menu.addSeparator()
        self._action(_("&Afsluiten"), "actionQuit", "Ctrl+Q", self.close, journal_menu)
        case_menu = bar.addMenu(_("&Dossier"))
        case_menu.setObjectName("caseMenu")
        self.act_log = self._action(_("Nieuw &gesprek…"), "actionNewConsultation", "Ctrl+N",
                                    self.log_consultation, case_menu)
        self.act_new_case = self._action(_("Nieuw &dossier…"), "actionNewCase", "Ctrl+Shift+N",
                                         self.new_case, case_menu)
        self.act_edit = self._action(_("Dossier &bewerken…"), "actionEditCase", "Ctrl+E",
                                     self.edit_case, case_menu)
        self.act_follow_up = self._action(_("&Vervolgstap toevoegen…"), "actionAddFollowUp",
                                          "Ctrl+Shift+V", self.add_follow_up, case_menu)
        case_menu.addSeparator()
        self.act_letter = self._action(_("Brief &maken…"), "actionLetter", "Ctrl+B",
                                       self.make_letter, case_menu)
        self.act_report = self._action(_("Dossier&overzicht…"), "actionReport", "Ctrl+R",
                                       self.make_report, case_menu)
        case_menu.addSeparator()
        self.act_destroy = self._action(_("Dossier ver&nietigen…"), "actionDestroyCase", None,
                                        lambda: self.destroy_case(), case_menu)
        self.act_delete = self._action(_("Dossier verwijderen (per vergissing aangemaakt)…"),
                                       "actionDeleteCase", None, lambda: self.delete_case(),
                                       case_menu)
        view_menu = bar.addMenu(_("&Beeld"))
        view_menu.setObjectName("viewMenu")
        self.view_menu = view_menu
        self.act_find = self._action(_("&Zoeken"), "actionFind", "Ctrl+F", self._focus_filter,
                                     view_menu)
        self.act_cases = self._action(_("&Dossiers"), "actionShowCases", "Ctrl+1",
                                      lambda: self.tabs.setCurrentIndex(0), view_menu)
        self.act_steps = self._action(_("&Vervolgstappen"), "actionShowFollowUps", "Ctrl+2",
                                      lambda: self.tabs.setCurrentIndex(1), view_menu)
        self.act_due = self._action(_("Te ver&nietigen"), "actionShowDue", "Ctrl+3",
                                    lambda: self.tabs.setCurrentIndex(2), view_menu)
        view_menu.addSeparator()
        self._build_language_menu(view_menu)
        self._unlocked_actions = [self.act_lock, self.act_settings, self.act_log,
                                  self.act_new_case, self.act_edit, self.act_follow_up,
                                  self.act_find, self.act_cases, self.act_steps,
                                  self.act_letter, self.act_report, self.act_templates,
                                  self.act_activity, self.act_annual, self.act_due,
                                  self.act_destroy, self.act_delete]
        # --- handover and take-over (issue 8): before the separator above Afsluiten ---------
        quit_separator = [a for a in journal_menu.actions() if a.isSeparator()][-1]
        self.act_handover = QAction(_("&Overdragen…"), self)
        self.act_handover.setObjectName("actionHandover")
        self.act_handover.triggered.connect(self.open_handover)
        self.act_take_over = QAction(_("Dossiers &overnemen uit een journaal…"), self)
        self.act_take_over.setObjectName("actionTakeOver")
        self.act_take_over.triggered.connect(self.open_take_over)
        for action in (self.act_handover, self.act_take_over):
            journal_menu.insertAction(quit_separator, action)
            self.addAction(action)
            self._unlocked_actions.append(action)
        # --- backups window and passphrase change (issue 8): before Afsluiten too ------------
        self.act_backups = QAction(_("&Reservekopieën…"), self)
        self.act_backups.setObjectName("actionBackups")
        self.act_backups.triggered.connect(self.open_backups)
        self.act_passphrase = QAction(_("&Wachtwoord wijzigen…"), self)
        self.act_passphrase.setObjectName("actionChangePassphrase")
        self.act_passphrase.triggered.connect(self.open_passphrase_change)
        for action in (self.act_backups, self.act_passphrase):
            journal_menu.insertAction(quit_separator, action)
            self.addAction(action)
            self._unlocked_actions.append(action)
        self._build_feedback_actions()
        self._build_help_menu()  # issue 9: Help menu and F1

    def _build_language_menu(self, view_menu: QMenu) -> None:
        """Beeld › Taal / Language: the interface language, stored in QSettings ("taal");
        it applies from the next start."""
        self.language_menu = view_menu.addMenu(_("&Taal / Language"))
        self.language_menu.setObjectName("languageMenu")
        group = QActionGroup(self)
        group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        for code, label in LANGUAGE_CHOICES:
            action = QAction(label, self)
            action.setObjectName(f"actionLanguage_{code}")
            action.setCheckable(True)
            action.setChecked(code == (language() if language() in ("nl", "en") else "nl"))
            action.triggered.connect(lambda _checked=False, c=code: self.choose_language(c))
            group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[code] = action

    def choose_language(self, code: str, tell: bool = True) -> None:
        """Store the interface language for the next start (and say so)."""
        QSettings().setValue(SETTINGS_LANGUAGE_KEY, code)
        self.language_actions[code].setChecked(True)
        if code == language():
            self.announce(_("Taal van het programma: {language}.").format(
                language=dict(LANGUAGE_CHOICES)[code].replace("&", "")))
            return
        text = (_("De nieuwe taal geldt vanaf de volgende keer dat u VP Desktop start.")
                + "\n\n" + ("The interface will be in English from the next start."
                              if code == "en" else
                              "Het programma is vanaf de volgende start in het Nederlands."))
        if tell:
            QMessageBox.information(self, _("Taal / Language"), text)
        else:
            self.announce(text.replace("\n\n", " "))

    @contextlib.contextmanager
    def reporting_errors(self):
        """Storage trouble during a user action: a calm message, the window stays usable."""
        try:
            yield
        except (StorageError, ServiceError) as exc:
            QMessageBox.warning(self, "VP Desktop", user_message(exc))

    # --- lock state ---------------------------------------------------------------------

    def _show_locked(self) -> None:
        for action in self._unlocked_actions:
            action.setEnabled(False)
        self.unlock_view.set_journal(self.journal_path)
        self.stack.setCurrentIndex(0)
        self.unlock_view.reset()

    def _on_locked(self) -> None:
        self.case_list.clear()
        self.case_view.show_case(None)
        self.open_follow_ups.set_records([])
        self.retention_page.model.set_records([])
        self.draft_banner.hide()
        self._show_locked()
        self.repaint()  # shown now, even while a backup on lock still runs
        if self.isVisible():
            self.activateWindow()  # dialogs were closed: take the keyboard back

    def _on_unlocked(self) -> None:
        self.journal_path = self.session.path
        self._update_title()
        demo = self._is_demo_journal()
        self.demo_band.setVisible(demo)
        if not (self.demo or demo):  # the demo journal must not replace the user's own
            QSettings().setValue(SETTINGS_JOURNAL_KEY, str(self.journal_path))
        for action in self._unlocked_actions:
            action.setEnabled(True)
        # no focus while the page changes, else Qt hands it from widget to widget on the way
        # (banner, tab bar, ...) and a screen reader reads each: one move, at the end
        self.unlock_view.passphrase.clearFocus()
        self.stack.setCurrentIndex(1)
        self.unlock_view.passphrase.clear()
        with self.reporting_errors():
            self.reload()
            self._update_draft_banner()
            overdue = self.overdue_cases
            if overdue:
                self.statusBar().showMessage(
                    ngettext("{count} dossier is over de vernietigingsdatum: zie Te "
                             "vernietigen (Ctrl+3).",
                             "{count} dossiers zijn over de vernietigingsdatum: zie Te "
                             "vernietigen (Ctrl+3).", overdue).format(count=overdue), 30000)
        if any(o.follow_up.due <= date.today() and not o.follow_up.is_passed_term(date.today())
               for o in self.open_follow_ups.records()):
            self.tabs.setCurrentIndex(1)
            self.follow_up_view.setFocus()
        else:
            self.tabs.setCurrentIndex(0)
            cases = self.case_list
            if cases.list_area.currentWidget() is cases.view:
                cases.view.setFocus()  # the list: where the work starts, the reader says how many
            else:  # no case (yet): the empty state's text says what to do
                (cases.clear_filters_button if not cases.clear_filters_button.isHidden()
                 else cases.empty_text).setFocus()

    def unlock(self, passphrase: str) -> None:
        if self.journal_path is None:
            return
        self.unlock_view.show_message("")
        self.setCursor(Qt.CursorShape.WaitCursor)
        try:
            self.session.unlock(self.journal_path, passphrase)
        except StorageError as exc:
            self.unlock_view.show_message(exc.message)
            self.unlock_view.passphrase.selectAll()
            self.unlock_view.passphrase.setFocus()
        finally:
            self.unsetCursor()

    def create_journal(self) -> CreateJournalDialog | None:
        if not self.confirm_leaving_journal(_("&Nieuw journaal maken")):
            return None
        if self.session.is_unlocked:
            self.session.lock()
        dialog = CreateJournalDialog(self)
        dialog.accepted.connect(lambda: self.session.adopt(dialog.journal))
        dialog.open()
        return dialog

    def choose_journal(self) -> None:
        start = str(self.journal_path.parent) if self.journal_path else ""
        chosen, _filter = open_file_name(
            self, _("Journaal openen"), start,
            _("Journaal van VP Desktop (*{suffix});;Alle bestanden (*)").format(
                suffix=JOURNAL_SUFFIX))
        if chosen:
            self.switch_to_journal(Path(chosen))

    def switch_to_journal(self, path: Path) -> bool:
        """Lock the open journal (after asking when something is unsaved) and show the
        unlock screen for ``path``. Returns whether it switched."""
        if not self.confirm_leaving_journal(_("&Ander journaal openen")):
            return False
        if self.session.is_unlocked:
            self.session.lock()
        self.journal_path = path
        self._update_title()
        self.unlock_view.set_journal(self.journal_path)
        self.unlock_view.set_hint("")
        self.unlock_view.reset()
        return True

    # --- journal identity (issue 9) ------------------------------------------------------

    def _update_title(self) -> None:
        """The journal's file name, never anything from inside it."""
        name = self.journal_path.stem if self.journal_path else ""
        self.setWindowTitle(f"{name} — {APP_NAME}" if name else APP_NAME)

    def _is_demo_journal(self) -> bool:
        from ..storage import demo_marker

        journal = self.session.journal
        if journal is None:
            return False
        try:
            marked = demo_marker.is_demo(journal)
        except StorageError:
            marked = False
        return marked or journal.path == demo_journal_path()

    def unsaved_work(self) -> str:
        """What would be left behind by leaving the open journal, in Dutch ("" if nothing):
        forms with changes (kept as drafts when it locks) and drafts already waiting."""
        journal = self.session.journal
        if journal is None or not self.session.is_unlocked:
            return ""
        forms = sum(1 for form in self.session.open_forms() if form.is_dirty())
        try:
            drafts = len(journal.drafts())
        except StorageError:
            drafts = 0
        parts = []
        if forms:
            parts.append(ngettext(
                "{count} venster heeft wijzigingen die nog niet zijn opgeslagen. Ze worden "
                "als concept in dit journaal bewaard.",
                "{count} vensters hebben wijzigingen die nog niet zijn opgeslagen. Ze worden "
                "als concept in dit journaal bewaard.", forms).format(count=forms))
        if drafts:
            parts.append(ngettext(
                "Er staat al {count} niet-opgeslagen concept in dit journaal.",
                "Er staan al {count} niet-opgeslagen concepten in dit journaal.",
                drafts).format(count=drafts))
        if parts:
            parts.append(_("U vindt ze terug als u dit journaal weer opent."))
        return " ".join(parts)

    def confirm_leaving_journal(self, action: str) -> bool:
        """Ask before leaving a journal with unsaved work; 'Annuleren' is the default."""
        text = self.unsaved_work()
        if not text:
            return True
        box = QMessageBox(QMessageBox.Icon.Question, _("Niet-opgeslagen wijzigingen"), text,
                          QMessageBox.StandardButton.NoButton, self)
        box.setObjectName("leaveJournalQuestion")
        go = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
        go.setObjectName("leaveJournalGo")
        cancel = box.addButton(_("Annuleren"), QMessageBox.ButtonRole.RejectRole)
        cancel.setObjectName("leaveJournalCancel")
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.exec()
        return box.clickedButton() is go

    # --- loading ------------------------------------------------------------------------

    def reload(self) -> None:
        journal = self.session.journal
        current = self.case_list.current_case_id()
        self.case_list.set_cases(journal.case_summaries(),
                                 [o.name for o in journal.organisations()], journal.case_years())
        self._reload_follow_ups()
        self.overdue_cases = self._reload_retention()
        if current is not None:
            self.case_list.select_case(current)
        elif self.case_list.proxy.rowCount():
            self.case_list.view.selectRow(0)

    def _reload_retention(self) -> int:
        """The 'Te vernietigen' tab; returns how many cases are past their date."""
        overdue = len(self.retention_page.reload().overdue)
        self.tabs.setTabText(2, _("Te vern&ietigen ({count} over tijd)").format(count=overdue)
                             if overdue else _("Te vern&ietigen"))
        return overdue

    def _go_to_case(self, case_id: int) -> None:
        self.tabs.setCurrentIndex(0)
        self.case_list.select_case(case_id)

    def _reload_follow_ups(self) -> None:
        records = self.session.journal.open_follow_ups()
        self.open_follow_ups.set_records(records)
        overdue = sum(1 for o in records if o.follow_up.is_overdue(date.today()))
        self.tabs.setTabText(1, _("&Vervolgstappen ({count} over tijd)").format(count=overdue)
                             if overdue else _("&Vervolgstappen"))

    def _search_notes(self, text: str) -> set[int]:
        return self.session.journal.search_case_ids(text) if self.session.is_unlocked else set()

    def show_case(self, case_id: int | None) -> None:
        journal = self.session.journal
        if case_id is None or journal is None:
            self.case_view.show_case(None)
            return
        try:
            case = journal.get_case(case_id)
            organisation = next((o.name for o in journal.organisations()
                                 if o.id == case.organisation_id), "")
            self.case_view.show_case(case, organisation, journal.consultations(case_id),
                                     journal.follow_ups(case_id))
            self.case_view.show_kept_letters(journal.kept_letters(case_id))
        except StorageError as exc:
            self.statusBar().showMessage(exc.message, 8000)

    def _on_data_changed(self, case_id: int) -> None:
        if not self.session.is_unlocked:
            return
        with self.reporting_errors():
            self._refresh(case_id)

    def _refresh(self, case_id: int) -> None:
        if case_id < 0 or self.case_list.model.row_of(case_id) is None:
            self.reload()
            if case_id >= 0:
                self.case_list.select_case(case_id)
        else:
            self.case_list.model.upsert(self.session.journal.case_summary(case_id))
            self._reload_follow_ups()
            if self.case_list.current_case_id() == case_id:
                self.show_case(case_id)
            else:
                self.case_list.select_case(case_id)

    # --- commands -----------------------------------------------------------------------

    def _open_form(self, dialog: FormDialog) -> FormDialog:
        dialog.saved.connect(self._announce_saved)  # first: it tells a new case from an old
        dialog.saved.connect(self.session.data_changed)
        dialog.open()
        return dialog

    def log_consultation(self) -> FormDialog | None:
        if not self.session.is_unlocked:
            return None
        current = self.case_list.current_case_id()
        choices = [(s.id, s.code) for s in sorted(self.case_list.model.summaries(),
                                                  key=lambda s: s.code, reverse=True)
                   if (s.status == "open" or s.id == current) and not s.destroyed]
        if current is not None and current not in dict(choices):
            current = None
        return self._open_form(ConsultationDialog(self.session, choices, current, self,
                                                  self._selected_organisation()))

    def new_case(self) -> FormDialog | None:
        if not self.session.is_unlocked:
            return None
        return self._open_form(CaseDialog(self.session, None, self,
                                          self._selected_organisation()))

    def _selected_organisation(self) -> int | None:
        """The organisation of the case on screen: the default for a new case."""
        case = self.case_view.case
        return case.organisation_id if case is not None else None

    @property
    def _live_case(self):
        """The case on screen, unless its content was destroyed (then a status message)."""
        case = self.case_view.case
        if case is not None and case.destroyed_at is not None:
            self.statusBar().showMessage(
                _("Dossier {code} is vernietigd: alleen de statistiek is er nog.").format(
                    code=case.code), 8000)
            return None
        return case

    def edit_case(self) -> FormDialog | None:
        case = self._live_case
        if not self.session.is_unlocked or case is None:
            return None
        return self._open_form(CaseDialog(self.session, case, self))

    def add_follow_up(self) -> FormDialog | None:
        case = self._live_case
        if not self.session.is_unlocked or case is None:
            return None
        return self._open_form(FollowUpDialog(self.session, case.id, self))

    def destroy_case(self, confirm: bool = True) -> bool:
        """Destroy the personal content of the case on screen (closed, not held)."""
        from ..services import retention

        case = self._live_case
        if not self.session.is_unlocked or case is None:
            return False
        if confirm and QMessageBox.warning(
                self, _("Dossier vernietigen"), retention.confirmation_question(1),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel) != QMessageBox.StandardButton.Yes:
            return False
        with self.reporting_errors():
            entries = retention.destroy(self.session.journal, [case.id])
            self.statusBar().showMessage(retention.describe(entries), 10000)
            self.session.data_changed.emit(case.id)
            return True
        return False

    def delete_case(self, typed_code: str | None = None) -> bool:
        """Delete a case made by mistake, statistics included (a case with consultations
        needs its code typed)."""
        from ..services import retention

        case = self.case_view.case
        if not self.session.is_unlocked or case is None:
            return False
        if typed_code is None:
            typed_code, ok = QInputDialog.getText(
                self, _("Dossier verwijderen"),
                retention.confirmation_question(1, entirely=True) + "\n"
                + _("Typ de dossiercode ({code}) om te bevestigen.").format(code=case.code))
            if not ok:
                return False
        with self.reporting_errors():
            entry = retention.delete_case(self.session.journal, case.id, typed_code)
            self.statusBar().showMessage(retention.describe([entry], entirely=True), 10000)
            self.session.data_changed.emit(-1)
            return True
        return False

    def open_settings(self) -> FormDialog | None:
        if not self.session.is_unlocked:
            return None
        return self._open_form(SettingsDialog(self.session, self))

    def make_letter(self):
        from .letter_dialog import LetterDialog  # loads reportlab and QtPdf only when needed

        case = self._live_case
        if not self.session.is_unlocked or case is None:
            return None
        with self.reporting_errors():
            letter = LetterDialog(self.session, case.id, self)
            letter.output_done.connect(self.announce)
            dialog = self._open_form(letter)
            dialog.finished.connect(lambda _r, c=case.id: self._refresh_kept_letters(c))
            return dialog
        return None

    def make_report(self):
        from .report_dialog import ReportDialog

        case = self._live_case
        if not self.session.is_unlocked or case is None:
            return None
        with self.reporting_errors():
            dialog = ReportDialog(self.session, case.id, self)
            dialog.open()
            return dialog
        return None

    # --- kept letters: re-open what was sent ---------------------------------------------

    def open_kept_letter(self, letter_id: int):
        from .kept_letter_dialog import KeptLetterDialog

        if not self.session.is_unlocked:
            return None
        with self.reporting_errors():
            dialog = KeptLetterDialog(self.session, letter_id, self)
            dialog.open()
            return dialog
        return None

    def _refresh_kept_letters(self, case_id: int) -> None:
        """After the letter window closes: the letters it printed or saved are listed."""
        case = self.case_view.case
        if self.session.is_unlocked and case is not None and case.id == case_id:
            with self.reporting_errors():
                self.case_view.show_kept_letters(self.session.journal.kept_letters(case_id))

    def open_templates(self):
        from .template_dialog import TemplateDialog

        if not self.session.is_unlocked:
            return None
        with self.reporting_errors():
            return self._open_form(TemplateDialog(self.session, self))
        return None

    def open_annual_report(self):
        from .annual_report_dialog import AnnualReportDialog

        if not self.session.is_unlocked:
            return None
        with self.reporting_errors():
            return self._open_form(AnnualReportDialog(self.session, self))
        return None

    def open_handover(self):
        from .handover_dialog import HandoverDialog

        if not self.session.is_unlocked:
            return None
        with self.reporting_errors():
            dialog = HandoverDialog(self.session, self)
            dialog.open()
            return dialog
        return None

    def open_take_over(self):
        from .handover_dialog import TakeOverDialog

        if not self.session.is_unlocked:
            return None
        with self.reporting_errors():
            dialog = TakeOverDialog(self.session, self)
            dialog.open()
            return dialog
        return None

    def open_activity(self):
        from .activity_dialog import ActivityDialog

        if not self.session.is_unlocked:
            return None
        with self.reporting_errors():
            dialog = ActivityDialog(self.session, self)
            dialog.open()
            return dialog
        return None

    def finish_follow_up(self, follow_up_id: int) -> None:
        case = self.case_view.case
        self._settle_follow_up(follow_up_id, case.id if case else -1)

    def _selected_open_follow_up(self):
        index = self.follow_up_view.currentIndex()
        return self.open_follow_ups.record(index.row()) if index.isValid() else None

    def _go_to_follow_up_case(self) -> None:
        record = self._selected_open_follow_up()
        if record is not None:
            self.tabs.setCurrentIndex(0)
            self.case_list.select_case(record.follow_up.case_id)
            self.case_list.view.setFocus()

    def _finish_selected_open_follow_up(self) -> None:
        record = self._selected_open_follow_up()
        if record is not None:
            row = self.follow_up_view.currentIndex().row()
            if self._settle_follow_up(record.follow_up.id, record.follow_up.case_id):
                self.follow_up_view.selectRow(min(row, self.open_follow_ups.rowCount() - 1))

    def _focus_filter(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.case_list.filter_box.setFocus()
        self.case_list.filter_box.selectAll()

    # --- drafts -------------------------------------------------------------------------

    def _update_draft_banner(self) -> None:
        drafts = self.session.journal.drafts() if self.session.is_unlocked else []
        self.draft_banner.setVisible(bool(drafts))
        if drafts:
            first = drafts[0]
            kinds = {"consultation": _("een gesprek"), "case": _("een dossier"),
                     "follow_up": _("een vervolgstap"), "settings": _("de instellingen"),
                     "letter": _("een brief"), "templates": _("een briefsjabloon"),
                     "annual_report": _("de tekst van een jaarverslag")}
            when = first.saved_at.strftime("%d-%m-%Y %H:%M") if first.saved_at else ""
            more = (_(" (en nog {count})").format(count=len(drafts) - 1) if len(drafts) > 1
                    else "")
            self.draft_label.setText(
                _("Er is een niet-opgeslagen concept voor {what}, bewaard bij het "
                  "vergrendelen op {when}{more}.").format(
                    what=kinds.get(first.kind, first.kind), when=when, more=more))

    def resume_draft(self) -> FormDialog | None:
        journal = self.session.journal
        with self.reporting_errors():
            drafts = journal.drafts() if journal else []
            if not drafts:
                return None
            draft = drafts[0]
            dialog = self._dialog_for_draft(draft)
            if dialog is None:
                self.statusBar().showMessage(
                    _("Dit concept kan niet meer worden geopend; u kunt het weggooien."), 8000)
                return None
            dialog.restore(draft.payload)
            self._open_form(dialog)
            journal.delete_draft(draft.id)  # the open form holds it; a new lock saves it again
            self._update_draft_banner()
            return dialog
        return None

    def _dialog_for_draft(self, draft) -> FormDialog | None:
        if draft.kind == "consultation":
            choices = [(s.id, s.code) for s in self.case_list.model.summaries()]
            return ConsultationDialog(self.session, choices, draft.case_id, self)
        if draft.kind == "case":
            return CaseDialog(self.session, CaseDialog.case_from_payload(draft.payload), self)
        if draft.kind == "follow_up" and self.case_list.model.row_of(draft.case_id) is not None:
            return FollowUpDialog(self.session, draft.case_id, self)
        if draft.kind == "settings":
            return SettingsDialog(self.session, self)
        if draft.kind == "letter" and self.case_list.model.row_of(draft.case_id) is not None:
            from .letter_dialog import LetterDialog

            return LetterDialog(self.session, draft.case_id, self)
        if draft.kind == "annual_report":
            from .annual_report_dialog import AnnualReportDialog

            return AnnualReportDialog(self.session, self, year=draft.payload.get("year"))
        if draft.kind == "templates":
            from .template_dialog import TemplateDialog

            return TemplateDialog(self.session, self)
        return None

    def discard_draft(self) -> None:
        journal = self.session.journal
        with self.reporting_errors():
            drafts = journal.drafts() if journal else []
            if drafts:
                journal.delete_draft(drafts[0].id)
            self._update_draft_banner()

    # --- feedback and undo (issue 9) -------------------------------------------------------

    ANNOUNCE_MS = 8000  # how long a save message stays in the status bar

    def _build_feedback_actions(self) -> None:
        edit_menu = QMenu(_("Bewer&ken"), self)
        edit_menu.setObjectName("editMenu")
        self.menuBar().insertMenu(self.view_menu.menuAction(), edit_menu)
        self.act_undo = self._action(_("&Ongedaan maken"), "actionUndo", "Ctrl+Z",
                                     self.undo_last, edit_menu)
        self.act_undo.setEnabled(False)
        self._undo: tuple[int, int, str] | None = None  # follow-up id, case id, what was done
        self.session.locking.connect(self._forget_undo)
        self.session.locked.connect(self._forget_undo)

    def announce(self, text: str) -> None:
        """A short confirmation in the status bar: case codes only, never content."""
        self.statusBar().showMessage(text, self.ANNOUNCE_MS)

    def _code_of(self, case_id: int) -> str:
        if case_id < 0 or not self.session.is_unlocked:
            return ""
        try:
            return self.session.journal.case_summary(case_id).code
        except StorageError:
            return ""

    def _announce_saved(self, case_id: int) -> None:
        dialog = self.sender()
        kind = getattr(dialog, "draft_kind", "")
        new = case_id >= 0 and self.case_list.model.row_of(case_id) is None
        code = self._code_of(case_id)
        if kind == "consultation":
            text = (_("Nieuw dossier {code} aangemaakt, gesprek opgeslagen.") if new
                    else _("Gesprek opgeslagen in {code}.")).format(code=code)
        elif kind == "case":
            finished = getattr(dialog, "finished_follow_ups", 0)
            if finished:
                text = (ngettext("Dossier {code} aangemaakt; {count} open vervolgstap afgerond.",
                                 "Dossier {code} aangemaakt; {count} open vervolgstappen "
                                 "afgerond.", finished) if new
                        else ngettext("Dossier {code} opgeslagen; {count} open vervolgstap "
                                      "afgerond.",
                                      "Dossier {code} opgeslagen; {count} open vervolgstappen "
                                      "afgerond.", finished)).format(code=code, count=finished)
            else:
                text = (_("Dossier {code} aangemaakt.") if new
                        else _("Dossier {code} opgeslagen.")).format(code=code)
        elif kind == "follow_up":
            text = _("Vervolgstap toegevoegd aan {code}.").format(code=code)
        elif kind == "settings":
            text = _("Instellingen opgeslagen.")
        elif kind == "templates":
            text = _("Briefsjablonen opgeslagen.")
        else:
            text = _("Opgeslagen.")
        self.announce(text)

    def _settle_follow_up(self, follow_up_id: int, case_id: int, dismiss: bool = False) -> bool:
        """Mark a follow-up done (or a passed term dismissed); Ctrl+Z takes it back."""
        journal = self.session.journal
        if journal is None:
            return False
        with self.reporting_errors():
            if dismiss:
                journal.dismiss_follow_up(follow_up_id, date.today())
            else:
                journal.set_follow_up_done(follow_up_id, date.today())
            self._undo = (follow_up_id, case_id, "dismissed" if dismiss else "done")
            self.act_undo.setEnabled(True)
            self.session.data_changed.emit(case_id)
            code = self._code_of(case_id)
            if dismiss:
                text = (_("Verstreken termijn afgehandeld ({code}). Ongedaan maken (Ctrl+Z)")
                        if code else _("Verstreken termijn afgehandeld. Ongedaan maken (Ctrl+Z)"))
            else:
                text = (_("Vervolgstap afgerond ({code}). Ongedaan maken (Ctrl+Z)") if code
                        else _("Vervolgstap afgerond. Ongedaan maken (Ctrl+Z)"))
            self.announce(text.format(code=code))
            return True
        return False

    def dismiss_follow_up(self, follow_up_id: int) -> None:
        case = self.case_view.case
        self._settle_follow_up(follow_up_id, case.id if case and case.id else -1, dismiss=True)

    def _dismiss_selected_open_follow_up(self) -> None:
        record = self._selected_open_follow_up()
        if record is None:
            return
        if not record.follow_up.is_passed_term(date.today()):
            self.announce(_("Alleen een verstreken wettelijke termijn kan worden verborgen; "
                            "een gewone vervolgstap rondt u af."))
            return
        row = self.follow_up_view.currentIndex().row()
        if self._settle_follow_up(record.follow_up.id, record.follow_up.case_id or -1,
                                  dismiss=True):
            self.follow_up_view.selectRow(min(row, self.open_follow_ups.rowCount() - 1))

    def undo_last(self) -> None:
        """Reopen the follow-up finished or dismissed last (only that one, only once)."""
        journal = self.session.journal
        if self._undo is None or journal is None or not self.session.is_unlocked:
            return
        follow_up_id, case_id, _what = self._undo
        self._forget_undo()
        with self.reporting_errors():
            try:
                journal.reopen_follow_up(follow_up_id)
            except RecordNotFound:  # the case was closed, destroyed or deleted meanwhile
                self.announce(_("Niet meer ongedaan te maken: het dossier is gesloten of "
                                "bestaat niet meer."))
                return
            self.session.data_changed.emit(case_id)
            code = self._code_of(case_id)
            self.announce((_("Vervolgstap weer open ({code}).") if code
                           else _("Vervolgstap weer open.")).format(code=code))

    def _forget_undo(self) -> None:
        self._undo = None
        self.act_undo.setEnabled(False)

    # --- closing ------------------------------------------------------------------------

    # --- backups (issue 8) ---------------------------------------------------------------

    def backup_now(self) -> None:
        if self.session.is_unlocked:
            self._backup_label.setText(_("Reservekopie wordt gemaakt…"))
            self.session.start_backup()

    def _on_backup_done(self, error: str) -> None:
        if error:
            self.statusBar().showMessage(error, 15000)
        else:
            self.announce(_("Reservekopie gemaakt."))
        self._update_backup_status()

    def _update_backup_status(self) -> None:
        from ..services.backups import backup_status

        if not self.session.is_unlocked:
            self._backup_label.clear()
            return
        try:
            status = backup_status(self.session.journal)
        except StorageError:
            return
        self._backup_label.setText(status.text)
        self._backup_label.setStyleSheet("color: #c65f00; font-weight: bold;"
                                         if status.overdue else "")

    def open_backups(self):
        from .backup_dialog import BackupDialog

        if not self.session.is_unlocked:
            return None
        with self.reporting_errors():
            dialog = BackupDialog(self.session, self)
            dialog.open()
            return dialog
        return None

    def open_passphrase_change(self):
        from .passphrase_dialog import PassphraseDialog

        if not self.session.is_unlocked:
            return None
        with self.reporting_errors():
            dialog = PassphraseDialog(self.session, self)
            dialog.open()
            return dialog
        return None

    # --- help (issue 9): manual on F1, shortcuts, about, welcome ----------------------------

    def _build_help_menu(self) -> None:
        from .help_window import install_f1

        help_menu = self.menuBar().addMenu(_("&Help"))
        help_menu.setObjectName("helpMenu")
        self.act_help = self._action(_("&Handleiding (F1)"), "actionHelp", None,
                                     lambda: self.open_help(), help_menu)
        self._action(_("&Sneltoetsen"), "actionShortcuts", None,
                     lambda: self.open_help("sneltoetsen"), help_menu)
        self._action(_("&Welkom opnieuw tonen"), "actionWelcome", None, self.open_welcome,
                     help_menu)
        help_menu.addSeparator()
        # --- issue 10: the evidence pack for IT and the FG ---
        self._action(_("&Documentatie voor IT en FG…"), "actionEvidence", None,
                     self.open_evidence, help_menu)
        self._action(_("&Over VP Desktop"), "actionAbout", None, self.open_about, help_menu)
        install_f1()  # F1 in every window and dialog (an application-wide event filter)

    def open_help(self, anchor: str | None = None):
        from .help_window import open_help

        return open_help(anchor)

    def open_evidence(self):  # issue 10
        from .evidence_window import open_evidence

        with self.reporting_errors():
            return open_evidence()
        return None

    def open_about(self):
        from .about_dialog import AboutDialog

        dialog = AboutDialog(self.session, self)
        dialog.open()
        return dialog

    def open_welcome(self):
        from .welcome_dialog import WelcomeDialog

        dialog = WelcomeDialog(self)
        dialog.open()
        return dialog

    # --- second start (issue 10): the running window takes over ------------------------

    def accept_second_start(self, journal: str) -> bool:
        """Another start of VP Desktop handed over the journal it was started with (a
        double-clicked file; "" for none): come to the front and, for another journal,
        show its unlock screen (asking first when something is unsaved). Returns whether
        the window now has that journal."""
        import os

        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()
        if not journal:
            return True
        path = Path(journal)
        if self.journal_path is not None:
            try:
                same = os.path.samefile(self.journal_path, path)
            except OSError:
                same = self.journal_path.absolute() == path.absolute()
            if same:
                return True
        return self.switch_to_journal(path)

    def closeEvent(self, event) -> None:
        self.session.close()  # unsaved forms become drafts in the journal
        super().closeEvent(event)

