"""The jaarverslag in English (issue 11): the same publication in two document languages —
only the wording differs — the vocabulary's labels, the window's Documenttaal choice and the
command line's --document-lang. Real journals in tmp_path, real PDFs read back with pypdf."""

from __future__ import annotations

import io
import json
import re
from collections import Counter
from datetime import date

import pytest
from clirun import run_main
from pypdf import PdfReader
from PySide6.QtWidgets import QAbstractButton, QComboBox, QGroupBox, QLabel, QPlainTextEdit
from test_mnemonics import clashes

from vp_desktop import i18n
from vp_desktop.domain import vocabulary
from vp_desktop.domain.vocabulary import (
    CATEGORIES,
    DOMAINS,
    OUTCOMES,
    REFERRAL_DESTINATIONS,
    Vocabulary,
)
from vp_desktop.interchange.demo_data import create_demo_journal
from vp_desktop.pdf.annual_report import render_annual_report
from vp_desktop.services.annual import (
    build_publication,
    export_publication,
    narrative_refusal,
)
from vp_desktop.services.errors import ServiceError
from vp_desktop.stats.export_csv import publication_csv
from vp_desktop.stats.export_json import publication_dict
from vp_desktop.storage.journal import Journal

from conftest import PASSPHRASE
from test_ui import open_window, unlock_with_keyboard

YEAR = 2025
MADE_ON = date(2026, 3, 2)
NARRATIVE_EN = "Workload remains the main signal this year."
# Dutch words that must not appear in an English jaarverslag (lower case, whole words).
DUTCH = {
    "de", "het", "een", "van", "en", "niet", "geen", "naar", "met", "bij", "tot", "voor",
    "zijn", "wordt", "worden", "telt", "dit", "deze", "alleen", "uur", "jaar", "vorig",
    "melding", "meldingen", "dossier", "dossiers", "jaarverslag", "vertrouwenspersoon",
    "tabel", "aantal", "aantallen", "totaal", "verborgen", "categorie", "uitkomst", "kanaal",
    "geslacht", "onbekend", "overig", "leidinggevende", "collega", "pagina", "gemaakt",
    "organisatie", "ongewenste", "omgangsvormen", "pesten", "vertrouwelijk", "verschil",
    "toelichting", "figuur", "staaf", "contactmomenten", "werkdruk", "integriteit",
    "misstand", "verslagjaar", "opgesteld", "bestemd", "geanonimiseerd", "verslag",
    "telefoon", "vrouw", "gepubliceerd", "omdat", "waarin", "zou", "elke", "ook",
}
# Proper names that stay Dutch in English text.
PROPER_NAMES = ("Huis voor Klokkenluiders", "Centrum Seksueel Geweld", "Veilig Thuis", "LKOG",
                "VP Desktop")


def dutch_words(text: str, allowed: tuple[str, ...] = ()) -> set[str]:
    for name in (*PROPER_NAMES, *allowed):
        text = text.replace(name, " ")
    return {w for w in re.findall(r"[a-zà-ÿ]+", text.lower()) if w in DUTCH}


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def numbers(text: str) -> Counter:
    """Every number of the text, page numbering left out ("Pagina 1 van 3", "Page 1 of 3")."""
    text = re.sub(r"(Pagina|Page) \d+ (van|of) \d+", " ", text)
    # the running header from page 2 on: one more in a language that takes one more page
    text = re.sub(r"(Jaarverslag vertrouwenspersoon|Confidential adviser annual report) \d{4} "
                  r"·[^\n]*", " ", text)
    return Counter(re.findall(r"<?\d+", text))


def shape(pub) -> list:
    """Everything a publication shows that is not wording: ids, keys, values, what is hidden."""
    return [(t.id, t.omitted, [(c.key, c.shown, c.hidden, c.previous_shown) for c in t.cells],
             (t.total.key, t.total.shown) if t.total else None, len(t.footnotes))
            for t in pub.tables] + [pub.k, pub.tiny, len(pub.notes)]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("annual_en") / "demo.vpj"
    create_demo_journal(path, PASSPHRASE, cases=120, seed=3, today=date(2026, 11, 23))
    with Journal.open(path, PASSPHRASE) as journal:
        counts = {o.name: len(journal.statistics_records(year=YEAR, organisation_id=o.id))
                  for o in journal.organisations()}
    return path, counts


@pytest.fixture(scope="module")
def both(demo):
    """The nl and en publication (and PDF) of the organisation with the most cases."""
    path, counts = demo
    with Journal.open(path, PASSPHRASE) as journal:
        org = next(o for o in journal.organisations() if o.name == max(counts, key=counts.get))
        pubs = {lang: build_publication(journal, year=YEAR, organisation=org, k=5,
                                        narrative=NARRATIVE_EN, lang=lang)
                for lang in ("nl", "en")}
    pdfs = {lang: render_annual_report(pub, made_on=MADE_ON) for lang, pub in pubs.items()}
    return org, pubs, pdfs


# --- the vocabulary ------------------------------------------------------------------------

