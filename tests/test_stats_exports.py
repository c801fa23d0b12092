"""The yearly report exports (CSV, JSON, PDF) from hand-made Publications.

The critical rule: ``Cell.count`` (and ``Cell.previous``, ``Cell.reason``,
``Publication.review``) never reach an export. Proved three ways: distinctive true counts
behind "<5" are absent from the output; the output does not change at all when every true
count is replaced; and the export modules never read those attributes (AST check).
"""

from __future__ import annotations

import ast
import csv
import dataclasses
import io
import json
import os
import re
import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from pypdf import PdfReader
from reportlab.graphics.shapes import Group, Rect, Shape, String

from vp_desktop.pdf import annual_report
from vp_desktop.pdf.annual_report import render_annual_report
from vp_desktop.stats import export_csv, export_json
from vp_desktop.stats.export_csv import publication_csv
from vp_desktop.stats.export_json import publication_json
from vp_desktop.stats.tables import Cell, Publication, Table

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_PATH = ROOT / "resources" / "schemas" / "jaarverslag.schema.json"
MADE_ON = date(2027, 2, 15)

NARRATIVE = (
    "Het aantal meldingen is ten opzichte van vorig jaar gestegen. Dat past bij de "
    "voorlichting in het voorjaar: meer medewerkers weten de vertrouwenspersoon te vinden.\n\n"
    "Opvallend is het aandeel meldingen over werkdruk en de omgang met leidinggevenden. "
    "Het signaal is dat gesprekken over verwachtingen en taakverdeling vaak te laat worden "
    "gevoerd; meldingen komen dan pas binnen als de verhoudingen al onder druk staan.\n\n"
    "Advies aan het managementteam: investeer in het gesprek over omgangsvormen in de teams, "
    "maak de rol van de vertrouwenspersoon bekend bij nieuwe medewerkers en bespreek dit "
    "verslag ook met de ondernemingsraad."
)


def c(key, label, count, shown=None, *, hidden=None, reason="", previous=None, previous_shown=""):
    """A cell; ``shown`` defaults to the count, or "<5" for 1–4."""
    if shown is None:
        shown = "<5" if 0 < count < 5 else str(count)
    if hidden is None:
        hidden = shown.startswith("<")
    return Cell(key, label, count, shown, hidden, reason, previous, previous_shown)


def merged(key, label, count):
    return Cell(key, label, count, "", False, "samengevoegd in 'Integriteit (alle thema's)'")


