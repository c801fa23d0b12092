"""The name check (vp_desktop.letters.name_check): every spelling of a known name is found with
its exact span, near-misses are not, and redaction leaves nothing findable behind."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vp_desktop.letters import name_check
from vp_desktop.letters.name_check import NameHit, find_names, name_variants, redact

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
ROLE = dict(PEOPLE)

# Per person: spellings that must each be found as one hit covering exactly the spelling.
SPELLINGS: dict[str, list[str]] = {
    "Jan de Vries": [
        "Jan de Vries",
        "JAN DE VRIES",
        "jan de vries",
        "Jan",
        "de Vries",
        "De Vries",
        "Vries",
        "Jan Vries",
        "J. de Vries",
        "J.P. de Vries",
        "J.P.de Vries",
        "Jans",
        "Jan's",
        "Jan’s",
        "de Vries'",
        "De Vries’",
        "Jan  de\nVries",
    ],
    "Petra van den Berg": [
        "Petra van den Berg",
        "PETRA VAN DEN BERG",
        "Petra",
        "van den Berg",
        "Van den Berg",
        "Van Den Berg",
        "VAN DEN BERG",
        "Berg",
        "Petra Berg",
        "P. van den Berg",
        "P.\u00a0van den Berg",
        "P.J.M. van den Berg",
        "P. Berg",
        "Petra's",
        "van den Bergs",
        "v.d. Berg",
        "vd Berg",
        "v/d Berg",
        "P. v.d. Berg",
        "Petra v.d. Berg",
        "van den\nBerg",
    ],
    "Mehmet Özdemir": [
        "Mehmet Özdemir",
        "Mehmet Ozdemir",
        "MEHMET ÖZDEMIR",
        "Özdemir",
        "Ozdemir",
        "OZDEMIR",
        "ÖZDEMİR",
        "Oezdemir",
        "Mehmet",
        "M. Özdemir",
        "M. Ozdemir",
        "Özdemir's",
        "Mehmets",
    ],
    "Anouk Jansen-de Boer": [
        "Anouk Jansen-de Boer",
        "Jansen-de Boer",
        "Jansen - de Boer",
        "Jansen – de Boer",
        "Jansen de Boer",
        "JANSEN-DE BOER",
        "Jansen-De Boer",
        "Jansen",
        "de Boer",
        "De Boer",
        "Boer",
        "Anouk",
        "Anouk Jansen",
        "Anouk de Boer",
        "Anouk Boer",
        "A. Jansen-de Boer",
        "A. de Boer",
        "Anouk's",
        "Jansen's",
        "Jansen-\nde Boer",
    ],
    "Zoë El Amrani": [
        "Zoë El Amrani",
        "Zoe El Amrani",
        "ZOË EL AMRANI",
        "Zoë",
        "Zoe",
        "ZOE",
        "Zoe\u0308",
        "El Amrani",
        "el Amrani",
        "Amrani",
        "Zoë Amrani",
        "Z. El Amrani",
        "Zoë's",
        "Amrani's",
    ],
    "Bram van 't Hof": [
        "Bram van 't Hof",
        "Bram van ’t Hof",
        "BRAM VAN 'T HOF",
        "van 't Hof",
        "Van 't Hof",
        "Van ’t Hof",
        "Hof",
        "Bram",
        "Bram Hof",
        "B. van 't Hof",
        "Bram's",
        "van 't Hofs",
    ],
    "Linnéa Çelik": [
        "Linnéa Çelik",
        "Linnea Celik",
        "LINNÉA ÇELIK",
        "Linne\u0301a C\u0327elik",
        "Linnéa",
        "Linnea",
        "Çelik",
        "Celik",
        "CELIK",
        "L. Çelik",
        "Çelik's",
        "Linnéa's",
    ],
    "Kees IJzerman": [
        "Kees IJzerman",
        "Kees Ĳzerman",
        "kees ijzerman",
        "KEES IJZERMAN",
        "IJzerman",
        "Ijzerman",
        "Ĳzerman",
        "Kees",
        "K. IJzerman",
        "IJzerman's",
        "Kees'",
        "Kees’",
        "IJzermans",
    ],
}
ALL_SPELLINGS = [(name, written) for name, forms in SPELLINGS.items() for written in forms]

NEAR_MISSES = [
    "januari",
    "Jansenweg",
    "Janssen",
    "bergen",
    "Bergman",
    "Vriesland",
    "vriezen",
    "hofje",
    "Hoffman",
    "Petrakerk",
    "zoek",
    "Keesje",
    "ijzer",
    "boerderij",
    "Amranistraat",
    "Celiktas",
    "Brammetje",
    "Mehmetoglu",
    "Linnen",
    "de",
    "van",
    "El",
    "'t",
    "van den",
    "J.",
    "P.J.",
    "A.",
]


def spans(hits: list[NameHit]) -> list[tuple[int, int, str, str]]:
    return [(h.start, h.end, h.matched, h.name) for h in hits]


def check_offsets(text: str, hits: list[NameHit]) -> None:
    previous_end = 0
    for h in hits:
        assert text[h.start : h.end] == h.matched
        assert h.start >= previous_end  # sorted, not overlapping
        previous_end = h.end


# --- every spelling, exact spans -------------------------------------------------------------


@pytest.mark.parametrize(("name", "written"), ALL_SPELLINGS)
def test_spelling_is_found_mid_sentence(name, written):
    text = f"Gisteren sprak ik met {written} over het incident."
    hits = find_names(text, PEOPLE)
    start = text.index(written)
    assert spans(hits) == [(start, start + len(written), written, name)]
    assert hits[0].role == ROLE[name]


@pytest.mark.parametrize(("name", "written"), ALL_SPELLINGS)
def test_spelling_is_found_at_the_start_and_end_of_a_text(name, written):
    for text in (f"{written} kwam binnen.", f"Ik sprak {written}", written):
        start = text.index(written)
        assert spans(find_names(text, PEOPLE)) == [(start, start + len(written), written, name)]


@pytest.mark.parametrize("word", NEAR_MISSES)
def test_near_misses_are_not_found(word):
    assert find_names(f"Het gaat over {word} vandaag.", PEOPLE) == []
    assert find_names(word, PEOPLE) == []


def test_a_sentence_with_several_people():
    text = (
        "Van den Berg belde op 3 januari. Zij zei dat Jan's leidinggevende, Bram van ’t Hof,\n"
        "het wist; ook ÖZDEMIR en Jansen - de Boer waren erbij (niet Zoe of de bergen)."
    )
    hits = find_names(text, PEOPLE)
    check_offsets(text, hits)
    assert [(h.matched, h.role) for h in hits] == [
        ("Van den Berg", "beschuldigde"),
        ("Jan's", "melder"),
        ("Bram van ’t Hof", "leidinggevende"),
        ("ÖZDEMIR", "getuige"),
        ("Jansen - de Boer", "collega"),
        ("Zoe", "betrokkene"),
    ]


# --- the rules one by one --------------------------------------------------------------------


def test_name_variants_lists_what_is_searched():
    assert name_variants("Petra van den Berg") == [
        "petra van den berg",
        "petra v.d. berg",
        "petra v/d berg",
        "petra vd berg",
        "van den berg",
        "petra berg",
        "v.d. berg",
        "v/d berg",
        "vd berg",
        "petra",
        "berg",
    ]
    variants = set(name_variants("Anouk Jansen-de Boer"))
    assert {"anouk jansen-de boer", "jansen-de boer", "jansen de boer", "jansen", "de boer"} <= (
        variants
    )
    assert {"boer", "anouk", "anouk jansen", "anouk boer"} <= variants
    assert set(name_variants("Mehmet Özdemir")) >= {"ozdemir", "oezdemir", "mehmet"}
    assert "de" not in variants and "van" not in name_variants("Petra van den Berg")
    assert name_variants("") == [] and name_variants("J") == [] and name_variants("  ") == []


def test_a_stripped_core_needs_three_letters_but_a_plain_surname_two():
    assert "bo" not in name_variants("Jan de Bo")
    assert find_names("Bo zei niets.", [("Jan de Bo", "getuige")]) == []
    assert spans(find_names("Bo zei niets.", [("Mei Bo", "getuige")])) == [(0, 2, "Bo", "Mei Bo")]
    # but a short core still counts after a first name or initials
    assert spans(find_names("Jan Bo en J. de Bo", [("Jan de Bo", "getuige")])) == [
        (0, 6, "Jan Bo", "Jan de Bo"),
        (10, 18, "J. de Bo", "Jan de Bo"),
    ]


def test_names_with_fewer_than_two_letters_are_ignored():
    assert find_names("J kwam, en J. ook.", [("J", "getuige")]) == []
    assert spans(find_names("Bo kwam.", [("Bo", "getuige")])) == [(0, 2, "Bo", "Bo")]


def test_an_initial_alone_never_hits():
    people = [("Petra van den Berg", "melder")]
    assert find_names("Zie bijlage P. voor details; P.J. tekende.", people) == []


def test_lower_case_abbreviations_are_not_initials():
    people = [("Anouk Jansen-de Boer", "collega")]
    assert spans(find_names("t.a.v. Jansen", people)) == [(7, 13, "Jansen", people[0][0])]
    assert spans(find_names("o.a. De Boer", people)) == [(5, 12, "De Boer", people[0][0])]
    assert spans(find_names("Ph. Jansen", people)) == [(0, 10, "Ph. Jansen", people[0][0])]


def test_initials_are_any_initials():
    # A namesake with other initials is still flagged, the initials inside the hit.
    hits = find_names("Brief aan K.L. van den Berg.", [("Petra van den Berg", "melder")])
    assert [h.matched for h in hits] == ["K.L. van den Berg"]


def test_possessive_apostrophe_only_after_a_sibilant():
    people = [("Jan de Vries", "melder")]
    assert [h.matched for h in find_names("'Jan' zei hij", people)] == ["Jan"]
    assert [h.matched for h in find_names("de Vries' auto", people)] == ["de Vries'"]
    assert [h.matched for h in find_names("Vries’ auto", people)] == ["Vries’"]


def test_apostrophe_inside_a_name():
    people = [("Jan d'Hondt", "getuige"), ("Sanne in 't Veld", "collega")]
    text = "D’Hondt en Sanne in ’t Veld; ook Hondt, In 't Veld en Veld."
    hits = find_names(text, people)
    check_offsets(text, hits)
    assert [h.matched for h in hits] == [
        "D’Hondt",
        "Sanne in ’t Veld",
        "Hondt",
        "In 't Veld",
        "Veld",
    ]


def test_more_particles():
    people = [("Thomas ter Horst", "getuige"), ("Eva op de Beek", "collega")]
    text = "Ter Horst en Op de Beek; Horst, Beek, T. ter Horst en Eva Beek."
    assert [h.matched for h in find_names(text, people)] == [
        "Ter Horst",
        "Op de Beek",
        "Horst",
        "Beek",
        "T. ter Horst",
        "Eva Beek",
    ]
    assert find_names("ter en op de", people) == []


def test_leading_al_or_ben_is_a_given_name():
    assert spans(find_names("Ben zei het.", [("Ben de Wit", "getuige")])) == [
        (0, 3, "Ben", "Ben de Wit")
    ]
    assert "al" in name_variants("Al Jansen")
    # after a given name "Al" is a particle: not searched alone
    assert find_names("Dat wist ik al.", [("Samira Al Amrani", "getuige")]) == []


def test_a_surname_that_is_only_a_particle_is_not_searched_alone():
    people = [("Jan Van", "getuige")]
    assert spans(find_names("Van Jan Van.", people)) == [
        (4, 11, "Jan Van", "Jan Van"),
    ]
    assert find_names("van en de", people) == []


def test_symbols_in_a_listed_name_are_ignored():
    people = [("Jan (Johannes) de Vries", "melder")]
    assert [h.matched for h in find_names("Johannes de Vries en Jan", people)] == [
        "Johannes de Vries",
        "Jan",
    ]


def test_hyphenated_given_name():
    people = [("Jan-Willem de Vries", "melder")]
    text = "Jan-Willem, Jan Willem, Willem en Jan-Willem de Vries."
    assert [h.matched for h in find_names(text, people)] == [
        "Jan-Willem",
        "Jan Willem",
        "Willem",
        "Jan-Willem de Vries",
    ]


def test_surname_first_notation_in_the_people_list():
    assert name_variants("Berg, Petra van den") == name_variants("Petra van den Berg")
    hits = find_names("Petra van den Berg", [("Berg, Petra van den", "melder")])
    assert spans(hits) == [(0, 18, "Petra van den Berg", "Berg, Petra van den")]


def test_double_surname_without_a_hyphen():
    people = [("Maria van der Linden van Dijk", "getuige")]
    text = "Van der Linden, Dijk en Maria van Dijk"
    assert [h.matched for h in find_names(text, people)] == [
        "Van der Linden",
        "Dijk",
        "Maria van Dijk",
    ]


def test_folding_special_letters():
    people = [("Anja Groß", "getuige"), ("Søren Ødegård", "collega"), ("Ayşe Yılmaz", "melder")]
    text = "GROSS, Groß, Soren Odegard, ØDEGÅRD, Ayse Yilmaz en YILMAZ"
    hits = find_names(text, people)
    check_offsets(text, hits)
    assert [h.matched for h in hits] == [
        "GROSS",
        "Groß",
        "Soren Odegard",
        "ØDEGÅRD",
        "Ayse Yilmaz",
        "YILMAZ",
    ]


def test_offsets_survive_characters_that_expand_or_vanish():
    people = [("Kees IJzerman", "collega"), ("Zoë El Amrani", "melder")]
    # "ﬁ" folds to two letters, "ß" to two, the combining accent and soft hyphen to none
    text = "De ﬁnale van Straße: Ĳzerman's hond, Zoe\u0308 en Am\u00adrani."
    hits = find_names(text, people)
    check_offsets(text, hits)
    assert [h.matched for h in hits] == ["Ĳzerman's", "Zoe\u0308", "Am\u00adrani"]
    assert hits[1].end == text.index(" en")  # the combining mark belongs to the hit


def test_decomposed_name_in_the_people_list():
    hits = find_names("Zoë kwam.", [("Zoe\u0308 El Amrani", "melder")])
    assert [h.matched for h in hits] == ["Zoë"]


def test_the_longest_match_wins_and_the_loser_keeps_its_free_part():
    people = [("Anna Petra", "getuige"), ("Petra van den Berg", "melder")]
    hits = find_names("Anna Petra van den Berg", people)
    assert spans(hits) == [
        (0, 4, "Anna", "Anna Petra"),
        (5, 23, "Petra van den Berg", "Petra van den Berg"),
    ]


def test_a_shared_variant_goes_to_the_full_name_or_the_first_person():
    people = [("Jan de Vries", "melder"), ("Kees de Vries", "getuige"), ("Kees", "collega")]
    hits = find_names("de Vries, Kees de Vries, Kees", people)
    assert [(h.matched, h.role) for h in hits] == [
        ("de Vries", "melder"),
        ("Kees de Vries", "getuige"),
        ("Kees", "collega"),  # "Kees" is that person's full name
    ]


def test_clear_cache_forgets_the_compiled_names():
    find_names("Jan", PEOPLE)
    assert name_check._matcher.cache_info().currsize > 0
    name_check.clear_cache()
    assert name_check._matcher.cache_info().currsize == 0
    assert [h.matched for h in find_names("Jan", PEOPLE)] == ["Jan"]


def test_empty_and_duplicate_people_are_ignored():
    assert find_names("Jan", [("", "getuige"), ("   ", "collega")]) == []
    assert find_names("Jan", []) == []
    assert find_names("", PEOPLE) == []
    people = [("Jan de Vries", "melder"), (" Jan  de Vries ", "melder"), ("", "x")]
    assert spans(find_names("Jan", people)) == [(0, 3, "Jan", "Jan de Vries")]


# --- redaction -------------------------------------------------------------------------------


def role_tag(_name: str, role: str) -> str:
    return f"[{role}]"


def test_redact_replaces_every_hit_with_the_role():
    text = (
        "Jan de Vries vertelde dat P.J. van den Berg en Petra's collega Ozdemir het wisten; "
        "Jansen – de Boer, Zoë en van ’t Hof niet. Kees' fiets stond bij IJzerman."
    )
    assert redact(text, PEOPLE, role_tag) == (
        "[melder] vertelde dat [beschuldigde] en [beschuldigde] collega [getuige] het wisten; "
        "[collega], [betrokkene] en [leidinggevende] niet. [collega] fiets stond bij [collega]."
    )


def test_redact_without_names_changes_nothing():
    text = "In januari zijn de bergen van het hofje in Vriesland beklommen."
    assert redact(text, PEOPLE, role_tag) == text


@pytest.mark.parametrize(("name", "written"), ALL_SPELLINGS)
def test_after_redaction_nothing_is_found(name, written):
    text = f"Gisteren: {written}, en daarna {written.upper()}!\n{written}'s?"
    redacted = redact(text, PEOPLE, role_tag)
    assert find_names(redacted, PEOPLE) == []
    assert f"[{ROLE[name]}]" in redacted


# --- properties ------------------------------------------------------------------------------

FILLER_ALPHABET = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    "éëèïöüçñßàÖÉÇĳĲøÅ\u0301 \n\t.,;:!?'’\"-–()"
)
filler = st.text(alphabet=FILLER_ALPHABET, max_size=60)
# characters that can never be part of a name hit, placed right against the inserted name
left_edge = st.sampled_from(list('("[,;:!?«'))
right_edge = st.sampled_from(list(')"],;:!?»'))


def casings(written: str) -> list[str]:
    forms = [written, written.upper(), written.title()]
    if "." not in written:  # lower-case initials are not initials
        forms.append(written.lower())
    return forms


inserted = st.sampled_from(ALL_SPELLINGS).flatmap(
    lambda pair: st.tuples(st.just(pair[0]), st.sampled_from(casings(pair[1])))
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(before=filler, left=left_edge, person=inserted, right=right_edge, after=filler)
def test_an_inserted_name_is_always_found_with_its_span(before, left, person, right, after):
    name, written = person
    text = before + left + written + right + after
    start = len(before) + len(left)
    hits = find_names(text, PEOPLE)
    check_offsets(text, hits)
    assert (start, start + len(written), written, name) in spans(hits)
    assert find_names(redact(text, PEOPLE, role_tag), PEOPLE) == []


MADE_UP = [
    ("Xylofrant van der Quibbelstein", "melder"),
    ("Zorbulak ter Vlimmenhaar-de Klonkwijzer", "beschuldigde"),
    ("Grindewolt Al Mafrunesh", "getuige"),
]
ORDINARY_WORDS = [
    "van",
    "der",
    "de",
    "den",
    "ter",
    "het",
    "'t",
    "’t",
    "in",
    "op",
    "al",
    "El",
    "Al",
    "P.",
    "J.K.",
    "v.d.",
    "vd",
    "'s",
    "januari",
    "gesprek",
    "melder",
    "leidinggevende",
    "Jan",
    "Vries",
    "Berg",
    "Klonk",
    "Quibbel",
    "Xylo",
    "Mafrun",
    "wijzer",
    "Haar",
    "stein",
    "-",
]
separator = st.sampled_from([" ", "  ", "\n", ", ", ". ", "-", "'", "’", " - ", "; "])
words = st.lists(
    st.one_of(st.sampled_from(ORDINARY_WORDS), st.text(alphabet=FILLER_ALPHABET, max_size=12)),
    max_size=40,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parts=words, seps=st.lists(separator, min_size=40, max_size=40))
def test_text_without_the_names_gives_no_hits(parts, seps):
    text = "".join(word + sep for word, sep in zip(parts, seps, strict=False))
    assert find_names(text, MADE_UP) == []
    assert redact(text, MADE_UP, role_tag) == text


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=200))
def test_any_text_gives_consistent_offsets(text):
    check_offsets(text, find_names(text, PEOPLE))


# --- speed -----------------------------------------------------------------------------------

TEN_PEOPLE = [*PEOPLE, ("Sanne Bakker", "getuige"), ("Thomas ter Horst", "collega")]
PARAGRAPH = (
    "Op 14 maart heeft {a} contact opgenomen met de vertrouwenspersoon over de werksfeer op de "
    "afdeling. Volgens de melder maakt {b} sinds januari regelmatig opmerkingen over het werk en "
    "het uiterlijk van collega's; {c} heeft dat ook gezien. Er is gesproken over de "
    "mogelijkheden: een gesprek met de leidinggevende, een informele oplossing, of een formele "
    "klacht bij de Landelijke Klachtencommissie. De melder wil eerst zelf met {d} praten en "
    "daarna opnieuw contact opnemen. Afgesproken is dat de vertrouwenspersoon over twee weken "
    "terugbelt om te horen hoe het gesprek is verlopen en welke vervolgstappen nodig zijn.\n\n"
)


def three_pages() -> str:
    fills = ["Jan de Vries", "P. van den Berg", "Özdemir", "Jansen-de Boer", "Zoë", "Hof's"]
    paragraphs = [
        PARAGRAPH.format(a=fills[i % 6], b=fills[(i + 1) % 6], c="Kees", d="Linnea Celik")
        for i in range(16)
    ]
    return "".join(paragraphs)  # ~ 1,650 words, ~ 11,000 characters: three A4 pages


def test_a_three_page_letter_finds_every_planted_name():
    """Correctness only; the speed of this check is measured in tests/benchmarks."""
    text = three_pages()
    assert len(text.split()) > 1500
    name_check._matcher.cache_clear()
    assert len(find_names(text, TEN_PEOPLE)) == 16 * 4
