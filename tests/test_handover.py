"""Handover to a successor and take-over from another journal (issue 8), on real journals."""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import asdict
from datetime import date, datetime

import pytest

from vp_desktop.domain.model import (
    Consultation,
    FollowUp,
    InvolvedPerson,
    MelderIdentity,
    VpProfile,
)
from vp_desktop.services import handover as ho
from vp_desktop.services.errors import ServiceError
from vp_desktop.storage.journal import Journal, StoredTemplate
from vp_desktop.storage.transfer import CodeClash, codes_detail

from conftest import PASSPHRASE, make_case

SUCCESSOR = "zebra kompas oranje molen"
OTHER = "lantaarn vijver kompas sneeuw"

_IDS = {"id", "case_id", "organisation_id"}


def _strip(value):
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k not in _IDS}
    if isinstance(value, list | tuple):
        return [_strip(v) for v in value]
    return value


def snapshot(journal: Journal, organisation: str | None = None) -> dict:
    """Every field of every case (of one organisation), by code, without internal ids."""
    names = {o.id: o.name for o in journal.organisations()}
    result = {}
    for summary in journal.case_summaries():
        if organisation and summary.organisation != organisation:
            continue
        case = journal.get_case(summary.id)
        result[case.code] = {
            "organisation": names[case.organisation_id],
            "case": _strip(asdict(case)),
            "consultations": _strip([asdict(c) for c in journal.consultations(case.id)]),
            "follow_ups": _strip([asdict(f) for f in journal.follow_ups(case.id)]),
            "totals": journal.contact_totals(case.id),
        }
    return result


def statistics(journal: Journal, organisation: str) -> list:
    org = journal.organisation_named(organisation)
    return sorted((_strip(asdict(r)) for r in journal.statistics_records(organisation_id=org.id)),
                  key=repr)


def rich_case(journal: Journal, organisation: str, **overrides):
    org = journal.organisation_named(organisation)
    fields = dict(
        organisation_id=org.id, summary="Samenvatting over de ideeën van de afdeling.",
        melder=MelderIdentity(anonymous=False, name="Jan de Vries", contact="06-12345678",
                              contact_arrangement="belt zelf terug"),
        persons=[InvolvedPerson(name="Petra van den Berg", role="beschuldigde",
                                description="teamleider"),
                 InvolvedPerson(name="Kees Jansen", role="getuige")],
        report_date=date(2026, 3, 5), acknowledged_date=date(2026, 3, 6),
        gender="vrouw", age_band="35_44", destroy_after=date(2028, 1, 1),
        destroy_after_reason="Procedure loopt nog",
    )
    fields.update(overrides)
    case = make_case(journal, **fields)
    journal.add_consultation(case.id, Consultation(
        started_at=datetime(2026, 3, 9, 14, 30), duration_minutes=30, channel="telefoon",
        notes="Tweede gesprek.", advice="Afspraak: mailen"),
        [FollowUp(what="Doorverwijzen", due=date(2026, 3, 20), kind="doorverwijzing",
                  destination="bedrijfsarts", done=date(2026, 3, 19))])
    return case


@pytest.fixture
def sender(journal):
    """Two organisations: Testdorp with an open, a closed+held and a destroyed case;
    Proefstad with one case that must not go along."""
    journal.save_profile(VpProfile(name="Vertrekkende VP", practice="Bureau X"))
    journal.save_custom_template(StoredTemplate("eigen1", "Eigen", "", "melder", "Onderwerp",
                                                "Tekst"))
    journal.save_narrative(2026, None, "Eigen tekst voor het jaarverslag.")
    open_case = rich_case(journal, "Gemeente Testdorp")
    held = rich_case(journal, "Gemeente Testdorp", status="gesloten", closed=date(2026, 5, 1),
                     outcome="informele_oplossing")
    journal.set_hold(held.id, "Rechtszaak")
    gone = rich_case(journal, "Gemeente Testdorp", status="gesloten", closed=date(2026, 4, 1),
                     outcome="informele_oplossing")
    journal.destroy_cases([gone.id])
    rich_case(journal, "Gemeente Proefstad")
    journal.cases = {"open": open_case.code, "held": held.code, "gone": gone.code}  # type: ignore
    return journal


