"""The journal's domain objects. Plain Python: no Qt, no SQL.

A case (dossier) is split on purpose into two kinds of data:

* statistical fields (organisation, dates, categories, relation, channel, melder type,
  gender, age band, outcome): what the yearly report counts, and what survives when a
  case's personal content is destroyed (see :class:`CaseStatistics`);
* personal content (melder identity, other persons, summary, consultations, follow-ups):
  what is wiped on destruction, and whose names letters must never leak
  (see :meth:`Case.named_persons`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from .vocabulary import domains_of

# ASCII digits only, by full match: no Arabic or full-width digits, no trailing newline
CASE_CODE_RE = re.compile(r"([0-9]{4})-([0-9]{3,})")
EARLIEST_DATE = date(1900, 1, 1)  # dates outside these bounds are typing errors
LATEST_DATE = date(2100, 12, 31)


def format_case_code(year: int, sequence: int) -> str:
    return f"{year}-{sequence:03d}"


def parse_case_code(code: str) -> tuple[int, int] | None:
    """(year, number) of a code JJJJ-NNN (number ≥ 1), or None when it is not one."""
    m = CASE_CODE_RE.fullmatch(code or "")
    if not m:
        return None
    year, number = int(m.group(1)), int(m.group(2))
    if not EARLIEST_DATE.year <= year <= LATEST_DATE.year or number < 1:
        return None
    return year, number


@dataclass
class Organisation:
    name: str
    id: int | None = None


@dataclass
class VpProfile:
    """The VP's own settings, stored inside the encrypted journal."""

    name: str = ""
    role: str = "intern"  # VP_ROLES
    auto_lock_minutes: int = 5
    retention_months: int = 12
    last_channel: str = "persoonlijk"
    practice: str = ""  # the VP's own organisation or bureau, for the letterhead
    contact_lines: str = ""  # the VP's postal address, phone, e-mail: one per line
    place: str = ""  # place name before the date in letters


@dataclass
class MelderIdentity:
    """Who came. Empty name with ``anonymous`` means only a contact arrangement is known."""

    anonymous: bool = True
    name: str = ""
    contact: str = ""
    contact_arrangement: str = ""  # e.g. a contact code or "belt zelf terug"


@dataclass
class InvolvedPerson:
    name: str
    role: str  # PERSON_ROLES
    description: str = ""  # e.g. "teamleider" — never needed for statistics
    id: int | None = None


@dataclass
class Consultation:
    started_at: datetime
    duration_minutes: int = 0
    channel: str = "persoonlijk"
    notes: str = ""
    advice: str = ""  # advice given and agreements made
    id: int | None = None
    case_id: int | None = None


@dataclass
class FollowUp:
    what: str
    due: date
    kind: str = "terugbellen"  # FOLLOW_UP_KINDS
    done: date | None = None
    destination: str | None = None  # REFERRAL_DESTINATIONS, for kind "doorverwijzing"
    statutory_key: str | None = None  # set on deadlines the app suggested itself
    id: int | None = None
    case_id: int | None = None
    dismissed: date | None = None  # a passed statutory term the VP chose not to see again

    @property
    def is_open(self) -> bool:
        return self.done is None and self.dismissed is None

    def is_passed_term(self, today: date) -> bool:
        """A statutory term whose date passed: "verstreken", not late work of the VP."""
        return (self.statutory_key is not None and self.done is None
                and self.dismissed is None and self.due < today)

    def is_overdue(self, today: date) -> bool:
        return self.is_open and self.due < today and self.statutory_key is None


@dataclass(frozen=True)
class CaseStatistics:
    """The anonymous statistical record of a case: all the yearly report may use."""

    organisation_id: int
    year: int
    quarter: int
    categories: tuple[str, ...]
    domains: tuple[str, ...]
    relation: str | None
    melder_type: str | None
    channel: str | None
    gender: str | None
    age_band: str | None
    outcome: str | None
    status: str
    contact_count: int
    minutes_spent: int


