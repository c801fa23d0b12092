"""The ``vp-desktop`` command line against real journal files: in-process through
``main(argv)`` (tests/clirun.py), and as a real subprocess where the process itself matters
(help, a passphrase through a real pipe and locale, a closed pipe, no display).

Exit codes: 0 ok · 1 other error · 2 usage · 3 wrong passphrase/not a journal · 4 damaged ·
5 location refused. Every error is one line on stderr (the import listing starts with one
summary line), never a traceback.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
import sqlcipher3
from clirun import Result, run_main

from vp_desktop.domain.model import Consultation, InvolvedPerson, MelderIdentity
from vp_desktop.storage.journal import Journal
from vp_desktop.storage.schema import LATEST_VERSION
from vp_desktop.storage.vault import PAGE_SIZE

from conftest import PASSPHRASE, make_case

ROOT = Path(__file__).resolve().parent.parent
STDIN = PASSPHRASE + "\n"
HEADER = "code\tgeopend\tgesloten\tstatus\tcategorieen"


def _env(home: Path) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "QT_QPA_PLATFORM": "offscreen",
        "LANG": "C.UTF-8",
    }


def run_cli(home: Path, *args, stdin: str | None = STDIN) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "vp_desktop", *map(str, args)],
        input=stdin,
        capture_output=True,
        text=True,
        env=_env(home),
        cwd=ROOT,
        timeout=120,
    )


@pytest.fixture
def cli(tmp_path):
    """The command in-process; HOME and the XDG folders are the test's own (conftest)."""
    (tmp_path / "home").mkdir()

    def run(*args, stdin: str | bytes | None = STDIN, stdin_errors: str = "strict") -> Result:
        return run_main(*args, stdin=stdin, stdin_errors=stdin_errors)

    return run


def assert_ok(result: Result | subprocess.CompletedProcess) -> None:
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def assert_error(result: Result | subprocess.CompletedProcess, code: int) -> str:
    """Exit code as expected, exactly one line on stderr, no traceback. Returns the line."""
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got: {result.stderr!r}"
    assert lines[0].startswith("vp-desktop: "), lines[0]
    assert result.returncode == code, f"exit {result.returncode}: {result.stderr}"
    return lines[0]


