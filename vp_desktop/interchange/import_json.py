"""Import of cases from a JSON file in the ``vp-desktop-import`` format, version 1.

The whole file is checked before anything is stored, and every problem in every record is
reported (in Dutch): one problem anywhere means nothing is imported. The checks are plain
Python; ``resources/schemas/vp-import.schema.json`` describes the same format for other tools,
and the tests keep the two in step.

Field paths in problems count from 1, like the record numbers: ``consultations[2].started_at``
is the start of the second consultation of that case. ``null`` always means "not filled in".
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from ..domain.model import (
    EARLIEST_DATE,
    Case,
    Consultation,
    FollowUp,
    InvolvedPerson,
    MelderIdentity,
    parse_case_code,
)
from ..domain.retention import default_destroy_after
from ..domain.validation import (
    MAX_SHORT,
    case_problems,
    category_problems,
    consultation_problems,
    follow_up_problems,
)
from ..domain.vocabulary import (
    AGE_BANDS,
    CATEGORIES,
    CHANNELS,
    FOLLOW_UP_KINDS,
    GENDERS,
    MELDER_TYPES,
    OUTCOMES,
    PERSON_ROLES,
    REFERRAL_DESTINATIONS,
    RELATIONS,
    STATUSES,
    Vocabulary,
)
from ..dutch import plural
from ..i18n import _, ngettext
from ..storage.journal import CaseBundle, Journal

FORMAT = "vp-desktop-import"
VERSION = 1
MAX_BYTES = 24 * 1024 * 1024  # see tests/benchmarks/test_import_memory.py

# The fields each object may have; the JSON Schema lists the same (tested).
TOP_FIELDS = ("$schema", "format", "version", "cases")
CASE_FIELDS = (
    "code",
    "organisation",
    "opened",
    "closed",
    "status",
    "categories",
    "relation",
    "melder_type",
    "channel",
    "gender",
    "age_band",
    "outcome",
    "consent",
    "melder",
    "persons",
    "incident_date",
    "report_date",
    "acknowledged_date",
    "destroy_after",
    "destroy_after_reason",
    "summary",
    "consultations",
    "follow_ups",
)
CONSENT_FIELDS = ("given", "date")
MELDER_FIELDS = ("anonymous", "name", "contact", "contact_arrangement")
PERSON_FIELDS = ("name", "role", "description")
CONSULTATION_FIELDS = ("started_at", "duration_minutes", "channel", "notes", "advice")
FOLLOW_UP_FIELDS = ("what", "due", "done", "kind", "destination")

DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # used with fullmatch: ASCII digits only
DATETIME_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2})?")
ECHO_LIMIT = 80  # characters of a value from the file shown in a problem
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_PLACEHOLDER_DATE = EARLIEST_DATE  # stands in for a reported bad date, so checks go on
_MISSING = object()


@dataclass(frozen=True)
class ImportProblem:
    record: int | None  # 1-based position in "cases"; None for the file as a whole
    field: str  # e.g. "opened" or "consultations[2].started_at"; "" for the record itself
    message: str
    code: str = ""  # the record's case code as written in the file, to help find it

    def __str__(self) -> str:
        """One line in the interface language (``message`` is translated already)."""
        values = {"record": self.record, "code": self.code, "field": self.field,
                  "message": self.message}
        if self.record is None:
            if self.field:
                return _("Bestand, veld '{field}': {message}").format(**values)
            return _("Bestand: {message}").format(**values)
        if self.code and self.field:
            return _("Dossier {record} ({code}), veld '{field}': {message}").format(**values)
        if self.code:
            return _("Dossier {record} ({code}): {message}").format(**values)
        if self.field:
            return _("Dossier {record}, veld '{field}': {message}").format(**values)
        return _("Dossier {record}: {message}").format(**values)


@dataclass
class ParsedImport:
    """The records that passed every check (in file order) and all problems found.

    ``import_into`` stores nothing unless ``problems`` is empty."""

    bundles: list[CaseBundle] = field(default_factory=list)
    organisation_names: list[str] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)  # case code per bundle ("" when absent)
    records: list[int] = field(default_factory=list)  # record number per bundle


class ImportRejected(ValueError):
    """Nothing was imported; ``problems`` says why, all of it."""

    def __init__(self, problems: list[ImportProblem]):
        self.problems = problems
        n = len(problems)
        if problems:
            text = ngettext("Niets geïmporteerd: {n} probleem gevonden. Eerste: {first}",
                            "Niets geïmporteerd: {n} problemen gevonden. Eerste: {first}",
                            n).format(n=n, first=problems[0])
        else:
            text = _("Niets geïmporteerd: {n} problemen gevonden.").format(n=n)
        super().__init__(text)


# --- reading JSON values --------------------------------------------------------------------


def valid_case_code(code: object) -> bool:
    """A case code as the import accepts it: ASCII ``JJJJ-NNN`` by full match (no other
    digits, no trailing newline) that the domain also accepts."""
    return (
        isinstance(code, str)
        and parse_case_code(code) is not None
    )


def _shown(value: str, limit: int = ECHO_LIMIT) -> str:
    """A value from the file as a problem may echo it: at most ``limit`` characters, with
    control characters and lone surrogates written as escapes (so it can always be printed)."""
    text = value[: limit + 1]
    if not text.isprintable():
        text = "".join(
            ch if ch.isprintable() or ch == " " else ascii(ch)[1:-1] for ch in text
        )
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _has_surrogate(value: str) -> bool:
    return not value.isascii() and _SURROGATE_RE.search(value) is not None



class _JsonObject(dict):
    duplicates: tuple[str, ...] = ()


def _object_hook(pairs: list[tuple[str, object]]) -> _JsonObject:
    obj = _JsonObject(pairs)
    if len(obj) != len(pairs):
        keys = [k for k, _ in pairs]
        obj.duplicates = tuple(dict.fromkeys(k for k in keys if keys.count(k) > 1))
    return obj


def _reject_constant(name: str):
    raise ValueError(f"{name} is geen geldige JSON-waarde")


def _kind(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return _("een getal")
    if isinstance(value, str):
        return _("tekst")
    if isinstance(value, list):
        return _("een lijst")
    return _("een object")


class _Reader:
    """Reads the fields of one JSON object and reports what is wrong, with its path."""

    def __init__(
        self, obj: dict, prefix: str, allowed: tuple[str, ...], report: Callable[[str, str], None]
    ):
        self.obj, self.prefix, self.report = obj, prefix, report
        for key in obj:
            if key not in allowed:
                close = difflib.get_close_matches(key[: ECHO_LIMIT + 1], allowed, n=1)
                self.report(self.path(key), _("onbekend veld (bedoelt u '{close}'?).").format(
                    close=close[0]) if close else _("onbekend veld."))
        for key in getattr(obj, "duplicates", ()):
            self.report(self.path(key), _("dit veld staat er meer dan eens in."))

    def path(self, key: str) -> str:
        return f"{self.prefix}{_shown(key)}"

    def _get(self, key: str, required: bool):
        value = self.obj.get(key)
        if value is None:
            if required:
                self.report(self.path(key), _("dit verplichte veld ontbreekt."))
            return _MISSING
        return value

    def _wrong(self, key: str, expected: str, value) -> None:
        """``expected``: already in the interface language."""
        self.report(self.path(key), _("verwacht {expected}, maar vond {found}.").format(
            expected=expected, found=_kind(value)))

    def text(self, key: str, *, required: bool = False) -> str | None:
        value = self._get(key, required)
        if value is _MISSING:
            return None
        if not isinstance(value, str):
            self._wrong(key, _("tekst"), value)
            return None
        if _has_surrogate(value):
            self.report(
                self.path(key),
                _("bevat een ongeldig teken (een losse surrogaat zoals \\ud800); zo'n tekst kan "
                  "niet worden opgeslagen."),
            )
            return None
        return value

    def boolean(self, key: str, *, required: bool = False) -> bool | None:
        value = self._get(key, required)
        if value is _MISSING:
            return None
        if not isinstance(value, bool):
            self._wrong(key, _("true of false"), value)
            return None
        return value

    def integer(self, key: str) -> int | None:
        value = self._get(key, False)
        if value is _MISSING:
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            self._wrong(key, _("een heel getal"), value)
            return None
        return value

    def date(self, key: str, *, required: bool = False) -> date | None:
        value = self.text(key, required=required)
        if value is None:
            return None
        try:
            if DATE_RE.fullmatch(value):
                return date.fromisoformat(value)
        except ValueError:
            pass
        self.report(self.path(key), _("geen geldige datum (verwacht JJJJ-MM-DD)."))
        return None

    def datetime(self, key: str, *, required: bool = False) -> datetime | None:
        value = self.text(key, required=required)
        if value is None:
            return None
        try:
            if DATETIME_RE.fullmatch(value):
                return datetime.fromisoformat(value).replace(second=0)
        except ValueError:
            pass
        self.report(self.path(key), _("geen geldige datum en tijd (verwacht JJJJ-MM-DDTUU:MM)."))
        return None

    def code(self, key: str, vocab: Vocabulary, *, required: bool = False) -> str | None:
        value = self.text(key, required=required)
        if value is None:
            return None
        if value not in vocab:
            self.report(self.path(key), _unknown_code(value, vocab))
            return None
        return value

    def codes(self, key: str, vocab: Vocabulary) -> tuple[str, ...]:
        value = self._get(key, False)
        if value is _MISSING:
            return ()
        if not isinstance(value, list):
            self._wrong(key, _("een lijst"), value)
            return ()
        found: list[str] = []
        for i, item in enumerate(value, start=1):
            where = f"{self.path(key)}[{i}]"
            if not isinstance(item, str):
                self.report(where, _("verwacht tekst, maar vond {found}.").format(
                                       found=_kind(item)))
            elif item not in vocab:
                self.report(where, _unknown_code(item, vocab))
            elif item in found:
                self.report(where, _("'{value}' staat er dubbel in.").format(value=_shown(item)))
            else:
                found.append(item)
        return tuple(found)

    def object(self, key: str, allowed: tuple[str, ...]) -> _Reader | None:
        value = self._get(key, False)
        if value is _MISSING:
            return None
        if not isinstance(value, dict):
            self._wrong(key, _("een object"), value)
            return None
        return _Reader(value, f"{self.path(key)}.", allowed, self.report)

    def objects(self, key: str, allowed: tuple[str, ...]) -> list[tuple[str, _Reader]]:
        value = self._get(key, False)
        if value is _MISSING:
            return []
        if not isinstance(value, list):
            self._wrong(key, _("een lijst"), value)
            return []
        readers = []
        for i, item in enumerate(value, start=1):
            where = f"{self.path(key)}[{i}]"
            if isinstance(item, dict):
                readers.append((where, _Reader(item, f"{where}.", allowed, self.report)))
            else:
                self.report(where, _("verwacht een object, maar vond {found}.").format(
                                       found=_kind(item)))
        return readers


def _unknown_code(value: str, vocab: Vocabulary) -> str:
    return _("onbekende code '{value}'; kies uit: {choices}.").format(
        value=_shown(value), choices=", ".join(vocab.codes()))


# --- one record -----------------------------------------------------------------------------


class _Record:
    """Turns one element of "cases" into a bundle, collecting every problem."""

    def __init__(self, number: int, obj, problems: list[ImportProblem]):
        self.number, self.problems, self.count = number, problems, 0
        raw_code = obj.get("code") if isinstance(obj, dict) else None
        self.label = _shown(raw_code, 30) if isinstance(raw_code, str) else ""
        self.code: str = raw_code if isinstance(raw_code, str) and valid_case_code(raw_code) else ""

    def report(self, field_path: str, message: str) -> None:
        self.problems.append(ImportProblem(self.number, field_path, message, self.label))
        self.count += 1

    def parse(self, obj) -> tuple[CaseBundle, str] | None:
        if not isinstance(obj, dict):
            self.report("", _("verwacht een object, maar vond {found}.").format(
                found=_kind(obj)))
            return None
        r = _Reader(obj, "", CASE_FIELDS, self.report)
        given = r.text("organisation", required=True)
        organisation = (given or "").strip()
        if given is not None:
            if not organisation:
                self.report("organisation", _("de naam van de organisatie is leeg."))
            elif len(organisation) > MAX_SHORT:
                self.report("organisation", _(
                    "de naam is te lang (maximaal {limit} tekens).").format(limit=MAX_SHORT))
        case = self._case(r)
        consultations = [
            self._consultation(where, c)
            for where, c in r.objects("consultations", CONSULTATION_FIELDS)
        ]
        follow_ups = [
            self._follow_up(where, f) for where, f in r.objects("follow_ups", FOLLOW_UP_FIELDS)
        ]
        for message in case_problems(case):
            self.report("", message)
        if case.categories:  # none at all stays allowed (historic records); a contradiction not
            for message in category_problems(case.categories):
                self.report("categories", message)
        if self.count:
            return None
        return CaseBundle(case, consultations, follow_ups), organisation

    def _case(self, r: _Reader) -> Case:
        code = r.text("code")
        if code is not None and not valid_case_code(code):
            r.report("code", _("geen geldige dossiercode (verwacht JJJJ-NNN, bijvoorbeeld "
                               "2025-014)."))
            code = None
        opened = r.date("opened", required=True)
        closed = r.date("closed")
        status = r.code("status", STATUSES)
        if status is None:
            status = "gesloten" if closed else "open"
        given, consent_date = False, None
        consent = r.object("consent", CONSENT_FIELDS)
        if consent is not None:
            given = bool(consent.boolean("given", required=True))
            consent_date = consent.date("date")
        persons = [self._person(where, p) for where, p in r.objects("persons", PERSON_FIELDS)]
        return Case(
            organisation_id=0,
            opened=opened or _PLACEHOLDER_DATE,
            code=code or "",
            status=status,
            closed=closed,
            categories=r.codes("categories", CATEGORIES),
            relation=r.code("relation", RELATIONS),
            melder_type=r.code("melder_type", MELDER_TYPES),
            channel=r.code("channel", CHANNELS),
            gender=r.code("gender", GENDERS),
            age_band=r.code("age_band", AGE_BANDS),
            outcome=r.code("outcome", OUTCOMES),
            consent_given=given,
            consent_date=consent_date,
            incident_date=r.date("incident_date"),
            report_date=r.date("report_date"),
            acknowledged_date=r.date("acknowledged_date"),
            destroy_after=r.date("destroy_after"),
            destroy_after_reason=r.text("destroy_after_reason") or "",
            summary=r.text("summary") or "",
            melder=self._melder(r.object("melder", MELDER_FIELDS)),
            persons=[p for p in persons if p is not None],
        )

    @staticmethod
    def _melder(r: _Reader | None) -> MelderIdentity:
        if r is None:
            return MelderIdentity()
        name = r.text("name") or ""
        anonymous = r.boolean("anonymous")
        return MelderIdentity(
            anonymous=not name.strip() if anonymous is None else anonymous,
            name=name.strip(),
            contact=r.text("contact") or "",
            contact_arrangement=r.text("contact_arrangement") or "",
        )

    def _person(self, where: str, r: _Reader) -> InvolvedPerson | None:
        before = self.count
        given = r.text("name", required=True)
        name = (given or "").strip()
        if given is not None and not name:
            self.report(f"{where}.name", _("de naam is leeg."))
        elif len(name) > MAX_SHORT:
            self.report(f"{where}.name", _("te lang (maximaal {limit} tekens).").format(
                limit=MAX_SHORT))
        role = r.code("role", PERSON_ROLES, required=True)
        description = r.text("description") or ""
        if len(description) > MAX_SHORT:
            self.report(f"{where}.description", _("te lang (maximaal {limit} tekens).").format(
                limit=MAX_SHORT))
        if self.count > before or role is None:
            return None  # reported; the domain check would only repeat it
        return InvolvedPerson(name, role, description)

    def _consultation(self, where: str, r: _Reader) -> Consultation:
        duration = r.integer("duration_minutes")
        consultation = Consultation(
            started_at=r.datetime("started_at", required=True)
            or datetime.combine(_PLACEHOLDER_DATE, datetime.min.time()),
            duration_minutes=0 if duration is None else duration,
            channel=r.code("channel", CHANNELS) or "persoonlijk",
            notes=r.text("notes") or "",
            advice=r.text("advice") or "",
        )
        for message in consultation_problems(consultation):
            self.report(where, message)
        return consultation

    def _follow_up(self, where: str, r: _Reader) -> FollowUp:
        what = r.text("what", required=True)
        if what is not None and not what.strip():
            self.report(f"{where}.what", _("omschrijf de vervolgstap."))
        follow_up = FollowUp(
            what=(what or "").strip() or "?",  # "?" stands in for a reported problem
            due=r.date("due", required=True) or _PLACEHOLDER_DATE,
            done=r.date("done"),
            kind=r.code("kind", FOLLOW_UP_KINDS) or "overig",
            destination=r.code("destination", REFERRAL_DESTINATIONS),
        )
        for message in follow_up_problems(follow_up):
            self.report(where, message)
        return follow_up


# --- the file -------------------------------------------------------------------------------


def _load(raw: bytes, problems: list[ImportProblem]):
    def file_problem(field_name: str, message: str) -> None:
        problems.append(ImportProblem(None, field_name, message))

    if len(raw) > MAX_BYTES:
        file_problem(
            "",
            _("het bestand is te groot ({size} MB); de grens is {limit} MB. Splits het in "
              "delen.").format(size=len(raw) // (1024 * 1024), limit=MAX_BYTES // (1024 * 1024)),
        )
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        file_problem(
            "",
            _("het bestand is geen UTF-8-tekst (ongeldige byte op positie {start}). Sla het op "
              "als UTF-8.").format(start=exc.start),
        )
        return None
    try:
        data = json.loads(text, object_pairs_hook=_object_hook, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        file_problem("", _("geen geldige JSON (regel {lineno}, kolom {colno}).").format(
                             lineno=exc.lineno, colno=exc.colno))
        return None
    except (ValueError, RecursionError):
        file_problem("", _("geen geldige JSON."))
        return None
    if not isinstance(data, dict):
        file_problem("", _("verwacht een JSON-object, maar vond {found}.").format(
            found=_kind(data)))
        return None
    _Reader(data, "", TOP_FIELDS, file_problem).text("$schema")
    if data.get("format") != FORMAT:
        file_problem(
            "format", _('dit is geen VP Desktop-importbestand (verwacht "format": "{format}").').format(
                format=FORMAT)
        )
        return None
    version = data.get("version")
    if version != VERSION or isinstance(version, bool):
        shown = _shown(json.dumps(version, ensure_ascii=False), 20) if version is not None else _("geen")
        file_problem(
            "version",
            _("versie {shown} wordt niet ondersteund; deze versie van VP Desktop leest versie "
              "{version}.").format(shown=shown, version=VERSION),
        )
        return None
    cases = data.get("cases")
    if not isinstance(cases, list):
        file_problem(
            "cases",
            _("verwacht een lijst met dossiers, maar vond {found}.").format(
                found=_("niets") if cases is None else _kind(cases)),
        )
        return None
    return cases


def parse_import(raw: bytes) -> ParsedImport:
    """Check a whole import file; never raises for bad content, and stores nothing."""
    result = ParsedImport()
    cases = _load(raw, result.problems)
    if cases is None:
        return result
    first_seen: dict[str, int] = {}
    for number, obj in enumerate(cases, start=1):
        cases[number - 1] = None  # the bundle replaces the parsed JSON: memory stays ~flat
        record = _Record(number, obj, result.problems)
        parsed = record.parse(obj)
        del obj
        code = record.code
        if code in first_seen:
            record.report(
                "code",
                _("dossiercode {code} staat ook bij dossier {first_seen} in dit bestand.").format(
                    code=code, first_seen=first_seen[code]),
            )
            parsed = None
        elif code:
            first_seen[code] = number
        if parsed and not record.count:
            result.bundles.append(parsed[0])
            result.organisation_names.append(parsed[1])
            result.codes.append(code)
            result.records.append(number)
    return result


def import_into(journal: Journal, raw: bytes) -> int:
    """Import every case in ``raw`` in one transaction, or nothing at all.

    Raises :class:`ImportRejected` with every problem found, including codes that already
    exist in the journal. Closed cases without a destroy-after date get the default one
    (closure plus the retention term in the VP's profile). Cases without a code are
    numbered after those with one, in order of opening, so numbers cannot collide.
    """
    parsed = parse_import(raw)
    problems = list(parsed.problems)
    for code, number in zip(parsed.codes, parsed.records, strict=True):
        if code and journal.case_id_for_code(code) is not None:
            problems.append(
                ImportProblem(
                    number, "code", _("dossiercode {code} bestaat al in het journaal.").format(
                                        code=code), code
                )
            )
    if problems:
        problems.sort(key=lambda p: p.record or 0)
        raise ImportRejected(problems)
    retention = journal.profile().retention_months
    pairs = list(zip(parsed.bundles, parsed.organisation_names, strict=True))
    for bundle, _number in pairs:
        case = bundle.case
        if case.closed and case.destroy_after is None:
            case.destroy_after = default_destroy_after(case.closed, retention)
    pairs.sort(
        key=lambda p: (p[0].case.code == "", p[0].case.opened if not p[0].case.code else date.min)
    )
    journal.import_bundles([b for b, _ in pairs], [n for _, n in pairs],
                           activity_detail=plural(len(pairs), "dossier", "dossiers"))
    return len(pairs)
