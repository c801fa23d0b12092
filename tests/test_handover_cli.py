"""``vp-desktop handover`` and ``vp-desktop import PATH OTHER.vpj``, run in-process."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pytest
from clirun import Result, run_main

from vp_desktop.storage.journal import Journal

from conftest import PASSPHRASE, make_case

SUCCESSOR = "zebra kompas oranje molen"


def lines(*passphrases: str) -> str:
    return "".join(p + "\n" for p in passphrases)


def error_line(result: Result, code: int) -> str:
    assert "Traceback" not in result.stderr, result.stderr
    out = result.stderr.splitlines()
    assert out and out[0].startswith("vp-desktop: "), result.stderr
    assert result.returncode == code, f"exit {result.returncode}: {result.stderr}"
    return out[0]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def sender(tmp_path) -> Path:
    path = tmp_path / "zender.vpj"
    with Journal.create(path, PASSPHRASE, organisations=["Gemeente Testdorp",
                                                          "Gemeente Proefstad"]) as j:
        make_case(j, opened=date(2025, 5, 1))  # Proefstad (first by name)
        testdorp = j.organisation_named("Gemeente Testdorp").id
        make_case(j, organisation_id=testdorp, opened=date(2026, 2, 1), status="gesloten",
                  closed=date(2026, 3, 1))
        make_case(j, organisation_id=testdorp, opened=date(2026, 4, 1))
    return path


def test_handover_then_import_into_another_journal(sender, tmp_path):
    new = tmp_path / "opvolger.vpj"
    result = run_main("handover", sender, "--organisation", "gemeente testdorp", "--to", new,
                      "--passphrase-stdin", stdin=lines(PASSPHRASE, SUCCESSOR, SUCCESSOR))
    assert result.returncode == 0, result.stderr
    assert "2 dossiers overgedragen" in result.stdout
    with Journal.open(new, SUCCESSOR) as j:
        assert sorted(s.code for s in j.case_summaries()) == ["2026-001", "2026-002"]
    with Journal.open(sender, PASSPHRASE) as j:
        line = j.activity(1)[0]
        assert (line.kind, line.detail) == ("overdracht", "2 dossiers: 2026-001, 2026-002")

    mine = tmp_path / "mijn.vpj"
    Journal.create(mine, "eigen wachtwoord lang genoeg").close()
    before = digest(new)
    taken = run_main("import", mine, new, "--passphrase-stdin",
                     stdin=lines("eigen wachtwoord lang genoeg", SUCCESSOR))
    assert taken.returncode == 0, taken.stderr
    assert "2 dossiers overgenomen" in taken.stdout and "Gemeente Testdorp" in taken.stdout
    assert digest(new) == before  # the other journal was only read

    again = run_main("import", mine, new, "--passphrase-stdin",
                     stdin=lines("eigen wachtwoord lang genoeg", SUCCESSOR))
    line = error_line(again, 1)
    assert "2026-001, 2026-002" in line and "niets overgenomen" in line
    with Journal.open(mine, "eigen wachtwoord lang genoeg") as j:
        assert len(j.case_summaries()) == 2
        assert [a.kind for a in j.activity()] == ["overname"]


def test_handover_refusals_and_stdin_lines(sender, tmp_path):
    new = tmp_path / "opvolger.vpj"
    base = ("handover", sender, "--to", new, "--passphrase-stdin")
    # more than one organisation and none chosen
    line = error_line(run_main(*base, stdin=lines(PASSPHRASE, SUCCESSOR, SUCCESSOR)), 1)
    assert "Kies een organisatie" in line
    org = ("--organisation", "Gemeente Testdorp")
    assert "tweede regel" in error_line(run_main(*base, *org, stdin=lines(PASSPHRASE)), 2)
    assert "derde regel" in error_line(run_main(*base, *org, stdin=lines(PASSPHRASE, SUCCESSOR)),
                                       2)
    assert "verschillen" in error_line(
        run_main(*base, *org, stdin=lines(PASSPHRASE, SUCCESSOR, SUCCESSOR + "x")), 2)
    assert "zwak" in error_line(run_main(*base, *org, stdin=lines(PASSPHRASE, "fiets12345",
                                                                  "fiets12345")), 1)
    assert error_line(run_main(*base, *org, stdin=lines("fout wachtwoord", SUCCESSOR,
                                                        SUCCESSOR)), 3)
    assert not new.exists()
    weak = run_main(*base, *org, "--allow-weak-passphrase",
                    stdin=lines(PASSPHRASE, "fiets12345", "fiets12345"))
    assert weak.returncode == 0, weak.stderr
    # never over an existing file, refused before any passphrase is read
    before = digest(new)
    line = error_line(run_main(*base, *org, stdin=""), 1)
    assert "bestaand bestand" in line
    assert digest(new) == before
    one = run_main("handover", sender, "--case", "2025-001", "--to", tmp_path / "een.vpj",
                   "--passphrase-stdin", stdin=lines(PASSPHRASE, SUCCESSOR, SUCCESSOR))
    assert one.returncode == 0 and "1 dossier overgedragen" in one.stdout


def test_import_tells_journal_from_json_by_content(sender, tmp_path):
    mine = tmp_path / "mijn.vpj"
    with Journal.create(mine, PASSPHRASE) as j:
        make_case_org = j.add_organisation("Eigen")
        assert make_case_org.id
    # a JSON file named .vpj goes to the JSON import (BOM and white space before "{")
    fake = tmp_path / "lijkt.vpj"
    fake.write_bytes(b"\xef\xbb\xbf\n  " + json.dumps(
        {"format": "vp-desktop-import", "version": 1, "cases": []}).encode())
    result = run_main("import", mine, fake, "--passphrase-stdin", stdin=lines(PASSPHRASE))
    assert result.returncode == 0, result.stderr
    assert "0 dossiers geïmporteerd" in result.stdout
    # a journal named .json is a take-over; a wrong passphrase for it is exit 3
    disguised = tmp_path / "journaal.json"
    disguised.write_bytes(sender.read_bytes())
    line = error_line(run_main("import", mine, disguised, "--passphrase-stdin",
                               stdin=lines(PASSPHRASE, "verkeerd wachtwoord")), 3)
    assert "andere journaal" in line
    assert "tweede regel" in error_line(run_main("import", mine, disguised,
                                                 "--passphrase-stdin", stdin=lines(PASSPHRASE)),
                                        2)
    result = run_main("import", mine, disguised, "--organisation", "Gemeente Proefstad",
                      "--passphrase-stdin", stdin=lines(PASSPHRASE, PASSPHRASE))
    assert result.returncode == 0, result.stderr
    assert "1 dossier overgenomen" in result.stdout
    # the open journal itself is refused
    assert "zelf" in error_line(run_main("import", mine, mine, "--passphrase-stdin",
                                         stdin=lines(PASSPHRASE, PASSPHRASE)), 1)
    # --organisation with a JSON file is a usage error
    assert error_line(run_main("import", mine, fake, "--organisation", "X",
                               "--passphrase-stdin", stdin=lines(PASSPHRASE)), 2)
