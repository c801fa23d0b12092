"""Kept letters: every printed or saved letter is kept, encrypted, in its case — listed,
re-opened, in the case report and (redacted) the inzage, gone with the case's destruction."""

from __future__ import annotations

import io
import unicodedata
from datetime import date

import pytest
from pypdf import PdfReader
from sqlcipher_pages import pages

from vp_desktop.domain.model import InvolvedPerson, VpProfile
from vp_desktop.services import retention
from vp_desktop.services.errors import OutputFailed
from vp_desktop.services.letters import (
    CaseReportMaker,
    LetterMaker,
    kept_letter,
    kept_letter_title,
    kept_letters,
    print_kept_letter,
    save_kept_letter,
)
from vp_desktop.storage.journal import Journal
from vp_desktop.storage.transfer import copy_cases

from conftest import PASSPHRASE, make_case

TODAY = date(2026, 11, 23)
WITNESS = "Xander Quirijnsz"
LKOG_TITLE = "Klacht bij de LKOG (begeleidende brief)"


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).casefold().split())


def pdf_text(data: bytes) -> str:
    return fold(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))


def send_letter(journal, case, tmp_path, extra: str = "", name: str = "brief.pdf"):
    maker = LetterMaker(journal, case.id, TODAY)
    draft = maker.start(journal, "lkog")
    draft.body += extra
    target = tmp_path / name
    maker.save(journal, draft, target, acknowledged=maker.check(draft).possible_keys)
    return target, draft


def test_a_saved_letter_is_kept_with_its_exact_bytes_and_text(journal, tmp_path):
    case = make_case(journal)
    assert kept_letters(journal, case.id) == []
    target, draft = send_letter(journal, case, tmp_path, "\n\nKenmerk voor de kopie: K-4711.")

    [listed] = kept_letters(journal, case.id)
    assert listed.pdf == b""  # the list carries no PDF bytes
    assert (listed.output, listed.template_id, listed.template_title, listed.recipient) == (
        "opgeslagen", "lkog", LKOG_TITLE, "LKOG")
    assert listed.with_identity is False
    assert "K-4711" in listed.body and listed.subject == draft.subject
    assert listed.address == "\n".join(draft.recipient_lines)
    full = kept_letter(journal, listed.id)
    assert full.pdf == target.read_bytes()  # exactly what was sent
    assert kept_letter_title(listed).endswith(f"{LKOG_TITLE} · aan LKOG")
    [line] = journal.activity(1)
    assert (line.kind, line.template_id) == ("brief_opgeslagen", LKOG_TITLE)  # title, not id


def test_a_failed_print_keeps_nothing_and_a_print_keeps_one(journal):
    case = make_case(journal)
    maker = LetterMaker(journal, case.id, TODAY)
    draft = maker.start(journal, "lkog")

    def broken_printer(_data):
        raise OSError("papier op")

    with pytest.raises(OutputFailed):
        maker.print(journal, draft, broken_printer)
    assert kept_letters(journal, case.id) == []
    assert journal.activity(1)[0].detail.endswith("mislukt")

    printed: list[bytes] = []
    maker.print(journal, draft, printed.append)
    [kept] = kept_letters(journal, case.id)
    assert kept.output == "afgedrukt"
    assert kept_letter(journal, kept.id).pdf == printed[0]


def test_a_kept_letter_is_saved_and_printed_again_through_the_services(journal, tmp_path):
    case = make_case(journal)
    target, _draft = send_letter(journal, case, tmp_path)
    [kept] = kept_letters(journal, case.id)
    again = save_kept_letter(journal, kept.id, tmp_path / "opnieuw.pdf")
    assert again.read_bytes() == target.read_bytes()
    printed: list[bytes] = []
    print_kept_letter(journal, kept.id, printed.append)
    assert printed == [target.read_bytes()]
    log = [(e.kind, e.template_id, e.detail) for e in journal.activity(2)]
    assert log[0][:2] == ("brief_afgedrukt", LKOG_TITLE) and log[0][2].startswith("opnieuw")
    assert log[1][:2] == ("brief_opgeslagen", LKOG_TITLE) and log[1][2].startswith("opnieuw")
    assert len(kept_letters(journal, case.id)) == 1  # sending again keeps no second copy
    with pytest.raises(Exception, match="journaal"):  # the output guard applies
        save_kept_letter(journal, kept.id, journal.path)


