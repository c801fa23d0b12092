"""Tests for vp_desktop.interchange.import_json and the import JSON Schema."""

from __future__ import annotations

import copy
import json
from datetime import date, datetime
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from vp_desktop.domain import vocabulary
from vp_desktop.interchange import import_json
from vp_desktop.interchange.demo_data import generate_demo
from vp_desktop.interchange.import_json import (
    ImportProblem,
    ImportRejected,
    import_into,
    parse_import,
)
from vp_desktop.storage.journal import Journal

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_PATH = ROOT / "resources" / "schemas" / "vp-import.schema.json"
EXAMPLE_PATH = ROOT / "resources" / "examples" / "import-voorbeeld.json"
PASSPHRASE = "correct paard batterij niet"

FULL_CASE = {
    "code": "2025-014",
    "organisation": "Gemeente Voorbeeld",
    "opened": "2025-03-04",
    "closed": "2025-06-30",
    "status": "gesloten",
    "categories": ["pesten", "werkdruk"],
    "relation": "leidinggevende",
    "melder_type": "medewerker",
    "channel": "telefoon",
    "gender": "vrouw",
    "age_band": "45_54",
    "outcome": "informele_oplossing",
    "consent": {"given": True, "date": "2025-03-04"},
    "melder": {
        "anonymous": False,
        "name": "Zoë van 't Hof-Özdemir",
        "contact": "06-1234 5678",
        "contact_arrangement": "na 17.00 uur bellen",
    },
    "persons": [
        {"name": "Kees Jansen-de Boer", "role": "beschuldigde", "description": "teamleider"},
        {"name": "Linnéa El Amrani", "role": "getuige", "description": ""},
    ],
    "incident_date": "2025-02-14",
    "report_date": None,
    "acknowledged_date": None,
    "destroy_after": "2026-12-31",
    "destroy_after_reason": "Klachtprocedure loopt nog",
    "summary": "Pesten door de teamleider; melder wil het informeel oplossen.",
    "consultations": [
        {
            "started_at": "2025-03-04T10:30",
            "duration_minutes": 45,
            "channel": "persoonlijk",
            "notes": "Eerste gesprek. Melder heeft zelf al ideeën.",
            "advice": "Logboek bijhouden.",
        },
        {
            "started_at": "2025-03-18T14:00:59",
            "duration_minutes": 30,
            "channel": "telefoon",
            "notes": "Tweede gesprek na de reünie.",
            "advice": "",
        },
    ],
    "follow_ups": [
        {
            "what": "Melder terugbellen",
            "due": "2025-03-11",
            "done": "2025-03-12",
            "kind": "terugbellen",
            "destination": None,
        },
        {
            "what": "Verwijzen naar de bedrijfsarts",
            "due": "2025-04-01",
            "done": None,
            "kind": "doorverwijzing",
            "destination": "bedrijfsarts",
        },
    ],
}


def doc(*cases) -> dict:
    return {"format": "vp-desktop-import", "version": 1, "cases": list(cases)}


def raw(document) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def minimal(**fields) -> dict:
    return {"organisation": "Gemeente Voorbeeld", "opened": "2025-03-04", **fields}


def problems_of(document) -> list[ImportProblem]:
    return parse_import(raw(document)).problems


@pytest.fixture
def journal(tmp_path):
    j = Journal.create(tmp_path / "journaal.vpj", PASSPHRASE)
    yield j
    j.close()


@pytest.fixture(scope="module")
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def case_count(journal) -> int:
    return journal.verify().cases


# --- importing valid files ----------------------------------------------------------------


