"""The jaarverslag: read a year's anonymous records, publish them under disclosure control,
check the VP's own text, and export (PDF, CSV or JSON) — the only way it leaves the journal.

The VP's text must point at nobody: it is checked against every name recorded anywhere in the
journal, for contact data, and for possible names after a title (each acknowledged one by
one) before any export, from the window and from the command line alike.

The document's language (``lang``: "nl", the default, or "en") is chosen when the publication
is built; what is shown, hidden or omitted does not depend on it, only the wording. Messages
to the user are in the interface language; the activity-log line stays Dutch (it is stored).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection
from pathlib import Path

from ..domain.model import Organisation
from ..dutch import plural
from ..i18n import DOCUMENT_LANGUAGES, N_, _
from ..letters.name_check import NameHit
from ..stats.disclosure import publish
from ..stats.tables import Publication
from .errors import OutputRefused, ServiceError
from .names import (
    POSSIBLE,
    NameUniverse,
    acknowledgement_keys,
    describe_hits,
    keys_by_number,
)
from .outputs import LogLine, publish_file

FORMATS = ("pdf", "csv", "json")
K_RANGE = (3, 10)
WHY_PER_ORGANISATION = N_("elk jaarverslag is per opdrachtgever")


def choose_organisation(organisations: list[Organisation], name: str | None,
                        why: str = WHY_PER_ORGANISATION) -> Organisation:
    """The organisation named (case and spacing ignored), or the only one; ``why`` (a marked
    Dutch text, translated here) says in the refusal why one must be chosen. Every report is
    per organisation."""
    known = ", ".join(o.name for o in organisations)
    if name:
        for org in organisations:
            if org.name.casefold() == name.strip().casefold():
                return org
        raise ServiceError(_("Die organisatie bestaat niet in dit journaal (wel: {known}).")
                           .format(known=known))
    if len(organisations) == 1:
        return organisations[0]
    if not organisations:
        raise ServiceError(_("Dit journaal heeft nog geen organisatie."))
    raise ServiceError(_("Kies een organisatie (--organisation): {why}. In dit journaal: "
                         "{known}.").format(why=_(why), known=known))


def build_publication(journal, *, year: int, organisation: Organisation, k: int = 5,
                      narrative: str | None = None, lang: str = "nl") -> Publication:
    """The publication of one year and organisation; ``narrative`` overrides the stored text
    (the window shows what is being typed). ``lang``: the document's language ("nl" or
    "en"); the same journal, year and k give the same numbers in either."""
    if lang not in DOCUMENT_LANGUAGES:
        raise ServiceError(_("Onbekende documenttaal; kies uit {choices}.").format(
            choices=", ".join(DOCUMENT_LANGUAGES)))
    if not K_RANGE[0] <= k <= K_RANGE[1]:
        raise ServiceError(_("De drempel k moet tussen 3 en 10 liggen."))
    records = journal.statistics_records(year=year, organisation_id=organisation.id)
    previous = journal.statistics_records(year=year - 1, organisation_id=organisation.id)
    text = journal.narrative(year, organisation.id) if narrative is None else narrative
    return publish(records, previous, year=year, organisation=organisation.name, k=k,
                   narrative=text, lang=lang)


def narrative_hits(journal, text: str) -> list[NameHit]:
    """Names, contact data and possible names in the VP's own text."""
    return NameUniverse.of_journal(journal).scan(text)


def narrative_refusal(text: str, hits: list[NameHit], acknowledged: Collection[str] = ()
                      ) -> OutputRefused | None:
    blocking = [h for h in hits if not (h.kind == POSSIBLE and h.key in acknowledged)]
    if not blocking:
        return None
    if any(h.kind != POSSIBLE for h in blocking):
        message = _("Uw eigen tekst noemt namen of contactgegevens uit het journaal; het "
                    "jaarverslag mag nooit naar personen wijzen. Haal ze weg; er is niets "
                    "geëxporteerd.")
    else:
        message = _("Uw eigen tekst bevat woorden die een naam kunnen zijn; bevestig ze een "
                    "voor een of haal ze weg. Er is niets geëxporteerd.")
    return OutputRefused(message, describe_hits([(_("eigen tekst"), text, blocking)],
                                                acknowledgement_keys(hits)))


def renderer(fmt: str) -> Callable[[Publication], bytes]:
    if fmt == "pdf":
        from ..pdf.annual_report import render_annual_report

        return render_annual_report
    if fmt == "csv":
        from ..stats.export_csv import publication_csv

        return publication_csv
    if fmt == "json":
        from ..stats.export_json import publication_json

        return publication_json
    raise ServiceError(_("Onbekend formaat; kies uit {choices}.").format(
        choices=", ".join(FORMATS)))


def export_publication(journal, publication: Publication, fmt: str,
                       target: str | os.PathLike, acknowledged: Collection[str] = (),
                       acknowledged_numbers: Collection[int] = (),
                       rendered: bytes | None = None) -> Path:
    """The gates (the text's name check), then the log line, then the file. Possible names
    are acknowledged by key (window) or by their number in the refusal (command line).
    ``rendered``: the bytes ``renderer(fmt)(publication)`` already made off the UI thread."""
    make = renderer(fmt)
    hits = narrative_hits(journal, publication.narrative)
    acknowledged = {*acknowledged, *keys_by_number(acknowledgement_keys(hits),
                                                   acknowledged_numbers)}
    refusal = narrative_refusal(publication.narrative, hits, acknowledged)
    if refusal is not None:
        raise refusal
    # Stored in the journal: Dutch, never translated; the language only when not Dutch.
    detail = f"jaarverslag {publication.year} {publication.organisation} {fmt} k={publication.k}"
    if publication.lang != "nl":
        detail += f" taal={publication.lang}"
    possible = acknowledgement_keys(hits)
    if possible:
        detail += "; " + plural(len(possible), "mogelijke naam", "mogelijke namen") + " bevestigd"
    data = make(publication) if rendered is None else rendered
    return publish_file(journal, target, data, kind=fmt,
                        log=LogLine("export", None, None, detail))
