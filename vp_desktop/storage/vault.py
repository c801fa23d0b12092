"""The encrypted file: keying, pragmas, migrations, transactions and error mapping.

One SQLCipher 4 file per journal. The key is set with ``set_key`` (never SQL text built from
the passphrase). Opening never creates a file; creating never overwrites one.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import unicodedata
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import sqlcipher3

from ..i18n import _
from . import errors
from .location_guard import LocationVerdict, assess_location
from .schema import APPLICATION_ID, LATEST_VERSION, MIGRATIONS

PAGE_SIZE = 4096
SQLITE_PLAIN_HEADER = b"SQLite format 3\x00"
APPLICATION = "vp-desktop"

DbError = sqlcipher3.dbapi2.Error


def map_error(exc: BaseException, *, opening: bool = False) -> errors.StorageError:
    """Translate a driver error into one the UI understands."""
    if isinstance(exc, errors.StorageError):
        return exc
    text = str(exc).lower()
    if "file is not a database" in text:
        return errors.WrongPassphrase() if opening else errors.DamagedJournal()
    if any(word in text for word in ("malformed", "corrupt", "hmac", "vtable constructor")):
        return errors.DamagedJournal()
    if _is_read_only(exc, text):
        return errors.ReadOnlyJournal()
    if "locked" in text or "busy" in text:
        return errors.JournalBusy()
    if "full" in text or (isinstance(exc, OSError) and exc.errno == 28):
        return errors.DiskFull()
    if "disk i/o error" in text:
        return errors.DiskFull(
            _("Schrijven naar de schijf mislukte (vol of niet bereikbaar). Eerder opgeslagen "
              "gegevens zijn veilig; maak ruimte vrij en probeer opnieuw.")
        )
    if isinstance(exc, FileNotFoundError | NotADirectoryError):
        return errors.StorageError(_("Deze map bestaat niet en kan niet worden gemaakt."))
    if isinstance(exc, OSError):
        return errors.StorageError(_("Op deze plek kan geen journaal worden geschreven."))
    return errors.StorageError(_("Onverwachte fout in de opslag: {name}.").format(name=exc.__class__.__name__))


_READ_ONLY_ERRNOS = (errno.EROFS, errno.EACCES, errno.EPERM)


def _is_read_only(exc: BaseException, text: str) -> bool:
    """SQLite's words for a file or folder it may not write (a read-only file is opened
    read-only without complaint; the first write then fails), or the OS's errno for it."""
    if isinstance(exc, OSError):
        return exc.errno in _READ_ONLY_ERRNOS
    return any(
        words in text
        for words in ("attempt to write a readonly database", "readonly database",
                      "unable to open database file", "unable to open")
    )


def check_location(path: Path, *, allow_sync_folder: bool) -> None:
    assessment = assess_location(path)
    if assessment.verdict is LocationVerdict.REFUSE_NETWORK:
        raise errors.LocationRefused(assessment.reason)
    if assessment.verdict is LocationVerdict.WARN_SYNC and not allow_sync_folder:
        raise errors.SyncFolderRefused(assessment.reason)