def test_kept_letters_in_the_case_report_and_redacted_in_the_inzage(journal, tmp_path):
    case = make_case(journal)
    send_letter(journal, case, tmp_path, f"\n\nIk sprak ook met {WITNESS} over de kwestie.")
    # the witness is recorded in the case only after the letter went out
    case = journal.get_case(case.id)
    case.persons.append(InvolvedPerson(name=WITNESS, role="getuige"))
    journal.update_case(case)

    maker = CaseReportMaker(journal, case.id, TODAY)
    archive = pdf_text(maker.pdf(inzage=False))
    assert "verstuurde brieven" in archive
    assert fold(LKOG_TITLE) in archive and "aan lkog" in archive
    assert "xander quirijnsz over de kwestie" in archive  # the letter's text, in full

    inzage = pdf_text(maker.pdf(inzage=True))
    assert "verstuurde brieven" in inzage and fold(LKOG_TITLE) in inzage
    assert "over de kwestie" in inzage  # the letter is there ...
    assert "xander" not in inzage and "quirijnsz" not in inzage  # ... without the witness
    assert "[getuige] over de kwestie" in inzage


def _places(path, passphrase: str, needles: list[bytes]) -> list[tuple[bytes, str, int]]:
    return [(n, where, number) for where, number, plain in pages(path, passphrase)
            for n in needles if n in plain]


