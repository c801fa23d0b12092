"""Review of issue 8 (retention, backups, handover): defects found by a hostile reader.

Real journals in tmp_path; no mocks."""

from __future__ import annotations

from datetime import datetime

import pytest

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
