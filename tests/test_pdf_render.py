"""The PDF renderers: real PDFs, read back with pypdf."""

from __future__ import annotations

import builtins
import io
import os
import sys
import tempfile
from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from vp_desktop.dutch import format_date_nl
from vp_desktop.letters.document import (
    CaseReportDocument,
    LetterDocument,
    ReportEntry,
    ReportField,
    ReportSection,
)
from vp_desktop.pdf.case_report import render_case_report
from vp_desktop.pdf.fonts import fonts_dir
from vp_desktop.pdf.letter import render_letter
from vp_desktop.pdf.page import escape_markup, split_paragraphs
from vp_desktop.resources import resources_dir

INJECTIONS = (
    "<b>niet vet</b>",
    "&amp; blijft &amp;",
    '<font name="x">geen font</font>',
    "]]> einde",
    "een losse < zonder einde",
    "a > b & c < d",
    "<br/> en <para> en &#x41; en &nbsp;",
)


def pdf_pages(pdf: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def pdf_text(pdf: bytes) -> str:
    return " ".join(pdf_pages(pdf))


def norm(text: str) -> str:
    return " ".join(text.split())


def letter(**changes) -> LetterDocument:
    values = dict(
        sender_lines=(
            "Ĳsbrand van der Meer",
            "Vertrouwenspersoon",
            "Gemeente Ĳsselstein",
            "Postbus 26",
            "3400 AA Ĳsselstein",
        ),
        recipient_lines=("Mevrouw A. Kővári-Çelik", "Dorpsstraat 1", "3401 AB Ĳsselstein"),
        date_line="23 november 2026",
        subject="Verslag van ons gesprek",
        body=(
            "Beste mevrouw Kővári,\n\n"
            "Dank voor ons gesprek. De eigen bijdrage is € 50.\n"
            "Dit staat op een nieuwe regel.\n\n"
            "Een derde alinea over ideeën, Ĳmuiden en Şişli."
        ),
        signature_lines=("Ĳsbrand van der Meer", "Vertrouwenspersoon"),
        reference="Ons kenmerk: VP 2026-014",
    )
    values.update(changes)
    return LetterDocument(**values)


def long_body(paragraphs: int) -> str:
    sentence = "Dit is een zin om de brief over meer dan één pagina te laten lopen. "
    return "\n\n".join(f"Alinea {i}. " + sentence * 4 for i in range(paragraphs))


def case_report(consultations: int = 3, **changes) -> CaseReportDocument:
    values = dict(
        title="Dossieroverzicht 2026-014",
        subtitle="Gemaakt op 23 november 2026 voor de eigen administratie",
        sections=(
            ReportSection(
                "Gegevens",
                fields=(
                    ReportField("Dossiernummer", "2026-014"),
                    ReportField("Melder", "Mevrouw A. Kővári-Çelik"),
                    ReportField("Categorieën", "Pesten; Integriteit: omgaan met elkaar " * 5),
                    ReportField("Vernietigen na", ""),
                ),
            ),
            ReportSection("Samenvatting", paragraphs=("Eerste alinea.\n\nTweede alinea.",)),
        ),
        consultations=tuple(
            ReportEntry(
                f"Gesprek {i + 1:02d} · 12-03-2026 10:00 · Telefoon · 45 min",
                (f"Aantekening bij gesprek {i + 1}.\nTweede regel.", "Afspraak: terugbellen."),
            )
            for i in range(consultations)
        ),
        follow_ups=(ReportEntry("26-11-2026 · Terugbellen", ("Melder bellen over besluit.",)),),
        footer_note="Namen van derden zijn weggelaten.",
        sender_lines=("Ĳsbrand van der Meer", "Vertrouwenspersoon"),
    )
    values.update(changes)
    return CaseReportDocument(**values)


# --------------------------------------------------------------------------- helpers


def test_format_date_nl():
    assert format_date_nl(date(2026, 11, 23)) == "23 november 2026"
    assert format_date_nl(date(2027, 1, 5)) == "5 januari 2027"
    assert format_date_nl(datetime(2026, 3, 1, 10, 0)) == "1 maart 2026"


def test_escape_markup_and_paragraph_split():
    assert escape_markup("a < b & c > d\ne") == "a &lt; b &amp; c &gt; d<br/>e"
    assert split_paragraphs("een\ntwee\n\n  \n\ndrie\r\n\r\nvier\n") == [
        "een\ntwee",
        "drie",
        "vier",
    ]
    assert split_paragraphs("  \n ") == []


def test_resources_dir_source_and_bundle(monkeypatch, tmp_path):
    assert (resources_dir() / "fonts" / "DejaVuSans.ttf").is_file()
    assert fonts_dir() == resources_dir() / "fonts"
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources_dir() == tmp_path / "resources"


# --------------------------------------------------------------------------- letter


def test_letter_shows_every_field():
    doc = letter()
    text = pdf_text(render_letter(doc))
    for line in (*doc.sender_lines, *doc.recipient_lines, *doc.closing_lines):
        assert norm(line) in text
    for line in doc.signature_lines:
        assert norm(line) in text
    for block in split_paragraphs(doc.body):
        assert norm(block) in text
    assert doc.date_line in text
    assert doc.subject in text
    assert "Ons kenmerk" in text
    assert "VP 2026-014" in text
    assert "Ons kenmerk: VP" not in text  # the label is not printed twice
    assert "Betreft" in text and "Datum" in text


def test_letter_special_characters_round_trip_with_embedded_font():
    pdf = render_letter(letter())
    text = pdf_text(pdf)
    for word in ("Ĳsselstein", "Kővári-Çelik", "€ 50", "ideeën", "Ĳmuiden", "Şişli"):
        assert word in text
    assert_fonts_embedded(pdf)


def assert_fonts_embedded(pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(pdf))
    seen = set()
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"].get_object()
        for ref in fonts.values():
            font = ref.get_object()
            base = str(font["/BaseFont"])
            seen.add(base)
            assert "Helvetica" not in base
            descriptor = font
            if "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object()
            descriptor = descriptor["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, f"{base} is not embedded"
    assert any("DejaVuSans" in name for name in seen)


def test_long_letter_has_page_numbers_and_no_letterhead_after_page_one():
    doc = letter(body=long_body(10))
    pages = pdf_pages(render_letter(doc))
    assert len(pages) == 2
    assert "Pagina 1 van 2" in pages[0]
    assert "Pagina 2 van 2" in pages[1]
    assert "Gemeente Ĳsselstein" in pages[0]
    assert "Gemeente Ĳsselstein" not in pages[1]
    assert "Dorpsstraat 1" not in pages[1]
    assert "Gemaakt met VP Desktop" in pages[1]
    assert "VP 2026-014" in pages[1]  # running reference in the header
    assert "Met vriendelijke groet," in pages[1]


def test_very_long_letter():
    pages = pdf_pages(render_letter(letter(body=long_body(60), recipient_lines=())))
    total = len(pages)
    assert total >= 4
    for number, page in enumerate(pages, start=1):
        assert f"Pagina {number} van {total}" in page
    assert "Alinea 59." in pages[-1]


@pytest.mark.parametrize("confidential", [True, False])
def test_confidential_mark_on_every_page(confidential):
    letter_pages = pdf_pages(render_letter(letter(body=long_body(20), confidential=confidential)))
    report_pages = pdf_pages(render_case_report(case_report(30, confidential=confidential)))
    assert len(letter_pages) > 1 and len(report_pages) > 1
    for page in letter_pages + report_pages:
        assert ("VERTROUWELIJK" in page) is confidential


def test_confidential_letter_marks_the_envelope_window():
    assert "Persoonlijk en vertrouwelijk" in pdf_text(render_letter(letter()))
    assert "vertrouwelijk" not in pdf_text(render_letter(letter(confidential=False))).lower()


def test_letter_without_optional_parts():
    doc = letter(
        recipient_lines=(),
        reference="",
        signature_lines=(),
        closing_lines=(),
        body="",
        confidential=False,
    )
    text = pdf_text(render_letter(doc))
    assert "23 november 2026" in text
    assert "Ons kenmerk" not in text


def test_bare_reference_gets_default_label_and_custom_label_is_kept():
    assert "Ons kenmerk VP-7" in pdf_text(render_letter(letter(reference="VP-7")))
    assert "Uw kenmerk ABC/1" in pdf_text(render_letter(letter(reference="Uw kenmerk: ABC/1")))


def test_many_recipient_lines_do_not_overlap_the_body():
    lines = tuple(f"Adresregel {i}" for i in range(14))
    pages = pdf_pages(render_letter(letter(recipient_lines=lines)))
    for line in lines:
        assert line in pages[0]


@pytest.mark.parametrize("injection", INJECTIONS)
def test_markup_in_letter_text_is_shown_literally(injection):
    doc = letter(
        sender_lines=(injection,),
        recipient_lines=(injection,),
        date_line=injection,
        subject=injection,
        body=f"{injection}\n\nVoor {injection} na",
        reference=injection,
        closing_lines=(injection,),
        signature_lines=(injection,),
    )
    text = pdf_text(render_letter(doc))
    assert text.count(norm(injection)) >= 7
    assert f"Voor {norm(injection)} na" in text


@pytest.mark.parametrize("injection", INJECTIONS)
def test_markup_in_case_report_text_is_shown_literally(injection):
    doc = CaseReportDocument(
        title=injection,
        subtitle=injection,
        sections=(
            ReportSection(
                injection, fields=(ReportField(injection, injection),), paragraphs=(injection,)
            ),
        ),
        consultations=(ReportEntry(injection, (injection,)),),
        follow_ups=(ReportEntry(injection, (injection,)),),
        footer_note=injection,
        sender_lines=(injection,),
    )
    text = pdf_text(render_case_report(doc))
    assert text.count(norm(injection)) >= 11


def test_control_characters_and_odd_unicode_never_raise():
    body = "nul\x00 bel\x07 surrogaat \ud800 emoji 😀 rtl שלום tab\tvf\x0b cr\r\nlf"
    text = pdf_text(render_letter(letter(body=body)))
    assert "nul bel" in text
    assert "cr lf" in text


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_arbitrary_text_never_raises(text):
    render_letter(letter(subject=text, body=text, recipient_lines=(text,)))
    render_case_report(
        CaseReportDocument(
            title=text,
            subtitle=text,
            sections=(ReportSection(text, fields=(ReportField(text, text),)),),
            consultations=(ReportEntry(text, (text,)),),
        )
    )


# --------------------------------------------------------------------------- case report


def test_case_report_shows_every_field():
    doc = case_report()
    pdf = render_case_report(doc)
    text = pdf_text(pdf)
    for value in (doc.title, doc.subtitle, doc.footer_note, *doc.sender_lines):
        assert norm(value) in text
    for section in doc.sections:
        assert section.heading in text
        for field in section.fields:
            assert norm(field.label) in text
            assert norm(field.value) in text
        for block in section.paragraphs:
            for part in split_paragraphs(block):
                assert norm(part) in text
    assert "Gesprekken" in text and "Vervolgstappen" in text
    for entry in doc.consultations + doc.follow_ups:
        assert norm(entry.heading) in text
        for block in entry.paragraphs:
            assert norm(block) in text
    assert "—" in text  # the empty field
    assert "Ĳsbrand" in text and "Kővári" in text
    assert_fonts_embedded(pdf)


def test_case_report_without_entries_says_so():
    text = pdf_text(render_case_report(case_report(0, follow_ups=())))
    assert "Geen gesprekken vastgelegd." in text
    assert "Geen vervolgstappen vastgelegd." in text


def test_case_report_field_longer_than_a_page_splits():
    doc = case_report(
        0,
        sections=(
            ReportSection(
                "Gegevens",
                fields=(ReportField("Heel lang", "woord " * 2500), ReportField("Daarna", "klaar")),
            ),
        ),
    )
    pages = pdf_pages(render_case_report(doc))
    assert len(pages) >= 3
    assert "woord woord" in pages[0]  # starts on page 1, not pushed to page 2
    assert "klaar" in " ".join(pages)


def test_fifty_consultations_render_with_every_heading():
    pdf = render_case_report(case_report(50))
    pages = pdf_pages(pdf)
    text = " ".join(pages)
    for i in range(1, 51):
        assert f"Gesprek {i:02d} · 12-03-2026 10:00 · Telefoon · 45 min" in text
    total = len(pages)
    assert f"Pagina {total} van {total}" in pages[-1]


# --------------------------------------------------------------------------- no files


def test_rendering_writes_no_file(tmp_path, monkeypatch):
    work = tmp_path / "cwd"
    temp = tmp_path / "temp"
    work.mkdir()
    temp.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    written: list[str] = []
    real_open = builtins.open

    def watching_open(file, mode="r", *args, **kwargs):
        if any(flag in mode for flag in "wax+"):
            written.append(str(file))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", watching_open)
    before = (sorted(os.listdir(tempfile.gettempdir())), sorted(os.listdir(os.getcwd())))

    letter_pdf = render_letter(letter(body=long_body(12)))
    report_pdf = render_case_report(case_report(10))

    after = (sorted(os.listdir(tempfile.gettempdir())), sorted(os.listdir(os.getcwd())))
    assert after == before == ([], [])
    assert written == []
    assert letter_pdf.startswith(b"%PDF-") and report_pdf.startswith(b"%PDF-")
