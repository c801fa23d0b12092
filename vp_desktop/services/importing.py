"""Importing cases from a file in the ``vp-desktop-import`` format: the one use case.

``read_import_file`` reads the file safely (a pipe, a device or a folder is refused before it
is opened for reading, and never more than the size limit plus one byte is read);
``import_cases`` checks everything and stores all records in one transaction, or nothing.
Failures are :class:`ServiceError` with a fixed Dutch sentence; the problems of a rejected
file are its details, one line each (values echoed from the file are cut short).
"""

from __future__ import annotations

import errno
import os
import stat

from ..i18n import _, ngettext
from ..interchange.import_json import MAX_BYTES, ImportRejected, import_into
from ..storage.journal import Journal
from .errors import ServiceError

_MB = 1024 * 1024


class ImportFileRefused(ServiceError):
    """The import file cannot be read, or is not a file that may be read. Nothing imported."""


class ImportRefused(ServiceError):
    """The file was read but one or more problems were found; ``details`` lists every one.
    Nothing was imported."""


def _too_big(size: int) -> ImportFileRefused:
    return ImportFileRefused(
        _("Het importbestand is te groot ({size} MB); de grens is {limit} MB. Splits het in "
          "delen. Er is niets geïmporteerd.").format(size=size // _MB, limit=MAX_BYTES // _MB))


def _unreadable(exc: OSError) -> ImportFileRefused:
    if isinstance(exc, FileNotFoundError):
        reason = _("het bestand bestaat niet")
    elif isinstance(exc, IsADirectoryError):
        reason = _("het is een map, geen bestand")
    elif isinstance(exc, NotADirectoryError):
        reason = _("een deel van het pad is geen map")
    elif isinstance(exc, PermissionError):
        reason = _("geen toegang")
    elif exc.errno == errno.ELOOP:
        reason = _("te veel verwijzingen in het pad")
    else:
        reason = _("fout bij lezen")
    return ImportFileRefused(
        _("Het importbestand kan niet worden gelezen ({reason}). Er is niets "
          "geïmporteerd.").format(reason=reason))


def _not_a_file() -> ImportFileRefused:
    return ImportFileRefused(
        _("Het importbestand is geen gewoon bestand (maar bijvoorbeeld een map, een apparaat of "
          "een pijp). Er is niets geïmporteerd."))


def read_import_file(path: str | os.PathLike[str]) -> bytes:
    """The bytes of an import file, at most ``MAX_BYTES``.

    The type and size are checked with ``stat`` before the file is opened; it is opened
    non-blocking (a FIFO swapped in between cannot hang) and checked again on the open
    descriptor; at most ``MAX_BYTES + 1`` bytes are read, into one buffer.
    Raises :class:`ImportFileRefused`."""
    try:
        before = os.stat(path)
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the path
        raise _unreadable(exc if isinstance(exc, OSError) else OSError()) from None
    if stat.S_ISDIR(before.st_mode):
        raise _unreadable(IsADirectoryError())
    if not stat.S_ISREG(before.st_mode):
        raise _not_a_file()
    if before.st_size > MAX_BYTES:
        raise _too_big(before.st_size)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise _unreadable(exc) from None
    try:
        now = os.fstat(fd)
        if not stat.S_ISREG(now.st_mode) or (now.st_dev, now.st_ino) != (
            before.st_dev,
            before.st_ino,
        ):
            raise _not_a_file()
        chunks: list[bytes] = []
        total = 0
        wanted = min(now.st_size, MAX_BYTES) + 1  # one more: a file that grew shows up
        while total <= MAX_BYTES:
            chunk = os.read(fd, wanted - total if total < wanted else MAX_BYTES + 1 - total)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise _unreadable(exc) from None
    finally:
        os.close(fd)
    if total > MAX_BYTES:
        raise _too_big(total)
    if len(chunks) == 1:
        return chunks[0]  # the usual case: one read, no copy
    data = b"".join(chunks)
    chunks.clear()
    return data


def import_cases(journal: Journal, raw: bytes) -> int:
    """Check ``raw`` completely and store every case in it in one transaction, with its
    activity-log line ("import", how many cases); returns the number of cases stored. Raises :class:`ImportRefused` (every problem in ``details``,
    nothing stored) or a storage error (nothing stored either)."""
    try:
        return import_into(journal, raw)
    except ImportRejected as exc:
        n = len(exc.problems)
        raise ImportRefused(
            ngettext("Niets geïmporteerd: {n} fout gevonden.",
                     "Niets geïmporteerd: {n} fouten gevonden.", n).format(n=n),
            [str(p) for p in exc.problems]
        ) from None
