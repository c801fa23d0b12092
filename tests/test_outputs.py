"""Every output leaves through one service: the output-path guard, log first then publish,
and one wording of failures — for the window and the command line alike."""

from __future__ import annotations

import ast
import hashlib
import io
import os
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from clirun import run_main
from pypdf import PdfReader

from vp_desktop.domain.model import InvolvedPerson, MelderIdentity
from vp_desktop.services.errors import OutputFailed, OutputRefused
from vp_desktop.services.letters import CaseReportMaker, LetterMaker
from vp_desktop.services.outputs import LogLine, guard_output_path, publish_file, publish_print
from vp_desktop.storage.journal import Journal

from conftest import PASSPHRASE, make_case

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 23)
STDIN = PASSPHRASE + "\n"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def closed(journal, journal_path):
    case = make_case(journal)
    journal.close()
    return journal_path, case


def _commands(journal_path: Path, case_code: str, out: Path) -> list[list]:
    return [
        ["report", journal_path, "--case", case_code, "--out", out],
        ["letter", journal_path, "--case", case_code, "--template", "lkog", "--out", out],
        ["stats", journal_path, "--year", "2026", "--organisation", "Gemeente Testdorp",
         "--format", "pdf", "--out", out],
    ]


def _targets(journal_path: Path, tmp_path: Path) -> dict[str, Path]:
    other = tmp_path / "ander.vpj"
    Journal.create(other, PASSPHRASE).close()
    link = tmp_path / "link.pdf"
    link.symlink_to(journal_path)
    hard = tmp_path / "hard.pdf"
    os.link(journal_path, hard)
    return {"journal": journal_path, "wal": Path(f"{journal_path}-wal"),
            "shm": Path(f"{journal_path}-shm"), "other vpj": other, "symlink": link,
            "hard link": hard}


@pytest.mark.parametrize("command", ["report", "letter", "stats"])
def test_no_export_writes_over_a_journal(closed, tmp_path, command):
    journal_path, case = closed
    targets = _targets(journal_path, tmp_path)
    assert run_main("cases", journal_path, "--passphrase-stdin", stdin=STDIN).returncode == 0
    before = {name: digest(path) for name, path in targets.items() if path.exists()}
    for name, target in targets.items():
        argv = next(c for c in _commands(journal_path, case.code, target) if c[0] == command)
        result = run_main(*argv, "--passphrase-stdin", stdin=STDIN)
        assert result.returncode == 1, (name, result.stderr)
        assert "Daar wordt niet geschreven" in result.stderr, name
        assert result.stderr.count("\n") <= 2 and "Traceback" not in result.stderr
    after = {name: digest(path) for name, path in targets.items() if path.exists()}
    assert after == before
    with Journal.open(journal_path, PASSPHRASE) as j:
        assert j.verify().ok
        assert j.activity() == []  # refused before anything was logged


def test_the_guard_compares_kinds_of_existing_files(tmp_path, journal_path, journal):
    sqlite_file = tmp_path / "rapport.pdf"
    con = sqlite3.connect(sqlite_file)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    text_file = tmp_path / "notities.pdf"
    text_file.write_text("mijn eigen aantekeningen")
    binary_csv = tmp_path / "cijfers.csv"
    binary_csv.write_bytes(os.urandom(2048))
    fifo = tmp_path / "pijp.pdf"
    os.mkfifo(fifo)
    for path, kind in ((sqlite_file, "pdf"), (text_file, "pdf"), (binary_csv, "csv"),
                       (fifo, "pdf"), (tmp_path, "pdf"), (tmp_path / "x.json", "json")):
        if path.name == "x.json":
            path.write_text("geen json, maar tekst")
        with pytest.raises(OutputRefused):
            guard_output_path(path, kind=kind, journal_path=journal_path)
    with pytest.raises(OutputRefused):
        guard_output_path(tmp_path / "nieuw.vpj", kind="pdf", journal_path=journal_path)
    with pytest.raises(OutputRefused):
        guard_output_path(tmp_path / "geen-map" / "x.pdf", kind="pdf",
                          journal_path=journal_path)
    # replacing an own kind of file, or writing a new one, is allowed
    old_pdf = tmp_path / "oud.pdf"
    old_pdf.write_bytes(b"%PDF-1.4 oud")
    old_csv = tmp_path / "oud.csv"
    old_csv.write_text("a;b\r\n1;2\r\n", encoding="utf-8-sig")
    assert guard_output_path(old_pdf, kind="pdf", journal_path=journal_path) == old_pdf
    assert guard_output_path(old_csv, kind="csv", journal_path=journal_path) == old_csv
    assert guard_output_path(tmp_path / "nieuw.pdf", kind="pdf", journal_path=journal_path)


