"""The encrypted journal file: real SQLCipher files in tmp_path, real child processes.

Covers opening/creating and the error each kind of bad file maps to, file permissions,
plaintext leaks, durability under kill -9, all-or-nothing writes, statutory deadlines,
full-text search, drafts and a full disk.
"""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import uuid
from datetime import date, datetime
from pathlib import Path

import pytest
import sqlcipher3

from vp_desktop.domain.deadlines import (
    LKOG_KEY,
    WBK_ACK_KEY,
    WBK_POSITION_KEY,
    statutory_deadlines,
)
from vp_desktop.domain.model import (
    Case,
    Consultation,
    Draft,
    FollowUp,
    InvolvedPerson,
    MelderIdentity,
)
from vp_desktop.domain.validation import ValidationError
from vp_desktop.storage import errors
from vp_desktop.storage.journal import CaseBundle, Journal
from vp_desktop.storage.schema import LATEST_VERSION
from vp_desktop.storage.vault import PAGE_SIZE

from conftest import PASSPHRASE, make_case

ROOT = Path(__file__).resolve().parent.parent


def snapshot(path: Path) -> tuple[str, int, int]:
    """Digest, size and mtime of a file, to prove it was left alone."""
    return (
        hashlib.sha256(path.read_bytes()).hexdigest(),
        path.stat().st_size,
        path.stat().st_mtime_ns,
    )


def siblings(path: Path) -> set[str]:
    return {p.name for p in path.parent.iterdir()}


def closed_journal_with_cases(path: Path, count: int = 3) -> None:
    with Journal.create(path, PASSPHRASE, organisations=["Gemeente Testdorp"]) as j:
        for _ in range(count):
            make_case(j)