def digest(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def rows(stdout: str) -> list[list[str]]:
    lines = stdout.splitlines()
    assert lines[0] == HEADER
    return [line.split("\t") for line in lines[1:]]


# --- shared journals ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_journal(tmp_path_factory) -> Path:
    """A 30-case demo journal made by ``vp-desktop demo`` (seed 1); tests only read it."""
    path = tmp_path_factory.mktemp("demo") / "demo.vpj"
    result = run_main("demo", path, "--cases", 30, "--seed", 1, "--passphrase-stdin", stdin=STDIN)
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture
def closed_journal(tmp_path) -> Path:
    """A journal with three cases, made through the Journal API and closed."""
    path = tmp_path / "j.vpj"
    with Journal.create(path, PASSPHRASE, organisations=["Gemeente Testdorp"]) as j:
        make_case(j, opened=date(2025, 5, 1))
        make_case(j, opened=date(2026, 2, 1), status="gesloten", closed=date(2026, 3, 1))
        make_case(j, opened=date(2026, 4, 1))
    return path


# --- help ---------------------------------------------------------------------------------


def test_help_exits_0(tmp_path):
    result = run_cli(tmp_path, "--help", stdin=None)  # a real process
    assert_ok(result)
    for command in ("init", "demo", "import", "cases", "verify"):
        assert command in result.stdout


def test_help_in_process_gives_the_same_text(cli, tmp_path):
    result = cli("--help", stdin=None)
    assert_ok(result)
    assert result.stdout == run_cli(tmp_path, "--help", stdin=None).stdout


def test_gui_without_a_display_says_so_in_dutch(tmp_path):
    env = {k: v for k, v in _env(tmp_path).items() if k != "QT_QPA_PLATFORM"}
    result = subprocess.run([sys.executable, "-m", "vp_desktop", "--demo"], capture_output=True,
                            text=True, env=env, cwd=ROOT, timeout=60, stdin=subprocess.DEVNULL)
    line = assert_error(result, 1)
    assert "geen beeldscherm" in line


# --- passphrases through a real pipe ------------------------------------------------------


def test_passphrase_from_a_real_pipe_opens_the_journal(tmp_path, closed_journal):
    result = run_cli(tmp_path, "verify", closed_journal, "--passphrase-stdin")
    assert_ok(result)
    assert "3 dossiers" in result.stdout


@pytest.mark.parametrize("lang", ["C.UTF-8", "C", "POSIX"])
def test_invalid_utf8_passphrase_through_a_real_pipe_exits_2(tmp_path, closed_journal, lang):
    """Under a C/POSIX locale Python reads stdin with surrogateescape: no UnicodeDecodeError,
    the bad byte arrives as a lone surrogate. Both ways it is a usage error (exit 2)."""
    env = {**_env(tmp_path), "LANG": lang, "LC_ALL": lang, "PYTHONUTF8": "0"}
    result = subprocess.run(
        [sys.executable, "-m", "vp_desktop", "verify", str(closed_journal), "--passphrase-stdin"],
        input=b"kraan \xff fiets\n", capture_output=True, env=env, cwd=ROOT, timeout=60)
    stderr = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 2, stderr
    assert "geen geldige UTF-8" in stderr
    assert "Traceback" not in stderr


# --- init ---------------------------------------------------------------------------------


def test_init_creates_an_owner_only_journal_that_verifies(cli, tmp_path):
    path = tmp_path / "nieuw" / "j.vpj"
    result = cli("init", path, "--passphrase-stdin")
    assert_ok(result)
    assert str(path) in result.stdout
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert {p.name for p in path.parent.iterdir()} == {"j.vpj"}

    result = cli("verify", path, "--passphrase-stdin")
    assert_ok(result)
    assert f"Schemaversie {LATEST_VERSION}" in result.stdout
    assert "0 dossiers" in result.stdout


def test_init_weak_passphrase_needs_the_flag_then_warns_and_creates(cli, tmp_path):
    """(The floor itself — too short, well known — is in test_passphrase_floor.py.)"""
    path = tmp_path / "j.vpj"
    assert "--allow-weak-passphrase" in assert_error(
        cli("init", path, "--passphrase-stdin", stdin="fiets12345\n"), 2)
    assert not path.exists()
    result = cli("init", path, "--allow-weak-passphrase", "--passphrase-stdin",
                 stdin="fiets12345\n")
    assert_ok(result)
    assert "zwak" in result.stderr
    assert path.exists()


def test_init_on_an_existing_path_exits_1_and_changes_nothing(cli, closed_journal):
    before = digest(closed_journal)
    line = assert_error(cli("init", closed_journal, "--passphrase-stdin"), 1)
    assert "al een bestand" in line
    assert digest(closed_journal) == before


def test_init_in_a_sync_folder_exits_5_unless_allowed(cli, tmp_path):
    path = tmp_path / "Dropbox" / "j.vpj"
    line = assert_error(cli("init", path, "--passphrase-stdin"), 5)
    assert "Dropbox" in line
    assert not path.exists()
    assert not path.parent.exists(), "a refused location must not get a new folder"

    assert_ok(cli("init", path, "--allow-sync-folder", "--passphrase-stdin"))
    assert path.is_file()
    assert_ok(cli("verify", path, "--passphrase-stdin"))  # opening there is fine


# --- demo ---------------------------------------------------------------------------------


def test_demo_is_deterministic_per_seed(cli, tmp_path, demo_journal):
    again, other = tmp_path / "again.vpj", tmp_path / "other.vpj"
    result = cli("demo", again, "--cases", 30, "--seed", 1, "--passphrase-stdin")
    assert_ok(result)
    assert "30" in result.stdout
    assert_ok(cli("demo", other, "--cases", 30, "--seed", 2, "--passphrase-stdin"))

    listing = {}
    for name, path in (("first", demo_journal), ("again", again), ("other", other)):
        result = cli("cases", path, "--passphrase-stdin")
        assert_ok(result)
        listing[name] = result.stdout
        assert len(rows(result.stdout)) == 30
    assert listing["first"] == listing["again"]
    assert listing["first"] != listing["other"]

    result = cli("verify", again, "--passphrase-stdin")
    assert_ok(result)
    assert "30 dossiers" in result.stdout


def test_demo_on_an_existing_path_exits_1_and_changes_nothing(cli, closed_journal):
    before = digest(closed_journal)
    assert_error(cli("demo", closed_journal, "--cases", 5, "--passphrase-stdin"), 1)
    assert digest(closed_journal) == before


def test_demo_in_a_sync_folder_exits_5_unless_allowed(cli, tmp_path):
    """--allow-sync-folder must reach Journal.create too, not only the early location
    check (it once did not, so the override never worked for ``demo``)."""
    path = tmp_path / "Dropbox" / "demo.vpj"
    assert_error(cli("demo", path, "--cases", 3, "--passphrase-stdin"), 5)
    assert not path.exists()
    result = cli("demo", path, "--cases", 3, "--allow-sync-folder", "--passphrase-stdin")
    assert_ok(result)
    assert path.is_file()


# --- import -------------------------------------------------------------------------------


def _import_file(tmp_path: Path, cases: list, name: str = "import.json") -> Path:
    path = tmp_path / name
    doc = {"format": "vp-desktop-import", "version": 1, "cases": cases}
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def _valid_record(**extra) -> dict:
    record = {
        "organisation": "Gemeente Importstad",
        "opened": "2026-01-15",
        "categories": ["werkdruk"],
        "melder": {"name": "Importmelder Zwaluwstaart"},
        "persons": [{"name": "Betrokkene Kwikstaart", "role": "beschuldigde"}],
        "summary": "Samenvatting over de geheime reorganisatie",
        "consultations": [
            {
                "started_at": "2026-01-15T10:00",
                "duration_minutes": 30,
                "channel": "telefoon",
                "notes": "Vertrouwelijke importnotitie",
                "advice": "Adviestekst uit de import",
            }
        ],
        "follow_ups": [{"what": "Terugbellen", "due": "2026-01-22"}],
    }
    record.update(extra)
    return record


def test_import_valid_file_lists_the_cases(cli, tmp_path):
    path = tmp_path / "j.vpj"
    Journal.create(path, PASSPHRASE).close()
    source = _import_file(
        tmp_path,
        [
            _valid_record(
                code="2025-014",
                opened="2025-03-04",
                closed="2025-06-01",
                status="gesloten",
                categories=["pesten"],
            ),
            _valid_record(),
        ],
    )
    result = cli("import", path, source, "--passphrase-stdin")
    assert_ok(result)
    assert "2 dossiers" in result.stdout

    result = cli("cases", path, "--passphrase-stdin")
    assert_ok(result)
    listed = rows(result.stdout)
    assert [r[0] for r in listed] == ["2025-014", "2026-001"]
    assert listed[0][1:] == ["2025-03-04", "2025-06-01", "gesloten", "pesten"]
    for secret in ("Zwaluwstaart", "Kwikstaart", "reorganisatie", "importnotitie", "Adviestekst"):
        assert secret not in result.stdout
    assert_ok(cli("verify", path, "--passphrase-stdin"))


def test_import_with_a_bad_record_imports_nothing_and_names_it(cli, tmp_path):
    path = tmp_path / "j.vpj"
    Journal.create(path, PASSPHRASE).close()
    source = _import_file(
        tmp_path,
        [
            _valid_record(code="2026-001"),
            _valid_record(code="2026-002", opened="2026-13-45", categories=["pesten", "geen"]),
            _valid_record(code="2026-003"),
        ],
    )
    result = cli("import", path, source, "--passphrase-stdin")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    summary, *listing = result.stderr.splitlines()
    assert summary.startswith("vp-desktop: ")
    assert "niets" in summary.lower()
    assert len(listing) == 2, result.stderr  # the bad date and the unknown category
    assert all("Dossier 2" in line for line in listing), result.stderr
    assert any("opened" in line for line in listing)
    assert any("categories[2]" in line for line in listing)

    with Journal.open(path, PASSPHRASE) as j:
        assert j.case_summaries() == []
        assert j.organisations() == []


def test_import_file_that_is_not_json_exits_1(cli, tmp_path):
    path = tmp_path / "j.vpj"
    Journal.create(path, PASSPHRASE).close()
    source = tmp_path / "kapot.json"
    source.write_text('{"format": "vp-desktop-import", "version": 1, "cases": [', "utf-8")
    result = cli("import", path, source, "--passphrase-stdin")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0].startswith("vp-desktop: ")
    assert "JSON" in result.stderr


