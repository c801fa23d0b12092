"""Schema versions 2 and 3: the activity log, custom letter templates, stored addresses and
yearly report texts, and the migration that brings a version-1 journal there intact."""

from __future__ import annotations

import pytest

from vp_desktop.storage import schema, vault
from vp_desktop.storage.journal import Journal, StoredTemplate

from conftest import PASSPHRASE, make_case


def test_a_version_1_journal_is_migrated_and_keeps_every_record(tmp_path, monkeypatch):
    path = tmp_path / "oud.vpj"
    with monkeypatch.context() as m:  # make a journal as the first release wrote it
        m.setattr(vault, "MIGRATIONS", schema.MIGRATIONS[:1])
        m.setattr(vault, "LATEST_VERSION", 1)
        with Journal.create(path, PASSPHRASE, organisations=["Gemeente Oud"]) as old:
            assert old.vault.schema_version == 1
            case = make_case(old)
            # read with the columns version 1 has (today's get_case needs later ones)
            before = old.vault.read(
                "SELECT c.code, c.opened, p.summary, p.melder_name FROM cases c"
                " JOIN case_personal p ON p.case_id = c.id")
            consultations, follow_ups = old.consultations(case.id), old.follow_ups(case.id)
    with Journal.open(path, PASSPHRASE) as journal:
        assert journal.vault.read(
            "SELECT c.code, c.opened, p.summary, p.melder_name FROM cases c"
            " JOIN case_personal p ON p.case_id = c.id") == before
        assert journal.consultations(case.id) == consultations
        assert journal.follow_ups(case.id) == follow_ups
        assert journal.get_case(case.id).hold_reason == ""
        assert journal.vault.schema_version == schema.LATEST_VERSION
        journal.log_activity("brief_afgedrukt", case.code, "lkog")
        assert journal.activity()[0].template_id == "lkog"
        assert journal.verify().ok


def test_activity_log_records_what_was_done_never_content(journal):
    case = make_case(journal)
    journal.log_activity("brief_afgedrukt", case.code, "lkog")
    journal.log_activity("rapport_opgeslagen", case.code, None, "inzage")
    entries = journal.activity()
    assert [(e.kind, e.case_code, e.template_id, e.detail) for e in entries] == [
        ("rapport_opgeslagen", case.code, None, "inzage"),
        ("brief_afgedrukt", case.code, "lkog", ""),
    ]
    with pytest.raises(ValueError):
        journal.log_activity("iets_anders")


def test_custom_templates_and_addresses_round_trip(journal):
    template = StoredTemplate("eigen-1", "Mijn brief", "voor de OR", "ondernemingsraad",
                              "Signaal", "Geachte leden,\n\n{{ organisatie }}", "lkog")
    journal.save_custom_template(template)
    assert journal.custom_templates() == [template]
    changed = StoredTemplate(**{**template.__dict__, "title": "Andere naam"})
    journal.save_custom_template(changed)
    assert journal.custom_templates() == [changed]
    journal.delete_custom_template("eigen-1")
    assert journal.custom_templates() == []

    assert journal.address("bedrijfsarts") is None
    journal.save_address("bedrijfsarts", ["Arbodienst X", " Postbus 1 ", "", "1000 AA Stad"])
    assert journal.address("bedrijfsarts") == ["Arbodienst X", "Postbus 1", "1000 AA Stad"]


def test_yearly_narrative_per_organisation(journal):
    org = journal.organisations()[0]
    assert journal.narrative(2026) == ""
    journal.save_narrative(2026, None, "Alle organisaties samen.")
    journal.save_narrative(2026, org.id, "Meer vragen over werkdruk.")
    journal.save_narrative(2026, org.id, "Meer vragen over werkdruk; advies: teamgesprekken.")
    assert journal.narrative(2026) == "Alle organisaties samen."
    assert journal.narrative(2026, org.id).endswith("teamgesprekken.")


def test_statistics_records_hold_only_statistical_fields(journal):
    case = make_case(journal)
    [record] = journal.statistics_records(year=2026)
    assert record.categories == tuple(sorted(case.categories))
    assert record.contact_count == 1 and record.minutes_spent == 45
    assert record.quarter == 1 and record.year == 2026
    text = repr(record)
    for name in ("Jan de Vries", "Petra", "reünie"):
        assert name not in text
    assert journal.statistics_records(year=2025) == []


def test_an_older_journal_is_backed_up_as_it_was_before_the_upgrade(tmp_path, monkeypatch):
    """The upgrade is one-way (an earlier release refuses a newer journal): first a verified
    copy of the journal as it was goes to the backup folder beside it."""
    from vp_desktop.storage.backup import backup_files, backup_stem, default_backup_dir

    path = tmp_path / "vorige-versie.vpj"
    with monkeypatch.context() as m:  # a journal as the release before issue 9 wrote it
        m.setattr(vault, "MIGRATIONS", schema.MIGRATIONS[:4])
        m.setattr(vault, "LATEST_VERSION", 4)
        with Journal.create(path, PASSPHRASE, organisations=["Gemeente Oud"]) as old:
            make_case(old)
    with Journal.open(path, PASSPHRASE) as journal:
        assert journal.vault.schema_version == schema.LATEST_VERSION
    [copy] = backup_files(default_backup_dir(path), backup_stem(path))
    old_copy = vault.Vault.open_read_only(copy, PASSPHRASE, older_ok=True)
    try:
        assert old_copy.schema_version == 4  # exactly as it was
        assert old_copy.connection.execute("SELECT count(*) FROM cases").fetchone()[0] == 1
    finally:
        old_copy.close()
    with Journal.open(path, PASSPHRASE):  # already current: no second copy
        pass
    assert len(backup_files(default_backup_dir(path), backup_stem(path))) == 1


def test_no_upgrade_without_its_backup(tmp_path, monkeypatch):
    from vp_desktop.storage import errors
    from vp_desktop.storage.backup import BACKUP_DIR_NAME

    path = tmp_path / "vorige-versie.vpj"
    with monkeypatch.context() as m:
        m.setattr(vault, "MIGRATIONS", schema.MIGRATIONS[:4])
        m.setattr(vault, "LATEST_VERSION", 4)
        Journal.create(path, PASSPHRASE, organisations=["Gemeente Oud"]).close()
    (tmp_path / BACKUP_DIR_NAME).write_text("een bestand waar de map moet komen")
    with pytest.raises(errors.UpgradeBackupFailed, match="Er is niets veranderd"):
        Journal.open(path, PASSPHRASE)
    still = vault.Vault.open_read_only(path, PASSPHRASE, older_ok=True)
    try:
        assert still.schema_version == 4
    finally:
        still.close()
