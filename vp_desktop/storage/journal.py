"""The journal: reading and writing domain objects in an open vault.

Every write validates the domain object first and runs in one transaction, so a failure
leaves nothing half-saved.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime

from ..domain.deadlines import statutory_deadlines
from ..domain.model import (
    ActivityEntry,
    Case,
    CaseStatistics,
    CaseSummary,
    Consultation,
    DestructionEntry,
    Draft,
    FollowUp,
    InvolvedPerson,
    KeptLetter,
    MelderIdentity,
    Organisation,
    VpProfile,
    format_case_code,
    parse_case_code,
)
from ..domain.validation import (
    case_problems,
    consultation_problems,
    follow_up_problems,
    profile_problems,
    require,
)
from ..domain.validation import (
    text_problems as _text_problems,
)
from ..domain.vocabulary import ACTIVITY_FAILED, ACTIVITY_KINDS, domains_of
from ..i18n import _
from . import errors
from .vault import DbError, Vault, map_error


@dataclass
class CaseBundle:
    """A case with its consultations and follow-ups: the unit of import and demo data."""

    case: Case
    consultations: list[Consultation] = field(default_factory=list)
    follow_ups: list[FollowUp] = field(default_factory=list)


@dataclass(frozen=True)
class StoredTemplate:
    """A letter template the VP made, kept in the journal. Sources are template text."""

    id: str
    title: str
    description: str
    recipient: str
    subject: str
    body: str
    based_on: str | None = None


@dataclass(frozen=True)
class OpenFollowUp:
    follow_up: FollowUp
    case_code: str


@dataclass(frozen=True)
class VerifyReport:
    schema_version: int
    cases: int
    consultations: int
    follow_ups: int
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def _d(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _pd(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _pdt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")


_SUMMARY_SQL = """
SELECT c.id, c.code, o.name, c.opened, c.status, c.closed,
       (SELECT group_concat(category) FROM case_categories cc WHERE cc.case_id = c.id),
       (SELECT max(started_at) FROM consultations s WHERE s.case_id = c.id),
       (SELECT min(due) FROM follow_ups f WHERE f.case_id = c.id AND f.done IS NULL
          AND f.dismissed IS NULL AND (f.statutory_key IS NULL OR f.due >= date('now', 'localtime'))),
       c.destroy_after, c.hold_reason != '', c.destroyed_at IS NOT NULL
