"""Retention: due cases, legal holds, destruction that leaves no byte behind, deletion of a
case made by mistake, and destruction re-applied after a restore."""

from __future__ import annotations

import shutil
from datetime import date, datetime

import pytest
from clirun import run_main
from PySide6.QtCore import Qt
from sqlcipher_pages import places_of

from vp_desktop.domain.model import (
    Consultation,
    Draft,
    FollowUp,
    InvolvedPerson,
    MelderIdentity,
)
from vp_desktop.services import retention
from vp_desktop.services.annual import build_publication
from vp_desktop.services.errors import OutputRefused
from vp_desktop.stats.export_json import publication_json
from vp_desktop.storage.errors import StorageError
from vp_desktop.storage.journal import Journal

from conftest import PASSPHRASE, make_case

TODAY = date(2026, 12, 1)
CLOSED = dict(opened=date(2024, 3, 1), status="gesloten", closed=date(2025, 1, 6),
              destroy_after=date(2026, 1, 6), outcome="informele_oplossing")
CANARIES = ["Kanarievogelnaam", "kanarie@voorbeeld.nl", "Kanariecontact", "Kanariesamenvatting",
            "Kanariegetuige", "Kanariefunctie", "Kanarienotitie", "Kanarieadvies",
            "Kanarievervolg", "Kanarieconcept", "Kanariereden"]
STDIN = PASSPHRASE + "\n"


@pytest.fixture
def planted(journal):
    """A closed case past its date with a canary in every personal field and record."""
    case = make_case(
        journal, **CLOSED,
        melder=MelderIdentity(anonymous=False, name="Kanarievogelnaam Jansen",
                              contact="kanarie@voorbeeld.nl",
                              contact_arrangement="via Kanariecontact"),
        persons=[InvolvedPerson(name="Kanariegetuige de Wit", role="getuige",
                                description="Kanariefunctie")],
        summary="Kanariesamenvatting over de scheiding", destroy_after_reason="Kanariereden")
    journal.add_consultation(case.id, Consultation(
        started_at=datetime(2024, 3, 8, 10, 0), duration_minutes=60, notes="Kanarienotitie",
        advice="Kanarieadvies"))
    journal.add_follow_up(case.id, FollowUp(what="Kanarievervolg", due=date(2024, 4, 1)))
    journal.save_draft(Draft(kind="consultation", payload={"notes": "Kanarieconcept"},
                             case_id=case.id))
    other = make_case(journal, opened=date(2024, 5, 1), summary="Blijft gewoon staan")
    return case, other


def _jaarverslag(journal) -> bytes:
    org = journal.organisations()[0]
    return publication_json(build_publication(journal, year=2024, organisation=org),
                            made_on=TODAY)


def test_destruction_leaves_no_byte_of_content_and_keeps_the_statistics(journal, planted):
    case, other = planted
    path = journal.path
    assert {c for c, _f, _p in places_of(path, PASSPHRASE, CANARIES)} == set(CANARIES)
    stats_before = journal.statistics_records(year=2024)
    report_before = _jaarverslag(journal)

    [entry] = retention.destroy(journal, [case.id])

    assert places_of(path, PASSPHRASE, CANARIES) == []  # every page, free ones, the -wal
    assert journal.vault.read("PRAGMA freelist_count") == [(0,)]
    assert journal.statistics_records(year=2024) == stats_before
    assert _jaarverslag(journal) == report_before
    assert (entry.case_code, entry.kind) == (case.code, "vernietigd")
    assert entry.removed == {"gesprekken": 2, "vervolgstappen": 2, "personen": 1,
                             "concepten": 1, "brieven": 0}
    gone = journal.get_case(case.id)
    assert gone.destroyed_at is not None and gone.summary == "" and gone.persons == []
    assert gone.melder == MelderIdentity()
    assert journal.consultations(case.id) == [] and journal.follow_ups(case.id) == []
    assert journal.search_case_ids("Kanarienotitie") == set()
    [summary] = [s for s in journal.case_summaries() if s.id == case.id]
    assert summary.destroyed and summary.categories == tuple(sorted(case.categories))
    assert journal.get_case(other.id).summary == "Blijft gewoon staan"
    [log] = journal.destruction_log()
    assert (log.case_code, log.kind) == (case.code, "vernietigd")
    assert journal.activity()[0].kind == "vernietigd"
    assert "kanarie" not in repr(journal.destruction_log()).lower()
    assert "kanarie" not in repr(journal.activity()).lower()
    with pytest.raises(StorageError):
        journal.update_case(gone)
    assert journal.verify().ok


