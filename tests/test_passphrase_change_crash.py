"""kill -9 at random moments during a passphrase change (slow): the journal opens with
exactly one of the two passphrases and has lost nothing."""

from __future__ import annotations

import pytest
from crash_helpers import kill_at_random

from vp_desktop.storage import errors
from vp_desktop.storage.journal import Journal

from conftest import PASSPHRASE, make_case

pytestmark = pytest.mark.slow
TRIALS = 50
OTHER = "tweede zin voor de proef"

CHILD = """
import sys
from vp_desktop.services.backups import change_passphrase
from vp_desktop.storage.journal import Journal
a, b = sys.argv[2], sys.argv[3]
print("ready", flush=True)
while True:
    for old, new in ((a, b), (b, a)):
        try:
            j = Journal.open(sys.argv[1], old)
        except Exception:
            continue
        change_passphrase(j, old, new, new)
        j.close()
        print("changed", flush=True)
"""


def _opens_with(path, passphrase) -> bool:
    try:
        Journal.open(path, passphrase).close()
    except errors.WrongPassphrase:
        return False
    return True


def test_kill_during_passphrase_change(tmp_path):
    path = tmp_path / "journaal.vpj"
    with Journal.create(path, PASSPHRASE, organisations=["Org"]) as j:
        for _ in range(3):
            make_case(j)
    for trial in range(TRIALS):
        kill_at_random(CHILD, str(path), PASSPHRASE, OTHER, max_delay=1.0, seed=trial)
        with_a, with_b = _opens_with(path, PASSPHRASE), _opens_with(path, OTHER)
        assert with_a != with_b
        with Journal.open(path, PASSPHRASE if with_a else OTHER) as j:
            report = j.verify()
            assert report.ok and report.cases == 3
