"""Backups: made, verified, listed, rotated and restored on real SQLCipher files."""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from clirun import run_main

from vp_desktop.services import backups as svc
from vp_desktop.services.errors import OutputRefused
from vp_desktop.storage import backup as store
from vp_desktop.storage import errors
from vp_desktop.storage.journal import Journal

from conftest import PASSPHRASE, made_read_only, make_case


def _close_case(journal, case):
    case.status = "gesloten"
    case.closed = date(2026, 4, 1)
    case.outcome = case.outcome or "luisterend_oor"
    journal.update_case(case)


def test_a_backup_is_verified_self_contained_and_owner_only(journal):
    make_case(journal)
    outcome = svc.make_backup_now(journal, now=datetime(2026, 12, 1, 15, 30))
    info = outcome.made[0]
    assert info.path == journal.path.parent / "reservekopieën" / "journaal-2026-12-01-1530.vpj"
    assert (info.path.stat().st_mode & 0o777) == 0o600
    assert sorted(p.name for p in info.path.parent.iterdir()) == [info.path.name]  # no -wal
    assert info.path.read_bytes()[:16] != b"SQLite format 3\x00"
    with Journal.open(info.path, PASSPHRASE) as copy:
        assert copy.verify().ok and copy.verify().cases == 1
    with pytest.raises(errors.WrongPassphrase):
        store.verify_backup(info.path, "een ander wachtwoord")
    assert journal.activity(1)[0].kind == "reservekopie"
    # the journal stays usable and the next backup in the same minute gets its own name
    make_case(journal)
    second = svc.make_backup_now(journal, now=datetime(2026, 12, 1, 15, 30)).made[0]
    assert second.path.name == "journaal-2026-12-01-1530-2.vpj" and second.cases == 2


def test_a_failed_backup_leaves_earlier_ones_and_no_part_file(journal, monkeypatch):
    make_case(journal)
    first = svc.make_backup_now(journal, now=datetime(2026, 12, 1, 9, 0)).made[0]
    before = first.path.read_bytes()

    def broken(*args, **kwargs):
        raise errors.DamagedJournal("De reservekopie is beschadigd.")

    monkeypatch.setattr(store, "verify_backup", broken)
    with pytest.raises(svc.OutputFailed) as info:
        svc.make_backup_now(journal, now=datetime(2026, 12, 1, 10, 0))
    assert "Eerdere reservekopieën zijn onaangeroerd" in info.value.message
    assert sorted(p.name for p in first.path.parent.iterdir()) == [first.path.name]
    assert first.path.read_bytes() == before


def test_a_stale_part_file_is_never_listed_and_is_cleaned_up(journal):
    folder = store.default_backup_dir(journal.path)
    folder.mkdir()
    stale = folder / ".journaal-2026-12-01-0900.vpj.abcd1234.part"
    stale.write_bytes(b"\0" * 4096)
    os.utime(stale, (0, 0))
    assert store.backup_files(folder, "journaal") == []
    svc.make_backup_now(journal)
    assert not stale.exists()


def test_rotation_keeps_daily_weekly_monthly_and_purges_after_destruction():
    start = datetime(2026, 1, 1, 12, 0)
    dates = [start + timedelta(days=i) for i in range(120)]
    remove = store.plan_rotation(dates, daily=7, weekly=4, monthly=12)
    keep = sorted(set(dates) - remove)
    assert dates[-7:] == keep[-7:]  # the last 7 days
    assert len(keep) <= 7 + 4 + 12 and len(keep) >= 7
    assert keep[0].month == 1  # the oldest month is still represented
    purge = datetime(2026, 4, 1)
    removed = store.plan_rotation(dates, purge_before=purge)
    assert all(d in removed for d in dates if d < purge)
    assert store.purge_moment([datetime(2026, 3, 1)], now=datetime(2026, 3, 20), days=30) is None
    assert store.purge_moment([datetime(2026, 3, 1)], now=datetime(2026, 3, 31), days=30) == \
        datetime(2026, 3, 1)


def test_backups_holding_destroyed_content_go_after_the_purge_period(journal):
    case = make_case(journal)
    _close_case(journal, case)
    old = svc.make_backup_now(journal, now=datetime(2026, 5, 1, 9, 0)).made[0]
    journal.destroy_cases([case.id])
    destroyed_at = journal.destruction_log()[0].at
    svc.make_backup_now(journal, now=destroyed_at + timedelta(days=1))
    assert old.path.exists()  # within the 30 days
    svc.make_backup_now(journal, now=destroyed_at + timedelta(days=31))
    assert not old.path.exists()
    assert all(e.path != old.path for e in svc.list_backups(journal))


def test_restore_of_a_backup_made_before_a_destruction_shows_the_case_destroyed(journal,
                                                                                  tmp_path):
    case = make_case(journal)
    _close_case(journal, case)
    before = svc.make_backup_now(journal, now=datetime(2026, 5, 1, 9, 0)).made[0]
    journal.destroy_cases([case.id])
    path = journal.path
    journal.close()
    outcome = svc.restore(before.path, PASSPHRASE, path, replace=True)
    assert outcome.reapplied == [case.code]
    assert outcome.safety_backup is not None and outcome.safety_backup.exists()
    with Journal.open(path, PASSPHRASE) as restored:
        summary = restored.case_summaries()[0]
        assert summary.destroyed
        assert restored.consultations(summary.id) == []
        assert restored.verify().ok
        assert restored.activity(1)[0].kind == "teruggezet"
    # also into a new place, with only the backups' destruction logs to go by
    fresh = tmp_path / "elders" / "journaal.vpj"
    fresh.parent.mkdir()
    (fresh.parent / "reservekopieën").mkdir()
    os.link(outcome.safety_backup, fresh.parent / "reservekopieën" /
            outcome.safety_backup.name)
    svc.restore(before.path, PASSPHRASE, fresh)
    with Journal.open(fresh, PASSPHRASE) as restored:
        assert restored.case_summaries()[0].destroyed


