"""The published view of the yearly report: the one thing PDF, CSV and JSON all render.

:func:`published_view` is the one place that decides what any export contains. It reads only
``Cell.key``, ``label``, ``shown``, ``hidden`` and ``previous_shown`` of a cell, never
``Cell.count``, ``Cell.previous`` or ``Cell.reason`` (a reason would tell a primary from a
secondary suppression), and never ``Publication.review``. In addition:

* an omitted table keeps only its id, title and reason — none of its cells;
* a cell with an empty ``shown`` (merged away into another row) has no value; the JSON
  keeps it as ``"merged": true`` so its code stays visible, CSV and PDF leave it out;
* a tiny publication (``pub.tiny``) keeps only the headline total of T1 (its ``total``, or
  else its first cell) without last year's figure; every other table becomes omitted with
  :data:`TINY_TABLE_REASON`, and :func:`tiny_note` is added to the notes;
* the standard explanation of the disclosure rules (:mod:`vp_desktop.stats.notes`) is used
  when ``pub.notes`` has none.

Plain data: no Qt, no SQL, no reportlab.
"""

from __future__ import annotations

from dataclasses import dataclass

from vp_desktop.i18n import N_, translator
from vp_desktop.stats.notes import (
    MULTI_COUNT_NOTE,
    NO_BREAKDOWN_NOTE,
    TINY_TABLE_REASON,
    hidden_note,
    note,
    threshold_note,
    tiny_note,
)
from vp_desktop.stats.tables import Cell, Publication, Table

ALL_ORGANISATIONS = N_("Alle organisaties")
REPORT_TITLE = N_("Jaarverslag vertrouwenspersoon {year}")
TOTAL_LABEL = N_("Totaal")
# headings every rendering of the jaarverslag (PDF, CSV) prints alike
COUNT_HEADING = N_("Aantal")
NARRATIVE_HEADING = N_("Trends, signalen en advies")


# --------------------------------------------------------------------------- the view


@dataclass(frozen=True)
class PublishedRow:
    key: str
    label: str
    value: str  # exactly Cell.shown; "" when merged away
    hidden: bool
    merged: bool  # merged away into another row: no value of its own
    last_year: str | None  # last year's published value; None when the table has no column


@dataclass(frozen=True)
class PublishedTable:
    id: str
    title: str
    rows: tuple[PublishedRow, ...]  # empty when omitted
    total: PublishedRow | None
    has_previous: bool  # a "Vorig jaar" column (T1)
    multi_count: bool
    footnotes: tuple[str, ...]
    omitted: bool
    omitted_reason: str

    @property
    def shown_rows(self) -> tuple[PublishedRow, ...]:
        """The rows a reader sees (merged-away rows left out)."""
        return tuple(row for row in self.rows if not row.merged)


@dataclass(frozen=True)
class PublishedView:
    year: int
    organisation: str  # "" for all organisations together
    k: int
    tiny: bool
    notes: tuple[str, ...]
    tables: tuple[PublishedTable, ...]
    narrative: str
    lang: str = "nl"  # the document's language: every text above is in it

    @property
    def organisation_label(self) -> str:
        return self.organisation or translator(self.lang).gettext(ALL_ORGANISATIONS)

    @property
    def title(self) -> str:
        return translator(self.lang).gettext(REPORT_TITLE).format(year=self.year)


def _row(cell: Cell, *, with_previous: bool) -> PublishedRow:
    # Only the published attributes are read here — see the module docstring.
    shown = cell.shown
    merged = shown == "" and not cell.hidden
    return PublishedRow(
        key=cell.key,
        label=cell.label,
        value=shown,
        hidden=bool(cell.hidden),
        merged=merged,
        last_year=cell.previous_shown if with_previous else None,
    )


def _mentions_multi_count(footnotes: tuple[str, ...]) -> bool:
    text = " ".join(footnotes).lower()
    return any(phrase in text for phrase in ("meer dan één", "meer dan een", "meerdere",
                                             "more than one"))


def _footnotes(table: Table, lang: str) -> tuple[str, ...]:
    notes = tuple(text for text in table.footnotes if text.strip())
    if table.multi_count and not _mentions_multi_count(notes):
        notes = (*notes, note(MULTI_COUNT_NOTE, lang))
    return notes


def _omitted(table: Table, reason: str) -> PublishedTable:
    return PublishedTable(
        id=table.id,
        title=table.title,
        rows=(),
        total=None,
        has_previous=False,
        multi_count=table.multi_count,
        footnotes=(),
        omitted=True,
        omitted_reason=reason,
    )


def _published_table(table: Table, lang: str) -> PublishedTable:
    if table.omitted:
        return _omitted(table, table.omitted_reason)
    has_previous = table.id == "T1" or any(c.previous_shown for c in table.cells)
    return PublishedTable(
        id=table.id,
        title=table.title,
        rows=tuple(_row(c, with_previous=has_previous) for c in table.cells),
        total=_row(table.total, with_previous=has_previous) if table.total else None,
        has_previous=has_previous,
        multi_count=table.multi_count,
        footnotes=_footnotes(table, lang),
        omitted=False,
        omitted_reason="",
    )


def _headline_table(table: Table) -> PublishedTable:
    """T1 of a tiny publication: the total number of meldingen only, no comparison."""
    headline = table.total or (table.cells[0] if table.cells else None)
    rows = (_row(headline, with_previous=False),) if headline else ()
    return PublishedTable(
        id=table.id,
        title=table.title,
        rows=rows,
        total=None,
        has_previous=False,
        multi_count=False,
        footnotes=(),
        omitted=False,
        omitted_reason="",
    )


def _dedupe(items) -> tuple[str, ...]:
    seen: list[str] = []
    for item in items:
        if item.strip() and item not in seen:
            seen.append(item)
    return tuple(seen)


def published_view(pub: Publication) -> PublishedView:
    """What every export of ``pub`` contains — and nothing more."""
    lang = pub.lang
    if pub.tiny:
        first = next((t for t in pub.tables if t.id == "T1"), None) or (
            pub.tables[0] if pub.tables else None
        )
        tables = tuple(
            _headline_table(t) if t is first else _omitted(t, t.omitted_reason or note(TINY_TABLE_REASON, lang))
            for t in pub.tables
        )
        notes = _dedupe(tuple(pub.notes)) if pub.notes else _dedupe(
            (tiny_note(pub.k, lang), hidden_note(pub.k, lang), note(NO_BREAKDOWN_NOTE, lang)))
    else:
        tables = tuple(_published_table(t, lang) for t in pub.tables)
        rules = [threshold_note(pub.k, lang), hidden_note(pub.k, lang),
                 note(NO_BREAKDOWN_NOTE, lang)]
        if any(t.multi_count and not t.omitted for t in tables):
            rules.append(note(MULTI_COUNT_NOTE, lang))
        # A publication from disclosure.publish explains its own rules; say them once.
        notes = _dedupe(tuple(pub.notes)) if pub.notes else _dedupe(tuple(rules))
    return PublishedView(
        year=pub.year,
        organisation=pub.organisation,
        k=pub.k,
        tiny=pub.tiny,
        notes=notes,
        tables=tables,
        narrative=pub.narrative.strip(),
        lang=lang,
    )
