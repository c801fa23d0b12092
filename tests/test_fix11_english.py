"""The review's findings of issue 11, in English: case-validation messages, a sync-folder
refusal and a wrong current passphrase recognised by their type (not their wording), English
file names for English documents, the Dutch-only IT/DPO documentation said to be Dutch, and
the fixed Dutch codes of the tab-separated outputs."""

from __future__ import annotations

import json
from datetime import date

import pytest
from clirun import run_main
from test_i18n_ui import dutch_words

from vp_desktop import i18n
from vp_desktop.domain.model import Case, InvolvedPerson, MelderIdentity
from vp_desktop.domain.validation import case_problems
from vp_desktop.services.backups import change_passphrase
from vp_desktop.services.command_help import BACKUP_CHECKED, LETTER_OUTPUTS
from vp_desktop.services.errors import OutputRefused, WrongCurrentPassphrase
from vp_desktop.storage.errors import LocationRefused, SyncFolderRefused
from vp_desktop.storage.journal import Journal
from vp_desktop.storage.vault import check_location
from vp_desktop.ui import annual_report_dialog, report_dialog

from conftest import PASSPHRASE

NEW = "zebra kompas oranje molen"


def _bad_cases() -> list[Case]:
    opened = date(2026, 3, 2)
    named = MelderIdentity(anonymous=False, name="Melder Testnaam")
    return [
        Case(organisation_id=1, opened=opened, status="gesloten", melder=named),
        Case(organisation_id=1, opened=opened, closed=date(2026, 4, 1), melder=named),
        Case(organisation_id=1, opened=opened, status="gesloten", closed=date(2026, 2, 1),
             destroy_after=date(2026, 1, 1), melder=named),
        Case(organisation_id=1, opened=opened, consent_given=True, melder=named),
        Case(organisation_id=1, opened=opened, acknowledged_date=date(2026, 3, 5),
             melder=named),
        Case(organisation_id=1, opened=opened, report_date=date(2026, 3, 9),
             acknowledged_date=date(2026, 3, 5), melder=named),
        Case(organisation_id=1, opened=opened, melder=MelderIdentity(anonymous=False),
             persons=[InvolvedPerson(name="", role="beschuldigde")]),
    ]


def test_case_problems_are_english_in_english():
    i18n.set_language("en")
    found = [case_problems(case) for case in _bad_cases()]
    assert all(found), found  # every case is refused
    flat = [problem for problems in found for problem in problems]
    assert len(flat) >= 8
    assert {p for p in flat if dutch_words(p)} == set()
    for expected in ("A closed case needs a closing date.",
                     "An open case cannot have a closing date.",
                     "The closing date is before the opening date.",
                     "'Destroy after' is before the closing date.",
                     "Record when the reporter gave consent.",
                     "An acknowledgement needs a date of report.",
                     "The acknowledgement is before the report.",
                     "Fill in the reporter's name, or choose 'anonymous'."):
        assert expected in flat, (expected, flat)
    i18n.set_language("nl")
    assert "Een gesloten dossier heeft een sluitdatum nodig." in case_problems(_bad_cases()[0])


def test_import_of_bad_cases_prints_english(tmp_path):
    path = tmp_path / "j.vpj"
    Journal.create(path, PASSPHRASE).close()
    record = {"organisation": "Gemeente Importstad", "opened": "2026-01-15",
              "status": "gesloten", "consent": {"given": True},
              "melder": {"anonymous": False, "name": ""}}
    source = tmp_path / "import.json"
    source.write_text(json.dumps({"format": "vp-desktop-import", "version": 1,
                                  "cases": [record]}), "utf-8")
    result = run_main("--lang", "en", "import", path, source, "--passphrase-stdin",
                      stdin=PASSPHRASE + "\n")
    assert result.returncode == 1, result.stderr
    assert "A closed case needs a closing date." in result.stderr
    assert "Record when the reporter gave consent." in result.stderr
    assert "Fill in the reporter's name" in result.stderr
    assert not dutch_words(result.stderr.replace("Gemeente Importstad", "")), result.stderr


