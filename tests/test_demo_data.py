"""Tests for vp_desktop.interchange.demo_data: determinism, validity, variety, the journal."""

from __future__ import annotations

import os
import re
from collections import Counter
from datetime import date, timedelta

import pytest

from vp_desktop.domain.retention import default_destroy_after
from vp_desktop.domain.validation import case_problems, consultation_problems, follow_up_problems
from vp_desktop.domain.vocabulary import CATEGORY_DOMAIN, REFERRAL_DESTINATIONS
from vp_desktop.interchange.demo_data import CHUNK_SIZE, create_demo_journal, generate_demo
from vp_desktop.storage import errors
from vp_desktop.storage.journal import Journal

TODAY = date(2026, 11, 22)
PASSPHRASE = "demo demo demo"


@pytest.fixture(scope="module")
def demo():
    return generate_demo(400, 7, TODAY)


def all_names(data) -> list[str]:
    names = [b.case.melder.name for b in data.bundles if b.case.melder.name]
    return names + [p.name for b in data.bundles for p in b.case.persons]


def all_notes(data) -> str:
    return "\n".join(c.notes + " " + c.advice for b in data.bundles for c in b.consultations)


# --- determinism --------------------------------------------------------------------------


def test_same_seed_and_day_give_identical_data():
    assert generate_demo(120, 3, TODAY) == generate_demo(120, 3, TODAY)


def test_different_seed_gives_different_data():
    a, b = generate_demo(120, 3, TODAY), generate_demo(120, 4, TODAY)
    assert [x.case for x in a.bundles] != [x.case for x in b.bundles]
    assert all_notes(a) != all_notes(b)


def test_zero_cases_and_negative_count():
    assert generate_demo(0, 1, TODAY).bundles == []
    with pytest.raises(ValueError):
        generate_demo(-1, 1, TODAY)


# --- validity -----------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [1, 2, 99])
def test_every_object_passes_the_domain_validators(seed):
    data = generate_demo(300, seed, TODAY)
    for bundle in data.bundles:
        assert case_problems(bundle.case) == [], bundle.case
        for c in bundle.consultations:
            assert consultation_problems(c) == [], c
        for f in bundle.follow_ups:
            assert follow_up_problems(f) == [], f


def test_dates_are_consistent(demo):
    openings = [b.case.opened for b in demo.bundles]
    assert openings == sorted(openings)
    assert len(demo.bundles) == len(demo.organisation_names)
    for bundle in demo.bundles:
        case = bundle.case
        end = case.closed or TODAY
        assert case.code == ""
        assert TODAY - timedelta(days=4 * 366) <= case.opened <= end <= TODAY
        assert case.opened.weekday() < 5
        starts = [c.started_at for c in bundle.consultations]
        assert 1 <= len(starts) <= 12
        assert min(starts).date() == case.opened
        assert all(case.opened <= s.date() <= end for s in starts)
        for c in bundle.consultations:
            assert 15 <= c.duration_minutes <= 90 and c.duration_minutes % 5 == 0
            assert 1 <= c.notes.count(". ") + 1 <= 4
        if case.status == "gesloten":
            assert case.outcome is not None
            assert case.destroy_after == default_destroy_after(case.closed, 12)
            assert all(f.done is not None for f in bundle.follow_ups)
        else:
            assert case.outcome is None and case.destroy_after is None
        if case.consent_given:
            assert case.opened <= case.consent_date <= end
        if case.incident_date:
            assert case.incident_date < case.opened
        if case.report_date:
            assert "vermoeden_misstand" in case.categories
        for f in bundle.follow_ups:
            assert (f.destination is not None) == (f.kind == "doorverwijzing")
            assert f.destination is None or f.destination in REFERRAL_DESTINATIONS


def test_profile_and_organisations(demo):
    assert demo.profile.role == "extern"
    assert demo.profile.name.endswith("(demo)")
    assert 4 <= len(demo.organisations) <= 6
    assert set(demo.organisation_names) <= set(demo.organisations)


# --- variety ------------------------------------------------------------------------------


def test_variety(demo):
    cases = [b.case for b in demo.bundles]
    assert len({c.opened.year for c in cases}) >= 4
    assert len(set(demo.organisation_names)) >= 4
    statuses = Counter(c.status for c in cases)
    assert statuses["open"] >= 20 and statuses["gesloten"] >= 200
    assert 10 <= sum(c.melder.anonymous for c in cases) <= 150
    assert any(len(c.categories) == 3 for c in cases)
    assert len({c.channel for c in cases}) >= 5
    assert any(c.gender is None for c in cases) and any(c.age_band is None for c in cases)
    assert sum(c.incident_date is not None for c in cases) >= 50
    assert not any(c.consent_given for c in cases if not c.consent_date)
    assert any(not c.consent_given for c in cases)
    consultations = sum(len(b.consultations) for b in demo.bundles)
    assert 3.5 <= consultations / len(cases) <= 6.5
    kinds = Counter(f.kind for b in demo.bundles for f in b.follow_ups)
    assert {"terugbellen", "contact", "doorverwijzing", "overig"} <= set(kinds)


def test_misstand_cases_have_report_dates():
    cases = [b.case for b in generate_demo(1500, 11, TODAY).bundles]
    misstand = [c for c in cases if "vermoeden_misstand" in c.categories]
    assert misstand and all(c.report_date for c in misstand)
    assert any(c.acknowledged_date for c in misstand)
    assert not any(c.report_date for c in cases if c not in misstand)
    data = generate_demo(1500, 11, TODAY)
    for bundle in data.bundles:
        case = bundle.case
        if case.acknowledged_date and case.status == "open":
            [ack] = [f for f in bundle.follow_ups if f.kind == "wettelijke_termijn"]
            assert ack.done == case.acknowledged_date and ack.statutory_key