@pytest.mark.parametrize("entirely", [False, True], ids=["vernietigd", "verwijderd"])
def test_destruction_removes_kept_letters_from_every_page(journal, tmp_path, entirely):
    case = make_case(journal, status="gesloten", closed=date(2026, 4, 1))
    target, _draft = send_letter(journal, case, tmp_path, "\n\nKanariebrief Zwoegerd.")
    data = target.read_bytes()
    needles = [b"Kanariebrief Zwoegerd", data[len(data) // 2:len(data) // 2 + 48]]
    assert {n for n, _w, _p in _places(journal.path, PASSPHRASE, needles)} == set(needles)

    if entirely:
        entry = retention.delete_case(journal, case.id, typed_code=case.code)
    else:
        [entry] = retention.destroy(journal, [case.id])

    assert entry.removed["brieven"] == 1
    assert journal.destruction_log()[-1].removed["brieven"] == 1
    assert journal.vault.read("SELECT count(*) FROM kept_letters") == [(0,)]
    assert _places(journal.path, PASSPHRASE, needles) == []  # free pages and -wal included


def test_a_handed_over_case_takes_its_kept_letters_along(journal, tmp_path):
    case = make_case(journal)
    target, _draft = send_letter(journal, case, tmp_path)
    other = Journal.create(tmp_path / "opvolger.vpj", PASSPHRASE, profile=VpProfile())
    try:
        copy_cases(journal, other, [case.id])
        new_id = other.case_id_for_code(case.code)
        [kept] = kept_letters(other, new_id)
        assert kept_letter(other, kept.id).pdf == target.read_bytes()
        assert other.vault.read("SELECT activity_id FROM kept_letters") == [(None,)]
    finally:
        other.close()


# --- in the window ---------------------------------------------------------------------------


def kept_letters_of(letter_dialog):
    return kept_letters(letter_dialog.session.journal, letter_dialog.material.case.id)


def test_window_lists_a_printed_letter_and_reopens_it_by_keyboard(qtbot, journal, journal_path,
                                                                   tmp_path):
    from PySide6.QtCore import Qt
    from PySide6.QtPdf import QPdfDocument
    from test_ui_letters import pdf_printer

    from vp_desktop.ui.kept_letter_dialog import KeptLetterDialog

    from test_ui import open_window, unlock_with_keyboard, unnamed_interactive_widgets

    case = make_case(journal)
    journal.close()
    window, session = open_window(qtbot, journal_path)
    unlock_with_keyboard(qtbot, window)
    window.case_list.select_case(case.id)
    view = window.case_view
    assert view.kept_letters.rowCount() == 0 and not view.kept_letter_button.isEnabled()
    assert view.kept_letter_empty.isVisibleTo(view)

    letter = window.make_letter()
    qtbot.waitUntil(lambda: letter.preview.pdf.status() == QPdfDocument.Status.Ready,
                    timeout=5000)
    printed = tmp_path / "afdruk.pdf"
    assert letter.print_letter(pdf_printer(printed))
    letter.close_for_lock()  # closing the letter window lists what it sent
    assert view.kept_letters.rowCount() == 1
    row = [view.kept_letters.index(0, c).data() for c in range(4)]
    title = letter.template_obj.title  # whichever template the window chose
    assert row[1:] == [title, kept_letters_of(letter)[0].recipient, "afgedrukt"]
    assert row[2] and row[0].startswith(date.today().strftime("%d-%m-%Y"))
    assert view.kept_letter_button.isEnabled() and not view.kept_letter_empty.isVisibleTo(view)

    opened: list = []
    window.case_view.kept_letter_requested.connect(lambda i: opened.append(i))
    view.kept_letter_view.setFocus()
    qtbot.keyClick(view.kept_letter_view, Qt.Key.Key_Return)
    [kept] = kept_letters(session.journal, case.id)
    assert opened == [kept.id]
    dialogs = [w for w in window.findChildren(KeptLetterDialog) if w.isVisible()]
    assert len(dialogs) == 1
    dialog = dialogs[0]
    assert unnamed_interactive_widgets(dialog) == []
    assert dialog.preview.pdf.status() == QPdfDocument.Status.Ready
    assert dialog.preview.data == kept_letter(session.journal, kept.id).pdf
    assert title in dialog.heading.text()

    again = tmp_path / "opnieuw.pdf"
    assert dialog.save_pdf(str(again))
    assert again.read_bytes() == dialog.preview.data
    assert dialog.print_letter(pdf_printer(tmp_path / "opnieuw-afdruk.pdf"))
    assert [e.kind for e in session.journal.activity(3)] == [
        "brief_afgedrukt", "brief_opgeslagen", "brief_afgedrukt"]
    assert view.kept_letters.rowCount() == 1  # sending again keeps no second copy
    session.lock()  # the letter window closes, the list is emptied
    assert not dialog.isVisible() if not dialog.isHidden() else True
    assert view.kept_letters.rowCount() == 0


def test_cli_lists_kept_letters_and_saves_one_again(journal, journal_path, tmp_path):
    from clirun import run_main

    case = make_case(journal)
    target, _draft = send_letter(journal, case, tmp_path)
    journal.close()
    listed = run_main("letters", journal_path, "--case", case.code, "--passphrase-stdin",
                      stdin=PASSPHRASE + "\n")
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.strip().splitlines()
    assert lines[0] == "nr\tdatum\tsjabloon\taan\thoe"
    assert lines[1].startswith("1\t") and lines[1].endswith(f"\t{LKOG_TITLE}\tLKOG\topgeslagen")
    out = tmp_path / "weer.pdf"
    again = run_main("letters", journal_path, "--case", case.code, "--save", "1", "--out", out,
                     "--passphrase-stdin", stdin=PASSPHRASE + "\n")
    assert again.returncode == 0, again.stderr
    assert out.read_bytes() == target.read_bytes()
    wrong = run_main("letters", journal_path, "--case", case.code, "--save", "2", "--out",
                     tmp_path / "x.pdf", "--passphrase-stdin", stdin=PASSPHRASE + "\n")
    assert wrong.returncode == 2 and "1 verstuurde brief;" in wrong.stderr
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize("withdrawn", ["consent", "anonymous"])
def test_a_letter_with_names_is_not_sent_again_once_consent_is_gone(journal, tmp_path, withdrawn):
    import dataclasses

    from vp_desktop.domain.model import MelderIdentity
    from vp_desktop.services.errors import OutputRefused

    case = make_case(journal)
    maker = LetterMaker(journal, case.id, TODAY)
    draft = maker.start(journal, "lkog", with_identity=True)
    maker.save(journal, draft, tmp_path / "met-namen.pdf",
               acknowledged=maker.check(draft).possible_keys)
    [kept] = kept_letters(journal, case.id)
    assert kept.with_identity
    save_kept_letter(journal, kept.id, tmp_path / "nog-mag-het.pdf")  # consent still there
    stored = journal.get_case(case.id)
    changed = (dataclasses.replace(stored, consent_given=False, consent_date=None)
               if withdrawn == "consent" else
               dataclasses.replace(stored, melder=MelderIdentity(anonymous=True)))
    journal.update_case(changed)
    entries = len(journal.activity(100))
    with pytest.raises(OutputRefused, match="niet opnieuw verstuurd"):
        save_kept_letter(journal, kept.id, tmp_path / "niet-meer.pdf")
    printed: list[bytes] = []
    with pytest.raises(OutputRefused):
        print_kept_letter(journal, kept.id, printed.append)
    assert printed == [] and not (tmp_path / "niet-meer.pdf").exists()
    assert len(journal.activity(100)) == entries  # nothing left the journal, nothing logged


def test_the_log_names_an_own_template_by_its_id_not_its_title(journal, tmp_path, qtbot):
    """A VP's own template title is free text ("Brief aan mevr. De Vries"): the activity log,
    which outlives destruction, names it only as "eigen sjabloon (eigen-1)"; built-in ones by
    their fixed title, also for older log lines that hold the raw id."""
    from vp_desktop.storage.journal import StoredTemplate
    from vp_desktop.ui.activity_dialog import ActivityDialog

    source = LetterMaker(journal, make_case(journal).id, TODAY).template("lkog")
    journal.save_custom_template(StoredTemplate(
        id="eigen-1", title="Brief aan mevr. Quirijnsz", description="", recipient="lkog",
        subject=source.subject, body=source.body, based_on="lkog"))
    case = make_case(journal)
    maker = LetterMaker(journal, case.id, TODAY)
    draft = maker.start(journal, "eigen-1")
    maker.save(journal, draft, tmp_path / "eigen.pdf",
               acknowledged=maker.check(draft).possible_keys)
    journal.log_activity("brief_afgedrukt", case.code, "lkog")  # as an older release logged
    own, old = journal.activity(2)[1], journal.activity(2)[0]
    assert own.template_id == "eigen sjabloon (eigen-1)"
    assert "Quirijnsz" not in " ".join(str(v) for e in journal.activity() for v in vars(e).values())

    from types import SimpleNamespace

    dialog = ActivityDialog(SimpleNamespace(journal=journal))  # it only reads session.journal
    qtbot.addWidget(dialog)
    shown = {dialog.model.index(r, 3).data() for r in range(dialog.model.rowCount())}
    assert {LKOG_TITLE, "eigen sjabloon (eigen-1)"} <= shown and "lkog" not in shown
    assert old.template_id == "lkog"


def test_nothing_personal_is_added_to_a_destroyed_case(journal, tmp_path):
    """A letter made in another process while the window destroys the case: its copy, a
    conversation or a follow-up for that case land nowhere."""
    from datetime import datetime as dt

    from vp_desktop.domain.model import Consultation, FollowUp
    from vp_desktop.storage.errors import RecordNotFound

    case = make_case(journal, closed=date(2026, 3, 20), status="gesloten")
    maker = LetterMaker(journal, case.id, TODAY)
    draft = maker.start(journal, "lkog")  # read before the destruction …
    journal.destroy_cases([case.id])  # … which happens meanwhile
    with pytest.raises(OutputFailed, match="niets opgeslagen"):
        maker.save(journal, draft, tmp_path / "te-laat.pdf",
                   acknowledged=maker.check(draft).possible_keys)
    assert not (tmp_path / "te-laat.pdf").exists()
    assert journal.vault.read("SELECT count(*) FROM kept_letters") == [(0,)]
    with pytest.raises(RecordNotFound):
        journal.add_consultation(case.id, Consultation(started_at=dt(2026, 3, 2, 10),
                                                       duration_minutes=30, notes="x"))
    with pytest.raises(RecordNotFound):
        journal.add_follow_up(case.id, FollowUp(what="x", due=TODAY))