def test_import_of_a_missing_file_is_an_error_in_dutch(cli, closed_journal, tmp_path):
    result = cli("import", closed_journal, tmp_path / "bestaat-niet.json")
    assert_error(result, 1)
    assert "bestaat niet" in result.stderr


@contextlib.contextmanager
def _no_hang(seconds: int = 5):
    """Fail instead of hanging: SIGALRM interrupts a blocking open() or read()."""

    def expire(signum, frame):
        raise TimeoutError("the command hung")

    old = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_import_of_a_fifo_is_refused_at_once(cli, closed_journal, tmp_path):
    fifo = tmp_path / "pijp.json"
    os.mkfifo(fifo)  # nobody ever writes: opening it for reading would block
    before = digest(closed_journal)
    with _no_hang():
        result = cli("import", closed_journal, fifo, "--passphrase-stdin")
    line = assert_error(result, 1)
    assert "geen gewoon bestand" in line
    assert digest(closed_journal) == before


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_import_of_a_device_is_refused_at_once(cli, closed_journal, device):
    if not os.path.exists(device):
        pytest.skip(f"{device} does not exist here")
    with _no_hang():
        result = cli("import", closed_journal, device, "--passphrase-stdin")
    line = assert_error(result, 1)
    assert "geen gewoon bestand" in line