FROM cases c JOIN organisations o ON o.id = c.organisation_id
"""


def _summary(row) -> CaseSummary:
    return CaseSummary(
        id=row[0],
        code=row[1],
        organisation=row[2],
        opened=date.fromisoformat(row[3]),
        status=row[4],
        closed=_pd(row[5]),
        categories=tuple(sorted(row[6].split(","))) if row[6] else (),
        last_contact=_pdt(row[7]),
        next_follow_up=_pd(row[8]),
        destroy_after=_pd(row[9]),
        held=bool(row[10]),
        destroyed=bool(row[11]),
    )


def fts_query(text: str, *, every_prefix: bool = False, shortest_prefix: int = 1) -> str | None:
    """A safe FTS5 query: every word must occur; the last word (with ``every_prefix`` every
    word) may be the start of a longer one when it has at least ``shortest_prefix``
    characters."""
    text = "".join(ch for ch in text if ch.isprintable() or ch.isspace())
    words = [w.replace('"', "") for w in text.split()]
    words = [w for w in words if w]
    if not words:
        return None
    parts = [f'"{w}"' for w in words]
    if every_prefix:
        parts = [p + "*" for p in parts]
    elif len(words[-1]) >= shortest_prefix:
        parts[-1] += "*"
    return " ".join(parts)


class Journal:
    """An unlocked journal. ``close()`` drops the key and the connection."""

    def __init__(self, vault: Vault):
        self.vault = vault

    # --- lifecycle ----------------------------------------------------------------------

    @classmethod
    def create(cls, path: str | os.PathLike, passphrase: str, *, allow_sync_folder=False,
               profile: VpProfile | None = None, organisations: Iterable[str] = ()) -> Journal:
        journal = cls(Vault.create(path, passphrase, allow_sync_folder=allow_sync_folder))
        try:
            if profile is not None:
                journal.save_profile(profile)
            for name in organisations:
                journal.add_organisation(name)
        except BaseException:
            journal.close()
            for suffix in ("", "-wal", "-shm"):  # the file is ours and incomplete
                with contextlib.suppress(OSError):
                    os.remove(f"{journal.path}{suffix}")
            raise
        return journal

    @classmethod
    def open(cls, path: str | os.PathLike, passphrase: str, *, allow_sync_folder=True) -> Journal:
        journal = cls(Vault.open(path, passphrase, allow_sync_folder=allow_sync_folder))
        journal.finish_pending_wipe()
        return journal

    @property
    def path(self):
        return self.vault.path

    @property
    def is_open(self) -> bool:
        return self.vault.is_open

    def close(self) -> None:
        self.vault.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- profile and organisations ------------------------------------------------------

    def profile(self) -> VpProfile:
        rows = self.vault.read("SELECT value FROM settings WHERE key = 'profile'")
        if not rows:
            return VpProfile()
        data = json.loads(rows[0][0])
        known = VpProfile.__dataclass_fields__
        return VpProfile(**{k: v for k, v in data.items() if k in known})

    def save_profile(self, profile: VpProfile) -> None:
        require(profile_problems(profile))
        with self.vault.transaction() as con:
            con.execute(
                "INSERT INTO settings (key, value) VALUES ('profile', ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (json.dumps(asdict(profile)),),
            )

    def remember_channel(self, channel: str) -> None:
        profile = self.profile()
        if profile.last_channel != channel:
            profile.last_channel = channel
            self.save_profile(profile)

    def last_organisation_id(self) -> int | None:
        """The organisation of the case saved last (a form's default), if it still exists."""
        rows = self.vault.read(
            "SELECT o.id FROM settings s JOIN organisations o"
            " ON o.id = CAST(json_extract(s.value, '$') AS INTEGER)"
            " WHERE s.key = 'last_organisation'")
        return int(rows[0][0]) if rows else None

    def remember_organisation(self, organisation_id: int) -> None:
        with self.vault.transaction() as con:
            con.execute(
                "INSERT INTO settings (key, value) VALUES ('last_organisation', ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (json.dumps(int(organisation_id)),),
            )

    def organisations(self) -> list[Organisation]:
        rows = self.vault.read("SELECT id, name FROM organisations ORDER BY name COLLATE NOCASE")
        return [Organisation(id=r[0], name=r[1]) for r in rows]

    def add_organisation(self, name: str) -> Organisation:
        name = name.strip()
        if not name:
            raise errors.StorageError(_("Geef de organisatie een naam."))
        if any(o.name.lower() == name.lower() for o in self.organisations()):
            raise errors.StorageError(_("Organisatie '{name}' bestaat al.").format(name=name))
        with self.vault.transaction() as con:
            cur = con.execute("INSERT INTO organisations (name) VALUES (?)", (name,))
        return Organisation(id=cur.lastrowid, name=name)

    def rename_organisation(self, organisation_id: int, name: str) -> None:
        name = name.strip()
        if not name:
            raise errors.StorageError(_("Geef de organisatie een naam."))
        if any(o.name.lower() == name.lower() and o.id != organisation_id
               for o in self.organisations()):
            raise errors.StorageError(_("Organisatie '{name}' bestaat al.").format(name=name))
        with self.vault.transaction() as con:
            con.execute("UPDATE organisations SET name = ? WHERE id = ?", (name, organisation_id))

    def organisation_named(self, name: str) -> Organisation | None:
        rows = self.vault.read("SELECT id, name FROM organisations WHERE name = ?", (name.strip(),))
        return Organisation(id=rows[0][0], name=rows[0][1]) if rows else None

    # --- cases --------------------------------------------------------------------------

    def add_case(self, case: Case, consultations: Iterable[Consultation] = (),
                 follow_ups: Iterable[FollowUp] = ()) -> Case:
        """Store a new case (with its first consultations and follow-ups) in one transaction."""
        self.add_bundles([CaseBundle(case, list(consultations), list(follow_ups))])
        return case

    def add_bundles(self, bundles: list[CaseBundle]) -> None:
        """All or nothing: either every case is stored, or none is."""
        self._validate_bundles(bundles)
        with self.vault.transaction() as con:
            self._insert_bundles(con, bundles)

    def import_bundles(self, bundles: list[CaseBundle], organisation_names: list[str],
                       activity_detail: str | None = None) -> None:
        """Store cases whose organisations are given by name (``organisation_names[i]`` for
        ``bundles[i]``), creating missing organisations. All or nothing — with the "import"
        line of the activity log in the same transaction when ``activity_detail`` is given."""
        if len(bundles) != len(organisation_names):
            raise ValueError("one organisation name per bundle")
        with self.vault.transaction() as con:
            ids = {r[1].lower(): r[0] for r in con.execute("SELECT id, name FROM organisations")}
            for bundle, name in zip(bundles, organisation_names, strict=True):
                key = name.strip().lower()
                if key not in ids:
                    cur = con.execute("INSERT INTO organisations (name) VALUES (?)",
                                      (name.strip(),))
                    ids[key] = cur.lastrowid
                bundle.case.organisation_id = ids[key]
            self._validate_bundles(bundles)
            self._insert_bundles(con, bundles)
            if activity_detail is not None:
                con.execute(
                    "INSERT INTO activity_log (at, kind, case_code, template_id, detail)"
                    " VALUES (?, 'import', NULL, NULL, ?)", (_now(), activity_detail[:200]))

    def _validate_bundles(self, bundles: list[CaseBundle]) -> None:
        for bundle in bundles:
            require(case_problems(bundle.case))
            for c in bundle.consultations:
                require(consultation_problems(c))
            for f in bundle.follow_ups:
                require(follow_up_problems(f))
        codes = [b.case.code for b in bundles if b.case.code]
        if len(codes) != len(set(codes)):
            raise errors.StorageError(_("Dezelfde dossiercode komt twee keer voor."))

    def _insert_bundles(self, con, bundles: list[CaseBundle]) -> None:
        next_seq: dict[int, int] = {}
        explicit = [parsed for b in bundles if b.case.code
                    if (parsed := parse_case_code(b.case.code)) is not None]
        for bundle in bundles:
            case = bundle.case
            self._require_organisation(con, case.organisation_id)
            if case.code:
                if con.execute("SELECT 1 FROM cases WHERE code = ?", (case.code,)).fetchone():
                    raise errors.StorageError(_("Dossiercode {code} bestaat al.").format(
                                                  code=case.code))
                if case.code in self._logged_codes(con, case.code):  # a restore deletes it
                    raise errors.StorageError(_("Dossiercode {code} is eerder gebruikt voor een "
                                                "verwijderd dossier.").format(code=case.code))
            else:
                year = case.opened.year
                if year not in next_seq:  # after every code in the journal and in this batch
                    in_batch = max((seq for y, seq in explicit if y == year), default=0)
                    next_seq[year] = max(self._max_sequence(con, year), in_batch) + 1
                case.code = format_case_code(year, next_seq[year])
                next_seq[year] += 1
            now = _now()
            cur = con.execute(
                "INSERT INTO cases (code, organisation_id, opened, closed, status, relation,"
                " melder_type, channel, gender, age_band, outcome, destroy_after,"
                " destroy_after_reason, created_at, updated_at)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (*self._case_stat_values(case), now, now),
            )
            case.id = cur.lastrowid
            con.execute("INSERT INTO case_personal (case_id) VALUES (?)", (case.id,))
            self._write_case_details(con, case)
            for c in bundle.consultations:
                self._insert_consultation(con, case.id, c)
            for f in bundle.follow_ups:
                self._insert_follow_up(con, case.id, f)
            self._sync_statutory(con, case)

    def update_case(self, case: Case) -> None:
        if case.id is None:
            raise errors.RecordNotFound()
        require(case_problems(case))
        with self.vault.transaction() as con:
            self._require_organisation(con, case.organisation_id)
            cur = con.execute(
                "UPDATE cases SET code = ?, organisation_id = ?, opened = ?, closed = ?,"
                " status = ?, relation = ?, melder_type = ?, channel = ?, gender = ?,"
                " age_band = ?, outcome = ?, destroy_after = ?, destroy_after_reason = ?,"
                " updated_at = ? WHERE id = ? AND destroyed_at IS NULL",
                (*self._case_stat_values(case), _now(), case.id),
            )
            if cur.rowcount != 1:
                raise errors.RecordNotFound()
            self._write_case_details(con, case)
            self._sync_statutory(con, case)

    def get_case(self, case_id: int) -> Case:
        rows = self.vault.read(
            "SELECT c.id, c.code, c.organisation_id, c.opened, c.closed, c.status, c.relation,"
            " c.melder_type, c.channel, c.gender, c.age_band, c.outcome, c.destroy_after,"
            " c.destroy_after_reason, p.summary, p.melder_anonymous, p.melder_name,"
            " p.melder_contact, p.contact_arrangement, p.consent_given, p.consent_date,"
            " p.incident_date, p.report_date, p.acknowledged_date, c.hold_reason,"
            " c.destroyed_at"
            " FROM cases c LEFT JOIN case_personal p ON p.case_id = c.id WHERE c.id = ?",
            (case_id,),
        )
        if not rows:
            raise errors.RecordNotFound()
        r = rows[0]
        categories = tuple(
            row[0] for row in self.vault.read(
                "SELECT category FROM case_categories WHERE case_id = ? ORDER BY category",
                (case_id,))
        )
        persons = [
            InvolvedPerson(id=p[0], name=p[1], role=p[2], description=p[3])
            for p in self.vault.read(
                "SELECT id, name, role, description FROM persons WHERE case_id = ?"
                " ORDER BY position", (case_id,))
        ]
        return Case(
            id=r[0], code=r[1], organisation_id=r[2], opened=date.fromisoformat(r[3]),
            closed=_pd(r[4]), status=r[5], relation=r[6], melder_type=r[7], channel=r[8],
            gender=r[9], age_band=r[10], outcome=r[11], destroy_after=_pd(r[12]),
            destroy_after_reason=r[13], summary=r[14] or "",
            melder=MelderIdentity(
                anonymous=bool(r[15]) if r[15] is not None else True,
                name=r[16] or "", contact=r[17] or "", contact_arrangement=r[18] or "",
            ),
            consent_given=bool(r[19]), consent_date=_pd(r[20]), incident_date=_pd(r[21]),
            report_date=_pd(r[22]), acknowledged_date=_pd(r[23]),
            hold_reason=r[24], destroyed_at=_pd(r[25][:10]) if r[25] else None,
            categories=categories, persons=persons,
        )

    def case_id_for_code(self, code: str) -> int | None:
        rows = self.vault.read("SELECT id FROM cases WHERE code = ?", (code,))
        return rows[0][0] if rows else None

    def case_summaries(self, *, year: int | None = None, status: str | None = None,
                       organisation_id: int | None = None) -> list[CaseSummary]:
        where: list[str] = []
        params: list[object] = []
        if year is not None:
            where.append("c.opened >= ? AND c.opened < ?")
            params += [f"{year:04d}-01-01", f"{year + 1:04d}-01-01"]
        if status is not None:
            where.append("c.status = ?")
            params.append(status)
        if organisation_id is not None:
            where.append("c.organisation_id = ?")
            params.append(organisation_id)
        sql = _SUMMARY_SQL + (" WHERE " + " AND ".join(where) if where else "")
        return [_summary(r) for r in self.vault.read(sql + " ORDER BY c.code DESC", params)]

    def case_summary(self, case_id: int) -> CaseSummary:
        rows = self.vault.read(_SUMMARY_SQL + " WHERE c.id = ?", (case_id,))
        if not rows:
            raise errors.RecordNotFound()
        return _summary(rows[0])

    def case_years(self) -> list[int]:
        rows = self.vault.read("SELECT DISTINCT substr(opened, 1, 4) FROM cases ORDER BY 1 DESC")
        return [int(r[0]) for r in rows]

    def search_case_ids(self, text: str) -> set[int]:
        """Cases whose notes, agreements or summary contain every word of ``text``, or whose
        melder (name and contact data together) or one other person has every word as the
        start of a word of the name. Accents and case do not count; "oconnor" finds
        "O'Connor", "0612345678" finds "06-1234 5678"."""
        # one letter as the start of a word in the notes finds nearly every case, slowly
        query = fts_query(text, shortest_prefix=2)
        if query is None:
            return set()
        names = fts_query(text, every_prefix=True)
        sql = ("SELECT c.case_id FROM consultation_fts f JOIN consultations c"
               " INDEXED BY consultations_id_case ON c.id = f.rowid"
               " WHERE consultation_fts MATCH ?"
               " UNION SELECT rowid FROM summary_fts WHERE summary_fts MATCH ?"
               " UNION SELECT rowid FROM melder_fts WHERE melder_fts MATCH ?"
               " UNION SELECT p.case_id FROM person_fts f JOIN persons p ON p.id = f.rowid"
               " WHERE person_fts MATCH ?")
        try:
            return {r[0] for r in self.vault.connection.execute(sql, (query, query, names,
                                                                      names))}
        except DbError as exc:
            if "fts5" in str(exc).lower():  # a query FTS5 cannot parse finds nothing
                return set()
            raise map_error(exc) from None

    # --- consultations ------------------------------------------------------------------

    def consultations(self, case_id: int) -> list[Consultation]:
        rows = self.vault.read(
            "SELECT id, case_id, started_at, duration_minutes, channel, notes, advice"
            " FROM consultations WHERE case_id = ? ORDER BY started_at DESC, id DESC",
            (case_id,),
        )
        return [
            Consultation(id=r[0], case_id=r[1], started_at=datetime.fromisoformat(r[2]),
                         duration_minutes=r[3], channel=r[4], notes=r[5], advice=r[6])
            for r in rows
        ]

    def add_consultation(self, case_id: int, consultation: Consultation,
                         follow_ups: Iterable[FollowUp] = ()) -> Consultation:
        follow_ups = list(follow_ups)
        require(consultation_problems(consultation))
        for f in follow_ups:
            require(follow_up_problems(f))
        with self.vault.transaction() as con:
            self._require_case(con, case_id)
            self._insert_consultation(con, case_id, consultation)
            for f in follow_ups:
                self._insert_follow_up(con, case_id, f)
        return consultation

    def update_consultation(self, consultation: Consultation) -> None:
        require(consultation_problems(consultation))
        with self.vault.transaction() as con:
            cur = con.execute(
                "UPDATE consultations SET started_at = ?, duration_minutes = ?, channel = ?,"
                " notes = ?, advice = ? WHERE id = ?",
                (consultation.started_at.isoformat(timespec="minutes"),
                 consultation.duration_minutes, consultation.channel, consultation.notes,
                 consultation.advice, consultation.id),
            )
            if cur.rowcount != 1:
                raise errors.RecordNotFound()

    def contact_totals(self, case_id: int) -> tuple[int, int]:
        r = self.vault.read(
            "SELECT count(*), coalesce(sum(duration_minutes), 0) FROM consultations"
            " WHERE case_id = ?", (case_id,))[0]
        return r[0], r[1]

    # --- follow-ups ---------------------------------------------------------------------

    def follow_ups(self, case_id: int) -> list[FollowUp]:
        rows = self.vault.read(
            "SELECT id, case_id, what, due, done, kind, destination, statutory_key,"
            f" {self._dismissed()} FROM follow_ups WHERE case_id = ?"
            f" ORDER BY done IS NOT NULL OR {self._dismissed()} IS NOT NULL, due, id",
            (case_id,),
        )
        return [self._follow_up(r) for r in rows]

    def open_follow_ups(self) -> list[OpenFollowUp]:
        rows = self.vault.read(
            "SELECT f.id, f.case_id, f.what, f.due, f.done, f.kind, f.destination,"
            f" f.statutory_key, {self._dismissed('f.')}, c.code FROM follow_ups f"
            " JOIN cases c ON c.id = f.case_id"
            f" WHERE f.done IS NULL AND {self._dismissed('f.')} IS NULL"
            " ORDER BY f.due, c.code, f.id"
        )
        return [OpenFollowUp(self._follow_up(r), r[9]) for r in rows]

    def add_follow_up(self, case_id: int, follow_up: FollowUp) -> FollowUp:
        require(follow_up_problems(follow_up))
        with self.vault.transaction() as con:
            self._require_case(con, case_id)
            self._insert_follow_up(con, case_id, follow_up)
        return follow_up

    def set_follow_up_done(self, follow_up_id: int, done: date | None) -> None:
        with self.vault.transaction() as con:
            cur = con.execute("UPDATE follow_ups SET done = ? WHERE id = ?",
                              (_d(done), follow_up_id))
            if cur.rowcount != 1:
                raise errors.RecordNotFound()

    def _dismissed(self, prefix: str = "") -> str:
        """The column of dismissed terms, or NULL in a journal older than it (a journal
        opened for reading before its migration, as in the migration tests)."""
        if getattr(self, "_has_dismissed", None) is None:
            self._has_dismissed = any(r[1] == "dismissed" for r in self.vault.read(
                "PRAGMA table_info(follow_ups)"))
        return f"{prefix}dismissed" if self._has_dismissed else "NULL"

    def finish_follow_ups(self, follow_up_ids: Iterable[int], on: date) -> int:
        """Mark the still-open ones of these follow-ups done in one transaction; the count."""
        ids = list(follow_up_ids)
        with self.vault.transaction() as con:
            return sum(con.execute(
                "UPDATE follow_ups SET done = ? WHERE id = ? AND done IS NULL"
                " AND dismissed IS NULL", (on.isoformat(), i)).rowcount for i in ids)

    def reopen_follow_up(self, follow_up_id: int) -> None:
        """Undo "afgerond" or "niet meer tonen": the follow-up is open again — only in a case
        that is still open (a closed or destroyed case keeps no open steps)."""
        with self.vault.transaction() as con:
            cur = con.execute(
                "UPDATE follow_ups SET done = NULL, dismissed = NULL WHERE id = ? AND case_id IN"
                " (SELECT id FROM cases WHERE status = 'open' AND destroyed_at IS NULL)",
                (follow_up_id,))
            if cur.rowcount != 1:
                raise errors.RecordNotFound()

    def dismiss_follow_up(self, follow_up_id: int, on: date) -> None:
        """Stop showing a statutory term (only those; ordinary steps are done or not)."""
        with self.vault.transaction() as con:
            cur = con.execute(
                "UPDATE follow_ups SET dismissed = ? WHERE id = ? AND statutory_key IS NOT NULL"
                " AND done IS NULL", (on.isoformat(), follow_up_id))
            if cur.rowcount != 1:
                raise errors.RecordNotFound()

    # --- drafts -------------------------------------------------------------------------

    def save_draft(self, draft: Draft) -> Draft:
        draft.saved_at = datetime.now().replace(microsecond=0)
        with self.vault.transaction() as con:
            cur = con.execute(
                "INSERT INTO drafts (kind, case_id, payload, saved_at) VALUES (?, ?, ?, ?)",
                (draft.kind, draft.case_id, json.dumps(draft.payload),
                 draft.saved_at.isoformat()),
            )
            draft.id = cur.lastrowid
        return draft

    def drafts(self) -> list[Draft]:
        rows = self.vault.read("SELECT id, kind, case_id, payload, saved_at FROM drafts ORDER BY id")
        return [Draft(id=r[0], kind=r[1], case_id=r[2], payload=json.loads(r[3]),
                      saved_at=datetime.fromisoformat(r[4])) for r in rows]

    def delete_draft(self, draft_id: int) -> None:
        with self.vault.transaction() as con:
            con.execute("DELETE FROM drafts WHERE id = ?", (draft_id,))

    # --- statistics ---------------------------------------------------------------------

    def statistics_records(self, *, year: int | None = None,
                           organisation_id: int | None = None) -> list[CaseStatistics]:
        """The anonymous statistical record of every case (opened in ``year``): only the
        statistical columns, with contact counts — from the snapshot once a case's personal
        content is destroyed."""
        where: list[str] = []
        params: list[object] = []
        if year is not None:
            where.append("c.opened >= ? AND c.opened < ?")
            params += [f"{year:04d}-01-01", f"{year + 1:04d}-01-01"]
        if organisation_id is not None:
            where.append("c.organisation_id = ?")
            params.append(organisation_id)
        rows = self.vault.read(
            "SELECT c.organisation_id, c.opened, c.status, c.relation, c.melder_type,"
            " c.channel, c.gender, c.age_band, c.outcome, c.destroyed_at,"
            " c.stat_contact_count, c.stat_minutes,"
            " (SELECT group_concat(category) FROM case_categories cc WHERE cc.case_id = c.id),"
            " (SELECT count(*) FROM consultations s WHERE s.case_id = c.id),"
            " (SELECT coalesce(sum(duration_minutes), 0) FROM consultations s"
            "  WHERE s.case_id = c.id)"
            " FROM cases c" + (" WHERE " + " AND ".join(where) if where else ""), params)
        records = []
        for r in rows:
            opened = date.fromisoformat(r[1])
            categories = tuple(sorted(r[12].split(","))) if r[12] else ()
            destroyed = r[9] is not None
            records.append(CaseStatistics(
                organisation_id=r[0], year=opened.year, quarter=(opened.month - 1) // 3 + 1,
                categories=categories, domains=domains_of(categories), relation=r[3],
                melder_type=r[4], channel=r[5], gender=r[6], age_band=r[7], outcome=r[8],
                status=r[2],
                contact_count=(r[10] or 0) if destroyed else r[13],
                minutes_spent=(r[11] or 0) if destroyed else r[14],
            ))
        return records

    def all_person_names(self) -> list[tuple[str, str, int]]:
        """Every name recorded anywhere in the journal, as (name, role, case id): melders and
        the other persons of every case. The universe of the name check."""
        rows = self.vault.read(
            "SELECT melder_name, 'melder', case_id FROM case_personal WHERE melder_name != ''"
            " UNION ALL SELECT name, role, case_id FROM persons WHERE name != ''")
        return [(r[0], r[1], r[2]) for r in rows]

    def narrative(self, year: int, organisation_id: int | None = None) -> str:
        rows = self.vault.read(
            "SELECT narrative FROM annual_reports WHERE year = ? AND organisation_id = ?",
            (year, organisation_id or 0))
        return rows[0][0] if rows else ""

    def save_narrative(self, year: int, organisation_id: int | None, text: str) -> None:
        require(_text_problems(text, _("Tekst van het jaarverslag")))
        with self.vault.transaction() as con:
            con.execute(
                "INSERT INTO annual_reports (year, organisation_id, narrative, updated_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (year, organisation_id)"
                " DO UPDATE SET narrative = excluded.narrative, updated_at = excluded.updated_at",
                (year, organisation_id or 0, text, _now()))

    # --- retention: legal hold, destruction, the destruction log --------------------------

    def set_hold(self, case_id: int, reason: str) -> None:
        """Bewaren wegens procedure: a non-empty ``reason`` holds the case (never destroyed
        while held); an empty one lifts the hold."""
        reason = reason.strip()
        require(_text_problems(reason, _("Reden om te bewaren")))
        with self.vault.transaction() as con:
            cur = con.execute("UPDATE cases SET hold_reason = ?, updated_at = ? WHERE id = ?"
                              " AND destroyed_at IS NULL", (reason, _now(), case_id))
            if cur.rowcount != 1:
                raise errors.RecordNotFound()

    def hold_reasons(self) -> dict[int, str]:
        """Every case under a legal hold, with its reason."""
        return dict(self.vault.read("SELECT id, hold_reason FROM cases WHERE hold_reason != ''"))

    def destroy_cases(self, case_ids: Iterable[int], *, entirely: bool = False
                      ) -> list[DestructionEntry]:
        """Destroy the personal content of closed cases in one transaction — identity,
        contact data, other persons, summary, consultations, follow-ups, drafts, kept letters —
        keeping the anonymous statistics (with the contact count and minutes as a snapshot),
        or with ``entirely`` delete the cases altogether (a case made by mistake). Writes one
        destruction-log entry per case (code, counts; no content), then makes the bytes
        unrecoverable (search indexes rebuilt, VACUUM, the -wal checkpointed and truncated).
        Refuses (nothing changes) a held, open, already destroyed or unknown case."""
        entries: list[DestructionEntry] = []
        kind = "verwijderd" if entirely else "vernietigd"
        with self.vault.transaction() as con:
            for case_id in dict.fromkeys(case_ids):
                row = con.execute("SELECT code, status, hold_reason, destroyed_at FROM cases"
                                  " WHERE id = ?", (case_id,)).fetchone()
                if row is None:
                    raise errors.RecordNotFound()
                code, status, hold, destroyed = row
                if hold:
                    raise errors.StorageError(
                        _("Dossier {code} wordt bewaard wegens een procedure; er is niets "
                          "vernietigd.").format(code=code))
                if destroyed and not entirely:
                    raise errors.StorageError(_("Dossier {code} is al vernietigd; er is niets "
                                                "vernietigd.").format(code=code))
                if status != "gesloten" and not entirely:
                    raise errors.StorageError(_("Dossier {code} is nog open; sluit het eerst. Er "
                                                "is niets vernietigd.").format(code=code))
                entries.append(self._destroy(con, case_id, code, kind))
        self.wipe_free_space()
        return entries

    def _destroy(self, con, case_id: int, code: str, kind: str) -> DestructionEntry:
        count = lambda sql: con.execute(sql, (case_id,)).fetchone()[0]  # noqa: E731
        contacts = count("SELECT count(*) FROM consultations WHERE case_id = ?")
        minutes = count("SELECT coalesce(sum(duration_minutes), 0) FROM consultations"
                        " WHERE case_id = ?")
        removed = {
            "gesprekken": contacts,
            "vervolgstappen": count("SELECT count(*) FROM follow_ups WHERE case_id = ?"),
            "personen": count("SELECT count(*) FROM persons WHERE case_id = ?"),
            "concepten": count("SELECT count(*) FROM drafts WHERE case_id = ?"),
            "brieven": count("SELECT count(*) FROM kept_letters WHERE case_id = ?"),
        }
        for table in ("consultations", "follow_ups", "persons", "drafts", "kept_letters",
                      "case_personal"):
            con.execute(f"DELETE FROM {table} WHERE case_id = ?", (case_id,))  # noqa: S608
        if kind == "verwijderd":
            con.execute("DELETE FROM case_categories WHERE case_id = ?", (case_id,))
            con.execute("DELETE FROM cases WHERE id = ?", (case_id,))
        else:
            destroyed = con.execute("SELECT destroyed_at FROM cases WHERE id = ?",
                                    (case_id,)).fetchone()[0]
            if destroyed is None:  # the snapshot of an earlier destruction stays
                con.execute(
                    "UPDATE cases SET destroyed_at = ?, destroy_after_reason = '',"
                    " stat_contact_count = ?, stat_minutes = ?, updated_at = ? WHERE id = ?",
                    (_now(), contacts, minutes, _now(), case_id))
        at = _now()
        con.execute("INSERT INTO destruction_log (at, case_code, kind, removed)"
                    " VALUES (?, ?, ?, ?)", (at, code, kind, json.dumps(removed)))
        con.execute("INSERT INTO activity_log (at, kind, case_code, template_id, detail)"
                    " VALUES (?, ?, ?, NULL, '')", (at, kind, code))
        return DestructionEntry(datetime.fromisoformat(at), code, kind, removed)

    def wipe_free_space(self) -> None:
        """Make deleted content unrecoverable: full-text indexes rebuilt without it, every
        free page gone (VACUUM; SQLCipher zeroes freed cells with secure_delete), and the
        write-ahead log checkpointed and truncated."""
        try:
            con = self.vault.connection
            con.execute("PRAGMA secure_delete = ON")
            for index in ("consultation_fts", "summary_fts", "melder_fts", "person_fts"):
                con.execute(f"INSERT INTO {index} ({index}) VALUES ('rebuild')")  # noqa: S608
            con.execute("VACUUM")
            con.execute(  # the wipe is done up to here (see finish_pending_wipe)
                "INSERT OR REPLACE INTO meta (key, value) SELECT 'wiped_through',"
                " coalesce(max(id), 0) FROM destruction_log")
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except DbError as exc:
            raise map_error(exc) from None

    def finish_pending_wipe(self) -> bool:
        """A destruction committed but interrupted before its wipe (a killed process) is
        wiped now, when the journal opens. True when a wipe was needed."""
        rows = self.vault.read(
            "SELECT (SELECT coalesce(max(id), 0) FROM destruction_log),"
            " (SELECT coalesce(max(CAST(value AS INTEGER)), 0) FROM meta"
            "  WHERE key = 'wiped_through')")
        logged, wiped = rows[0]
        if logged <= wiped:
            return False
        self.wipe_free_space()
        return True

    def destruction_log(self) -> list[DestructionEntry]:
        rows = self.vault.read("SELECT at, case_code, kind, removed FROM destruction_log"
                               " ORDER BY id")
        return [DestructionEntry(datetime.fromisoformat(r[0]), r[1], r[2], json.loads(r[3]))
                for r in rows]

    def reapply_destructions(self, entries: Iterable[DestructionEntry]) -> list[str]:
        """After a restore: destroy (or delete) again every case the log says was, when it
        came back with content; returns the codes re-applied. Destroyed content never
        comes back."""
        again: list[str] = []
        with self.vault.transaction() as con:
            known = {(r[0], r[1]) for r in con.execute(
                "SELECT case_code, kind FROM destruction_log")}
            for entry in entries:
                row = con.execute("SELECT id, destroyed_at, created_at FROM cases"
                                  " WHERE code = ?", (entry.case_code,)).fetchone()
                # a case made after the entry is another case that got the code again
                needed = (row is not None and row[2] <= entry.at.isoformat(timespec="seconds")
                          and (entry.kind == "verwijderd" or row[1] is None))
                if needed:
                    self._destroy(con, row[0], entry.case_code, entry.kind)
                    again.append(entry.case_code)
                elif (entry.case_code, entry.kind) not in known:
                    con.execute("INSERT INTO destruction_log (at, case_code, kind, removed)"
                                " VALUES (?, ?, ?, ?)", (entry.at.isoformat(timespec="seconds"),
                                                         entry.case_code, entry.kind,
                                                         json.dumps(entry.removed)))
                known.add((entry.case_code, entry.kind))
        if again:
            self.wipe_free_space()
        return again

    # --- activity log -------------------------------------------------------------------

    def log_activity(self, kind: str, case_code: str | None = None,
                     template_id: str | None = None, detail: str = "",
                     kept: KeptLetter | None = None) -> int:
        """Record that something was printed, saved or exported — never what it said.
        A letter's copy (``kept``) is stored in the same transaction. Committed when this
        returns; returns the entry's id."""
        if kind not in ACTIVITY_KINDS:
            raise ValueError(f"unknown activity kind {kind!r}")
        with self.vault.transaction() as con:
            cursor = con.execute(
                "INSERT INTO activity_log (at, kind, case_code, template_id, detail)"
                " VALUES (?, ?, ?, ?, ?)",
                (_now(), kind, case_code, template_id, detail[:200]),
            )
            entry_id = int(cursor.lastrowid)
            if kept is not None:
                self._insert_kept_letter(con, kept, entry_id)
            return entry_id

    def mark_activity_failed(self, entry_id: int) -> None:
        """Note on a logged output that it did not come about (the file was not written,
        the printer refused); a letter kept with it is removed (it was never sent)."""
        with self.vault.transaction() as con:
            con.execute(
                "UPDATE activity_log SET detail = trim(detail || ' ' || ?) WHERE id = ?",
                (ACTIVITY_FAILED, entry_id))
            con.execute("DELETE FROM kept_letters WHERE activity_id = ?", (entry_id,))

    # --- kept letters: every letter printed or saved, kept in its case -------------------

    _KEPT_COLUMNS = ("case_id, kept_at, output, template_id, template_title, recipient,"
                     " with_identity, address, subject, body")

    def _insert_kept_letter(self, con, letter: KeptLetter, activity_id: int | None) -> None:
        if letter.output not in ("afgedrukt", "opgeslagen") or not letter.pdf:
            raise ValueError("a kept letter needs its output kind and its pdf")
        self._require_case(con, letter.case_id)
        cur = con.execute(
            f"INSERT INTO kept_letters ({self._KEPT_COLUMNS}, pdf, activity_id)"  # noqa: S608
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (letter.case_id, letter.kept_at.isoformat(timespec="seconds"), letter.output,
             letter.template_id, letter.template_title, letter.recipient,
             int(letter.with_identity), letter.address, letter.subject, letter.body,
             letter.pdf, activity_id))
        letter.id = int(cur.lastrowid)

    @staticmethod
    def _kept_letter(r, pdf: bytes = b"") -> KeptLetter:
        return KeptLetter(id=r[0], case_id=r[1], kept_at=datetime.fromisoformat(r[2]),
                          output=r[3], template_id=r[4], template_title=r[5], recipient=r[6],
                          with_identity=bool(r[7]), address=r[8], subject=r[9], body=r[10],
                          pdf=pdf)

    def kept_letters(self, case_id: int) -> list[KeptLetter]:
        """The letters kept in a case, newest first, with their text but without the PDF."""
        rows = self.vault.read(
            f"SELECT id, {self._KEPT_COLUMNS} FROM kept_letters WHERE case_id = ?"  # noqa: S608
            " ORDER BY kept_at DESC, id DESC", (case_id,))
        return [self._kept_letter(r) for r in rows]

    def kept_letter(self, letter_id: int) -> KeptLetter:
        """One kept letter with the exact PDF bytes that were sent."""
        rows = self.vault.read(
            f"SELECT id, {self._KEPT_COLUMNS}, pdf FROM kept_letters WHERE id = ?"  # noqa: S608
            , (letter_id,))
        if not rows:
            raise errors.RecordNotFound()
        return self._kept_letter(rows[0], bytes(rows[0][11]))

    def activity(self, limit: int = 1000) -> list[ActivityEntry]:
        rows = self.vault.read(
            "SELECT at, kind, case_code, template_id, detail FROM activity_log"
            " ORDER BY id DESC LIMIT ?", (limit,))
        return [ActivityEntry(at=datetime.fromisoformat(r[0]), kind=r[1], case_code=r[2],
                              template_id=r[3], detail=r[4]) for r in rows]

    # --- letter templates and addresses -------------------------------------------------

    def custom_templates(self) -> list[StoredTemplate]:
        rows = self.vault.read(
            "SELECT id, title, description, recipient, subject, body, based_on"
            " FROM letter_templates ORDER BY title COLLATE NOCASE")
        return [StoredTemplate(*r) for r in rows]

    def save_custom_template(self, template: StoredTemplate) -> None:
        if not template.title.strip():
            raise errors.StorageError(_("Geef het sjabloon een naam."))
        with self.vault.transaction() as con:
            con.execute(
                "INSERT INTO letter_templates (id, title, description, recipient, subject, body,"
                " based_on, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (id) DO UPDATE SET title = excluded.title,"
                " description = excluded.description, recipient = excluded.recipient,"
                " subject = excluded.subject, body = excluded.body,"
                " updated_at = excluded.updated_at",
                (template.id, template.title.strip(), template.description,
                 template.recipient, template.subject, template.body, template.based_on,
                 _now()),
            )

    def delete_custom_template(self, template_id: str) -> None:
        with self.vault.transaction() as con:
            con.execute("DELETE FROM letter_templates WHERE id = ?", (template_id,))

    def address(self, destination: str) -> list[str] | None:
        rows = self.vault.read("SELECT lines FROM addresses WHERE destination = ?",
                               (destination,))
        return json.loads(rows[0][0]) if rows else None

    def save_address(self, destination: str, lines: list[str]) -> None:
        lines = [line.strip() for line in lines if line.strip()]
        with self.vault.transaction() as con:
            con.execute(
                "INSERT INTO addresses (destination, lines) VALUES (?, ?)"
                " ON CONFLICT (destination) DO UPDATE SET lines = excluded.lines",
                (destination, json.dumps(lines)),
            )

    # --- checks -------------------------------------------------------------------------

    def verify(self) -> VerifyReport:
        problems = self.vault.integrity_problems()
        counts = self.vault.read(
            "SELECT (SELECT count(*) FROM cases), (SELECT count(*) FROM consultations),"
            " (SELECT count(*) FROM follow_ups)")[0]
        return VerifyReport(self.vault.schema_version, counts[0], counts[1], counts[2],
                            tuple(problems))

    # --- internals ----------------------------------------------------------------------

    @staticmethod
    def _case_stat_values(case: Case) -> tuple:
        return (
            case.code, case.organisation_id, case.opened.isoformat(), _d(case.closed),
            case.status, case.relation, case.melder_type, case.channel, case.gender,
            case.age_band, case.outcome, _d(case.destroy_after), case.destroy_after_reason,
        )

    @staticmethod
    def _write_case_details(con, case: Case) -> None:
        m = case.melder
        con.execute(
            "UPDATE case_personal SET summary = ?, melder_anonymous = ?, melder_name = ?,"
            " melder_contact = ?, contact_arrangement = ?, consent_given = ?, consent_date = ?,"
            " incident_date = ?, report_date = ?, acknowledged_date = ? WHERE case_id = ?",
            (case.summary, int(m.anonymous), m.name, m.contact, m.contact_arrangement,
             int(case.consent_given), _d(case.consent_date), _d(case.incident_date),
             _d(case.report_date), _d(case.acknowledged_date), case.id),
        )
        con.execute("DELETE FROM case_categories WHERE case_id = ?", (case.id,))
        con.executemany("INSERT INTO case_categories (case_id, category) VALUES (?, ?)",
                        [(case.id, c) for c in case.categories])
        con.execute("DELETE FROM persons WHERE case_id = ?", (case.id,))
        for position, person in enumerate(case.persons):
            cur = con.execute(
                "INSERT INTO persons (case_id, position, name, role, description)"
                " VALUES (?, ?, ?, ?, ?)",
                (case.id, position, person.name.strip(), person.role, person.description),
            )
            person.id = cur.lastrowid

    @staticmethod
    def _sync_statutory(con, case: Case) -> None:
        """Add or move the deadlines the app suggests; done ones are left alone."""
        suggested = statutory_deadlines(case)
        keys = [s.key for s in suggested]
        # a dismissed term whose date moves is shown again (older journals lack the column)
        dismissal = (", dismissed = CASE WHEN follow_ups.due = excluded.due"
                     " THEN follow_ups.dismissed END"
                     if any(r[1] == "dismissed" for r in con.execute(
                         "PRAGMA table_info(follow_ups)")) else "")
        for s in suggested:
            con.execute(
                "INSERT INTO follow_ups (case_id, what, due, kind, statutory_key)"
                " VALUES (?, ?, ?, 'wettelijke_termijn', ?)"
                " ON CONFLICT (case_id, statutory_key) DO UPDATE SET due = excluded.due,"
                f" what = excluded.what{dismissal} WHERE follow_ups.done IS NULL",
                (case.id, s.what, s.due.isoformat(), s.key),
            )
        placeholders = ",".join("?" * len(keys))
        con.execute(
            "DELETE FROM follow_ups WHERE case_id = ? AND statutory_key IS NOT NULL"
            f" AND done IS NULL AND statutory_key NOT IN ({placeholders})",
            (case.id, *keys),
        )

    @staticmethod
    def _insert_consultation(con, case_id: int, c: Consultation) -> None:
        cur = con.execute(
            "INSERT INTO consultations (case_id, started_at, duration_minutes, channel, notes,"
            " advice) VALUES (?, ?, ?, ?, ?, ?)",
            (case_id, c.started_at.isoformat(timespec="minutes"), c.duration_minutes,
             c.channel, c.notes, c.advice),
        )
        c.id, c.case_id = cur.lastrowid, case_id

    @staticmethod
    def _insert_follow_up(con, case_id: int, f: FollowUp) -> None:
        cur = con.execute(
            "INSERT INTO follow_ups (case_id, what, due, done, kind, destination, statutory_key)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (case_id, f.what.strip(), f.due.isoformat(), _d(f.done), f.kind, f.destination,
             f.statutory_key),
        )
        f.id, f.case_id = cur.lastrowid, case_id

    @staticmethod
    def _follow_up(r) -> FollowUp:
        return FollowUp(id=r[0], case_id=r[1], what=r[2], due=date.fromisoformat(r[3]),
                        done=_pd(r[4]), kind=r[5], destination=r[6], statutory_key=r[7],
                        dismissed=_pd(r[8]))

    @staticmethod
    def _require_case(con, case_id: int) -> None:
        """The case exists and still has its content: nothing personal is added to a
        destroyed case (a letter or a conversation racing with a destruction in another
        process lands nowhere)."""
        if not con.execute("SELECT 1 FROM cases WHERE id = ? AND destroyed_at IS NULL",
                           (case_id,)).fetchone():
            raise errors.RecordNotFound()

    @staticmethod
    def _require_organisation(con, organisation_id: int) -> None:
        if not con.execute("SELECT 1 FROM organisations WHERE id = ?",
                           (organisation_id,)).fetchone():
            raise errors.StorageError(_("Kies een bestaande organisatie."))

    @staticmethod
    def _max_sequence(con, year: int) -> int:
        # codes of deleted cases are never given again (see reapply_destructions)
        rows = con.execute("SELECT code FROM cases WHERE code LIKE ?", (f"{year:04d}-%",))
        codes = [r[0] for r in rows.fetchall()] + Journal._logged_codes(con, f"{year:04d}-%")
        return max(((parse_case_code(c) or (0, 0))[1] for c in codes), default=0)

    @staticmethod
    def _logged_codes(con, pattern: str) -> list[str]:
        """Codes in the destruction log matching the LIKE ``pattern`` (none before v4)."""
        if not con.execute("SELECT 1 FROM sqlite_master WHERE name = 'destruction_log'"
                           ).fetchone():
            return []
        return [r[0] for r in con.execute(
            "SELECT DISTINCT case_code FROM destruction_log WHERE case_code LIKE ?", (pattern,))]
