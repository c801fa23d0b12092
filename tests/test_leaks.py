"""The leaks found by attacking the outputs, each as a test: letters, inzage, the jaarverslag
text and error messages, with planted names and canary strings."""

from __future__ import annotations

import dataclasses
import io
import re
import typing
import unicodedata
from datetime import date, datetime

import pytest
from clirun import run_main
from pypdf import PdfReader

from vp_desktop.domain.model import (
    CODED_FIELDS,
    FREE_TEXT_FIELDS,
    Case,
    Consultation,
    FollowUp,
    InvolvedPerson,
    MelderIdentity,
)
from vp_desktop.services.letters import CaseReportMaker, LetterMaker
from vp_desktop.storage.journal import Journal, StoredTemplate

from conftest import PASSPHRASE, make_case

TODAY = date(2026, 11, 23)
STDIN = PASSPHRASE + "\n"


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def squeeze(text: str) -> str:
    """Folded, without spaces, dots, hyphens and apostrophes: joined spellings show."""
    return re.sub(r"[\s.\-'’]", "", fold(text))


def pdf_text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


SPELLINGS = ("J.W. Bakker", "mevr. P. v.d. Berg", "Vandenberg", "ONeill", "Elamrani",
             "p.vandenberg@gemeente.nl", "sjansen@example.org", "Youssef", "0612345678",
             "06 1234 5678", "+31 6 12345678")
NAME_CORES = ("bakker", "berg", "oneill", "elamrani", "amrani", "jansen", "youssef")


@pytest.fixture
def planted(journal):
    """A case whose advice holds every spelling that once reached a letter, plus a name that
    is recorded only in another case."""
    make_case(journal, melder=MelderIdentity(anonymous=False, name="Youssef El Amrani"),
              persons=[])
    case = make_case(
        journal,
        melder=MelderIdentity(anonymous=False, name="Sanne Jansen", contact="06-11122233",
                              contact_arrangement="bij afwezigheid via Jan-Willem Bakker"),
        persons=[InvolvedPerson(name="Jan-Willem Bakker", role="getuige"),
                 InvolvedPerson(name="Petra van den Berg", role="beschuldigde"),
                 InvolvedPerson(name="Siobhan O'Neill", role="leidinggevende")],
        summary="Melding over " + ", ".join(SPELLINGS) + ".",
    )
    journal.add_consultation(case.id, Consultation(
        started_at=datetime(2026, 3, 9, 14, 0), duration_minutes=30,
        notes="Gesprek met " + "; ".join(SPELLINGS) + ".",
        advice="Afspraken: " + "; ".join(SPELLINGS) + "."))
    journal.add_follow_up(case.id, FollowUp(what="Bellen met J.W. Bakker (0612345678)",
                                            due=date(2026, 4, 1)))
    return case


def test_a_letter_carries_no_spelling_of_any_recorded_name(journal, planted):
    maker = LetterMaker(journal, planted.id, TODAY)
    draft = maker.start(journal, "bevestiging-melder")
    text = pdf_text(maker.pdf(draft))
    assert "Afspraken" in text  # the advice did flow into the letter
    for core in NAME_CORES:
        assert core not in squeeze(text), core
    digits = re.sub(r"\D", "", text)
    assert "612345678" not in digits and "11122233" not in digits
    assert "@" not in text
    assert maker.check(draft).blocking() == []


def test_the_final_check_catches_every_spelling_typed_into_a_letter(journal, planted):
    maker = LetterMaker(journal, planted.id, TODAY)
    draft = maker.start(journal, "bedrijfsarts")
    for spelling in SPELLINGS:
        draft.body = f"Zoals besproken met {spelling}, graag uw advies."
        blocking = maker.check(draft).blocking()
        assert blocking, spelling
        covered = "".join(draft.body[h.start:h.end] for _p, h in blocking)
        assert squeeze(spelling.replace("mevr. ", "")) in squeeze(covered), spelling


def test_inzage_shows_no_other_persons_name_in_any_field(journal, planted):
    pdf = CaseReportMaker(journal, planted.id, TODAY).pdf(inzage=True)
    text = pdf_text(pdf)
    assert "sanne jansen" in fold(text)  # the melder's own name: it is their file
    assert "[getuige]" in text
    squeezed = squeeze(text).replace("sannejansen", "")
    for core in ("bakker", "berg", "oneill", "elamrani", "amrani", "youssef"):
        assert core not in squeezed, core
    digits = re.sub(r"\D", "", text)
    assert "612345678" not in digits
    assert "11122233" in digits  # the melder's own contact stays


def _str_fields(cls) -> set[str]:
    hints = typing.get_type_hints(cls)
    out = set()
    for f in dataclasses.fields(cls):
        hint = str(hints[f.name])
        if "str" in hint and "datetime" not in hint:
            out.add(f.name)
    return out


