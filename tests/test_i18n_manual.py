"""The English manual (issue 11): F1 in the English interface shows
resources/help/handleiding.en.html in the real help window, with English buttons; the two
manuals have the same sections, anchors, links and pictures; the English one has no Dutch
outside proper names and quoted Dutch terms (marked ``lang="nl"``)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel
from test_help import parsed_manual
from test_i18n_ui import dutch_words

from vp_desktop import i18n
from vp_desktop.ui import help_window as help_module
from vp_desktop.ui.help_window import HELP_ANCHORS, image_sources, manual_path

# Proper names that keep their Dutch words in English text.
PROPER_NAMES = ("Huis voor Klokkenluiders",)
# More common Dutch words than the interface list, for running text.
DUTCH_PROSE = {
    "de", "en", "u", "uw", "niet", "wordt", "worden", "zijn", "kunt", "staat", "staan", "bij",
    "dat", "er", "op", "te", "met", "voor", "maar", "ook", "wel", "als", "kies", "zie",
    "deze", "dit", "wat", "waar", "hoe", "nog", "dan", "onder", "naam", "namen", "toets",
    "venster", "knop", "verslag", "melder", "betrokkenen", "handleiding", "inhoud", "terug",
}


class _Manual(HTMLParser):
    """Text outside ``lang="nl"`` elements, and the structure: anchors, links, headings,
    list items, table rows, pictures."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.structure: list[str] = []
        self._dutch_depth = 0
        self._stack: list[bool] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        dutch = (attributes.get("lang") == "nl" and tag != "html") or tag == "style"
        if tag not in ("img", "meta", "br"):
            self._stack.append(dutch)
            self._dutch_depth += dutch
        if tag == "a" and attributes.get("name"):
            self.structure.append(f"#{attributes['name']}")
        if tag == "a" and attributes.get("href"):
            self.structure.append(f"->{attributes['href']}")
        if tag in ("h1", "h2", "li", "tr", "ol", "ul", "table"):
            self.structure.append(tag)
        if tag == "img":
            self.structure.append(f"img {attributes.get('src')}")
            self.text.append(attributes.get("alt") or "")

    def handle_endtag(self, tag):
        if tag not in ("img", "meta", "br") and self._stack:
            self._dutch_depth -= self._stack.pop()

    def handle_data(self, data):
        if not self._dutch_depth:
            self.text.append(data)


def parse(lang: str) -> _Manual:
    parser = _Manual()
    parser.feed(manual_path(lang).read_text(encoding="utf-8"))
    return parser


@pytest.fixture
def english(qtbot):
    i18n.set_language("en")
    yield
    if help_module._window is not None:
        help_module._window.close()


def test_the_english_interface_shows_the_english_manual_in_an_english_window(qtbot, english):
    window = help_module.open_help("jaarverslag")
    qtbot.waitUntil(window.isVisible)
    assert window.browser.source().fileName() == "handleiding.en.html"
    assert window.anchor == "jaarverslag"
    at_section = window.browser.verticalScrollBar().value()
    assert at_section > 0  # really at the section
    assert window.windowTitle() == "Manual"
    buttons = {b.objectName(): b.text() for b in window.findChildren(QAbstractButton)}
    assert buttons["helpBack"] == "&Back" and buttons["helpContents"] == "C&ontents"
    assert buttons["helpClose"] == "&Close"
    assert window.find_box.placeholderText() == "Search the manual (Enter: next)"
    keys = [re.search(r"&(\w)", t).group(1).lower() for t in buttons.values() if "&" in t]
    assert len(keys) == len(set(keys)) == 3, buttons

    texts = [window.windowTitle(), window.find_box.placeholderText(),
             window.find_box.accessibleName(), window.browser.accessibleName()]
    texts += [w.text() for w in window.findChildren(QLabel) + window.findChildren(
        QAbstractButton) if w.isVisible()]
    texts += [w.accessibleName() for w in window.findChildren(QAbstractButton)]
    assert {t for t in texts if dutch_words(t)} == set()

    shown = window.browser.toPlainText()
    assert "Annual report" in shown and "Jaarverslag" not in shown
    base = manual_path("en").parent
    for source in image_sources(manual_path("en").read_text(encoding="utf-8")):
        if not (base / source).is_file():  # not yet added: its English alt text shows
            assert "[Picture: " in shown and "[Afbeelding" not in shown

    window.find_box.setText("threshold k")  # search works in the English manual
    window.find_next()
    assert window.browser.textCursor().selectedText().lower() == "threshold k"

    window.contents_button.click()
    assert window.anchor == "inhoud"
    assert window.browser.verticalScrollBar().value() < at_section


@pytest.mark.parametrize("lang", ["nl", "pseudo"])
def test_every_other_language_shows_the_dutch_manual(qtbot, lang):
    i18n.set_language(lang)
    window = help_module.open_help("gesprek")
    try:
        assert window.browser.source().fileName() == "handleiding.html"
        assert "Een gesprek vastleggen" in window.browser.toPlainText()
        assert window.anchor == "gesprek"
    finally:
        window.close()


def test_the_window_follows_a_change_of_language(qtbot, english):
    first = help_module.help_window()
    assert first.back_button.text() == "&Back"
    i18n.set_language("nl")
    second = help_module.open_help("zoeken")
    assert second is not first and second.back_button.text() == "&Terug"
    assert second.browser.source().fileName() == "handleiding.html"
    second.close()


def test_both_manuals_have_the_same_sections_links_and_pictures():
    dutch, english = parse("nl"), parse("en")
    assert [item.replace("/en/", "/") for item in english.structure] == dutch.structure
    assert parsed_manual("en").names == parsed_manual("nl").names
    # the same pictures, the English manual's taken of the English interface
    # (tests/take_screenshots.py en) in screenshots/en/
    assert [s.replace("/en/", "/") for s in image_sources(
        manual_path("en").read_text(encoding="utf-8"))] == image_sources(
        manual_path("nl").read_text(encoding="utf-8"))
    base = manual_path("en").parent
    assert all((base / s).is_file() and "/en/" in s
               for s in image_sources(manual_path("en").read_text(encoding="utf-8")))
    assert set(HELP_ANCHORS.values()) <= set(parsed_manual("en").names)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_link_in_the_manual_has_its_target(lang):
    parsed = parsed_manual(lang)
    assert parsed.links, "the manual links to its sections"
    assert [link for link in parsed.links if link not in parsed.names] == []
    html = manual_path(lang).read_text(encoding="utf-8")
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert [h for h in hrefs if not h.startswith("#")] == []  # offline: no links out
    base = manual_path(lang).parent
    assert [s for s in image_sources(html) if not s.startswith("../screenshots/")] == []
    assert all((base / s).parent.is_dir() for s in image_sources(html))


def test_the_english_manual_has_no_dutch_outside_names_and_quoted_terms():
    text = " ".join(" ".join(parse("en").text).split())  # one space between all words
    for name in PROPER_NAMES:
        text = text.replace(name, "")
    words = set(re.findall(r"[a-zà-ÿ]+", text.lower()))
    assert dutch_words(text) == set()
    assert words & DUTCH_PROSE == set()
    assert len(words) > 500  # the whole manual, not an empty page
    # the checks can fail: the Dutch manual fails them
    dutch = " ".join(parse("nl").text).lower()
    assert dutch_words(dutch) and set(re.findall(r"[a-zà-ÿ]+", dutch)) & DUTCH_PROSE


def test_the_english_manual_is_marked_english():
    html = manual_path("en").read_text(encoding="utf-8")
    assert '<html lang="en">' in html
    assert "<title>VP Desktop manual</title>" in html