def test_categories_have_realistic_weights(demo):
    counts = Counter(CATEGORY_DOMAIN[c] for b in demo.bundles for c in b.case.categories)
    per_category = Counter(c for b in demo.bundles for c in b.case.categories)
    assert counts["ongewenst_gedrag"] > counts["integriteit"] > counts["misstand"]
    assert per_category["pesten"] > 5 * per_category["beinvloeding_corruptie"]
    assert per_category["werkdruk"] > 5 * per_category["vermoeden_misstand"]


def test_older_cases_mostly_closed_recent_ones_mostly_open(demo):
    old = [b.case for b in demo.bundles if (TODAY - b.case.opened).days > 150]
    recent = [b.case for b in demo.bundles if (TODAY - b.case.opened).days < 45]
    closed_share = sum(c.status == "gesloten" for c in old) / len(old)
    assert 0.75 <= closed_share <= 0.95
    assert recent and sum(c.status == "open" for c in recent) > len(recent) / 2


def test_more_recent_years_are_busier():
    data = generate_demo(3000, 5, date(2026, 12, 31))
    per_year = Counter(b.case.opened.year for b in data.bundles)
    assert per_year[2026] > per_year[2024] > per_year[2023]


def test_open_follow_ups_some_overdue_most_upcoming(demo):
    open_dues = [f.due for b in demo.bundles for f in b.follow_ups if f.done is None]
    overdue = [d for d in open_dues if d < TODAY]
    assert overdue and len(overdue) < len(open_dues) / 2
    assert all(d <= TODAY + timedelta(days=40) for d in open_dues)


def test_tricky_names_and_diacritics(demo):
    names = " | ".join(all_names(demo))
    for fragment in ("van 't ", "van den ", "-de Boer", "Özdemir", "Çelik", "El Amrani", "Nguyen"):
        assert fragment in names
    assert re.search(r"Linnéa|Zoë|Chloë|Renée|André|Noël", names)
    notes = all_notes(demo)
    for word in ("ideeën", "reünie", "privé", "coördinator"):
        assert word in notes


def test_contact_details_are_fictitious(demo):
    for bundle in demo.bundles:
        melder = bundle.case.melder
        if melder.anonymous:
            assert not melder.name and melder.contact_arrangement
            continue
        for part in melder.contact.split(", "):
            assert re.fullmatch(r"06-\d{4} \d{4}", part) or part.endswith("@example.nl")


# --- the demo journal ---------------------------------------------------------------------


def test_create_demo_journal_reads_back(tmp_path):
    path = tmp_path / "demo.vpj"
    calls = []
    create_demo_journal(
        path,
        PASSPHRASE,
        cases=60,
        seed=2,
        today=TODAY,
        progress=lambda done, total: calls.append((done, total)),
    )
    assert calls == [(60, 60)]
    data = generate_demo(60, 2, TODAY)
    with Journal.open(path, PASSPHRASE) as journal:
        report = journal.verify()
        assert report.ok
        assert report.cases == 60
        assert report.consultations == sum(len(b.consultations) for b in data.bundles)
        assert report.follow_ups >= sum(len(b.follow_ups) for b in data.bundles)
        assert journal.profile() == data.profile
        assert sorted(o.name for o in journal.organisations()) == sorted(data.organisations)
        summaries = journal.case_summaries()
        assert Counter(s.status for s in summaries) == Counter(b.case.status for b in data.bundles)
        by_year: dict[int, list] = {}
        for s in sorted(summaries, key=lambda s: s.code):
            by_year.setdefault(s.opened.year, []).append(s)
        for year, rows in by_year.items():
            assert [s.code for s in rows][0] == f"{year}-001"
            assert [s.opened for s in rows] == sorted(s.opened for s in rows)
        assert journal.search_case_ids("ideeen") or journal.search_case_ids("reunie")


def test_create_demo_journal_stores_in_chunks(tmp_path):
    calls = []
    create_demo_journal(
        tmp_path / "demo.vpj",
        PASSPHRASE,
        cases=CHUNK_SIZE * 2 + 1,
        seed=3,
        today=TODAY,
        progress=lambda done, total: calls.append((done, total)),
    )
    total = CHUNK_SIZE * 2 + 1
    assert calls == [(CHUNK_SIZE, total), (2 * CHUNK_SIZE, total), (total, total)]
    with Journal.open(tmp_path / "demo.vpj", PASSPHRASE) as journal:
        assert journal.verify().cases == total


def test_failure_removes_the_new_journal(tmp_path):
    path = tmp_path / "demo.vpj"

    def cancel(done, total):
        raise RuntimeError("afgebroken")

    with pytest.raises(RuntimeError):
        create_demo_journal(path, PASSPHRASE, cases=20, today=TODAY, progress=cancel)
    assert sorted(os.listdir(tmp_path)) == []


def test_existing_file_is_never_touched(tmp_path):
    path = tmp_path / "demo.vpj"
    path.write_bytes(b"not mine")
    with pytest.raises(errors.JournalExists):
        create_demo_journal(path, PASSPHRASE, cases=5, today=TODAY)
    assert path.read_bytes() == b"not mine"
    with pytest.raises(errors.StorageError):
        create_demo_journal(path, "", cases=5, today=TODAY)
    assert path.read_bytes() == b"not mine"
