"""The controlled vocabulary of the domain: stable codes with their Dutch labels.

Codes are what is stored and exported; they never change once released. Labels are what
a user sees. This module is the one place where both are defined. The labels are Dutch (the
source language, marked with ``N_`` for extraction); ``label(code, lang)`` gives a label in a
document's language, ``text(code)`` in the interface language (vp_desktop/i18n.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from vp_desktop.i18n import N_, _, translator


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
    ("ongewenst_gedrag", N_("Ongewenste omgangsvormen")),
    ("integriteit", N_("Integriteit")),
    ("misstand", N_("Vermoeden van een misstand")),
    ("overig", N_("Overig")),
)


@dataclass(frozen=True)
class Category(Term):
    domain: str


_CATEGORY_LIST = [
    Category("pesten", N_("Pesten"), "ongewenst_gedrag"),
    Category("seksuele_intimidatie", N_("Seksuele intimidatie"), "ongewenst_gedrag"),
    Category("discriminatie", N_("Discriminatie"), "ongewenst_gedrag"),
    Category("agressie_geweld", N_("Agressie en geweld"), "ongewenst_gedrag"),
    Category("intimidatie_bedreiging", N_("Intimidatie/bedreiging (overig)"), "ongewenst_gedrag"),
    Category("omgaan_met_elkaar", N_("Omgaan met elkaar"), "integriteit"),
    Category("beinvloeding_corruptie", N_("Beïnvloeding en corruptie"), "integriteit"),
    Category("belangenverstrengeling", N_("Belangenverstrengeling"), "integriteit"),
    Category("omgaan_met_informatie", N_("Omgaan met informatie"), "integriteit"),
    Category("spullen_gemeente", N_("Spullen van de gemeente"), "integriteit"),
    Category("bevoegdheden", N_("Bevoegdheden"), "integriteit"),
    Category("onafhankelijk_adviseren", N_("Onafhankelijk adviseren aan het bestuur"), "integriteit"),
    Category("gedrag_privesfeer", N_("Gedrag in de privésfeer"), "integriteit"),
    Category("vermoeden_misstand", N_("Vermoeden van een misstand (Wbk)"), "misstand"),
    Category("arbeidsconflict", N_("Arbeidsconflict"), "overig"),
    Category("werkdruk", N_("Werkdruk"), "overig"),
    Category("prive", N_("Privéomstandigheden"), "overig"),
    Category("overig_anders", N_("Overige vraag"), "overig"),
]

# The explicit choice "not known yet" for a case whose category is still unclear. It is a
# valid category code but no category: it belongs to no domain, is not listed by
# ``CATEGORIES`` (iteration, ``codes()``), and the jaarverslag counts such a case in the row
# "Geen categorie vastgelegd", like a case without categories.
UNKNOWN_CATEGORY = Term("nog_onbekend", N_("Nog onbekend"))

CATEGORIES = Vocabulary("category", _CATEGORY_LIST, extra=[UNKNOWN_CATEGORY])
CATEGORY_DOMAIN: dict[str, str] = {c.code: c.domain for c in _CATEGORY_LIST}

# Short labels for narrow places (the case list); the full label goes in a tooltip.
CATEGORY_SHORT_LABELS: dict[str, str] = {
    "pesten": N_("Pesten"),
    "seksuele_intimidatie": N_("Seks. intimidatie"),
    "discriminatie": N_("Discriminatie"),
    "agressie_geweld": N_("Agressie"),
    "intimidatie_bedreiging": N_("Intimidatie"),
    "omgaan_met_elkaar": N_("Omgang"),
    "beinvloeding_corruptie": N_("Corruptie"),
    "belangenverstrengeling": N_("Belangen"),
    "omgaan_met_informatie": N_("Informatie"),
    "spullen_gemeente": N_("Spullen"),
    "bevoegdheden": N_("Bevoegdheden"),
    "onafhankelijk_adviseren": N_("Advies bestuur"),
    "gedrag_privesfeer": N_("Privégedrag"),
    "vermoeden_misstand": N_("Misstand"),
    "arbeidsconflict": N_("Arbeidsconflict"),
    "werkdruk": N_("Werkdruk"),
    "prive": N_("Privé"),
    "overig_anders": N_("Overig"),
}


def short_category_label(code: str) -> str:
    """The short label of a category (the full label for a code without one), in the
    interface language: it is shown on screen only (the case list)."""
    short = CATEGORY_SHORT_LABELS.get(code)
    return _(short) if short else CATEGORIES.text(code)


def domains_of(categories) -> tuple[str, ...]:
    """The domains touched by a set of category codes, in vocabulary order."""
    touched = {CATEGORY_DOMAIN[c] for c in categories if c in CATEGORY_DOMAIN}
    return tuple(d for d in DOMAINS.codes() if d in touched)


# --- Other classifications ----------------------------------------------------------------

RELATIONS = _vocab(
    "relation",
    ("collega", N_("Collega")),
    ("leidinggevende", N_("Leidinggevende")),
    ("hoger_management", N_("Hoger management/bestuur")),
    ("ondergeschikte", N_("Ondergeschikte")),
    ("extern_inwoner", N_("Extern: inwoner")),
    ("extern_klant", N_("Extern: klant")),
    ("extern_leverancier", N_("Extern: leverancier")),
    ("niet_van_toepassing", N_("Niet van toepassing")),
    ("onbekend", N_("Onbekend")),
)

CHANNELS = _vocab(
    "channel",
    ("persoonlijk", N_("Persoonlijk gesprek")),
    ("telefoon", N_("Telefoon")),
    ("video", N_("Videobellen")),
    ("email", N_("E-mail")),
    ("via_derde", N_("Via iemand anders")),
)

MELDER_TYPES = _vocab(
    "melder_type",
    ("medewerker", N_("Medewerker")),
    ("leidinggevende", N_("Leidinggevende")),
    ("stagiair", N_("Stagiair")),
    ("vakantiekracht", N_("Vakantiekracht")),
    ("babs", N_("Babs")),
    ("uitzendkracht", N_("Uitzendkracht")),
    ("extern_ingehuurd", N_("Extern ingehuurd")),
    ("oud_medewerker", N_("Oud-medewerker")),
    ("sollicitant", N_("Sollicitant")),
    ("onbekend", N_("Onbekend")),
)

GENDERS = _vocab(
    "gender",
    ("vrouw", N_("Vrouw")),
    ("man", N_("Man")),
    ("anders", N_("Anders/zegt liever niet")),
)

AGE_BANDS = _vocab(
    "age_band",
    ("tot_25", N_("Jonger dan 25")),
    ("25_34", N_("25–34")),
    ("35_44", N_("35–44")),
    ("45_54", N_("45–54")),
    ("55_plus", N_("55 of ouder")),
)

OUTCOMES = _vocab(
    "outcome",
    ("luisterend_oor", N_("Alleen luisterend oor")),
    ("informele_oplossing", N_("Informele oplossing")),
    ("formele_klacht_intern", N_("Formele klacht (intern)")),
    ("formele_klacht_lkog", N_("Formele klacht (LKOG)")),
    ("melding_misstand_intern", N_("Melding vermoeden misstand (intern)")),
    ("melding_hvk", N_("Melding bij Huis voor Klokkenluiders")),
    ("melding_toezichthouder", N_("Melding bij toezichthouder")),
    ("doorverwezen", N_("Doorverwezen")),
    ("ingetrokken", N_("Ingetrokken")),
    ("onbekend", N_("Onbekend")),
)

STATUSES = _vocab(
    "status",
    ("open", N_("Open")),
    ("gesloten", N_("Gesloten")),
)

PERSON_ROLES = _vocab(
    "person_role",
    ("beschuldigde", N_("Beschuldigde")),
    ("getuige", N_("Getuige")),
    ("leidinggevende", N_("Leidinggevende")),
    ("collega", N_("Collega")),
    ("betrokkene", N_("Andere betrokkene")),
)

FOLLOW_UP_KINDS = _vocab(
    "follow_up_kind",
    ("terugbellen", N_("Terugbellen")),
    ("contact", N_("Contactmoment/nazorg")),
    ("doorverwijzing", N_("Doorverwijzing")),
    ("wettelijke_termijn", N_("Wettelijke termijn")),
    ("overig", N_("Overig")),
)

REFERRAL_DESTINATIONS = _vocab(
    "referral",
    ("leidinggevende", N_("Leidinggevende")),
    ("gemeentesecretaris", N_("Gemeentesecretaris")),
    ("hr", N_("HR/P&O")),
    ("bedrijfsarts", N_("Bedrijfsarts/arbodienst")),
    ("maatschappelijk_werk", N_("(Bedrijfs)maatschappelijk werk")),
    ("mediator", N_("Mediator")),
    ("integriteitscoordinator", N_("Integriteitscoördinator")),
    ("klachtencommissie_intern", N_("Interne klachtencommissie")),
    ("lkog", N_("LKOG")),
    ("huis_klokkenluiders", N_("Huis voor Klokkenluiders")),
    ("politie", N_("Politie")),
    ("centrum_seksueel_geweld", N_("Centrum Seksueel Geweld")),
    ("veilig_thuis", N_("Veilig Thuis")),
    ("rechten_van_de_mens", N_("College voor de Rechten van de Mens/adv")),
    ("juridische_bijstand", N_("Juridische bijstand")),
    ("ondernemingsraad", N_("Ondernemingsraad")),
    ("andere_vp", N_("Andere vertrouwenspersoon")),
)

VP_ROLES = _vocab(
    "vp_role",
    ("intern", N_("Interne vertrouwenspersoon")),
    ("extern", N_("Externe vertrouwenspersoon")),
)

ACTIVITY_KINDS = _vocab(
    "activity",
    ("brief_afgedrukt", N_("Brief afgedrukt")),
    ("brief_opgeslagen", N_("Brief opgeslagen als pdf")),
    ("rapport_afgedrukt", N_("Dossieroverzicht afgedrukt")),
    ("rapport_opgeslagen", N_("Dossieroverzicht opgeslagen als pdf")),
    ("export", N_("Export")),
    ("import", N_("Import")),
    ("vernietigd", N_("Dossier vernietigd")),
    ("verwijderd", N_("Dossier verwijderd")),
    ("overdracht", N_("Dossiers overgedragen aan een opvolger")),
    ("overname", N_("Dossiers overgenomen uit een ander journaal")),
    ("reservekopie", N_("Reservekopie gemaakt")),
    ("teruggezet", N_("Reservekopie teruggezet")),
    ("wachtwoord_gewijzigd", N_("Wachtwoord gewijzigd")),
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


def person_reference_text(role: str) -> str:
    """``person_reference`` in the interface language: for the screen (documents keep the
    Dutch of ``person_reference``)."""
    if role == "melder":
        return _("de melder")
    if role == OTHER_CASE_ROLE:
        return _("iemand uit een ander dossier")
    return PERSON_ROLES.text(role).lower() if role else _("iemand")