def test_handover_writes_every_field_into_a_new_journal(sender, tmp_path):
    before = snapshot(sender, "Gemeente Testdorp")
    stats_before = statistics(sender, "Gemeente Testdorp")
    log_before = sender.destruction_log()
    assert len(before) == 3 and stats_before
    target = tmp_path / "opvolger.vpj"

    ids = ho.choose_cases(sender, "gemeente testdorp")
    result = ho.hand_over(sender, ids, target, SUCCESSOR)

    assert result.codes == tuple(sorted(before))
    assert sorted(os.listdir(tmp_path)) == ["journaal.vpj", "journaal.vpj-shm",
                                            "journaal.vpj-wal", "opvolger.vpj"]
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with pytest.raises(Exception, match="wachtwoord"):
        Journal.open(target, PASSPHRASE)  # the sender's passphrase does not open it
    with Journal.open(target, SUCCESSOR) as new:
        assert snapshot(new) == before
        assert [o.name for o in new.organisations()] == ["Gemeente Testdorp"]
        assert statistics(new, "Gemeente Testdorp") == stats_before
        assert new.destruction_log() == log_before  # the destroyed case's line went along
        held = new.get_case(new.case_id_for_code(sender.cases["held"]))
        assert held.hold_reason == "Rechtszaak"
        assert new.get_case(new.case_id_for_code(sender.cases["gone"])).destroyed_at
        # never the sender's own things
        assert new.profile() == VpProfile()
        assert new.custom_templates() == [] and new.drafts() == []
        assert new.narrative(2026) == ""
        assert [(a.kind, a.detail) for a in new.activity()] == [
            ("overname", "overdracht ontvangen: 3 dossiers: " + ", ".join(sorted(before)))]
        assert new.search_case_ids("ideeen")  # the search index was built
        assert new.verify().ok
    line = sender.activity(1)[0]
    assert (line.kind, line.case_code) == ("overdracht", None)
    assert line.detail == "3 dossiers: " + ", ".join(sorted(before))


def test_handover_never_overwrites_and_leaves_nothing_on_failure(sender, tmp_path):
    taken = tmp_path / "bestaat.vpj"
    taken.write_bytes(b"van iemand anders")
    ids = ho.choose_cases(sender, "Gemeente Testdorp")
    with pytest.raises(ServiceError, match="bestaand bestand"):
        ho.hand_over(sender, ids, taken, SUCCESSOR)
    assert taken.read_bytes() == b"van iemand anders"
    with pytest.raises(ServiceError, match="geopende journaal|bestaand"):
        ho.hand_over(sender, ids, sender.path, SUCCESSOR)
    with pytest.raises(ServiceError, match="zwak"):
        ho.hand_over(sender, ids, tmp_path / "zwak.vpj", "fiets12345")
    with pytest.raises(Exception):  # noqa: B017 - a case that does not exist: fails midway
        ho.hand_over(sender, [*ids, 99999], tmp_path / "half.vpj", SUCCESSOR)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "bestaat.vpj", "journaal.vpj", "journaal.vpj-shm", "journaal.vpj-wal"]
    assert all(a.kind != "overdracht" for a in sender.activity())
    weak = ho.hand_over(sender, ids, tmp_path / "zwak.vpj", "fiets12345", allow_weak=True)
    assert weak.path.is_file()


def test_take_over_keeps_codes_matches_organisations_and_refuses_clashes(sender, tmp_path):
    other_path = tmp_path / "voorganger.vpj"
    ho.hand_over(sender, ho.choose_cases(sender, "Gemeente Testdorp"), other_path, SUCCESSOR)
    digest = hashlib.sha256(other_path.read_bytes()).hexdigest()
    expected = snapshot(sender, "Gemeente Testdorp")

    mine = Journal.create(tmp_path / "mijn.vpj", OTHER, organisations=["GEMEENTE TESTDORP"])
    try:
        result = ho.take_over_file(mine, other_path, SUCCESSOR)
        assert result.codes == tuple(sorted(expected))
        assert result.organisations_created == ()  # matched by name, case-insensitive
        got = snapshot(mine)
        for value in got.values():
            value["organisation"] = value["organisation"].title()
        assert got == {code: {**v, "organisation": v["organisation"].title()}
                       for code, v in expected.items()}
        line = mine.activity(1)[0]
        assert (line.kind, line.detail) == ("overname", "3 dossiers: " + ", ".join(
            sorted(expected)))

        # a second take-over clashes on every code: refused, nothing changed
        before = (snapshot(mine), mine.activity(), mine.organisations())
        with pytest.raises(CodeClash) as caught:
            ho.take_over_file(mine, other_path, SUCCESSOR)
        assert caught.value.codes == tuple(sorted(expected))
        assert all(code in caught.value.message for code in expected)
        assert (snapshot(mine), mine.activity(), mine.organisations()) == before
    finally:
        mine.close()
    assert hashlib.sha256(other_path.read_bytes()).hexdigest() == digest  # read-only


