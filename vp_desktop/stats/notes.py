"""The notes that explain the disclosure rules to the reader — said once, here, in the
document's language (``lang``: "nl" or "en"; the constants are the Dutch message ids).

Used by :mod:`vp_desktop.stats.disclosure` (the notes of a publication) and by
:mod:`vp_desktop.stats.published` (the fallback when a publication brings none).
"""

from __future__ import annotations

from vp_desktop.i18n import N_, translator

MULTI_COUNT_NOTE = N_(
    "Eén melding kan in meer dan één rij meetellen; de aantallen tellen daarom op tot meer "
    "dan het aantal meldingen."
)
NO_BREAKDOWN_NOTE = N_(
    "Er is geen uitsplitsing naar afdeling, team of locatie, en er staan geen namen, "
    "functies of data in dit verslag."
)
SIZE_CLASS_NOTE = N_(
    "Een tabel met minstens zoveel rijen als er meldingen waren, wordt niet uitgesplitst: "
    "bij zo weinig meldingen zou elke verdeling te veel over personen zeggen."
)
TINY_TABLE_REASON = N_(
    "Met zo weinig meldingen zou elke verdeling tot personen te herleiden zijn.")


def note(text: str, lang: str = "nl") -> str:
    """One of the constants above in a document's language."""
    return translator(lang).gettext(text)


def hidden_note(k: int, lang: str = "nl") -> str:
    """What "<k" means, truthfully: a small number, or one hidden to protect another."""
    _ = translator(lang).gettext
    return _(
        "“<{k}” betekent: minder dan {k} (1 tot en met {k_minus_1}), of een aantal dat "
        "verborgen is omdat daarmee een klein aantal uit een totaal te berekenen zou zijn."
    ).format(k=k, k_minus_1=k - 1)


def threshold_note(k: int, lang: str = "nl") -> str:
    _ = translator(lang).gettext
    return _(
        "Aantallen van 1 tot en met {k_minus_1} worden niet genoemd (drempelwaarde k = {k}), "
        "zodat geen cijfer tot een persoon te herleiden is."
    ).format(k=k, k_minus_1=k - 1)


def tiny_note(k: int, lang: str = "nl") -> str:
    _ = translator(lang).gettext
    return _(
        "Er waren dit jaar minder dan {k} meldingen. Daarom worden alleen het totaal en de "
        "toelichting van de vertrouwenspersoon gepubliceerd; verdelingen naar categorie, "
        "relatie, uitkomst of kanaal blijven achterwege."
    ).format(k=k)


def rule_notes(k: int, lang: str = "nl") -> list[str]:
    """The rules applied, as the reader of every (non-tiny) report gets them."""
    return [threshold_note(k, lang), hidden_note(k, lang), note(NO_BREAKDOWN_NOTE, lang)]
