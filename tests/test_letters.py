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
from vp_desktop.letters.case_report import build_case_report
from vp_desktop.letters.compose import (
    CaseMaterial,
    LetterError,
    available_templates,
    check_names,
    default_address,
    find_template,
    render_letter_pdf,
)
from vp_desktop.letters.templates import builtin_templates
from vp_desktop.pdf.case_report import render_case_report
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
    material = CaseMaterial.read(journal, tricky_case.id)
    address = default_address(template, journal.address(template.recipient))
    draft = material.start_letter(template, address, TODAY)
    assert check_names(draft, material.case).blocking == []
    data = render_letter_pdf(draft, case=material.case, profile=material.profile, today=TODAY)
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
    material = CaseMaterial.read(journal, tricky_case.id)
    template = find_template(builtin_templates(), "bevestiging-melder")
    draft = material.start_letter(template, [], TODAY, with_identity=True)
    check = check_names(draft, material.case)
    assert check.allowed and check.blocking == []
    data = render_letter_pdf(draft, case=material.case, profile=material.profile, today=TODAY)
    assert "anouk" in fold(pdf_text(data))

    tricky_case.consent_given, tricky_case.consent_date = False, None
    journal.update_case(tricky_case)
    material = CaseMaterial.read(journal, tricky_case.id)
    with pytest.raises(LetterError):
        material.start_letter(template, [], TODAY, with_identity=True)


def test_a_name_typed_into_a_letter_is_caught_in_every_spelling(journal, tricky_case):
    material = CaseMaterial.read(journal, tricky_case.id)
    draft = material.start_letter(find_template(builtin_templates(), "bedrijfsarts"), [],
                                  TODAY)
    for typed in ("PETRA", "van den Berg", "Ozdemir", "Jans", "Jansen-de Boer", "Anouk's"):
        draft.body += f"\n\nZoals besproken met {typed}."
        hits = check_names(draft, material.case).blocking
        assert hits, typed
        assert any(h.matched.lower().startswith(typed.lower()[:4]) for h in hits), typed


# --- case reports -----------------------------------------------------------------------------

def test_case_report_archive_and_inzage(journal, tricky_case):
    m = CaseMaterial.read(journal, tricky_case.id)

    def report(inzage: bool) -> str:
        document = build_case_report(case=m.case, organisation=m.organisation,
                                     consultations=m.consultations, follow_ups=m.follow_ups,
                                     profile=m.profile, today=TODAY, inzage=inzage)
        return fold(pdf_text(render_case_report(document)))

    archive = report(False)
    assert fold("Petra van den Berg") in archive and fold(MELDER) in archive
    assert "schrijft incidenten op" in archive
    inzage = report(True)
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
    assert "'Petra'" in refused.stderr and not (tmp_path / "naam.pdf").exists()
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
                   ("brief_opgeslagen", tricky_case.code, "lkog", "")]


def test_custom_template_round_trip_through_the_journal(journal, tricky_case):
    journal.save_custom_template(StoredTemplate(
        "eigen-2", "Signaal aan de OR", "", "ondernemingsraad", "Signaal {{ organisatie }}",
        "Geachte leden,\n\nIn {{ organisatie }} spelen {{ categorieen_tekst }}.", "lkog"))
    template = find_template(available_templates(journal.custom_templates()), "eigen-2")
    material = CaseMaterial.read(journal, tricky_case.id)
    draft = material.start_letter(template, ["OR"], TODAY)
    assert draft.subject == f"Signaal {material.organisation}"
    assert "pesten" in draft.body.lower()


def test_generating_letters_and_reports_writes_no_file(journal, tricky_case, tmp_path):
    watched = [Path(tempfile.gettempdir()), Path.cwd(), tmp_path]
    before = {d: set(os.listdir(d)) for d in watched}
    m = CaseMaterial.read(journal, tricky_case.id)
    for template in builtin_templates():
        draft = m.start_letter(template, [], TODAY)
        render_letter_pdf(draft, case=m.case, profile=m.profile, today=TODAY)
    render_case_report(build_case_report(case=m.case, organisation=m.organisation,
                                         consultations=m.consultations,
                                         follow_ups=m.follow_ups, profile=m.profile,
                                         today=TODAY, inzage=True))
    assert {d: set(os.listdir(d)) for d in watched} == before


def test_pdf_of_a_case_never_on_disk_before_explicit_save(journal, journal_path, tricky_case):
    """The journal folder holds only the journal and its WAL companions after all this."""
    m = CaseMaterial.read(journal, tricky_case.id)
    render_letter_pdf(m.start_letter(builtin_templates()[0], [], TODAY), case=m.case,
                      profile=m.profile, today=TODAY)
    names = set(os.listdir(journal_path.parent))
    assert names <= {journal_path.name, f"{journal_path.name}-wal", f"{journal_path.name}-shm"}


def test_consent_covers_the_melder_only_and_unfinished_spots_are_found(journal, tricky_case):
    from vp_desktop.letters.compose import unfinished

    material = CaseMaterial.read(journal, tricky_case.id)
    template = find_template(builtin_templates(), "bevestiging-melder")
    draft = material.start_letter(template, [], TODAY, with_identity=True)
    draft.body += "\n\nMet groet aan Anouk en aan Petra van den Berg."
    check = check_names(draft, material.case)
    assert check.allowed
    assert [h.matched for h in check.blocking] == ["Petra van den Berg"]
    assert {h.role for h in check.all_hits} >= {"melder", "beschuldigde"}
    assert unfinished(draft) == ""
    draft.body += "\n[Vul hier de afspraken in.]"
    assert unfinished(draft) == "[Vul hier de afspraken in.]"
