"""The jaarverslag as a whole: read the anonymous records of a year from the journal, publish
them under disclosure control, and export the publication (PDF, CSV or JSON)."""

from __future__ import annotations

from collections.abc import Callable

from ..domain.model import Organisation
from .disclosure import publish
from .tables import Publication

FORMATS = ("pdf", "csv", "json")


class StatsError(ValueError):
    """A jaarverslag that cannot be made as asked; the message is for the user (Dutch)."""


def choose_organisation(organisations: list[Organisation], name: str | None) -> Organisation:
    """Every report is per organisation. With one organisation it is chosen by itself."""
    if name:
        for org in organisations:
            if org.name.casefold() == name.strip().casefold():
                return org
        known = ", ".join(o.name for o in organisations)
        raise StatsError(f"Organisatie '{name}' bestaat niet in dit journaal (wel: {known}).")
    if len(organisations) == 1:
        return organisations[0]
    if not organisations:
        raise StatsError("Dit journaal heeft nog geen organisatie.")
    known = ", ".join(o.name for o in organisations)
    raise StatsError("Kies een organisatie (--organisation): elk jaarverslag is per "
                     f"opdrachtgever. In dit journaal: {known}.")


def build_publication(journal, *, year: int, organisation: Organisation, k: int = 5) -> Publication:
    if not 3 <= k <= 10:
        raise StatsError("De drempel k moet tussen 3 en 10 liggen.")
    records = journal.statistics_records(year=year, organisation_id=organisation.id)
    previous = journal.statistics_records(year=year - 1, organisation_id=organisation.id)
    return publish(
        records,
        previous,
        year=year,
        organisation=organisation.name,
        k=k,
        narrative=journal.narrative(year, organisation.id),
    )


def exporter(fmt: str) -> Callable[[Publication], bytes]:
    if fmt == "pdf":
        from ..pdf.annual_report import render_annual_report

        return render_annual_report
    if fmt == "csv":
        from .export_csv import publication_csv

        return publication_csv
    if fmt == "json":
        from .export_json import publication_json

        return publication_json
    raise StatsError(f"Onbekend formaat '{fmt}'; kies uit {', '.join(FORMATS)}.")