def test_full_record_round_trips(journal):
    assert import_into(journal, raw(doc(FULL_CASE))) == 1
    case = journal.get_case(journal.case_id_for_code("2025-014"))
    [org] = journal.organisations()
    assert org.name == "Gemeente Voorbeeld" and case.organisation_id == org.id
    assert (case.opened, case.closed, case.status) == (
        date(2025, 3, 4),
        date(2025, 6, 30),
        "gesloten",
    )
    assert case.categories == ("pesten", "werkdruk")
    assert (
        case.relation,
        case.melder_type,
        case.channel,
        case.gender,
        case.age_band,
        case.outcome,
    ) == ("leidinggevende", "medewerker", "telefoon", "vrouw", "45_54", "informele_oplossing")
    assert case.consent_given and case.consent_date == date(2025, 3, 4)
    assert case.melder.anonymous is False
    assert case.melder.name == "Zoë van 't Hof-Özdemir"
    assert case.melder.contact == "06-1234 5678"
    assert case.melder.contact_arrangement == "na 17.00 uur bellen"
    assert [(p.name, p.role, p.description) for p in case.persons] == [
        ("Kees Jansen-de Boer", "beschuldigde", "teamleider"),
        ("Linnéa El Amrani", "getuige", ""),
    ]
    assert case.incident_date == date(2025, 2, 14)
    assert case.report_date is None and case.acknowledged_date is None
    assert case.destroy_after == date(2026, 12, 31)
    assert case.destroy_after_reason == "Klachtprocedure loopt nog"
    assert case.summary == FULL_CASE["summary"]

    consultations = sorted(journal.consultations(case.id), key=lambda c: c.started_at)
    assert [
        (c.started_at, c.duration_minutes, c.channel, c.notes, c.advice) for c in consultations
    ] == [
        (
            datetime(2025, 3, 4, 10, 30),
            45,
            "persoonlijk",
            "Eerste gesprek. Melder heeft zelf al ideeën.",
            "Logboek bijhouden.",
        ),
        (datetime(2025, 3, 18, 14, 0), 30, "telefoon", "Tweede gesprek na de reünie.", ""),
    ]
    follow_ups = journal.follow_ups(case.id)
    own = sorted((f for f in follow_ups if f.statutory_key is None), key=lambda f: f.due)
    assert [(f.what, f.due, f.done, f.kind, f.destination) for f in own] == [
        ("Melder terugbellen", date(2025, 3, 11), date(2025, 3, 12), "terugbellen", None),
        (
            "Verwijzen naar de bedrijfsarts",
            date(2025, 4, 1),
            None,
            "doorverwijzing",
            "bedrijfsarts",
        ),
    ]
    assert journal.search_case_ids("ideeen") == {case.id}


def test_statutory_deadlines_are_left_to_the_journal(journal):
    import_into(
        journal,
        raw(
            doc(
                minimal(
                    categories=["pesten"],
                    incident_date="2025-02-14",
                    follow_ups=[{"what": "Bellen", "due": "2025-03-10"}],
                )
            )
        ),
    )
    follow_ups = journal.follow_ups(journal.case_id_for_code("2025-001"))
    assert sorted(f.statutory_key or "" for f in follow_ups) == ["", "lkog_termijn"]


def test_defaults_for_a_minimal_record(journal):
    import_into(journal, raw(doc(minimal(), minimal(closed="2025-04-01"))))
    first, second = (
        journal.get_case(journal.case_id_for_code(c)) for c in ("2025-001", "2025-002")
    )
    assert first.status == "open" and first.closed is None and first.destroy_after is None
    assert first.melder.anonymous and first.categories == () and not first.consent_given
    assert second.status == "gesloten"
    # closed without destroy-after: closure plus the profile's retention term (12 months)
    assert second.destroy_after == date(2026, 4, 1)


def test_consultation_and_follow_up_defaults(journal):
    import_into(
        journal,
        raw(
            doc(
                minimal(
                    consultations=[{"started_at": "2025-03-04T09:00"}],
                    follow_ups=[{"what": "Iets nagaan", "due": "2025-03-10"}],
                )
            )
        ),
    )
    case_id = journal.case_id_for_code("2025-001")
    [c] = journal.consultations(case_id)
    assert (c.duration_minutes, c.channel, c.notes, c.advice) == (0, "persoonlijk", "", "")
    [f] = journal.follow_ups(case_id)
    assert (f.kind, f.done, f.destination) == ("overig", None, None)


def test_cases_without_code_are_numbered_after_given_codes_in_opening_order(journal):
    import_into(
        journal,
        raw(
            doc(
                minimal(opened="2025-09-01"),
                minimal(opened="2025-02-01"),
                minimal(code="2025-007", opened="2025-05-01"),
            )
        ),
    )
    codes = {s.code: s.opened for s in journal.case_summaries()}
    assert codes == {
        "2025-007": date(2025, 5, 1),
        "2025-008": date(2025, 2, 1),
        "2025-009": date(2025, 9, 1),
    }


