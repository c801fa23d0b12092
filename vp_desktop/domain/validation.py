"""Checks on domain objects before they are stored. Users read the messages: they are in the
interface language (``_()`` when the check runs; the field labels too)."""

from __future__ import annotations

from datetime import date, datetime

from ..i18n import N_, _
from .model import (
    EARLIEST_DATE,
    LATEST_DATE,
    Case,
    Consultation,
    FollowUp,
    VpProfile,
    parse_case_code,
)
from .vocabulary import (
    AGE_BANDS,
    CATEGORIES,
    CHANNELS,
    FOLLOW_UP_KINDS,
    GENDERS,
    MELDER_TYPES,
    OUTCOMES,
    PERSON_ROLES,
    REFERRAL_DESTINATIONS,
    RELATIONS,
    STATUSES,
    UNKNOWN_CATEGORY,
    VP_ROLES,
    Vocabulary,
)

MAX_TEXT = 200_000  # characters in one note; far beyond any real note, stops pasted garbage
MAX_SHORT = 500


class ValidationError(ValueError):
    """Raised with every problem found, so the user can fix them in one go."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def _check_code(problems: list[str], vocab: Vocabulary, value, label: str, optional=True):
    if value is None or value == "":
        if not optional:
            problems.append(_("{label} ontbreekt.").format(label=label))
        return
    if value not in vocab:
        problems.append(_("{label}: onbekende waarde '{value}'.").format(label=label,
                                                                        value=value))


def _check_text(problems: list[str], value: str, label: str, limit: int) -> None:
    if not isinstance(value, str):
        problems.append(_("{label} moet tekst zijn.").format(label=label))
    elif len(value) > limit:
        problems.append(_("{label} is te lang ({length} tekens, maximaal {limit}).").format(
            label=label, length=len(value), limit=limit))
    else:
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            problems.append(_("{label} bevat een ongeldig teken.").format(label=label))


def _check_date(problems: list[str], value, label: str) -> None:
    if value is None:
        return
    if not isinstance(value, date):
        problems.append(_("{label} is geen datum.").format(label=label))
    elif not EARLIEST_DATE <= (value.date() if isinstance(value, datetime) else value) \
            <= LATEST_DATE:
        problems.append(_("{label} ({date}) ligt niet tussen 1900 en 2100.").format(
            label=label, date=f"{value:%d-%m-%Y}"))


def case_problems(case: Case) -> list[str]:
    p: list[str] = []
    if case.code and parse_case_code(case.code) is None:
        p.append(_("Dossiercode '{code}' heeft niet de vorm JJJJ-NNN.").format(code=case.code))
    if not isinstance(case.opened, date):
        p.append(_("Datum geopend ontbreekt."))
    for value, label in ((case.opened, N_("Datum geopend")), (case.closed, N_("Sluitdatum")),
                         (case.consent_date, N_("Datum toestemming")),
                         (case.incident_date, N_("Datum incident")),
                         (case.report_date, N_("Datum melding")),
                         (case.acknowledged_date, N_("Datum ontvangstbevestiging")),
                         (case.destroy_after, N_("Vernietigen na"))):
        _check_date(p, value, _(label))
    if p:  # the checks below compare dates; out-of-range ones are reported already
        return p
    _check_code(p, STATUSES, case.status, _("Status"), optional=False)
    for c in case.categories:
        _check_code(p, CATEGORIES, c, _("Categorie"))
    if len(set(case.categories)) != len(case.categories):
        p.append(_("Een categorie staat er dubbel in."))
    _check_code(p, RELATIONS, case.relation, _("Relatie tot beschuldigde"))
    _check_code(p, MELDER_TYPES, case.melder_type, _("Type melder"))
    _check_code(p, CHANNELS, case.channel, _("Kanaal eerste contact"))
    _check_code(p, GENDERS, case.gender, _("Gender"))
    _check_code(p, AGE_BANDS, case.age_band, _("Leeftijdsgroep"))
    _check_code(p, OUTCOMES, case.outcome, _("Uitkomst"))
    if case.status == "gesloten" and case.closed is None:
        p.append(_("Een gesloten dossier heeft een sluitdatum nodig."))
    if case.status == "open" and case.closed is not None:
        p.append(_("Een open dossier kan geen sluitdatum hebben."))
    if case.closed and isinstance(case.opened, date) and case.closed < case.opened:
        p.append(_("De sluitdatum ligt vóór de datum van opening."))
    if case.consent_given and case.consent_date is None:
        p.append(_("Leg vast wanneer de melder toestemming gaf."))
    if case.destroy_after and case.closed and case.destroy_after < case.closed:
        p.append(_("'Vernietigen na' ligt vóór de sluitdatum."))
    if case.acknowledged_date and not case.report_date:
        p.append(_("Een ontvangstbevestiging zonder datum van melding kan niet."))
    if case.acknowledged_date and case.report_date and case.acknowledged_date < case.report_date:
        p.append(_("De ontvangstbevestiging ligt vóór de melding."))
    _check_text(p, case.summary, _("Korte omschrijving"), MAX_TEXT)
    _check_text(p, case.destroy_after_reason, _("Reden bewaartermijn"), MAX_SHORT)
    m = case.melder
    for text, label in ((m.name, N_("Naam melder")), (m.contact, N_("Contactgegevens melder")),
                        (m.contact_arrangement, N_("Contactafspraak"))):
        _check_text(p, text, _(label), MAX_SHORT)
    if not m.anonymous and not m.name.strip():
        p.append(_("Vul de naam van de melder in, of kies 'anoniem'."))
    for i, person in enumerate(case.persons, start=1):
        if not person.name.strip():
            p.append(_("Betrokkene {i} heeft geen naam.").format(i=i))
        _check_text(p, person.name, _("Naam betrokkene {i}").format(i=i), MAX_SHORT)
        _check_code(p, PERSON_ROLES, person.role, _("Rol betrokkene {i}").format(i=i),
                    optional=False)
    return p


# Dutch constants (compare with ``_(CONSTANT)``); the functions return them translated.
NO_ORGANISATION = N_("Kies een organisatie.")
NO_CATEGORY = N_("Kies minstens één categorie, of ‘Nog onbekend’.")
UNKNOWN_WITH_CATEGORY = N_("‘Nog onbekend’ gaat niet samen met een categorie: "
                         "vink een van beide uit.")


def organisation_problems(organisation_id: int | None) -> list[str]:
    """An organisation must be chosen deliberately: no id (0 or None) is a problem."""
    return [] if organisation_id else [_(NO_ORGANISATION)]


def category_problems(categories) -> list[str]:
    """At least one category, or the explicit ``UNKNOWN_CATEGORY`` on its own."""
    codes = tuple(categories)
    if not codes:
        return [_(NO_CATEGORY)]
    if UNKNOWN_CATEGORY.code in codes and len(codes) > 1:
        return [_(UNKNOWN_WITH_CATEGORY)]
    return []


def entered_case_problems(case: Case) -> list[str]:
    """The rule for a case a user enters or edits (case form, quick-log): a deliberately
    chosen organisation and a category (or 'Nog onbekend'), on top of ``case_problems``.

    Not part of ``case_problems`` on purpose: cases stored before this rule, and imports of
    historic records, may lack a category; the jaarverslag counts them as "Geen categorie
    vastgelegd". Every form that creates or edits a case calls this function.
    """
    return (organisation_problems(case.organisation_id) + category_problems(case.categories)
            + case_problems(case))


def consultation_problems(c: Consultation) -> list[str]:
    p: list[str] = []
    if c.started_at is None:
        p.append(_("Datum en tijd van het gesprek ontbreken."))
    _check_date(p, c.started_at, _("Datum van het gesprek"))
    if not isinstance(c.duration_minutes, int) or not 0 <= c.duration_minutes <= 24 * 60:
        p.append(_("Duur moet tussen 0 en 1440 minuten liggen."))
    _check_code(p, CHANNELS, c.channel, _("Kanaal"), optional=False)
    _check_text(p, c.notes, _("Aantekeningen"), MAX_TEXT)
    _check_text(p, c.advice, _("Advies en afspraken"), MAX_TEXT)
    return p


def follow_up_problems(f: FollowUp) -> list[str]:
    p: list[str] = []
    if not isinstance(f.what, str) or not f.what.strip():
        p.append(_("Omschrijf de vervolgstap."))
    else:
        _check_text(p, f.what, _("Vervolgstap"), MAX_SHORT)
    if not isinstance(f.due, date):
        p.append(_("De vervolgstap heeft een datum nodig."))
    _check_date(p, f.due, _("Datum vervolgstap"))
    _check_date(p, f.done, _("Datum afgerond"))
    _check_code(p, FOLLOW_UP_KINDS, f.kind, _("Soort vervolgstap"), optional=False)
    _check_code(p, REFERRAL_DESTINATIONS, f.destination, _("Verwezen naar"))
    return p


def profile_problems(profile: VpProfile) -> list[str]:
    p: list[str] = []
    _check_text(p, profile.name, _("Naam"), MAX_SHORT)
    _check_text(p, profile.practice, _("Organisatie of bureau"), MAX_SHORT)
    _check_text(p, profile.contact_lines, _("Adres en contactgegevens"), MAX_SHORT)
    _check_text(p, profile.place, _("Plaats"), MAX_SHORT)
    _check_code(p, VP_ROLES, profile.role, _("Rol"), optional=False)
    if not 1 <= profile.auto_lock_minutes <= 240:
        p.append(_("Automatisch vergrendelen: kies 1 tot 240 minuten."))
    if not 0 <= profile.retention_months <= 120:
        p.append(_("Bewaartermijn: kies 0 tot 120 maanden na sluiten."))
    return p


def text_problems(value: str, label: str) -> list[str]:
    """``label``: already in the interface language (``_("...")`` at the caller)."""
    problems: list[str] = []
    _check_text(problems, value, label, MAX_TEXT)
    return problems


def require(problems: list[str]) -> None:
    if problems:
        raise ValidationError(problems)