def test_take_over_one_organisation_creates_it_and_a_single_clash_names_it(sender, tmp_path):
    mine = Journal.create(tmp_path / "mijn.vpj", OTHER, organisations=["Eigen"])
    try:
        clash = make_case(mine)  # 2026-001, also in the sender's journal
        with pytest.raises(CodeClash, match=clash.code) as caught:
            ho.take_over(mine, sender)
        assert caught.value.codes == (clash.code,)
        assert [o.name for o in mine.organisations()] == ["Eigen"]
        assert len(mine.case_summaries()) == 1

        proefstad = {c for c, v in snapshot(sender).items()
                     if v["organisation"] == "Gemeente Proefstad"}
        mine.destroy_cases([clash.id], entirely=True)  # code deleted: still "used"
        with pytest.raises(CodeClash):
            ho.take_over(mine, sender, "Gemeente Testdorp")
        result = ho.take_over(mine, sender, "gemeente proefstad")
        assert set(result.codes) == proefstad
        assert result.organisations_created == ("Gemeente Proefstad",)
    finally:
        mine.close()


def test_take_over_refuses_the_open_journal_itself_and_a_wrong_passphrase(sender, tmp_path):
    with pytest.raises(ServiceError, match="zelf"):
        ho.take_over_file(sender, sender.path, PASSPHRASE)
    other = tmp_path / "ander.vpj"
    ho.hand_over(sender, ho.choose_cases(sender, "Gemeente Proefstad"), other, SUCCESSOR)
    from vp_desktop.storage.errors import WrongPassphrase

    with pytest.raises(WrongPassphrase):
        ho.take_over_file(sender, other, "verkeerd wachtwoord hier")


def test_destroy_after_handover_destroys_closed_deletes_open_keeps_held(sender):
    ids = ho.choose_cases(sender, "Gemeente Testdorp")
    result = ho.destroy_handed_over(sender, ids)
    assert [e.case_code for e in result.destroyed] == []  # the closed one is held
    assert [e.case_code for e in result.deleted] == [sender.cases["open"]]
    assert result.kept == tuple(sorted([sender.cases["held"], sender.cases["gone"]]))
    assert sender.case_id_for_code(sender.cases["open"]) is None
    assert "verwijderd" in ho.describe_destroyed(result)


def test_destroy_after_handover_keeps_statistics_of_closed_cases(journal):
    closed = make_case(journal, status="gesloten", closed=date(2026, 4, 1), outcome="informele_oplossing")
    result = ho.destroy_handed_over(journal, [closed.id])
    assert [e.case_code for e in result.destroyed] == [closed.code]
    assert journal.case_summary(closed.id).destroyed
    assert len(journal.statistics_records()) == 1


def test_json_or_journal_by_content(tmp_path, journal_path, journal):
    for name, data in [("a.json", b"{}"), ("b.vpj", b"\xef\xbb\xbf \n\t{\"format\": 1}"),
                       ("c.txt", b"  {")]:
        (tmp_path / name).write_bytes(data)
        assert ho.looks_like_json(tmp_path / name)
    (tmp_path / "d.json").write_bytes(b"[]")
    assert ho.looks_like_json(tmp_path / "d.json")  # not a journal: the JSON import says why
    (tmp_path / "e.json").write_bytes(b"\x00" * 8192)  # whole pages: could be a journal
    assert not ho.looks_like_json(tmp_path / "e.json")
    assert not ho.looks_like_json(journal_path)  # a journal, whatever its name
    with pytest.raises(Exception, match="geen importbestand"):
        ho.check_other_journal_file(tmp_path / "d.json")


def test_codes_detail_fits_in_200_characters():
    codes = [f"2025-{n:03d}" for n in range(1, 41)]
    text = codes_detail(codes)
    assert text.startswith("40 dossiers: 2025-001, 2025-002") and text.endswith(", …")
    assert len(text) <= 200
    assert codes_detail(["2025-001"]) == "1 dossier: 2025-001"
