"""The name engine (vp_desktop.letters.name_check) against what letters and inzage reports
leaked: initials, joined surnames, e-mail addresses built from a name, phone numbers, and
unknown names after a title. Each spelling is found with its exact span, and redaction leaves
nothing of it behind (compared case- and accent-folded)."""

from __future__ import annotations

import unicodedata

import pytest

from vp_desktop.letters.name_check import NameHit, find_names, redact, scan

PEOPLE = [
    ("Jan de Vries", "melder"),
    ("Petra van den Berg", "beschuldigde"),
    ("Shane O'Neill", "getuige"),
    ("Zoë El Amrani", "betrokkene"),
    ("Sanne Jansen", "collega"),
    ("Jan-Willem Bakker", "leidinggevende"),
]
ROLE = dict(PEOPLE)


def folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def only_hit(text: str, **flags: bool) -> NameHit:
    hits = scan(text, PEOPLE, **flags)
    assert len(hits) == 1, hits
    return hits[0]


def role_tag(hit: NameHit) -> str:
    return f"[{hit.role or hit.kind}]"


# --- the reported findings -------------------------------------------------------------------

# (written, whose name, the folded letters that must be gone after redaction)
NAME_FINDINGS = [
    ("J.W. Bakker", "Jan-Willem Bakker", "bakker"),
    ("J. W. Bakker", "Jan-Willem Bakker", "bakker"),
    ("JW Bakker", "Jan-Willem Bakker", "bakker"),
    ("Vandenberg", "Petra van den Berg", "vandenberg"),
    ("VANDENBERG", "Petra van den Berg", "vandenberg"),
    ("P. Vandenberg", "Petra van den Berg", "vandenberg"),
    ("Petra Vandenberg", "Petra van den Berg", "vandenberg"),
    ("O'Neill", "Shane O'Neill", "neill"),
    ("O’Neill", "Shane O'Neill", "neill"),
    ("ONeill", "Shane O'Neill", "oneill"),
    ("Oneill", "Shane O'Neill", "oneill"),
    ("S. ONeill", "Shane O'Neill", "oneill"),
    ("Elamrani", "Zoë El Amrani", "elamrani"),
    ("Z. Elamrani", "Zoë El Amrani", "elamrani"),
    ("Devries", "Jan de Vries", "devries"),
    ("DeVries", "Jan de Vries", "devries"),
    ("Jan Devries", "Jan de Vries", "devries"),
]


@pytest.mark.parametrize(("written", "name", "gone"), NAME_FINDINGS)
def test_each_finding_is_one_name_hit_and_redaction_removes_it(written, name, gone):
    text = f"Gisteren sprak ik met {written} over het incident."
    start = text.index(written)
    hit = only_hit(text)
    assert (hit.start, hit.end, hit.matched, hit.name, hit.role, hit.kind) == (
        start,
        start + len(written),
        written,
        name,
        ROLE[name],
        "name",
    )
    redacted = redact(text, PEOPLE, role_tag)
    assert gone not in folded(redacted).replace(" ", "").replace("'", "")
    assert redacted == f"Gisteren sprak ik met [{ROLE[name]}] over het incident."


def test_mevr_p_vd_berg_is_covered_from_the_initial():
    text = "Geachte mevr. P. v.d. Berg,"
    hit = only_hit(text)
    assert (hit.matched, hit.kind, hit.role) == ("P. v.d. Berg", "name", "beschuldigde")
    assert redact(text, PEOPLE, role_tag) == "Geachte mevr. [beschuldigde],"


def test_initials_and_particles_the_recorded_name_lacks_join_the_hit():
    people = [("Petra Berg", "melder"), ("Kees Bakker", "getuige")]
    hits = find_names("Aan P. van den Berg en JW Bakker, t.a.v. Bakker.", people)
    assert [h.matched for h in hits] == ["P. van den Berg", "JW Bakker", "Bakker"]
    # lower-case abbreviations and all-capital words in an all-capital text stay out
    assert [h.matched for h in find_names("MET DE VRIES", [("Jan de Vries", "m")])] == ["DE VRIES"]
    assert [h.matched for h in find_names("Jan’S Bakker", people)] == ["Bakker"]


