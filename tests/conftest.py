"""Shared fixtures. Qt runs offscreen; journals are real SQLCipher files in tmp_path."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import date, datetime  # noqa: E402

import pytest  # noqa: E402

from vp_desktop.domain.model import (  # noqa: E402
    Case,
    Consultation,
    FollowUp,
    InvolvedPerson,
    MelderIdentity,
    VpProfile,
)
from vp_desktop.storage.journal import Journal  # noqa: E402

PASSPHRASE = "kraan fiets oktober wolk"


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path_factory, monkeypatch):
    """Keep QSettings and platform folders of the test run away from the real user's."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    return home


@pytest.fixture
def journal_path(tmp_path):
    return tmp_path / "journaal.vpj"


@pytest.fixture
def journal(journal_path):
    j = Journal.create(journal_path, PASSPHRASE, profile=VpProfile(name="Test VP"),
                       organisations=["Gemeente Testdorp", "Gemeente Proefstad"])
    yield j
    j.close()


def make_case(journal: Journal, **overrides) -> Case:
    org = journal.organisations()[0]
    fields = dict(
        organisation_id=org.id,
        opened=date(2026, 3, 2),
        categories=("pesten", "intimidatie_bedreiging"),
        relation="leidinggevende",
        melder_type="medewerker",
        channel="persoonlijk",
        melder=MelderIdentity(anonymous=False, name="Jan de Vries", contact="06-12345678"),
        persons=[InvolvedPerson(name="Petra van den Berg", role="beschuldigde",
                                description="teamleider")],
        consent_given=True,
        consent_date=date(2026, 3, 2),
        incident_date=date(2026, 2, 20),
    )
    fields.update(overrides)
    case = Case(**fields)
    journal.add_case(
        case,
        [Consultation(started_at=datetime(2026, 3, 2, 10, 0), duration_minutes=45,
                      notes="Eerste gesprek over de reünie en ideeën.", advice="Rustig aan")],
        [FollowUp(what="Terugbellen", due=date(2026, 3, 9))],
    )
    return case