def cli(*args: str, stdin: str = PASSPHRASE + "\n", home: Path) -> subprocess.CompletedProcess:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "QT_QPA_PLATFORM": "offscreen",
        "LANG": "C.UTF-8",
    }
    return subprocess.run(
        [sys.executable, "-m", "vp_desktop", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )


# --- round trip ---------------------------------------------------------------------------


def test_create_close_open_reads_back_every_field(journal_path):
    with Journal.create(journal_path, PASSPHRASE, organisations=["Gemeente Testdorp"]) as j:
        org = j.organisations()[0]
        case = Case(
            organisation_id=org.id,
            opened=date(2026, 1, 5),
            code="2026-017",
            status="gesloten",
            closed=date(2026, 4, 30),
            categories=("pesten", "vermoeden_misstand"),  # sorted, as get_case returns them
            relation="leidinggevende",
            melder_type="stagiair",
            channel="telefoon",
            gender="vrouw",
            age_band="25_34",
            outcome="informele_oplossing",
            consent_given=True,
            consent_date=date(2026, 1, 6),
            incident_date=date(2025, 12, 24),
            report_date=date(2026, 1, 10),
            acknowledged_date=date(2026, 1, 14),
            destroy_after=date(2027, 4, 30),
            destroy_after_reason="Afspraak met melder: één jaar na sluiten",
            summary="Melder voelt zich buitengesloten door de teamleider; ideeën worden genegeerd.",
            melder=MelderIdentity(
                anonymous=False,
                name="Anneke Bakker-Ĳzerman",
                contact="a.bakker@example.invalid",
                contact_arrangement="belt zelf terug op dinsdag",
            ),
            persons=[
                InvolvedPerson(name="Piet Jansen", role="beschuldigde", description="teamleider"),
                InvolvedPerson(name="Kees de Wit", role="getuige"),
            ],
        )
        consultations = [
            Consultation(
                started_at=datetime(2026, 1, 6, 9, 30),
                duration_minutes=50,
                channel="persoonlijk",
                notes="Eerste gesprek.\nRegel twee met 'quotes' en \"dubbele\" € tekens.",
                advice="Gesprek met leidinggevende voorbereiden.",
            ),
            Consultation(
                started_at=datetime(2026, 2, 1, 14, 0),
                duration_minutes=20,
                channel="video",
                notes="Nazorg",
                advice="",
            ),
        ]
        follow_ups = [
            FollowUp(what="Terugbellen na gesprek", due=date(2026, 1, 20), kind="terugbellen"),
            FollowUp(
                what="Doorverwezen naar bedrijfsarts",
                due=date(2026, 1, 25),
                kind="doorverwijzing",
                destination="bedrijfsarts",
                done=date(2026, 1, 24),
            ),
        ]
        j.add_case(case, consultations, follow_ups)
        case_id = case.id
        assert case_id is not None

    assert siblings(journal_path) == {journal_path.name}  # closed cleanly: no -wal/-shm left

    with Journal.open(journal_path, PASSPHRASE) as j:
        assert j.get_case(case_id) == case
        back = sorted(j.consultations(case_id), key=lambda c: c.started_at)
        assert back == consultations
        stored = j.follow_ups(case_id)
        own = sorted((f for f in stored if f.statutory_key is None), key=lambda f: f.due)
        assert own == follow_ups
        statutory = {f.statutory_key for f in stored if f.statutory_key}
        assert statutory == {s.key for s in statutory_deadlines(case)}
        assert j.contact_totals(case_id) == (2, 70)
        assert j.verify().ok


def test_passphrase_with_quotes_and_accents_round_trips(tmp_path):
    path = tmp_path / "j.vpj"
    passphrase = 'it\'s a "test"; DROP TABLE cases; -- ĳsbeer ëë 🙂'
    Journal.create(path, passphrase).close()
    with Journal.open(path, passphrase) as j:
        assert j.vault.schema_version == LATEST_VERSION
    with pytest.raises(errors.WrongPassphrase):
        Journal.open(path, 'it\'s a "test"')


# --- opening and creating: what goes wrong, and that nothing is touched --------------------


def test_wrong_passphrase_changes_nothing(tmp_path):
    path = tmp_path / "j.vpj"
    closed_journal_with_cases(path)
    before = snapshot(path)
    with pytest.raises(errors.WrongPassphrase) as info:
        Journal.open(path, "verkeerd wachtwoord")
    assert info.value.exit_code == 3
    assert snapshot(path) == before
    assert siblings(path) == {path.name}, "no -wal/-shm may be left behind"
    with Journal.open(path, PASSPHRASE) as j:  # still opens with the right one
        assert len(j.case_summaries()) == 3


CRASHING_WRITER = r"""
import os, signal, sys
from datetime import datetime
from vp_desktop.domain.model import Consultation
from vp_desktop.storage.journal import Journal

journal = Journal.open(sys.argv[1], sys.stdin.readline().rstrip("\n"))
for i in range(25):
    journal.add_consultation(int(sys.argv[2]), Consultation(
        started_at=datetime(2026, 3, 4, 9, 0), notes=f"na de crash {i}"))
os.kill(os.getpid(), signal.SIGKILL)  # no close(): the -wal keeps the last writes
"""


def test_wrong_passphrase_after_a_crash_changes_nothing(tmp_path):
    """After a crash the last writes live only in the -wal. A wrong passphrase then changes
    nothing ("Er is niets veranderd"): the key is proved on a read-only connection first, so
    no close() of a read-write connection folds the -wal into the main file; the main file
    and the -wal stay exactly as they were."""
    path = tmp_path / "j.vpj"
    with Journal.create(path, PASSPHRASE, organisations=["Gemeente Testdorp"]) as j:
        case_id = make_case(j).id
    crashed = subprocess.run(
        [sys.executable, "-c", CRASHING_WRITER, str(path), str(case_id)],
        input=PASSPHRASE + "\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert crashed.returncode == -signal.SIGKILL, crashed.stderr
    wal = path.with_name(path.name + "-wal")
    assert wal.exists() and wal.stat().st_size > 0
    before = snapshot(path), snapshot(wal)

    with pytest.raises(errors.WrongPassphrase):
        Journal.open(path, "verkeerd wachtwoord")
    after = snapshot(path), (snapshot(wal) if wal.exists() else None)

    with Journal.open(path, PASSPHRASE) as j:  # nothing lost in any case
        assert len(j.consultations(case_id)) == 26
        assert j.verify().ok
    assert after == before, "a wrong passphrase rewrote the journal (checkpoint of the -wal)"


def test_opening_a_missing_path_creates_nothing(tmp_path):
    path = tmp_path / "nog" / "niet" / "j.vpj"
    with pytest.raises(errors.JournalNotFound):
        Journal.open(path, PASSPHRASE)
    assert not path.exists()
    assert not (tmp_path / "nog").exists()
    flat = tmp_path / "leeg.vpj"
    with pytest.raises(errors.JournalNotFound):
        Journal.open(flat, PASSPHRASE)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("existing", ["journal", "other file"])
def test_create_never_overwrites(tmp_path, existing):
    path = tmp_path / "j.vpj"
    if existing == "journal":
        closed_journal_with_cases(path, 1)
    else:
        path.write_bytes(b"boodschappenlijst: melk, brood\n")
    before = snapshot(path)
    with pytest.raises(errors.JournalExists):
        Journal.create(path, PASSPHRASE)
    assert snapshot(path) == before
    assert siblings(path) == {path.name}


def test_failed_create_leaves_no_file_behind(tmp_path):
    """Creating is all or nothing too: when storing the profile or the organisations fails
    (here: two organisations that differ only in case), the new file is removed again, so a
    retry with the same name works instead of failing with JournalExists."""
    path = tmp_path / "j.vpj"
    with pytest.raises(errors.StorageError):
        Journal.create(path, PASSPHRASE, organisations=["Gemeente Testdorp", "gemeente testdorp"])
    assert list(tmp_path.iterdir()) == [], "a failed create left files behind"
    Journal.create(path, PASSPHRASE, organisations=["Gemeente Testdorp"]).close()


def test_plain_sqlite_file_is_not_a_journal(tmp_path):
    path = tmp_path / "plain.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (x)")
    con.execute("INSERT INTO t VALUES ('onversleuteld')")
    con.commit()
    con.close()
    before = snapshot(path)
    with pytest.raises(errors.NotAJournal) as info:
        Journal.open(path, PASSPHRASE)
    assert "onversleuteld" in str(info.value)
    assert snapshot(path) == before


def test_empty_file_is_not_a_journal(tmp_path):
    path = tmp_path / "leeg.vpj"
    path.touch()
    with pytest.raises(errors.NotAJournal):
        Journal.open(path, PASSPHRASE)
    assert path.stat().st_size == 0
    assert siblings(path) == {path.name}


def test_random_bytes_look_like_a_wrong_passphrase(tmp_path):
    """A SQLCipher file has no plaintext header: random bytes of a whole number of pages
    are indistinguishable from a real journal opened with the wrong passphrase. The
    message of WrongPassphrase says so ("... of dit bestand is geen VP-journaal")."""
    path = tmp_path / "ruis.vpj"
    path.write_bytes(os.urandom(PAGE_SIZE * 5))
    before = snapshot(path)
    with pytest.raises(errors.WrongPassphrase) as info:
        Journal.open(path, PASSPHRASE)
    assert "geen VP-journaal" in str(info.value)
    assert snapshot(path) == before
    assert siblings(path) == {path.name}


def test_truncated_journal_is_damaged(tmp_path):
    path = tmp_path / "j.vpj"
    closed_journal_with_cases(path)
    size = path.stat().st_size
    with open(path, "r+b") as fh:
        fh.truncate(size - 1000)
    before = snapshot(path)
    with pytest.raises(errors.DamagedJournal) as info:
        Journal.open(path, PASSPHRASE)
    assert info.value.exit_code == 4
    assert snapshot(path) == before


def _foreign_sqlcipher_file(path: Path) -> None:
    con = sqlcipher3.connect(str(path))
    con.set_key(PASSPHRASE)
    con.execute("CREATE TABLE boodschappen (wat TEXT)")
    con.execute("INSERT INTO boodschappen VALUES ('melk')")
    con.commit()
    con.close()


def test_foreign_sqlcipher_file_with_same_key_is_not_a_journal(tmp_path):
    path = tmp_path / "ander.db"
    _foreign_sqlcipher_file(path)
    with pytest.raises(errors.NotAJournal):
        Journal.open(path, PASSPHRASE)
    con = sqlcipher3.connect(str(path))  # and it still belongs to its owner
    con.set_key(PASSPHRASE)
    assert con.execute("SELECT wat FROM boodschappen").fetchall() == [("melk",)]
    con.close()


def test_refusing_a_foreign_sqlcipher_file_leaves_it_unchanged(tmp_path):
    """Refusing a file does not modify it: WAL mode (a persistent change to the file header)
    is set only after the file is known to be a VP journal, so another program's SQLCipher
    database is refused exactly as it was, without -wal or -shm beside it."""
    path = tmp_path / "ander.db"
    _foreign_sqlcipher_file(path)
    before = snapshot(path)
    with pytest.raises(errors.NotAJournal):
        Journal.open(path, PASSPHRASE)
    assert siblings(path) == {path.name}
    assert snapshot(path) == before, "opening a foreign file changed its bytes"


def test_newer_journal_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "j.vpj"
    closed_journal_with_cases(path, 1)
    con = sqlcipher3.connect(str(path))
    con.set_key(PASSPHRASE)
    con.execute("PRAGMA user_version = 99")
    con.commit()
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    before = snapshot(path)
    with pytest.raises(errors.NewerJournal) as info:
        Journal.open(path, PASSPHRASE)
    assert "nieuwere versie" in str(info.value)
    assert "bij" in str(info.value)  # tells the user what to do: update VP Desktop
    assert snapshot(path) == before


# --- a damaged page ---------------------------------------------------------------------


DAMAGE_TARGETS = ["middle", "cases", "consultations", "summary_fts_config"]


def damaged_journal(path: Path, target: str) -> Path:
    """A cleanly closed journal with 16 bytes flipped in one page: the page in the middle of
    the file, or the root page of the named table."""
    with Journal.create(path, PASSPHRASE, organisations=["Gemeente Testdorp"]) as j:
        for _ in range(8):
            make_case(j)
        if target == "middle":
            page = j.vault.read("PRAGMA page_count")[0][0] // 2 + 1
        else:
            sql = "SELECT rootpage FROM sqlite_master WHERE name = ?"
            page = j.vault.read(sql, (target,))[0][0]
    k = page - 1  # 0-based page index; never page 0 (that one holds the salt)
    assert 0 < k < path.stat().st_size // PAGE_SIZE
    with open(path, "r+b") as fh:
        fh.seek(PAGE_SIZE * k + 100)
        original = fh.read(16)
        fh.seek(PAGE_SIZE * k + 100)
        fh.write(bytes(b ^ 0xA5 for b in original))
    return path


@pytest.mark.parametrize("target", DAMAGE_TARGETS)
def test_flipped_page_is_reported_as_damage_never_a_raw_error(tmp_path, target):
    """Opening may succeed and verify() then reports problems, or DamagedJournal is raised;
    never a driver exception, nor a generic StorageError ("onverwachte fout", exit 1).
    A damaged FTS5 shadow table (target summary_fts_config) counts as damage too: the
    structure checks run only when every page's HMAC is good, and "vtable constructor
    failed" maps to DamagedJournal."""
    path = damaged_journal(tmp_path / "j.vpj", target)
    try:
        with Journal.open(path, PASSPHRASE) as j:
            report = j.verify()
            assert not report.ok, "verify() missed a damaged page"
    except errors.DamagedJournal:
        pass
    except Exception as exc:  # noqa: BLE001 - the point is to show which type escaped
        pytest.fail(f"expected DamagedJournal or a failing report, got {type(exc)!r}: {exc}")


@pytest.mark.parametrize("target", ["middle", "summary_fts_config"])
def test_cli_verify_exits_4_for_a_flipped_page(tmp_path, target):
    path = damaged_journal(tmp_path / "j.vpj", target)
    result = cli("verify", str(path), "--passphrase-stdin", home=tmp_path / "home")
    assert "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert result.returncode == 4, result.stderr


def test_verify_reports_logical_problems_without_raising(tmp_path):
    """Pages whose HMAC is fine but whose content is inconsistent (an orphaned consultation,
    an index that does not match its table): verify() lists them, the CLI exits 4."""
    path = tmp_path / "j.vpj"
    closed_journal_with_cases(path, 2)
    con = sqlcipher3.connect(str(path))
    con.set_key(PASSPHRASE)
    con.execute(
        "INSERT INTO consultations (case_id, started_at, channel)"
        " VALUES (999, '2026-01-01T09:00', 'telefoon')"
    )
    con.execute("PRAGMA writable_schema = ON")
    con.execute(
        "UPDATE sqlite_master SET sql = 'CREATE INDEX cases_opened ON cases (status)'"
        " WHERE name = 'cases_opened'"
    )
    con.commit()
    con.close()
    with Journal.open(path, PASSPHRASE) as j:
        report = j.verify()
    assert not report.ok
    assert any("cases_opened" in p for p in report.problems), report.problems
    assert any("consultations" in p for p in report.problems), report.problems
    result = cli("verify", str(path), "--passphrase-stdin", home=tmp_path / "home")
    assert result.returncode == 4, result.stderr
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    assert f"({len(report.problems)} problemen gevonden)" in result.stderr


# --- permissions and location -------------------------------------------------------------


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_files_are_owner_only_and_parent_is_created(tmp_path):
    path = tmp_path / "nieuw" / "map" / "j.vpj"
    j = Journal.create(path, PASSPHRASE, organisations=["Gemeente Testdorp"])
    try:
        make_case(j)
        assert path.parent.is_dir()
        assert _mode(path.parent) & 0o077 == 0, oct(_mode(path.parent))
        assert _mode(path) == 0o600, oct(_mode(path))
        side_files = [path.with_name(path.name + s) for s in ("-wal", "-shm")]
        assert any(p.exists() for p in side_files)  # WAL mode while open
        for p in side_files:
            if p.exists():
                assert _mode(p) & 0o077 == 0, f"{p.name}: {oct(_mode(p))}"
    finally:
        j.close()
    assert _mode(path) == 0o600


# --- no plaintext on disk -----------------------------------------------------------------


def test_plaintext_canary_never_reaches_the_disk(tmp_path):
    canary = "KANARIE-" + uuid.uuid4().hex
    path = tmp_path / "j.vpj"
    j = Journal.create(path, PASSPHRASE, organisations=["Gemeente Testdorp"])
    try:
        case = make_case(
            j,
            summary=f"Samenvatting {canary}",
            melder=MelderIdentity(anonymous=False, name=f"Melder {canary}"),
            persons=[InvolvedPerson(name=f"Persoon {canary}", role="beschuldigde")],
        )
        j.add_consultation(
            case.id,
            Consultation(
                started_at=datetime(2026, 3, 3, 9, 0),
                notes=f"Notitie {canary}",
                advice=f"Advies {canary}",
            ),
            [FollowUp(what=f"Vervolg {canary}", due=date(2026, 3, 10))],
        )
        j.save_draft(Draft(kind="consultation", payload={"notes": f"Concept {canary}"}))
        assert j.search_case_ids(canary) == {case.id}  # really stored

        needles = [canary.encode("utf-8"), canary.encode("utf-16-le")]
        wal = path.with_name(path.name + "-wal")
        assert wal.exists() and wal.stat().st_size > 0, "expected the data in the -wal"
        for file in (path, wal, path.with_name(path.name + "-shm")):
            if file.exists():
                raw = file.read_bytes()
                for needle in needles:
                    assert needle not in raw, f"plaintext in {file.name} while open"
        allowed = {path.name, path.name + "-wal", path.name + "-shm"}
        assert siblings(path) <= allowed
    finally:
        j.close()

    assert siblings(path) <= allowed
    raw = path.read_bytes()
    for needle in needles:
        assert needle not in raw
    assert [p for p in tmp_path.rglob("*") if p.name not in allowed] == []


# --- durability under kill -9 -------------------------------------------------------------

CHILD = r"""
import sys
from datetime import datetime
from vp_desktop.domain.model import Consultation
from vp_desktop.storage.journal import Journal

path, passphrase, case_id = sys.argv[1], sys.stdin.readline().rstrip("\n"), int(sys.argv[2])
journal = Journal.open(path, passphrase)
journal.vault.connection.execute("PRAGMA wal_autocheckpoint = 40")  # checkpoints happen too
i = 0
while True:
    notes = f"notitie {i} " + "ëx" * (i % 7 * 300)
    c = journal.add_consultation(case_id, Consultation(started_at=datetime(2026, 3, 4, 9, 0),
                                                       notes=notes))
    sys.stdout.write(f"{c.id}\t{i}\n")
    sys.stdout.flush()
    i += 1
"""


@pytest.mark.parametrize("kill_after", [5, 40, 120])
def test_kill_9_loses_no_committed_consultation(tmp_path, kill_after):
    path = tmp_path / "j.vpj"
    with Journal.create(path, PASSPHRASE, organisations=["Gemeente Testdorp"]) as j:
        case_id = make_case(j).id
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), str(case_id)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    printed: dict[int, str] = {}
    try:
        child.stdin.write(PASSPHRASE + "\n")
        child.stdin.flush()
        while len(printed) < kill_after:
            line = child.stdout.readline()
            assert line, f"child stopped early: {child.stderr.read()}"
            cid, i = (int(x) for x in line.split("\t"))
            printed[cid] = f"notitie {i} " + "ëx" * (i % 7 * 300)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        child.wait(timeout=10)
        for stream in (child.stdin, child.stdout, child.stderr):
            stream.close()
    assert child.returncode == -signal.SIGKILL

    with Journal.open(path, PASSPHRASE) as j:
        stored = {c.id: c.notes for c in j.consultations(case_id)}
        for cid, notes in printed.items():
            assert stored.get(cid) == notes, f"consultation {cid} lost or changed"
        report = j.verify()
        assert report.ok, report.problems
        assert j.search_case_ids("notitie") == {case_id}