def test_import_of_a_folder_is_refused(cli, closed_journal, tmp_path):
    line = assert_error(cli("import", closed_journal, tmp_path, "--passphrase-stdin"), 1)
    assert "map" in line


def test_import_of_a_too_big_file_is_refused_before_reading(cli, closed_journal, tmp_path):
    from vp_desktop.interchange.import_json import MAX_BYTES

    big = tmp_path / "groot.json"
    with open(big, "wb") as fh:  # sparse: nothing is written, the size alone is too big
        fh.truncate(MAX_BYTES + 1)
    with _no_hang():
        line = assert_error(cli("import", closed_journal, big, "--passphrase-stdin"), 1)
    assert "te groot" in line and "24 MB" in line


def test_import_with_a_lone_surrogate_names_the_record(cli, tmp_path):
    path = tmp_path / "j.vpj"
    Journal.create(path, PASSPHRASE).close()
    source = tmp_path / "import.json"
    records = [_valid_record(code="2026-001"), _valid_record(code="2026-002", summary="a\ud800")]
    source.write_text(json.dumps({"format": "vp-desktop-import", "version": 1,
                                  "cases": records}), encoding="ascii")
    assert "\\ud800" in source.read_text(encoding="ascii")
    result = cli("import", path, source, "--passphrase-stdin")
    assert result.returncode == 1, result.stderr
    summary, *listing = result.stderr.splitlines()
    assert "niets" in summary.lower() and "onverwacht" not in summary
    assert len(listing) == 1 and "Dossier 2 (2026-002), veld 'summary'" in listing[0]
    with Journal.open(path, PASSPHRASE) as j:
        assert j.case_summaries() == []


def test_import_echoes_at_most_80_characters_of_a_value(cli, closed_journal, tmp_path):
    source = _import_file(tmp_path, [_valid_record(gender="x" * 10_000,
                                                   **{"y" * 10_000: "z"})])
    result = cli("import", closed_journal, source, "--passphrase-stdin")
    assert result.returncode == 1
    assert "x" * 81 not in result.stderr and "y" * 81 not in result.stderr
    assert "x" * 79 + "…" in result.stderr and "y" * 79 + "…" in result.stderr


