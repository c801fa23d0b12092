"""How an output leaves the journal: the output-path guard, and "log first, then publish".

Every file VP Desktop writes on request (letter, case report, jaarverslag) and every page it
prints goes through :func:`publish_file` or :func:`publish_print`:

1. :func:`guard_output_path` refuses a place that is not ours to write: the open journal or
   its ``-wal``/``-shm`` (by device and inode, so through symlinks and hard links), any
   ``.vpj`` file, any file that starts with an SQLite header, anything that is not a regular
   file, and an existing file of another kind than the output (a PDF only over a PDF, CSV
   over text, JSON over JSON). Refusal changes nothing.
2. The bytes go to a new hidden part file beside the target (created exclusively, mode 600,
   never following a link, fsynced).
3. The activity-log entry is committed.
4. Only then the part file is renamed over the target, in one step. When that fails the log
   entry is marked "mislukt"; the part file is removed whatever fails. When the log cannot be
   written, no file appears.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..i18n import N_, _
from ..storage.backup import fsync_dir
from .errors import OutputFailed, OutputRefused, os_reason

JOURNAL_SUFFIX = ".vpj"
SQLITE_HEADER = b"SQLite format 3\x00"
KINDS = ("pdf", "csv", "json")

NOT_OURS = N_("Daar wordt niet geschreven: {what}. Kies een andere bestandsnaam; er is niets "
            "veranderd.")


@dataclass(frozen=True)
class LogLine:
    """The activity-log entry of one output: what, for which case, never content."""

    kind: str  # ACTIVITY_KINDS
    case_code: str | None = None
    template_id: str | None = None
    detail: str = ""
    kept: object | None = None  # a letter's copy (KeptLetter), kept with the log line


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def journal_files(journal_path: Path) -> list[Path]:
    """The journal and the files SQLite keeps beside it."""
    return [journal_path, *(journal_path.with_name(journal_path.name + s)
                            for s in ("-wal", "-shm", "-journal"))]


def _looks_like(kind: str, head: bytes) -> bool:
    if kind == "pdf":
        return head.startswith(b"%PDF-")
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError as exc:  # a multi-byte character cut at the end is fine
        if exc.start < len(head) - 4:
            return False
        text = head[:exc.start].decode("utf-8-sig", errors="strict")
    if "\x00" in text:
        return False
    if kind == "json":
        stripped = text.lstrip()
        return stripped.startswith(("{", "[")) or not stripped
    return True  # csv: any text


def guard_output_path(target: str | os.PathLike, *, kind: str,
                      journal_path: str | os.PathLike | None) -> Path:
    """The absolute path to write ``kind`` to, or :class:`OutputRefused` (nothing changed)."""
    if kind not in KINDS:
        raise ValueError(f"unknown output kind {kind!r}")
    text = os.fspath(target)
    if not text.strip():
        raise OutputRefused(_("Geef de naam van het uitvoerbestand."))
    path = Path(text).expanduser().absolute()
    names = {path.name.lower(), Path(os.path.realpath(path)).name.lower()}
    for name in names:
        if name.endswith(JOURNAL_SUFFIX) or any(
                name.endswith(JOURNAL_SUFFIX + s) for s in ("-wal", "-shm", "-journal")):
            raise OutputRefused(_(NOT_OURS).format(what=_("een journaalbestand (.vpj)")))
    if journal_path is not None:
        mine = {i for i in map(_identity, journal_files(Path(journal_path))) if i}
        if _identity(path) in mine:
            raise OutputRefused(_(NOT_OURS).format(what=_("dat is het geopende journaal")))
    if not path.parent.is_dir():
        raise OutputRefused(_("De map van het uitvoerbestand bestaat niet."))
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if path.is_symlink():  # a dangling link: writing would follow it somewhere else
            raise OutputRefused(_(NOT_OURS).format(what=_("een snelkoppeling"))) from None
        return path
    except OSError as exc:
        raise OutputRefused(_("Het uitvoerbestand kan niet worden gecontroleerd ({reason}).")
                            .format(reason=os_reason(exc))) from None
    if stat.S_ISDIR(st.st_mode):
        raise OutputRefused(_("Dat is een map; geef een bestandsnaam."))
    if not stat.S_ISREG(st.st_mode):
        raise OutputRefused(_(NOT_OURS).format(what=_("geen gewoon bestand")))
    if st.st_size == 0:
        return path
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            head = fh.read(4096)
    except OSError as exc:
        raise OutputRefused(_("Het bestaande bestand kan niet worden gelezen ({reason}); er is "
                              "niets veranderd.").format(reason=os_reason(exc))) from None
    if head.startswith(SQLITE_HEADER):
        raise OutputRefused(_(NOT_OURS).format(what=_("een databasebestand")))
    if not _looks_like(kind, head):
        raise OutputRefused(_(NOT_OURS).format(
            what=_("het bestaande bestand is geen {kind}-bestand").format(kind=kind)))
    return path


def _write_part(target: Path, data: bytes) -> Path:
    part = target.with_name(f".{target.name}.{secrets.token_hex(4)}.part")
    flags = os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(part, flags, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(part, 0o600)
    except BaseException:
        with contextlib.suppress(OSError):
            os.remove(part)
        raise
    return part


def _failed_write(exc: OSError) -> OutputFailed:
    reason = _("de schijf is vol") if exc.errno == errno.ENOSPC else os_reason(exc)
    return OutputFailed(_("Het bestand kon niet worden geschreven ({reason}); er is niets "
                          "opgeslagen.").format(reason=reason))


LOG_FAILED = N_("Het activiteitenlog kon niet worden bijgewerkt ({reason}); daarom is er niets "
              "opgeslagen of afgedrukt.")


def log_line(journal, line: LogLine) -> int:
    from ..storage.errors import StorageError

    try:
        if line.kept is not None:
            return journal.log_activity(line.kind, line.case_code, line.template_id,
                                        line.detail, kept=line.kept)
        return journal.log_activity(line.kind, line.case_code, line.template_id, line.detail)
    except StorageError as exc:
        raise OutputFailed(_(LOG_FAILED).format(reason=exc.message.rstrip("."))) from None


def mark_failed(journal, entry_id: int) -> None:
    from ..storage.errors import StorageError

    with contextlib.suppress(StorageError):
        journal.mark_activity_failed(entry_id)


def publish_file(journal, target: str | os.PathLike, data: bytes, *, kind: str,
                 log: LogLine) -> Path:
    """Write ``data`` to ``target`` after the guard, with the log line committed first."""
    path = guard_output_path(target, kind=kind, journal_path=journal.path)
    try:
        part = _write_part(path, data)
    except OSError as exc:
        mark_failed(journal, log_line(journal, LogLine(log.kind, log.case_code, log.template_id,
                                                    log.detail)))
        raise _failed_write(exc) from None
    try:
        entry_id = log_line(journal, log)
    except BaseException:
        with contextlib.suppress(OSError):
            os.remove(part)
        raise
    try:
        guard_output_path(path, kind=kind, journal_path=journal.path)  # still ours to write?
        os.replace(part, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.remove(part)
        mark_failed(journal, entry_id)
        if isinstance(exc, OSError):
            raise _failed_write(exc) from None
        raise
    fsync_dir(path.parent)
    return path


def publish_print(journal, send: Callable[[], object], *, log: LogLine) -> None:
    """Log, then print with ``send``; a failing printer marks the entry "mislukt"."""
    entry_id = log_line(journal, log)
    try:
        send()
    except Exception as exc:
        mark_failed(journal, entry_id)
        raise OutputFailed(_("Afdrukken lukte niet ({reason}); controleer de printer.").format(
            reason=os_reason(exc) if isinstance(exc, OSError) else _("printer"))) from None

