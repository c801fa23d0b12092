"""The case overview in English (issue 11): the document's language from the service, the
dialog and the command line through to the PDF (real journal in tmp_path, real PDFs read back
with pypdf); the inzage stays Dutch; English dates; the report and activity-log windows and
the service's error texts in the interface language."""

from __future__ import annotations

import io
import re
import unicodedata
from datetime import date

import pytest
from clirun import run_main
from pypdf import PdfReader
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QTableView,
)
from test_i18n_ui import dutch_words
from test_mnemonics import clashes

from vp_desktop import i18n
from vp_desktop.dutch import long_date
from vp_desktop.letters.case_report import build_case_report, date_text
from vp_desktop.services.errors import OutputRefused, ServiceError, user_message
from vp_desktop.services.letters import CaseReportMaker, case_id_for_code
from vp_desktop.storage.errors import RecordNotFound
from vp_desktop.ui.activity_dialog import ActivityDialog
from vp_desktop.ui.report_dialog import ReportDialog
from vp_desktop.ui.session import Session

from conftest import PASSPHRASE, make_case

TODAY = date(2026, 11, 23)
# The fixed texts of the case overview (this area's, in Dutch); none may be in the English one.
DUTCH_REPORT_TEXTS = (
    "Dossieroverzicht", "Opgesteld op", "Gesprekken", "Vervolgstappen", "Verstuurde brieven",
    "Geen brieven", "Pagina", "VERTROUWELIJK", "Gemaakt met", "Gegevens", "Geopend",
    "Gesloten", "Toestemming", "Datum incident", "Leeftijdsgroep", "Andere betrokkenen",
    "Advies en afspraken", "Vertrouwelijk: alleen", "de vertrouwenspersoon",
)
# Dutch words the report and activity-log windows must not show in English (beyond the
# interface's list in test_i18n_ui).
MORE_DUTCH = {"inzage", "melder", "archief", "documenttaal", "voorbeeld", "wordt", "gemaakt",
              "pagina", "activiteitenlog", "wanneer", "wat", "sjabloon", "bijzonderheid",
              "afgedrukt", "opgeslagen", "inhoud", "versleuteld", "alleen", "rol"}
# The print/save/close row is built by ui/pdf_output.output_buttons, outside this area.
NOT_THIS_AREA = {"reportPrint", "reportSavePdf", "reportClose"}


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).split())


def pdf_text(data: bytes) -> str:
    return fold(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages))


def pdf_lang(data: bytes) -> str:
    return str(PdfReader(io.BytesIO(data)).trailer["/Root"].get("/Lang"))


@pytest.fixture
def case(journal):
    return make_case(journal, summary="Petra maakt opmerkingen.")


# --- dates -------------------------------------------------------------------------------

def test_long_date_in_dutch_and_english():
    assert long_date(date(2026, 3, 3)) == "3 maart 2026"
    assert long_date(date(2026, 3, 3), "nl") == "3 maart 2026"
    assert long_date(date(2026, 3, 3), lang="en") == "3 March 2026"
    assert long_date(date(2026, 12, 31), "en") == "31 December 2026"
    assert long_date(None, "en") == ""
    with pytest.raises(ValueError):
        long_date(date(2026, 3, 3), "de")
    assert date_text(date(2026, 3, 5)) == "05-03-2026"
    assert date_text(date(2026, 3, 5), "en") == "5 March 2026"
    assert date_text(None, "en") == "—"


# --- the PDF -------------------------------------------------------------------------------

def test_the_english_case_overview(journal, case):
    data = CaseReportMaker(journal, case.id, TODAY).pdf(inzage=False, lang="en")
    text = pdf_text(data)
    # (the VP's role after the name is a vocabulary label: Dutch until that is translated)
    for expected in (f"Case overview {case.code}", "Drawn up on 23 November 2026 by Test VP",
                     "Consultations", "Follow-ups", "Letters sent",
                     "No letters printed or saved.", "Page 1 of 2", "Page 2 of 2", "CONFIDENTIAL",
                     "Made with VP Desktop", "Opened 2 March 2026", "Closed —", "Date of incident",
                     "20 February 2026", "yes, on 2 March 2026", "Reporter",
                     "Other people involved", "Advice and arrangements: Rustig aan",
                     "Confidential: only for the confidential adviser's own archive."):
        assert expected in text, expected
    found = [t for t in DUTCH_REPORT_TEXTS if t in text]
    assert not found, found
    assert not re.search(r"\b\d\d-\d\d-\d{4}\b", text)  # no Dutch numeric dates
    # what the VP wrote stays as written
    for user_data in ("Jan de Vries", "Petra van den Berg", "teamleider", "Terugbellen",
                      "Petra maakt opmerkingen.", fold("Eerste gesprek over de reünie")):
        assert user_data in text, user_data
    assert pdf_lang(data) == "en-GB"