# --- all or nothing -----------------------------------------------------------------------


def test_add_bundles_with_one_invalid_case_stores_nothing(journal):
    org = journal.organisations()[0].id

    def valid(n: int) -> CaseBundle:
        return CaseBundle(
            Case(organisation_id=org, opened=date(2026, 5, n), categories=("werkdruk",)),
            [Consultation(started_at=datetime(2026, 5, n, 10, 0), notes=f"geldig {n}")],
            [FollowUp(what="Bellen", due=date(2026, 5, n + 7))],
        )

    invalid = CaseBundle(
        Case(
            organisation_id=org,
            opened=date(2026, 5, 10),
            closed=date(2026, 5, 1),
            status="gesloten",
            relation="buurman",
            categories=("pesten", "pesten"),
        )
    )
    with pytest.raises(ValidationError) as info:
        journal.add_bundles([valid(1), valid(2), invalid, valid(3)])
    problems = info.value.problems
    assert len(problems) >= 3, problems
    assert any("sluitdatum" in p for p in problems)
    assert any("buurman" in p for p in problems)
    assert any("dubbel" in p for p in problems)
    assert journal.case_summaries() == []
    assert journal.verify().consultations == 0
    assert journal.open_follow_ups() == []


def test_add_bundles_rolls_back_when_the_database_refuses_one(journal):
    """A clash only the database sees (an existing code) also leaves nothing behind."""
    first = make_case(journal, code="2026-001")
    org = journal.organisations()[0].id
    bundles = [
        CaseBundle(Case(organisation_id=org, opened=date(2026, 6, 1), code="2026-050")),
        CaseBundle(Case(organisation_id=org, opened=date(2026, 6, 2), code=first.code)),
    ]
    with pytest.raises(errors.StorageError):
        journal.add_bundles(bundles)
    assert [s.code for s in journal.case_summaries()] == ["2026-001"]
    assert journal.verify().ok


