"""Wording checks over the source: no "dossier(s)"-style plurals in any string literal.

Counted nouns go through ``vp_desktop.dutch.plural``; a literal such as "pagina('s)" or
"dossier(s)" in the code means a user sees clumsy Dutch.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import vp_desktop
from vp_desktop.dutch import plural

PACKAGE = Path(vp_desktop.__file__).parent
# "dossier(s)", "pagina('s)", "pagina(’s)", "gesprek(ken)"-like endings glued to a word.
CLUMSY = re.compile(r"\w\((s|'s|’s|en|n|ken)\)")


def _literals(tree: ast.AST) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.append((node.lineno, node.value))
    return found


def clumsy_plurals(source: str) -> list[tuple[int, str]]:
    """Every string literal (f-string parts included) with a "(s)"-style plural."""
    return [(line, text) for line, text in _literals(ast.parse(source))
            if CLUMSY.search(text)]


def test_the_scan_catches_the_old_texts():
    source = ("a = 'dossier(s)'\n"
              "b = f\"{n} pagina('s) klaar\"\n"
              "c = 'categorie(en)'\n"
              "d = f\"{n} pagina’s\"\n")
    assert sorted(line for line, _ in clumsy_plurals(source)) == [1, 2, 3]


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")),
                         ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_clumsy_plurals_in_string_literals(path: Path):
    assert clumsy_plurals(path.read_text(encoding="utf-8")) == []


def test_plural_helper():
    assert plural(1, "dossier", "dossiers") == "1 dossier"
    assert plural(0, "dossier", "dossiers") == "0 dossiers"
    assert plural(3, "pagina", "pagina’s") == "3 pagina’s"