def sample_publication() -> Publication:
    """A mid-size municipality: 41 meldingen, hidden cells, a merged row, T7 omitted."""
    t1 = Table(
        "T1",
        "Meldingen en contacten",
        (
            c("meldingen", "Meldingen (personen)", 41, previous=34, previous_shown="34"),
            c("contacten", "Contacten met melders", 118, previous=97, previous_shown="97"),
        ),
        footnotes=(
            "Een melder die in één jaar twee keer komt met een nieuwe vraag telt twee keer.",
        ),
    )
    t2 = Table(
        "T2",
        "Meldingen per categorie",
        (
            c("pesten", "Pesten", 9),
            c("seksuele_intimidatie", "Seksuele intimidatie", 2, reason="telt 1 tot k−1"),
            c("discriminatie", "Discriminatie", 3, reason="telt 1 tot k−1"),
            c("agressie_geweld", "Agressie en geweld", 0),
            c("intimidatie_bedreiging", "Intimidatie/bedreiging (overig)", 6),
            merged("omgaan_met_elkaar", "Omgaan met elkaar", 3),
            merged("beinvloeding_corruptie", "Beïnvloeding en corruptie", 1),
            merged("belangenverstrengeling", "Belangenverstrengeling", 2),
            merged("omgaan_met_informatie", "Omgaan met informatie", 1),
            c("integriteit", "Integriteit (alle thema's samen)", 7),
            c("vermoeden_misstand", "Vermoeden van een misstand (Wbk)", 1),
            c("arbeidsconflict", "Arbeidsconflict", 8),
            c("werkdruk", "Werkdruk", 11),
            c("prive", "Privéomstandigheden", 5),
            c("overig_anders", "Overige vraag", 2),
        ),
        total=c("totaal", "Aantal meldingen", 41),
        multi_count=True,
        footnotes=(
            "De acht integriteitsthema's zijn samengevoegd tot één rij: afzonderlijk waren ze "
            "te klein om te tonen.",
        ),
    )
    t3 = Table(
        "T3",
        "Relatie tot de beschuldigde",
        (
            c("collega", "Collega", 14),
            c("leidinggevende", "Leidinggevende", 12),
            c("hoger_management", "Hoger management/bestuur", 3),
            # secondary suppression: a count above k hidden so the total gives nothing away
            c("ondergeschikte", "Ondergeschikte", 6, "<5", hidden=True, reason="secundair"),
            c("extern_inwoner", "Extern: inwoner", 0),
            c("niet_van_toepassing", "Niet van toepassing", 6),
        ),
        total=c("totaal", "Totaal", 41),
    )
    t4 = Table(
        "T4",
        "Meldingen per domein",
        (
            c("ongewenst_gedrag", "Ongewenste omgangsvormen", 19),
            c("integriteit", "Integriteit", 7),
            c("misstand", "Vermoeden van een misstand", 1),
            c("overig", "Overig", 24),
        ),
        total=c("totaal", "Aantal meldingen", 41),
        multi_count=True,
    )
    t5 = Table(
        "T5",
        "Uitkomst of vervolg",
        (
            c("luisterend_oor", "Alleen luisterend oor", 13),
            c("informele_oplossing", "Informele oplossing", 11),
            c("formele_klacht_intern", "Formele klacht (intern)", 2),
            c("formele_klacht_lkog", "Formele klacht (LKOG)", 0),
            c("melding_misstand_intern", "Melding vermoeden misstand (intern)", 1),
            c("doorverwezen", "Doorverwezen", 8),
            c("ingetrokken", "Ingetrokken", 6, "<5", hidden=True, reason="secundair"),
        ),
        total=c("totaal", "Totaal", 41),
    )
    t6a = Table(
        "T6a",
        "Kanaal van het eerste contact",
        (
            c("persoonlijk", "Persoonlijk gesprek", 22),
            c("telefoon", "Telefoon", 9),
            c("video", "Videobellen", 5),
            c("email", "E-mail", 5),
            c("via_derde", "Via iemand anders", 0),
        ),
        total=c("totaal", "Totaal", 41),
    )
    t6b = Table(
        "T6b",
        "Contacten per melding",
        (
            c("contacten_1", "1 contact", 12),
            c("contacten_2_3", "2 of 3 contacten", 19),
            c("contacten_4_plus", "4 of meer contacten", 10),
        ),
        total=c("totaal", "Totaal", 41),
    )
    t6c = Table(
        "T6c",
        "Bestede tijd per melding",
        (
            c("tijd_tot_1u", "Minder dan 1 uur", 11),
            c("tijd_1_3u", "1 tot 3 uur", 18),
            c("tijd_3_plus", "3 uur of meer", 12),
        ),
        total=c("totaal", "Totaal", 41),
        footnotes=("Gemiddeld 2.5 uur per melding.",),
    )
    t7 = Table(
        "T7",
        "Geslacht van de melder",
        (c("vrouw", "Vrouw", 27), c("man", "Man", 12), c("anders", "Anders/zegt liever niet", 2)),
        omitted=True,
        omitted_reason="Niet elke groep telt ten minste 5 meldingen.",
    )
    return Publication(
        year=2026,
        organisation="Gemeente Ĳsselwaard",
        k=5,
        tables=(t1, t2, t3, t4, t5, t6a, t6b, t6c, t7),
        narrative=NARRATIVE,
        notes=("De cijfers gaan over meldingen die in 2026 zijn begonnen.",),
        review=("T2 seksuele_intimidatie: 2 (telt 1 tot k−1)", "T3 ondergeschikte: 6 (secundair)"),
    )