# --- statutory deadlines ------------------------------------------------------------------


def _statutory(journal: Journal, case_id: int) -> dict[str, FollowUp]:
    return {f.statutory_key: f for f in journal.follow_ups(case_id) if f.statutory_key}


def test_unwanted_behaviour_gets_lkog_deadline_two_years_after_incident(journal):
    case = make_case(journal, categories=("seksuele_intimidatie",), incident_date=date(2026, 2, 20))
    found = _statutory(journal, case.id)
    assert set(found) == {LKOG_KEY}
    assert found[LKOG_KEY].due == date(2028, 2, 20)
    assert found[LKOG_KEY].kind == "wettelijke_termijn"
    leap = make_case(journal, incident_date=date(2024, 2, 29))
    assert _statutory(journal, leap.id)[LKOG_KEY].due == date(2026, 2, 28)


def test_no_statutory_deadline_without_date_or_domain(journal):
    no_date = make_case(journal, incident_date=None)
    other_domain = make_case(journal, categories=("werkdruk",), incident_date=date(2026, 1, 1))
    assert _statutory(journal, no_date.id) == {}
    assert _statutory(journal, other_domain.id) == {}


def test_misstand_gets_seven_day_and_three_month_deadlines(journal):
    case = make_case(
        journal,
        categories=("vermoeden_misstand",),
        incident_date=None,
        report_date=date(2026, 3, 2),
    )
    found = _statutory(journal, case.id)
    assert set(found) == {WBK_ACK_KEY, WBK_POSITION_KEY}
    assert found[WBK_ACK_KEY].due == date(2026, 3, 9)
    assert found[WBK_POSITION_KEY].due == date(2026, 6, 9)  # 3 months after the 7 days

    case.acknowledged_date = date(2026, 3, 5)  # acknowledged early: 3 months from then
    journal.update_case(case)
    found = _statutory(journal, case.id)
    assert found[WBK_POSITION_KEY].due == date(2026, 6, 5)
    assert WBK_ACK_KEY not in found  # acknowledged: that deadline no longer needs watching


