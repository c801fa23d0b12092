"""Destroying 100 cases in a 10 000-case journal, including the wipe (search indexes rebuilt,
VACUUM, -wal truncated). Not run by default:

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest tests/benchmarks -s -k retention

Target (issue 8): ≤ 3 s.
"""

from __future__ import annotations

import time

from vp_desktop.interchange.demo_data import create_demo_journal
from vp_desktop.storage.journal import Journal

PASSPHRASE = "demo demo demo"


def test_destroying_100_cases(tmp_path):
    path = tmp_path / "groot.vpj"
    create_demo_journal(path, PASSPHRASE, cases=10_000, seed=5)
    with Journal.open(path, PASSPHRASE) as journal:
        closed = [s.id for s in journal.case_summaries()
                  if s.status == "gesloten" and not s.held and not s.destroyed][:100]
        assert len(closed) == 100
        size = path.stat().st_size
        t0 = time.perf_counter()
        journal.destroy_cases(closed)
        took = time.perf_counter() - t0
    print(f"\ndestroy 100 of 10 000 cases ({size / 2**20:.0f} MB journal), wipe included: "
          f"{took:.2f} s")
    assert took <= 3.0
