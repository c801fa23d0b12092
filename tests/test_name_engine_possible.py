"""Possible names: a capitalised word after a title or form of address that is not a recorded
name is reported as kind "possible" with a stable key; recorded names after a title stay
names; ordinary sentences give no possible hits. Plus the invariants of scan() on any text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vp_desktop.letters.name_check import NameHit, redact, scan

PEOPLE = [("Jan de Vries", "melder"), ("Sanne Jansen", "collega")]

# (text, the possible hit's text)
POSSIBLE = [
    ("Ik sprak dhr. Pietersen gisteren.", "Pietersen"),
    ("Ik sprak dhr Pietersen gisteren.", "Pietersen"),
    ("Ik sprak DHR. PIETERSEN gisteren.", "PIETERSEN"),
    ("Ik sprak Dhr. Pietersen gisteren.", "Pietersen"),
    ("Ik sprak mevr. Smit gisteren.", "Smit"),
    ("Ik sprak mevr Smit gisteren.", "Smit"),
    ("Ik sprak mw. Smit gisteren.", "Smit"),
    ("Ik sprak mr. Smit gisteren.", "Smit"),
    ("Ik sprak dr. Smit gisteren.", "Smit"),
    ("Ik sprak drs. Smit gisteren.", "Smit"),
    ("Ik sprak ir. Smit gisteren.", "Smit"),
    ("Ik sprak ing. Smit gisteren.", "Smit"),
    ("Ik sprak prof. dr. Smit gisteren.", "Smit"),
    ("Ik sprak meneer Smit gisteren.", "Smit"),
    ("Ik sprak mevrouw Smit gisteren.", "Smit"),
    ("Ik sprak Mevrouw Smit gisteren.", "Smit"),
    ("Ik sprak de heer Smit gisteren.", "Smit"),
    ("Ik sprak De Heer Smit gisteren.", "Smit"),
    ("Ik sprak collega Marieke gisteren.", "Marieke"),
    ("Ik sprak juffrouw Ans gisteren.", "Ans"),
    ("Ik sprak mevrouw De Wit gisteren.", "De Wit"),
    ("Ik sprak mevrouw de Wit gisteren.", "de Wit"),
    ("Ik sprak dhr. J. van Dam gisteren.", "J. van Dam"),
    ("Ik sprak dhr. J.K. van 't Hek gisteren.", "J.K. van 't Hek"),
    ("Ik sprak mevr. P. v.d. Meer gisteren.", "P. v.d. Meer"),
    ("Ik sprak mevrouw Anna Smit-Bos gisteren.", "Anna Smit-Bos"),
    ("Ik sprak de heer\nPietersen gisteren.", "Pietersen"),
    ("Ik sprak de heer Özdemir gisteren.", "Özdemir"),
    ("Geachte mevrouw Smit,", "Smit"),
    ("Dat vond mevrouw Smit. Zij ging weg.", "Smit"),
    ("Ik sprak dhr.Pietersen gisteren.", "Pietersen"),
    ("Ik sprak mevrouw Anna Maria Smit Bos Kok gisteren.", "Anna Maria Smit Bos"),
    ("Ik sprak mevrouw Smit Zei dat.", "Smit"),
]


@pytest.mark.parametrize(("text", "written"), POSSIBLE)
def test_a_capitalised_unknown_word_after_a_title_is_a_possible_name(text, written):
    hits = scan(text, PEOPLE)
    start = text.index(written)
    assert [(h.start, h.end, h.matched, h.kind, h.name, h.role) for h in hits] == [
        (start, start + len(written), written, "possible", "", "")
    ]
    assert hits[0].key == " ".join(written.casefold().replace("ö", "o").split())
    assert scan(text, PEOPLE, possible=False) == []
    assert redact(text, PEOPLE, lambda h: "[naam]") == text.replace(written, "[naam]")


@pytest.mark.parametrize(
    "text",
    [
        "De heer is ziek en mevrouw ook.",
        "Geachte heer, geachte mevrouw,",
        "Geachte heer/mevrouw,",
        "Beste collega's, beste collega,",
        "Ik sprak met de heer. Daarna ging ik naar huis.",
        "Dat zei dhr. Hij ging toen weg.",
        "De collega van de afdeling belde.",
        "Mevrouw de voorzitter opende.",
        "Gisteren kwam Pietersen langs. Smit was er niet.",
        "Meneer zei dat het Ziekenhuis belde.",
        "Het ging om de heer\n\nPietersen.",
        "De drs. in de zaal.",
        "Als collega VP en collega HR weet ik dat.",
    ],
)
def test_ordinary_sentences_give_no_possible_name(text):
    assert scan(text, PEOPLE) == []


def test_a_recorded_name_after_a_title_is_a_name_not_a_possible_name():
    for text, written in [
        ("Ik sprak mevrouw Jansen.", "Jansen"),
        ("Ik sprak de heer De Vries.", "De Vries"),
        ("Ik sprak dhr. J. de Vries.", "J. de Vries"),
        ("Ik sprak collega Sanne.", "Sanne"),
        ("Ik sprak mevr. S. Jansen.", "S. Jansen"),
    ]:
        hits = scan(text, PEOPLE)
        assert [(h.matched, h.kind) for h in hits] == [(written, "name")], text


def test_the_words_around_a_recorded_name_stay_possible():
    hits = scan("Ik sprak de heer Jan van Dam en mevrouw Anna Jansen.", PEOPLE)
    assert [(h.matched, h.kind) for h in hits] == [
        ("Jan", "name"),
        ("van Dam", "possible"),
        ("Anna", "possible"),
        ("Jansen", "name"),
    ]


def test_the_key_is_stable_and_independent_of_position():
    one = scan("mevrouw Smit", PEOPLE)
    two = scan("Eerst iets anders. Toen belde mevrouw smit niet, maar Mevrouw SMIT wel.", PEOPLE)
    three = scan("Toen belde mevrouw Smit.", PEOPLE)
    assert [h.key for h in one] == ["smit"]
    assert [h.key for h in two] == ["smit"]  # lower-case "smit" is not a name
    assert [h.key for h in three] == ["smit"]
    assert one[0].start != three[0].start


# --- invariants on any text ------------------------------------------------------------------

ALPHABET = "abcdeghijklmnoprstuvwzABDHJMPSVW0123456789éöÖ .,;:-'’()@+\n"
pieces = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "mevrouw ",
                "dhr. ",
                "de heer ",
                "collega ",
                "Jan ",
                "de Vries",
                "Devries",
                "Jansen ",
                "S. ",
                "van ",
                "Smit ",
                "06-12345678",
                "+31 6 1234 5678",
                "jan.de.vries@example.org",
                "info@x.nl",
                ". ",
                ", ",
                "\n",
            ]
        ),
        st.text(alphabet=ALPHABET, max_size=10),
    ),
    max_size=20,
)


def tag(hit: NameHit) -> str:
    return "[x]"


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parts=pieces)
def test_scan_is_consistent_and_redaction_leaves_no_hit(parts):
    text = "".join(parts)
    hits = scan(text, PEOPLE)
    end = 0
    for h in hits:
        assert text[h.start : h.end] == h.matched and h.matched.strip() == h.matched
        assert h.start >= end and h.end > h.start
        assert h.kind in ("name", "contact", "possible")
        assert (h.kind == "possible") <= (h.name == "")
        end = h.end
    redacted = redact(text, PEOPLE, tag)
    assert scan(redacted, PEOPLE) == []


def test_an_abbreviation_after_a_possible_name_is_not_part_of_it():
    from vp_desktop.letters.name_check import scan

    hits = scan("Een compliment voor mevrouw Dijkgraaf van P&O.", [])
    assert [(h.matched, h.kind) for h in hits] == [("Dijkgraaf", "possible")]
    assert scan("Gesproken met dhr. HR/P&O.", []) == []