def tiny_publication() -> Publication:
    return Publication(
        year=2026,
        organisation="Gemeente Klein-Duimen",
        k=5,
        tables=(
            Table(
                "T1",
                "Meldingen en contacten",
                (
                    c("meldingen", "Meldingen (personen)", 3, previous=2, previous_shown="<5"),
                    c("contacten", "Contacten met melders", 9, previous=7, previous_shown="7"),
                ),
            ),
            Table("T2", "Meldingen per categorie", (c("pesten", "Pesten", 3),), multi_count=True),
            Table("T5", "Uitkomst of vervolg", (c("doorverwezen", "Doorverwezen", 3),)),
        ),
        narrative="Er waren weinig meldingen.\n\nAdvies: blijf de vertrouwenspersoon bekendmaken.",
        tiny=True,
    )


# Distinctive true counts: no published number, year, page number or footnote equals them.
SECRET_COUNTS = {"4713", "8291", "6047"}


def secret_publication() -> Publication:
    """Every hidden cell hides a count that appears nowhere else."""
    pub = sample_publication()
    secret = iter(sorted(SECRET_COUNTS) * 10)

    def hide(cell: Cell | None) -> Cell | None:
        if cell is None or not cell.hidden:
            return cell
        return dataclasses.replace(cell, count=int(next(secret)))

    tables = tuple(
        dataclasses.replace(t, cells=tuple(hide(x) for x in t.cells), total=hide(t.total))
        for t in pub.tables
    )
    return dataclasses.replace(pub, tables=tables)


def scrambled(pub: Publication) -> Publication:
    """The same publication with every non-published attribute changed."""

    def scramble(cell: Cell | None) -> Cell | None:
        if cell is None:
            return None
        return dataclasses.replace(
            cell,
            count=cell.count * 7 + 90001,
            previous=None if cell.previous is None else cell.previous + 5000,
            reason="GEHEIM " + cell.reason,
        )

    tables = tuple(
        dataclasses.replace(t, cells=tuple(scramble(x) for x in t.cells), total=scramble(t.total))
        for t in pub.tables
    )
    return dataclasses.replace(pub, tables=tables, review=("GEHEIM review", "99999"))


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


def block(rows: list[list[str]], table_id: str) -> list[list[str]]:
    """The rows of one table block: from its "id;title" row to the next empty row."""
    start = next(i for i, r in enumerate(rows) if r and r[0] == table_id)
    end = next(i for i in range(start, len(rows)) if not rows[i])
    return rows[start:end]


def pdf_text(pdf: bytes) -> str:
    return " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages
    )


def numeric_tokens(text: str) -> set[str]:
    return set(re.findall(r"(?<![0-9])[0-9]+(?![0-9])", text))


@pytest.fixture(scope="module")
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def sample_pdf() -> bytes:
    return render_annual_report(sample_publication(), made_on=MADE_ON)


# --------------------------------------------------------------------------- CSV


def test_csv_is_for_dutch_excel():
    data = publication_csv(sample_publication(), made_on=MADE_ON)
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    # Records end in CRLF; the only bare LFs are inside the quoted narrative cell.
    outside_quotes = re.sub(r'"(?:[^"]|"")*"', "", text)
    assert "\n" not in outside_quotes.replace("\r\n", "")
    assert "\r" not in outside_quotes.replace("\r\n", "")
    assert text.endswith("\r\n")
    assert ";" in text.splitlines()[0] and "," not in text.splitlines()[1]


def test_csv_header_block():
    rows = csv_rows(publication_csv(sample_publication(), made_on=MADE_ON))
    head = {r[0]: r[1] for r in rows[:5]}
    assert head == {
        "Titel": "Jaarverslag vertrouwenspersoon 2026",
        "Verslagjaar": "2026",
        "Organisatie": "Gemeente Ĳsselwaard",
        "Gemaakt op": "15 februari 2027",
        "Drempelwaarde (k)": "5",
    }
    notes = [r[1] for r in rows if r and r[0] == "Toelichting"]
    # the publication explains its own rules; the exporter says them once, not twice
    assert notes == list(dict.fromkeys(sample_publication().notes))
    assert "De cijfers gaan over meldingen die in 2026 zijn begonnen." in notes
    bare = replace(sample_publication(), notes=())
    standard = [r[1] for r in csv_rows(publication_csv(bare, made_on=MADE_ON))
                if r and r[0] == "Toelichting"]
    assert any("“<5”" in n for n in standard)
    assert any("afdeling, team of locatie" in n for n in standard)


