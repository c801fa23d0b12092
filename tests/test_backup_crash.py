"""kill -9 at random moments while backing up and while restoring (slow)."""

from __future__ import annotations

import pytest
from crash_helpers import kill_at_random

from vp_desktop.services import backups as svc
from vp_desktop.storage import backup as store
from vp_desktop.storage.journal import Journal

from conftest import PASSPHRASE, make_case

pytestmark = pytest.mark.slow
TRIALS = 50

BACKUP_CHILD = """
import sys
sys.path.insert(0, "tests")
from conftest import PASSPHRASE, make_case
from vp_desktop.services.backups import make_backup_now
from vp_desktop.storage.journal import Journal
j = Journal.open(sys.argv[1], PASSPHRASE)
print("ready", flush=True)
while True:
    make_case(j)
    print(len(j.case_summaries()), flush=True)
    make_backup_now(j)
"""

RESTORE_CHILD = """
import sys
from vp_desktop.services.backups import restore
print("ready", flush=True)
while True:
    restore(sys.argv[1], sys.argv[3], sys.argv[2], replace=True)
    print("done", flush=True)
"""


def _backups_all_verify(folder, expected_min=0):
    for path in store.backup_files(folder, "journaal"):
        info = store.verify_backup(path, PASSPHRASE)
        assert info.cases >= expected_min


def test_kill_during_backup_loses_nothing_and_leaves_only_good_backups(tmp_path):
    path = tmp_path / "journaal.vpj"
    with Journal.create(path, PASSPHRASE, organisations=["Org"]) as j:
        make_case(j)
    committed = 1
    folder = store.default_backup_dir(path)
    for trial in range(TRIALS):
        lines = kill_at_random(BACKUP_CHILD, str(path), max_delay=0.6, seed=trial)
        committed = max([committed, *(int(x) for x in lines if x.isdigit())])
        with Journal.open(path, PASSPHRASE) as j:
            report = j.verify()
            assert report.ok
            assert report.cases >= committed
            committed = report.cases
        _backups_all_verify(folder)
        store.remove_stale_parts(folder, older_than=0)
    assert store.backup_files(folder, "journaal")


def test_kill_during_restore_leaves_a_journal_or_its_backup(tmp_path):
    path = tmp_path / "journaal.vpj"
    with Journal.create(path, PASSPHRASE, organisations=["Org"]) as j:
        make_case(j)
        backup = svc.make_backup_now(j, to=tmp_path / "elders").made[0].path
        make_case(j)
    for trial in range(TRIALS):
        kill_at_random(RESTORE_CHILD, str(backup), str(path), PASSPHRASE, max_delay=0.8,
                       seed=1000 + trial)
        with Journal.open(path, PASSPHRASE) as j:
            report = j.verify()
            assert report.ok and report.cases in (1, 2)
        _backups_all_verify(store.default_backup_dir(path))
        # the journal's two cases were never lost: either in place or in a verified backup
        counts = [store.verify_backup(p, PASSPHRASE).cases
                  for p in store.backup_files(store.default_backup_dir(path), "journaal")]
        assert report.cases == 2 or 2 in counts
