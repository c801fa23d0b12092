"""Passphrase change: export and swap, a backup with the new passphrase at once."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from clirun import run_main

from vp_desktop.services import backups as svc
from vp_desktop.services.errors import OutputRefused
from vp_desktop.storage import errors
from vp_desktop.storage.journal import Journal

from conftest import PASSPHRASE, make_case

NEW = "nieuwe zin met vier woorden"


def test_change_keeps_everything_and_marks_older_backups(journal):
    make_case(journal)
    old_backup = svc.make_backup_now(journal, now=datetime.now() - timedelta(days=2)).made[0]
    outcome = svc.change_passphrase(journal, PASSPHRASE, NEW, NEW)
    assert outcome is not None
    assert len(journal.case_summaries()) == 1  # the open journal keeps working
    make_case(journal)
    path = journal.path
    marks = {e.path: e.older_passphrase for e in svc.list_backups(journal)}
    assert marks[old_backup.path] is True and marks[outcome.made[0].path] is False
    journal.close()
    with pytest.raises(errors.WrongPassphrase):
        Journal.open(path, PASSPHRASE)
    with Journal.open(path, NEW) as j:
        assert j.verify().ok and j.verify().cases == 2
        assert "wachtwoord_gewijzigd" in {e.kind for e in j.activity()}
    assert sorted(p.name for p in path.parent.iterdir() if p.name.startswith(".")) == []


def test_wrong_old_or_different_repeats_change_nothing(journal):
    path = journal.path
    with pytest.raises(OutputRefused):
        svc.change_passphrase(journal, "niet het oude", NEW, NEW)
    with pytest.raises(OutputRefused):
        svc.change_passphrase(journal, PASSPHRASE, NEW, NEW + "x")
    journal.close()
    Journal.open(path, PASSPHRASE).close()


def test_cli_passphrase_reads_three_lines(journal):
    make_case(journal)
    path = journal.path
    journal.close()
    result = run_main("passphrase", path, "--passphrase-stdin",
                      stdin=f"{PASSPHRASE}\n{NEW}\n{NEW}\n")
    assert result.returncode == 0, result.stderr
    assert "Wachtwoord gewijzigd" in result.stdout
    result = run_main("verify", path, "--passphrase-stdin", stdin=NEW)
    assert result.returncode == 0
    result = run_main("passphrase", path, "--passphrase-stdin",
                      stdin=f"{NEW}\nandere zin een\nandere zin twee\n")
    assert result.returncode == 1 and "verschillen" in result.stderr
    assert run_main("verify", path, "--passphrase-stdin", stdin=NEW).returncode == 0
