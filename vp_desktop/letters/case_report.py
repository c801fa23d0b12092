"""The case report (dossieroverzicht) for the VP's own archive, and its inzage variant for a
melder who asks what is kept about them (AVG right of access).

The inzage variant contains everything kept about the melder, internal notes included, but
every other person's name is replaced by their role, wherever it occurs: every free-text field
of the case (:data:`vp_desktop.domain.model.FREE_TEXT_FIELDS`) that appears in it is passed
through ``redact_text``, which the caller builds from the one name engine. This module has no
redaction rules of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from ..domain.model import Case, Consultation, FollowUp, KeptLetter, VpProfile
from ..domain.vocabulary import (
    AGE_BANDS,
    CATEGORIES,
    CHANNELS,
    DOMAINS,
    FOLLOW_UP_KINDS,
    GENDERS,
    MELDER_TYPES,
    OUTCOMES,
    PERSON_ROLES,
    REFERRAL_DESTINATIONS,
    RELATIONS,
    STATUSES,
    VP_ROLES,
    person_reference,
)
from ..dutch import short_date
from .document import CaseReportDocument, ReportEntry, ReportField, ReportSection


def _d(value: date | None) -> str:
    return short_date(value, "—")


def build_case_report(*, case: Case, organisation: str, consultations: list[Consultation],
                      follow_ups: list[FollowUp], profile: VpProfile, today: date,
                      inzage: bool = False,
                      redact_text: Callable[[str], str] | None = None,
                      kept_letters: Sequence[KeptLetter] = ()) -> CaseReportDocument:
    """``redact_text`` is required for the inzage variant and unused for the archive.
    ``kept_letters`` (the letters printed or saved) are listed with their text — in the
    inzage every free-text part of them redacted like the rest."""
    if inzage and redact_text is None:
        raise ValueError("the inzage variant needs redact_text")

    def clean(text: str) -> str:
        if not inzage or not text or redact_text is None:
            return text
        return redact_text(text)

    melder = case.melder
    identity = "anoniem" if melder.anonymous else melder.name
    general = ReportSection("Gegevens", (
        ReportField("Dossiercode", case.code),
        ReportField("Organisatie", organisation),
        ReportField("Status", STATUSES.label(case.status)),
        ReportField("Geopend", _d(case.opened)),
        ReportField("Gesloten", _d(case.closed)),
        ReportField("Domein", ", ".join(DOMAINS.label(d) for d in case.domains) or "—"),
        ReportField("Categorieën",
                    ", ".join(CATEGORIES.label(c) for c in case.categories) or "—"),
        ReportField("Relatie tot beschuldigde", RELATIONS.label(case.relation) or "—"),
        ReportField("Eerste contact", CHANNELS.label(case.channel) or "—"),
        ReportField("Uitkomst", OUTCOMES.label(case.outcome) or "—"),
        ReportField("Vernietigen na", _d(case.destroy_after)),
    ))
    melder_fields = [
        ReportField("Melder", identity),
        ReportField("Type melder", MELDER_TYPES.label(case.melder_type) or "—"),
    ]
    if not melder.anonymous and melder.contact:
        melder_fields.append(ReportField("Contactgegevens", clean(melder.contact)))
    if melder.contact_arrangement:
        melder_fields.append(ReportField("Contactafspraak", clean(melder.contact_arrangement)))
    melder_fields += [
        ReportField("Gender", GENDERS.label(case.gender) or "—"),
        ReportField("Leeftijdsgroep", AGE_BANDS.label(case.age_band) or "—"),
        ReportField("Toestemming dossier",
                    f"ja, op {_d(case.consent_date)}" if case.consent_given else "nee"),
        ReportField("Datum incident", _d(case.incident_date)),
    ]
    if case.report_date:
        melder_fields.append(ReportField("Melding misstand gedaan", _d(case.report_date)))
    if case.acknowledged_date:
        melder_fields.append(ReportField("Ontvangst bevestigd", _d(case.acknowledged_date)))
    persons = tuple(
        ReportField(PERSON_ROLES.label(p.role),
                    f"[{person_reference(p.role)}]" if inzage
                    else ", ".join(x for x in (p.name, p.description) if x))
        for p in case.persons
    )
    sections = [general, ReportSection("Melder", tuple(melder_fields))]
    if persons:
        sections.append(ReportSection("Andere betrokkenen", persons))
    if case.summary:
        sections.append(ReportSection("Korte omschrijving", paragraphs=(clean(case.summary),)))

    entries = []
    for c in sorted(consultations, key=lambda c: c.started_at):
        heading = (f"{_d(c.started_at.date())} {c.started_at:%H:%M} · "
                   f"{CHANNELS.label(c.channel)} · {c.duration_minutes} min")
        paragraphs = [clean(c.notes)] if c.notes else []
        if c.advice:
            paragraphs.append("Advies en afspraken: " + clean(c.advice))
        entries.append(ReportEntry(heading, tuple(paragraphs)))
    steps = []
    for f in sorted(follow_ups, key=lambda f: f.due):
        state = f"afgerond op {_d(f.done)}" if f.done else "open"
        destination = f" → {REFERRAL_DESTINATIONS.label(f.destination)}" if f.destination else ""
        steps.append(ReportEntry(
            f"{_d(f.due)} · {FOLLOW_UP_KINDS.label(f.kind)} · {state}",
            (clean(f.what) + destination,)))

    letters = []
    for k in sorted(kept_letters, key=lambda k: (k.kept_at, k.id or 0)):
        how = "afgedrukt" if k.output == "afgedrukt" else "opgeslagen als pdf"
        heading = " · ".join(x for x in (
            f"{_d(k.kept_at.date())} {k.kept_at:%H:%M}", clean(k.template_title),
            f"aan {k.recipient}" if k.recipient else "", how,
            "met namen" if k.with_identity else "") if x)
        paragraphs = []
        if k.address.strip():
            paragraphs.append("Adres: " + clean(k.address).replace("\n", ", "))
        if k.subject.strip():
            paragraphs.append("Betreft: " + clean(k.subject))
        if k.body.strip():
            paragraphs.append(clean(k.body))
        letters.append(ReportEntry(heading, tuple(paragraphs)))

    vp = ", ".join(x for x in (profile.name, VP_ROLES.label(profile.role).lower()) if x)
    if inzage:
        title = f"Inzage in dossier {case.code}"
        subtitle = (f"Overzicht van wat {vp or 'de vertrouwenspersoon'}, over u heeft "
                    f"vastgelegd, opgesteld op {_d(today)} op uw verzoek (recht op inzage, AVG).")
        footer = ("Namen van andere personen zijn vervangen door hun rol, ter bescherming van "
                  "hun privacy. Interne aantekeningen van de vertrouwenspersoon zijn opgenomen.")
    else:
        title = f"Dossieroverzicht {case.code}"
        subtitle = f"Opgesteld op {_d(today)} door {vp or 'de vertrouwenspersoon'}."
        footer = "Vertrouwelijk: alleen voor het eigen archief van de vertrouwenspersoon."
    return CaseReportDocument(
        title=title, subtitle=subtitle, sections=tuple(sections),
        consultations=tuple(entries), follow_ups=tuple(steps), footer_note=footer,
        sender_lines=tuple(x for x in (profile.name, profile.practice) if x),
        letters=tuple(letters),
    )