def test_changing_incident_date_moves_open_deadline_but_not_a_done_one(journal):
    case = make_case(journal, incident_date=date(2026, 2, 20))
    fu = _statutory(journal, case.id)[LKOG_KEY]
    case.incident_date = date(2026, 1, 10)
    journal.update_case(case)
    moved = _statutory(journal, case.id)[LKOG_KEY]
    assert moved.id == fu.id
    assert moved.due == date(2028, 1, 10)
    assert len(journal.follow_ups(case.id)) == 2  # the own call-back plus one LKOG line

    journal.set_follow_up_done(moved.id, date(2026, 3, 15))
    case.incident_date = date(2025, 12, 1)
    journal.update_case(case)
    done = _statutory(journal, case.id)[LKOG_KEY]
    assert done.due == date(2028, 1, 10)
    assert done.done == date(2026, 3, 15)

    case.categories = ("werkdruk",)  # a done deadline also survives losing its domain
    journal.update_case(case)
    assert _statutory(journal, case.id)[LKOG_KEY].done == date(2026, 3, 15)


def test_open_deadline_disappears_when_its_reason_goes(journal):
    case = make_case(journal, incident_date=date(2026, 2, 20))
    assert LKOG_KEY in _statutory(journal, case.id)
    case.incident_date = None
    journal.update_case(case)
    assert _statutory(journal, case.id) == {}


