"""Letters, reports and templates in the window: preview from memory, name check, print."""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from vp_desktop.domain.model import InvolvedPerson, MelderIdentity
from vp_desktop.storage.journal import Journal
from vp_desktop.ui.letter_dialog import LetterDialog
from vp_desktop.ui.report_dialog import ReportDialog
from vp_desktop.ui.template_dialog import TemplateDialog

from conftest import PASSPHRASE, make_case
from test_ui import open_window, unlock_with_keyboard, unnamed_interactive_widgets


@pytest.fixture
def unlocked(qtbot, journal, journal_path):
    case = make_case(journal, melder=MelderIdentity(anonymous=False, name="Anouk Jansen-de Boer"),
                     persons=[InvolvedPerson(name="Petra van den Berg", role="beschuldigde")])
    journal.close()
    window, session = open_window(qtbot, journal_path)
    unlock_with_keyboard(qtbot, window)
    window.case_list.select_case(case.id)
    return window, session, case


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def watched_folders(home: Path) -> dict[Path, set[str]]:
    folders = [Path(tempfile.gettempdir()), home]
    return {d: {str(p) for p in d.rglob("*")} if d == home else set(os.listdir(d))
            for d in folders}


def test_letter_preview_name_check_and_print(qtbot, unlocked, tmp_path, _isolated_settings,
                                            private_tempdir):
    window, session, case = unlocked
    before = watched_folders(_isolated_settings)
    dialog = window.make_letter()
    assert isinstance(dialog, LetterDialog)
    qtbot.waitUntil(lambda: dialog.preview.pdf.status() == QPdfDocument.Status.Ready,
                    timeout=5000)
    assert dialog.preview.pdf.pageCount() >= 1
    assert dialog.check.all_hits == []
    assert "geen namen" in dialog.hits_label.text()

    dialog.text.appendPlainText("\nIk sprak hierover met Petra.")
    dialog.update_check_and_preview()
    assert [h.matched for _part, h in dialog.check.blocking()] == ["Petra"]
    assert dialog.hits.count() == 1
    assert dialog.text.extraSelections()  # the name is highlighted
    out = tmp_path / "afdruk.pdf"
    assert not dialog.print_letter(pdf_printer(out))
    assert not out.exists()
    assert "namen" in dialog.error_label.text()

    dialog.text.setPlainText(dialog.text.toPlainText().replace(" met Petra", ""))
    assert dialog.print_letter(pdf_printer(out))
    assert len(PdfReader(io.BytesIO(out.read_bytes())).pages) >= 1
    assert session.journal.activity()[0].kind == "brief_afgedrukt"
    saved = tmp_path / "brief.pdf"
    assert dialog.save_pdf(str(saved))
    assert oct(saved.stat().st_mode & 0o777) == "0o600"
    assert session.journal.activity()[0].kind == "brief_opgeslagen"
    after = watched_folders(_isolated_settings)
    assert after == before  # no temp file, nothing in the config or data folders
    dialog.close_for_lock()


def test_a_letter_being_written_survives_a_lock(qtbot, unlocked, journal_path):
    window, session, case = unlocked
    dialog = window.make_letter()
    dialog.text.appendPlainText("\nEen eigen alinea die bewaard moet blijven.")
    session.lock()
    assert not dialog.isVisible() if not dialog.isHidden() else True
    with Journal.open(journal_path, PASSPHRASE) as other:
        [draft] = other.drafts()
    assert draft.kind == "letter" and "eigen alinea" in draft.payload["body"]
    unlock_with_keyboard(qtbot, window)
    resumed = window.resume_draft()
    assert isinstance(resumed, LetterDialog)
    assert "eigen alinea" in resumed.text.toPlainText()
    resumed.close_for_lock()


def test_report_dialog_archive_and_inzage(qtbot, unlocked, tmp_path):
    window, session, case = unlocked
    dialog = window.make_report()
    assert isinstance(dialog, ReportDialog)
    qtbot.waitUntil(lambda: bool(dialog.data), timeout=5000)
    archive = dialog.data
    dialog.inzage.setChecked(True)
    qtbot.waitUntil(lambda: bool(dialog.data) and dialog.data != archive, timeout=5000)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(dialog.data)).pages)
    assert "Petra" not in text and "[beschuldigde]" in text
    assert dialog.save_pdf(str(tmp_path / "inzage.pdf"))
    assert dialog.print_report(pdf_printer(tmp_path / "p.pdf"))
    kinds = [(e.kind, e.detail) for e in session.journal.activity()]
    assert kinds[:2] == [("rapport_afgedrukt", "inzage"), ("rapport_opgeslagen", "inzage")]
    dialog.reject()


