"""Jaarverslag speed on a 10 000-case journal. Not run by default.

Targets (issue 4): statistics for one year <= 0.5 s; the PDF jaarverslag <= 2 s.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

from vp_desktop.pdf.annual_report import render_annual_report
from vp_desktop.services.annual import build_publication
from vp_desktop.stats.disclosure import publish
from vp_desktop.storage.journal import Journal

CASES = int(os.environ.get("VP_BENCH_CASES", "10000"))
PASSPHRASE = "bench bench bench"


def test_year_statistics_and_pdf(tmp_path):
    path = tmp_path / "groot.vpj"
    subprocess.run([sys.executable, "-m", "vp_desktop", "demo", str(path), "--cases", str(CASES),
                    "--seed", "7", "--passphrase-stdin"], input=PASSPHRASE + "\n", text=True,
                   check=True, capture_output=True)
    with Journal.open(path, PASSPHRASE) as journal:
        year = max(journal.case_years()) - 1
        organisation = journal.organisations()[0]
        t0 = time.perf_counter()
        publication = build_publication(journal, year=year, organisation=organisation, k=5)
        stats = time.perf_counter() - t0
        records = len(journal.statistics_records(year=year, organisation_id=organisation.id))
        t0 = time.perf_counter()  # the whole year, all organisations together
        whole = publish(journal.statistics_records(year=year),
                        journal.statistics_records(year=year - 1), year=year, organisation="",
                        k=5)
        whole_time = time.perf_counter() - t0
    t0 = time.perf_counter()
    pdf = render_annual_report(publication)
    render = time.perf_counter() - t0
    print(f"\njaarverslag {year}, {records} cases of one organisation "
          f"(journal of {CASES}): statistics {stats * 1000:.0f} ms, "
          f"PDF {render * 1000:.0f} ms ({len(pdf) // 1024} KB); the whole year "
          f"({whole.tables[0].cells[0].shown} cases) {whole_time * 1000:.0f} ms")
    assert stats <= 0.5 and whole_time <= 0.5
    assert render <= 2.0
