"""Backups at the byte level: make, verify, list, rotate and restore a backup file, and change
the passphrase of a journal by export and swap. No Qt; every function opens its own
connection, so it may run on a worker thread while the window keeps the journal open.

A backup is one self-contained SQLCipher file in rollback-journal mode (no ``-wal``), keyed
with the journal's passphrase, mode 600. It is written to a hidden part file
(``.journaal-….vpj.<hex>.part``), fsynced, verified (opens with the key, cipher and structure
integrity clean, the same counts as the journal at the moment of export) and only then
renamed to its own name (``journaal-2026-12-01-1530.vpj``). A failed backup removes its part
file and never touches an earlier backup. A part file left by a killed process is never
listed as a backup and is removed by the next backup in that folder.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from ..i18n import _
from . import errors
from .schema import APPLICATION_ID
from .vault import DbError, Vault, map_error

BACKUP_DIR_NAME = "reservekopieën"
BACKUP_SUFFIX = ".vpj"
PART_SUFFIX = ".part"
_STAMP = "%Y-%m-%d-%H%M"
_NAME_RE = r"-(\d{4}-\d{2}-\d{2}-\d{4})(?:-(\d+))?\.vpj"
STALE_PART_SECONDS = 600

_COUNTS_SQL = "SELECT (SELECT count(*) FROM cases), (SELECT count(*) FROM consultations)"


@dataclass(frozen=True)
class BackupInfo:
    """A verified backup file."""

    path: Path
    made_at: datetime
    size: int
    cases: int
    consultations: int
    schema_version: int


class KeyRing:
    """The keys derived from one passphrase during one operation (a backup, a restore).

    SQLCipher derives a file's key from the passphrase and the file's salt (its first 16
    bytes) with PBKDF2-HMAC-SHA512, 256 000 rounds: ~0.1 s per opened file. A backup made
    here is keyed with the journal's raw key *and salt*, so a journal and every backup made
    from it share one salt: one derivation opens them all, and each still opens with the
    passphrase as usual. A ring lives only as long as the operation that made it (never in
    a module-level cache: after locking no key may stay behind)."""

    _ROUNDS, _KEY_BYTES, _SALT_BYTES = 256_000, 32, 16

    def __init__(self, passphrase: str):
        import unicodedata

        self.passphrase = unicodedata.normalize("NFC", passphrase)
        self._keys: dict[bytes, str] = {}  # salt -> raw key literal, or the passphrase

    def __repr__(self) -> str:  # never shows key material
        return f"KeyRing({len(self._keys)} salts)"

    @classmethod
    def salt_of(cls, path: str | os.PathLike) -> bytes | None:
        try:
            with open(path, "rb") as handle:
                salt = handle.read(cls._SALT_BYTES)
        except OSError:
            return None
        return salt if len(salt) == cls._SALT_BYTES else None

    def key_for(self, path: str | os.PathLike) -> str:
        """What to key ``path`` with: the raw key for its salt (derived once per salt), or
        the passphrase when the file has no salt to read."""
        import hashlib

        salt = self.salt_of(path)
        if salt is None:
            return self.passphrase
        if salt not in self._keys:
            key = hashlib.pbkdf2_hmac("sha512", self.passphrase.encode("utf-8"), salt,
                                      self._ROUNDS, self._KEY_BYTES)
            self._keys[salt] = f"x'{key.hex()}{salt.hex()}'"
        return self._keys[salt]

    def open_read_only(self, path: str | os.PathLike, *, older_ok: bool = False) -> Vault:
        """Vault.open_read_only with the derived key; when that key does not fit (other key
        derivation settings), once more with the passphrase itself, remembered per salt."""
        key = self.key_for(path)
        try:
            return Vault.open_read_only(path, key, older_ok=older_ok)
        except errors.WrongPassphrase:
            if key == self.passphrase:
                raise
        vault = Vault.open_read_only(path, self.passphrase, older_ok=older_ok)
        salt = self.salt_of(path)
        if salt is not None:
            self._keys[salt] = self.passphrase
        return vault


# --- names and folders ------------------------------------------------------------------


def default_backup_dir(journal_path: str | os.PathLike) -> Path:
    """The ``reservekopieën`` folder beside the journal."""
    path = Path(journal_path).expanduser().absolute()
    return path.parent / BACKUP_DIR_NAME


def backup_stem(journal_path: str | os.PathLike) -> str:
    return Path(journal_path).stem


def backup_date(stem: str, name: str) -> datetime | None:
    """The moment in a backup's file name, or None when the name is not one of ours."""
    match = re.fullmatch(re.escape(stem) + _NAME_RE, name)
    if match is None:
        return None
    try:
        return datetime.strptime(match.group(1), _STAMP)
    except ValueError:
        return None


