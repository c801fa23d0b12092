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
from ..dutch import long_date, short_date
from ..i18n import DOCUMENT_LANGUAGES, N_, translator
from .document import CaseReportDocument, ReportEntry, ReportField, ReportSection

# The help of the command line's --document-lang (the same text for every document that can be
# made in English); here, so that the text is translated in this area's catalogue.
DOCUMENT_LANGUAGE_HELP = N_("taal van het document: nl (standaard) of en")


def date_text(value: date | None, lang: str = "nl") -> str:
    """A date in a case report: "05-03-2026" in Dutch, "5 March 2026" in English (a numeric
    date reads differently in different English-speaking countries); "—" for none."""
    if value is None:
        return "—"
    return long_date(value, "en") if lang == "en" else short_date(value, "—")


def build_case_report(*, case: Case, organisation: str, consultations: list[Consultation],
                      follow_ups: list[FollowUp], profile: VpProfile, today: date,
                      inzage: bool = False,
                      redact_text: Callable[[str], str] | None = None,
                      kept_letters: Sequence[KeptLetter] = (),
                      lang: str = "nl") -> CaseReportDocument:
    """``redact_text`` is required for the inzage variant and unused for the archive.
    ``kept_letters`` (the letters printed or saved) are listed with their text — in the
    inzage every free-text part of them redacted like the rest.

    ``lang`` is the document's language, "nl" (default) or "en": headings, labels, fixed
    texts, vocabulary labels and dates; what the VP wrote (notes, names, letters kept) stays
    as it is. The inzage variant is Dutch only (a ValueError for "en")."""
    if inzage and redact_text is None:
        raise ValueError("the inzage variant needs redact_text")
    if lang not in DOCUMENT_LANGUAGES:
        raise ValueError(f"unsupported document language: {lang!r}")
    if inzage and lang != "nl":
        raise ValueError("the inzage variant is Dutch only")
    _ = translator(lang).gettext

    def _d(value: date | None) -> str:
        return date_text(value, lang)

    def label(vocabulary, code: str | None) -> str:
        return vocabulary.label(code, lang)

    def clean(text: str) -> str:
        if not inzage or not text or redact_text is None:
            return text
        return redact_text(text)

    melder = case.melder
    identity = _("anoniem") if melder.anonymous else melder.name
    general = ReportSection(_("Gegevens"), (
        ReportField(_("Dossiercode"), case.code),
        ReportField(_("Organisatie"), organisation),
        ReportField(_("Status"), label(STATUSES, case.status)),
        ReportField(_("Geopend"), _d(case.opened)),
        ReportField(_("Gesloten"), _d(case.closed)),
        ReportField(_("Domein"), ", ".join(label(DOMAINS, d) for d in case.domains) or "—"),
        ReportField(_("Categorieën"),
                    ", ".join(label(CATEGORIES, c) for c in case.categories) or "—"),
        ReportField(_("Relatie tot beschuldigde"), label(RELATIONS, case.relation) or "—"),
        ReportField(_("Eerste contact"), label(CHANNELS, case.channel) or "—"),
        ReportField(_("Uitkomst"), label(OUTCOMES, case.outcome) or "—"),
        ReportField(_("Vernietigen na"), _d(case.destroy_after)),
    ))
    melder_fields = [
        ReportField(_("Melder"), identity),
        ReportField(_("Type melder"), label(MELDER_TYPES, case.melder_type) or "—"),
    ]
    if not melder.anonymous and melder.contact:
        melder_fields.append(ReportField(_("Contactgegevens"), clean(melder.contact)))
    if melder.contact_arrangement:
        melder_fields.append(ReportField(_("Contactafspraak"),
                                         clean(melder.contact_arrangement)))
    consent = (_("ja, op {date}").format(date=_d(case.consent_date)) if case.consent_given
               else _("nee"))
    melder_fields += [
        ReportField(_("Gender"), label(GENDERS, case.gender) or "—"),
        ReportField(_("Leeftijdsgroep"), label(AGE_BANDS, case.age_band) or "—"),
        ReportField(_("Toestemming dossier"), consent),
        ReportField(_("Datum incident"), _d(case.incident_date)),
    ]
    if case.report_date:
        melder_fields.append(ReportField(_("Melding misstand gedaan"), _d(case.report_date)))
    if case.acknowledged_date:
        melder_fields.append(ReportField(_("Ontvangst bevestigd"),
                                         _d(case.acknowledged_date)))
    persons = tuple(
        ReportField(label(PERSON_ROLES, p.role),
                    f"[{person_reference(p.role)}]" if inzage
                    else ", ".join(x for x in (p.name, p.description) if x))
        for p in case.persons
    )
    sections = [general, ReportSection(_("Melder"), tuple(melder_fields))]
    if persons:
        sections.append(ReportSection(_("Andere betrokkenen"), persons))
    if case.summary:
        sections.append(ReportSection(_("Korte omschrijving"),
                                      paragraphs=(clean(case.summary),)))

    entries = []
    for c in sorted(consultations, key=lambda c: c.started_at):
        heading = (f"{_d(c.started_at.date())} {c.started_at:%H:%M} · "
                   f"{label(CHANNELS, c.channel)} · {c.duration_minutes} min")
        paragraphs = [clean(c.notes)] if c.notes else []
        if c.advice:
            paragraphs.append(_("Advies en afspraken: {advice}").format(advice=clean(c.advice)))
        entries.append(ReportEntry(heading, tuple(paragraphs)))
    steps = []
    for f in sorted(follow_ups, key=lambda f: f.due):
        state = _("afgerond op {date}").format(date=_d(f.done)) if f.done else _("open")
        destination = (f" → {label(REFERRAL_DESTINATIONS, f.destination)}" if f.destination
                       else "")
        steps.append(ReportEntry(
            f"{_d(f.due)} · {label(FOLLOW_UP_KINDS, f.kind)} · {state}",
            (clean(f.what) + destination,)))

    letters = []
    for k in sorted(kept_letters, key=lambda k: (k.kept_at, k.id or 0)):
        how = _("afgedrukt") if k.output == "afgedrukt" else _("opgeslagen als pdf")
        heading = " · ".join(x for x in (
            f"{_d(k.kept_at.date())} {k.kept_at:%H:%M}", clean(k.template_title),
            _("aan {recipient}").format(recipient=k.recipient) if k.recipient else "", how,
            _("met namen") if k.with_identity else "") if x)
        paragraphs = []
        if k.address.strip():
            paragraphs.append(_("Adres: {address}").format(
                address=clean(k.address).replace("\n", ", ")))
        if k.subject.strip():
            paragraphs.append(_("Betreft: {subject}").format(subject=clean(k.subject)))
        if k.body.strip():
            paragraphs.append(clean(k.body))
        letters.append(ReportEntry(heading, tuple(paragraphs)))

    vp = ", ".join(x for x in (profile.name, label(VP_ROLES, profile.role).lower()) if x)
    if inzage:  # Dutch only (checked above): the melder's access report is not translated
        title = f"Inzage in dossier {case.code}"
        subtitle = (f"Overzicht van wat {vp or 'de vertrouwenspersoon'}, over u heeft "
                    f"vastgelegd, opgesteld op {_d(today)} op uw verzoek (recht op inzage, AVG).")
        footer = ("Namen van andere personen zijn vervangen door hun rol, ter bescherming van "
                  "hun privacy. Interne aantekeningen van de vertrouwenspersoon zijn opgenomen.")
    else:
        title = _("Dossieroverzicht {code}").format(code=case.code)
        subtitle = _("Opgesteld op {date} door {adviser}.").format(
            date=_d(today), adviser=vp or _("de vertrouwenspersoon"))
        footer = _("Vertrouwelijk: alleen voor het eigen archief van de vertrouwenspersoon.")
    return CaseReportDocument(
        title=title, subtitle=subtitle, sections=tuple(sections),
        consultations=tuple(entries), follow_ups=tuple(steps), footer_note=footer,
        sender_lines=tuple(x for x in (profile.name, profile.practice) if x),
        letters=tuple(letters),
    )
