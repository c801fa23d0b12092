"""The last Dutch texts of issue 11 in English (branch rest): comparisons against translated
problem texts, the CLI's messages, the template editor, the About window and the services'
texts shown on screen; their Dutch stays as it was (the other tests)."""

from __future__ import annotations

import pytest
from clirun import run_main

from vp_desktop import i18n
from vp_desktop.domain.model import VpProfile
from vp_desktop.storage.journal import Journal
from vp_desktop.ui.case_dialog import CaseDialog
from vp_desktop.ui.consultation_dialog import ConsultationDialog

from conftest import PASSPHRASE, make_case
from test_ui import open_window

FIRST_ADD = "First add an organisation (Settings)."


@pytest.fixture
def no_organisations(qtbot, tmp_path):
    path = tmp_path / "leeg.vpj"
    Journal.create(path, PASSPHRASE, profile=VpProfile(name="VP")).close()
    i18n.set_language("en")
    window, session = open_window(qtbot, path)
    window.unlock(PASSPHRASE)
    assert session.journal is not None
    return window, session


def test_a_new_case_without_organisations_says_add_one_first_in_english(no_organisations):
    window, session = no_organisations
    dialog = CaseDialog(session, None, window)
    dialog.try_save()
    shown = dialog.error_label.text()
    assert FIRST_ADD in shown
    assert "Choose an organisation." not in shown and "Kies" not in shown
    dialog.close_for_lock()


def test_a_consultation_for_a_new_case_without_organisations_says_add_one_first(
        no_organisations):
    window, session = no_organisations
    dialog = ConsultationDialog(session, [], None, window)
    dialog.notes.setPlainText("x")
    dialog.try_save()
    shown = dialog.error_label.text()
    assert FIRST_ADD in shown
    assert "Choose an organisation." not in shown and "Kies" not in shown
    dialog.close_for_lock()


# --- the command line ----------------------------------------------------------------------

def test_the_cli_says_inzage_for_an_inzage_and_translates_it(journal, journal_path, tmp_path):
    case = make_case(journal)
    journal.close()
    stdin = PASSPHRASE + "\n"
    inzage = run_main("report", journal_path, "--case", case.code, "--out",
                      tmp_path / "inzage.pdf", "--inzage", "--passphrase-stdin", stdin=stdin)
    assert inzage.returncode == 0, inzage.stderr
    assert inzage.stdout.startswith("Inzage opgeslagen (niet versleuteld!): ")
    overview = run_main("report", journal_path, "--case", case.code, "--out",
                        tmp_path / "overzicht.pdf", "--passphrase-stdin", stdin=stdin)
    assert overview.stdout.startswith("Dossieroverzicht opgeslagen (niet versleuteld!): ")
    english = run_main("--lang", "en", "report", journal_path, "--case", case.code, "--out",
                       tmp_path / "access.pdf", "--inzage", "--passphrase-stdin", stdin=stdin)
    assert english.returncode == 0, english.stderr
    assert english.stdout.startswith("Access report saved (not encrypted!): ")


def test_the_cli_backup_warns_of_a_missing_second_place_in_english(journal, journal_path,
                                                                   tmp_path):
    from vp_desktop.services import backups

    make_case(journal)
    backups.save_settings(journal, backups.BackupSettings(second_dir=str(tmp_path / "weg")))
    journal.close()
    result = run_main("--lang", "en", "backup", journal_path, "--passphrase-stdin",
                      stdin=PASSPHRASE + "\n")
    assert result.returncode == 0, result.stderr
    assert i18n.translator("en").gettext(backups.SECOND_MISSING) in result.stderr
    assert backups.SECOND_MISSING not in result.stderr
    assert "tweede" not in result.stderr


# --- texts of the services and letters shown on screen -------------------------------------