class Vault:
    """An open, keyed connection to one journal file."""

    def __init__(self, path: Path, connection: sqlcipher3.Connection, passphrase: str = "",
                 *, read_only: bool = False):
        self.path = path
        self._con: sqlcipher3.Connection | None = connection
        # Kept while open (a backup is keyed and verified with it); dropped on close.
        self._passphrase: str | None = passphrase or None
        self.read_only = read_only

    # --- opening and creating -----------------------------------------------------------

    @classmethod
    def create(cls, path: str | os.PathLike, passphrase: str, *, allow_sync_folder=False) -> Vault:
        path = Path(path).expanduser().absolute()
        if not passphrase:
            raise errors.StorageError(_("Een wachtwoord is verplicht."))
        if path.exists():
            raise errors.JournalExists()
        check_location(path, allow_sync_folder=allow_sync_folder)
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            os.close(fd)
        except FileExistsError:
            raise errors.JournalExists() from None
        except OSError as exc:
            if exc.errno in _READ_ONLY_ERRNOS:
                raise errors.ReadOnlyJournal(
                    _("Deze map is alleen-lezen of u hebt er geen toegang: hier kan geen "
                      "journaal worden gemaakt. Kies een map van uzelf.")
                ) from None
            raise map_error(exc) from None
        try:
            vault = cls._connect(path, passphrase)
            vault._use_wal()
            vault._migrate(creating=True)
            return vault
        except BaseException:
            for suffix in ("", "-wal", "-shm"):
                with contextlib.suppress(OSError):
                    os.remove(f"{path}{suffix}")
            raise

    @classmethod
    def open(cls, path: str | os.PathLike, passphrase: str, *, allow_sync_folder=True) -> Vault:
        path = Path(path).expanduser().absolute()
        if not path.is_file():
            raise errors.JournalNotFound(_("Er staat geen journaal op {path}.").format(path=path))
        check_location(path, allow_sync_folder=allow_sync_folder)
        check_raw_file(path)
        wal = Path(f"{path}-wal")
        if wal.exists() and wal.stat().st_size > 0:
            # After a crash the last commits live only in the -wal. Prove the key on a
            # read-only connection first: closing a read-write connection would fold the
            # -wal into the file even after a wrong passphrase.
            cls._connect(path, passphrase, read_only=True)._close_quietly()
        vault = cls._connect(path, passphrase)
        try:
            vault._check_identity()  # before anything is written: a foreign file stays as it is
            if 0 < vault.schema_version < LATEST_VERSION and _writable(path):
                _backup_before_upgrade(path, passphrase)
            vault._migrate(creating=False)
            vault._use_wal()
        except errors.ReadOnlyJournal:
            vault._close_quietly()
            if _writable(path):
                raise
            # A backup (rollback-journal mode) on a read-only medium: open it for reading.
            return cls.open_read_only(path, passphrase)
        except BaseException:
            vault._close_quietly()
            raise
        return vault

    @classmethod
    def open_read_only(cls, path: str | os.PathLike, passphrase: str, *,
                       older_ok: bool = False) -> Vault:
        """Open a file that may not be written (a backup on a read-only medium, a file
        without write permission): nothing is migrated or switched to WAL. A backup is in
        rollback-journal mode, so no ``-shm`` is needed beside it."""
        path = Path(path).expanduser().absolute()
        if not path.is_file():
            raise errors.JournalNotFound(_("Er staat geen journaal op {path}.").format(path=path))
        check_raw_file(path)
        vault = cls._connect(path, passphrase, read_only=True)
        try:
            vault._check_identity()
            version = vault.schema_version
            if version > LATEST_VERSION:
                raise errors.NewerJournal()
            if version < LATEST_VERSION and not older_ok:
                raise errors.ReadOnlyJournal(
                    _("Dit journaal is alleen-lezen en moet worden bijgewerkt voordat het kan "
                      "worden geopend. Zet het op een plek waar u mag schrijven."))
        except BaseException:
            vault._close_quietly()
            raise
        return vault

    @property
    def passphrase(self) -> str:
        """The (normalised) passphrase of the open journal."""
        if self._con is None or self._passphrase is None:
            raise errors.JournalClosed()
        return self._passphrase

    @classmethod
    def _connect(cls, path: Path, passphrase: str, *, read_only: bool = False) -> Vault:
        mode = "ro" if read_only else "rw"
        try:
            con = sqlcipher3.connect(
                f"{path.as_uri()}?mode={mode}", uri=True, isolation_level=None,
                check_same_thread=False,
            )
        except DbError as exc:
            raise map_error(exc, opening=True) from None
        try:
            # The same passphrase can arrive as different code points (é typed on macOS or
            # on Windows): normalise, so it always opens.
            con.set_key(unicodedata.normalize("NFC", passphrase))
            con.execute("PRAGMA cipher_log_level = NONE")
            # The first read proves the key: a wrong one fails here.
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
            con.execute("PRAGMA foreign_keys = ON")
            con.execute("PRAGMA busy_timeout = 3000")
            con.execute("PRAGMA synchronous = FULL")
            con.execute("PRAGMA temp_store = MEMORY")
        except DbError as exc:
            con.close()
            raise map_error(exc, opening=True) from None
        return cls(path, con, unicodedata.normalize("NFC", passphrase), read_only=read_only)

    def _use_wal(self) -> None:
        """Write-ahead log: a killed process loses no committed record. Stored in the file,
        so it is set only once the file is known to be ours."""
        try:
            self.connection.execute("PRAGMA journal_mode = WAL").fetchone()
        except DbError as exc:
            raise map_error(exc) from None

    def _close_quietly(self) -> None:
        """Close without the checkpoint of close(): used when opening was refused."""
        con, self._con = self._con, None
        self._passphrase = None
        if con is not None:
            con.close()

    def _check_identity(self) -> None:
        con = self.connection
        try:
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
            version = con.execute("PRAGMA user_version").fetchone()[0]
        except DbError as exc:
            raise map_error(exc, opening=True) from None
        if app_id != APPLICATION_ID or version == 0:
            raise errors.NotAJournal()

    def _migrate(self, *, creating: bool) -> None:
        con = self.connection
        version = con.execute("PRAGMA user_version").fetchone()[0]
        if version > LATEST_VERSION:
            raise errors.NewerJournal()
        if version == 0 and not creating:
            raise errors.NotAJournal()
        try:
            for target in range(version + 1, LATEST_VERSION + 1):
                con.execute("BEGIN IMMEDIATE")
                try:
                    for statement in _split_script(MIGRATIONS[target - 1]):
                        con.execute(statement)
                    if target == 1:
                        now = datetime.now().isoformat(timespec="seconds")
                        con.executemany(
                            "INSERT INTO meta (key, value) VALUES (?, ?)",
                            [("application", APPLICATION), ("created_at", now)],
                        )
                        con.execute(f"PRAGMA application_id = {APPLICATION_ID:d}")
                    con.execute(f"PRAGMA user_version = {target:d}")
                    con.execute("COMMIT")
                except BaseException:
                    con.execute("ROLLBACK")
                    raise
        except DbError as exc:
            raise map_error(exc) from None

    # --- use ----------------------------------------------------------------------------

    @property
    def connection(self) -> sqlcipher3.Connection:
        if self._con is None:
            raise errors.JournalClosed()
        return self._con

    @property
    def is_open(self) -> bool:
        return self._con is not None

    @property
    def schema_version(self) -> int:
        return self.connection.execute("PRAGMA user_version").fetchone()[0]

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlcipher3.Connection]:
        """All or nothing: commits when the block ends, rolls back on any error."""
        con = self.connection
        try:
            con.execute("BEGIN IMMEDIATE")
        except DbError as exc:
            raise map_error(exc) from None
        try:
            yield con
            con.execute("COMMIT")
        except BaseException as exc:
            with contextlib.suppress(DbError):
                con.execute("ROLLBACK")
            if isinstance(exc, DbError):
                raise map_error(exc) from None
            raise

    def read(self, sql: str, params=()) -> list[tuple]:
        try:
            return self.connection.execute(sql, params).fetchall()
        except DbError as exc:
            raise map_error(exc) from None

    def integrity_problems(self) -> list[str]:
        """Full check of every page's HMAC and of the database structure (slow: reads all)."""
        con = self.connection
        try:
            problems = [str(r[0]) for r in con.execute("PRAGMA cipher_integrity_check")]
        except DbError as exc:
            raise map_error(exc) from None
        if problems:  # damaged pages: the structure checks below would only trip over them
            return problems
        try:
            problems += [
                str(r[0]) for r in con.execute("PRAGMA integrity_check") if r[0] != "ok"
            ]
            problems += [
                f"verwijzing mist: {r[0]} rij {r[1]}" for r in con.execute("PRAGMA foreign_key_check")
            ]
        except DbError as exc:
            problems.append(f"structuur onleesbaar: {exc}")
        return problems

    def close(self) -> None:
        con, self._con = self._con, None
        self._passphrase = None
        if con is not None:
            with contextlib.suppress(DbError):
                con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            con.close()


