"""Raw counts for the yearly report (jaarverslag): plain dictionaries, no disclosure control.

:func:`count_tables` turns the anonymous records of one year (and of the year before) into
one ``{row key: count}`` dictionary per table. Every dictionary lists every row of its
table, in report order and with 0 where nothing was counted, so a table looks the same
every year. What may be *published* of these counts is decided by
:mod:`vp_desktop.stats.disclosure`; nothing here is fit to leave the app as it is.

Tables and rows (keys are stable codes, labels in :data:`ROW_LABELS`)::

    T1   meldingen, contacten, meldingen_vorig_jaar, contacten_vorig_jaar
    T2   every category code (CATEGORIES order), then "onbekend"      multi-count
    T3   every relation code (RELATIONS order, ends with "onbekend")
    T4   every domain code (DOMAINS order), then "onbekend"           multi-count
    T5   every outcome code (OUTCOMES order), then "nog_open"
    T6a  every channel code (CHANNELS order), then "onbekend"
    T6b  contacts per case: "1", "2_3", "4_6", "7_plus"
    T6c  time spent per case: "lt_1u", "1_3u", "3_6u", "gt_6u"
    T7   every gender code (GENDERS order), then "onbekend"

Decisions:

* A melding is a case (dossier). T2 and T4 are multi-count: a case counts once in each of
  its categories / domains; a case without a (known) category counts as "onbekend" in
  both. Domains are derived from the categories here, not taken from the record, so T2
  and T4 can never disagree.
* A code that is not in the vocabulary (an import from a newer version) counts as
  "onbekend"; an unknown category code is ignored.
* T5: a case without an outcome counts as "nog_open" while it is open, as "onbekend" once
  it is closed.
* Contacts: a case without a recorded conversation counts as one contact (the first
  contact that opened the case), in T1 as in T6b. So every case has at least one contact
  and band "1" means exactly one — which keeps what the report says true.
* Time bands are by minutes: < 60, 60–180, 181–360, > 360 ("1–3 uur" includes 3 hours).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..domain.model import CaseStatistics
from ..domain.vocabulary import (
    CATEGORIES,
    CATEGORY_DOMAIN,
    CHANNELS,
    DOMAINS,
    GENDERS,
    OUTCOMES,
    RELATIONS,
)
from ..i18n import N_, translator

UNKNOWN = "onbekend"
STILL_OPEN = "nog_open"

MULTI_COUNT_TABLES = ("T2", "T4")
PARTITION_TABLES = ("T3", "T5", "T6a", "T6b", "T6c", "T7")  # every case in exactly one row


@dataclass(frozen=True)
class Band:
    key: str
    label: str
    low: int  # inclusive
    high: int | None  # inclusive; None: no upper bound


CONTACT_BANDS: tuple[Band, ...] = (
    Band("1", "1", 1, 1),
    Band("2_3", "2–3", 2, 3),
    Band("4_6", "4–6", 4, 6),
    Band("7_plus", N_("7 of meer"), 7, None),
)

TIME_BANDS: tuple[Band, ...] = (  # minutes
    Band("lt_1u", N_("Minder dan 1 uur"), 0, 59),
    Band("1_3u", N_("1–3 uur"), 60, 180),
    Band("3_6u", N_("3–6 uur"), 181, 360),
    Band("gt_6u", N_("Meer dan 6 uur"), 361, None),
)

TABLE_TITLES: dict[str, str] = {
    "T1": N_("Meldingen en contacten"),
    "T2": N_("Meldingen per categorie"),
    "T3": N_("Relatie van de melder tot de beschuldigde"),
    "T4": N_("Meldingen per domein"),
    "T5": N_("Uitkomst of vervolg"),
    "T6a": N_("Kanaal van het eerste contact"),
    "T6b": N_("Aantal contacten per melding"),
    "T6c": N_("Bestede tijd per melding"),
    "T7": N_("Geslacht van de melder"),
}


def _rows(vocabulary, *extra: tuple[str, str]) -> tuple[tuple[str, str], ...]:
    rows = [(t.code, t.label) for t in vocabulary]
    rows.extend(e for e in extra if e[0] not in vocabulary)
    return tuple(rows)


ROW_LABELS: dict[str, tuple[tuple[str, str], ...]] = {
    "T1": (
        ("meldingen", N_("Meldingen (dossiers)")),
        ("contacten", N_("Contactmomenten")),
    ),
    "T2": _rows(CATEGORIES, (UNKNOWN, N_("Geen categorie vastgelegd"))),
    "T3": _rows(RELATIONS, (UNKNOWN, N_("Onbekend"))),
    "T4": _rows(DOMAINS, (UNKNOWN, N_("Geen categorie vastgelegd"))),
    "T5": _rows(OUTCOMES, (STILL_OPEN, N_("Nog lopend (nog geen uitkomst)"))),
    "T6a": _rows(CHANNELS, (UNKNOWN, N_("Onbekend"))),
    "T6b": tuple((b.key, b.label) for b in CONTACT_BANDS),
    "T6c": tuple((b.key, b.label) for b in TIME_BANDS),
    "T7": _rows(GENDERS, (UNKNOWN, N_("Niet vastgelegd"))),
}


def table_title(table_id: str, lang: str = "nl") -> str:
    """The title of a table in a document's language ("nl" or "en")."""
    return translator(lang).gettext(TABLE_TITLES[table_id])