def backup_files(folder: str | os.PathLike, stem: str) -> list[Path]:
    """The backups of the journal named ``stem`` in ``folder``, newest first. Part files
    and other files are never listed."""
    folder = Path(folder)
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    found = []
    for entry in entries:
        when = backup_date(stem, entry.name)
        if when is not None and entry.is_file() and not entry.is_symlink():
            found.append((when, _sequence(stem, entry.name), entry))
    found.sort(reverse=True)
    return [entry for _, _, entry in found]


def _sequence(stem: str, name: str) -> int:
    """1 for ``journaal-…-1530.vpj``, 2 for ``…-1530-2.vpj``: the order within a minute."""
    match = re.fullmatch(re.escape(stem) + _NAME_RE, name)
    return int(match.group(2)) if match and match.group(2) else 1


def _free_name(folder: Path, stem: str, when: datetime) -> Path:
    base = f"{stem}-{when.strftime(_STAMP)}"
    candidate = folder / f"{base}{BACKUP_SUFFIX}"
    number = 2
    while candidate.exists() or candidate.is_symlink():
        candidate = folder / f"{base}-{number}{BACKUP_SUFFIX}"
        number += 1
    return candidate


def _part_path(folder: Path, name: str) -> Path:
    return folder / f".{name}.{secrets.token_hex(4)}{PART_SUFFIX}"


def remove_stale_parts(folder: str | os.PathLike, *, older_than: float = STALE_PART_SECONDS
                       ) -> int:
    """Remove part files a killed process left behind (older than ``older_than`` seconds,
    so a backup running in another process is not disturbed). Returns how many."""
    import time

    removed = 0
    with contextlib.suppress(OSError):
        for entry in Path(folder).iterdir():
            if entry.name.startswith(".") and entry.name.endswith(PART_SUFFIX):
                with contextlib.suppress(OSError):
                    if time.time() - entry.lstat().st_mtime >= older_than:
                        entry.unlink()
                        removed += 1
    return removed


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not possible on every platform
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _new_part(folder: Path, name: str) -> Path:
    part = _part_path(folder, name)
    flags = os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0)
    try:
        os.close(os.open(part, flags, 0o600))
    except OSError as exc:
        raise map_error(exc) from None
    return part


