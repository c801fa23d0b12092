"""Backups, restore and passphrase change: the use cases, with fixed Dutch messages and
activity-log lines (never content).

Settings and the list of made backups live in the journal's ``settings`` table (key → JSON):

* ``reservekopieën``: :class:`BackupSettings` (second place, rotation, purge period, interval);
* ``reservekopieën_log``: the backups made (file, moment, size, counts, the passphrase
  generation they were keyed with), when the second place went missing, and the current
  passphrase generation (a random id renewed by every passphrase change, so backups keyed
  with an older passphrase are marked "ouder wachtwoord" without opening them).

Making a backup is split for the window: :func:`plan_backup` (UI thread: reads the journal),
:func:`run_backup` (any thread: only files and its own connection), :func:`finish_backup`
(UI thread: registry, activity log, rotation). :func:`make_backup_now` does all three.
"""

from __future__ import annotations

import contextlib
import hmac
import json
import os
import secrets
import unicodedata
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime, timedelta
from pathlib import Path

from ..dutch import plural
from ..i18n import N_, _, language, ngettext
from ..storage import backup as store
from ..storage.errors import (
    DamagedJournal,
    JournalExists,
    NotAJournal,
    StorageError,
    WrongPassphrase,
)
from ..storage.location_guard import LocationVerdict, assess_location
from .errors import OutputFailed, OutputRefused, ServiceError, WrongCurrentPassphrase

SETTINGS_KEY = "reservekopieën"
REGISTRY_KEY = "reservekopieën_log"
OVERDUE_DAYS = 7
PRIMARY, SECOND = "journaalmap", "tweede plek"

FAILED = N_("De reservekopie is niet gemaakt: {reason} Eerdere reservekopieën zijn "
            "onaangeroerd.")
SECOND_MISSING = N_("De tweede plek voor reservekopieën is niet bereikbaar; de reservekopie "
                  "daar wacht tot die er weer is.")


@dataclass
class BackupSettings:
    second_dir: str = ""
    daily: int = 7
    weekly: int = 4
    monthly: int = 12
    purge_days: int = 30  # backups holding a destroyed case's content go within this period
    interval_hours: int = 24  # at most one automatic backup per this period while open
    automatic: bool = True


@dataclass
class BackupEntry:
    """One backup as the list and the window show it."""

    path: Path
    made_at: datetime
    size: int
    cases: int | None
    consultations: int | None
    verified: bool
    older_passphrase: bool
    place: str


@dataclass
class BackupPlan:
    journal_path: Path
    passphrase: str = field(repr=False)
    primary: Path
    second: Path | None
    now: datetime
    keyring: store.KeyRing | None = field(default=None, repr=False)


@dataclass
class BackupOutcome:
    made: list[store.BackupInfo]
    second_missing: bool = False
    second_error: str = ""


# --- settings and registry --------------------------------------------------------------


def _read_json(journal, key: str) -> dict:
    rows = journal.vault.read("SELECT value FROM settings WHERE key = ?", (key,))
    try:
        value = json.loads(rows[0][0]) if rows else {}
    except ValueError:
        value = {}
    return value if isinstance(value, dict) else {}


