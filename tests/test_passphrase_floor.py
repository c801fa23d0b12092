"""The passphrase floor: one rule in passphrase.py, applied by the UI fields and the CLI.
Nine characters and well-known passphrases are never usable (not even with the tick); a
10+ passphrase zxcvbn still rates weak needs the tick. Old short passphrases still open."""

from __future__ import annotations

import pytest
from clirun import run_main
from PySide6.QtTest import QTest

from vp_desktop.passphrase import (
    MIN_LENGTH,
    RULE,
    WEAK_NEEDS_CONFIRMATION,
    assess_passphrase,
    new_passphrase_problem,
)
from vp_desktop.storage.journal import Journal
from vp_desktop.ui.create_journal_dialog import CreateJournalDialog

from conftest import PASSPHRASE

NINE = "kraanfiet"  # strong-looking, but one short
COMMON = "Welkom2026!"  # zxcvbn says 3; the shipped Dutch list knows it
WEAK = "fiets12345"  # above the floor, zxcvbn 2: only with the tick


def test_the_rule_in_passphrase_py():
    assert MIN_LENGTH == 10 and len(NINE) == 9
    for refused in (NINE, COMMON, "wachtwoord", "1234567890", "aaaaaaaaaaaa"):
        strength = assess_passphrase(refused)
        assert strength.below_floor and not strength.needs_confirmation, refused
        assert new_passphrase_problem(refused, confirmed_weak=True) is not None, refused
    weak = assess_passphrase(WEAK)
    assert weak.is_weak and not weak.below_floor and weak.needs_confirmation
    assert new_passphrase_problem(WEAK) == WEAK_NEEDS_CONFIRMATION
    assert new_passphrase_problem(WEAK, confirmed_weak=True) is None
    assert new_passphrase_problem(PASSPHRASE) is None
    empty = assess_passphrase("")
    assert empty.label == "" and empty.text == RULE and "Minstens 10 tekens" in RULE


def test_create_dialog_hint_as_one_types_and_the_floor(qtbot, tmp_path):
    dialog = CreateJournalDialog(default_path=tmp_path / "j.vpj")
    qtbot.addWidget(dialog)
    dialog.show()
    assert "Zeer zwak" not in dialog.strength.text() and "Minstens 10 tekens" in dialog.strength.text()
    dialog.organisation.setText("Gemeente X")

    QTest.keyClicks(dialog.passphrase, NINE)  # typed, key by key
    assert dialog.strength.text().startswith("Te kort")
    assert not dialog.accept_weak.isVisible()
    dialog.repeat.setText(NINE)
    dialog.accept_weak.setChecked(True)  # even a tick forced on does not help
    dialog.try_create()
    assert dialog.journal is None and "minstens 10" in dialog.error.text()

    for text in (COMMON, WEAK):
        dialog.passphrase.setText(text)
        dialog.repeat.setText(text)
        if text == COMMON:
            assert not dialog.accept_weak.isVisible()
            dialog.accept_weak.setChecked(True)
            dialog.try_create()
            assert dialog.journal is None and "bekend" in dialog.error.text()
        else:
            assert dialog.accept_weak.isVisible() and not dialog.accept_weak.isChecked()
            dialog.try_create()
            assert dialog.journal is None and "zwak" in dialog.error.text()
    assert not (tmp_path / "j.vpj").exists()
    dialog.accept_weak.setChecked(True)
    dialog.try_create()
    assert dialog.journal is not None
    dialog.journal.close()


@pytest.mark.parametrize("passphrase, flag, code", [
    (NINE, False, 2), (COMMON, True, 2), (WEAK, False, 2), (WEAK, True, 0)])
def test_cli_init_applies_the_floor(tmp_path, passphrase, flag, code):
    path = tmp_path / "j.vpj"
    args = ["init", path, "--passphrase-stdin", *(["--allow-weak-passphrase"] if flag else [])]
    result = run_main(*args, stdin=passphrase + "\n")
    assert result.returncode == code, result.stderr
    assert path.exists() == (code == 0)


def test_cli_passphrase_change_applies_the_floor_and_old_short_ones_still_open(tmp_path):
    path = tmp_path / "oud.vpj"
    Journal.create(path, "abc", organisations=["Gemeente X"]).close()  # from before the floor
    assert run_main("verify", path, "--passphrase-stdin", stdin="abc\n").returncode == 0
    result = run_main("passphrase", path, "--passphrase-stdin", stdin=f"abc\n{NINE}\n{NINE}\n")
    assert result.returncode == 2 and "minstens 10" in result.stderr
    result = run_main("passphrase", path, "--passphrase-stdin",
                      stdin=f"abc\n{PASSPHRASE}\n{PASSPHRASE}\n")
    assert result.returncode == 0, result.stderr
    Journal.open(path, PASSPHRASE).close()