def test_every_label_of_the_vocabulary_has_an_english_label_and_codes_stay():
    english = i18n.translator("en")
    vocabularies = [v for v in vars(vocabulary).values() if isinstance(v, Vocabulary)]
    assert len(vocabularies) >= 12
    untranslated = []
    for vocab in vocabularies:
        for term in (*vocab.terms, *vocab.extra):
            if english.gettext(term.label) == term.label and not re.fullmatch(
                    r"[\d–]+|LKOG|Huis voor Klokkenluiders|Open|Man|Export|Import|Mediator",
                    term.label):
                untranslated.append(term.label)
    assert not untranslated
    assert CATEGORIES.label("pesten", "en") == "Bullying"
    assert CATEGORIES.label("pesten") == "Pesten"  # documents: Dutch by default
    assert DOMAINS.label("ongewenst_gedrag", "en") == "Undesirable behaviour"
    assert REFERRAL_DESTINATIONS.label("bedrijfsarts", "en").startswith("Company doctor")
    assert OUTCOMES.label("melding_hvk", "en") == "Report to the Huis voor Klokkenluiders"
    assert "pesten" in CATEGORIES.codes()  # the codes are untouched
    i18n.set_language("en")
    assert CATEGORIES.text("seksuele_intimidatie") == "Sexual harassment"
    assert vocabulary.short_category_label("agressie_geweld") == "Aggression"


# --- one publication, two languages -----------------------------------------------------

def test_the_english_publication_has_the_same_numbers_as_the_dutch(both):
    _org, pubs, pdfs = both
    assert (pubs["nl"].lang, pubs["en"].lang) == ("nl", "en")
    assert shape(pubs["nl"]) == shape(pubs["en"])
    assert any(c.hidden for t in pubs["nl"].tables for c in t.cells)  # suppression in play
    nl, en = pdf_text(pdfs["nl"]), pdf_text(pdfs["en"])
    assert numbers(nl) == numbers(en)
    assert "Jaarverslag vertrouwenspersoon 2025" in nl and "Meldingen per categorie" in nl
    assert "Confidential adviser annual report 2025" in en
    assert "Cases by category" in en and "About this report" in en and "2 March 2026" in en
    assert "Bullying" in en and "Trends, signals and advice" in en


def test_the_english_pdf_has_no_dutch_words(both):
    org, _pubs, pdfs = both
    text = pdf_text(pdfs["en"])
    assert not dutch_words(text, (org.name,)), dutch_words(text, (org.name,))
    assert dutch_words(pdf_text(pdfs["nl"]), (org.name,)) >= {"meldingen", "het", "een"}


def test_a_tiny_publication_in_english(tmp_path):
    path = tmp_path / "klein.vpj"
    create_demo_journal(path, PASSPHRASE, cases=60, seed=5, today=date(2026, 11, 23))
    with Journal.open(path, PASSPHRASE) as journal:
        org = min((o for o in journal.organisations()
                   if journal.statistics_records(year=YEAR, organisation_id=o.id)),
                  key=lambda o: len(journal.statistics_records(year=YEAR, organisation_id=o.id)))
        pubs = {lang: build_publication(journal, year=YEAR, organisation=org, k=10,
                                        narrative="", lang=lang) for lang in ("nl", "en")}
    assert pubs["en"].tiny and shape(pubs["nl"]) == shape(pubs["en"])
    en = pdf_text(render_annual_report(pubs["en"], made_on=MADE_ON))
    nl = pdf_text(render_annual_report(pubs["nl"], made_on=MADE_ON))
    assert numbers(nl) == numbers(en)
    assert "fewer than 10 cases" in en and "The confidential adviser has added no comments" in en
    assert not dutch_words(en, (org.name,)), dutch_words(en, (org.name,))


def test_machine_formats_keep_keys_and_codes_only_the_wording_differs(both):
    _org, pubs, _pdfs = both
    nl, en = (publication_dict(pubs[lang], made_on=MADE_ON) for lang in ("nl", "en"))

    def skeleton(doc):
        return [(t["id"], t["omitted"], [(r["key"], r["value"], r["hidden"])
                                         for r in t.get("rows", [])]) for t in doc["tables"]]

    assert sorted(nl) == sorted(en) and nl["format"] == en["format"]
    assert skeleton(nl) == skeleton(en)
    assert en["title"] == "Confidential adviser annual report 2025"
    labels = {r["key"]: r["label"] for t in en["tables"] for r in t.get("rows", [])}
    assert labels["pesten"] == "Bullying"
    csv_en = publication_csv(pubs["en"], made_on=MADE_ON).decode("utf-8-sig")
    csv_nl = publication_csv(pubs["nl"], made_on=MADE_ON).decode("utf-8-sig")
    assert csv_en.startswith("Title;Confidential adviser annual report 2025\r\n")
    assert csv_en.count(";") == csv_nl.count(";") and csv_en.count("\r\n") == csv_nl.count("\r\n")
    assert "Reporting year;2025" in csv_en and "Made on;2 March 2026" in csv_en
    assert not dutch_words(csv_en)
    assert json.loads(json.dumps(en))  # still plain JSON


# --- the service: log line, refusals ---------------------------------------------------

