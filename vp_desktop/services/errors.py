"""The one wording of failures that reach a user, from the window or the command line.

Every message is a fixed Dutch sentence, translated into the interface language (``_()``)
when it is raised. It never carries case content: exception texts from
lower layers (which may quote a name from a template or a record) are never shown; at most an
exception's class name is.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..i18n import N_, _


class ServiceError(Exception):
    """A failure the user can act on. ``message`` is fixed Dutch text without case content;
    ``details`` are extra lines of the same kind (e.g. which rule refused, per part)."""

    exit_code = 1

    def __init__(self, message: str, details: Sequence[str] = ()):
        super().__init__(message)
        self.message = message
        self.details = tuple(details)


class OutputRefused(ServiceError):
    """An output was refused by one of its gates (name check, consent, unfinished spot,
    output path). Nothing was written, printed or logged."""


class WrongCurrentPassphrase(OutputRefused):
    """A passphrase change refused because the current passphrase given was wrong."""


class OutputFailed(ServiceError):
    """An output could not be written or printed. No file was left behind."""


UNEXPECTED = N_("Er ging onverwacht iets mis ({name}); er is niets half opgeslagen.")

_OS_ERRORS = (
    (FileNotFoundError, N_("de map bestaat niet")),
    (IsADirectoryError, N_("het is een map, geen bestand")),
    (NotADirectoryError, N_("een deel van het pad is geen map")),
    (PermissionError, N_("geen toegang")),
    (FileExistsError, N_("het bestand bestaat al")),
)


def os_reason(exc: OSError) -> str:
    """A short reason for an OS error (interface language), from its class and errno only."""
    import errno

    for cls, text in _OS_ERRORS:
        if isinstance(exc, cls):
            return _(text)
    if exc.errno == errno.ENOSPC:
        return _("de schijf is vol")
    if exc.errno == errno.EROFS:
        return _("de schijf is alleen-lezen")
    return _("fout bij lezen of schrijven")


def user_message(exc: BaseException) -> str:
    """The fixed Dutch sentence for any exception: a service's or storage's own message
    (written to be shown), else a generic sentence naming only the exception's class."""
    from ..storage.errors import StorageError

    if isinstance(exc, ServiceError):
        return exc.message
    if isinstance(exc, StorageError):
        return exc.message
    if isinstance(exc, OSError):
        return _("Het bestand kan niet worden gelezen of geschreven ({reason}).").format(
            reason=os_reason(exc))
    return _(UNEXPECTED).format(name=exc.__class__.__name__)