def test_existing_organisation_is_reused_case_insensitively(journal):
    journal.add_organisation("Gemeente Voorbeeld")
    import_into(journal, raw(doc(minimal(organisation="  gemeente voorbeeld "))))
    assert [o.name for o in journal.organisations()] == ["Gemeente Voorbeeld"]


def test_empty_case_list_imports_nothing(journal):
    assert import_into(journal, raw(doc())) == 0


def test_utf8_bom_and_schema_reference_are_accepted(journal):
    document = {"$schema": "vp-import.schema.json", **doc(minimal())}
    assert import_into(journal, b"\xef\xbb\xbf" + raw(document)) == 1


def test_example_file_imports(journal, schema):
    data = EXAMPLE_PATH.read_bytes()
    Draft202012Validator(schema).validate(json.loads(data))
    assert import_into(journal, data) == 3
    assert case_count(journal) == 3


def bundle_to_json(bundle, organisation: str) -> dict:
    """Test helper: a demo bundle in the import format."""
    c = bundle.case

    def d(value):
        return value.isoformat() if value else None

    return {
        "organisation": organisation,
        "opened": d(c.opened),
        "closed": d(c.closed),
        "status": c.status,
        "categories": list(c.categories),
        "relation": c.relation,
        "melder_type": c.melder_type,
        "channel": c.channel,
        "gender": c.gender,
        "age_band": c.age_band,
        "outcome": c.outcome,
        "consent": {"given": c.consent_given, "date": d(c.consent_date)},
        "melder": {
            "anonymous": c.melder.anonymous,
            "name": c.melder.name,
            "contact": c.melder.contact,
            "contact_arrangement": c.melder.contact_arrangement,
        },
        "persons": [
            {"name": p.name, "role": p.role, "description": p.description} for p in c.persons
        ],
        "incident_date": d(c.incident_date),
        "report_date": d(c.report_date),
        "acknowledged_date": d(c.acknowledged_date),
        "destroy_after": d(c.destroy_after),
        "destroy_after_reason": c.destroy_after_reason,
        "summary": c.summary,
        "consultations": [
            {
                "started_at": x.started_at.isoformat(timespec="minutes"),
                "duration_minutes": x.duration_minutes,
                "channel": x.channel,
                "notes": x.notes,
                "advice": x.advice,
            }
            for x in bundle.consultations
        ],
        "follow_ups": [
            {
                "what": f.what,
                "due": d(f.due),
                "done": d(f.done),
                "kind": f.kind,
                "destination": f.destination,
            }
            for f in bundle.follow_ups
            if f.statutory_key is None
        ],
    }


def test_varied_demo_data_passes_schema_and_importer(journal, schema):
    data = generate_demo(40, 5, date(2026, 11, 22))
    document = doc(
        *(bundle_to_json(b, n) for b, n in zip(data.bundles, data.organisation_names, strict=True))
    )
    Draft202012Validator(schema).validate(document)
    assert import_into(journal, raw(document)) == 40


# --- rejected files: nothing is stored ----------------------------------------------------


def test_one_bad_record_among_good_ones_imports_nothing(journal):
    document = doc(
        minimal(), minimal(opened="2025-02-30", organisation="Nieuwe Organisatie"), minimal()
    )
    with pytest.raises(ImportRejected) as caught:
        import_into(journal, raw(document))
    assert [(p.record, p.field) for p in caught.value.problems] == [(2, "opened")]
    assert str(caught.value.problems[0]).startswith("Dossier 2, veld 'opened': ")
    assert case_count(journal) == 0
    assert journal.organisations() == []


def test_every_bad_record_is_reported(journal):
    document = doc(
        minimal(relation="baas"),
        minimal(),
        minimal(opened=None),
        minimal(consultations=[{"started_at": "gisteren"}]),
        minimal(),
    )
    with pytest.raises(ImportRejected) as caught:
        import_into(journal, raw(document))
    assert sorted({p.record for p in caught.value.problems}) == [1, 3, 4]
    assert case_count(journal) == 0


def test_problem_text_names_record_code_and_field():
    [problem] = problems_of(
        doc(minimal(), minimal(), minimal(code="2025-014", opened="04-03-2025"))
    )
    assert str(problem) == (
        "Dossier 3 (2025-014), veld 'opened': geen geldige datum (verwacht JJJJ-MM-DD)."
    )


