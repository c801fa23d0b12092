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
from vp_desktop.services.letters import CaseReportMaker, LetterMaker  # noqa: E402

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

    maker = CaseReportMaker(window.session.journal, case.id, date.today())
    assert len(maker.material.consultations) == 50
    reports = []
    for inzage in (False, True, False, True):
        t0 = time.perf_counter()
        maker.pdf(inzage)
        reports.append(time.perf_counter() - t0)
    RESULTS["case report, 50 consultations, max"] = f"{max(reports) * 1000:.0f} ms"
    assert statistics.median(warm) <= 0.15
    assert max(reports) <= 1.0


def teardown_module(_module) -> None:
    print("\n\nVP Desktop letter benchmark")
    for key, value in RESULTS.items():
        print(f"  {key.ljust(46)}  {value}")


def test_letter_in_a_10000_case_journal(tmp_path):
    """The name check looks for every name in the journal: what that costs in a large one."""
    from vp_desktop.interchange.demo_data import create_demo_journal
    from vp_desktop.letters.name_check import clear_cache
    from vp_desktop.storage.journal import Journal

    path = tmp_path / "groot.vpj"
    create_demo_journal(path, "demo demo demo", cases=10_000, seed=3)
    with Journal.open(path, "demo demo demo") as journal:
        ids = [s.id for s in journal.case_summaries()[:6]]
        names = len(journal.all_person_names())
        clear_cache()
        timings = []
        for case_id in ids:
            t0 = time.perf_counter()
            maker = LetterMaker(journal, case_id)
            draft = maker.start(journal, "bedrijfsarts")
            maker.check(draft)
            timings.append(time.perf_counter() - t0)
    RESULTS[f"letter in a 10 000-case journal ({names} names): first"] = (
        f"{timings[0] * 1000:.0f} ms")
    RESULTS["letter in a 10 000-case journal: next cases, median"] = (
        f"{statistics.median(timings[1:]) * 1000:.0f} ms")
    assert statistics.median(timings[1:]) <= 0.15