def test_name_hits_are_described_in_english_and_replaced_in_dutch():
    from vp_desktop.letters.name_check import NameHit
    from vp_desktop.services.letters import PART_LABELS
    from vp_desktop.services.names import describe_hits, hit_label

    text = "Regel een\nJan Jansen en de melder"
    hit = NameHit(start=10, end=20, matched="Jan Jansen", name="Jan Jansen", role="melder")
    assert describe_hits([("tekst", text, [hit])]) == ["tekst, regel 2: naam (de melder)"]
    i18n.set_language("en")
    assert hit_label(hit) == "name (the reporter)"
    [line] = describe_hits([(i18n._(PART_LABELS["body"]), text, [hit])])
    assert "the reporter" in line and "melder" not in line and "regel" not in line
    other = NameHit(start=0, end=3, matched="Piet", name="Piet", role="ander_dossier")
    assert hit_label(other) == "name (someone from another case)"
    # in the letter itself the Dutch stays: documents are Dutch
    from vp_desktop.domain.vocabulary import person_reference
    assert person_reference("melder") == "de melder"


def test_letter_refusals_in_english(journal):
    from vp_desktop.letters.compose import LetterError, find_template
    from vp_desktop.letters.context import letter_context

    i18n.set_language("en")
    with pytest.raises(LetterError) as missing:
        find_template([], "bestaat_niet")
    assert str(missing.value) == ("Letter template 'bestaat_niet' does not exist. "
                                  "Available: .")
    case = make_case(journal, consent_given=False, consent_date=None)
    assert not case.consent_given
    with pytest.raises(ValueError) as refused:
        letter_context(case=case, organisation="O", profile=journal.profile(),
                       recipient_lines=[], recipient_label="", latest_advice="",
                       latest_consultation=None, today=case.opened, with_identity=True,
                       redact_text=str)
    assert "has not given consent" in str(refused.value)


def test_about_rows_in_english_keep_dutch_keys():
    from vp_desktop.services import about

    facts = about.about_facts(None)
    i18n.set_language("en")
    rows = dict(about.about_rows(facts))
    assert "Versie" in rows and rows["Journaal"] == "(unlock the journal to see this)"
    assert i18n._("SQLCipher-versie") == "SQLCipher version"
    assert about._thousands("256000") == "256,000"
    i18n.set_language("nl")
    assert about._thousands("256000") == "256.000"


def test_the_backup_status_date_follows_the_interface_language(journal, tmp_path):
    from datetime import datetime

    from vp_desktop.services import backups

    make_case(journal)
    stick = tmp_path / "usb"
    stick.mkdir()
    backups.save_settings(journal, backups.BackupSettings(second_dir=str(stick)))
    backups.make_backup_now(journal, now=datetime(2026, 12, 1, 10, 0))
    stick.rename(tmp_path / "weg")
    backups.make_backup_now(journal, now=datetime(2026, 12, 2, 10, 0))
    i18n.set_language("en")
    status = backups.backup_status(journal, now=datetime(2026, 12, 2, 11, 0))
    assert "2 December 2026" in status.text and "december" not in status.text


def test_suggested_deadlines_are_stored_dutch_and_shown_in_english(tmp_path):
    """The statutory deadlines are stored in Dutch (journal data), shown in the interface
    language; a follow-up the user typed is shown as typed."""
    from datetime import date

    from vp_desktop.domain.deadlines import STATUTORY_KIND, shown_what
    from vp_desktop.ui.record_models import _follow_up_what

    journal = Journal.create(tmp_path / "j.vpj", PASSPHRASE, profile=VpProfile(name="VP"),
                             organisations=["Gemeente Testdorp"])
    case = make_case(journal, incident_date=date(2026, 2, 1))  # pesten: ongewenst gedrag
    stored = [f for f in journal.follow_ups(case.id) if f.kind == STATUTORY_KIND]
    assert [f.what for f in stored] == ["Uiterste datum klacht bij LKOG (2 jaar na incident)"]
    i18n.set_language("en")
    assert _follow_up_what(stored[0]) == \
        "Last day for a complaint to the LKOG (2 years after the incident)"
    assert shown_what("Bel de melder terug", "terugbellen") == "Bel de melder terug"
    journal.close()