def test_a_joined_form_needs_a_core_of_three_letters():
    people = [("Jan de Ur", "melder")]
    assert find_names("Hij stond bij de deur.", people) == []
    assert [h.matched for h in find_names("Hij stond bij de Ur.", people)] == ["de Ur"]


def test_joined_forms_keep_whole_words():
    assert find_names("De Vandenbergstraat en devriesje.", PEOPLE) == []


# --- e-mail addresses built from a name ------------------------------------------------------

EMAILS = [
    ("p.vandenberg@gemeente.nl", "Petra van den Berg"),
    ("P.VandenBerg@Gemeente.NL", "Petra van den Berg"),
    ("petra_van_den_berg@example.org", "Petra van den Berg"),
    ("sjansen@example.org", "Sanne Jansen"),
    ("sanne@example.org", "Sanne Jansen"),
    ("sanne.jansen@example.org", "Sanne Jansen"),
    ("jan.de.vries@example.org", "Jan de Vries"),
    ("jan-de-vries@example.org", "Jan de Vries"),
    ("devries.j@example.org", "Jan de Vries"),
    ("jdevries2@example.org", "Jan de Vries"),
    ("shane.oneill@example.ie", "Shane O'Neill"),
    ("z.elamrani@example.org", "Zoë El Amrani"),
    ("jw.bakker@example.org", "Jan-Willem Bakker"),
]


@pytest.mark.parametrize(("address", "name"), EMAILS)
def test_an_email_built_from_a_name_is_one_contact_hit_of_that_person(address, name):
    text = f"Mail naar {address}, graag vandaag."
    start = text.index(address)
    for hits in (scan(text, PEOPLE), find_names(text, PEOPLE)):
        assert [(h.start, h.end, h.kind, h.name, h.role) for h in hits] == [
            (start, start + len(address), "contact", name, ROLE[name])
        ]
    redacted = redact(text, PEOPLE, role_tag)
    assert redacted == f"Mail naar [{ROLE[name]}], graag vandaag."
    assert "@" not in redacted


def test_a_name_in_the_domain_also_makes_the_address_that_person_s():
    text = "Mail info@devries-advies.nl of secretariaat@vandenberg.nl."
    hits = find_names(text, PEOPLE)
    assert [(h.matched, h.kind, h.role) for h in hits] == [
        ("info@devries-advies.nl", "contact", "melder"),
        ("secretariaat@vandenberg.nl", "contact", "beschuldigde"),
    ]


def test_an_email_without_a_known_name_is_contact_data_only():
    text = "Vragen? info@vertrouwenspunt.nl of k.pietersen@bedrijf.nl"
    hits = scan(text, PEOPLE)
    assert [(h.matched, h.kind, h.name, h.role) for h in hits] == [
        ("info@vertrouwenspunt.nl", "contact", "", ""),
        ("k.pietersen@bedrijf.nl", "contact", "", ""),
    ]
    assert find_names(text, PEOPLE) == []  # names only
    assert scan(text, PEOPLE, contact_data=False) == []


# --- phone numbers ---------------------------------------------------------------------------

PHONES = [
    "0612345678",
    "06-12345678",
    "06 1234 5678",
    "06 12 34 56 78",
    "06 - 1234 5678",
    "+31 6 12345678",
    "+31612345678",
    "+31(0)6-1234 5678",
    "+31 (0)6 1234 5678",
    "020-1234567",
    "020 123 4567",
    "(020) 123 4567",
    "0031 20 123 4567",
    "0031201234567",
    "010-1234567",
    "0591-123456",
]


