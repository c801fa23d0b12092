"""The small set of storage failures the UI and the command line understand.

Every message is a calm Dutch sentence a user can act on, marked with ``N_()`` and
translated into the interface language when the error is raised. ``exit_code`` is what the
command line returns for it (see README).
"""

from __future__ import annotations

from ..i18n import N_, _


class StorageError(Exception):
    exit_code = 1
    default_message = N_("Er ging iets mis bij het lezen of schrijven van het journaal.")

    def __init__(self, message: str | None = None):
        super().__init__(message or _(self.default_message))

    @property
    def message(self) -> str:
        return str(self)


class WrongPassphrase(StorageError):
    exit_code = 3
    default_message = N_(
        "Het wachtwoord klopt niet, of dit bestand is geen VP-journaal. Er is niets veranderd."
    )


class NotAJournal(StorageError):
    exit_code = 3
    default_message = N_("Dit bestand is geen VP-journaal.")


class JournalNotFound(StorageError):
    exit_code = 1
    default_message = N_("Er staat geen journaal op deze plek.")


class JournalExists(StorageError):
    exit_code = 1
    default_message = N_("Op deze plek staat al een bestand; kies een andere naam.")


class DamagedJournal(StorageError):
    exit_code = 4
    default_message = N_(
        "Het journaal is beschadigd. Er is niets gewijzigd; zet een reservekopie terug "
        "of neem contact op met ondersteuning."
    )


class NewerJournal(StorageError):
    exit_code = 1
    default_message = N_(
        "Dit journaal is gemaakt met een nieuwere versie van VP Desktop. "
        "Werk VP Desktop bij om het te openen."
    )


class UpgradeBackupFailed(StorageError):
    exit_code = 1
    default_message = N_(
        "Dit journaal is van een eerdere versie van VP Desktop. Voordat het wordt bijgewerkt, "
        "maakt VP Desktop er een reservekopie van (in de map reservekopieën ernaast), maar dat "
        "lukte niet. Er is niets veranderd. Zorg voor schrijfruimte naast het journaal en "
        "probeer het opnieuw.")


class JournalBusy(StorageError):
    exit_code = 1
    default_message = N_("Het journaal is even bezet door een ander programma. Probeer het opnieuw.")


class DiskFull(StorageError):
    exit_code = 1
    default_message = N_(
        "De schijf is vol: het laatste is niet opgeslagen. Maak ruimte vrij en probeer opnieuw; "
        "eerder opgeslagen gegevens zijn veilig."
    )


class ReadOnlyJournal(StorageError):
    exit_code = 1
    default_message = N_(
        "Het journaal is alleen-lezen (het bestand of de map waarin het staat): er kan niets "
        "worden opgeslagen. Er is niets veranderd; zet het journaal op een plek waar u mag "
        "schrijven."
    )


class LocationRefused(StorageError):
    exit_code = 5
    default_message = N_("Deze plek is niet toegestaan voor een journaal.")


class SyncFolderRefused(LocationRefused):
    """The place is a folder synchronised with a cloud service, refused without an explicit
    allowance (``allow_sync_folder``); callers may offer that allowance."""


class JournalClosed(StorageError):
    default_message = N_("Het journaal is vergrendeld.")


class RecordNotFound(StorageError):
    default_message = N_("Dat gegeven bestaat niet (meer) in het journaal.")