def test_csv_tables_hold_shown_values():
    rows = csv_rows(publication_csv(sample_publication(), made_on=MADE_ON))
    t1 = block(rows, "T1")
    assert t1[0] == ["T1", "Meldingen en contacten"]
    assert t1[1] == ["Categorie", "Aantal", "Vorig jaar"]
    assert t1[2] == ["Meldingen (personen)", "41", "34"]
    assert t1[3] == ["Contacten met melders", "118", "97"]
    assert t1[4][0] == "Voetnoot"

    t2 = block(rows, "T2")
    assert t2[1] == ["Categorie", "Aantal"]
    values = {r[0]: r[1] for r in t2[2:] if r[0] != "Voetnoot"}
    assert values["Pesten"] == "9"
    assert values["Seksuele intimidatie"] == "<5"
    assert values["Discriminatie"] == "<5"
    assert values["Agressie en geweld"] == "0"
    assert values["Integriteit (alle thema's samen)"] == "7"
    assert values["Aantal meldingen"] == "41"  # the total row
    # merged-away rows are left out
    assert "Omgaan met elkaar" not in values and "Belangenverstrengeling" not in values
    footnotes = [r[1] for r in t2 if r[0] == "Voetnoot"]
    assert any("samengevoegd" in f for f in footnotes)
    assert any("meer dan één rij" in f for f in footnotes)  # multi-count note added

    t3 = {r[0]: r[1] for r in block(rows, "T3")[2:]}
    assert t3["Ondergeschikte"] == "<5"  # secondary suppression: count 6, shown "<5"
    assert t3["Totaal"] == "41"

    assert block(rows, "T7") == [
        ["T7", "Geslacht van de melder"],
        ["Niet gepubliceerd", "Niet elke groep telt ten minste 5 meldingen."],
    ]


def test_csv_decimal_comma_and_narrative_last():
    rows = csv_rows(publication_csv(sample_publication(), made_on=MADE_ON))
    assert ["Voetnoot", "Gemiddeld 2.5 uur per melding."] in rows  # text stays text
    pub = sample_publication()
    t6c = dataclasses.replace(pub.tables[7], cells=(c("gemiddeld", "Gemiddelde uren", 3, "2.5"),))
    rows2 = csv_rows(publication_csv(dataclasses.replace(pub, tables=(t6c,))))
    assert ["Gemiddelde uren", "2,5"] in rows2
    assert rows[-2] == ["Trends, signalen en advies"]
    assert rows[-1] == [NARRATIVE]


def test_csv_guards_against_formulas():
    pub = dataclasses.replace(sample_publication(), narrative='=HYPERLINK("x")\n\n- punt')
    rows = csv_rows(publication_csv(pub))
    assert rows[-1] == ['\'=HYPERLINK("x")\n\n- punt']


def test_csv_tiny_has_only_the_total():
    rows = csv_rows(publication_csv(tiny_publication(), made_on=MADE_ON))
    assert block(rows, "T1") == [
        ["T1", "Meldingen en contacten"],
        ["Categorie", "Aantal"],
        ["Meldingen (personen)", "<5"],
    ]
    assert block(rows, "T2")[1][0] == "Niet gepubliceerd"
    assert block(rows, "T5")[1][0] == "Niet gepubliceerd"
    notes = [r[1] for r in rows if r and r[0] == "Toelichting"]
    assert any("alleen het totaal" in n for n in notes)
    assert "Contacten met melders" not in {r[0] for r in rows if r}
    assert rows[-1][0].startswith("Er waren weinig meldingen.")


# --------------------------------------------------------------------------- JSON