def row_labels(table_id: str, lang: str = "nl") -> tuple[tuple[str, str], ...]:
    """``ROW_LABELS[table_id]`` with the labels in a document's language; keys unchanged."""
    gettext = translator(lang).gettext
    return tuple((key, gettext(label)) for key, label in ROW_LABELS[table_id])


def contacts_of(record: CaseStatistics) -> int:
    """The contacts a case counts for: at least one (the contact that opened it)."""
    return max(int(record.contact_count or 0), 1)


def band_of(value: int, bands: Sequence[Band]) -> str:
    for band in bands:
        if value >= band.low and (band.high is None or value <= band.high):
            return band.key
    return bands[0].key  # below the first band (negative minutes): the lowest band


def known_categories(record: CaseStatistics) -> tuple[str, ...]:
    """The record's categories that are in the vocabulary, each once, in vocabulary order."""
    present = set(record.categories or ())
    return tuple(c for c in CATEGORIES.codes() if c in present)


def domains_from_categories(categories: Iterable[str]) -> tuple[str, ...]:
    touched = {CATEGORY_DOMAIN[c] for c in categories if c in CATEGORY_DOMAIN}
    return tuple(d for d in DOMAINS.codes() if d in touched)


def _coded(value: str | None, vocabulary) -> str:
    return value if value and value in vocabulary else UNKNOWN


def _outcome(record: CaseStatistics) -> str:
    if record.outcome and record.outcome in OUTCOMES:
        return record.outcome
    if not record.outcome and record.status == "open":
        return STILL_OPEN
    return UNKNOWN


def _empty(table_id: str) -> dict[str, int]:
    return {key: 0 for key, _ in ROW_LABELS[table_id]}


def count_tables(
    records: Sequence[CaseStatistics], previous: Sequence[CaseStatistics] = ()
) -> dict[str, dict[str, int]]:
    """The true counts of every table (see the module docstring for the shape)."""
    tables = {tid: _empty(tid) for tid in ROW_LABELS if tid != "T1"}
    t2, t3, t4, t5 = tables["T2"], tables["T3"], tables["T4"], tables["T5"]
    t6a, t6b, t6c, t7 = tables["T6a"], tables["T6b"], tables["T6c"], tables["T7"]
    contacts = 0
    for record in records:
        categories = known_categories(record)
        if categories:
            for category in categories:
                t2[category] += 1
            for domain in domains_from_categories(categories):
                t4[domain] += 1
        else:
            t2[UNKNOWN] += 1
            t4[UNKNOWN] += 1
        t3[_coded(record.relation, RELATIONS)] += 1
        t5[_outcome(record)] += 1
        t6a[_coded(record.channel, CHANNELS)] += 1
        count = contacts_of(record)
        contacts += count
        t6b[band_of(count, CONTACT_BANDS)] += 1
        t6c[band_of(int(record.minutes_spent or 0), TIME_BANDS)] += 1
        t7[_coded(record.gender, GENDERS)] += 1
    return {
        "T1": {
            "meldingen": len(records),
            "contacten": contacts,
            "meldingen_vorig_jaar": len(previous),
            "contacten_vorig_jaar": sum(contacts_of(r) for r in previous),
        },
        **tables,
    }


def cases_with_any(records: Iterable[CaseStatistics], categories: Iterable[str]) -> int:
    """How many cases have at least one of ``categories`` (the count of a merged T2 row)."""
    wanted = set(categories)
    return sum(1 for r in records if wanted.intersection(r.categories or ()))