def _remove(*paths: Path) -> None:
    for path in paths:
        for suffix in ("", "-journal", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                os.remove(f"{path}{suffix}")


def _place(part: Path, target: Path) -> Path:
    """Rename a verified part file to ``target`` without ever replacing an existing file
    (a hard link where the file system has them, else a rename after a check)."""
    try:
        os.link(part, target)
    except FileExistsError:
        raise errors.StorageError(_("Er staat al een reservekopie met deze naam.")) from None
    except OSError:
        if target.exists():
            raise errors.StorageError(_("Er staat al een reservekopie met deze naam.")) from None
        os.replace(part, target)
    else:
        os.remove(part)
    fsync_dir(target.parent)
    return target


# --- making and verifying ---------------------------------------------------------------


def verify_backup(path: str | os.PathLike, passphrase: str, *,
                  expected: tuple[int, int] | None = None,
                  keyring: KeyRing | None = None) -> BackupInfo:
    """Open ``path`` read-only with the passphrase and check it fully: cipher (every page's
    HMAC) and structure integrity, and, when given, the (cases, consultations) counts.
    Raises WrongPassphrase, NotAJournal or DamagedJournal; changes nothing. With
    ``keyring`` (for ``passphrase``) a file sharing a salt opens without a new derivation."""
    path = Path(path).expanduser().absolute()
    if keyring is None:
        vault = Vault.open_read_only(path, passphrase, older_ok=True)
    else:
        vault = keyring.open_read_only(path, older_ok=True)
    try:
        problems = vault.integrity_problems()
        if problems:
            raise errors.DamagedJournal(_("De reservekopie is beschadigd."))
        cases, consultations = vault.read(_COUNTS_SQL)[0]
        if expected is not None and (cases, consultations) != tuple(expected):
            raise errors.DamagedJournal(_("De reservekopie is onvolledig (andere aantallen dan "
                                          "het journaal)."))
        version = vault.schema_version
    finally:
        vault.close()
    stat = path.stat()
    return BackupInfo(path, datetime.fromtimestamp(stat.st_mtime), stat.st_size, cases,
                      consultations, version)


def check_key(path: str | os.PathLike, passphrase: str, *, keyring: KeyRing | None = None
              ) -> tuple[int, int]:
    """Does ``path`` open as a journal with the passphrase? The quick check before a restore
    (the full check is done on the copy that becomes the journal). Returns the counts;
    raises WrongPassphrase, NotAJournal, NewerJournal or DamagedJournal."""
    path = Path(path).expanduser().absolute()
    vault = (keyring.open_read_only(path, older_ok=True) if keyring is not None
             else Vault.open_read_only(path, passphrase, older_ok=True))
    try:
        cases, consultations = vault.read(_COUNTS_SQL)[0]
    finally:
        vault.close()
    return int(cases), int(consultations)


def make_backup(journal_path: str | os.PathLike, passphrase: str,
                target_dir: str | os.PathLike, *, now: datetime | None = None,
                keyring: KeyRing | None = None) -> BackupInfo:
    """Export the journal to a new verified backup in ``target_dir`` (made when missing).
    Opens its own connection: the journal stays usable (also from another thread). The
    backup is keyed with the journal's raw key and salt (see :class:`KeyRing`): it opens
    with the passphrase, and the export and its check need no key derivation of their own."""
    keyring = keyring or KeyRing(passphrase)
    journal_path = Path(journal_path).expanduser().absolute()
    folder = Path(target_dir).expanduser().absolute()
    when = (now or datetime.now()).replace(second=0, microsecond=0)
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise map_error(exc) from None
    remove_stale_parts(folder)
    stem = backup_stem(journal_path)
    part = _new_part(folder, f"{stem}-{when.strftime(_STAMP)}{BACKUP_SUFFIX}")
    try:
        key = keyring.key_for(journal_path)
        try:
            counts = _export(journal_path, key, part)
        except errors.WrongPassphrase:
            if key == keyring.passphrase:
                raise
            counts = _export(journal_path, keyring.passphrase, part)  # other KDF settings
        _fsync_file(part)
        info = verify_backup(part, passphrase, expected=counts, keyring=keyring)
        os.chmod(part, 0o600)
        target = _place(part, _free_name(folder, stem, when))
    except BaseException as exc:
        _remove(part)
        if isinstance(exc, OSError):
            raise map_error(exc) from None
        raise
    return BackupInfo(target, when, info.size, info.cases, info.consultations,
                      info.schema_version)


def _export(journal_path: Path, passphrase: str, part: Path,
            settings: Mapping[str, str] | None = None, *, vault: Vault | None = None
            ) -> tuple[int, int]:
    """sqlcipher_export of the journal into the (empty) part file, keyed with
    ``passphrase``, in one read transaction; returns the counts it exported."""
    own = vault is None
    if vault is None:
        vault = Vault._connect(journal_path, passphrase)
    con = vault.connection
    try:
        con.execute("ATTACH DATABASE ? AS bak KEY ?", (str(part), passphrase))
        try:
            con.execute("BEGIN")
            try:
                counts = con.execute(_COUNTS_SQL).fetchone()
                version = con.execute("PRAGMA main.user_version").fetchone()[0]
                con.execute("SELECT sqlcipher_export('bak')")
                con.execute(f"PRAGMA bak.user_version = {int(version):d}")
                con.execute(f"PRAGMA bak.application_id = {APPLICATION_ID:d}")
                for key, value in (settings or {}).items():
                    con.execute("INSERT INTO bak.settings (key, value) VALUES (?, ?)"
                                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                (key, value))
                con.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(DbError):
                    con.execute("ROLLBACK")
                raise
        finally:
            with contextlib.suppress(DbError):
                con.execute("DETACH DATABASE bak")
    except DbError as exc:
        raise map_error(exc) from None
    finally:
        if own:
            vault._close_quietly()
    return int(counts[0]), int(counts[1])


def copy_backup(source: BackupInfo, passphrase: str, target_dir: str | os.PathLike, *,
                keyring: KeyRing | None = None) -> BackupInfo:
    """Copy a verified backup to a second place (a USB stick): part file, fsync, verify
    there, rename. The copy is checked on the medium itself."""
    folder = Path(target_dir).expanduser().absolute()
    if not folder.is_dir():
        raise errors.JournalNotFound(_("De tweede plek voor reservekopieën is niet bereikbaar."))
    remove_stale_parts(folder)
    part = _new_part(folder, source.path.name)
    try:
        with open(source.path, "rb") as src, open(part, "r+b") as dst:
            while chunk := src.read(1 << 20):
                dst.write(chunk)
            dst.flush()
            os.fsync(dst.fileno())
        verify_backup(part, passphrase, expected=(source.cases, source.consultations),
                      keyring=keyring)
        target = _place(part, _free_name(folder, _stem_of(source.path.name), source.made_at))
    except BaseException as exc:
        _remove(part)
        if isinstance(exc, OSError):
            raise map_error(exc) from None
        raise
    return BackupInfo(target, source.made_at, source.size, source.cases, source.consultations,
                      source.schema_version)


def _stem_of(name: str) -> str:
    match = re.search(_NAME_RE + "$", name)
    return name[:match.start()] if match else Path(name).stem


# --- rotation ---------------------------------------------------------------------------


def plan_rotation(dates: Iterable[datetime], *, daily: int = 7, weekly: int = 4,
                  monthly: int = 12, purge_before: datetime | None = None) -> set[datetime]:
    """Which backups (by their moment) to remove: keep the newest of each of the last
    ``daily`` days, ``weekly`` ISO weeks and ``monthly`` months that have a backup; remove
    every backup made before ``purge_before`` (it still holds destroyed content)."""
    ordered = sorted(set(dates), reverse=True)
    keep: set[datetime] = set()
    for count, key in ((daily, lambda d: d.date()),
                       (weekly, lambda d: d.isocalendar()[:2]),
                       (monthly, lambda d: (d.year, d.month))):
        seen: list = []
        for when in ordered:
            k = key(when)
            if k not in seen:
                if len(seen) >= count:
                    break
                seen.append(k)
                keep.add(when)
    remove = {d for d in ordered if d not in keep}
    if purge_before is not None:
        remove |= {d for d in ordered if d < purge_before}
    return remove


def purge_moment(destructions: Iterable[datetime], *, now: datetime, days: int
                 ) -> datetime | None:
    """Backups made before the returned moment hold content of a case destroyed at least
    ``days`` days ago: they must go. None when there is no such destruction."""
    due = [at for at in destructions if at + timedelta(days=days) <= now]
    return max(due) if due else None


def rotate(folder: str | os.PathLike, stem: str, *, daily: int = 7, weekly: int = 4,
           monthly: int = 12, purge_before: datetime | None = None) -> list[Path]:
    """Remove the backups in ``folder`` that :func:`plan_rotation` says; returns them."""
    files = backup_files(folder, stem)
    # Several backups in one minute each count as their own moment (in their order).
    by_date: dict[datetime, Path] = {}
    for path in files:
        when = backup_date(stem, path.name)
        assert when is not None
        by_date[when + timedelta(microseconds=_sequence(stem, path.name))] = path
    doomed = plan_rotation(by_date, daily=daily, weekly=weekly, monthly=monthly,
                           purge_before=purge_before)
    removed: list[Path] = []
    for when in sorted(doomed):
        with contextlib.suppress(OSError):
            by_date[when].unlink()
            removed.append(by_date[when])
    if removed:
        fsync_dir(Path(folder))
    return removed


# --- restoring ------------------------------------------------------------------------


def restore_backup(backup: str | os.PathLike, passphrase: str, target: str | os.PathLike,
                   *, destructions: Iterable = (), replace: bool = False,
                   keyring: KeyRing | None = None, verified: bool = False) -> list[str]:
    """Put a copy of ``backup`` at ``target``: copied to a part file beside the target,
    migrated when older, destructions re-applied (``journal.reapply_destructions``),
    verified, then renamed over the target in one step. The target must be closed and have
    no ``-wal`` of its own (the caller closes it, which folds the -wal into the file).
    Returns the case codes whose destruction was re-applied. ``verified``: the caller has
    just verified ``backup`` with this passphrase (the copy is verified all the same).
    ``keyring`` (for ``passphrase``): the copy opens without a new key derivation."""
    from .journal import Journal

    keyring = keyring or KeyRing(passphrase)
    backup = Path(backup).expanduser().absolute()
    target = Path(target).expanduser().absolute()
    if target.exists() and not replace:
        raise errors.JournalExists()
    wal = Path(f"{target}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise errors.JournalBusy(_("Het journaal is nog geopend; sluit het eerst."))
    if not verified:
        verify_backup(backup, passphrase, keyring=keyring)  # before anything changes
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise map_error(exc) from None
    part = _new_part(folder, target.name)
    try:
        with open(backup, "rb") as src, open(part, "r+b") as dst:
            while chunk := src.read(1 << 20):
                dst.write(chunk)
        try:
            vault = Vault._connect(part, keyring.key_for(part))
        except errors.WrongPassphrase:
            vault = Vault._connect(part, passphrase)
        journal = Journal(vault)
        try:
            vault._check_identity()
            # A part file is thrown away when anything fails (a killed process included), so
            # its changes need no rollback journal on disk nor a sync per step: the whole
            # file is fsynced and verified below, before it replaces the journal. This
            # halves the time of re-applying a destruction (its FTS rebuild and VACUUM).
            vault.connection.execute("PRAGMA journal_mode = MEMORY").fetchall()
            vault.connection.execute("PRAGMA synchronous = OFF")
            vault._migrate(creating=False)
            again = journal.reapply_destructions(list(destructions))
            counts = vault.read(_COUNTS_SQL)[0]
        finally:
            vault._close_quietly()
        _remove_side_files(part)
        _fsync_file(part)
        verify_backup(part, passphrase, expected=(counts[0], counts[1]), keyring=keyring)
        for suffix in ("-wal", "-shm", "-journal"):
            with contextlib.suppress(FileNotFoundError):
                os.remove(f"{target}{suffix}")
        os.replace(part, target)
        fsync_dir(folder)
    except BaseException as exc:
        _remove(part)
        if isinstance(exc, OSError):
            raise map_error(exc) from None
        raise
    return again


def _remove_side_files(path: Path) -> None:
    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.remove(f"{path}{suffix}")


# --- changing the passphrase ----------------------------------------------------------


def rekey_journal(vault: Vault, new_passphrase: str,
                  settings: Mapping[str, str] | None = None) -> None:
    """Change the passphrase of the open journal by export and swap, crash-safe at every
    moment: the journal is switched to rollback-journal mode (its -wal folded in and gone)
    and locked exclusively; exported with the new key to a part file (``settings`` rows
    written into the copy); the copy fsynced and verified; the journal closed; the copy
    renamed over it in one step; the journal reopened with the new key (``vault`` keeps
    working). Until the rename the old file opens with the old passphrase, after it the new
    file with the new one; a killed process leaves at most a part file."""
    import unicodedata

    if not new_passphrase:
        raise errors.StorageError(_("Een wachtwoord is verplicht."))
    new_passphrase = unicodedata.normalize("NFC", new_passphrase)
    path = vault.path
    con = vault.connection
    passphrase_before = vault.passphrase
    try:
        mode = con.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
    except DbError as exc:
        raise map_error(exc) from None
    if str(mode).lower() != "delete":
        raise errors.JournalBusy(_("Het journaal is in gebruik door een ander programma; sluit "
                                   "dat eerst. Het wachtwoord is niet gewijzigd."))
    part = _new_part(path.parent, path.name)
    try:
        try:
            con.execute("PRAGMA locking_mode = EXCLUSIVE")
            with vault.transaction() as tx:  # takes and keeps the write lock
                tx.execute("INSERT INTO meta (key, value) VALUES ('passphrase_changed_at', ?)"
                           " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                           (datetime.now().isoformat(timespec="seconds"),))
        except DbError as exc:
            raise map_error(exc) from None
        counts = _export(path, new_passphrase, part, settings, vault=vault)
        _fsync_file(part)
        verify_backup(part, new_passphrase, expected=counts)
        vault._close_quietly()  # rollback-journal mode: nothing to fold in
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.remove(f"{path}{suffix}")
        os.replace(part, path)
        fsync_dir(path.parent)
    except BaseException as exc:
        _remove(part)
        if vault.is_open:  # back to normal use with the old passphrase
            vault._close_quietly()
        with contextlib.suppress(errors.StorageError):
            old = Vault.open(path, passphrase_before)
            vault._con, old._con = old._con, None
            vault._passphrase = passphrase_before
        if isinstance(exc, OSError):
            raise map_error(exc) from None
        raise
    reopened = Vault.open(path, new_passphrase)
    vault._con, reopened._con = reopened._con, None
    vault._passphrase = new_passphrase
