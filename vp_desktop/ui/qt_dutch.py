"""Qt's own texts in Dutch where Qt's Dutch catalogue falls short.

``qtbase_nl.qm`` still carries the Qt 5 source strings for two labels of the file dialog
("Look in:" where Qt 6 asks for "&Look in:"), so those stayed English; and the standard
buttons of message boxes come without mnemonics or say "Verwerpen" where the user is choosing
not to save. This translator is installed after Qt's own and answers only for the texts
below; everything else falls through to Qt's catalogue.
"""

from __future__ import annotations

from PySide6.QtCore import QTranslator

# (context, source text) -> Dutch text
TEXTS: dict[tuple[str, str], str] = {
    ("QFileDialog", "&Look in:"): "&Zoeken in:",
    ("QFileDialog", "Files of &type:"): "Bestands&type:",
    ("QPlatformTheme", "Save"): "&Opslaan",
    ("QPlatformTheme", "Discard"): "&Niet opslaan",
    ("QPlatformTheme", "Don't Save"): "&Niet opslaan",
    ("QPlatformTheme", "Close"): "&Sluiten",
    ("QPlatformTheme", "Retry"): "Opnieuw &proberen",
    ("QPlatformTheme", "Yes to All"): "Ja, &alle",
    ("QPlatformTheme", "No to All"): "Nee, a&lle",
    ("QPlatformTheme", "Open"): "&Openen",
    ("QPlatformTheme", "Apply"): "&Toepassen",
    ("QPlatformTheme", "Reset"): "&Herstellen",
    ("QPlatformTheme", "Help"): "&Help",
}


class DutchQtTexts(QTranslator):
    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: N802
        return TEXTS.get((context, source_text))

    def isEmpty(self) -> bool:  # noqa: N802
        return False