def _backup_before_upgrade(path: Path, passphrase: str) -> Path:
    """A journal written by an earlier release is copied, as it is, into the backup folder
    beside it before it is migrated: the upgrade is one-way (an earlier release refuses a
    newer journal), and the copy is what takes the VP — or a predecessor whose journal was
    read for a take-over — back."""
    from .backup import default_backup_dir, make_backup  # backup builds on this module

    try:
        return make_backup(path, passphrase, default_backup_dir(path)).path
    except errors.StorageError as exc:
        raise errors.UpgradeBackupFailed() from exc


def _writable(path: Path) -> bool:
    """Can the file and its folder be written (a journal in WAL mode needs both)?"""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def check_raw_file(path: Path) -> None:
    """Cheap checks that tell a damaged or foreign file from a wrong passphrase."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise map_error(exc) from None
    if head == SQLITE_PLAIN_HEADER:
        raise errors.NotAJournal(
            _("Dit is een onversleuteld databasebestand, geen VP-journaal.")
        )
    if size < PAGE_SIZE:
        raise errors.NotAJournal(_("Dit bestand is te klein voor een VP-journaal."))
    if size % PAGE_SIZE:
        raise errors.DamagedJournal(
            _("Het journaal is beschadigd (onvolledig bestand). Er is niets gewijzigd; zet een "
              "reservekopie terug.")
        )


def _split_script(script: str) -> list[str]:
    """Split a migration into statements (CREATE TRIGGER bodies contain semicolons)."""
    statements, current = [], []
    for line in script.splitlines():
        current.append(line)
        candidate = "\n".join(current).strip()
        if candidate.endswith(";") and sqlcipher3.complete_statement(candidate):
            statements.append(candidate)
            current = []
    tail = "\n".join(current).strip()
    if tail:
        statements.append(tail)
    return statements


def is_owner_only(path: Path) -> bool:
    mode = path.stat().st_mode
    return not (mode & (stat.S_IRWXG | stat.S_IRWXO))
