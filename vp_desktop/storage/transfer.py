"""Whole cases from one journal into another: the storage half of a handover (overdracht)
and of a take-over (overname). No Qt.

A case goes along completely — its statistical row (status, dates, destroy-after and its
reason, the legal hold, a destroyed case's snapshot), its categories, its personal part,
persons, consultations, follow-ups and kept letters — with its organisation matched by name (created when
missing). The "vernietigd" lines of the destruction log of a destroyed case go along too.
Nothing else of the source goes along: not its profile, templates, addresses, drafts,
activity log or narratives.

Rows are copied column by column as the schema has them (both journals are at the same
schema version), so a column added later goes along without a change here. Internal ids are
new in the target; case codes are kept. Everything is written in one transaction of the
target: a clash (a code the target has, or had — its destruction log knows it) refuses all.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..domain.vocabulary import ACTIVITY_KINDS
from ..i18n import _
from . import errors
from .journal import Journal
from .vault import DbError, Vault, check_location, map_error

# The tables that hang off a case, with the columns that are their own ids (never copied).
CHILD_TABLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("case_categories", ()),
    ("case_personal", ()),
    ("persons", ("id",)),
    ("consultations", ("id",)),
    ("follow_ups", ("id",)),
    ("kept_letters", ("id", "activity_id")),  # the source's log line does not go along
)
CHUNK = 400  # cases read from the source per query
MAX_DETAIL = 200


class CodeClash(errors.StorageError):
    """Case codes that already exist (or existed) in the target: nothing was taken over."""

    def __init__(self, codes: Sequence[str]):
        self.codes = tuple(codes)
        shown = ", ".join(self.codes[:20]) + (" …" if len(self.codes) > 20 else "")
        super().__init__(
            _("Deze dossiercodes bestaan al in uw journaal (of zijn er eerder gebruikt): "
              "{shown}. Er is niets overgenomen.").format(shown=shown))


@dataclass(frozen=True)
class TransferResult:
    codes: tuple[str, ...]  # the codes copied, sorted
    organisations_created: tuple[str, ...]


def codes_detail(codes: Sequence[str], limit: int = MAX_DETAIL) -> str:
    """"12 dossiers: 2025-001, 2025-002, …" in at most ``limit`` characters: codes, no content."""
    head = f"{len(codes)} {'dossier' if len(codes) == 1 else 'dossiers'}"
    text = head + (": " if codes else "")
    for i, code in enumerate(codes):
        piece = code if i == 0 else ", " + code
        rest = len(codes) - i - 1
        if len(text) + len(piece) + (len(", …") if rest else 0) > limit:
            return text + (", …" if i else "…")
        text += piece
    return text


def case_ids(journal: Journal, organisation_id: int | None = None) -> list[int]:
    """The ids of every case (of one organisation), in code order."""
    if organisation_id is None:
        rows = journal.vault.read("SELECT id FROM cases ORDER BY code")
    else:
        rows = journal.vault.read("SELECT id FROM cases WHERE organisation_id = ? ORDER BY code",
                                  (organisation_id,))
    return [r[0] for r in rows]


def open_source(path: str | os.PathLike, passphrase: str) -> Journal:
    """Open another journal to take cases from: read-only when it is at the current schema
    version (nothing in it changes, its -wal is never folded in); an older journal is opened
    normally (brought up to date, as opening it in VP Desktop would)."""
    path = Path(path).expanduser().absolute()
    check_location(path, allow_sync_folder=True)
    try:
        return Journal(Vault.open_read_only(path, passphrase))
    except errors.ReadOnlyJournal:  # an older version: it must be brought up to date
        return Journal.open(path, passphrase)


def same_file(a: str | os.PathLike, b: str | os.PathLike) -> bool:
    try:
        sa, sb = os.stat(a), os.stat(b)
    except OSError:
        return False
    return (sa.st_dev, sa.st_ino) == (sb.st_dev, sb.st_ino)


def _columns(con, table: str) -> list[str]:
    return [r[1] for r in con.execute(f"PRAGMA table_info({table})")]


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def copy_cases(source: Journal, target: Journal, ids: Sequence[int], *,
               activity: tuple[str, str] | None = None) -> TransferResult:
    """Copy the cases ``ids`` of ``source`` into ``target`` in one transaction of the target:
    all or nothing. ``activity`` (kind, detail) is written to the target's activity log in the
    same transaction. Raises :class:`CodeClash` (nothing changed) when a code is taken."""
    if activity is not None and activity[0] not in ACTIVITY_KINDS:
        raise ValueError(f"unknown activity kind {activity[0]!r}")
    if source.vault.schema_version != target.vault.schema_version:
        raise errors.StorageError(_("De twee journalen hebben een verschillende versie; open "
                                    "beide eerst in deze versie van VP Desktop."))
    ids = list(dict.fromkeys(ids))
    src = source.vault.connection
    organisations = {r[0]: r[1] for r in source.vault.read("SELECT id, name FROM organisations")}
    try:
        with target.vault.transaction() as con:
            case_columns = [c for c in _columns(con, "cases") if c != "id"]
            codes = _codes_of(src, ids)
            if len(codes) != len(ids):
                raise errors.RecordNotFound()
            clashes = sorted(set(codes.values()) & _used_codes(con))
            if clashes:
                raise CodeClash(clashes)
            created = _match_organisations(con, organisations, src, ids)
            org_ids = {r[1].casefold(): r[0] for r in con.execute(
                "SELECT id, name FROM organisations")}
            for start in range(0, len(ids), CHUNK):
                chunk = ids[start:start + CHUNK]
                new_ids = _copy_case_rows(src, con, chunk, case_columns, organisations, org_ids)
                for table, own in CHILD_TABLES:
                    _copy_children(src, con, table, own, chunk, new_ids)
            _copy_destruction_log(src, con, sorted(codes.values()))
            if activity is not None:
                con.execute(
                    "INSERT INTO activity_log (at, kind, case_code, template_id, detail)"
                    " VALUES (?, ?, NULL, NULL, ?)",
                    (datetime.now().isoformat(timespec="seconds"), activity[0],
                     activity[1][:MAX_DETAIL]))
    except DbError as exc:  # a read from the source failed (the target rolled back)
        raise map_error(exc) from None
    return TransferResult(tuple(sorted(codes.values())), tuple(created))


def _in(ids: Sequence[object]) -> str:
    return ",".join("?" * len(ids))


def _codes_of(src, ids: list[int]) -> dict[int, str]:
    codes: dict[int, str] = {}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        codes.update(src.execute(f"SELECT id, code FROM cases WHERE id IN ({_in(chunk)})",
                                 chunk).fetchall())
    return codes


def _used_codes(con) -> set[str]:
    return {r[0] for r in con.execute("SELECT code FROM cases UNION "
                                      "SELECT case_code FROM destruction_log")}


def _match_organisations(con, organisations: dict[int, str], src, ids: list[int]) -> list[str]:
    needed: set[int] = set()
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        needed.update(r[0] for r in src.execute(
            f"SELECT DISTINCT organisation_id FROM cases WHERE id IN ({_in(chunk)})", chunk))
    known = {r[0].casefold() for r in con.execute("SELECT name FROM organisations")}
    created = []
    for org_id in sorted(needed, key=lambda i: organisations[i].casefold()):
        name = organisations[org_id].strip()
        if name.casefold() not in known:
            con.execute("INSERT INTO organisations (name) VALUES (?)", (name,))
            known.add(name.casefold())
            created.append(name)
    return created


def _copy_case_rows(src, con, chunk: list[int], columns: list[str],
                    organisations: dict[int, str], org_ids: dict[str, int]) -> dict[int, int]:
    cols = ", ".join(map(_q, columns))
    org_at = columns.index("organisation_id")
    new_ids: dict[int, int] = {}
    rows = src.execute(f"SELECT id, {cols} FROM cases WHERE id IN ({_in(chunk)})"  # noqa: S608
                       " ORDER BY code", chunk).fetchall()
    for row in rows:
        values = list(row[1:])
        values[org_at] = org_ids[organisations[values[org_at]].strip().casefold()]
        cur = con.execute(f"INSERT INTO cases ({cols}) VALUES ({_in(values)})",  # noqa: S608
                          values)
        new_ids[row[0]] = int(cur.lastrowid)
    return new_ids


def _copy_children(src, con, table: str, own: tuple[str, ...], chunk: list[int],
                   new_ids: dict[int, int]) -> None:
    columns = [c for c in _columns(con, table) if c not in own]
    cols = ", ".join(map(_q, columns))
    at = columns.index("case_id")
    order = "case_id" + (", id" if "id" in own else "")
    rows = src.execute(f"SELECT {cols} FROM {table} WHERE case_id IN ({_in(chunk)})"  # noqa: S608
                       f" ORDER BY {order}", chunk)
    insert = f"INSERT INTO {table} ({cols}) VALUES ({_in(columns)})"  # noqa: S608
    for row in rows:
        values = list(row)
        values[at] = new_ids[values[at]]
        con.execute(insert, values)


def _copy_destruction_log(src, con, codes: list[str]) -> None:
    """The destruction log of every destroyed case that goes along ("vernietigd" lines only:
    a "verwijderd" line of a reused code would delete the live case after a restore)."""
    columns = [c for c in _columns(con, "destruction_log") if c != "id"]
    cols = ", ".join(map(_q, columns))
    for start in range(0, len(codes), CHUNK):
        chunk = codes[start:start + CHUNK]
        rows = src.execute(
            f"SELECT {cols} FROM destruction_log WHERE kind = 'vernietigd'"  # noqa: S608
            f" AND case_code IN ({_in(chunk)}) AND case_code IN (SELECT code FROM cases"
            " WHERE destroyed_at IS NOT NULL) ORDER BY id", chunk).fetchall()
        con.executemany(f"INSERT INTO destruction_log ({cols}) VALUES ({_in(columns)})",  # noqa: S608
                        rows)