def test_closing_a_case_drops_open_deadlines_but_keeps_done_ones(journal):
    case = make_case(
        journal, categories=("pesten", "vermoeden_misstand"), report_date=date(2026, 3, 2)
    )
    found = _statutory(journal, case.id)
    assert set(found) == {LKOG_KEY, WBK_ACK_KEY, WBK_POSITION_KEY}
    journal.set_follow_up_done(found[WBK_ACK_KEY].id, date(2026, 3, 6))
    case.status, case.closed = "gesloten", date(2026, 4, 1)
    journal.update_case(case)
    left = _statutory(journal, case.id)
    assert set(left) == {WBK_ACK_KEY}
    assert left[WBK_ACK_KEY].done == date(2026, 3, 6)
    assert journal.follow_ups(case.id)[-1].statutory_key == WBK_ACK_KEY  # own one stays too
    assert any(f.statutory_key is None for f in journal.follow_ups(case.id))


# --- search -------------------------------------------------------------------------------


def test_search_notes_accents_prefix_and_summary(journal):
    hit = make_case(journal, summary="Conflict over het rooster van de nachtdienst")
    other = make_case(journal, summary="Iets heel anders")
    journal.add_consultation(
        other.id,
        Consultation(started_at=datetime(2026, 3, 5, 9, 0), notes="Verhuizing besproken"),
    )
    # make_case's note: "Eerste gesprek over de reünie en ideeën."; both cases have it
    assert journal.search_case_ids("ideeën") == {hit.id, other.id}
    assert journal.search_case_ids("ideeen") == {hit.id, other.id}
    assert journal.search_case_ids("IDEEEN") == {hit.id, other.id}
    assert journal.search_case_ids("reunie") == {hit.id, other.id}
    assert journal.search_case_ids("verhuiz") == {other.id}  # prefix
    assert journal.search_case_ids("verhuizing besproken") == {other.id}
    assert journal.search_case_ids("nachtdienst") == {hit.id}  # summary
    assert journal.search_case_ids("roost") == {hit.id}
    assert journal.search_case_ids("rooster verhuizing") == set()  # every word must occur
    assert journal.search_case_ids("rustig") == {hit.id, other.id}  # advice too
    assert journal.search_case_ids("   ") == set()
    assert journal.search_case_ids("zeppelin") == set()


