"""Retention: which cases are due for destruction, legal holds, destruction and deletion.

The AVG sets no fixed term; VP Desktop gives each closed case a destroy-after date (closure +
the retention term, adjustable with a reason). When it has passed, the case is listed as due;
the VP destroys it: every personal field and record goes, the anonymous statistics stay, the
destruction log records code and counts (no content), and the bytes are made unrecoverable.
A case under a legal hold ("bewaren wegens procedure") is never destroyed. A case made by
mistake can be deleted altogether, statistics included.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ..domain.model import CaseSummary, DestructionEntry
from ..i18n import _, ngettext
from .errors import OutputRefused, ServiceError

SOON_DAYS = 30  # "binnenkort": due within this many days


@dataclass(frozen=True)
class DueCase:
    """A closed case by its destroy-after date: never a name or a note."""

    id: int
    code: str
    organisation: str
    closed: date | None
    destroy_after: date
    days_left: int  # negative: past the date by that many days
    hold_reason: str = ""

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    @property
    def held(self) -> bool:
        return bool(self.hold_reason)


@dataclass(frozen=True)
class RetentionOverview:
    overdue: tuple[DueCase, ...]  # past their date, not held: to destroy now
    soon: tuple[DueCase, ...]  # due within SOON_DAYS, not held
    held: tuple[DueCase, ...]  # under a legal hold, whatever their date

    @property
    def all(self) -> tuple[DueCase, ...]:
        return self.overdue + self.soon + self.held


def overview(journal, today: date | None = None) -> RetentionOverview:
    today = today or date.today()
    summaries: list[CaseSummary] = journal.case_summaries()
    holds = journal.hold_reasons() if any(s.held for s in summaries) else {}
    overdue, soon, held = [], [], []
    for s in summaries:
        if s.destroyed or (s.destroy_after is None and not s.held):
            continue
        due = s.destroy_after or date.max
        item = DueCase(s.id, s.code, s.organisation, s.closed, due,
                       (due - today).days if s.destroy_after else 10**6,
                       holds.get(s.id, ""))
        if s.held:
            held.append(item)
        elif s.status == "gesloten" and item.days_left < 0:
            overdue.append(item)
        elif s.status == "gesloten" and item.days_left <= SOON_DAYS:
            soon.append(item)
    key = lambda d: (d.destroy_after, d.code)  # noqa: E731
    return RetentionOverview(tuple(sorted(overdue, key=key)), tuple(sorted(soon, key=key)),
                             tuple(sorted(held, key=key)))


def case_ids_for_codes(journal, codes: Sequence[str]) -> list[int]:
    ids: list[int] = []
    unknown: list[str] = []
    for code in codes:
        case_id = journal.case_id_for_code(code.strip())
        if case_id is None:
            unknown.append(code.strip())
        else:
            ids.append(case_id)
    if unknown:
        shown = ", ".join(c[:20] for c in unknown[:10])
        raise ServiceError(_("Deze dossiers bestaan niet in dit journaal: {codes}. Er is niets "
                             "vernietigd.").format(codes=shown))
    return ids


def confirmation_question(count: int, *, entirely: bool = False) -> str:
    """The question before destroying: how many, what goes, what stays — no content."""
    if entirely:
        return ngettext("{n} dossier helemaal verwijderen, ook uit de statistiek? Dit kan niet "
                        "ongedaan worden gemaakt.",
                        "{n} dossiers helemaal verwijderen, ook uit de statistiek? Dit kan niet "
                        "ongedaan worden gemaakt.", count).format(n=count)
    return ngettext("{n} dossier vernietigen? Alle persoonsgegevens, gesprekken en "
                    "vervolgstappen worden onherstelbaar gewist; de anonieme statistiek blijft. "
                    "Dit kan niet ongedaan worden gemaakt.",
                    "{n} dossiers vernietigen? Alle persoonsgegevens, gesprekken en "
                    "vervolgstappen worden onherstelbaar gewist; de anonieme statistiek blijft. "
                    "Dit kan niet ongedaan worden gemaakt.", count).format(n=count)


def destroy(journal, case_ids: Sequence[int]) -> list[DestructionEntry]:
    """Destroy the personal content of these closed cases (all or nothing)."""
    if not case_ids:
        raise OutputRefused(_("Er is geen dossier gekozen; er is niets vernietigd."))
    return journal.destroy_cases(case_ids)


def delete_case(journal, case_id: int, typed_code: str = "") -> DestructionEntry:
    """Delete a case made by mistake, statistics included. A case with consultations needs
    its code typed as confirmation."""
    case = journal.get_case(case_id)
    if journal.consultations(case_id) and typed_code.strip() != case.code:
        raise OutputRefused(_("Dit dossier heeft gesprekken. Typ de dossiercode ({code}) om het "
                              "helemaal te verwijderen; er is niets verwijderd.").format(
                                  code=case.code))
    [entry] = journal.destroy_cases([case_id], entirely=True)
    return entry


def describe(entries: Sequence[DestructionEntry], *, entirely: bool = False) -> str:
    """What was done, for a status line: how many, never content."""
    n = len(entries)
    codes = ", ".join(e.case_code for e in entries[:12]) + (" …" if n > 12 else "")
    if entirely:
        text = ngettext("{n} dossier verwijderd: {codes}.", "{n} dossiers verwijderd: {codes}.",
                        n)
    else:
        text = ngettext("{n} dossier vernietigd: {codes}.", "{n} dossiers vernietigd: {codes}.",
                        n)
    return text.format(n=n, codes=codes)
