"""The first-run welcome: three short screens (where the journal lives, locking, backups),
shown once per user account and reopenable from Help. The only thing remembered outside the
journal is that it was seen."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..i18n import _, ngettext
from ..services.backups import BackupSettings
from .widgets import named

SEEN_KEY = "welkom_gezien"  # a flag only, never content


def _pages() -> list[tuple[str, str]]:
    hours = BackupSettings().interval_hours
    if hours == 24:
        backups = _(
            "Het programma maakt vanzelf een versleutelde reservekopie als u vergrendelt of "
            "afsluit en er iets is veranderd, en tijdens het werk eens per dag. Ze staan in de "
            "map <b>reservekopieën</b> naast uw journaal.<br><br>Stel onder <b>Journaal › "
            "Reservekopieën</b> ook een tweede plek in, bijvoorbeeld een versleutelde "
            "USB-stick. Meer uitleg: druk op <b>F1</b>.")
    else:
        backups = ngettext(
            "Het programma maakt vanzelf een versleutelde reservekopie als u vergrendelt of "
            "afsluit en er iets is veranderd, en tijdens het werk hoogstens eens per {hours} "
            "uur. Ze staan in de map <b>reservekopieën</b> naast uw journaal.<br><br>Stel "
            "onder <b>Journaal › Reservekopieën</b> ook een tweede plek in, bijvoorbeeld een "
            "versleutelde USB-stick. Meer uitleg: druk op <b>F1</b>.",
            "Het programma maakt vanzelf een versleutelde reservekopie als u vergrendelt of "
            "afsluit en er iets is veranderd, en tijdens het werk hoogstens eens per {hours} "
            "uur. Ze staan in de map <b>reservekopieën</b> naast uw journaal.<br><br>Stel "
            "onder <b>Journaal › Reservekopieën</b> ook een tweede plek in, bijvoorbeeld een "
            "versleutelde USB-stick. Meer uitleg: druk op <b>F1</b>.", hours).format(hours=hours)
    return [
        (_("Uw gegevens blijven bij u"),
         _("Alles wat u vastlegt staat in één bestand, uw <b>journaal</b>. Dat staat alleen op "
           "deze laptop, niet op het netwerk en niet in de cloud, en is versleuteld met uw "
           "wachtwoord.<br><br>Zonder dat wachtwoord kan niemand het journaal lezen, ook u "
           "niet: er is geen \"wachtwoord vergeten\". Bewaar het wachtwoord op een veilige "
           "plek, niet op de laptop.")),
        (_("Vergrendelen"),
         _("Loopt u even weg? Druk op <b>Ctrl+L</b>: het journaal gaat direct op slot. Dat "
           "gebeurt ook vanzelf als u een tijd niets doet, en als u het scherm van de laptop "
           "vergrendelt (Windows-toets+L).<br><br>Wat u aan het typen was, gaat niet "
           "verloren: het wordt als concept in het versleutelde journaal bewaard.")),
        (_("Reservekopieën"), backups),
    ]


class WelcomeDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        named(self, "welcomeDialog", _("Welkom bij VP Desktop"))
        self.setWindowTitle(_("Welkom bij VP Desktop"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        layout = QVBoxLayout(self)
        self.stack = QStackedWidget()
        self.stack.setObjectName("welcomePages")
        pages = _pages()
        for number, (title, text) in enumerate(pages, start=1):
            page = QWidget()
            page_layout = QVBoxLayout(page)
            heading = QLabel(f"<h2>{title}</h2>")
            heading.setObjectName(f"welcomeTitle{number}")
            body = QLabel(text)
            body.setObjectName(f"welcomeText{number}")
            body.setWordWrap(True)
            body.setTextFormat(Qt.TextFormat.RichText)
            page_layout.addWidget(heading)
            page_layout.addWidget(body, 1, Qt.AlignmentFlag.AlignTop)
            self.stack.addWidget(page)
        layout.addWidget(self.stack, 1)

        row = QHBoxLayout()
        self.step_label = named(QLabel(), "welcomeStep", _("Stap"))
        self.back_button = named(QPushButton(_("&Vorige")), "welcomeBack", _("Vorige"))
        self.next_button = named(QPushButton(_("V&olgende")), "welcomeNext", _("Volgende"))
        self.done_button = named(QPushButton(_("&Aan de slag")), "welcomeDone",
                                 _("Welkom sluiten"))
        row.addWidget(self.step_label, 1)
        row.addWidget(self.back_button)
        row.addWidget(self.next_button)
        row.addWidget(self.done_button)
        layout.addLayout(row)
        self.back_button.clicked.connect(lambda: self.go(self.stack.currentIndex() - 1))
        self.next_button.clicked.connect(lambda: self.go(self.stack.currentIndex() + 1))
        self.done_button.clicked.connect(self.accept)
        self.finished.connect(lambda _result: mark_seen())
        self.resize(520, 340)
        self.go(0)

    def go(self, index: int) -> None:
        index = max(0, min(index, self.stack.count() - 1))
        self.stack.setCurrentIndex(index)
        last = index == self.stack.count() - 1
        self.back_button.setEnabled(index > 0)
        self.next_button.setVisible(not last)
        self.done_button.setDefault(last)
        self.next_button.setDefault(not last)
        self.step_label.setText(_("Stap {number} van {total}").format(
            number=index + 1, total=self.stack.count()))
        (self.done_button if last else self.next_button).setFocus()


def seen() -> bool:
    return bool(QSettings().value(SEEN_KEY, False, type=bool))


def mark_seen() -> None:
    QSettings().setValue(SEEN_KEY, True)


def show_welcome_once(parent=None) -> WelcomeDialog | None:
    """The welcome on the first start for this user; None when it was seen before."""
    if seen():
        return None
    dialog = WelcomeDialog(parent)
    dialog.open()
    return dialog