def test_log_first_then_the_file(journal, tmp_path):
    case = make_case(journal)
    target = tmp_path / "overzicht.pdf"
    maker = CaseReportMaker(journal, case.id, TODAY)
    maker.save(journal, target, inzage=False)
    assert target.exists() and oct(target.stat().st_mode & 0o777) == "0o600"
    [entry] = journal.activity()
    assert (entry.kind, entry.case_code, entry.detail) == ("rapport_opgeslagen", case.code,
                                                           "archief")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_no_log_no_file(journal, tmp_path):
    """When the activity log cannot be written (here: the journal was locked meanwhile), no
    file appears and no part file stays behind."""
    case = make_case(journal)
    data = CaseReportMaker(journal, case.id, TODAY).pdf(inzage=False)
    journal.close()
    target = tmp_path / "overzicht.pdf"
    with pytest.raises(OutputFailed) as refused:
        publish_file(journal, target, data, kind="pdf",
                     log=LogLine("rapport_opgeslagen", case.code))
    assert "activiteitenlog" in refused.value.message
    assert not target.exists()
    assert [p for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_a_failed_print_is_logged_as_failed(journal):
    case = make_case(journal)

    def broken_printer():
        raise OSError(5, "I/O error")

    with pytest.raises(OutputFailed):
        publish_print(journal, broken_printer, log=LogLine("rapport_afgedrukt", case.code))
    [entry] = journal.activity()
    assert entry.kind == "rapport_afgedrukt" and entry.detail.endswith("mislukt")


def test_a_failed_write_is_logged_as_failed_and_leaves_nothing(journal, tmp_path):
    """A target name the file system takes, whose part file name it does not: the part file
    fails for real, the log says "mislukt", nothing is left."""
    case = make_case(journal)
    folder = tmp_path / "uitvoer"
    folder.mkdir()
    target = folder / ("x" * 250 + ".pdf")
    with pytest.raises(OutputFailed) as failed:
        publish_file(journal, target, b"%PDF-1.4", kind="pdf",
                     log=LogLine("brief_opgeslagen", case.code, "lkog"))
    assert "niet worden geschreven" in failed.value.message
    [entry] = journal.activity()
    assert entry.kind == "brief_opgeslagen" and entry.detail.endswith("mislukt")
    assert list(folder.iterdir()) == []


def test_the_window_and_the_command_line_use_the_same_services():
    """No output rule in the front ends: they import the services, never the renderers, the
    name engine, the file writer or the activity log."""
    forbidden = {"render_letter", "render_case_report", "render_annual_report", "find_names", "scan",
                 "publish_file", "import_into", "import_bundles",
                 "publish_print", "log_activity", "write_private_file", "letter_document",
                 "build_case_report", "publish", "publication_csv", "publication_json"}
    front_ends = [ROOT / "vp_desktop" / "cli.py", *sorted((ROOT / "vp_desktop" / "ui").glob("*.py"))]
    used: dict[str, set[str]] = {}
    for path in front_ends:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {a.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                 for a in node.names}
        attrs = {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
        bad = (names | attrs) & forbidden
        assert not bad, f"{path.name} uses {bad}"
        used[path.name] = names
    assert {"LetterMaker", "CaseReportMaker", "export_publication"} <= used["cli.py"]
    assert "LetterMaker" in used["letter_dialog.py"]
    assert "CaseReportMaker" in used["report_dialog.py"]
    assert "export_publication" in used["annual_report_dialog.py"]


def test_cli_and_service_make_the_same_letter(closed, tmp_path):
    journal_path, case = closed
    out = tmp_path / "cli.pdf"
    assert run_main("letter", journal_path, "--case", case.code, "--template", "lkog",
                    "--out", out, "--passphrase-stdin", stdin=STDIN).returncode == 0
    with Journal.open(journal_path, PASSPHRASE) as journal:
        maker = LetterMaker(journal, case.id)
        direct = maker.pdf(maker.start(journal, "lkog"))

    def text(data: bytes) -> str:
        return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)

    assert text(out.read_bytes()) == text(direct)


def test_identity_and_others(journal):
    """The melder's consent covers the melder only: every other recorded name blocks."""
    case = make_case(journal, melder=MelderIdentity(anonymous=False, name="Sanne Jansen"),
                     persons=[InvolvedPerson(name="Karel Appel", role="getuige")])
    other = make_case(journal, melder=MelderIdentity(anonymous=False, name="Fatima Elamrani"),
                      persons=[])
    assert other.id != case.id
    maker = LetterMaker(journal, case.id, TODAY)
    draft = maker.start(journal, "bevestiging-melder", with_identity=True)
    draft.body += "\n\nGroet aan Sanne, aan Karel en aan Fatima Elamrani."
    blocking = [(h.matched, h.role) for _p, h in maker.check(draft).blocking()]
    assert blocking == [("Karel", "getuige"), ("Fatima Elamrani", "ander_dossier")]


def test_an_import_is_logged_with_its_cases_or_not_at_all(journal, tmp_path):
    import json

    from vp_desktop.services.errors import ServiceError
    from vp_desktop.services.importing import import_cases, read_import_file

    def import_file(cases: list) -> bytes:
        path = tmp_path / "import.json"
        path.write_text(json.dumps({"format": "vp-desktop-import", "version": 1,
                                    "cases": cases}), encoding="utf-8")
        return read_import_file(path)

    good = {"organisation": "Gemeente Importstad", "opened": "2026-01-15",
            "categories": ["werkdruk"]}
    with pytest.raises(ServiceError):
        import_cases(journal, import_file([good, {**good, "opened": "morgen"}]))
    assert journal.activity() == [] and journal.case_summaries() == []
    assert import_cases(journal, import_file([good, good])) == 2
    [entry] = journal.activity()
    assert (entry.kind, entry.detail) == ("import", "2 dossiers")
