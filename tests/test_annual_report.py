"""The jaarverslag end to end: from a real journal through the CLI and the window to files."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPdf import QPdfDocument

from vp_desktop.interchange.demo_data import create_demo_journal
from vp_desktop.storage.journal import Journal

from conftest import PASSPHRASE
from test_ui import open_window, unlock_with_keyboard

ROOT = Path(__file__).resolve().parents[1]
YEAR = 2025


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from datetime import date

    path = tmp_path_factory.mktemp("jaar") / "demo.vpj"
    create_demo_journal(path, PASSPHRASE, cases=400, seed=3, today=date(2026, 11, 23))
    with Journal.open(path, PASSPHRASE) as journal:
        organisations = journal.organisations()
        by_org = {o.name: len(journal.statistics_records(year=YEAR, organisation_id=o.id))
                  for o in organisations}
        secrets = set()
        for summary in journal.case_summaries(year=YEAR):
            case = journal.get_case(summary.id)
            secrets.add(case.code)
            secrets.update(name for name, _role in case.named_persons())
            secrets.update(c.notes[:40] for c in journal.consultations(case.id) if c.notes)
    return path, by_org, secrets


def cli(tmp_path, *args):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path / "home")}
    return subprocess.run([sys.executable, "-m", "vp_desktop", *map(str, args),
                           "--passphrase-stdin"], input=PASSPHRASE + "\n", text=True,
                          capture_output=True, env=env, cwd=ROOT, timeout=120)


def test_cli_exports_pdf_csv_and_json_without_any_case_detail(demo, tmp_path):
    path, by_org, secrets = demo
    organisation = max(by_org, key=by_org.get)
    outputs = {}
    for fmt in ("pdf", "csv", "json"):
        out = tmp_path / f"jaarverslag.{fmt}"
        result = cli(tmp_path, "stats", path, "--year", YEAR, "--organisation", organisation,
                     "--format", fmt, "--out", out)
        assert result.returncode == 0, result.stderr
        assert oct(out.stat().st_mode & 0o777) == "0o600"
        outputs[fmt] = out.read_bytes()

    pdf_text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(outputs["pdf"])).pages)
    csv_text = outputs["csv"].decode("utf-8-sig")
    json_text = outputs["json"].decode("utf-8")
    assert outputs["csv"].startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(csv_text), delimiter=";"))
    assert any(organisation in cell for row in rows for cell in row)
    assert json.loads(json_text)["format"] == "vp-desktop-jaarverslag"
    for text in (pdf_text, csv_text, json_text):
        assert str(YEAR) in text
        leaked = [s for s in secrets if s and s in text]
        assert leaked == [], leaked[:3]

    with Journal.open(path, PASSPHRASE) as journal:
        exports = [e for e in journal.activity() if e.kind == "export"]
    assert len(exports) >= 3 and all(e.case_code is None for e in exports)


def test_cli_needs_an_organisation_when_there_are_several_and_checks_k(demo, tmp_path):
    path, by_org, _secrets = demo
    assert len(by_org) > 1
    result = cli(tmp_path, "stats", path, "--year", YEAR, "--format", "csv",
                 "--out", tmp_path / "x.csv")
    assert result.returncode == 1 and "organisatie" in result.stderr.lower()
    result = cli(tmp_path, "stats", path, "--year", YEAR, "--k", "2", "--organisation",
                 next(iter(by_org)), "--format", "csv", "--out", tmp_path / "x.csv")
    assert result.returncode == 2
    assert not (tmp_path / "x.csv").exists()


def test_annual_report_window_review_narrative_and_export(qtbot, demo, tmp_path):
    path, by_org, _secrets = demo
    window, session = open_window(qtbot, path)
    unlock_with_keyboard(qtbot, window)
    dialog = window.open_annual_report()
    dialog.year.setCurrentIndex(dialog.year.findData(YEAR))
    qtbot.waitUntil(lambda: dialog.preview.pdf.status() == QPdfDocument.Status.Ready,
                    timeout=10000)
    assert dialog.publication is not None and dialog.publication.year == YEAR
    assert dialog.review.count() >= 1

    dialog.narrative.setPlainText("Werkdruk blijft het belangrijkste signaal.")
    dialog.try_save()
    org_id = dialog.organisation.currentData()
    assert session.journal.narrative(YEAR, org_id).startswith("Werkdruk")

    out = tmp_path / "verslag.csv"
    dialog.export("csv", str(out))
    qtbot.waitUntil(lambda: out.exists() and "Geëxporteerd" in dialog.status.text(),
                    timeout=10000)
    assert "Werkdruk blijft" in out.read_bytes().decode("utf-8-sig")
    assert session.journal.activity()[0].kind == "export"

    dialog.narrative.appendPlainText("Nog niet bewaard.")
    session.lock()
    with Journal.open(path, PASSPHRASE) as other:
        drafts = [d for d in other.drafts() if d.kind == "annual_report"]
        assert drafts and "Nog niet bewaard" in drafts[0].payload["narrative"]
        for draft in drafts:
            other.delete_draft(draft.id)
