"""Handover (overdracht) and take-over (overname) of cases between VPs, without any cloud.

* :func:`hand_over` writes the chosen cases into a **new** journal file with the successor's
  own passphrase. The file is built under a hidden part name beside the target, closed, and
  only then linked to its name — never over an existing file — so a failure leaves no new
  file. The sender's activity-log line ("overdracht", the codes, no content) is committed
  before the file appears (log first, then publish, as :mod:`.outputs`).
* :func:`take_over` copies every case (or one organisation's) of another journal, opened
  read-only with its passphrase, into the open journal in one transaction, codes kept; any
  clash refuses everything and names the codes.
* :func:`destroy_handed_over` is offered afterwards: closed cases are destroyed (statistics
  kept), open ones deleted (they now live with the successor); held cases stay.

Dossiers are never shared: a handover moves them to the successor.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..domain.model import DestructionEntry
from ..i18n import N_, _, ngettext
from ..passphrase import assess_passphrase
from ..storage import errors as storage_errors
from ..storage.journal import Journal
from ..storage.transfer import (
    TransferResult,
    case_ids,
    codes_detail,
    copy_cases,
    open_source,
    same_file,
)
from ..storage.vault import PAGE_SIZE, SQLITE_PLAIN_HEADER, check_location
from .annual import choose_organisation
from .errors import OutputFailed, ServiceError, os_reason
from .outputs import LogLine, fsync_dir, log_line, mark_failed

HANDOVER_KIND = "overdracht"
TAKEOVER_KIND = "overname"
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class HandoverResult:
    path: Path  # the new journal
    codes: tuple[str, ...]
    case_ids: tuple[int, ...]  # in the sender's journal: what may be destroyed now


@dataclass(frozen=True)
class DestroyResult:
    destroyed: list[DestructionEntry] = field(default_factory=list)  # closed: statistics kept
    deleted: list[DestructionEntry] = field(default_factory=list)  # open: gone entirely
    kept: tuple[str, ...] = ()  # held (bewaren wegens procedure) or already destroyed


def choose_cases(journal: Journal, organisation: str | None = None,
                 codes: Sequence[str] = ()) -> list[int]:
    """The ids of the cases to hand over: the given codes, or every case of an organisation
    (chosen by itself when the journal has only one)."""
    if codes:
        ids = []
        unknown = []
        for code in dict.fromkeys(c.strip() for c in codes):
            case_id = journal.case_id_for_code(code)
            if case_id is None:
                unknown.append(code[:20])
            else:
                ids.append(case_id)
        if unknown:
            raise ServiceError(_("Deze dossiercodes bestaan niet in dit journaal: {codes}. Er "
                                 "is niets overgedragen.").format(codes=", ".join(unknown)))
        return ids
    org = choose_organisation(journal.organisations(), organisation,
                              N_("een overdracht is per organisatie, of kies dossiers met --case"))
    ids = case_ids(journal, org.id)
    if not ids:
        raise ServiceError(_("Organisatie '{name}' heeft geen dossiers; er is niets "
                             "overgedragen.").format(name=org.name))
    return ids


def check_new_journal_path(target: str | os.PathLike, journal: Journal | None = None, *,
                           allow_sync_folder: bool = False) -> Path:
    """The absolute path of the new journal, or a refusal: an existing file (never
    overwritten), a folder, a missing folder, a place the location guard refuses."""
    text = os.fspath(target)
    if not text.strip():
        raise ServiceError(_("Geef de naam van het nieuwe journaalbestand."))
    path = Path(text).expanduser().absolute()
    if path.is_dir():
        raise ServiceError(_("Dat is een map; geef de naam van een nieuw journaalbestand."))
    if path.exists() or path.is_symlink():
        raise ServiceError(_("Op die plek staat al een bestand; een overdracht schrijft nooit "
                             "over een bestaand bestand. Kies een nieuwe naam."))
    if journal is not None and same_file(path, journal.path):
        raise ServiceError(_("Dat is het geopende journaal; kies een nieuwe naam."))
    if not path.parent.is_dir():
        raise ServiceError(_("De map voor het nieuwe journaal bestaat niet."))
    check_location(path, allow_sync_folder=allow_sync_folder)
    return path


def check_successor_passphrase(passphrase: str, *, allow_weak: bool = False) -> None:
    """The strength rules of a new journal: a passphrase is required; a weak one only with
    an explicit override."""
    if not passphrase:
        raise ServiceError(_("Een wachtwoord voor de opvolger is verplicht."))
    strength = assess_passphrase(passphrase)
    if strength.below_floor:  # the floor of passphrase.py: not even with allow_weak
        raise ServiceError(_("Het wachtwoord voor de opvolger kan niet worden gebruikt. {hint} "
                             "Er is niets overgedragen.").format(hint=strength.hint))
    if strength.is_weak and not allow_weak:
        raise ServiceError(_("Het wachtwoord voor de opvolger is zwak ({label}). {hint} Er is "
                             "niets overgedragen.").format(label=strength.label.lower(),
                                                           hint=strength.hint))


def hand_over(journal: Journal, ids: Sequence[int], target: str | os.PathLike,
              passphrase: str, *, allow_weak: bool = False,
              allow_sync_folder: bool = False) -> HandoverResult:
    """Write the cases ``ids`` into a new journal at ``target`` with ``passphrase`` (the
    successor's). All or nothing: on any failure no new file remains."""
    ids = list(dict.fromkeys(ids))
    if not ids:
        raise ServiceError(_("Kies de dossiers die u wilt overdragen."))
    path = check_new_journal_path(target, journal, allow_sync_folder=allow_sync_folder)
    check_successor_passphrase(passphrase, allow_weak=allow_weak)
    part = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
    try:
        result = _build(journal, ids, part, passphrase, allow_sync_folder)
    except BaseException:
        _remove(part)
        raise
    try:
        entry_id = log_line(journal, _log_line(result))
    except BaseException:
        _remove(part)
        raise
    try:
        _publish(part, path)
    except BaseException as exc:
        _remove(part)
        mark_failed(journal, entry_id)
        if isinstance(exc, FileExistsError):
            raise ServiceError(_("Op die plek verscheen intussen een bestand; er is niets "
                                 "overgedragen.")) from None
        if isinstance(exc, OSError):
            raise OutputFailed(_("Het nieuwe journaal kon niet worden geschreven ({reason}); er "
                                 "is niets overgedragen.").format(reason=os_reason(exc))) from None
        raise
    fsync_dir(path.parent)
    return HandoverResult(path, result.codes, tuple(ids))


def _log_line(result: TransferResult) -> LogLine:
    return LogLine(HANDOVER_KIND, None, None, codes_detail(result.codes))


def _build(journal: Journal, ids: list[int], part: Path, passphrase: str,
           allow_sync_folder: bool) -> TransferResult:
    try:
        new = Journal.create(part, passphrase, allow_sync_folder=allow_sync_folder)
    except storage_errors.JournalExists:
        raise ServiceError(_("Het tijdelijke bestand bestaat al; probeer het opnieuw.")) from None
    try:
        codes = sorted(s.code for s in map(journal.case_summary, ids))
        result = copy_cases(journal, new, ids,
                            activity=(TAKEOVER_KIND, "overdracht ontvangen: "
                                      + codes_detail(codes)))
        problems = new.verify().problems
        if problems:
            raise storage_errors.DamagedJournal(
                _("Het nieuwe journaal is na het schrijven niet in orde; er is niets "
                  "overgedragen."))
    finally:
        new.close()
    return result


def _publish(part: Path, path: Path) -> None:
    """Give the finished file its name, never over an existing file."""
    try:
        os.link(part, path)
    except FileExistsError:
        raise
    except OSError as exc:  # a file system without hard links
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV,
                             errno.EMLINK, errno.ENOSYS):
            raise
        if os.path.lexists(path):
            raise FileExistsError(errno.EEXIST, "exists") from None
        os.rename(part, path)
        return
    os.remove(part)