def test_template_manager_copy_edit_and_errors(qtbot, unlocked):
    window, session, _case = unlocked
    dialog = window.open_templates()
    assert isinstance(dialog, TemplateDialog)
    assert not dialog.source.isEnabled()  # a built-in template is read-only
    dialog.copy_current()
    [own] = session.journal.custom_templates()
    assert own.title.endswith("(kopie)") and dialog.source.isEnabled()
    dialog.source.setPlainText("Geachte heer,\n\n{{ organisatie }}\n{{ onbekend_veld }}")
    dialog.update_preview()
    assert "Regel 4" in dialog.check_label.text() and "onbekend_veld" in dialog.check_label.text()
    dialog.source.setPlainText("Geachte heer,\n\nIn {{ organisatie }} speelt iets.")
    dialog.update_preview()
    assert "in orde" in dialog.check_label.text()
    assert "speelt iets" in dialog.preview.toPlainText()
    dialog.try_save()
    assert session.journal.custom_templates()[0].body.endswith("speelt iets.")
    assert not dialog.isVisible()


def test_new_dialogs_name_every_control(qtbot, unlocked):
    window, _session, _case = unlocked
    for opener in (window.make_letter, window.make_report, window.open_templates,
                   window.open_activity):
        dialog = opener()
        assert unnamed_interactive_widgets(dialog) == [], type(dialog).__name__
        if hasattr(dialog, "close_for_lock"):
            dialog.close_for_lock()
        else:
            dialog.reject()
    assert QApplication.activeModalWidget() is None


def test_the_save_button_asks_and_saves(qtbot, unlocked, tmp_path, monkeypatch):
    from vp_desktop.ui import letter_dialog

    window, session, _case = unlocked
    dialog = window.make_letter()
    target = tmp_path / "gekozen"  # the user left off ".pdf"
    monkeypatch.setattr(letter_dialog, "choose_save_path",
                        lambda *_args: f"{target}.pdf")  # the user's answer, not Qt
    dialog.pdf_button.click()
    assert (tmp_path / "gekozen.pdf").exists()
    assert session.journal.activity()[0].kind == "brief_opgeslagen"
    dialog.close_for_lock()


def test_jaarverslag_text_with_a_name_is_not_exported(qtbot, unlocked, tmp_path):
    window, session, case = unlocked
    dialog = window.open_annual_report()
    dialog.year.setCurrentIndex(dialog.year.findData(case.opened.year))
    dialog.organisation.setCurrentIndex(dialog.organisation.findData(case.organisation_id))
    dialog.narrative.setPlainText("Het team van Petra van den Berg vraagt aandacht.")
    out = tmp_path / "jv.csv"
    dialog.export("csv", str(out))
    assert "namen" in dialog.error_label.text() and "regel 1: naam" in dialog.error_label.text()
    assert "Petra" not in dialog.error_label.text()  # the message names roles, not names
    assert any("Petra van den Berg" in dialog.hits.item(i).text()  # the VP's own list does
               for i in range(dialog.hits.count()))
    qtbot.wait(200)
    assert not out.exists()
    dialog.close_for_lock()


def test_window_error_texts_carry_no_case_data(qtbot, journal, journal_path):
    """A template whose filter fails on the melder's name: the window says which line and
    which kind of error, never the value."""
    from vp_desktop.storage.journal import StoredTemplate

    case = make_case(journal, melder=MelderIdentity(anonymous=False, name="Canarius Vogelzang"))
    journal.save_custom_template(StoredTemplate(
        "filterfout", "Filterfout", "", "", "Test",
        "Beste,\n\n{{ organisatie|replace('a', 'b', melder_naam) }}", None))
    journal.close()
    window, _session = open_window(qtbot, journal_path)
    unlock_with_keyboard(qtbot, window)
    window.case_list.select_case(case.id)
    dialog = window.make_letter()
    dialog.identity.setChecked(True)
    dialog.template.setCurrentIndex(dialog.template.findData("filterfout"))
    shown = dialog.error_label.text() + dialog.status.text() + dialog.hits_label.text()
    assert "Regel 3" in shown and "ValueError" in shown
    assert "canarius" not in shown.lower() and "vogelzang" not in shown.lower()
    dialog.close_for_lock()


