"""The name check: every spelling of a known name is found, with exact spans; nothing else."""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vp_desktop.letters.name_check import find_names, name_variants, redact

PEOPLE = [
    ("Jan de Vries", "melder"),
    ("Petra van den Berg", "beschuldigde"),
    ("Mehmet Özdemir", "getuige"),
    ("Anouk Jansen-de Boer", "collega"),
    ("Zoë El Amrani", "betrokkene"),
    ("Bram van 't Hof", "leidinggevende"),
    ("Linnéa Çelik", "getuige"),
    ("Kees IJzerman", "collega"),
]

FOUND = [
    ("Jan de Vries", "Jan de Vries"), ("JAN DE VRIES", "JAN DE VRIES"),
    ("Jan", "Jan"), ("de Vries", "de Vries"), ("De Vries", "De Vries"), ("Vries", "Vries"),
    ("Jans", "Jans"), ("Jan's", "Jan's"), ("Jan’s", "Jan’s"), ("de Vries'", "de Vries'"),
    ("J. de Vries", "J. de Vries"), ("Jan Vries", "Jan Vries"),
    ("Petra", "Petra"), ("van den Berg", "van den Berg"), ("Van den Berg", "Van den Berg"),
    ("Berg", "Berg"), ("P. van den Berg", "P. van den Berg"), ("P.J. Berg", "P.J. Berg"),
    ("Petra Berg", "Petra Berg"), ("Petra's", "Petra's"),
    ("Özdemir", "Özdemir"), ("Ozdemir", "Ozdemir"), ("OZDEMIR", "OZDEMIR"), ("Mehmet", "Mehmet"),
    ("Jansen-de Boer", "Jansen-de Boer"), ("Jansen - de Boer", "Jansen - de Boer"),
    ("Jansen de Boer", "Jansen de Boer"), ("Jansen", "Jansen"), ("de Boer", "de Boer"),
    ("Boer", "Boer"), ("Anouk", "Anouk"),
    ("Zoe", "Zoe"), ("Zoë", "Zoë"), ("El Amrani", "El Amrani"), ("Amrani", "Amrani"),
    ("van 't Hof", "van 't Hof"), ("van ’t Hof", "van ’t Hof"), ("Hof", "Hof"),
    ("Linnea Celik", "Linnea Celik"), ("Çelik", "Çelik"),
    ("IJzerman", "IJzerman"), ("Ĳzerman", "Ĳzerman"), ("ijzerman", "ijzerman"),
]
NOT_FOUND = ["januari", "Jansenweg", "bergen", "Vriesland", "hofje", "de", "van", "El", "J.",
             "boerderij", "Petrakerk"]


@pytest.mark.parametrize(("written", "expected"), FOUND)
def test_every_spelling_is_found_with_its_exact_span(written, expected):
    text = f"Zoals besproken: {written}, en verder niets."
    hits = find_names(text, PEOPLE)
    assert [h.matched for h in hits] == [expected]
    hit = hits[0]
    assert text[hit.start:hit.end] == hit.matched


@pytest.mark.parametrize("written", NOT_FOUND)
def test_near_misses_are_not_names(written):
    assert find_names(f"Het gaat over {written} vandaag.", PEOPLE) == []


def test_longest_match_wins_and_roles_are_reported():
    hits = find_names("Gesprek met Petra van den Berg en Jan.", PEOPLE)
    assert [(h.matched, h.role) for h in hits] == [("Petra van den Berg", "beschuldigde"),
                                                  ("Jan", "melder")]


def test_redaction_leaves_no_name_behind():
    text = ("Jan de Vries vertelt dat PETRA en Ozdemir erbij waren; Jansen-de Boer niet. "
            "Zoë's collega van ’t Hof en Ĳzerman ook.")
    clean = redact(text, PEOPLE, lambda _name, role: f"[{role}]")
    assert find_names(clean, PEOPLE) == []
    assert clean.startswith("[melder] vertelt dat [beschuldigde] en [getuige]")


def test_empty_and_duplicate_people_are_ignored():
    assert find_names("Jan", [("", "x"), ("  ", "y")]) == []
    assert len(find_names("Jan", [("Jan de Vries", "melder")] * 3)) == 1
    assert name_variants("A") == []


LETTERS = string.ascii_letters + "àéëïöüçĳ"
filler = st.text(alphabet=LETTERS + " ,.;:!?\n()-", max_size=40).map(
    lambda t: f" {t} " if t else " ")


@settings(max_examples=150, deadline=None)
@given(before=filler, after=filler, which=st.sampled_from(FOUND))
def test_a_name_inside_random_text_is_always_found(before, after, which):
    written, _ = which
    text = f"{before}{written}{after}"
    hits = find_names(text, PEOPLE)
    assert any(text[h.start:h.end].strip() == written and h.matched == written for h in hits) \
        or any(written in h.matched for h in hits)


MADE_UP = [("Qwrtzyx Plonkvaard", "melder"), ("Zyxwert Vlumbergh", "getuige")]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=LETTERS + " ,.;\n'-", max_size=300))
def test_random_text_without_names_gives_no_hits(text):
    assert find_names(text, MADE_UP) == [] or any(
        part in text.lower() for part in ("qwrtzyx", "plonkvaard", "zyxwert", "vlumbergh"))