def test_json_validates_and_round_trips(schema):
    pub = sample_publication()
    data = publication_json(pub, made_on=MADE_ON)
    doc = json.loads(data.decode("utf-8"))
    Draft202012Validator(schema).validate(doc)
    assert doc["format"] == "vp-desktop-jaarverslag" and doc["version"] == 1
    assert (doc["year"], doc["k"], doc["created"]) == (2026, 5, "2027-02-15")
    assert doc["organisation"] == "Gemeente Ĳsselwaard"
    assert doc["narrative"] == NARRATIVE
    by_id = {t["id"]: t for t in doc["tables"]}
    assert list(by_id) == [t.id for t in pub.tables]
    for table in pub.tables:
        out = by_id[table.id]
        assert out["title"] == table.title and out["omitted"] == table.omitted
        if table.omitted:
            assert "rows" not in out and out["omitted_reason"] == table.omitted_reason
            continue
        assert [r["key"] for r in out["rows"]] == [x.key for x in table.cells]
        for row, cell in zip(out["rows"], table.cells, strict=True):
            assert row["value"] == cell.shown
            assert row["hidden"] is cell.hidden
            assert row["merged"] is (cell.shown == "")
        if table.total:
            assert out["total"]["value"] == table.total.shown
    t1 = by_id["T1"]
    assert t1["has_previous"] is True
    assert [(r["value"], r["previous"]) for r in t1["rows"]] == [("41", "34"), ("118", "97")]
    assert "previous" not in by_id["T2"]["rows"][0]


def test_json_format_is_stable():
    data = publication_json(sample_publication(), made_on=MADE_ON)
    text = data.decode("utf-8")
    assert text.startswith('{\n  "created": "2027-02-15",')  # sorted keys, 2-space indent
    assert "Ĳsselwaard" in text  # real UTF-8, not \u escapes
    assert text.endswith("}\n")
    assert data == publication_json(sample_publication(), made_on=MADE_ON)


def test_json_tiny_validates(schema):
    doc = json.loads(publication_json(tiny_publication(), made_on=MADE_ON))
    Draft202012Validator(schema).validate(doc)
    assert doc["tiny"] is True
    t1, t2, t5 = doc["tables"]
    assert [r["value"] for r in t1["rows"]] == ["<5"] and t1["has_previous"] is False
    assert t2["omitted"] and t5["omitted"]
    assert any("alleen het totaal" in n for n in doc["notes"])


def test_schema_rejects_a_true_count_behind_hidden(schema):
    doc = json.loads(publication_json(sample_publication(), made_on=MADE_ON))
    doc["tables"][1]["rows"][1]["value"] = "2"  # hidden but a number
    assert not Draft202012Validator(schema).is_valid(doc)


# --------------------------------------------------------------------------- PDF


def test_pdf_holds_labels_shown_values_and_narrative(sample_pdf):
    text = pdf_text(sample_pdf)
    assert "Jaarverslag vertrouwenspersoon 2026" in text
    assert "Gemeente Ĳsselwaard" in text
    assert "15 februari 2027" in text
    assert "Over dit verslag" in text
    assert "afdeling, team of locatie" in text
    for label, value in [
        ("Meldingen (personen)", "41 34 +7"),
        ("Contacten met melders", "118 97 +21"),
        ("Pesten", "9"),
        ("Seksuele intimidatie", "<5"),
        ("Discriminatie", "<5"),
        ("Integriteit (alle thema's samen)", "7"),
        ("Ondergeschikte", "<5"),
        ("Werkdruk", "11"),
        ("Ingetrokken", "<5"),
        ("Doorverwezen", "8"),
    ]:
        assert f"{label} {value}" in text, label
    assert "Omgaan met elkaar" not in text  # merged away
    assert "Tabel 7. Geslacht van de melder" in text
    assert "Niet elke groep telt ten minste 5 meldingen." in text
    assert "Figuur 1. Meldingen per categorie" in text and "Figuur 2. Uitkomst" in text
    assert "Trends, signalen en advies" in text
    for paragraph in NARRATIVE.split("\n\n"):
        assert " ".join(paragraph.split()) in text
    assert "VERTROUWELIJK" in text and "Pagina 1 van" in text


def test_pdf_tiny_has_only_total_narrative_and_explanation():
    text = pdf_text(render_annual_report(tiny_publication(), made_on=MADE_ON))
    assert "Meldingen (personen) <5" in text
    assert "alleen het totaal" in text
    assert "Er waren weinig meldingen." in text and "blijf de vertrouwenspersoon" in text
    for absent in ("Contacten met melders", "Pesten", "Doorverwezen", "Tabel", "Figuur", "2025"):
        assert absent not in text, absent