def test_a_sync_folder_refusal_is_its_own_type_and_the_cli_hint_is_english(tmp_path):
    i18n.set_language("en")
    with pytest.raises(SyncFolderRefused) as refused:
        check_location(tmp_path / "Dropbox" / "j.vpj", allow_sync_folder=False)
    assert isinstance(refused.value, LocationRefused)
    assert "Dropbox" in refused.value.message and not dutch_words(refused.value.message)
    check_location(tmp_path / "Dropbox" / "j.vpj", allow_sync_folder=True)  # allowed: fine

    result = run_main("--lang", "en", "init", tmp_path / "Dropbox" / "j.vpj",
                      "--passphrase-stdin", stdin=f"{PASSPHRASE}\n{PASSPHRASE}\n")
    assert result.returncode == 5
    assert "--allow-sync-folder" in result.stderr and "Dropbox" in result.stderr
    assert not dutch_words(result.stderr), result.stderr


def test_a_wrong_current_passphrase_is_its_own_type_in_english(journal):
    i18n.set_language("en")
    with pytest.raises(WrongCurrentPassphrase) as wrong:
        change_passphrase(journal, "not the passphrase", NEW, NEW)
    assert isinstance(wrong.value, OutputRefused)
    assert "current passphrase" in wrong.value.message
    assert not dutch_words(wrong.value.message)
    with pytest.raises(OutputRefused) as other:  # another refusal is not that type
        change_passphrase(journal, PASSPHRASE, NEW, NEW + "x")
    assert not isinstance(other.value, WrongCurrentPassphrase)


def test_the_passphrase_dialog_selects_the_current_field_in_english(qtbot, journal):
    from test_passphrase_dialog import fill, open_dialog

    i18n.set_language("en")
    _window, session, dialog = open_dialog(qtbot, journal)
    fill(dialog, "not the passphrase", NEW, NEW)
    dialog.fields.repeat.setFocus()
    assert dialog.try_change()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    assert "current passphrase" in dialog.message.text()
    assert not dutch_words(dialog.message.text())
    assert dialog.focusWidget() is dialog.old
    assert session.journal.vault.passphrase == PASSPHRASE
    dialog.reject()


def test_suggested_file_names_follow_the_document_language():
    name = report_dialog.suggested_file_name
    assert name("2026-014", inzage=False, lang="en") == "case-overview-2026-014.pdf"
    assert name("2026-014", inzage=False, lang="nl") == "dossier-2026-014.pdf"
    assert name("2026-014", inzage=True, lang="en") == "inzage-2026-014.pdf"  # Dutch only
    annual = annual_report_dialog.suggested_file_name
    assert annual(2026, "Gemeente Testdorp", "pdf", "en") == \
        "annual-report-2026-Gemeente Testdorp.pdf"
    assert annual(2026, "", "csv", "nl") == "jaarverslag-2026-.csv"
    assert annual(2026, "X", "json", "en") == "annual-report-2026-X.json"


def test_the_evidence_window_says_its_documentation_is_dutch(qtbot):
    from vp_desktop.ui.evidence_window import EvidenceWindow

    i18n.set_language("en")
    window = EvidenceWindow()
    qtbot.addWidget(window)
    assert window.dutch_note is not None
    assert window.dutch_note.text() == "This documentation is in Dutch."
    i18n.set_language("nl")
    dutch = EvidenceWindow()
    qtbot.addWidget(dutch)
    assert dutch.dutch_note is None  # in Dutch nothing to say


def test_the_evidence_help_says_in_dutch_and_tsv_help_says_fixed_codes():
    help_en = run_main("--lang", "en", "--help").stdout
    assert "in Dutch" in " ".join(help_en.split())
    evidence_en = " ".join(run_main("--lang", "en", "evidence", "--help").stdout.split())
    assert "(HTML and Markdown, in Dutch)" in evidence_en
    evidence_nl = " ".join(run_main("--lang", "nl", "evidence", "--help").stdout.split())
    assert "Nederlands" not in evidence_nl and "(html en markdown) in een map" in evidence_nl
    for command in ("backups", "letters", "due", "templates"):
        text = " ".join(run_main("--lang", "en", command, "--help").stdout.split())
        assert "values are fixed Dutch codes" in text, command


def test_tsv_values_are_whole_fixed_codes():
    assert BACKUP_CHECKED[(True, True)] == "ja (ouder wachtwoord)"
    assert BACKUP_CHECKED[(False, False)] == "onbekend"
    assert LETTER_OUTPUTS[(False, True)] == "opgeslagen, met namen"
    assert LETTER_OUTPUTS[(True, False)] == "afgedrukt"