@pytest.mark.parametrize("where", ["file", "folder"])
def test_import_into_a_read_only_journal_is_worded(cli, tmp_path, where):
    from conftest import made_read_only

    folder = tmp_path / "map"
    folder.mkdir()
    path = folder / "j.vpj"
    Journal.create(path, PASSPHRASE).close()
    source = _import_file(tmp_path, [_valid_record()])
    with made_read_only(path if where == "file" else folder):
        result = cli("import", path, source, "--passphrase-stdin")
    line = assert_error(result, 1)
    assert "Het journaal is alleen-lezen" in line
    assert "OperationalError" not in line and "onverwacht" not in line
    with Journal.open(path, PASSPHRASE) as j:
        assert j.case_summaries() == []


@pytest.mark.parametrize("errors", ["strict", "surrogateescape"], ids=["utf8 locale", "C locale"])
@pytest.mark.parametrize("command", ["import", "cases", "init"])
def test_invalid_utf8_passphrase_on_stdin_exits_2(cli, closed_journal, tmp_path, command, errors):
    target = tmp_path / "nieuw.vpj" if command == "init" else closed_journal
    extra = [_import_file(tmp_path, [_valid_record()])] if command == "import" else []
    before = digest(closed_journal)
    line = assert_error(cli(command, target, *extra, "--passphrase-stdin",
                            stdin=b"kraan \xff\xfe fiets\n", stdin_errors=errors), 2)
    assert "geen geldige UTF-8" in line
    assert digest(closed_journal) == before
    assert not (tmp_path / "nieuw.vpj").exists()


def test_an_endless_line_on_stdin_is_no_passphrase(cli, closed_journal):
    line = assert_error(cli("cases", closed_journal, "--passphrase-stdin",
                            stdin="x" * 100_000), 2)
    assert "te lang" in line


# --- cases --------------------------------------------------------------------------------


def test_cases_filters_by_year_and_status(cli, demo_journal):
    with Journal.open(demo_journal, PASSPHRASE) as j:
        years = j.case_years()
        everything = j.case_summaries()
    assert len(years) >= 2
    result = cli("cases", demo_journal, "--passphrase-stdin")
    assert_ok(result)
    assert sorted(r[0] for r in rows(result.stdout)) == sorted(s.code for s in everything)

    year = years[1]
    result = cli("cases", demo_journal, "--year", year, "--passphrase-stdin")
    assert_ok(result)
    listed = rows(result.stdout)
    assert listed and all(r[1].startswith(f"{year}-") for r in listed)
    assert len(listed) == sum(1 for s in everything if s.opened.year == year)

    counts = {}
    for status, stored in (("open", "open"), ("closed", "gesloten"), ("gesloten", "gesloten")):
        result = cli("cases", demo_journal, "--status", status, "--passphrase-stdin")
        assert_ok(result)
        listed = rows(result.stdout)
        assert all(r[3] == stored for r in listed), status
        assert all((r[2] == "") == (stored == "open") for r in listed), status
        counts[status] = len(listed)
    assert counts["open"] == sum(1 for s in everything if s.status == "open") > 0
    assert counts["closed"] == counts["gesloten"] == len(everything) - counts["open"] > 0

    result = cli("cases", demo_journal, "--year", 1999, "--passphrase-stdin")
    assert_ok(result)
    assert result.stdout.splitlines() == [HEADER]