def test_unknown_fields_are_caught_with_a_hint():
    problems = problems_of(
        doc(
            minimal(
                opend="2025-03-04", consultations=[{"started_at": "2025-03-04T10:00", "note": "x"}]
            )
        )
    )
    by_field = {p.field: p.message for p in problems}
    assert by_field["opend"] == "onbekend veld (bedoelt u 'opened'?)."
    assert by_field["consultations[1].note"] == "onbekend veld (bedoelt u 'notes'?)."
    assert problems_of(doc(minimal(melder={"naam": "A"})))[0].field == "melder.naam"


def test_unknown_codes():
    problems = problems_of(
        doc(
            minimal(
                categories=["pesten", "roddelen"],
                channel="fax",
                persons=[{"name": "A", "role": "dader"}],
            )
        )
    )
    by_field = {p.field: p.message for p in problems}
    assert set(by_field) == {"categories[2]", "channel", "persons[1].role"}
    assert by_field["channel"].startswith("onbekende code 'fax'; kies uit: persoonlijk, ")


def test_bad_dates_and_times():
    problems = problems_of(
        doc(
            minimal(
                closed="2025-13-01",
                incident_date="2025-3-4",
                consultations=[{"started_at": "2025-03-04 10:30"}, {"started_at": "2025-03-04"}],
                follow_ups=[{"what": "Bellen", "due": "morgen"}],
            )
        )
    )
    by_field = {p.field: p.message for p in problems}
    assert (
        by_field["closed"]
        == by_field["incident_date"]
        == ("geen geldige datum (verwacht JJJJ-MM-DD).")
    )
    assert by_field["consultations[1].started_at"].startswith("geen geldige datum en tijd")
    assert "consultations[2].started_at" in by_field
    assert "follow_ups[1].due" in by_field
    assert len(problems) == 5  # no repeated messages from the domain checks


def test_wrong_types_and_missing_fields():
    problems = problems_of(
        doc(
            {"opened": 20250304},
            minimal(
                categories="pesten",
                consent={"given": "ja"},
                consultations=[{"started_at": "2025-03-04T10:00", "duration_minutes": "45"}],
                follow_ups=[{"due": "2025-03-05"}],
                persons=[{"name": " ", "role": "getuige"}],
            ),
            "geen object",
        )
    )
    found = {(p.record, p.field): p.message for p in problems}
    assert found[(1, "opened")] == "verwacht tekst, maar vond een getal."
    assert found[(1, "organisation")] == "dit verplichte veld ontbreekt."
    assert found[(2, "categories")] == "verwacht een lijst, maar vond tekst."
    assert found[(2, "consent.given")] == "verwacht true of false, maar vond tekst."
    assert found[(2, "consultations[1].duration_minutes")].startswith("verwacht een heel getal")
    assert found[(2, "follow_ups[1].what")] == "dit verplichte veld ontbreekt."
    assert found[(2, "persons[1].name")] == "de naam is leeg."
    assert found[(3, "")] == "verwacht een object, maar vond tekst."


def test_domain_rules_are_mapped_to_the_record():
    problems = problems_of(
        doc(
            minimal(status="gesloten"),
            minimal(consent={"given": True}, melder={"anonymous": False}),
            minimal(consultations=[{"started_at": "2025-03-04T10:00", "duration_minutes": 2000}]),
            minimal(report_date="2025-03-10", acknowledged_date="2025-03-01"),
        )
    )
    found = [(p.record, p.field, p.message) for p in problems]
    assert (1, "", "Een gesloten dossier heeft een sluitdatum nodig.") in found
    assert (2, "", "Leg vast wanneer de melder toestemming gaf.") in found
    assert (2, "", "Vul de naam van de melder in, of kies 'anoniem'.") in found
    assert (3, "consultations[1]", "Duur moet tussen 0 en 1440 minuten liggen.") in found
    assert (4, "", "De ontvangstbevestiging ligt vóór de melding.") in found


def test_duplicate_code_in_file():
    problems = problems_of(doc(minimal(code="2025-001"), minimal(), minimal(code="2025-001")))
    assert [(p.record, p.field) for p in problems] == [(3, "code")]
    assert "dossier 1" in problems[0].message


def test_duplicate_key_in_one_object():
    text = (
        '{"format": "vp-desktop-import", "version": 1, "cases": [{"organisation": "G",'
        ' "opened": "2025-01-02", "opened": "2025-01-03"}]}'
    )
    [problem] = parse_import(text.encode()).problems
    assert (problem.record, problem.field) == (1, "opened")