def _write_json(journal, key: str, value: dict) -> None:
    with journal.vault.transaction() as con:
        con.execute("INSERT INTO settings (key, value) VALUES (?, ?)"
                    " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (key, json.dumps(value)))


def load_settings(journal) -> BackupSettings:
    data = _read_json(journal, SETTINGS_KEY)
    known = {f.name for f in fields(BackupSettings)}
    settings = BackupSettings(**{k: v for k, v in data.items() if k in known})
    return settings


def check_backup_folder(folder: str | os.PathLike) -> str:
    """Refuses a network place (OutputRefused); returns a warning for a sync folder,
    else an empty text."""
    assessment = assess_location(Path(folder).expanduser().absolute() / "x.vpj")
    if assessment.verdict is LocationVerdict.REFUSE_NETWORK:
        raise OutputRefused(_("Op een netwerkschijf worden geen reservekopieën gemaakt: "
                              "{reason}").format(reason=assessment.reason))
    if assessment.verdict is LocationVerdict.WARN_SYNC:
        return _("Let op: deze map synchroniseert met een clouddienst; de reservekopieën "
                 "(versleuteld) komen dan ook daar terecht.")
    return ""


def save_settings(journal, settings: BackupSettings) -> str:
    """Store the settings; returns a warning for a sync folder (else empty)."""
    warning = ""
    for name in ("daily", "weekly", "monthly", "purge_days", "interval_hours"):
        value = getattr(settings, name)
        if not isinstance(value, int) or not 0 <= value <= 1000:
            raise OutputRefused(_("Geef bij de reservekopieën aantallen tussen 0 en 1000."))
    if settings.daily < 1:
        raise OutputRefused(_("Bewaar minstens één dagelijkse reservekopie."))
    if settings.second_dir.strip():
        warning = check_backup_folder(settings.second_dir)
    _write_json(journal, SETTINGS_KEY, asdict(settings))
    return warning


def _registry(journal) -> dict:
    data = _read_json(journal, REGISTRY_KEY)
    data.setdefault("made", [])
    return data


def _key_id(registry: dict) -> str:
    return str(registry.get("key_id", ""))


# --- making a backup --------------------------------------------------------------------


def backup_dirs(journal_path: str | os.PathLike, settings: BackupSettings
                ) -> tuple[Path, Path | None]:
    second = Path(settings.second_dir).expanduser().absolute() if settings.second_dir.strip() \
        else None
    return store.default_backup_dir(journal_path), second


def plan_backup(journal, *, to: str | os.PathLike | None = None,
                now: datetime | None = None) -> BackupPlan:
    """What to back up where (read on the UI thread). ``to`` replaces both places."""
    settings = load_settings(journal)
    primary, second = backup_dirs(journal.path, settings)
    if to is not None:
        primary, second = Path(to).expanduser().absolute(), None
    check_backup_folder(primary)
    if second is not None:
        check_backup_folder(second)
    return BackupPlan(Path(journal.path), journal.vault.passphrase, primary, second,
                      now or datetime.now())


def _failure(exc: BaseException) -> OutputFailed:
    if isinstance(exc, StorageError):
        reason = exc.message
    elif isinstance(exc, OSError):
        from .errors import os_reason

        reason = f"{os_reason(exc)}."
    else:
        reason = _("onverwachte fout ({name}).").format(name=exc.__class__.__name__)
    return OutputFailed(_(FAILED).format(reason=reason[0].upper() + reason[1:]))


def run_backup(plan: BackupPlan) -> BackupOutcome:
    """Make and verify the backup (safe on a worker thread: its own connection)."""
    keyring = plan.keyring or store.KeyRing(plan.passphrase)
    try:
        first = store.make_backup(plan.journal_path, plan.passphrase, plan.primary,
                                  now=plan.now, keyring=keyring)
    except Exception as exc:
        raise _failure(exc) from None
    outcome = BackupOutcome([first])
    if plan.second is not None:
        if not plan.second.is_dir():
            outcome.second_missing = True
        else:
            try:
                outcome.made.append(store.copy_backup(first, plan.passphrase, plan.second,
                                                     keyring=keyring))
            except Exception as exc:
                outcome.second_error = _failure(exc).message
    return outcome


def finish_backup(journal, plan: BackupPlan, outcome: BackupOutcome, *,
                  rotate: bool = True) -> list[Path]:
    """Record the backups in the journal, log them, rotate; returns the files removed by
    rotation."""
    registry = _registry(journal)
    key_id = _key_id(registry)
    for info in outcome.made:
        registry["made"].append({
            "file": str(info.path), "at": info.made_at.isoformat(timespec="seconds"),
            "size": info.size, "cases": info.cases, "consultations": info.consultations,
            "key_id": key_id, "place": SECOND if info.path.parent == plan.second else PRIMARY,
        })
    registry["last_verified"] = outcome.made[0].made_at.isoformat(timespec="seconds")
    if outcome.second_missing:
        registry.setdefault("second_missing_since", plan.now.isoformat(timespec="seconds"))
    else:
        registry.pop("second_missing_since", None)
    removed = _rotate(journal, plan, load_settings(journal)) if rotate else []
    gone = {str(p) for p in removed}
    registry["made"] = [r for r in registry["made"]
                        if r.get("file") not in gone and Path(r.get("file", "")).exists()]
    _write_json(journal, REGISTRY_KEY, registry)
    journal.log_activity("reservekopie", detail="gecontroleerd, "
                         + plural(outcome.made[0].cases, "dossier", "dossiers")
                         + (", tweede plek wacht" if outcome.second_missing else ""))
    return removed


def _rotate(journal, plan: BackupPlan, settings: BackupSettings) -> list[Path]:
    purge = store.purge_moment((e.at for e in journal.destruction_log()), now=plan.now,
                               days=settings.purge_days)
    stem = store.backup_stem(plan.journal_path)
    removed: list[Path] = []
    for folder in (plan.primary, plan.second):
        if folder is not None and folder.is_dir():
            removed += store.rotate(folder, stem, daily=settings.daily,
                                    weekly=settings.weekly, monthly=settings.monthly,
                                    purge_before=purge)
    return removed


def make_backup_now(journal, *, to: str | os.PathLike | None = None,
                    now: datetime | None = None, rotate: bool = True,
                    keyring: store.KeyRing | None = None) -> BackupOutcome:
    """Make, verify, record and (unless told not to) rotate a backup of the open journal."""
    plan = plan_backup(journal, to=to, now=now)
    plan.keyring = keyring
    outcome = run_backup(plan)
    finish_backup(journal, plan, outcome, rotate=rotate)
    return outcome


def backup_due(journal, *, changed: bool, now: datetime | None = None,
               interval: bool = False) -> bool:
    """Should an automatic backup be made? On lock and close: when something changed.
    With ``interval`` (while open): when something changed and the last one is older than
    the interval."""
    from ..storage.demo_marker import is_demo

    if is_demo(journal):  # invented data under a public passphrase: nothing worth copying
        return False
    settings = load_settings(journal)
    if not settings.automatic:
        return False
    last = last_verified(journal)
    if last is None:
        return True
    if not changed:
        return False
    if interval:
        now = now or datetime.now()
        return now - last >= timedelta(hours=max(settings.interval_hours, 1))
    return True


# --- listing and status -------------------------------------------------------------------


def last_verified(journal) -> datetime | None:
    text = _registry(journal).get("last_verified")
    try:
        return datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


@dataclass(frozen=True)
class BackupStatus:
    text: str
    overdue: bool
    second_missing_since: datetime | None


def backup_status(journal, now: datetime | None = None) -> BackupStatus:
    """The status-bar text: the age of the last verified backup (overdue after 7 days) and
    since when the second place is missing."""
    from ..dutch import long_date

    now = now or datetime.now()
    registry = _registry(journal)
    last = last_verified(journal)
    missing_text = registry.get("second_missing_since")
    missing = None
    with contextlib.suppress(ValueError, TypeError):
        missing = datetime.fromisoformat(missing_text) if missing_text else None
    if last is None:
        text, overdue = _("Nog geen reservekopie"), True
    else:
        age = now - last
        if age < timedelta(hours=1):
            text = _("Reservekopie: zojuist")
        elif age < timedelta(days=1):
            hours = int(age.total_seconds() // 3600)
            text = ngettext("Reservekopie: {n} uur geleden", "Reservekopie: {n} uur geleden",
                            hours).format(n=hours)
        else:
            days = age.days
            text = ngettext("Reservekopie: {n} dag geleden", "Reservekopie: {n} dagen geleden",
                            days).format(n=days)
        overdue = age >= timedelta(days=OVERDUE_DAYS)
    if missing is not None:
        text = _("{status} · tweede plek ontbreekt sinds {date}").format(
            status=text, date=long_date(missing.date(), lang="en" if language() == "en" else "nl"))
    return BackupStatus(text, overdue, missing)


def list_backups(journal) -> list[BackupEntry]:
    """Every backup file of this journal in its backup places, newest first, with what the
    registry knows (unknown files show no counts and "niet gecontroleerd")."""
    settings = load_settings(journal)
    registry = _registry(journal)
    key_id = _key_id(registry)
    known = {r.get("file"): r for r in registry["made"]}
    stem = store.backup_stem(journal.path)
    entries: list[BackupEntry] = []
    primary, second = backup_dirs(journal.path, settings)
    for place, folder in ((PRIMARY, primary), (SECOND, second)):
        if folder is None:
            continue
        for path in store.backup_files(folder, stem):
            record = known.get(str(path))
            try:
                size = path.stat().st_size
            except OSError:
                continue
            made = store.backup_date(stem, path.name)
            assert made is not None
            if record is not None and record.get("size") == size:
                entries.append(BackupEntry(path, made, size, record.get("cases"),
                                           record.get("consultations"), True,
                                           record.get("key_id", "") != key_id, place))
            else:
                entries.append(BackupEntry(path, made, size, None, None, False, False, place))
    entries.sort(key=lambda e: (e.made_at, store._sequence(stem, e.path.name)), reverse=True)
    return entries


# --- passphrase change --------------------------------------------------------------------


def change_passphrase(journal, old: str, new: str, repeat: str) -> BackupOutcome | None:
    """Change the passphrase (crash-safe export and swap), then make a verified backup with
    the new one at once. Returns that backup (None when it failed: the change stands)."""
    def norm(text: str) -> bytes:
        return unicodedata.normalize("NFC", text).encode("utf-8")

    if not hmac.compare_digest(norm(old), norm(journal.vault.passphrase)):
        raise WrongCurrentPassphrase(_("Het huidige wachtwoord klopt niet; het wachtwoord is "
                                       "niet gewijzigd."))
    if not new:
        raise OutputRefused(_("Een nieuw wachtwoord is verplicht."))
    if new != repeat:
        raise OutputRefused(_("De twee nieuwe wachtwoorden verschillen; het wachtwoord is niet "
                              "gewijzigd."))
    if norm(new) == norm(old):
        raise OutputRefused(_("Het nieuwe wachtwoord is gelijk aan het oude."))
    registry = _registry(journal)
    registry["key_id"] = secrets.token_hex(8)
    try:
        store.rekey_journal(journal.vault, new, {REGISTRY_KEY: json.dumps(registry)})
    except StorageError as exc:
        raise OutputFailed(_("Het wachtwoord is niet gewijzigd: {reason}").format(
            reason=exc.message)) from None
    journal.log_activity("wachtwoord_gewijzigd")
    try:
        return make_backup_now(journal)
    except ServiceError:
        return None


# --- restore ------------------------------------------------------------------------------


@dataclass
class RestoreOutcome:
    path: Path
    reapplied: list[str]
    safety_backup: Path | None  # the current journal, backed up (or copied aside) first


def _destructions_of(path: Path, keyring: store.KeyRing, *, strict: bool = False) -> list:
    """The destruction log of ``path`` ([] when it cannot be read); with ``strict`` a file
    that does not open with this key raises WrongPassphrase instead."""
    from ..storage.journal import Journal

    try:
        vault = keyring.open_read_only(path, older_ok=True)
    except WrongPassphrase:
        if strict:
            raise
        return []
    except StorageError:
        return []
    try:
        return Journal(vault).destruction_log()
    except StorageError:
        return []
    finally:
        vault.close()


def collect_destructions(passphrase: str, folders: list[Path], stem: str,
                         current: list | None = None, *,
                         keyring: store.KeyRing | None = None,
                         skip: tuple[Path | None, ...] = ()) -> list:
    """The destruction log of the current journal plus that of every backup in ``folders``
    that opens with ``passphrase`` (``skip``: files whose log is known already).

    Every backup is read, not only those newer than the one restored: a backup made before
    it can hold an entry that no later file has (an earlier restore made while the second
    place was unplugged re-applied less). Backups made here share the journal's salt, so
    with one ``keyring`` they open without a key derivation each (~1 ms instead of ~0.1 s).
    """
    keyring = keyring or store.KeyRing(passphrase)
    known = {Path(p).absolute() for p in skip if p is not None}
    entries = list(current or [])
    for folder in dict.fromkeys(folders):
        for path in store.backup_files(folder, stem):
            if path.absolute() not in known:
                entries += _destructions_of(path, keyring)
    return entries


CURRENT_PASSPHRASE_NEEDED = N_(
    "Het huidige journaal heeft een ander wachtwoord dan de reservekopie. Geef ook het "
    "huidige wachtwoord, zodat wat sindsdien is vernietigd vernietigd blijft. Er is niets "
    "veranderd.")
ORIGIN_PASSPHRASE_NEEDED = N_(
    "Het journaal waarvan deze reservekopie is heeft een ander wachtwoord dan de reservekopie. "
    "Geef ook het huidige wachtwoord, zodat wat sindsdien is vernietigd vernietigd blijft. Er "
    "is niets veranderd.")


class OtherPassphraseNeeded(OutputRefused):
    """A journal whose destruction log must be read has another passphrase than the backup."""


NOT_A_JOURNAL_THERE = N_("Op die plek staat een bestand dat geen VP-journaal is; kies een andere "
                       "plek. Er is niets veranderd.")


def restore(backup: str | os.PathLike, passphrase: str, target: str | os.PathLike, *,
            replace: bool = False, now: datetime | None = None,
            current_passphrase: str | None = None) -> RestoreOutcome:
    """Restore ``backup`` to ``target`` (closed). An existing target is refused without
    ``replace``; with it, the current journal is first backed up (or, when it is damaged,
    copied aside unchanged). Destructions known to the current journal and to every backup
    beside it are re-applied before the journal is used. When the current journal has
    another passphrase (changed since the backup), ``current_passphrase`` is needed to read
    its destruction log — without it nothing happens; a file that is no journal is never
    replaced."""
    from ..storage.journal import Journal

    backup = Path(backup).expanduser().absolute()
    target = Path(target).expanduser().absolute()
    if not backup.is_file():
        raise OutputRefused(_("Die reservekopie bestaat niet."))
    if target.exists() and not replace:
        raise OutputRefused(_("Op {target} staat al een journaal; gebruik 'vervangen' "
                              "(--replace) om het te vervangen.").format(target=target))
    if target.exists() and os.path.samefile(backup, target):
        raise OutputRefused(_("De reservekopie en het journaal zijn hetzelfde bestand."))
    keyring = store.KeyRing(passphrase)
    # The key first, before anything else; the whole file is checked on its copy (the
    # restored journal) before that replaces the journal.
    store.check_key(backup, passphrase, keyring=keyring)
    stem = store.backup_stem(target)
    current: list = []
    folders = [backup.parent, store.default_backup_dir(target)]
    safety: Path | None = None
    other_keyring: store.KeyRing | None = None
    if target.exists():
        journal = _open_current(target, passphrase, current_passphrase)
        if journal is None:  # damaged: kept aside exactly as it was
            safety = _copy_aside(target, now or datetime.now())
            for suffix in ("-wal", "-shm"):  # kept in the copy aside
                with contextlib.suppress(FileNotFoundError):
                    os.remove(f"{target}{suffix}")
        else:
            try:
                current = journal.destruction_log()
                settings = load_settings(journal)
                if settings.second_dir.strip():
                    folders.append(Path(settings.second_dir).expanduser().absolute())
                own = journal.vault.passphrase
                if own != unicodedata.normalize("NFC", passphrase):
                    other_keyring = store.KeyRing(own)
                # no rotation here: it could remove the very backup being restored
                safety = make_backup_now(journal, now=now, rotate=False,
                                         keyring=other_keyring or keyring).made[0].path
            finally:
                journal.close()
    # The backup restored holds its own log; a safety backup holds the current one's.
    entries = collect_destructions(passphrase, folders, stem, current, keyring=keyring,
                                   skip=(backup, safety if current else None))
    if other_keyring is not None:  # backups made with the current passphrase
        entries += collect_destructions(other_keyring.passphrase, folders, stem,
                                        keyring=other_keyring, skip=(backup, safety))
    if other_keyring is None and current_passphrase:
        other_keyring = store.KeyRing(current_passphrase)
    entries += _destructions_of_origin(backup, target, stem, passphrase, keyring, other_keyring)
    try:
        again = store.restore_backup(backup, passphrase, target, destructions=entries,
                                     replace=replace, keyring=keyring, verified=True)
    except JournalExists:
        raise OutputRefused(_("Op die plek staat al een journaal.")) from None
    except StorageError as exc:
        raise OutputFailed(_("Terugzetten is niet gelukt: {reason}").format(reason=exc.message)) from None
    with Journal.open(target, passphrase) as journal:
        journal.log_activity("teruggezet", detail=backup.name[:120])
    return RestoreOutcome(target, again, safety)


def _open_current(target: Path, passphrase: str, current_passphrase: str | None):
    """The journal to be replaced, opened with the backup's passphrase or the current one;
    None when it is damaged (it is then copied aside). Refuses when its destruction log cannot
    be read (another passphrase not given or wrong) and when the file is no journal."""
    from ..storage.journal import Journal

    tries = [passphrase] + ([current_passphrase] if current_passphrase else [])
    for attempt in tries:
        try:
            return Journal.open(target, attempt)
        except WrongPassphrase:
            continue
        except NotAJournal:
            raise OutputRefused(_(NOT_A_JOURNAL_THERE)) from None
        except DamagedJournal:
            return None
    raise OtherPassphraseNeeded(_(CURRENT_PASSPHRASE_NEEDED))


def _destructions_of_origin(backup: Path, target: Path, stem: str, passphrase: str,
                            keyring: store.KeyRing,
                            other: store.KeyRing | None = None) -> list:
    """Restored under another name or elsewhere: the destruction log of the journal the
    backup was made of (``…/journaal.vpj`` beside its ``reservekopieën``) and of that
    journal's other backups — a destruction after the backup may be known only there. When
    that journal has another passphrase by now, ``other`` (its keyring) is needed; without
    it nothing is restored."""
    origin_stem = store._stem_of(backup.name)
    if origin_stem == stem and backup.parent == store.default_backup_dir(target):
        return []  # the usual case: read already
    entries = collect_destructions(passphrase, [backup.parent], origin_stem,
                                   keyring=keyring, skip=(backup,))
    if other is not None:
        entries += collect_destructions(other.passphrase, [backup.parent], origin_stem,
                                        keyring=other, skip=(backup,))
    origin = backup.parent.parent / f"{origin_stem}{store.BACKUP_SUFFIX}"
    if backup.parent.name == store.BACKUP_DIR_NAME and origin.is_file() and not (
            target.exists() and os.path.samefile(origin, target)):
        entries += _origin_log(origin, [r for r in (keyring, other) if r is not None])
    return entries


def _origin_log(origin: Path, rings: list[store.KeyRing]) -> list:
    """The destruction log of the journal a backup was made of. A damaged one cannot be read
    (that is often why one restores): nothing to add. One that opens with none of the
    passphrases given refuses the restore."""
    for ring in rings:
        try:
            return _destructions_of(origin, ring, strict=True)
        except WrongPassphrase:
            continue
    raise OtherPassphraseNeeded(_(ORIGIN_PASSPHRASE_NEEDED))


def _copy_aside(target: Path, now: datetime) -> Path:
    """A journal that does not open with the backup's passphrase (damaged, or another
    passphrase) is kept unchanged beside the backups, with its -wal."""
    import shutil

    folder = store.default_backup_dir(target)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    aside = folder / f"{target.stem}-vervangen-{now.strftime('%Y-%m-%d-%H%M%S')}.vpj"
    for suffix in ("", "-wal"):
        source = Path(f"{target}{suffix}")
        if source.exists():
            shutil.copyfile(source, f"{aside}{suffix}")
            os.chmod(f"{aside}{suffix}", 0o600)
            store._fsync_file(Path(f"{aside}{suffix}"))
    store.fsync_dir(folder)
    return aside
