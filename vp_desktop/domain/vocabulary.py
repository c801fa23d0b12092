"""The controlled vocabulary of the domain: stable codes with their Dutch labels.

Codes are what is stored and exported; they never change once released. Labels are what
a user sees. This module is the one place where both are defined. The labels are Dutch (the
source language, marked with ``N_`` for extraction); ``label(code, lang)`` gives a label in a
document's language, ``text(code)`` in the interface language (vp_desktop/i18n.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from vp_desktop.i18n import _, translator


@dataclass(frozen=True)
class Term:
    code: str
    label: str


class Vocabulary:
    """An ordered set of terms with lookup by code.

    ``extra`` terms are valid codes with a label (``in`` and ``label()`` know them) that are
    not listed: iteration, ``codes()`` and ``len()`` give the regular terms only.
    """

    def __init__(self, name: str, terms: Sequence[Term], extra: Sequence[Term] = ()):
        self.name = name
        self.terms: tuple[Term, ...] = tuple(terms)
        self.extra: tuple[Term, ...] = tuple(extra)
        self._by_code = {t.code: t for t in (*self.terms, *self.extra)}
        if len(self._by_code) != len(self.terms) + len(self.extra):
            raise ValueError(f"duplicate code in vocabulary {name}")

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __iter__(self):
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    def codes(self) -> tuple[str, ...]:
        return tuple(t.code for t in self.terms)

    def label(self, code: str | None, lang: str = "nl") -> str:
        """The label of ``code`` in a document's language (Dutch unless asked otherwise); an
        unknown code is returned as it is, no code gives ""."""
        if not code:
            return ""
        term = self._by_code.get(code)
        if term is None:
            return code
        return term.label if lang == "nl" else translator(lang).gettext(term.label)

    def text(self, code: str | None) -> str:
        """The label of ``code`` in the interface language: for what the user sees on screen."""
        if not code:
            return ""
        term = self._by_code.get(code)
        return _(term.label) if term else code


def _vocab(name: str, *pairs: tuple[str, str]) -> Vocabulary:
    return Vocabulary(name, [Term(code, label) for code, label in pairs])


# --- Domains and categories -------------------------------------------------------------

DOMAINS = _vocab(
    "domain",
    ("ongewenst_gedrag", "Ongewenste omgangsvormen"),
    ("integriteit", "Integriteit"),
    ("misstand", "Vermoeden van een misstand"),
    ("overig", "Overig"),
)


@dataclass(frozen=True)
class Category(Term):
    domain: str


_CATEGORY_LIST = [
    Category("pesten", "Pesten", "ongewenst_gedrag"),
    Category("seksuele_intimidatie", "Seksuele intimidatie", "ongewenst_gedrag"),
    Category("discriminatie", "Discriminatie", "ongewenst_gedrag"),
    Category("agressie_geweld", "Agressie en geweld", "ongewenst_gedrag"),
    Category("intimidatie_bedreiging", "Intimidatie/bedreiging (overig)", "ongewenst_gedrag"),
    Category("omgaan_met_elkaar", "Omgaan met elkaar", "integriteit"),
    Category("beinvloeding_corruptie", "Beïnvloeding en corruptie", "integriteit"),
    Category("belangenverstrengeling", "Belangenverstrengeling", "integriteit"),
    Category("omgaan_met_informatie", "Omgaan met informatie", "integriteit"),
    Category("spullen_gemeente", "Spullen van de gemeente", "integriteit"),
    Category("bevoegdheden", "Bevoegdheden", "integriteit"),
    Category("onafhankelijk_adviseren", "Onafhankelijk adviseren aan het bestuur", "integriteit"),
    Category("gedrag_privesfeer", "Gedrag in de privésfeer", "integriteit"),
    Category("vermoeden_misstand", "Vermoeden van een misstand (Wbk)", "misstand"),
    Category("arbeidsconflict", "Arbeidsconflict", "overig"),
    Category("werkdruk", "Werkdruk", "overig"),
    Category("prive", "Privéomstandigheden", "overig"),
    Category("overig_anders", "Overige vraag", "overig"),
]

# The explicit choice "not known yet" for a case whose category is still unclear. It is a
# valid category code but no category: it belongs to no domain, is not listed by
# ``CATEGORIES`` (iteration, ``codes()``), and the jaarverslag counts such a case in the row
# "Geen categorie vastgelegd", like a case without categories.
UNKNOWN_CATEGORY = Term("nog_onbekend", "Nog onbekend")

CATEGORIES = Vocabulary("category", _CATEGORY_LIST, extra=[UNKNOWN_CATEGORY])
CATEGORY_DOMAIN: dict[str, str] = {c.code: c.domain for c in _CATEGORY_LIST}

# Short labels for narrow places (the case list); the full label goes in a tooltip.
CATEGORY_SHORT_LABELS: dict[str, str] = {
    "pesten": "Pesten",
    "seksuele_intimidatie": "Seks. intimidatie",
    "discriminatie": "Discriminatie",
    "agressie_geweld": "Agressie",
    "intimidatie_bedreiging": "Intimidatie",
    "omgaan_met_elkaar": "Omgang",
    "beinvloeding_corruptie": "Corruptie",
    "belangenverstrengeling": "Belangen",
    "omgaan_met_informatie": "Informatie",
    "spullen_gemeente": "Spullen",
    "bevoegdheden": "Bevoegdheden",
    "onafhankelijk_adviseren": "Advies bestuur",
    "gedrag_privesfeer": "Privégedrag",
    "vermoeden_misstand": "Misstand",
    "arbeidsconflict": "Arbeidsconflict",
    "werkdruk": "Werkdruk",
    "prive": "Privé",
    "overig_anders": "Overig",
}


def short_category_label(code: str) -> str:
    """The short label of a category (the full label for a code without one)."""
    return CATEGORY_SHORT_LABELS.get(code) or CATEGORIES.label(code)


def domains_of(categories) -> tuple[str, ...]:
    """The domains touched by a set of category codes, in vocabulary order."""
    touched = {CATEGORY_DOMAIN[c] for c in categories if c in CATEGORY_DOMAIN}
    return tuple(d for d in DOMAINS.codes() if d in touched)


# --- Other classifications ----------------------------------------------------------------

RELATIONS = _vocab(
    "relation",
    ("collega", "Collega"),
    ("leidinggevende", "Leidinggevende"),
    ("hoger_management", "Hoger management/bestuur"),
    ("ondergeschikte", "Ondergeschikte"),
    ("extern_inwoner", "Extern: inwoner"),
    ("extern_klant", "Extern: klant"),
    ("extern_leverancier", "Extern: leverancier"),
    ("niet_van_toepassing", "Niet van toepassing"),
    ("onbekend", "Onbekend"),
)

CHANNELS = _vocab(
    "channel",
    ("persoonlijk", "Persoonlijk gesprek"),
    ("telefoon", "Telefoon"),
    ("video", "Videobellen"),
    ("email", "E-mail"),
    ("via_derde", "Via iemand anders"),
)

MELDER_TYPES = _vocab(
    "melder_type",
    ("medewerker", "Medewerker"),
    ("leidinggevende", "Leidinggevende"),
    ("stagiair", "Stagiair"),
    ("vakantiekracht", "Vakantiekracht"),
    ("babs", "Babs"),
    ("uitzendkracht", "Uitzendkracht"),
    ("extern_ingehuurd", "Extern ingehuurd"),
    ("oud_medewerker", "Oud-medewerker"),
    ("sollicitant", "Sollicitant"),
    ("onbekend", "Onbekend"),
)

GENDERS = _vocab(
    "gender",
    ("vrouw", "Vrouw"),
    ("man", "Man"),
    ("anders", "Anders/zegt liever niet"),
)

AGE_BANDS = _vocab(
    "age_band",
    ("tot_25", "Jonger dan 25"),
    ("25_34", "25–34"),
    ("35_44", "35–44"),
    ("45_54", "45–54"),
    ("55_plus", "55 of ouder"),
)

OUTCOMES = _vocab(
    "outcome",
    ("luisterend_oor", "Alleen luisterend oor"),
    ("informele_oplossing", "Informele oplossing"),
    ("formele_klacht_intern", "Formele klacht (intern)"),
    ("formele_klacht_lkog", "Formele klacht (LKOG)"),
    ("melding_misstand_intern", "Melding vermoeden misstand (intern)"),
    ("melding_hvk", "Melding bij Huis voor Klokkenluiders"),
    ("melding_toezichthouder", "Melding bij toezichthouder"),
    ("doorverwezen", "Doorverwezen"),
    ("ingetrokken", "Ingetrokken"),
    ("onbekend", "Onbekend"),
)

STATUSES = _vocab(
    "status",
    ("open", "Open"),
    ("gesloten", "Gesloten"),
)

PERSON_ROLES = _vocab(
    "person_role",
    ("beschuldigde", "Beschuldigde"),
    ("getuige", "Getuige"),
    ("leidinggevende", "Leidinggevende"),
    ("collega", "Collega"),
    ("betrokkene", "Andere betrokkene"),
)

FOLLOW_UP_KINDS = _vocab(
    "follow_up_kind",
    ("terugbellen", "Terugbellen"),
    ("contact", "Contactmoment/nazorg"),
    ("doorverwijzing", "Doorverwijzing"),
    ("wettelijke_termijn", "Wettelijke termijn"),
    ("overig", "Overig"),
)

REFERRAL_DESTINATIONS = _vocab(
    "referral",
    ("leidinggevende", "Leidinggevende"),
    ("gemeentesecretaris", "Gemeentesecretaris"),
    ("hr", "HR/P&O"),
    ("bedrijfsarts", "Bedrijfsarts/arbodienst"),
    ("maatschappelijk_werk", "(Bedrijfs)maatschappelijk werk"),
    ("mediator", "Mediator"),
    ("integriteitscoordinator", "Integriteitscoördinator"),
    ("klachtencommissie_intern", "Interne klachtencommissie"),
    ("lkog", "LKOG"),
    ("huis_klokkenluiders", "Huis voor Klokkenluiders"),
    ("politie", "Politie"),
    ("centrum_seksueel_geweld", "Centrum Seksueel Geweld"),
    ("veilig_thuis", "Veilig Thuis"),
    ("rechten_van_de_mens", "College voor de Rechten van de Mens/adv"),
    ("juridische_bijstand", "Juridische bijstand"),
    ("ondernemingsraad", "Ondernemingsraad"),
    ("andere_vp", "Andere vertrouwenspersoon"),
)

VP_ROLES = _vocab(
    "vp_role",
    ("intern", "Interne vertrouwenspersoon"),
    ("extern", "Externe vertrouwenspersoon"),
)

ACTIVITY_KINDS = _vocab(
    "activity",
    ("brief_afgedrukt", "Brief afgedrukt"),
    ("brief_opgeslagen", "Brief opgeslagen als pdf"),
    ("rapport_afgedrukt", "Dossieroverzicht afgedrukt"),
    ("rapport_opgeslagen", "Dossieroverzicht opgeslagen als pdf"),
    ("export", "Export"),
    ("import", "Import"),
    ("vernietigd", "Dossier vernietigd"),
    ("verwijderd", "Dossier verwijderd"),
    ("overdracht", "Dossiers overgedragen aan een opvolger"),
    ("overname", "Dossiers overgenomen uit een ander journaal"),
    ("reservekopie", "Reservekopie gemaakt"),
    ("teruggezet", "Reservekopie teruggezet"),
    ("wachtwoord_gewijzigd", "Wachtwoord gewijzigd"),
)
# Added to an activity-log entry whose output did not come about (file not written, printer
# refused): the entry is written before the output, so a failure is recorded too.
ACTIVITY_FAILED = "mislukt"


# The role given by the name check to a name recorded in another case of the journal.
OTHER_CASE_ROLE = "ander_dossier"


def person_reference(role: str) -> str:
    """How a person is referred to in place of their name: "de melder", "getuige", ..."""
    if role == "melder":
        return "de melder"
    if role == OTHER_CASE_ROLE:
        return "iemand uit een ander dossier"
    return PERSON_ROLES.label(role).lower() if role else "iemand"