def test_the_dutch_case_overview_is_unchanged(journal, case):
    maker = CaseReportMaker(journal, case.id, TODAY)
    default, dutch = maker.pdf(inzage=False), maker.pdf(inzage=False, lang="nl")
    assert pdf_text(default) == pdf_text(dutch)
    text = pdf_text(dutch)
    for expected in (f"Dossieroverzicht {case.code}", "Opgesteld op 23-11-2026 door Test VP",
                     "Gesprekken", "Vervolgstappen", "Geopend 02-03-2026", "ja, op 02-03-2026",
                     "Advies en afspraken: Rustig aan", "Pagina 1 van 2", "VERTROUWELIJK"):
        assert expected in text, expected
    assert "Case overview" not in text and "March" not in text
    assert pdf_lang(dutch) == "nl-NL"
    # the interface language does not change a document's language
    i18n.set_language("en")
    assert pdf_text(maker.pdf(inzage=False)) == text


def test_the_inzage_is_dutch_only(journal, case, tmp_path):
    maker = CaseReportMaker(journal, case.id, TODAY)
    with pytest.raises(OutputRefused) as refused:
        maker.pdf(inzage=True, lang="en")
    assert "alleen in het Nederlands" in user_message(refused.value)
    target = tmp_path / "inzage.pdf"
    with pytest.raises(OutputRefused):
        maker.save(journal, target, inzage=True, lang="en")
    assert not target.exists() and journal.activity() == []
    i18n.set_language("en")
    with pytest.raises(OutputRefused) as refused:
        maker.pdf(inzage=True, lang="en")
    assert user_message(refused.value) == ("The reporter's access report is made in Dutch "
                                           "only. Choose Dutch as the document language.")
    with pytest.raises(ServiceError, match="Dutch .nl. or English .en."):
        maker.pdf(inzage=False, lang="de")
    # the builder refuses it too (the service checks first)
    m = maker.material
    with pytest.raises(ValueError):
        build_case_report(case=m.case, organisation=m.organisation,
                          consultations=m.consultations, follow_ups=m.follow_ups,
                          profile=m.profile, today=TODAY, inzage=True,
                          redact_text=lambda t: t, lang="en")
    # in Dutch the inzage is made as before, the interface language notwithstanding
    assert "Inzage in dossier" in pdf_text(maker.pdf(inzage=True))


def test_saving_in_english_is_logged_in_dutch(journal, case, tmp_path):
    maker = CaseReportMaker(journal, case.id, TODAY)
    target = maker.save(journal, tmp_path / "case.pdf", inzage=False, lang="en")
    assert "Case overview" in pdf_text(target.read_bytes())
    maker.save(journal, tmp_path / "dossier.pdf", inzage=False)
    details = [(e.kind, e.detail) for e in journal.activity()]
    assert details == [("rapport_opgeslagen", "archief"),
                       ("rapport_opgeslagen", "archief, in het Engels")]


def test_service_errors_in_the_interface_language(journal, case):
    with pytest.raises(RecordNotFound, match="bestaat niet in dit journaal"):
        case_id_for_code(journal, "1999-001")
    i18n.set_language("en")
    with pytest.raises(RecordNotFound) as missing:
        case_id_for_code(journal, "1999-001")
    assert user_message(missing.value) == "Case 1999-001 does not exist in this journal."


# --- the command line ----------------------------------------------------------------------

def test_the_command_line_document_language(journal, journal_path, case, tmp_path):
    journal.close()
    help_en = run_main("--lang", "en", "report", "--help").stdout
    assert "--document-lang {nl,en}" in help_en
    assert "document language: nl (default) or en" in " ".join(help_en.split())
    i18n.set_language("nl")
    assert "taal van het document: nl (standaard) of en" in " ".join(
        run_main("report", "--help").stdout.split())

    out = tmp_path / "case.pdf"
    result = run_main("report", journal_path, "--case", case.code, "--out", out,
                      "--document-lang", "en", "--passphrase-stdin", stdin=PASSPHRASE + "\n")
    assert result.returncode == 0, result.stderr
    assert f"Case overview {case.code}" in pdf_text(out.read_bytes())

    refused = tmp_path / "inzage.pdf"
    result = run_main("report", journal_path, "--case", case.code, "--out", refused,
                      "--inzage", "--document-lang", "en", "--passphrase-stdin",
                      stdin=PASSPHRASE + "\n")
    assert result.returncode != 0 and "alleen in het Nederlands" in result.stderr
    assert not refused.exists()
    assert run_main("report", journal_path, "--case", case.code, "--out", refused,
                    "--document-lang", "de", "--passphrase-stdin",
                    stdin=PASSPHRASE + "\n").returncode == 2


