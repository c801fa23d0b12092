"""The yearly report (jaarverslag) as CSV for Dutch Excel.

Format: UTF-8 with a byte order mark (so Excel reads é and ĳ correctly), ``;`` as
separator (the Dutch list separator), CRLF between records, fields quoted only when they
need it (a ``;``, a quote or a line break). A line break inside a quoted cell (the
narrative) stays a bare LF, as Excel itself writes Alt+Enter. Decimals, if a published
value has any, get a decimal comma ("2.5" -> "2,5") so Dutch Excel reads a number.
A text cell starting with ``=``, ``+``, ``-`` or ``@`` gets a leading apostrophe so Excel
does not run it as a formula.

Layout, top to bottom (every record is a row of the sheet)::

    Titel;Jaarverslag vertrouwenspersoon 2026
    Verslagjaar;2026
    Organisatie;Gemeente Voorbeeld          ("Alle organisaties" when empty)
    Gemaakt op;23 november 2026
    Drempelwaarde (k);5
    Toelichting;<one note per row: the rules applied, then the publication's notes>
    <empty row>
    T1;Meldingen en contacten               (per table: id;title)
    Categorie;Aantal;Vorig jaar             ("Vorig jaar" only for T1)
    Meldingen (personen);42;37              (label;shown value[;last year's shown value])
    Totaal;44                               (when the table has a total)
    Voetnoot;<one footnote per row>
    <empty row>
    T7;Geslacht                             (an omitted table:)
    Niet gepubliceerd;<reason>
    <empty row>
    Trends, signalen en advies
    "<the narrative, one quoted cell>"

The texts (the first column's labels, titles, row labels, notes) are in the publication's
language (``pub.lang``: "nl" or "en"); the layout, the separator, the BOM and the values are
the same in both, so a sheet reads the same way whatever its language.

Rows merged away into another row are left out; a tiny publication has only the total.
The narrative is included: it is the VP's own text written for management, part of what is
published, and without it the CSV would not be the whole report. Values come from
:func:`~vp_desktop.stats.published.published_view` only — never a true count.
"""

from __future__ import annotations

import csv
import io
from datetime import date

from vp_desktop.dutch import decimal_comma, long_date
from vp_desktop.i18n import N_, translator
from vp_desktop.stats.published import (
    COUNT_HEADING,
    NARRATIVE_HEADING,
    PublishedRow,
    PublishedTable,
    published_view,
)
from vp_desktop.stats.tables import Publication

BOM = "\ufeff"
SEPARATOR = ";"
NEWLINE = "\r\n"

CATEGORY_HEADING = N_("Categorie")
PREVIOUS_HEADING = N_("Vorig jaar")
OMITTED_LABEL = N_("Niet gepubliceerd")
FOOTNOTE_LABEL = N_("Voetnoot")
NOTE_LABEL = N_("Toelichting")

_FORMULA_START = ("=", "+", "-", "@")


def _text(value: str) -> str:
    """A text cell Excel will not read as a formula; CRLF/CR inside become LF."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return "'" + value if value.startswith(_FORMULA_START) else value


def _row(row: PublishedRow, *, with_previous: bool) -> list[str]:
    cells = [_text(row.label), decimal_comma(row.value)]
    if with_previous:
        cells.append(decimal_comma(row.last_year or ""))
    return cells


def _table_rows(table: PublishedTable, lang: str = "nl") -> list[list[str]]:
    _ = translator(lang).gettext
    rows: list[list[str]] = [[_text(table.id), _text(table.title)]]
    if table.omitted:
        rows.append([_(OMITTED_LABEL), _text(table.omitted_reason)])
        return rows
    heading = [_(CATEGORY_HEADING), _(COUNT_HEADING)]
    if table.has_previous:
        heading.append(_(PREVIOUS_HEADING))
    rows.append(heading)
    rows.extend(_row(r, with_previous=table.has_previous) for r in table.shown_rows)
    if table.total is not None:
        rows.append(_row(table.total, with_previous=table.has_previous))
    rows.extend([_(FOOTNOTE_LABEL), _text(note)] for note in table.footnotes)
    return rows


def publication_csv(pub: Publication, *, made_on: date | None = None) -> bytes:
    """The publication as CSV bytes for Dutch Excel (layout in the module docstring)."""
    view = published_view(pub)
    _ = translator(view.lang).gettext
    rows: list[list[str]] = [
        [_("Titel"), _text(view.title)],
        [_("Verslagjaar"), str(view.year)],
        [_("Organisatie"), _text(view.organisation_label)],
        [_("Gemaakt op"), long_date(made_on or date.today(), view.lang)],
        [_("Drempelwaarde (k)"), str(view.k)],
    ]
    rows.extend([_(NOTE_LABEL), _text(note)] for note in view.notes)
    for table in view.tables:
        rows.append([])
        rows.extend(_table_rows(table, view.lang))
    rows.append([])
    rows.append([_(NARRATIVE_HEADING)])
    rows.append([_text(view.narrative)])

    buffer = io.StringIO(newline="")
    writer = csv.writer(
        buffer, delimiter=SEPARATOR, lineterminator=NEWLINE, quoting=csv.QUOTE_MINIMAL
    )
    writer.writerows(rows)
    return (BOM + buffer.getvalue()).encode("utf-8")
