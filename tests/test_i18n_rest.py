"""The last Dutch texts of issue 11 in English (branch rest): comparisons against translated
problem texts, the CLI's messages, the template editor, the About window and the services'
texts shown on screen; their Dutch stays as it was (the other tests)."""

from __future__ import annotations

import pytest

from vp_desktop import i18n
from vp_desktop.domain.model import VpProfile
from vp_desktop.storage.journal import Journal
from vp_desktop.ui.case_dialog import CaseDialog
from vp_desktop.ui.consultation_dialog import ConsultationDialog

from conftest import PASSPHRASE
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
