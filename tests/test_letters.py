"""Letters and case reports end to end: real journals, real PDFs read back with pypdf."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
import unicodedata
from datetime import date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from vp_desktop.domain.model import Consultation, InvolvedPerson, MelderIdentity
from vp_desktop.letters.templates import builtin_templates
from vp_desktop.services.errors import OutputRefused
from vp_desktop.services.letters import CaseReportMaker, LetterMaker
from vp_desktop.storage.journal import Journal, StoredTemplate

from conftest import PASSPHRASE, make_case

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 23)
MELDER = "Anouk Jansen-de Boer"
OTHERS = ["Petra van den Berg", "Mehmet Özdemir", "Jan de Vries"]


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).casefold().split())


def pdf_text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def forbidden_forms(name: str) -> set[str]:
    parts = [p for p in name.replace("-", " ").split() if len(p) > 3]
    return {fold(name), *(fold(p) for p in parts)}


@pytest.fixture
def tricky_case(journal):
    case = make_case(
        journal,
        melder=MelderIdentity(anonymous=False, name=MELDER, contact="06-98765432"),
        persons=[InvolvedPerson(name=n, role=r) for n, r in
                 zip(OTHERS, ("beschuldigde", "getuige", "leidinggevende"), strict=True)],
        summary="Petra van den Berg maakt opmerkingen; Özdemir was erbij.",
    )
    journal.add_consultation(case.id, Consultation(
        started_at=datetime(2026, 3, 9, 14, 0), duration_minutes=30, channel="telefoon",
        notes="Melder vertelt dat Petra opnieuw iets zei. Mehmet Ozdemir bevestigt dat.",
        advice="Afspraak: Anouk schrijft incidenten op; gesprek met Jan de Vries voorbereiden."))
    return case


# --- every built-in template ------------------------------------------------------------------

@pytest.mark.parametrize("template", builtin_templates(), ids=lambda t: t.id)
def test_built_in_letters_are_anonymous_and_complete(journal, tricky_case, template):
    maker = LetterMaker(journal, tricky_case.id, TODAY)
    draft = maker.start(journal, template.id)
    assert maker.check(draft).blocking() == []
    data = maker.pdf(draft)
    text = fold(pdf_text(data))
    assert "vertrouwelijk" in text
    assert "23 november 2026" in text
    assert fold(draft.subject)[:25] in text
    for name in [MELDER, *OTHERS]:
        for form in forbidden_forms(name):
            assert form not in text, f"{form!r} leaks into {template.id}"
    assert "98765432" not in text.replace(" ", "")
    if template.id == "lkog":
        assert "postbus 30435" in text and "2500 gk den haag" in text


def test_identity_only_with_recorded_consent(journal, tricky_case):
    maker = LetterMaker(journal, tricky_case.id, TODAY)
    draft = maker.start(journal, "bevestiging-melder", with_identity=True)
    check = maker.check(draft)
    assert check.identity_allowed and check.blocking() == []
    assert "anouk" in fold(pdf_text(maker.pdf(draft)))

    tricky_case.consent_given, tricky_case.consent_date = False, None
    journal.update_case(tricky_case)
    maker = LetterMaker(journal, tricky_case.id, TODAY)
    with pytest.raises(OutputRefused):
        maker.start(journal, "bevestiging-melder", with_identity=True)


def test_a_name_typed_into_a_letter_is_caught_in_every_spelling(journal, tricky_case):
    maker = LetterMaker(journal, tricky_case.id, TODAY)
    draft = maker.start(journal, "bedrijfsarts")
    for typed in ("PETRA", "van den Berg", "Ozdemir", "Jans", "Jansen-de Boer", "Anouk's"):
        draft.body += f"\n\nZoals besproken met {typed}."
        hits = [hit for _part, hit in maker.check(draft).blocking()]
        assert hits, typed
        assert any(h.matched.lower().startswith(typed.lower()[:4]) for h in hits), typed


# --- case reports -----------------------------------------------------------------------------

def test_case_report_archive_and_inzage(journal, tricky_case):
    maker = CaseReportMaker(journal, tricky_case.id, TODAY)
    archive = fold(pdf_text(maker.pdf(inzage=False)))
    assert fold("Petra van den Berg") in archive and fold(MELDER) in archive
    assert "schrijft incidenten op" in archive
    inzage = fold(pdf_text(maker.pdf(inzage=True)))
    assert fold(MELDER) in inzage  # it is the melder's own file
    for name in OTHERS:
        for form in forbidden_forms(name):
            assert form not in inzage, form
    assert "[beschuldigde]" in inzage and "[getuige]" in inzage
    assert "schrijft incidenten op" in inzage  # internal notes are included


# --- the command line -------------------------------------------------------------------------

def cli(tmp_path, *args):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path / "home"),
           "XDG_CONFIG_HOME": str(tmp_path / "home" / ".config")}
    return subprocess.run([sys.executable, "-m", "vp_desktop", *map(str, args),
                           "--passphrase-stdin"], input=PASSPHRASE + "\n", text=True,
                          capture_output=True, env=env, cwd=ROOT, timeout=120)


def test_cli_templates_letter_report_and_the_activity_log(journal, journal_path, tricky_case,
                                                          tmp_path):
    journal.save_custom_template(StoredTemplate(
        "eigen-1", "Met een naam erin", "", "", "Test", "Beste Petra, dit gaat mis.", None))
    journal.close()
    listing = cli(tmp_path, "templates", journal_path)
    assert listing.returncode == 0, listing.stderr
    ids = [line.split("\t")[0] for line in listing.stdout.splitlines()[1:]]
    assert {"lkog", "bedrijfsarts", "bevestiging-melder", "eigen-1"} <= set(ids)

    out = tmp_path / "brief.pdf"
    ok = cli(tmp_path, "letter", journal_path, "--case", tricky_case.code, "--template", "lkog",
             "--out", out)
    assert ok.returncode == 0, ok.stderr
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    assert "postbus 30435" in fold(pdf_text(out.read_bytes()))

    refused = cli(tmp_path, "letter", journal_path, "--case", tricky_case.code, "--template",
                  "eigen-1", "--out", tmp_path / "naam.pdf")
    assert refused.returncode == 1
    assert "tekst, regel 1: naam (beschuldigde)" in refused.stderr
    assert "petra" not in fold(refused.stderr)  # the refusal names the role, not the name
    assert not (tmp_path / "naam.pdf").exists()
    assert "Traceback" not in refused.stderr

    inzage = tmp_path / "inzage.pdf"
    done = cli(tmp_path, "report", journal_path, "--case", tricky_case.code, "--inzage",
               "--out", inzage)
    assert done.returncode == 0, done.stderr
    assert "petra" not in fold(pdf_text(inzage.read_bytes()))

    unknown = cli(tmp_path, "letter", journal_path, "--case", "1999-001", "--template", "lkog",
                  "--out", tmp_path / "x.pdf")
    assert unknown.returncode == 1 and "bestaat niet" in unknown.stderr

    with Journal.open(journal_path, PASSPHRASE) as j:
        log = [(e.kind, e.case_code, e.template_id, e.detail) for e in j.activity()]
    assert log == [("rapport_opgeslagen", tricky_case.code, None, "inzage"),
                   ("brief_opgeslagen", tricky_case.code,
                    "Klacht bij de LKOG (begeleidende brief)", "")]  # the title, not the id


def test_custom_template_round_trip_through_the_journal(journal, tricky_case):
    journal.save_custom_template(StoredTemplate(
        "eigen-2", "Signaal aan de OR", "", "ondernemingsraad", "Signaal {{ organisatie }}",
        "Geachte leden,\n\nIn {{ organisatie }} spelen {{ categorieen_tekst }}.", "lkog"))
    maker = LetterMaker(journal, tricky_case.id, TODAY)
    draft = maker.start(journal, "eigen-2")
    assert draft.subject == f"Signaal {maker.material.organisation}"
    assert "pesten" in draft.body.lower()


def test_generating_letters_and_reports_writes_no_file(journal, journal_path, tricky_case,
                                                       tmp_path, private_tempdir):
    watched = [Path(tempfile.gettempdir()), Path.cwd(), tmp_path, journal_path.parent]
    before = {d: set(os.listdir(d)) for d in watched}
    maker = LetterMaker(journal, tricky_case.id, TODAY)
    for template in builtin_templates():
        maker.pdf(maker.start(journal, template.id))
    CaseReportMaker(journal, tricky_case.id, TODAY).pdf(inzage=True)
    assert {d: set(os.listdir(d)) for d in watched} == before
    names = set(os.listdir(journal_path.parent))
    assert names <= {journal_path.name, f"{journal_path.name}-wal", f"{journal_path.name}-shm"}


def test_consent_covers_the_melder_only_and_unfinished_spots_are_found(journal, tricky_case):
    maker = LetterMaker(journal, tricky_case.id, TODAY)
    draft = maker.start(journal, "bevestiging-melder", with_identity=True)
    draft.body += "\n\nMet groet aan Anouk en aan Petra van den Berg."
    check = maker.check(draft)
    assert check.identity_allowed
    assert [h.matched for _p, h in check.blocking()] == ["Petra van den Berg"]
    assert {h.role for _p, h in check.all_hits} >= {"melder", "beschuldigde"}
    assert check.unfinished == ""
    draft.body = draft.body.replace("Petra van den Berg", "de collega")
    draft.body += "\n[Vul hier de afspraken in.]"
    check = maker.check(draft)
    assert check.unfinished == "[Vul hier de afspraken in.]"
    refusal = check.refusal()
    assert refusal is not None and "plek open" in refusal.message
