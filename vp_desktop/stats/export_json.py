"""The yearly report (jaarverslag) as JSON, and the published view every export shares.

Schema: ``resources/schemas/jaarverslag.schema.json`` (format ``vp-desktop-jaarverslag``,
version 1). Every value is a string exactly as published ("12", "0", "<5"), with
``"hidden"`` telling a suppressed value apart; rows are keyed by their stable vocabulary
code (``"key"``) so years can be compared by machine. Keys, codes, ``format`` and ``version`` never depend on
the document's language; only the human texts (``title``, ``label``, ``notes``, footnotes,
reasons) are in the publication's language (``pub.lang``), as in the PDF.

What leaves the app is decided in one place,
:func:`vp_desktop.stats.published.published_view` (re-exported here for older callers).
"""

from __future__ import annotations

import json
from datetime import date

from vp_desktop.stats.published import (  # noqa: F401  (re-exported)
    PublishedRow,
    PublishedTable,
    PublishedView,
    published_view,
)
from vp_desktop.stats.tables import Publication

FORMAT = "vp-desktop-jaarverslag"
VERSION = 1
SCHEMA_FILE = "jaarverslag.schema.json"


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