def flatten(node):
    """Every primitive shape of a drawing, widgets (chart, labels) drawn out."""
    if isinstance(node, Group):
        for child in node.contents:
            yield from flatten(child)
    elif isinstance(node, Shape):
        yield node
    else:
        yield from flatten(node.draw())


def test_charts_draw_no_bar_for_hidden_values():
    view = export_json.published_view(sample_publication())
    t5 = next(t for t in view.tables if t.id == "T5")
    rows = annual_report._chart_rows(t5)
    assert [r.label for r in rows] == [
        "Alleen luisterend oor",
        "Informele oplossing",
        "Formele klacht (intern)",
        "Melding vermoeden misstand (intern)",  # "Formele klacht (LKOG)" = 0: no row
        "Doorverwezen",
        "Ingetrokken",
    ]
    drawing = annual_report.bar_chart(rows, 5)
    assert drawing.contents[0].data == [[13, 11, None, None, 8, None]]
    shapes = list(flatten(drawing))
    bars = [x for x in shapes if isinstance(x, Rect) and x.fillColor == annual_report.BAR]
    assert sorted(round(b.width, 1) for b in bars) == sorted(
        round(v / 15 * drawing.contents[0].width, 1) for v in (13, 11, 8)
    )
    texts = [x.text for x in shapes if isinstance(x, String)]
    assert texts.count("<5") == 3
    assert {"13", "11", "8"} <= set(texts)
    assert not {"2", "1", "6"} & set(texts)  # the true counts behind "<5"


# --------------------------------------------------------------------------- the rule


def test_true_hidden_counts_appear_nowhere(schema):
    pub = secret_publication()
    outputs = {
        "csv": publication_csv(pub, made_on=MADE_ON).decode("utf-8-sig"),
        "json": publication_json(pub, made_on=MADE_ON).decode("utf-8"),
        "pdf": pdf_text(render_annual_report(pub, made_on=MADE_ON)),
    }
    hidden = [x for t in pub.tables for x in t.cells if x.hidden]
    assert {str(x.count) for x in hidden} <= SECRET_COUNTS and len(hidden) >= 6
    for name, text in outputs.items():
        assert not SECRET_COUNTS & numeric_tokens(text), name
        assert "GEHEIM" not in text and "secundair" not in text, name
    # primary hidden cells with small true counts: the row shows "<5", never "2" or "3"
    rows = csv_rows(publication_csv(sample_publication()))
    t2 = {r[0]: r[1] for r in block(rows, "T2")}
    assert (t2["Seksuele intimidatie"], t2["Discriminatie"]) == ("<5", "<5")


def test_exports_do_not_depend_on_true_counts():
    pub = sample_publication()
    other = scrambled(pub)
    assert publication_csv(pub, made_on=MADE_ON) == publication_csv(other, made_on=MADE_ON)
    assert publication_json(pub, made_on=MADE_ON) == publication_json(other, made_on=MADE_ON)
    assert pdf_text(render_annual_report(pub, made_on=MADE_ON)) == pdf_text(
        render_annual_report(other, made_on=MADE_ON)
    )
    tiny = tiny_publication()
    assert publication_csv(tiny, made_on=MADE_ON) == publication_csv(
        scrambled(tiny), made_on=MADE_ON
    )


@pytest.mark.parametrize("module", [export_json, export_csv, annual_report])
def test_export_code_never_reads_true_counts(module):
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    read = {
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load)
    }
    assert not read & {"count", "previous", "reason", "review"}


# --------------------------------------------------------------------------- files, time


def test_rendering_writes_no_files(monkeypatch, tmp_path, private_tempdir):
    monkeypatch.chdir(tmp_path)
    tmp = Path(tempfile.gettempdir())
    before = set(os.listdir(tmp)), set(os.listdir(tmp_path))
    pub = sample_publication()
    render_annual_report(pub, made_on=MADE_ON)
    render_annual_report(tiny_publication(), made_on=MADE_ON)
    publication_csv(pub)
    publication_json(pub)
    assert (set(os.listdir(tmp)), set(os.listdir(tmp_path))) == before
