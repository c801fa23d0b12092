"""The letter-template checker's messages in English (issue 11): whole messages with named
placeholders, in the interface language; the template text and its tokens stay Dutch."""

from __future__ import annotations

import re

import pytest

from tests.test_no_unmarked_dutch import DUTCH
from vp_desktop import i18n
from vp_desktop.letters.templates import (
    MAX_SOURCE_CHARS,
    TemplateError,
    check_template,
    describe_tag,
    parse_template_text,
    render_text,
)
from vp_desktop.ui.template_dialog import TemplateDialog

from test_ui import open_window, unlock_with_keyboard

QUOTED = re.compile(r"'[^']*'")  # template code and tokens ('{% set %}', 'melder_nam') stay


def dutch_in(message: str) -> set[str]:
    words = re.findall(r"[a-zà-ÿ]+", QUOTED.sub(" ", message).lower())
    return set(words) & DUTCH


# (template, the English message, its Dutch message: unchanged)
CASES = [
    ("x" * (MAX_SOURCE_CHARS + 1),
     "The template is too long (more than 50,000 characters)",
     "Het sjabloon is te lang (meer dan 50.000 tekens)"),
    ("Beste,\n{% set x = 1 %}",
     "Line 2: making variables with '{% set %}' is not allowed (only if, elif, else, endif, "
     "for and endfor are allowed)",
     "Regel 2: variabelen maken met '{% set %}' is niet toegestaan (alleen if, elif, else, "
     "endif, for en endfor zijn toegestaan)"),
    ("{% include 'x' %}",
     "Line 1: inserting other templates with '{% include %}' is not allowed (only if, elif, "
     "else, endif, for and endfor are allowed)", None),
    ("{% if plaats %}\nx",
     "Line 1: '{% if %}' is not closed with '{% endif %}'",
     "Regel 1: '{% if %}' wordt niet afgesloten met '{% endif %}'"),
    ("{% for c in categorieen %}{% if plaats %}{% endfor %}",
     "Line 1: '{% endfor %}' comes too early: '{% if %}' from line 1 has not yet been closed "
     "with '{% endif %}'", None),
    ("Beste {{ melder_nam }},",
     "Line 1: unknown placeholder 'melder_nam' (did you mean 'melder_naam'?)",
     "Regel 1: onbekende plaatshouder 'melder_nam' (bedoelt u 'melder_naam'?)"),
    ("{{ 'abc }}",
     "Line 1: unexpected character \"'\": a quotation mark that is never closed?",
     "Regel 1: onverwacht teken \"'\": een aanhalingsteken zonder afsluiting?"),
    ("{{ plaats|upperr }}",
     "Line 1: the filter 'upperr' is not allowed (did you mean 'upper'?); allowed are: "
     "upper, lower, capitalize, title, trim, default, join, length, replace, first, last",
     None),
    ("{{ datum + 1 }}", "Line 1: arithmetic with '+' is not allowed", None),
]


@pytest.mark.parametrize(("source", "english", "dutch"), CASES,
                         ids=[c[1][:30] for c in CASES])
def test_checker_messages_in_english_and_unchanged_in_dutch(source, english, dutch):
    if dutch is not None:
        assert check_template(source)[0].message == dutch
    i18n.set_language("en")
    message = check_template(source)[0].message
    assert message == english
    assert not dutch_in(message), message


def test_render_header_and_editor_labels_in_english():
    i18n.set_language("en")
    with pytest.raises(TemplateError) as caught:
        render_text("{{ plaats }}", {})
    assert caught.value.message.startswith("Line 1: a placeholder has no value (")
    with pytest.raises(TemplateError) as caught:
        parse_template_text("id: x\ntitel: y\nid: z\n---\n")
    assert caught.value.message == "Line 3: 'id' appears twice in the header"
    with pytest.raises(TemplateError) as caught:
        parse_template_text("id: x\n")
    assert caught.value.message == "The line '---' between header and text is missing"
    assert describe_tag("{% endif %}") == ("voorwaarde", "end of only if")
    assert describe_tag("{# x #}") == ("overig", "comment")
    kind, label = describe_tag("{% if met_identiteit %}")
    assert label.startswith("only if: ") and "met identiteit" not in label


def test_the_template_editor_shows_the_check_in_english(qtbot, journal, journal_path):
    i18n.set_language("en")
    journal.close()
    window, _session = open_window(qtbot, journal_path)
    unlock_with_keyboard(qtbot, window)
    dialog = window.open_templates()
    assert isinstance(dialog, TemplateDialog)
    dialog.copy_current()
    dialog.source.setPlainText("Beste {{ melder_naam }},\n{% set x = 1 %}\n"
                               "{% filter upper %}x{% endfilter %}")
    dialog.update_preview()
    text = dialog.check_label.text()
    assert "Line 2: making variables with '{% set %}' is not allowed" in text
    assert "Line 3: '{% filter %}' is not allowed; use a filter in '{{ ... }}'" in text
    assert not dutch_in(text), text
    assert dialog.source.toPlainText().startswith("Beste {{ melder_naam }}")  # stays Dutch
    dialog.source.setPlainText("Beste {{ melder_nam }},")
    dialog.update_preview()
    assert dialog.check_label.text().startswith(
        "Line 1: unknown placeholder 'melder_nam' (did you mean 'melder_naam'?)")
    assert not dutch_in(dialog.windowTitle()), dialog.windowTitle()
