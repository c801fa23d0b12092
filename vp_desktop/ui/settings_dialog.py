"""Settings: the VP's name and role, organisations, auto-lock and retention."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..domain.model import VpProfile
from ..domain.validation import ValidationError, profile_problems
from ..domain.vocabulary import VP_ROLES
from ..i18n import _, ngettext
from ..storage.errors import StorageError
from .form_dialog import FormDialog
from .widgets import fit_to_screen, named, set_combo_data, vocab_combo


class SettingsDialog(FormDialog):
    draft_kind = "settings"

    def __init__(self, session, parent=None):
        super().__init__(session, _("Instellingen"), "settingsDialog", parent)
        fit_to_screen(self, 520, 480)
        journal = session.journal
        profile = journal.profile()
        self._last_channel = profile.last_channel
        form = QFormLayout()
        self.name = named(QLineEdit(profile.name), "settingsName", _("Uw naam"))
        form.addRow(_("Uw &naam"), self.name)
        self.role = vocab_combo(VP_ROLES, "settingsRole", _("Uw rol"))
        set_combo_data(self.role, profile.role)
        form.addRow(_("Uw &rol"), self.role)
        self.practice = named(QLineEdit(profile.practice), "settingsPractice",
                              _("Uw organisatie of bureau (briefhoofd)"))
        form.addRow(_("Organisatie/&bureau"), self.practice)
        self.contact_lines = named(QPlainTextEdit(profile.contact_lines), "settingsContact",
                                   _("Uw adres, telefoon en e-mail (briefhoofd)"))
        self.contact_lines.setTabChangesFocus(True)
        self.contact_lines.setMaximumHeight(70)
        form.addRow(_("&Adres en contact"), self.contact_lines)
        self.place = named(QLineEdit(profile.place), "settingsPlace", _("Plaats boven brieven"))
        form.addRow(_("&Plaats (brieven)"), self.place)
        self.auto_lock = named(QSpinBox(), "settingsAutoLock", _("Automatisch vergrendelen na"))
        self.auto_lock.setRange(1, 240)
        self.auto_lock.setSuffix(_(" min"))
        self.auto_lock.setValue(profile.auto_lock_minutes)
        form.addRow(_("Automatisch &vergrendelen na"), self.auto_lock)
        self.retention = named(QSpinBox(), "settingsRetention",
                               _("Standaard bewaartermijn na sluiten"))
        self.retention.setRange(0, 120)
        self.retention.valueChanged.connect(  # "1 maand", "12 maanden"
            lambda n: self.retention.setSuffix(ngettext(" maand", " maanden", n)))
        self.retention.setSuffix(ngettext(" maand", " maanden", 2))
        self.retention.setValue(profile.retention_months)
        form.addRow(_("Be&waren na sluiten"), self.retention)
        self.body.addLayout(form)

        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        organisations_label = QLabel(_("Organisaties (opdrachtgevers):"))
        column.addWidget(organisations_label)
        self.organisations = named(QListWidget(), "settingsOrganisations", _("Organisaties"))
        organisations_label.setBuddy(self.organisations)
        for org in journal.organisations():
            item = QListWidgetItem(org.name)
            item.setData(256, org.id)
            self.organisations.addItem(item)
        column.addWidget(self.organisations)
        row = QHBoxLayout()
        self.new_org = named(QLineEdit(), "settingsNewOrganisation", _("Nieuwe organisatie"))
        self.new_org.setPlaceholderText(_("Naam van een organisatie"))
        add = named(QPushButton(_("&Toevoegen")), "settingsAddOrganisation",
                    _("Organisatie toevoegen"))
        rename = named(QPushButton(_("&Hernoemen…")), "settingsRenameOrganisation",
                       _("Organisatie hernoemen"))
        add.clicked.connect(self._add_organisation)
        self.new_org.returnPressed.connect(self._add_organisation)
        rename.clicked.connect(self._rename_organisation)
        new_org_label = QLabel(_("{label}:").format(label=_("Nieuwe organisatie")))
        new_org_label.setBuddy(self.new_org)
        row.addWidget(new_org_label)
        row.addWidget(self.new_org, 1)
        row.addWidget(add)
        row.addWidget(rename)
        column.addLayout(row)
        self.body.addWidget(box)
        self.finish_layout()

    def _add_organisation(self) -> None:
        name = self.new_org.text().strip()
        if not name:
            return
        try:
            org = self.session.journal.add_organisation(name)
        except StorageError as exc:
            self.show_problems([exc.message])
            return
        item = QListWidgetItem(org.name)
        item.setData(256, org.id)
        self.organisations.addItem(item)
        self.new_org.clear()
        self.error_label.hide()
        self.session.data_changed.emit(-1)

    def _rename_organisation(self) -> None:
        item = self.organisations.currentItem()
        if item is None:
            return
        name, ok = QInputDialog.getText(self, _("Organisatie hernoemen"), _("Nieuwe naam:"),
                                        text=item.text())
        if not ok:
            return
        try:
            self.session.journal.rename_organisation(item.data(256), name)
        except StorageError as exc:
            self.show_problems([exc.message])
            return
        item.setText(name.strip())
        self.session.data_changed.emit(-1)

    def payload(self) -> dict:
        return {"name": self.name.text(), "role": self.role.currentData(),
                "auto_lock": self.auto_lock.value(), "retention": self.retention.value(),
                "practice": self.practice.text(), "contact": self.contact_lines.toPlainText(),
                "place": self.place.text()}

    def restore(self, payload: dict) -> None:
        self.name.setText(payload.get("name", ""))
        set_combo_data(self.role, payload.get("role"))
        self.auto_lock.setValue(int(payload.get("auto_lock", 5)))
        self.retention.setValue(int(payload.get("retention", 12)))
        self.practice.setText(payload.get("practice", ""))
        self.contact_lines.setPlainText(payload.get("contact", ""))
        self.place.setText(payload.get("place", ""))
        self.mark_restored()

    def save(self) -> int:
        profile = VpProfile(name=self.name.text().strip(), role=self.role.currentData(),
                            auto_lock_minutes=self.auto_lock.value(),
                            retention_months=self.retention.value(),
                            last_channel=self._last_channel,
                            practice=self.practice.text().strip(),
                            contact_lines=self.contact_lines.toPlainText().strip(),
                            place=self.place.text().strip())
        problems = profile_problems(profile)
        if profile.role == "intern" and self.organisations.count() > 1:
            problems.append(_("Een interne vertrouwenspersoon werkt voor één organisatie; "
                              "kies 'extern' of houd één organisatie over."))
        if problems:
            raise ValidationError(problems)
        self.session.journal.save_profile(profile)
        self.session.apply_profile(profile)
        return -1