# --- the windows ---------------------------------------------------------------------------

def shown_texts(dialog) -> list[str]:
    """Every visible text of the window outside other areas' widgets."""
    def mine(widget) -> bool:
        return widget.isVisible() and widget.objectName() not in NOT_THIS_AREA

    texts = [dialog.windowTitle()]
    texts += [w.text() for w in dialog.findChildren(QLabel) if mine(w)]
    texts += [w.text() for w in dialog.findChildren(QAbstractButton) if mine(w)]
    texts += [w.title() for w in dialog.findChildren(QGroupBox) if mine(w)]
    for combo in dialog.findChildren(QComboBox):
        if mine(combo):
            texts += [combo.itemText(i) for i in range(combo.count())]
    for view in dialog.findChildren(QTableView):
        model = view.model()
        texts += [str(model.headerData(c, _horizontal())) for c in range(model.columnCount())]
    return [t for t in texts if t]


def _horizontal():
    from PySide6.QtCore import Qt

    return Qt.Orientation.Horizontal


def dutch_in(texts: list[str]) -> set[str]:
    found = set()
    for text in texts:
        found |= dutch_words(text)
        found |= {w for w in re.findall(r"[a-zà-ÿ]+", text.replace("&", "").lower())
                  if w in MORE_DUTCH}
    return found


def open_report(qtbot, journal, case_id: int, lang: str) -> ReportDialog:
    i18n.set_language(lang)
    session = Session()
    session.adopt(journal)
    dialog = ReportDialog(session, case_id, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: bool(dialog.data), timeout=10000)
    return dialog


def test_the_report_window_in_english(qtbot, journal, case, tmp_path):
    dialog = open_report(qtbot, journal, case.id, "en")
    texts = shown_texts(dialog)
    assert dialog.windowTitle() == "Case overview"
    for expected in ("For my &archive (complete)", "Document &language:", "Nederlands",
                     "English"):
        assert expected in texts, expected
    assert dialog.status.text() == ("2 pages. Printing or saving records that in the "
                                    "activity log (without content).")
    assert not dutch_in(texts), dutch_in(texts)
    assert not clashes(dialog), clashes(dialog)
    combo = dialog.findChild(QComboBox, "reportDocumentLanguage")
    label = next(w for w in dialog.findChildren(QLabel) if w.buddy() is combo)
    assert label.text() == "Document &language:" and combo.accessibleName()
    # the interface is English, the document Dutch until English is chosen
    assert "Dossieroverzicht" in pdf_text(dialog.data)
    dutch = dialog.data
    combo.setCurrentIndex(combo.findData("en"))
    qtbot.waitUntil(lambda: bool(dialog.data) and dialog.data != dutch, timeout=10000)
    assert f"Case overview {case.code}" in pdf_text(dialog.data)
    assert dialog.save_pdf(str(tmp_path / "case.pdf"))
    assert dialog.status.text() == "Saved. Note: the file is not encrypted."
    # the inzage: Dutch only, the choice shows Nederlands and is disabled
    english = dialog.data
    dialog.inzage.setChecked(True)
    assert not combo.isEnabled() and combo.currentData() == "nl"
    qtbot.waitUntil(lambda: bool(dialog.data) and dialog.data != english, timeout=10000)
    assert "Inzage in dossier" in pdf_text(dialog.data)
    assert dialog.save_pdf(str(tmp_path / "inzage.pdf"))
    # back to the archive: the earlier choice returns
    dialog.archive.setChecked(True)
    assert combo.isEnabled() and combo.currentData() == "en"
    assert [e.detail for e in journal.activity()] == ["inzage", "archief, in het Engels"]
    dialog.reject()


def test_the_report_window_in_dutch_has_unique_mnemonics(qtbot, journal, case):
    dialog = open_report(qtbot, journal, case.id, "nl")
    texts = shown_texts(dialog)
    assert "Document&taal:" in texts and "Voor mijn &archief (volledig)" in texts
    assert not clashes(dialog), clashes(dialog)
    assert dialog.document_language == "nl"
    dialog.reject()


def test_the_activity_log_window_in_english(qtbot, journal, case, tmp_path):
    CaseReportMaker(journal, case.id, TODAY).save(journal, tmp_path / "c.pdf", inzage=False)
    i18n.set_language("en")
    session = Session()
    session.adopt(journal)
    dialog = ActivityDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    texts = shown_texts(dialog)
    assert dialog.windowTitle() == "Activity log"
    for expected in ("When", "What", "Case", "Template", "Detail", "Close"):
        assert expected in texts, expected
    assert not dutch_in(texts), dutch_in(texts)
    # the stored log line is shown as kept (Dutch)
    assert dialog.model.data(dialog.model.index(0, 4)) == "archief"
    dialog.reject()
