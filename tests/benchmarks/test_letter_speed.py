"""Letters and reports: click to preview, and a 50-consultation case report. Not run by default.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest tests/benchmarks -s -k letter

Targets (issue 3): a one-page referral letter from click to preview <= 150 ms warm; a
50-consultation case report <= 1 s.
"""

from __future__ import annotations

import os
import statistics
import time
from datetime import date, datetime, timedelta

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtPdf import QPdfDocument  # noqa: E402

from vp_desktop.domain.model import Consultation  # noqa: E402
from vp_desktop.letters.case_report import build_case_report  # noqa: E402
from vp_desktop.letters.compose import CaseMaterial  # noqa: E402
from vp_desktop.pdf.case_report import render_case_report  # noqa: E402

from conftest import make_case  # noqa: E402

RESULTS: dict[str, str] = {}


def test_letter_click_to_preview_and_case_report(qtbot, journal, journal_path):
    from test_ui import open_window, unlock_with_keyboard

    case = make_case(journal)
    start = datetime(2025, 1, 6, 9, 0)
    for i in range(49):
        journal.add_consultation(case.id, Consultation(
            started_at=start + timedelta(days=7 * i), duration_minutes=45, channel="telefoon",
            notes="Melder vertelt over de afgelopen week en wat er in het team gebeurde. " * 6,
            advice="Afspraak: volgende week opnieuw contact; melder houdt een logboek bij."))
    journal.close()
    window, _session = open_window(qtbot, journal_path)
    unlock_with_keyboard(qtbot, window)
    window.case_list.select_case(case.id)

    timings = []
    for _ in range(6):
        t0 = time.perf_counter()
        dialog = window.make_letter()
        qtbot.waitUntil(lambda d=dialog: d.preview.pdf.status() == QPdfDocument.Status.Ready,
                        timeout=5000)
        timings.append(time.perf_counter() - t0)
        dialog.close_for_lock()
    warm = timings[1:]
    RESULTS["letter: click to preview, first (cold)"] = f"{timings[0] * 1000:.0f} ms"
    RESULTS["letter: click to preview, warm median / max"] = (
        f"{statistics.median(warm) * 1000:.0f} / {max(warm) * 1000:.0f} ms")

    m = CaseMaterial.read(window.session.journal, case.id)
    assert len(m.consultations) == 50
    reports = []
    for inzage in (False, True, False, True):
        t0 = time.perf_counter()
        render_case_report(build_case_report(
            case=m.case, organisation=m.organisation, consultations=m.consultations,
            follow_ups=m.follow_ups, profile=m.profile, today=date.today(), inzage=inzage))
        reports.append(time.perf_counter() - t0)
    RESULTS["case report, 50 consultations, max"] = f"{max(reports) * 1000:.0f} ms"
    assert statistics.median(warm) <= 0.15
    assert max(reports) <= 1.0


def teardown_module(_module) -> None:
    print("\n\nVP Desktop letter benchmark")
    for key, value in RESULTS.items():
        print(f"  {key.ljust(46)}  {value}")
