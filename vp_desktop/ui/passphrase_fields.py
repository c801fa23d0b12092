"""A new passphrase, typed twice, with the strength hint and the rules of passphrase.py:
below the floor nothing can be saved (no tick offered); a weak one above it needs an explicit
tick. One widget for every window that sets a passphrase."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QLineEdit

from ..i18n import N_, _
from ..passphrase import assess_passphrase, new_passphrase_problem
from .secret_field import SecretLineEdit, secret_field
from .widgets import named

WEAK_NEEDS_TICK = N_("Dit wachtwoord is zwak. Kies een sterker wachtwoord, of vink aan dat u "
                   "het bewust kiest.")


def password_field(object_name: str, accessible_name: str) -> SecretLineEdit:
    """A passphrase field whose characters never reach Qt's accessibility (secret_field)."""
    return secret_field(object_name, accessible_name)


class NewPassphraseFields:
    """Adds the rows 'Nieuw wachtwoord', 'Herhaal', 'Sterkte', the weak tick and 'Tonen' to
    ``form``; never keeps the passphrase anywhere but in the fields (see :meth:`clear`)."""

    def __init__(self, form: QFormLayout, prefix: str, *, label: str | None = None,
                 repeat_label: str | None = None,
                 user_inputs: list[str] | None = None):
        """``label`` and ``repeat_label`` are shown as given (translated by the caller)."""
        label = label if label is not None else _("&Wachtwoord")
        repeat_label = repeat_label if repeat_label is not None else _("&Herhaal wachtwoord")
        self._user_inputs = user_inputs or []
        self.passphrase = password_field(f"{prefix}Passphrase", label.replace("&", ""))
        form.addRow(label, self.passphrase)
        self.repeat = password_field(f"{prefix}PassphraseRepeat",
                                     repeat_label.replace("&", ""))
        form.addRow(repeat_label, self.repeat)
        self.strength = named(QLabel(), f"{prefix}Strength",
                              _("Sterkte van het wachtwoord"))
        self.strength.setWordWrap(True)
        form.addRow(_("Sterkte"), self.strength)
        self.accept_weak = named(QCheckBox(_("Ik kies bewust dit zwakke wachtwoord")),
                                 f"{prefix}AcceptWeak", _("Zwak wachtwoord toch gebruiken"))
        self.accept_weak.hide()
        form.addRow(self.accept_weak)
        self.show_text = named(QCheckBox(_("Wachtwoorden &tonen")), f"{prefix}ShowPassphrase",
                               _("Wachtwoorden tonen"))
        form.addRow(self.show_text)
        self._extra: list[QLineEdit] = []
        self.show_text.toggled.connect(self._set_visible)
        self.passphrase.textChanged.connect(self._update_strength)
        self._update_strength()

    def also_show(self, field: QLineEdit) -> None:
        """Let the 'tonen' tick show another password field too (the old passphrase)."""
        self._extra.append(field)

    def _set_visible(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        for field in (self.passphrase, self.repeat, *self._extra):
            field.setEchoMode(mode)

    def _update_strength(self) -> None:
        """Updates as one types: the rule while empty (no verdict), then the verdict; the
        tick only for a passphrase above the floor that is still weak."""
        strength = assess_passphrase(self.passphrase.text(), self._user_inputs)
        self.strength.setText(strength.text)
        self.accept_weak.setVisible(strength.needs_confirmation)
        self.accept_weak.setChecked(False)  # a tick is for this passphrase, not the next

    def problems(self) -> list[str]:
        passphrase = self.passphrase.text()
        if not passphrase:
            return [_("Kies een nieuw wachtwoord.")]
        if passphrase != self.repeat.text():
            return [_("De twee nieuwe wachtwoorden verschillen.")]
        problem = new_passphrase_problem(passphrase, confirmed_weak=self.accept_weak.isChecked(),
                                         user_inputs=self._user_inputs)
        if problem is None:
            return []
        strength = assess_passphrase(passphrase, self._user_inputs)
        return [_(WEAK_NEEDS_TICK) if strength.needs_confirmation else problem]

    def clear(self) -> None:
        self.passphrase.clear()
        self.repeat.clear()
        self.accept_weak.setChecked(False)
        self.show_text.setChecked(False)
