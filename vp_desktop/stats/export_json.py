"""The yearly report (jaarverslag) as JSON, and the published view every export shares.

Schema: ``resources/schemas/jaarverslag.schema.json`` (format ``vp-desktop-jaarverslag``,
version 1). Every value is a string exactly as published ("12", "0", "<5"), with
``"hidden"`` telling a suppressed value apart; rows are keyed by their stable vocabulary
code (``"key"``) so years can be compared by machine.

What leaves the app
-------------------
:func:`published_view` is the one place that decides what any export (JSON, CSV, PDF)
contains. It reads only ``Cell.key``, ``label``, ``shown``, ``hidden`` and
``previous_shown`` of a cell, never ``Cell.count``, ``Cell.previous`` or ``Cell.reason``
(a reason would tell a primary from a secondary suppression), and never
``Publication.review``. In addition:

* an omitted table keeps only its id, title and reason — none of its cells;
* a cell with an empty ``shown`` (merged away into another row) has no value; the JSON
  keeps it as ``"merged": true`` so its code stays visible, CSV and PDF leave it out;
* a tiny publication (``pub.tiny``) keeps only the headline total of T1 (its ``total``, or
  else its first cell) without last year's figure; every other table becomes omitted with
  :data:`TINY_TABLE_REASON`, and :func:`tiny_note` is added to the notes;
* the standard explanation of the disclosure rules is used when ``pub.notes`` has none.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from vp_desktop.stats.tables import Cell, Publication, Table

FORMAT = "vp-desktop-jaarverslag"
VERSION = 1
SCHEMA_FILE = "jaarverslag.schema.json"

ALL_ORGANISATIONS = "Alle organisaties"
REPORT_TITLE = "Jaarverslag vertrouwenspersoon"
TOTAL_LABEL = "Totaal"

MULTI_COUNT_NOTE = (
    "Eén melding kan in meer dan één rij meetellen; de aantallen tellen daarom op tot meer "
    "dan het aantal meldingen."
)
NO_BREAKDOWN_NOTE = (
    "Er is geen uitsplitsing naar afdeling, team of locatie, en er staan geen namen, "
    "functies of data in dit verslag."
)
TINY_TABLE_REASON = "Met zo weinig meldingen zou elke verdeling tot personen te herleiden zijn."


def hidden_note(k: int) -> str:
    """What "<k" means, truthfully: a small number, or one hidden to protect another."""
    return (
        f"“<{k}” betekent: minder dan {k} (1 tot en met {k - 1}), of een aantal dat verborgen "
        f"is omdat daarmee een klein aantal uit een totaal te berekenen zou zijn."
    )


def threshold_note(k: int) -> str:
    return (
        f"Aantallen van 1 tot en met {k - 1} worden niet genoemd (drempelwaarde k = {k}), "
        "zodat geen cijfer tot een persoon te herleiden is."
    )


def tiny_note(k: int) -> str:
    return (
        f"Er waren dit jaar minder dan {k} meldingen. Daarom worden alleen het totaal en de "
        "toelichting van de vertrouwenspersoon gepubliceerd; verdelingen naar categorie, "
        "relatie, uitkomst of kanaal blijven achterwege."
    )


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

    @property
    def organisation_label(self) -> str:
        return self.organisation or ALL_ORGANISATIONS

    @property
    def title(self) -> str:
        return f"{REPORT_TITLE} {self.year}"


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
    return "meer dan één" in text or "meer dan een" in text or "meerdere" in text


def _footnotes(table: Table) -> tuple[str, ...]:
    notes = tuple(note for note in table.footnotes if note.strip())
    if table.multi_count and not _mentions_multi_count(notes):
        notes = (*notes, MULTI_COUNT_NOTE)
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


def _published_table(table: Table) -> PublishedTable:
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
        footnotes=_footnotes(table),
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
    if pub.tiny:
        first = next((t for t in pub.tables if t.id == "T1"), None) or (
            pub.tables[0] if pub.tables else None
        )
        tables = tuple(
            _headline_table(t) if t is first else _omitted(t, t.omitted_reason or TINY_TABLE_REASON)
            for t in pub.tables
        )
        notes = _dedupe(tuple(pub.notes)) if pub.notes else _dedupe(
            (tiny_note(pub.k), hidden_note(pub.k), NO_BREAKDOWN_NOTE))
    else:
        tables = tuple(_published_table(t) for t in pub.tables)
        rules = [threshold_note(pub.k), hidden_note(pub.k), NO_BREAKDOWN_NOTE]
        if any(t.multi_count and not t.omitted for t in tables):
            rules.append(MULTI_COUNT_NOTE)
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
    )


# --------------------------------------------------------------------------- JSON


def _row_json(row: PublishedRow) -> dict:
    data = {
        "key": row.key,
        "label": row.label,
        "value": row.value,
        "hidden": row.hidden,
        "merged": row.merged,
    }
    if row.last_year is not None:
        data["previous"] = row.last_year
    return data


def _table_json(table: PublishedTable) -> dict:
    data: dict = {
        "id": table.id,
        "title": table.title,
        "omitted": table.omitted,
        "multi_count": table.multi_count,
    }
    if table.omitted:
        data["omitted_reason"] = table.omitted_reason
        return data
    data["has_previous"] = table.has_previous
    data["rows"] = [_row_json(row) for row in table.rows]
    data["total"] = _row_json(table.total) if table.total else None
    data["footnotes"] = list(table.footnotes)
    return data


def publication_dict(pub: Publication, *, made_on: date | None = None) -> dict:
    """The JSON document as a plain dict (see the schema for every field)."""
    view = published_view(pub)
    return {
        "format": FORMAT,
        "version": VERSION,
        "title": view.title,
        "year": view.year,
        "organisation": view.organisation,
        "created": (made_on or date.today()).isoformat(),
        "k": view.k,
        "tiny": view.tiny,
        "notes": list(view.notes),
        "tables": [_table_json(t) for t in view.tables],
        "narrative": view.narrative,
    }


def publication_json(pub: Publication, *, made_on: date | None = None) -> bytes:
    """The publication as UTF-8 JSON: sorted keys, 2-space indent, final newline."""
    text = json.dumps(
        publication_dict(pub, made_on=made_on), ensure_ascii=False, indent=2, sort_keys=True
    )
    return (text + "\n").encode("utf-8")