def test_held_open_and_destroyed_cases_are_refused_and_nothing_changes(journal, planted):
    case, other = planted
    journal.set_hold(case.id, "Procedure bij de LKOG loopt")
    assert [d.code for d in retention.overview(journal, TODAY).held] == [case.code]
    assert retention.overview(journal, TODAY).overdue == ()
    for ids in ([case.id], [other.id], [case.id, other.id]):  # held, open, both
        with pytest.raises(StorageError):
            retention.destroy(journal, ids)
    assert journal.destruction_log() == []
    assert journal.get_case(case.id).summary.startswith("Kanariesamenvatting")
    journal.set_hold(case.id, "")
    retention.destroy(journal, [case.id])
    with pytest.raises(StorageError, match="al vernietigd"):
        retention.destroy(journal, [case.id])
    with pytest.raises(OutputRefused):
        retention.destroy(journal, [])


def test_overview_sorts_cases_by_their_date(journal):
    past = make_case(journal, **CLOSED)
    soon = make_case(journal, **{**CLOSED, "destroy_after": date(2026, 12, 20)})
    later = make_case(journal, **{**CLOSED, "destroy_after": date(2027, 6, 1)})
    listing = retention.overview(journal, TODAY)
    assert [d.code for d in listing.overdue] == [past.code]
    assert [d.code for d in listing.soon] == [soon.code]
    assert later.code not in [d.code for d in listing.all]
    assert listing.overdue[0].days_left == (date(2026, 1, 6) - TODAY).days


def test_a_case_made_by_mistake_is_deleted_entirely(journal, planted):
    case, other = planted
    with pytest.raises(OutputRefused, match=other.code):  # it has consultations
        retention.delete_case(journal, other.id)
    entry = retention.delete_case(journal, other.id, typed_code=other.code)
    assert entry.kind == "verwijderd"
    assert other.code not in [s.code for s in journal.case_summaries()]
    assert len(journal.statistics_records(year=2024)) == 1
    assert journal.activity()[0].kind == "verwijderd"


def test_a_restored_copy_gets_the_destruction_again(journal, planted, tmp_path):
    case, _other = planted
    journal.vault.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    copy = tmp_path / "kopie.vpj"
    shutil.copyfile(journal.path, copy)  # a copy made before the destruction
    retention.destroy(journal, [case.id])
    log = journal.destruction_log()
    with Journal.open(copy, PASSPHRASE) as restored:
        assert restored.get_case(case.id).summary.startswith("Kanarie")
        assert restored.reapply_destructions(log) == [case.code]
        assert restored.get_case(case.id).destroyed_at is not None
        assert restored.reapply_destructions(log) == []  # once is enough
        assert [e.case_code for e in restored.destruction_log()] == [case.code]
    assert places_of(copy, PASSPHRASE, CANARIES) == []


def test_cli_due_and_destroy(journal, journal_path, planted):
    case, other = planted
    journal.close()
    listed = run_main("due", journal_path, "--passphrase-stdin", stdin=STDIN)
    assert listed.returncode == 0
    assert f"{case.code}\t" in listed.stdout and "over tijd" in listed.stdout
    assert other.code not in listed.stdout
    assert "Kanarie" not in listed.stdout

    dry = run_main("destroy", journal_path, "--due", "--dry-run", "--passphrase-stdin",
                   stdin=STDIN)
    assert dry.returncode == 0 and case.code in dry.stdout
    no_tty = run_main("destroy", journal_path, "--case", case.code, "--passphrase-stdin",
                      stdin=STDIN)
    assert no_tty.returncode == 2 and "--yes" in no_tty.stderr
    refused = run_main("destroy", journal_path, "--case", other.code, "--yes",
                       "--passphrase-stdin", stdin=STDIN)
    assert refused.returncode == 1 and "nog open" in refused.stderr
    unknown = run_main("destroy", journal_path, "--case", "1999-001", "--yes",
                       "--passphrase-stdin", stdin=STDIN)
    assert unknown.returncode == 1 and "bestaan niet" in unknown.stderr
    with Journal.open(journal_path, PASSPHRASE) as j:
        assert j.destruction_log() == []
    done = run_main("destroy", journal_path, "--due", "--yes", "--passphrase-stdin",
                    stdin=STDIN)
    assert done.returncode == 0 and f"1 dossier vernietigd: {case.code}" in done.stdout
    assert places_of(journal_path, PASSPHRASE, CANARIES) == []