def test_search_follows_edits_of_notes_and_summary(journal):
    case = make_case(journal, summary="Ruzie over de parkeerplaats")
    assert journal.search_case_ids("parkeerplaats") == {case.id}
    case.summary = "Ruzie over het thuiswerkbeleid"
    journal.update_case(case)
    assert journal.search_case_ids("parkeerplaats") == set()
    assert journal.search_case_ids("thuiswerk") == {case.id}

    consultation = journal.consultations(case.id)[0]
    consultation.notes = "Gesprek over de kerstborrel"
    journal.update_consultation(consultation)
    assert journal.search_case_ids("reunie") == set()
    assert journal.search_case_ids("kerstborrel") == {case.id}


FTS_SYNTAX = ['"', '""', "*", "NEAR(", "NEAR(a b", "-", ":", "a:b", "notes:ideeen", "^", "(",
              ")", "AND", "OR NOT", "+", "'", "\\", 'ideeën "', '"ideeën', "ideeen -",
              "* ideeen", "x" * 5000, "\x00", "🙂", "{notes advice}: x", "ideeen*", "a NEAR/2 b"]  # fmt: skip


def test_search_with_fts_syntax_never_raises(journal):
    case = make_case(journal)
    for query in FTS_SYNTAX:
        try:
            result = journal.search_case_ids(query)
        except Exception as exc:  # noqa: BLE001
            pytest.fail(f"search for {query[:40]!r} raised {type(exc).__name__}: {exc}")
        assert isinstance(result, set)
        assert result <= {case.id}, query


def test_search_ignores_stray_quotes_around_real_words(journal):
    case = make_case(journal)
    assert journal.search_case_ids('"ideeen') == {case.id}
    assert journal.search_case_ids('ideeen "') == {case.id}


# --- drafts -------------------------------------------------------------------------------


def test_drafts_save_list_delete(journal):
    case = make_case(journal)
    first = journal.save_draft(
        Draft(kind="consultation", case_id=case.id, payload={"notes": "half af — ĳs", "n": 3})
    )
    second = journal.save_draft(Draft(kind="case", payload={"summary": "nieuw"}))
    assert first.id is not None and second.id is not None and first.saved_at is not None
    listed = journal.drafts()
    assert [(d.id, d.kind, d.case_id, d.payload) for d in listed] == [
        (first.id, "consultation", case.id, {"notes": "half af — ĳs", "n": 3}),
        (second.id, "case", None, {"summary": "nieuw"}),
    ]
    assert listed[0].saved_at == first.saved_at
    journal.delete_draft(first.id)
    assert [d.id for d in journal.drafts()] == [second.id]
    journal.delete_draft(second.id)
    assert journal.drafts() == []


def test_drafts_survive_close_and_open(journal_path):
    with Journal.create(journal_path, PASSPHRASE) as j:
        j.save_draft(Draft(kind="case", payload={"summary": "bewaard"}))
    with Journal.open(journal_path, PASSPHRASE) as j:
        assert [d.payload for d in j.drafts()] == [{"summary": "bewaard"}]


# --- a full disk --------------------------------------------------------------------------