@pytest.mark.parametrize("number", PHONES)
def test_every_spelling_of_a_dutch_phone_number_is_contact_data(number):
    for text in (f"Bel {number} na vijf uur.", f"Tel.: {number}", number, f"({number})"):
        start = text.index(number)
        hits = scan(text, PEOPLE)
        assert [(h.start, h.end, h.matched, h.kind, h.name) for h in hits] == [
            (start, start + len(number), number, "contact", "")
        ]
        digits = "".join(c for c in number if c.isdigit())
        redacted = redact(text, PEOPLE, role_tag)
        assert digits[-7:] not in "".join(c for c in redacted if c.isdigit())
    assert find_names(f"Bel {number}.", PEOPLE) == []
    assert scan(f"Bel {number}.", PEOPLE, contact_data=False) == []


@pytest.mark.parametrize(
    "text",
    [
        "Op 01-02-2024 10 uur was het gesprek.",
        "In 2024 waren er 1234567 euro en 12345678 meldingen.",
        "Postcode 1234 AB, IBAN NL91ABNA0417164300.",
        "Zaak 2024-0012345678 en bedrag 0,50.",
        "Bel 06-1234567 (een cijfer te weinig).",
        "Tussen 10.00-12.00 uur.",
    ],
)
def test_numbers_that_are_no_phone_numbers(text):
    assert [h for h in scan(text, PEOPLE) if h.kind == "contact"] == []


# --- every kind together ---------------------------------------------------------------------


def test_scan_gives_every_kind_without_overlaps_sorted():
    text = (
        "Mevrouw Vandenberg (p.vandenberg@gemeente.nl, 06-12345678) sprak met dhr. Pietersen "
        "en de heer Jan van Dam; J.W. Bakker was er ook."
    )
    hits = scan(text, PEOPLE)
    assert [(h.matched, h.kind, h.role) for h in hits] == [
        ("Vandenberg", "name", "beschuldigde"),
        ("p.vandenberg@gemeente.nl", "contact", "beschuldigde"),
        ("06-12345678", "contact", ""),
        ("Pietersen", "possible", ""),
        ("Jan", "name", "melder"),
        ("van Dam", "possible", ""),
        ("J.W. Bakker", "name", "leidinggevende"),
    ]
    for a, b in zip(hits, hits[1:], strict=False):
        assert a.end <= b.start
    assert all(text[h.start : h.end] == h.matched for h in hits)
    assert [h.kind for h in scan(text, PEOPLE, contact_data=False, possible=False)] == [
        "name",
        "contact",
        "name",
        "name",
    ]
    redacted = redact(text, PEOPLE, lambda hit: "[naam]" if hit.kind != "contact" else "[contact]")
    assert redacted == (
        "Mevrouw [naam] ([contact], [contact]) sprak met dhr. [naam] "
        "en de heer [naam] [naam]; [naam] was er ook."
    )
    leftovers = folded(redacted)
    for gone in ("berg", "pietersen", "dam", "bakker", "jan", "1234"):
        assert gone not in leftovers


def test_redact_still_takes_the_old_two_argument_callback():
    text = "Jan belde met 0612345678 en mevrouw Smit."
    assert redact(text, PEOPLE, lambda name, role: f"[{role or '?'}]") == (
        "[melder] belde met [?] en mevrouw [?]."
    )

    def by_hit(hit: NameHit, /) -> str:
        return hit.kind

    assert redact(text, PEOPLE, by_hit) == "name belde met contact en mevrouw possible."
    assert redact(text, PEOPLE, by_hit, contact_data=False, possible=False) == (
        "name belde met 0612345678 en mevrouw Smit."
    )


def test_a_phone_number_before_a_sentence_that_starts_with_a_digit():
    """Found by hypothesis: "06-12345678. 0jan…" was read as one longer number."""
    from vp_desktop.letters.name_check import scan

    hits = scan("Bel 06-12345678. 0jan.de.vries@example.org", [("Jan de Vries", "getuige")])
    assert [(h.matched, h.kind) for h in hits] == [
        ("06-12345678", "contact"), ("0jan.de.vries@example.org", "contact")]