def test_the_window_lists_destroys_and_holds(qtbot, journal, journal_path, planted):
    from vp_desktop.ui.retention_page import OVERDUE_BRUSH

    from test_ui import open_window, unlock_with_keyboard

    case, other = planted
    soon = make_case(journal, **{**CLOSED, "destroy_after": date.today()})
    journal.close()
    window, session = open_window(qtbot, journal_path)
    unlock_with_keyboard(qtbot, window)
    assert "dossier is over de vernietigingsdatum" in window.statusBar().currentMessage()
    assert window.tabs.tabText(2) == "Te vern&ietigen (1 over tijd)"
    page = window.retention_page
    codes = [page.model.record(r).code for r in range(page.model.rowCount())]
    assert codes == [case.code, soon.code] and other.code not in codes
    assert page.model.data(page.model.index(0, 0), Qt.ItemDataRole.ForegroundRole) \
        == OVERDUE_BRUSH
    texts = [page.model.data(page.model.index(r, 4)) for r in range(2)]
    assert texts[0].startswith("over tijd") and texts[1] == "over 0 dagen"

    page.view.selectRow(1)
    assert page.toggle_hold("Klacht bij de LKOG loopt")
    assert [d.code for d in retention.overview(session.journal).held] == [soon.code]
    page.view.selectRow(0)
    assert page.destroy_selected(confirm=False)
    assert session.journal.get_case(case.id).destroyed_at is not None
    assert "1 dossier vernietigd" in page.status.text()
    assert window.tabs.tabText(2) == "Te vern&ietigen"
    window.case_list.select_case(case.id)
    assert "vernietigd op" in window.case_view.title.text()
    assert not window.case_view.edit_button.isEnabled()
    assert window.edit_case() is None and window.make_letter() is None
    row = window.case_list.model.row_of(case.id)
    assert window.case_list.model.data(window.case_list.model.index(row, 3)) == "vernietigd"

    window.case_list.select_case(other.id)
    assert window.delete_case(typed_code=other.code)
    assert other.code not in [s.code for s in session.journal.case_summaries()]


def test_a_backup_made_after_a_destruction_holds_no_canary(journal, planted, tmp_path):
    from vp_desktop.services.backups import make_backup_now

    case, _other = planted
    retention.destroy(journal, [case.id])
    outcome = make_backup_now(journal, to=tmp_path / "usb")
    assert outcome.made
    for info in outcome.made:
        assert places_of(info.path, PASSPHRASE, CANARIES) == []
        with Journal.open(info.path, PASSPHRASE) as copy:
            assert copy.get_case(case.id).destroyed_at is not None


def test_the_window_hides_every_case_before_a_backup_on_lock(qtbot, journal, journal_path,
                                                             planted):
    from test_ui import open_window, unlock_with_keyboard

    journal.close()
    window, session = open_window(qtbot, journal_path)
    unlock_with_keyboard(qtbot, window)
    assert window.retention_page.model.rowCount() == 1
    seen = []

    def at_locking():  # runs after the window's own slot, while the journal is still open
        seen.append((session.journal is not None, window.case_list.model.rowCount(),
                     window.retention_page.model.rowCount(), window.stack.currentIndex()))

    session.locking.connect(at_locking)
    session.lock()
    assert seen == [(True, 0, 0, 0)]