def test_a_possible_name_is_acknowledged_in_the_list_one_by_one(qtbot, unlocked, tmp_path):
    from PySide6.QtCore import Qt

    window, session, _case = unlocked
    dialog = window.make_letter()
    dialog.text.appendPlainText("\nIk sprak met mevrouw Pietersen en met de heer Brink.")
    dialog.update_check_and_preview()
    def possible():  # the list is rebuilt at every check; ticks are kept per word
        return [dialog.hits.item(i) for i in range(dialog.hits.count())
                if "mogelijk een naam" in dialog.hits.item(i).text()]

    assert len(possible()) == 2
    out = tmp_path / "brief.pdf"
    assert not dialog.save_pdf(str(out)) and not out.exists()
    possible()[0].setCheckState(Qt.CheckState.Checked)
    assert not dialog.save_pdf(str(out))  # one of two is not enough
    assert [i.checkState() for i in possible()] == [Qt.CheckState.Checked,
                                                    Qt.CheckState.Unchecked]
    possible()[1].setCheckState(Qt.CheckState.Checked)
    assert dialog.save_pdf(str(out)) and out.exists()
    entry = session.journal.activity()[0]
    assert entry.kind == "brief_opgeslagen" and "2 mogelijke namen bevestigd" in entry.detail
    assert "pietersen" not in entry.detail.lower()
    dialog.close_for_lock()


@pytest.fixture
def screen_reader():
    """As if an assistive technology listens (Qt's accessibility active); off again after."""
    from PySide6.QtGui import QAccessible

    QAccessible.setActive(True)
    yield
    QAccessible.setActive(False)


def _described(widget) -> str:
    from PySide6.QtGui import QAccessible

    return QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Description)


def test_a_screen_reader_reads_the_previews_text_page_by_page(qtbot, unlocked, screen_reader):
    """The pages of a preview are images to a screen reader: the document's text is the
    preview's accessible description, the same text the PDF holds, and no more (the inzage
    keeps the other person's name out here too)."""
    window, _session, case = unlocked
    dialog = window.make_report()
    qtbot.waitUntil(lambda: bool(dialog.data), timeout=5000)
    archive = dialog.data
    dialog.inzage.setChecked(True)
    qtbot.waitUntil(lambda: bool(dialog.data) and dialog.data != archive, timeout=5000)
    reader = PdfReader(io.BytesIO(dialog.data))
    read = _described(dialog.preview)
    assert read.startswith("Pagina 1: ") and "\r" not in read
    assert read.count("Pagina ") >= len(reader.pages)
    assert case.code in read and "[beschuldigde]" in read
    assert "Petra" not in read, read
    words = " ".join(p.extract_text() for p in reader.pages).split()
    assert [w for w in words if w not in read] == []  # every word of the PDF is read
    dialog.reject()
    assert _described(dialog.preview) == ""  # a closed (hidden) dialog keeps no text
    letter = window.make_letter()
    qtbot.waitUntil(lambda: letter.preview.pdf.status() == QPdfDocument.Status.Ready,
                    timeout=5000)
    letter_text = _described(letter.preview)
    assert letter_text.startswith("Pagina 1: ")
    letter_words = " ".join(p.extract_text()
                            for p in PdfReader(io.BytesIO(letter.preview.data)).pages).split()
    assert len(letter_words) > 20 and [w for w in letter_words if w not in letter_text] == []
    letter.close_for_lock()


def test_without_a_screen_reader_a_preview_holds_no_text(qtbot, unlocked):
    window, _session, _case = unlocked
    dialog = window.make_report()
    qtbot.waitUntil(lambda: bool(dialog.data), timeout=5000)
    assert dialog.preview.pdf.pageCount() >= 1
    assert _described(dialog.preview) == ""
    dialog.reject()
