"""Shared fixtures. Qt runs offscreen; journals are real SQLCipher files in tmp_path."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

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
def private_tempdir(tmp_path_factory, monkeypatch):
    """A temp folder of this test's own (Python's tempfile and Qt's QDir.tempPath() both read
    it), so a test that checks no temp file is written is not disturbed by other processes
    (an Xvfb lock, a parallel worker) writing into the shared /tmp."""
    temp = tmp_path_factory.mktemp("systemp")
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    return temp


@pytest.fixture(autouse=True)
def _dutch(monkeypatch):
    """Tests run pinned to Dutch (the source language), whatever the machine's locale: the
    interface language of this process, and the system language a command reads (LANGUAGE
    comes first; it changes nothing else for Python or Qt)."""
    from vp_desktop.i18n import set_language

    monkeypatch.setenv("LANGUAGE", "nl")
    set_language("nl")
    yield
    set_language("nl")


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


@contextlib.contextmanager
def made_read_only(path: Path):
    """``path`` (a file or a folder) cannot be written while the block runs, also not by
    root: ``chattr +i`` when running as root (tests in containers), else chmod a-w.
    Skips the test when neither is possible here."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        chattr = shutil.which("chattr")
        if chattr is None or subprocess.run([chattr, "+i", str(path)],
                                             capture_output=True).returncode != 0:
            pytest.skip("cannot make a file read-only for root here (chattr +i)")
        try:
            yield path
        finally:
            subprocess.run([chattr, "-i", str(path)], capture_output=True, check=True)
    else:
        mode = path.stat().st_mode
        path.chmod(mode & ~0o222)
        try:
            yield path
        finally:
            path.chmod(mode)


@pytest.fixture(autouse=True)
def _fresh_single_windows():
    """The manual and the IT documentation are one window each per process (with their
    history): a test gets them new, not with what an earlier test left behind."""
    yield
    for module_name in ("vp_desktop.ui.help_window", "vp_desktop.ui.evidence_window"):
        module = sys.modules.get(module_name)
        window = getattr(module, "_window", None)
        if module is not None and window is not None:
            window.close()
            window.deleteLater()
            module._window = None  # type: ignore[attr-defined]


@pytest.fixture
def stack(tmp_path):
    """The real accessibility stack (Xvfb, session D-Bus, at-spi2-core, the pyatspi client of
    tests/atspi_harness.py) for one test; skips where its Debian packages are missing."""
    from atspi_harness import AtspiStack, require

    require()
    with AtspiStack(tmp_path) as running:
        yield running


@pytest.fixture(autouse=True)
def _collect_on_the_main_thread():
    """Once a window has switched automatic garbage collection to the UI thread's timer
    (vp_desktop.ui.main_thread_gc), tests without an event loop collect here instead."""
    yield
    import gc

    if not gc.isenabled():
        from vp_desktop.ui.main_thread_gc import collect_if_due

        collect_if_due()