def test_disk_full_raises_diskfull_and_keeps_what_was_saved(journal):
    """Simulated with ``PRAGMA max_page_count`` just above the current size (SQLITE_FULL,
    the same error a full disk gives): no root, no real full filesystem needed."""
    case = make_case(journal)
    before_cons = journal.consultations(case.id)
    before_fus = journal.follow_ups(case.id)
    con = journal.vault.connection
    pages = con.execute("PRAGMA page_count").fetchone()[0]
    con.execute(f"PRAGMA max_page_count = {pages + 2}").fetchone()
    big = " ".join(f"vulwoord{i}" for i in range(14_000))  # ~190 000 characters
    assert 150_000 < len(big) < 200_000  # valid: only the disk stops it
    with pytest.raises(errors.DiskFull) as info:
        journal.add_consultation(
            case.id,
            Consultation(started_at=datetime(2026, 3, 9, 9, 0), notes=big),
            [FollowUp(what="Nooit opgeslagen", due=date(2026, 4, 1))],
        )
    assert isinstance(info.value, errors.StorageError)
    assert "vol" in str(info.value)
    # nothing half-saved, everything earlier still there
    assert journal.consultations(case.id) == before_cons
    assert journal.follow_ups(case.id) == before_fus
    assert journal.search_case_ids("vulwoord17999") == set()
    assert journal.get_case(case.id).melder.name == "Jan de Vries"
    assert journal.verify().ok
    # and once there is room again, writing works
    con.execute("PRAGMA max_page_count = 1073741823").fetchone()
    journal.add_consultation(
        case.id, Consultation(started_at=datetime(2026, 3, 9, 9, 0), notes="weer ruimte")
    )
    assert len(journal.consultations(case.id)) == len(before_cons) + 1


# --- a read-only journal or folder ----------------------------------------------------------


def test_a_read_only_journal_file_is_worded_and_keeps_what_was_saved(tmp_path):
    """SQLite opens a write-protected file read-only without complaint; the first write then
    fails with "attempt to write a readonly database". That is ReadOnlyJournal, in Dutch."""
    from conftest import made_read_only

    path = tmp_path / "j.vpj"
    closed_journal_with_cases(path)
    before = snapshot(path)
    with made_read_only(path), Journal.open(path, PASSPHRASE) as j:
        assert len(j.case_summaries()) == 3  # reading works
        with pytest.raises(errors.ReadOnlyJournal) as info:
            make_case(j)
        assert info.value.message.startswith("Het journaal is alleen-lezen")
        assert "OperationalError" not in info.value.message
        assert info.value.exit_code == 1
    assert snapshot(path)[:2] == before[:2]
    with Journal.open(path, PASSPHRASE) as j:
        assert len(j.case_summaries()) == 3


def test_a_journal_in_a_read_only_folder_is_worded(tmp_path):
    """WAL needs a -wal and -shm beside the file: in a read-only folder SQLite says
    "unable to open database file"; that is ReadOnlyJournal too, not a generic error."""
    from conftest import made_read_only

    folder = tmp_path / "map"
    folder.mkdir()
    path = folder / "j.vpj"
    closed_journal_with_cases(path)
    with made_read_only(folder), pytest.raises(errors.ReadOnlyJournal) as info:
        Journal.open(path, PASSPHRASE)
    assert "alleen-lezen" in info.value.message
    assert siblings(path) == {"j.vpj"}


def test_creating_in_a_read_only_folder_is_worded(tmp_path):
    from conftest import made_read_only

    folder = tmp_path / "map"
    folder.mkdir()
    with made_read_only(folder), pytest.raises(errors.ReadOnlyJournal) as info:
        Journal.create(folder / "j.vpj", PASSPHRASE)
    assert "alleen-lezen" in info.value.message
    assert list(folder.iterdir()) == []


def test_map_error_words_read_only_situations(tmp_path):
    import errno

    from vp_desktop.storage.vault import map_error

    path = tmp_path / "j.vpj"
    closed_journal_with_cases(path, count=1)
    con = sqlcipher3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    con.set_key(PASSPHRASE)
    with pytest.raises(sqlcipher3.dbapi2.OperationalError) as real:
        con.execute("DELETE FROM meta")
    con.close()
    assert "readonly" in str(real.value)
    assert isinstance(map_error(real.value), errors.ReadOnlyJournal)
    for code in (errno.EROFS, errno.EACCES):
        assert isinstance(map_error(OSError(code, os.strerror(code))), errors.ReadOnlyJournal)
    assert isinstance(map_error(PermissionError(errno.EACCES, "x")), errors.ReadOnlyJournal)
    assert not isinstance(map_error(OSError(errno.ENOSPC, "x")), errors.ReadOnlyJournal)
