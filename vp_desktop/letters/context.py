"""The values a letter template is filled with, built from the domain objects.

The context holds exactly the names of :data:`~vp_desktop.letters.templates.PLACEHOLDERS`, as
plain ``str``/``bool``/``list``/``dict`` values -- never domain objects, so a template cannot
reach Python objects.

It is **anonymised by default**. Without identity (``with_identity=False``) it contains no name
or contact of the melder and no name of any other person in the case:

* ``melder_naam`` and ``melder_contact`` are empty and ``melder`` is always "de melder";
* ``incident_datum`` and ``termijn_lkog`` (incident + 2 years) are empty, because a precise
  date of an incident can point to the people involved;
* the free text ``afspraken`` (advice and agreements of the latest consultation) is passed
  through ``redact_text``, which the caller builds from the one name engine
  (:mod:`vp_desktop.letters.name_check`) over every name recorded in the journal; this module
  has no redaction rules of its own.

With identity (only when the melder gave consent) the melder's name and contact are filled in;
the caller's ``redact_text`` still replaces the names of *other* persons, since the melder's
consent does not cover them.

The address (``recipient_lines``, ``recipient_label``) is the VP's choice of recipient and is
passed on unchanged; the name check on the finished letter is a separate step.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from ..domain.deadlines import add_months
from ..domain.model import Case, VpProfile
from ..domain.vocabulary import CATEGORIES, DOMAINS, VP_ROLES
from ..dutch import enumeration, long_date
from ..i18n import _

MELDER_REFERENCE = "de melder"

def _in_sentence(label: str) -> str:
    """A label as part of a sentence: first letter lower case ("Vermoeden ... (Wbk)" keeps Wbk)."""
    return label[:1].lower() + label[1:]


# --- The context ----------------------------------------------------------------------------


def letter_context(
    *,
    case: Case,
    organisation: str,
    profile: VpProfile,
    recipient_lines: list[str],
    recipient_label: str,
    latest_advice: str,
    latest_consultation: date | None,
    today: date,
    with_identity: bool,
    redact_text: Callable[[str], str],
    vp_organisation: str = "",
    place: str = "",
) -> dict:
    """The template context for one letter about ``case``; see the module docstring.

    ``vp_organisation`` and ``place`` default to the profile's ``practice`` and ``place``.
    Raises ValueError when ``with_identity`` is asked without the melder's consent.
    """
    if with_identity and not case.consent_given:
        raise ValueError(_(
            "De melder heeft geen toestemming gegeven om de naam te noemen. Maak de brief "
            "zonder identiteit, of leg eerst de toestemming vast in het dossier."
        ))
    melder = case.melder
    identity = bool(with_identity and not melder.anonymous and melder.name.strip())

    afspraken = redact_text(latest_advice.strip())

    lines = [line.strip() for line in recipient_lines if line.strip()]
    incident = case.incident_date if identity else None
    lkog_due = (
        add_months(incident, 24)
        if incident is not None and "ongewenst_gedrag" in case.domains
        else None
    )
    category_labels = [CATEGORIES.label(c) for c in case.categories]

    return {
        "datum": long_date(today),
        "plaats": (place or profile.place).strip(),
        "vp": {
            "naam": profile.name.strip(),
            "rol": VP_ROLES.label(profile.role).lower(),
            "organisatie": (vp_organisation or profile.practice).strip(),
        },
        "organisatie": organisation.strip(),
        "dossier": {"code": case.code, "geopend": long_date(case.opened)},
        "categorieen": category_labels,
        "categorieen_tekst": enumeration([_in_sentence(c) for c in category_labels]),
        "domeinen_tekst": enumeration([_in_sentence(DOMAINS.label(d)) for d in case.domains]),
        "melder": MELDER_REFERENCE,
        "melder_naam": melder.name.strip() if identity else "",
        "melder_contact": melder.contact.strip() if identity else "",
        "met_identiteit": identity,
        "ontvanger": lines,
        "ontvanger_naam": lines[0] if lines else recipient_label.strip(),
        "afspraken": afspraken,
        "laatste_gesprek": long_date(latest_consultation),
        "incident_datum": long_date(incident),
        "termijn_lkog": long_date(lkog_due),
    }
