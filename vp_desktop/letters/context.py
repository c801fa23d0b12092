"""The values a letter template is filled with, built from the domain objects.

The context holds exactly the names of :data:`~vp_desktop.letters.templates.PLACEHOLDERS`, as
plain ``str``/``bool``/``list``/``dict`` values -- never domain objects, so a template cannot
reach Python objects.

It is **anonymised by default**. Without identity (``with_identity=False``) it contains no name
or contact of the melder and no name of any other person in the case:

* ``melder_naam`` and ``melder_contact`` are empty and ``melder`` is always "de melder";
* ``incident_datum`` and ``termijn_lkog`` (incident + 2 years) are empty, because a precise
  date of an incident can point to the people involved;
* the free text ``afspraken`` (advice and agreements of the latest consultation) has every
  name from :meth:`Case.named_persons` -- whole or in part, whatever the case or accents --
  and the melder's contact replaced by ``[naam]`` / ``[contact]``.

With identity (only when the melder gave consent) the melder's name and contact are filled in;
the names of *other* persons in ``afspraken`` are still replaced, since the melder's consent
does not cover them.

The address (``recipient_lines``, ``recipient_label``) is the VP's choice of recipient and is
passed on unchanged; the name check on the finished letter is a separate step.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import date

from ..domain.deadlines import add_months
from ..domain.model import Case, VpProfile
from ..domain.vocabulary import CATEGORIES, DOMAINS, VP_ROLES
from ..dutch import enumeration, long_date

MELDER_REFERENCE = "de melder"
NAME_REPLACEMENT = "[naam]"
CONTACT_REPLACEMENT = "[contact]"

# Dutch (and a few other) name particles: never redacted on their own.
_PARTICLES = frozenset({
    "de", "den", "der", "des", "van", "het", "'t", "t", "te", "ter", "ten", "in", "op", "uit",
    "aan", "bij", "la", "le", "da", "di", "du", "del", "von", "vom", "zu", "el", "al", "bin",
    "ben", "d'", "'s", "s", "en",
})  # fmt: skip


def _in_sentence(label: str) -> str:
    """A label as part of a sentence: first letter lower case ("Vermoeden ... (Wbk)" keeps Wbk)."""
    return label[:1].lower() + label[1:]


# --- Redaction ------------------------------------------------------------------------------


def _fold(text: str) -> tuple[str, list[int]]:
    """Case- and accent-folded ``text`` and, per folded character, its index in ``text``."""
    folded: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        for part in unicodedata.normalize("NFKD", ch):
            if unicodedata.combining(part):
                continue
            for c in part.casefold():
                folded.append(c)
                index.append(i)
    return "".join(folded), index


def _name_variants(name: str) -> list[str]:
    """The forms of a name to look for: whole, the part after the first name, each real part."""
    name = " ".join(name.split())
    variants = [name]
    if " " in name:
        variants.append(name.split(" ", 1)[1])
    for token in re.split(r"[\s\-]+", name):
        token = token.strip(".,")
        if len(token) >= 2 and token.casefold() not in _PARTICLES:
            variants.append(token)
    return variants


def _pattern(variant: str) -> re.Pattern[str] | None:
    parts = [re.escape(p) for p in re.split(r"[\s\-]+", _fold(variant)[0]) if p]
    if not parts:
        return None
    return re.compile(r"(?<!\w)" + r"[\s\-]+".join(parts) + r"(?!\w)")


def redact(text: str, names: Sequence[str], contacts: Sequence[str] = ()) -> str:
    """``text`` with every name (whole or in part) and contact replaced, ignoring case/accents."""
    if not text:
        return text
    folded, index = _fold(text)
    spans: list[tuple[int, int, str]] = []
    targets = [(v, NAME_REPLACEMENT) for n in names if n.strip() for v in _name_variants(n)]
    targets += [(c.strip(), CONTACT_REPLACEMENT) for c in contacts if c.strip()]
    targets.sort(key=lambda t: -len(t[0]))  # longest first: "Jan de Vries" before "Vries"
    for variant, replacement in targets:
        pattern = _pattern(variant)
        if pattern is None:
            continue
        for m in pattern.finditer(folded):
            if m.end() > m.start():
                spans.append((index[m.start()], index[m.end() - 1] + 1, replacement))
    if not spans:
        return text
    spans.sort()
    merged: list[list] = []
    for start, end, replacement in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end, replacement])
    out, pos = [], 0
    for start, end, replacement in merged:
        out.append(text[pos:start])
        out.append(replacement)
        pos = end
    out.append(text[pos:])
    return "".join(out)


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
    vp_organisation: str = "",
    place: str = "",
) -> dict:
    """The template context for one letter about ``case``; see the module docstring.

    ``vp_organisation`` and ``place`` default to the profile's ``practice`` and ``place``.
    Raises ValueError when ``with_identity`` is asked without the melder's consent.
    """
    if with_identity and not case.consent_given:
        raise ValueError(
            "De melder heeft geen toestemming gegeven om de naam te noemen. Maak de brief "
            "zonder identiteit, of leg eerst de toestemming vast in het dossier."
        )
    melder = case.melder
    identity = bool(with_identity and not melder.anonymous and melder.name.strip())

    protected = [name for name, role in case.named_persons() if not (identity and role == "melder")]
    contacts = [] if identity else [melder.contact]
    afspraken = redact(latest_advice.strip(), protected, contacts)

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
