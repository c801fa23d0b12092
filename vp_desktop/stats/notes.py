"""The Dutch notes that explain the disclosure rules to the reader — said once, here.

Used by :mod:`vp_desktop.stats.disclosure` (the notes of a publication) and by
:mod:`vp_desktop.stats.published` (the fallback when a publication brings none).
"""

from __future__ import annotations

MULTI_COUNT_NOTE = (
    "Eén melding kan in meer dan één rij meetellen; de aantallen tellen daarom op tot meer "
    "dan het aantal meldingen."
)
NO_BREAKDOWN_NOTE = (
    "Er is geen uitsplitsing naar afdeling, team of locatie, en er staan geen namen, "
    "functies of data in dit verslag."
)
SIZE_CLASS_NOTE = (
    "Een tabel met minstens zoveel rijen als er meldingen waren, wordt niet uitgesplitst: "
    "bij zo weinig meldingen zou elke verdeling te veel over personen zeggen."
)
TINY_TABLE_REASON = "Met zo weinig meldingen zou elke verdeling tot personen te herleiden zijn."


def hidden_note(k: int) -> str:
    """What "<k" means, truthfully: a small number, or one hidden to protect another."""
    return (
        f"“<{k}” betekent: minder dan {k} (1 tot en met {k - 1}), of een aantal dat verborgen "
        f"is omdat daarmee een klein aantal uit een totaal te berekenen zou zijn."
    )


def threshold_note(k: int) -> str:
    return (
        f"Aantallen van 1 tot en met {k - 1} worden niet genoemd (drempelwaarde k = {k}), "
        "zodat geen cijfer tot een persoon te herleiden is."
    )


def tiny_note(k: int) -> str:
    return (
        f"Er waren dit jaar minder dan {k} meldingen. Daarom worden alleen het totaal en de "
        "toelichting van de vertrouwenspersoon gepubliceerd; verdelingen naar categorie, "
        "relatie, uitkomst of kanaal blijven achterwege."
    )


def rule_notes(k: int) -> list[str]:
    """The rules applied, as the reader of every (non-tiny) report gets them."""
    return [threshold_note(k), hidden_note(k), NO_BREAKDOWN_NOTE]