def test_code_already_in_journal(journal):
    import_into(journal, raw(doc(minimal(code="2025-014"))))
    with pytest.raises(ImportRejected) as caught:
        import_into(journal, raw(doc(minimal(), minimal(code="2025-014"))))
    [problem] = caught.value.problems
    assert (problem.record, problem.field) == (2, "code")
    assert (
        str(problem) == "Dossier 2 (2025-014), veld 'code': dossiercode 2025-014 bestaat al "
        "in het journaal."
    )
    assert case_count(journal) == 1


def test_invalid_code_pattern():
    [problem] = problems_of(doc(minimal(code="14")))
    assert problem.field == "code" and "JJJJ-NNN" in problem.message


@pytest.mark.parametrize(
    ("data", "field", "fragment"),
    [
        (b"", "", "geen geldige JSON"),
        (b"{ dit is geen json", "", "geen geldige JSON (regel 1"),
        (
            '{"format": "vp-desktop-import", "version": 1, "cases": [], "x": "é"}'.encode(
                "latin-1"
            ),
            "",
            "geen UTF-8",
        ),
        (b'{"format": "vp-desktop-import", "version": 1, "cases": [NaN]}', "", "geen geldige JSON"),
        (b"[]", "", "verwacht een JSON-object, maar vond een lijst"),
        (b'{"format": "iets-anders", "version": 1, "cases": []}', "format", "geen VP Desktop"),
        (b'{"version": 1, "cases": []}', "format", "geen VP Desktop"),
        (b'{"format": "vp-desktop-import", "version": 2, "cases": []}', "version", "versie 2"),
        (b'{"format": "vp-desktop-import", "version": true, "cases": []}', "version", "versie"),
        (b'{"format": "vp-desktop-import", "version": 1}', "cases", "vond niets"),
        (b'{"format": "vp-desktop-import", "version": 1, "cases": {}}', "cases", "een object"),
    ],
)
def test_file_level_problems(journal, data, field, fragment):
    problems = parse_import(data).problems
    assert problems and all(p.record is None for p in problems)
    assert problems[-1].field == field
    assert fragment in problems[-1].message
    assert str(problems[-1]).startswith("Bestand")
    with pytest.raises(ImportRejected):
        import_into(journal, data)
    assert case_count(journal) == 0


def test_unknown_top_level_field_is_reported():
    problems = problems_of({**doc(minimal()), "casus": []})
    assert [(p.record, p.field) for p in problems] == [(None, "casus")]


def test_too_large_file_is_refused_before_parsing(monkeypatch):
    monkeypatch.setattr(import_json, "MAX_BYTES", 100)
    [problem] = parse_import(raw(doc(minimal(summary="x" * 200)))).problems
    assert problem.record is None and "te groot" in problem.message


def test_import_rejected_is_a_value_error_with_all_problems():
    problems = [ImportProblem(1, "opened", "fout."), ImportProblem(None, "", "ook fout.")]
    error = ImportRejected(problems)
    assert isinstance(error, ValueError) and error.problems == problems
    assert "2 problemen" in str(error)


# --- the schema ---------------------------------------------------------------------------


def test_schema_is_valid_draft_2020_12(schema):
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_accepts_valid_files(schema):
    validator = Draft202012Validator(schema)
    validator.validate(doc(FULL_CASE, minimal()))
    assert parse_import(raw(doc(FULL_CASE, minimal()))).problems == []


def test_schema_rejects_a_typo_d_field(schema):
    validator = Draft202012Validator(schema)
    for path in (
        ("opend",),
        ("melder", "naam"),
        ("consultations", 0, "note"),
        ("follow_ups", 0, "dun"),
    ):
        document = doc(copy.deepcopy(FULL_CASE))
        target = document["cases"][0]
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = "x"
        assert not validator.is_valid(document), path
        assert parse_import(raw(document)).problems, path
    assert not validator.is_valid({**doc(), "versoin": 1})


VOCABULARY_DEFS = {
    "category": vocabulary.CATEGORIES,
    "relation": vocabulary.RELATIONS,
    "melder_type": vocabulary.MELDER_TYPES,
    "channel": vocabulary.CHANNELS,
    "gender": vocabulary.GENDERS,
    "age_band": vocabulary.AGE_BANDS,
    "outcome": vocabulary.OUTCOMES,
    "status": vocabulary.STATUSES,
    "person_role": vocabulary.PERSON_ROLES,
    "follow_up_kind": vocabulary.FOLLOW_UP_KINDS,
    "referral": vocabulary.REFERRAL_DESTINATIONS,
}


