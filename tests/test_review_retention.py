"""Review of issue 8 (retention, backups, handover): defects found by a hostile reader.

Real journals in tmp_path; no mocks."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlcipher_pages import places_of

from vp_desktop.services import backups, retention
from vp_desktop.storage import errors
from vp_desktop.storage.journal import Journal

from conftest import PASSPHRASE, make_case


def test_code_of_a_deleted_case_is_not_given_to_a_new_case(journal):
    make_case(journal)
    mistake = make_case(journal)
    retention.delete_case(journal, mistake.id, typed_code=mistake.code)
    fresh = make_case(journal)
    assert fresh.code != mistake.code


def test_explicit_code_of_a_deleted_case_is_refused(journal):
    mistake = make_case(journal)
    code = mistake.code
    retention.delete_case(journal, mistake.id, typed_code=code)
    with pytest.raises(errors.StorageError, match=code):
        make_case(journal, code=code)


def test_restore_with_replace_keeps_a_case_made_after_a_deletion(tmp_path):
    """A new case must never be deleted by re-applying an older "verwijderd" line — also in
    a journal where a code was reused before codes were protected."""
    path = tmp_path / "journaal.vpj"
    with Journal.create(path, PASSPHRASE, organisations=["Org"]) as journal:
        make_case(journal)
        mistake = make_case(journal)
        retention.delete_case(journal, mistake.id, typed_code=mistake.code)
        # a code reused (as older versions did): the row written directly, a second later
        journal.vault.connection.execute(
            "UPDATE destruction_log SET at = ?", ("2000-01-01T00:00:00",))
        fresh = make_case(journal, code=None)
        journal.vault.connection.execute("UPDATE cases SET code = ? WHERE id = ?",
                                         (mistake.code, fresh.id))
        made = backups.make_backup_now(journal, now=datetime(2026, 5, 1, 10, 0))
    result = backups.restore(made.made[0].path, PASSPHRASE, path, replace=True,
                             now=datetime(2026, 5, 1, 11, 0))
    assert mistake.code not in result.reapplied
    with Journal.open(path, PASSPHRASE) as journal:
        assert mistake.code in {s.code for s in journal.case_summaries()}


def _closed_case_destroyed_after_a_backup(tmp_path):
    """A journal with one closed case, a backup of it, then the case destroyed."""
    path = tmp_path / "journaal.vpj"
    with Journal.create(path, PASSPHRASE, organisations=["Org"]) as journal:
        case = make_case(journal, status="gesloten", closed=date(2026, 3, 10))
        old = backups.make_backup_now(journal, now=datetime(2026, 4, 1, 9, 0)).made[0].path
        journal.destroy_cases([case.id])
    return path, old, case


def test_restore_to_a_new_place_reapplies_the_journal_of_the_backup(tmp_path):
    """No backup was made after the destruction: the journal the backups belong to knows it."""
    path, old, case = _closed_case_destroyed_after_a_backup(tmp_path)
    result = backups.restore(old, PASSPHRASE, tmp_path / "elders" / "nieuw.vpj")
    assert result.reapplied == [case.code]
    assert places_of(tmp_path / "elders" / "nieuw.vpj", PASSPHRASE, ["Jan de Vries"]) == []


def test_restore_to_a_new_name_reapplies_later_backups_beside_it(tmp_path):
    """A backup made after the destruction has another name than the restored target."""
    path, old, case = _closed_case_destroyed_after_a_backup(tmp_path)
    with Journal.open(path, PASSPHRASE) as journal:
        backups.make_backup_now(journal, now=datetime(2026, 4, 2, 9, 0), rotate=False)
    path.unlink()  # the journal itself is lost; only its backups remain
    result = backups.restore(old, PASSPHRASE, tmp_path / "nieuw.vpj")
    assert result.reapplied == [case.code]


CLOSED = dict(opened=date(2024, 3, 1), status="gesloten", closed=date(2025, 1, 6),
              destroy_after=date(2026, 1, 6))
NEW = "ander nieuw wachtwoord voor later"
YESTERDAY = datetime.now() - timedelta(days=1)  # a backup of today would be rotated away


def test_restore_after_a_passphrase_change_keeps_destroyed_cases_destroyed(tmp_path):
    """Backup with A, destroy, change to B, restore the A backup over the journal: without B
    nothing happens; with B the destruction is re-applied and no byte of it comes back."""
    from vp_desktop.domain.model import MelderIdentity

    path = tmp_path / "journaal.vpj"
    with Journal.create(path, PASSPHRASE, organisations=["Org"]) as journal:
        case = make_case(journal, **CLOSED,
                         melder=MelderIdentity(anonymous=False, name="Vernietigde Kanarie"))
        old = backups.make_backup_now(journal, now=YESTERDAY).made[0].path
        retention.destroy(journal, [case.id])
        backups.change_passphrase(journal, PASSPHRASE, NEW, NEW)
    before = path.read_bytes()
    with pytest.raises(backups.OutputRefused, match="ander wachtwoord"):
        backups.restore(old, PASSPHRASE, path, replace=True)
    assert path.read_bytes() == before  # nothing changed
    outcome = backups.restore(old, PASSPHRASE, path, replace=True, current_passphrase=NEW)
    assert outcome.reapplied == [case.code]
    with Journal.open(path, PASSPHRASE) as restored:
        assert restored.get_case(case.id).destroyed_at is not None
    assert places_of(path, PASSPHRASE, ["Vernietigde Kanarie"]) == []


def test_restore_never_replaces_a_file_that_is_no_journal(tmp_path, journal):
    make_case(journal)
    old = backups.make_backup_now(journal).made[0].path
    notes = tmp_path / "aantekeningen.txt"
    notes.write_text("mijn eigen aantekeningen")
    with pytest.raises(backups.OutputRefused, match="geen VP-journaal"):
        backups.restore(old, PASSPHRASE, notes, replace=True)
    assert notes.read_text() == "mijn eigen aantekeningen"


def test_cli_restore_takes_the_current_passphrase_on_the_second_line(tmp_path):
    from clirun import run_main

    path = tmp_path / "journaal.vpj"
    with Journal.create(path, PASSPHRASE, organisations=["Org"]) as journal:
        case = make_case(journal, **CLOSED)
        old = backups.make_backup_now(journal, now=YESTERDAY).made[0].path
        retention.destroy(journal, [case.id])
        backups.change_passphrase(journal, PASSPHRASE, NEW, NEW)
    args = ("restore", old, "--to", path, "--replace", "--passphrase-stdin")
    refused = run_main(*args, stdin=PASSPHRASE + "\n")
    assert refused.returncode == 1 and "ander wachtwoord" in refused.stderr
    done = run_main(*args, stdin=f"{PASSPHRASE}\n{NEW}\n")
    assert done.returncode == 0, done.stderr
    assert f"Opnieuw vernietigd: {case.code}" in done.stdout


def test_restore_elsewhere_after_a_passphrase_change_reads_the_origin_too(tmp_path):
    from clirun import run_main

    path = tmp_path / "journaal.vpj"
    with Journal.create(path, PASSPHRASE, organisations=["Org"]) as journal:
        case = make_case(journal, **CLOSED)
        old = backups.make_backup_now(journal, now=YESTERDAY).made[0].path
        retention.destroy(journal, [case.id])
        backups.change_passphrase(journal, PASSPHRASE, NEW, NEW)
    elsewhere = tmp_path / "elders" / "terug.vpj"
    elsewhere.parent.mkdir()
    args = ("restore", old, "--to", elsewhere, "--passphrase-stdin")
    refused = run_main(*args, stdin=PASSPHRASE + "\n")
    assert refused.returncode == 1 and "ander wachtwoord" in refused.stderr
    assert not elsewhere.exists()
    done = run_main(*args, stdin=f"{PASSPHRASE}\n{NEW}\n")
    assert done.returncode == 0, done.stderr
    with Journal.open(elsewhere, PASSPHRASE) as restored:
        assert restored.get_case(case.id).destroyed_at is not None
