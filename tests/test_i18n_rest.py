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