def _remove(part: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            os.remove(f"{part}{suffix}")


# --- take-over -------------------------------------------------------------------------------

def looks_like_json(path: str | os.PathLike) -> bool:
    """Whether an import file goes to the JSON import rather than a take-over. It is JSON when
    its first character after an optional BOM and white space is ``{``; it is a take-over
    when it could be a journal (whole encrypted pages, no plain SQLite header) — whatever
    its name. Anything else, and a file that cannot be read, goes to the JSON import, which
    says why it is refused."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # a pipe or device is never opened here
            return True
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                return True
            head = os.read(fd, 4096)
        finally:
            os.close(fd)
    except (OSError, ValueError):
        return True
    if head.startswith(_BOM):
        head = head[len(_BOM):]
    if head.lstrip(b" \t\r\n").startswith(b"{"):
        return True
    could_be_journal = (st.st_size >= PAGE_SIZE and st.st_size % PAGE_SIZE == 0
                        and not head.startswith(SQLITE_PLAIN_HEADER))
    return not could_be_journal


def open_other_journal(journal: Journal, path: str | os.PathLike, passphrase: str) -> Journal:
    """The other journal, read-only; refused when it is the open journal itself."""
    if same_file(path, journal.path):
        raise ServiceError(_("Dat is het geopende journaal zelf; kies het journaal van uw "
                             "voorganger."))
    try:
        return open_source(path, passphrase)
    except storage_errors.WrongPassphrase:
        raise storage_errors.WrongPassphrase(
            _("Het wachtwoord van het andere journaal klopt niet, of het is geen VP-journaal. "
              "Er is niets overgenomen.")) from None


def check_other_journal_file(path: str | os.PathLike) -> None:
    """Cheap checks before a passphrase is asked: it exists and could be a journal."""
    from ..storage.vault import check_raw_file

    p = Path(path).expanduser()
    if not p.is_file():
        raise storage_errors.JournalNotFound(_("Er staat geen journaal op {path}.").format(
            path=p.absolute()))
    try:
        check_raw_file(p)
    except storage_errors.NotAJournal:
        raise storage_errors.NotAJournal(
            _("Dit bestand is geen importbestand (JSON, dat begint met '{{') en geen "
              "VP-journaal. Er is niets geïmporteerd.").format()) from None


def take_over(journal: Journal, other: Journal, organisation: str | None = None
              ) -> TransferResult:
    """Copy every case of ``other`` (or of one of its organisations) into ``journal`` in one
    transaction, codes kept, with the "overname" line. A clash refuses everything
    (:class:`~vp_desktop.storage.transfer.CodeClash`, the codes named)."""
    if organisation:
        org = choose_organisation(other.organisations(), organisation,
                                  N_("het andere journaal heeft er meer"))
        ids = case_ids(other, org.id)
    else:
        ids = case_ids(other)
    if not ids:
        raise ServiceError(_("Het andere journaal heeft geen dossiers; er is niets overgenomen."))
    codes = sorted(s.code for s in map(other.case_summary, ids))
    return copy_cases(other, journal, ids, activity=(TAKEOVER_KIND, codes_detail(codes)))


def take_over_file(journal: Journal, path: str | os.PathLike, passphrase: str,
                   organisation: str | None = None) -> TransferResult:
    other = open_other_journal(journal, path, passphrase)
    try:
        return take_over(journal, other, organisation)
    finally:
        other.close()


# --- after a handover ------------------------------------------------------------------------

def destroy_handed_over(journal: Journal, ids: Sequence[int]) -> DestroyResult:
    """Offered after a handover: closed cases destroyed (their statistics stay with the
    sender), open cases deleted (they continue with the successor); held or already destroyed
    cases are kept and named."""
    closed, open_, kept = [], [], []
    for case_id in dict.fromkeys(ids):
        try:
            s = journal.case_summary(case_id)
        except storage_errors.RecordNotFound:
            continue
        if s.held or s.destroyed:
            kept.append(s.code)
        elif s.status == "gesloten":
            closed.append(case_id)
        else:
            open_.append(case_id)
    destroyed = journal.destroy_cases(closed) if closed else []
    deleted = journal.destroy_cases(open_, entirely=True) if open_ else []
    return DestroyResult(destroyed, deleted, tuple(sorted(kept)))


def describe_destroyed(result: DestroyResult) -> str:
    parts = []
    if result.destroyed:
        n = len(result.destroyed)
        parts.append(ngettext("{n} dossier vernietigd (statistiek bewaard)",
                              "{n} dossiers vernietigd (statistiek bewaard)", n).format(n=n))
    if result.deleted:
        n = len(result.deleted)
        parts.append(ngettext("{n} open dossier verwijderd", "{n} open dossiers verwijderd",
                              n).format(n=n))
    if result.kept:
        parts.append(_("bewaard: {codes} (wegens procedure of al vernietigd)").format(
            codes=", ".join(result.kept)))
    return "; ".join(parts) + "." if parts else _("Er is niets vernietigd.")