def test_cases_output_never_contains_names_or_notes(cli, demo_journal, closed_journal):
    secrets: set[str] = set()
    with Journal.open(demo_journal, PASSPHRASE) as j:
        for summary in j.case_summaries():
            case = j.get_case(summary.id)
            secrets |= {case.melder.name, case.melder.contact, case.summary}
            secrets |= {p.name for p in case.persons} | {p.description for p in case.persons}
            for c in j.consultations(summary.id):
                secrets |= {c.notes, c.advice}
    with Journal.open(closed_journal, PASSPHRASE) as j:
        case = make_case(
            j,
            summary="Samenvatting Ooievaar",
            melder=MelderIdentity(anonymous=False, name="Melder Reigerbek", contact="06-99"),
            persons=[InvolvedPerson(name="Persoon Grutto", role="getuige")],
        )
        j.add_consultation(
            case.id,
            Consultation(
                started_at=datetime(2026, 3, 3, 9, 0), notes="Notitie Kievit", advice="Advies Fuut"
            ),
        )
    own = {"Ooievaar", "Reigerbek", "Grutto", "Kievit", "Fuut"}
    secrets = {s for s in secrets if len(s.strip()) >= 5}
    assert len(secrets) > 50  # the demo data really has names and notes

    for path, check in ((demo_journal, secrets), (closed_journal, own)):
        for extra in ([], ["--status", "open"], ["--status", "closed"]):
            result = cli("cases", path, *extra, "--passphrase-stdin")
            assert_ok(result)
            leaked = [s for s in check if s in result.stdout]
            assert leaked == [], f"cases output leaks {leaked[:3]}"