@pytest.mark.parametrize("name", sorted(VOCABULARY_DEFS))
def test_schema_enums_equal_the_vocabulary(schema, name):
    vocab = VOCABULARY_DEFS[name]
    assert schema["$defs"][name]["enum"] == [*vocab.codes(), *(t.code for t in vocab.extra)]


@pytest.mark.parametrize(
    ("definition", "fields"),
    [
        (None, import_json.TOP_FIELDS),
        ("case", import_json.CASE_FIELDS),
        ("consent", import_json.CONSENT_FIELDS),
        ("melder", import_json.MELDER_FIELDS),
        ("person", import_json.PERSON_FIELDS),
        ("consultation", import_json.CONSULTATION_FIELDS),
        ("follow_up", import_json.FOLLOW_UP_FIELDS),
    ],
)
def test_schema_and_importer_know_the_same_fields(schema, definition, fields):
    node = schema if definition is None else schema["$defs"][definition]
    assert node["additionalProperties"] is False
    assert set(node["properties"]) == set(fields)


def test_every_schema_object_forbids_additional_properties(schema):
    def objects(node):
        if isinstance(node, dict):
            if node.get("type") == "object":
                yield node
            for value in node.values():
                yield from objects(value)
        elif isinstance(node, list):
            for value in node:
                yield from objects(value)

    found = list(objects(schema))
    assert len(found) == 7
    assert all(o.get("additionalProperties") is False for o in found)


# --- bad input made boring ----------------------------------------------------------------


@pytest.mark.parametrize(
    "code",
    [
        "٢٠٢٥-٠١٤",  # Arabic-Indic digits: \d matches them, the format does not allow them
        "２０２５-０１４",  # full-width digits
        "2025-014\n",  # a trailing newline passes ``$`` but not a full match
        "2025-014 ",
        " 2025-014",
        "2025-01",
    ],
    ids=["arabic", "fullwidth", "newline", "trailing space", "leading space", "short"],
)
def test_case_codes_are_ascii_by_full_match(journal, code):
    [problem] = problems_of(doc(minimal(code=code)))
    assert (problem.record, problem.field) == (1, "code")
    assert "JJJJ-NNN" in problem.message
    with pytest.raises(ImportRejected):
        import_into(journal, raw(doc(minimal(code=code))))
    assert case_count(journal) == 0


def test_a_code_the_domain_refuses_is_refused_too():
    [problem] = problems_of(doc(minimal(code="2025-000")))
    assert problem.field == "code"
    assert import_json.valid_case_code("2025-014")
    assert import_json.valid_case_code("2025-0140")
    assert not import_json.valid_case_code("2025-014\n")
    assert not import_json.valid_case_code(None)


def test_long_values_are_cut_to_80_characters_when_echoed():
    key = "k" * 5000
    status = "s" * 5000
    code = "2" * 5000
    problems = problems_of(doc(minimal(**{key: 1, "status": status, "code": code,
                                          "categories": ["pesten", "c" * 5000]})))
    assert len(problems) == 4, problems
    for problem in problems:
        line = str(problem)
        assert len(line) < 600, line[:200]  # the vocabulary list may follow; never the 5000
        for long_value in (key, status, code):
            assert long_value[:81] not in line
    unknown = next(p for p in problems if p.field.startswith("k"))
    assert unknown.field == "k" * 79 + "…"
    status_problem = next(p for p in problems if p.field == "status")
    assert "'" + "s" * 79 + "…'" in status_problem.message
    assert all(p.code == "2" * 29 + "…" for p in problems)


def test_control_characters_are_escaped_when_echoed():
    [problem] = problems_of(doc(minimal(status="gesl\x1b[2Joten")))
    assert "\x1b" not in str(problem)
    assert "\\x1b" in problem.message


