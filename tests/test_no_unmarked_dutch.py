"""No Dutch sentence reaches the interface without going through the translation layer.

An AST scan of ``vp_desktop/**/*.py``: every string constant with a space and at least two
distinct common Dutch words (``DUTCH``) must sit inside a call of ``_``, ``N_``, ``ngettext``
or a ``translator(...)`` gettext, be a docstring, or be listed in ``ALLOWED`` with its reason.
Texts a user sees are wrapped; what stays Dutch on purpose (journal data, Dutch document
material, demo data, SQL, machine output) is allowed per file and text, so a new Dutch
literal anywhere else fails.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.test_i18n_ui import DUTCH_WORDS

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "vp_desktop"

# the screen's spot words plus Dutch function words and common verbs (hardly any English)
DUTCH = DUTCH_WORDS | {
    "de", "het", "een", "van", "niet", "geen", "met", "naar", "voor", "bij", "ook", "kan",
    "kies", "vul", "wordt", "werd", "kon", "bestand", "opslaan", "annuleren", "sluiten",
    "melder", "betrokkene", "organisatie", "toestemming", "mislukt", "zijn", "deze", "dit",
    "nog", "maar", "wel", "er", "wilt", "zeker", "ligt", "heeft", "hebben", "nodig",
    "datum", "naam", "leg", "vast", "wanneer", "gaf", "zonder", "klopt", "gewijzigd", "uit",
    "als", "dat", "wat", "om", "te", "zich", "ons", "onze", "staat", "moet", "mag",
}
WRAPPERS = {"_", "N_", "ngettext", "gettext", "pgettext"}
WORD = re.compile(r"[a-zà-ÿ]+")

# What stays Dutch on purpose. file (relative to vp_desktop/) -> "*" (the whole file is Dutch
# material) or the set of allowed texts (whole constants), each group with its reason.
WHOLE_FILE = "*"
ALLOWED: dict[str, object] = {
    # demo data: made-up Dutch case notes for the demo journal (stored journal content)
    "interchange/demo_texts.py": WHOLE_FILE,
    "interchange/demo_data.py": {"Ook vertelt melder dat"},
    # document material: how a person is referred to in Dutch letters and the inzage (the
    # screen uses person_reference_text, translated)
    "domain/vocabulary.py": {"de melder", "iemand uit een ander dossier"},
    "letters/compose.py": {"de melder"},  # recipient_label: letter text and TSV output
    "letters/context.py": {"de melder"},  # the {{ melder }} placeholder of a Dutch letter
    # the inzage report is Dutch only (the melder's right of access)
    "letters/case_report.py": {
        "Namen van andere personen zijn vervangen door hun rol, ter bescherming van hun "
        "privacy. Interne aantekeningen van de vertrouwenspersoon zijn opgenomen.",
        "Overzicht van wat ",
    },
    "letters/templates.py": {
        # the Dutch letter templates: built-in letter text and placeholder descriptions
        "U bespreekt de situatie eerst zelf met uw leidinggevende. Over twee weken bel ik u.",
        "datum dossier geopend", "datum laatste gesprek", "de melder", "naam melder",
        "uw naam", "uw organisatie",
    },
    # the IT/DPO documentation is Dutch only (its English window and help say so)
    "services/evidence.py": {
        "de taal van het programma (nl of en)", "het pad van het laatst geopende journaal",
    },
    # journal data: an activity-log detail
    "services/letters.py": {"opnieuw, brief van "},
    # made-up case notes the self-test stores in its temporary journal
    "services/selftest.py": {"Zelftest: verzonnen gesprek met ĳ, ő en €."},
    # machine output: the disclosure checker's findings, read by the tests
    "stats/checker.py": {
        " meldingen maar niet als klein verslag gepubliceerd",
        ": de gepubliceerde aantallen kloppen niet met het totaal",
        ": te herleiden als ", ": te veel mogelijkheden om te controleren (",
        "T1: het aantal meldingen is niet gepubliceerd (en het verslag is niet als klein "
        "gemarkeerd)",
        "T2/T4: de gepubliceerde aantallen kunnen niet allemaal kloppen",
        "T1: meer dan het totaal gepubliceerd in een verslag met te weinig meldingen",
        "T2/T4: maar één van beide gepubliceerd; de controle verwacht ze samen",
        ": gepubliceerd in een verslag met te weinig meldingen",
    },
    # deliberately in the language being switched to, whatever the interface language
    "ui/main_window.py": {"Het programma is vanaf de volgende start in het Nederlands."},
    # Qt's own texts in Dutch (a QTranslator for the Dutch interface)
    "ui/qt_dutch.py": WHOLE_FILE,
}


def _wrapped_or_docstring(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    child = node
    while child in parents:
        parent = parents[child]
        if isinstance(parent, ast.Expr) and child is node:  # a bare string: a docstring
            return True
        if isinstance(parent, ast.Call) and child is not parent.func:
            func = parent.func
            name = func.id if isinstance(func, ast.Name) else (
                func.attr if isinstance(func, ast.Attribute) else "")
            if name in WRAPPERS:
                return True
        child = parent
    return False


def looks_dutch(text: str) -> bool:
    return " " in text and len(set(WORD.findall(text.lower())) & DUTCH) >= 2


def scan(source: str, name: str) -> list[tuple[str, int, str]]:
    """The unmarked Dutch texts of one module's ``source`` (``name``: its path under
    vp_desktop/, for ``ALLOWED``)."""
    tree = ast.parse(source)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    allowed = ALLOWED.get(name, ())
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)
                and looks_dutch(node.value)):
            continue
        if _wrapped_or_docstring(node, parents):
            continue
        if allowed == WHOLE_FILE or node.value in allowed:  # type: ignore[operator]
            continue
        found.append((name, node.lineno, node.value))
    return found


def unmarked_dutch() -> list[tuple[str, int, str]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        found += scan(path.read_text(encoding="utf-8"), path.relative_to(PACKAGE).as_posix())
    return found


def test_no_unmarked_dutch_text_in_the_source():
    found = unmarked_dutch()
    assert not found, "Dutch text not marked for translation (wrap it, or allow it with a " \
        "reason in ALLOWED):\n" + "\n".join(f"{f}:{line}: {text[:100]!r}"
                                           for f, line, text in found)


if __name__ == "__main__":
    for f, line, text in unmarked_dutch():
        print(f"{f}:{line}: {text[:110]!r}")


def test_the_scan_finds_an_unmarked_message_and_passes_marked_ones():
    source = '''
"""Een docstring van de module mag Nederlands zijn."""
from vp_desktop.i18n import N_, _, ngettext, translator
def check(case, p, lang):
    """Geen probleem: een docstring."""
    p.append("Een gesloten dossier heeft een sluitdatum nodig.")
    p.append(_("Een open dossier kan geen sluitdatum hebben."))
    p.append(_("Betrokkene {i} heeft geen naam.").format(i=1))
    p.append(ngettext("{n} dossier is niet open", "{n} dossiers zijn niet open", 2))
    p.append(translator(lang).gettext("Leg vast wanneer de melder toestemming gaf."))
    p.append(f"Vul de naam van {case} in, of kies 'anoniem'.")
    code = "over_tijd"  # a code, one word
    return N_("Deze map is niet toegestaan."), code, "The case is closed."
'''
    found = scan(source, "domain/example.py")
    assert [text for _name, _line, text in found] == [
        "Een gesloten dossier heeft een sluitdatum nodig.", "Vul de naam van "]
    assert [line for _name, line, _text in found] == [6, 11]
    # allowed per file and text: the same text elsewhere still fails
    assert scan(source, "letters/compose.py")[0][2] == found[0][2]
    assert not scan('x = "Namen van andere personen zijn vervangen door hun rol"\n',
                    "ui/qt_dutch.py")
