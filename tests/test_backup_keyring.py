"""Backups share the journal's salt so one key derivation opens them all (the speed of a
restore), yet each opens with the passphrase alone, and backups with their own salt (made
before this, or elsewhere) are still read."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from vp_desktop.services import backups as svc
from vp_desktop.storage import backup as store
from vp_desktop.storage.errors import WrongPassphrase
from vp_desktop.storage.vault import Vault

from conftest import PASSPHRASE, make_case


def test_a_backup_shares_the_salt_and_opens_with_the_passphrase(journal):
    make_case(journal)
    info = svc.make_backup_now(journal, now=datetime(2026, 12, 1, 9, 0)).made[0]
    salt = store.KeyRing.salt_of(journal.path)
    assert salt is not None and store.KeyRing.salt_of(info.path) == salt
    vault = Vault.open_read_only(info.path, PASSPHRASE, older_ok=True)  # no ring needed
    vault.close()
    ring = store.KeyRing(PASSPHRASE)
    assert ring.key_for(info.path) == ring.key_for(journal.path) != PASSPHRASE
    assert PASSPHRASE not in repr(ring) and ring.key_for(info.path) not in repr(ring)
    with pytest.raises(WrongPassphrase):
        store.KeyRing("een ander wachtwoord").open_read_only(info.path)
    assert store.check_key(info.path, PASSPHRASE, keyring=ring) == (1, 1)


def test_destruction_logs_are_read_from_backups_with_their_own_salt_too(journal, tmp_path):
    closed = make_case(journal, status="gesloten", closed=date(2026, 4, 1))
    journal.destroy_cases([closed.id])
    folder = store.default_backup_dir(journal.path)
    folder.mkdir()
    own_salt = folder / "journaal-2026-11-01-0900.vpj"  # keyed with the passphrase itself
    store._export(journal.path, PASSPHRASE, own_salt)
    assert store.KeyRing.salt_of(own_salt) != store.KeyRing.salt_of(journal.path)
    shared = svc.make_backup_now(journal, now=datetime(2026, 11, 2, 9, 0), rotate=False)
    entries = svc.collect_destructions(PASSPHRASE, [folder], "journaal")
    assert [e.case_code for e in entries] == [closed.code, closed.code]
    skipped = svc.collect_destructions(PASSPHRASE, [folder], "journaal",
                                       skip=(shared.made[0].path,))
    assert len(skipped) == 1