@pytest.mark.parametrize("cls", [Case, MelderIdentity, InvolvedPerson, Consultation, FollowUp])
def test_every_text_field_of_the_case_model_is_classified(cls):
    """A field added later must be declared free text (and so redacted) or a code."""
    assert _str_fields(cls) == set(FREE_TEXT_FIELDS[cls]) | set(CODED_FIELDS[cls])


def test_inzage_redacts_every_free_text_field(journal):
    """A witness's name planted in every free-text field of the model: none reaches the
    inzage, whatever field it is in."""
    canary = "Xander Quirijnsz"
    witness = InvolvedPerson(name=canary, role="getuige")
    values = {name: f"{name}: {canary} belde" for fields in FREE_TEXT_FIELDS.values()
              for name in fields}
    melder = MelderIdentity(anonymous=False, name="Mila Dekker",
                            contact=f"06-55566677 of via {canary}",
                            contact_arrangement=values["contact_arrangement"])
    case = make_case(journal, melder=melder, persons=[
        witness, InvolvedPerson(name="Rob Vos", role="beschuldigde",
                                description=values["description"])],
        summary=values["summary"], destroy_after_reason=values["destroy_after_reason"])
    journal.add_consultation(case.id, Consultation(
        started_at=datetime(2026, 3, 9, 14, 0), duration_minutes=30, notes=values["notes"],
        advice=values["advice"]))
    journal.add_follow_up(case.id, FollowUp(what=values["what"], due=date(2026, 4, 1)))
    text = fold(pdf_text(CaseReportMaker(journal, case.id, TODAY).pdf(inzage=True)))
    assert "xander" not in text and "quirijnsz" not in text
    assert "rob" not in text.split() and "vos" not in text.split()
    assert "belde" in text  # the text around it is there


def test_stats_refuses_a_narrative_naming_anyone_in_the_journal(journal, journal_path,
                                                                 tmp_path):
    case = make_case(journal, opened=date(2024, 5, 1),
                     persons=[InvolvedPerson(name="Gerrit Zwanenburg", role="getuige")])
    assert case.code.startswith("2024")
    org = journal.organisations()[0]
    journal.save_narrative(2026, org.id, "Opvallend: Zwanenburg kwam vaak ter sprake.")
    journal.close()
    out = tmp_path / "jaarverslag.pdf"
    result = run_main("stats", journal_path, "--year", "2026", "--organisation", org.name,
                      "--format", "pdf", "--out", out, "--passphrase-stdin", stdin=STDIN)
    assert result.returncode == 1
    assert "eigen tekst, regel 1: naam" in result.stderr
    assert "zwanenburg" not in fold(result.stderr)
    assert not out.exists()


def test_stats_asks_acknowledgement_for_a_possible_name(journal, journal_path, tmp_path):
    make_case(journal)
    org = journal.organisations()[0]
    journal.save_narrative(2026, org.id, "Een compliment voor mevrouw Dijkgraaf van P&O.")
    journal.close()
    out = tmp_path / "jaarverslag.json"
    args = ("stats", journal_path, "--year", "2026", "--organisation", org.name, "--format",
            "json", "--out", out, "--passphrase-stdin")
    refused = run_main(*args, stdin=STDIN)
    assert refused.returncode == 1 and "mogelijk een naam (nr. 1)" in refused.stderr
    assert not out.exists()
    done = run_main(*args, "--acknowledge", "1", stdin=STDIN)
    assert done.returncode == 0, done.stderr
    with Journal.open(journal_path, PASSPHRASE) as j:
        [entry] = j.activity()
    assert "1 mogelijke naam bevestigd" in entry.detail
    assert "dijkgraaf" not in fold(entry.detail)


def test_no_error_text_carries_case_data(journal, journal_path, tmp_path):
    """A template whose filter fails on a value from the case: the message names the line
    and the kind of error, never the value."""
    case = make_case(journal, melder=MelderIdentity(anonymous=False, name="Canarius Vogelzang"))
    journal.save_custom_template(StoredTemplate(
        "filterfout", "Filterfout", "", "", "Test",
        "Beste,\n\n{{ organisatie|replace('a', 'b', melder_naam) }}", None))
    journal.close()
    result = run_main("letter", journal_path, "--case", case.code, "--template", "filterfout",
                      "--with-identity", "--out", tmp_path / "x.pdf", "--passphrase-stdin",
                      stdin=STDIN)
    assert result.returncode == 1
    assert "Regel 3" in result.stderr and "ValueError" in result.stderr
    assert "canarius" not in fold(result.stderr) and "vogelzang" not in fold(result.stderr)
    assert not (tmp_path / "x.pdf").exists()