def test_the_log_line_stays_dutch_and_names_the_language(both, demo, tmp_path):
    path, _counts = demo
    _org, pubs, _pdfs = both
    i18n.set_language("en")
    with Journal.open(path, PASSPHRASE) as journal:
        out = export_publication(journal, pubs["en"], "pdf", tmp_path / "annual.pdf")
        entry = journal.activity()[0]
    assert out.read_bytes().startswith(b"%PDF")
    assert entry.kind == "export"
    assert entry.detail.startswith("jaarverslag 2025 ") and entry.detail.endswith(" taal=en")
    assert "annual report 2025" in pdf_text(out.read_bytes())


def test_refusals_are_in_the_interface_language(demo):
    path, _counts = demo
    with Journal.open(path, PASSPHRASE) as journal:
        org = journal.organisations()[0]
        i18n.set_language("en")
        with pytest.raises(ServiceError, match="threshold k must be between 3 and 10"):
            build_publication(journal, year=YEAR, organisation=org, k=2)
        with pytest.raises(ServiceError, match="Unknown document language"):
            build_publication(journal, year=YEAR, organisation=org, lang="de")
    from vp_desktop.letters.name_check import NameHit

    hit = NameHit(start=0, end=6, matched="Jansen", name="Jansen", role="getuige", kind="name",
                  key="jansen")
    refusal = narrative_refusal("Jansen zei iets.", [hit])
    assert refusal is not None and refusal.message.startswith("Your own text mentions names")
    assert "Nothing" in refusal.message or "nothing" in refusal.message


# --- the command line ------------------------------------------------------------------

def test_the_command_line_makes_an_english_report(demo, tmp_path):
    path, counts = demo
    out = tmp_path / "annual-en.pdf"
    result = run_main("stats", path, "--year", YEAR, "--organisation",
                      max(counts, key=counts.get), "--format", "pdf", "--out", out,
                      "--document-lang", "en", "--passphrase-stdin", stdin=PASSPHRASE + "\n")
    assert result.returncode == 0, result.stderr
    assert "Confidential adviser annual report 2025" in pdf_text(out.read_bytes())
    bad = run_main("stats", path, "--year", YEAR, "--format", "pdf", "--out", out,
                   "--document-lang", "de", "--passphrase-stdin", stdin=PASSPHRASE + "\n")
    assert bad.returncode != 0


def test_the_document_lang_help():
    nl = run_main("stats", "--help")
    assert "taal van het document: nl (standaard) of en" in " ".join(nl.stdout.split())
    en = run_main("--lang", "en", "stats", "--help")
    assert "document language: nl (default) or en" in " ".join(en.stdout.split())
    assert "--document-lang {nl,en}" in en.stdout


# --- the window ------------------------------------------------------------------------

def visible_texts(dialog) -> list[str]:
    texts = [dialog.windowTitle()]
    for widget in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton):
        if widget.isVisible():
            texts.append(widget.text())
    texts += [box.title() for box in dialog.findChildren(QGroupBox) if box.isVisible()]
    texts += [edit.placeholderText() for edit in dialog.findChildren(QPlainTextEdit)]
    for combo in dialog.findChildren(QComboBox):
        texts += [combo.itemText(i) for i in range(combo.count())]
    texts += [w.toolTip() for w in dialog.findChildren(QComboBox)]
    return texts


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_window_offers_the_document_language(qtbot, demo, tmp_path, lang):
    path, counts = demo
    i18n.set_language(lang)
    window, _session = open_window(qtbot, path)
    unlock_with_keyboard(qtbot, window)
    dialog = window.open_annual_report()
    dialog.year.setCurrentIndex(dialog.year.findData(YEAR))
    combo = dialog.findChild(QComboBox, "annualDocumentLanguage")
    assert combo is dialog.document_language
    assert [combo.itemText(i) for i in range(combo.count())] == ["Nederlands", "English"]
    assert combo.currentData() == "nl"
    buddy = next(label for label in dialog.findChildren(QLabel) if label.buddy() is combo)
    assert buddy.text() == {"en": "Document &language", "nl": "Documen&ttaal"}[lang]
    assert not clashes(dialog), clashes(dialog)
    if lang == "en":
        assert dialog.windowTitle() == "Annual report"
        shown = " ".join(visible_texts(dialog))
        for name in counts:  # user data: the organisations' names
            shown = shown.replace(name, " ")
        assert "Export &PDF…" in shown and "What is &hidden, and why:" in shown
        words = {w for w in re.findall(r"[a-zà-ÿ]+", shown.replace("&", "").lower())
                 if w in DUTCH - {"en"}}
        assert not words, words
    combo.setCurrentIndex(combo.findData("en"))
    dialog.refresh()
    assert dialog.publication is not None and dialog.publication.lang == "en"
    out = tmp_path / f"annual-{lang}.pdf"
    dialog.export("pdf", str(out))
    qtbot.waitUntil(lambda: out.exists(), timeout=15000)
    assert "Confidential adviser annual report" in pdf_text(out.read_bytes())
    dialog.close_for_lock()
