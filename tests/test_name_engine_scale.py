"""The name engine with the whole journal as its name universe: thousands of people, every
hit of a case's own people still found, one index per people list, dropped on clear_cache.
(Timings at 30,000 people: tests/benchmarks/test_name_check_speed.py.)"""

from __future__ import annotations

import random

from test_name_check import TEN_PEOPLE, three_pages

from vp_desktop.letters import name_check
from vp_desktop.letters.name_check import find_names, scan

GIVEN = str.split(
    "Jan Piet Kees Anouk Petra Sanne Lotte Emma Sophie Julia Tess Sara Eva Lisa Noa Mila Zoë "
    "Daan Sem Lucas Levi Finn Milan Bram Thomas Ruben Jesse Mehmet Ahmed Fatima Aisha Yusuf "
    "Ayşe Linnéa Søren Jan-Willem Anne-Marie Hendrik Willem Johannes Maria Cornelis Geert "
    "Gerrit Dirk Klaas Wim Henk Ingrid Marieke Femke Ilse Inge Karin Monique Esther Joost "
    "Maarten Niels Pieter Roel Stefan Vincent Wouter Youssef Ibrahim Samira Nadia Priya Wei "
    "Olga Ivan Katarzyna Piotr"
)
SURNAMES = str.split(
    "Jansen Bakker Visser Smit Meijer Mulder Bos Vos Peters Hendriks Dekker Dijkstra Brouwer "
    "Kok Jacobs Vermeulen Willems Hoekstra Koster Prins Huisman Kuipers Postma Schouten Maas "
    "Verbeek Kramer Veenstra Blom Timmermans Groen Gerritsen Kaya Yilmaz Özdemir Çelik Amrani "
    "Bouzid Haddou Nguyen Wang Kowalski Novak Schmidt Müller O'Neill Hondt Hof Berg Vries Boer "
    "Dijk Linden Meer Veen Wal Heuvel Broek Bosch Leeuwen Beek Horst Brink Pol Graaf Laan Wit "
    "Haan Jong Groot Bruijn Ridder Mol Wijk Akker Zanden Velde Hoeven Koning Leeuw"
)
ENDINGS = ["", "", "s", "er", "ink", "ma", "stra", "man", "huis", "kamp", "veld", "stee", "ing"]
PARTICLES = ["", "", "", "van", "de", "van den", "van der", "van de", "ter", "ten", "el"]
ROLES = ["melder", "beschuldigde", "getuige", "collega", "leidinggevende"]


def journal_people(n: int, seed: int = 1) -> list[tuple[str, str]]:
    """``n`` distinct made-up (full name, role) pairs, deterministic, Dutch-looking."""
    rnd = random.Random(seed)
    seen: set[str] = set()
    people: list[tuple[str, str]] = []
    while len(people) < n:
        surname = rnd.choice(SURNAMES) + rnd.choice(ENDINGS)
        name = " ".join(w for w in (rnd.choice(GIVEN), rnd.choice(PARTICLES), surname) if w)
        if rnd.random() < 0.1:
            name += "-" + rnd.choice(["de ", "van ", ""]) + rnd.choice(SURNAMES)
        if name not in seen:
            seen.add(name)
            people.append((name, rnd.choice(ROLES)))
    return people


def covered(hit, hits) -> bool:
    return any(h.start <= hit.start and hit.end <= h.end for h in hits)


def test_a_case_s_hits_are_still_found_among_thousands_of_names():
    text = three_pages()
    universe = TEN_PEOPLE + journal_people(4000)
    own = find_names(text, TEN_PEOPLE)
    assert len(own) == 64
    everyone = find_names(text, universe)
    assert all(covered(h, everyone) for h in own)
    # the case's people come first, so their own hits keep their attribution
    by_span = {(h.start, h.end): h.name for h in everyone}
    assert all(by_span.get((h.start, h.end)) == h.name for h in own)


def test_a_name_from_another_case_is_found_with_that_person():
    universe = journal_people(4000, seed=7)
    name, role = universe[3210]
    text = f"In het gesprek noemde de melder {name} twee keer."
    hits = scan(text, universe)
    assert [(h.matched, h.kind, h.role) for h in hits][:1] == [(name, "name", role)]


def test_one_index_per_people_list_and_clear_cache_drops_it():
    universe = journal_people(1500, seed=3)
    name_check.clear_cache()
    first = name_check._matcher_of(universe)
    assert name_check._matcher_of(list(universe)) is first  # an equal list, not the same object
    assert name_check._matcher_of(universe[:-1]) is not first
    find_names(f"Met {universe[0][0]}.", universe)
    assert first.tries  # buckets built on first use
    name_check.clear_cache()
    assert name_check._matcher.cache_info().currsize == 0
    assert name_check._matcher_as_given.cache_info().currsize == 0
    assert name_check._matcher_of(universe) is not first