@pytest.mark.parametrize("unbuffered", [False, True], ids=["buffered", "unbuffered"])
def test_cases_piped_into_head_reports_no_unexpected_error(tmp_path, demo_journal, unbuffered):
    """``vp-desktop cases j.vpj | head -1``: when the reader goes away, the command stops
    quietly: no "Exception ignored ... BrokenPipeError" at interpreter exit (buffered stdout)
    and no "onverwachte fout (BrokenPipeError)" from main()'s catch-all (unbuffered)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "vp_desktop", "cases", str(demo_journal), "--passphrase-stdin"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**_env(tmp_path), **({"PYTHONUNBUFFERED": "1"} if unbuffered else {})},
        cwd=ROOT,
    )
    proc.stdout.close()  # the reader is gone before anything is written
    proc.stdin.write(STDIN)
    proc.stdin.close()
    err = proc.stderr.read()
    proc.stderr.close()
    proc.wait(timeout=30)
    assert "Traceback" not in err
    assert "BrokenPipe" not in err, err
    assert "onverwachte fout" not in err, err


# --- verify -------------------------------------------------------------------------------


def test_verify_reports_counts_and_schema_version(cli, closed_journal):
    result = cli("verify", closed_journal, "--passphrase-stdin")
    assert_ok(result)
    assert f"Schemaversie {LATEST_VERSION}" in result.stdout
    assert "3 dossiers" in result.stdout and "3 gesprekken" in result.stdout


def _flip(path: Path, page_index: int) -> None:
    with open(path, "r+b") as fh:
        fh.seek(PAGE_SIZE * page_index + 100)
        data = fh.read(16)
        fh.seek(PAGE_SIZE * page_index + 100)
        fh.write(bytes(b ^ 0x5A for b in data))


def test_verify_of_a_damaged_journal_exits_4(cli, closed_journal):
    pages = closed_journal.stat().st_size // PAGE_SIZE
    _flip(closed_journal, pages // 2)
    before = digest(closed_journal)
    line = assert_error(cli("verify", closed_journal, "--passphrase-stdin"), 4)
    assert "beschadigd" in line
    assert digest(closed_journal) == before


@pytest.mark.parametrize("command", ["cases", "verify"])
def test_truncated_journal_exits_4(cli, closed_journal, command):
    with open(closed_journal, "r+b") as fh:
        fh.truncate(closed_journal.stat().st_size - 512)
    assert_error(cli(command, closed_journal, "--passphrase-stdin"), 4)


def test_verify_of_a_newer_journal_exits_1(cli, closed_journal):
    con = sqlcipher3.connect(str(closed_journal))
    con.set_key(PASSPHRASE)
    con.execute("PRAGMA user_version = 99")
    con.commit()
    con.close()
    line = assert_error(cli("verify", closed_journal, "--passphrase-stdin"), 1)
    assert "nieuwere versie" in line


# --- passphrases and foreign files --------------------------------------------------------


@pytest.mark.parametrize("command", ["import", "cases", "verify"])
def test_wrong_passphrase_exits_3_for_every_command_that_opens(cli, closed_journal, command):
    extra = [_import_file(closed_journal.parent, [_valid_record()])] if command == "import" else []
    before = digest(closed_journal)
    line = assert_error(
        cli(command, closed_journal, *extra, "--passphrase-stdin", stdin="fout wachtwoord\n"), 3
    )
    assert "wachtwoord" in line
    assert digest(closed_journal) == before
    assert {p.name for p in closed_journal.parent.iterdir()} <= {"j.vpj", "import.json", "home"}


def _plain_sqlite(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()


def _foreign_sqlcipher(path: Path) -> None:
    con = sqlcipher3.connect(str(path))
    con.set_key(PASSPHRASE)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()


@pytest.mark.parametrize("kind", ["plain sqlite", "empty", "random", "foreign sqlcipher"])
@pytest.mark.parametrize("command", ["cases", "verify"])
def test_not_a_journal_exits_3(cli, tmp_path, kind, command):
    path = tmp_path / "vreemd.vpj"
    if kind == "plain sqlite":
        _plain_sqlite(path)
    elif kind == "empty":
        path.touch()
    elif kind == "random":
        path.write_bytes(os.urandom(PAGE_SIZE * 3))
    else:
        _foreign_sqlcipher(path)
    line = assert_error(cli(command, path, "--passphrase-stdin"), 3)
    assert "journaal" in line.lower()


def test_import_into_a_file_that_is_not_a_journal_exits_3(cli, tmp_path):
    path = tmp_path / "vreemd.vpj"
    _plain_sqlite(path)
    source = _import_file(tmp_path, [_valid_record()])
    assert_error(cli("import", path, source, "--passphrase-stdin"), 3)


def test_missing_journal_exits_1_and_creates_nothing(cli, tmp_path):
    path = tmp_path / "weg" / "j.vpj"
    for command in ("cases", "verify"):
        assert_error(cli(command, path, "--passphrase-stdin"), 1)
    assert not path.parent.exists()


# --- usage errors -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["onzin"],
        ["cases"],
        ["verify"],
        ["init"],
        ["import", "j.vpj"],
        ["cases", "j.vpj", "--status", "half"],
        ["cases", "j.vpj", "--year", "twintig"],
        ["demo", "d.vpj", "--cases", "0"],
        ["demo", "d.vpj", "--cases", "veel"],
        ["verify", "j.vpj", "--onbekende-optie"],
    ],
    ids=lambda a: " ".join(a),
)
def test_usage_errors_exit_2(cli, tmp_path, args):
    args = [str(tmp_path / a) if a.endswith(".vpj") else a for a in args]
    assert_error(cli(*args, "--passphrase-stdin"), 2)
    assert not (tmp_path / "d.vpj").exists()


@pytest.mark.parametrize("stdin", ["", "\n"], ids=["eof", "empty line"])
@pytest.mark.parametrize("command", ["init", "demo", "import", "cases", "verify"])
def test_no_passphrase_on_stdin_exits_2(cli, closed_journal, tmp_path, command, stdin):
    target = tmp_path / "nieuw.vpj" if command in ("init", "demo") else closed_journal
    extra = [_import_file(tmp_path, [_valid_record()])] if command == "import" else []
    if command == "demo":
        extra = ["--cases", "2"]
    line = assert_error(cli(command, target, *extra, "--passphrase-stdin", stdin=stdin), 2)
    assert "wachtwoord" in line
    assert not (tmp_path / "nieuw.vpj").exists()


@pytest.mark.parametrize("command", ["init", "cases"])
def test_without_a_terminal_and_without_stdin_flag_exits_2(cli, closed_journal, tmp_path, command):
    target = tmp_path / "nieuw.vpj" if command == "init" else closed_journal
    line = assert_error(cli(command, target), 2)
    assert "--passphrase-stdin" in line