def test_restore_refuses_an_existing_journal_without_replace(journal, tmp_path):
    make_case(journal)
    info = svc.make_backup_now(journal).made[0]
    journal.close()
    with pytest.raises(OutputRefused):
        svc.restore(info.path, PASSPHRASE, journal.path)
    with pytest.raises(errors.WrongPassphrase):
        svc.restore(info.path, "fout wachtwoord", tmp_path / "nieuw.vpj")
    assert not (tmp_path / "nieuw.vpj").exists()


def test_a_backup_on_read_only_media_opens_for_verify_and_cases(journal, tmp_path):
    make_case(journal)
    info = svc.make_backup_now(journal).made[0]
    with made_read_only(info.path.parent), made_read_only(info.path):
        result = run_main("verify", info.path, "--passphrase-stdin", stdin=PASSPHRASE)
        assert result.returncode == 0, result.stderr
        assert "1 dossier," in result.stdout
        result = run_main("cases", info.path, "--passphrase-stdin", stdin=PASSPHRASE)
        assert result.returncode == 0, result.stderr
        assert "2026-001" in result.stdout
    assert sorted(p.name for p in info.path.parent.iterdir()) == [info.path.name]


def test_second_place_gets_a_verified_copy_or_waits(journal, tmp_path):
    make_case(journal)
    stick = tmp_path / "usb"
    stick.mkdir()
    svc.save_settings(journal, svc.BackupSettings(second_dir=str(stick)))
    outcome = svc.make_backup_now(journal, now=datetime(2026, 12, 1, 10, 0))
    assert [i.path.parent for i in outcome.made] == [store.default_backup_dir(journal.path),
                                                     stick]
    assert store.verify_backup(outcome.made[1].path, PASSPHRASE).cases == 1
    places = {e.place for e in svc.list_backups(journal)}
    assert places == {svc.PRIMARY, svc.SECOND}
    stick.rename(tmp_path / "weg")
    outcome = svc.make_backup_now(journal, now=datetime(2026, 12, 2, 10, 0))
    assert outcome.second_missing and len(outcome.made) == 1
    status = svc.backup_status(journal, now=datetime(2026, 12, 2, 11, 0))
    assert "tweede plek ontbreekt sinds 2 december 2026" in status.text
    assert not status.overdue
    assert svc.backup_status(journal, now=datetime(2026, 12, 10)).overdue


def test_automatic_backup_is_due_when_changed_and_at_most_daily(journal):
    assert svc.backup_due(journal, changed=False)  # never backed up
    svc.make_backup_now(journal, now=datetime.now())
    assert not svc.backup_due(journal, changed=False)
    assert svc.backup_due(journal, changed=True)
    assert not svc.backup_due(journal, changed=True, interval=True)
    assert svc.backup_due(journal, changed=True, interval=True,
                          now=datetime.now() + timedelta(hours=25))


def test_cli_backup_backups_restore(journal, tmp_path):
    make_case(journal)
    path = journal.path
    journal.close()
    result = run_main("backup", path, "--passphrase-stdin", stdin=PASSPHRASE)
    assert result.returncode == 0, result.stderr
    made = Path(result.stdout.strip())
    assert made.is_file() and made.parent.name == "reservekopieën"
    other = tmp_path / "elders"
    result = run_main("backup", path, "--to", other, "--passphrase-stdin", stdin=PASSPHRASE)
    assert result.returncode == 0 and Path(result.stdout.strip()).parent == other
    result = run_main("backups", path, "--passphrase-stdin", stdin=PASSPHRASE)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "bestand\tdatum\tdossiers\tgecontroleerd"
    assert lines[1].startswith(str(made)) and lines[1].endswith("\t1\tja")
    result = run_main("restore", made, "--to", path, "--passphrase-stdin", stdin=PASSPHRASE)
    assert result.returncode == 1 and "--replace" in result.stderr
    result = run_main("restore", made, "--to", path, "--replace", "--passphrase-stdin",
                      stdin=PASSPHRASE)
    assert result.returncode == 0, result.stderr
    assert "Reservekopie teruggezet" in result.stdout
    result = run_main("restore", made, "--to", tmp_path / "b.vpj", "--passphrase-stdin",
                      stdin="verkeerd wachtwoord\n")
    assert result.returncode == 3
    assert not (tmp_path / "b.vpj").exists()


def test_backup_folder_on_a_network_share_is_refused(journal, monkeypatch):
    from vp_desktop.storage.location_guard import LocationAssessment, LocationVerdict

    monkeypatch.setattr(svc, "assess_location", lambda p: LocationAssessment(
        LocationVerdict.REFUSE_NETWORK, "dit is een netwerkschijf."))
    with pytest.raises(OutputRefused):
        svc.make_backup_now(journal)
    assert not store.default_backup_dir(journal.path).exists()