@pytest.mark.parametrize("field", ["summary", "organisation", "melder.name", "code"])
def test_a_lone_surrogate_names_its_record(journal, field):
    """JSON may escape half a surrogate pair ("\\ud800"); Python decodes it to a str that
    cannot be stored as UTF-8. The record and field are named; nothing is stored."""
    record = minimal(code="2025-001")
    if field == "melder.name":
        record["melder"] = {"name": "Jan \ud800"}
    else:
        record[field] = "tekst \ud800 meer"
    data = json.dumps(doc(minimal(code="2025-002"), record)).encode("ascii")
    assert b"\\ud800" in data
    problems = parse_import(data).problems
    assert [(p.record, p.field) for p in problems] == [(2, field)]
    assert "surrogaat" in problems[0].message
    str(problems[0]).encode("utf-8")  # printable: the problem itself holds no surrogate
    with pytest.raises(ImportRejected):
        import_into(journal, data)
    assert case_count(journal) == 0


def test_a_lone_surrogate_in_a_key_or_code_list_is_reported_printably():
    data = json.dumps(doc(minimal(**{"x\udc80": 1}, categories=["\udfff"]))).encode("ascii")
    problems = parse_import(data).problems
    assert len(problems) == 2
    for problem in problems:
        str(problem).encode("utf-8")
        assert "\\udc80" in str(problem) or "\\udfff" in str(problem)


def test_encoded_surrogates_are_not_utf8():
    data = b'{"format": "vp-desktop-import", "version": 1, "cases": [{"summary": "\xed\xa0\x80"}]}'
    [problem] = parse_import(data).problems
    assert problem.record is None and "geen UTF-8" in problem.message


# --- reading the file (services.importing) --------------------------------------------------


def test_read_import_file_returns_exactly_the_bytes(tmp_path):
    from vp_desktop.services.importing import read_import_file

    data = raw(doc(FULL_CASE))
    path = tmp_path / "import.json"
    path.write_bytes(data)
    assert read_import_file(path) == data
    assert read_import_file(str(path)) == data


def test_read_import_file_refuses_one_byte_over_the_limit(tmp_path, monkeypatch):
    from vp_desktop.services import importing

    monkeypatch.setattr(importing, "MAX_BYTES", 10)
    path = tmp_path / "import.json"
    path.write_bytes(b"x" * 10)
    assert importing.read_import_file(path) == b"x" * 10
    path.write_bytes(b"x" * 11)
    with pytest.raises(importing.ImportFileRefused, match="te groot"):
        importing.read_import_file(path)


@pytest.mark.parametrize("target", ["/dev/zero", "fifo", "folder", "missing"])
def test_read_import_file_refuses_what_is_not_a_regular_file(tmp_path, target):
    import os

    from vp_desktop.services.importing import ImportFileRefused, read_import_file

    link = tmp_path / "import.json"
    if target == "/dev/zero":
        if not os.path.exists(target):
            pytest.skip("no /dev/zero here")
        link.symlink_to(target)  # a link is followed, and what it points at is checked
    elif target == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("no FIFOs here")
        os.mkfifo(tmp_path / "pijp")
        link.symlink_to(tmp_path / "pijp")
    elif target == "folder":
        link.mkdir()
    with pytest.raises(ImportFileRefused) as info:
        read_import_file(link)
    expected = {"folder": "map", "missing": "bestaat niet"}.get(target, "geen gewoon bestand")
    assert expected in info.value.message
    assert str(tmp_path) not in info.value.message


def test_import_cases_lists_every_problem_as_details(journal):
    from vp_desktop.services.importing import ImportRefused, import_cases

    data = raw(doc(minimal(code="2025-001", opened="gisteren"), minimal(status="x" * 200)))
    with pytest.raises(ImportRefused) as info:
        import_cases(journal, data)
    assert info.value.message == "Niets geïmporteerd: 2 fouten gevonden."
    assert [d.split(",")[0] for d in info.value.details] == ["Dossier 1 (2025-001)", "Dossier 2"]
    assert all(len(d) < 400 for d in info.value.details)
    assert case_count(journal) == 0
    assert import_cases(journal, raw(doc(minimal(), minimal()))) == 2
    assert case_count(journal) == 2


def test_nog_onbekend_imports_alone_but_not_beside_a_category(journal, schema):
    from jsonschema import Draft202012Validator

    alone = doc(minimal(categories=["nog_onbekend"]))
    Draft202012Validator(schema).validate(alone)
    assert problems_of(alone) == []
    both = problems_of(doc(minimal(categories=["nog_onbekend", "pesten"])))
    assert [p.field for p in both] == ["categories"]
    assert "Nog onbekend" in both[0].message