@dataclass
class Case:
    organisation_id: int
    opened: date
    code: str = ""
    status: str = "open"  # STATUSES
    closed: date | None = None
    categories: tuple[str, ...] = ()
    relation: str | None = None
    melder_type: str | None = None
    channel: str | None = None  # channel of the first contact
    gender: str | None = None
    age_band: str | None = None
    outcome: str | None = None
    consent_given: bool = False
    consent_date: date | None = None
    incident_date: date | None = None
    report_date: date | None = None  # misstand reported to the organisation
    acknowledged_date: date | None = None  # organisation acknowledged that report
    destroy_after: date | None = None
    destroy_after_reason: str = ""
    hold_reason: str = ""  # "bewaren wegens procedure": never destroyed while set
    destroyed_at: date | None = None  # personal content destroyed; statistics kept
    # personal content
    summary: str = ""
    melder: MelderIdentity = field(default_factory=MelderIdentity)
    persons: list[InvolvedPerson] = field(default_factory=list)
    id: int | None = None

    @property
    def domains(self) -> tuple[str, ...]:
        return domains_of(self.categories)

    @property
    def year(self) -> int:
        return self.opened.year

    def named_persons(self) -> list[tuple[str, str]]:
        """Every (name, role) known in this case, melder first; for anonymising letters."""
        names: list[tuple[str, str]] = []
        if self.melder.name.strip():
            names.append((self.melder.name.strip(), "melder"))
        names.extend((p.name.strip(), p.role) for p in self.persons if p.name.strip())
        return names

    def statistics(self, contact_count: int, minutes_spent: int) -> CaseStatistics:
        return CaseStatistics(
            organisation_id=self.organisation_id,
            year=self.opened.year,
            quarter=(self.opened.month - 1) // 3 + 1,
            categories=tuple(self.categories),
            domains=self.domains,
            relation=self.relation,
            melder_type=self.melder_type,
            channel=self.channel,
            gender=self.gender,
            age_band=self.age_band,
            outcome=self.outcome,
            status=self.status,
            contact_count=contact_count,
            minutes_spent=minutes_spent,
        )


@dataclass
class KeptLetter:
    """A letter as it was printed or saved: kept in its case so the VP can show what was
    sent. Personal content (the text and the PDF): destroyed with the case."""

    case_id: int
    kept_at: datetime
    output: str  # "afgedrukt" or "opgeslagen"
    template_id: str
    template_title: str  # the VP may have typed it (own template): treated as free text
    recipient: str  # the destination label ("LKOG", "de melder"), from the vocabulary
    with_identity: bool = False  # "met namen"
    address: str = ""  # the address block, one line per line
    subject: str = ""
    body: str = ""
    pdf: bytes = b""  # the exact bytes sent; empty when listed without them
    id: int | None = None


# The text fields of the case model, each either free text (typed by the VP: may hold names,
# contact data, anything — every redacted output must pass it through the name engine) or a
# code from a vocabulary / a generated code. A test checks that every ``str`` field of these
# classes is listed here, so a field added later cannot be forgotten by the inzage.
FREE_TEXT_FIELDS: dict[type, tuple[str, ...]] = {
    Case: ("destroy_after_reason", "hold_reason", "summary"),
    MelderIdentity: ("name", "contact", "contact_arrangement"),
    InvolvedPerson: ("name", "description"),
    Consultation: ("notes", "advice"),
    FollowUp: ("what",),
    KeptLetter: ("template_title", "address", "subject", "body"),
}
CODED_FIELDS: dict[type, tuple[str, ...]] = {
    Case: ("code", "status", "categories", "relation", "melder_type", "channel", "gender",
           "age_band", "outcome"),
    MelderIdentity: (),
    InvolvedPerson: ("role",),
    Consultation: ("channel",),
    FollowUp: ("kind", "destination", "statutory_key"),
    KeptLetter: ("output", "template_id", "recipient"),
}


@dataclass
class CaseSummary:
    """One row of the case list: never names or notes."""

    id: int
    code: str
    organisation: str
    opened: date
    status: str
    categories: tuple[str, ...]
    last_contact: datetime | None
    next_follow_up: date | None
    closed: date | None = None
    destroy_after: date | None = None
    held: bool = False  # bewaren wegens procedure
    destroyed: bool = False  # personal content destroyed, statistics kept


@dataclass(frozen=True)
class DestructionEntry:
    """One line of the destruction log: which case, when, how many records — no content."""

    at: datetime
    case_code: str
    kind: str  # "vernietigd" (personal content gone, statistics kept) or "verwijderd" (all)
    removed: dict[str, int] = field(default_factory=dict)


@dataclass
class Draft:
    """An unsaved form, kept inside the encrypted journal when the app locks."""

    kind: str  # e.g. "consultation", "case"
    payload: dict
    case_id: int | None = None
    saved_at: datetime | None = None
    id: int | None = None


@dataclass(frozen=True)
class ActivityEntry:
    """One line of the activity log: what was done, never what it contained."""

    at: datetime
    kind: str  # ACTIVITY_KINDS
    case_code: str | None = None
    template_id: str | None = None
    detail: str = ""  # e.g. "inzage", "pdf" — never case content
