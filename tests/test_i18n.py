"""Translations (vp_desktop/i18n.py, issue 11): the API, the catalogues (complete, compiled,
up to date with the source) and the command line in English."""

from __future__ import annotations

import argparse
import gettext
import io
import re
import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from clirun import run_main

from vp_desktop import i18n
from vp_desktop.cli import build_parser
from vp_desktop.i18n import N_, _, language, ngettext, pseudo, set_language

from conftest import PASSPHRASE

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "resources" / "locale"
# Which sources each gettext domain is extracted from (installer/README.md, "Translations").
DOMAIN_SOURCES = {"vp_desktop_cli": ["vp_desktop/cli.py"]}
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def _po_files() -> list[Path]:
    return sorted(LOCALE.glob("*/LC_MESSAGES/vp_desktop_*.po"))


def _read_po(path: Path):
    with path.open("rb") as fh:
        return read_po(fh, locale=path.parts[-3])


# --- the API ---------------------------------------------------------------------------

def test_dutch_is_the_source_language_and_returned_unchanged():
    assert language() == "nl"  # conftest pins every test to Dutch
    assert _("Wachtwoord: ") == "Wachtwoord: "
    assert _("een tekst die in geen catalogus staat") == "een tekst die in geen catalogus staat"
    assert ngettext("{n} dossier", "{n} dossiers", 1).format(n=1) == "1 dossier"
    assert ngettext("{n} dossier", "{n} dossiers", 0).format(n=0) == "0 dossiers"
    assert N_("Wachtwoord: ") == "Wachtwoord: "


def test_english_comes_from_the_catalogue():
    assert set_language("en") == "en" == language()
    assert _("Wachtwoord: ") == "Passphrase: "
    assert ngettext("{n} dossier", "{n} dossiers", 1).format(n=1) == "1 case"
    assert ngettext("{n} dossier", "{n} dossiers", 2).format(n=2) == "2 cases"
    assert ngettext("{n} gesprek", "{n} gesprekken", 0).format(n=0) == "0 consultations"
    assert _("niet vertaald") == "niet vertaald"  # unknown ids fall through unchanged
    assert N_("Wachtwoord: ") == "Wachtwoord: "  # only marks
    set_language("nl")
    assert _("Wachtwoord: ") == "Wachtwoord: "


def test_a_document_translator_is_apart_from_the_interface_language():
    assert i18n.translator("en").gettext("Wachtwoord: ") == "Passphrase: "
    assert language() == "nl" and _("Wachtwoord: ") == "Wachtwoord: "
    set_language("en")
    assert i18n.translator("nl").gettext("Wachtwoord: ") == "Wachtwoord: "
    assert i18n.translator("nl").ngettext("{n} dossier", "{n} dossiers", 2) == "{n} dossiers"
    assert i18n.translator("en").ngettext("{n} dossier", "{n} dossiers", 2) == "{n} cases"
    assert i18n.translator("pseudo").gettext("Wachtwoord").startswith("⟦")
    with pytest.raises(ValueError):
        i18n.translator("de")
    assert set(i18n.DOCUMENT_LANGUAGES) == {"nl", "en"}


def test_pseudo_wraps_lengthens_and_keeps_placeholders():
    set_language("pseudo")
    text = _("Journaal in orde. Schemaversie {version}; {counts}.")
    assert text.startswith("⟦") and text.endswith("⟧")
    assert len(text) >= 1.4 * len("Journaal in orde. Schemaversie {version}; {counts}.")
    assert text.format(version=7, counts="x").count("7") == 1
    assert "Joouurnaaaal" in text
    one = ngettext("{n} dossier", "{n} dossiers", 1).format(n=1)
    many = ngettext("{n} dossier", "{n} dossiers", 3).format(n=3)
    assert one.startswith("⟦1 ") and "doossiieer⟧" in one.replace("·", "")
    assert many.startswith("⟦3 ") and "doossiieers" in many
    # printf placeholders of argparse survive, and so do brace escapes
    assert pseudo("ongeldige keuze: %(value)r (kies uit %(choices)s) 5%%") \
        .count("%(value)r") == 1
    assert "%(choices)s" in pseudo("kies uit %(choices)s")
    assert pseudo("{{letterlijk}}").format().startswith("⟦{leetteerliijk}")
    assert pseudo("") == ""


@pytest.mark.parametrize(("env", "expected"), [
    ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LANG": "nl_NL.UTF-8"}, "nl"),
    ({"LANG": "de_DE.UTF-8"}, "nl"),  # unsupported: Dutch
    ({"LANG": "C.UTF-8"}, "nl"),
    ({"LC_MESSAGES": "en_GB", "LANG": "nl_NL.UTF-8"}, "en"),
    ({"LC_ALL": "de_DE.UTF-8", "LANG": "en_US.UTF-8"}, "nl"),  # the first set one decides
    ({"LANGUAGE": "de:en_GB:nl", "LANG": "nl_NL.UTF-8"}, "en"),  # first supported of the list
    ({"LANGUAGE": "fr", "LANG": "en_US.UTF-8"}, "en"),
    ({}, "nl"),
])
def test_the_system_language(monkeypatch, env, expected):
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert set_language(None) == expected == language()


def test_an_unsupported_language_is_refused():
    with pytest.raises(ValueError):
        set_language("de")
    assert language() == "nl"
    assert set_language("en_GB.UTF-8") == "en"


def test_every_domain_of_a_language_is_loaded_and_chained(tmp_path, monkeypatch):
    folder = tmp_path / "en" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    for domain, (msgid, msgstr) in {"vp_desktop_a": ("appel", "apple"),
                                    "vp_desktop_b": ("peer", "pear"),
                                    "other": ("kers", "cherry")}.items():
        catalogue = _read_po_text(f'msgid ""\nmsgstr "Content-Type: text/plain; charset=utf-8\\n"'
                                  f'\n\nmsgid "{msgid}"\nmsgstr "{msgstr}"\n')
        with (folder / f"{domain}.mo").open("wb") as fh:
            write_mo(fh, catalogue)
    monkeypatch.setattr(i18n, "locale_dir", lambda: tmp_path)
    set_language("en")
    assert (_("appel"), _("peer")) == ("apple", "pear")
    assert _("kers") == "kers"  # not a vp_desktop_* domain


def _read_po_text(text: str):
    return read_po(io.BytesIO(text.encode()), locale="en")


# --- the catalogues ----------------------------------------------------------------------

def _placeholders(text: str) -> list[str]:
    braces = [name for _lit, name, _spec, _conv in string.Formatter().parse(text)
              if name is not None]
    printf = re.findall(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]", text.replace("%%", ""))
    return sorted(braces) + sorted(printf)


def test_the_catalogues_exist():
    assert {p.stem for p in _po_files()} >= set(DOMAIN_SOURCES)


@pytest.mark.parametrize("po", _po_files(), ids=lambda p: f"{p.parts[-3]}/{p.name}")
def test_every_message_is_translated_with_the_same_placeholders(po):
    catalogue = _read_po(po)
    problems = []
    for message in catalogue:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(s.strip() for s in strings):
            problems.append(f"untranslated: {ids[0]!r}")
            continue
        for translated in strings:
            if _placeholders(translated) != _placeholders(ids[-1]):
                problems.append(f"placeholders differ: {ids[0]!r} -> {translated!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("po", _po_files(), ids=lambda p: f"{p.parts[-3]}/{p.name}")
def test_the_committed_mo_is_the_compiled_po(po):
    mo = po.with_suffix(".mo")
    assert mo.is_file(), f"{mo.name} missing: pybabel compile (installer/README.md)"
    compiled = io.BytesIO()
    write_mo(compiled, _read_po(po))
    compiled.seek(0)
    fresh = gettext.GNUTranslations(compiled)
    with mo.open("rb") as fh:
        committed = gettext.GNUTranslations(fh)
    assert committed._catalog == fresh._catalog, (  # type: ignore[attr-defined]
        f"{mo} is out of date: recompile it (installer/README.md, 'Translations')")


def test_no_compiled_catalogue_without_its_source():
    for mo in LOCALE.glob("*/LC_MESSAGES/*.mo"):
        assert mo.with_suffix(".po").is_file(), mo


@pytest.mark.parametrize("domain", sorted(DOMAIN_SOURCES))
def test_every_marked_message_of_the_source_is_in_the_catalogue(domain):
    in_source: set[str] = set()
    for source in DOMAIN_SOURCES[domain]:
        for _lineno, message, _comments, _context in extract_from_file(
                "python", ROOT / source, keywords=KEYWORDS):
            in_source.add(message[0] if isinstance(message, tuple) else message)
    assert len(in_source) > 100
    catalogue_ids = {m.id[0] if isinstance(m.id, tuple) else m.id
                     for m in _read_po(LOCALE / "en" / "LC_MESSAGES" / f"{domain}.po") if m.id}
    missing = sorted(in_source - catalogue_ids)
    assert not missing, ("not in the catalogue (extract and update, installer/README.md): "
                         + "; ".join(missing))


def test_a_message_in_two_catalogues_has_one_translation():
    """All catalogues of a language are chained; the same Dutch text translated differently
    in two of them would depend on the load order."""
    seen: dict[tuple[str, str], tuple[str, object]] = {}
    problems = []
    for po in _po_files():
        for message in _read_po(po):
            if not message.id:
                continue
            key = (po.parts[-3], message.id[0] if isinstance(message.id, tuple) else message.id)
            if key in seen and seen[key][1] != message.string:
                problems.append(f"{key[1]!r}: {seen[key][0]} {seen[key][1]!r} "
                                f"vs {po.stem} {message.string!r}")
            seen.setdefault(key, (po.stem, message.string))
    assert not problems, "\n".join(problems)


# The glossary (installer/README.md, "Translations"): one English word per Dutch term.
NOT_IN_OUR_ENGLISH = {
    "password": "passphrase (wachtwoord: the journal's key)",
    "counsellor": "confidential adviser (vertrouwenspersoon)",
    "conversation": "consultation (gesprek)",
    "case report": "case overview (dossieroverzicht)",
    "organiz": "British spelling: organis…",
    "recogniz": "British spelling: recognis…",
}


def test_english_keeps_to_the_glossary():
    found = [f"{po.stem}: {m.string!r} — use {use}" for po in _po_files()
             if po.parts[-3] == "en"
             for m in _read_po(po) if m.id
             for text in (m.string if isinstance(m.string, tuple) else (m.string,))
             for word, use in NOT_IN_OUR_ENGLISH.items()
             if word in text.lower().replace("&", "")]
    assert not found, "\n".join(found)


def test_every_marked_message_anywhere_is_in_a_catalogue():
    """Whatever file a text is marked in, some English catalogue must translate it."""
    in_source: dict[str, str] = {}
    for source in sorted((ROOT / "vp_desktop").rglob("*.py")):
        if source.name == "i18n.py":
            continue
        for _lineno, message, _comments, _context in extract_from_file(
                "python", source, keywords=KEYWORDS):
            msgid = message[0] if isinstance(message, tuple) else message
            in_source.setdefault(msgid, str(source.relative_to(ROOT)))
    catalogue_ids = {m.id[0] if isinstance(m.id, tuple) else m.id
                     for po in _po_files() if po.parts[-3] == "en"
                     for m in _read_po(po) if m.id}
    missing = sorted(f"{in_source[m]}: {m!r}" for m in set(in_source) - catalogue_ids)
    assert not missing, ("not in any catalogue (extract and update, installer/README.md): \n"
                         + "\n".join(missing))


# --- the command line --------------------------------------------------------------------

# Common Dutch words that are not also English words (so not "en", "of", "in", "is", "map"
# stays in: English help here says "folder").
DUTCH_WORDS = ("de", "het", "een", "van", "voor", "niet", "geen", "met", "naar", "zijn",
               "wordt", "worden", "als", "dit", "deze", "die", "uit", "bij", "ook", "alleen",
               "toon", "maak", "journaal", "dossier", "dossiers", "wachtwoord", "bestand",
               "map", "gegevens", "opdracht", "opties", "gebruik", "reservekopie", "naam",
               "sjabloon", "organisatie", "jaarverslag", "verzonnen", "standaard", "hulp")
_DUTCH = re.compile(r"\b(" + "|".join(DUTCH_WORDS) + r")\b", re.IGNORECASE)


def _subcommands() -> list[str]:
    parser = build_parser()
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return sorted(actions[0].choices)


def test_the_help_in_english_has_no_dutch():
    commands = _subcommands()
    assert len(commands) >= 18
    found = {}
    for argv in [["--lang", "en", "--help"]] + [["--lang", "en", c, "--help"]
                                                for c in commands]:
        result = run_main(*argv)
        assert result.returncode == 0, argv
        assert "usage: vp-desktop" in result.stdout and "options:" in result.stdout
        hits = sorted({m.group(0) for m in _DUTCH.finditer(result.stdout)})
        if hits:
            found[" ".join(argv)] = hits
    assert not found, found
    set_language("nl")
    assert run_main("--lang=en", "--help").stdout.startswith("usage: ")


def test_the_help_in_dutch_is_unchanged():
    default = run_main("--help")
    dutch = run_main("--lang", "nl", "--help")
    assert default.returncode == dutch.returncode == 0
    assert default.stdout == dutch.stdout
    assert dutch.stdout.startswith("gebruik: vp-desktop")
    assert "toon deze hulp en stop" in dutch.stdout
    assert "versleuteld journaal voor vertrouwenspersonen" in dutch.stdout
    assert _DUTCH.search(run_main("--lang", "nl", "verify", "--help").stdout)


def test_the_language_follows_the_system_without_lang(monkeypatch):
    monkeypatch.setenv("LANGUAGE", "en")
    assert run_main("--help").stdout.startswith("usage: vp-desktop")
    monkeypatch.setenv("LANGUAGE", "en")
    assert run_main("--lang", "nl", "--help").stdout.startswith("gebruik: vp-desktop")


def test_every_help_text_comes_through_the_catalogue():
    """In the pseudo-locale every description, help and metavar the parser shows is wrapped:
    none was left as a plain literal."""
    set_language("pseudo")
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    unwrapped = []
    for name, p in [("", parser), *sub.choices.items()]:
        if not (p.description or "").startswith("⟦"):
            unwrapped.append(f"{name}: description")
        for action in p._actions:
            if action.help not in (None, argparse.SUPPRESS) and not action.help.startswith("⟦"):
                unwrapped.append(f"{name} {action.dest}: {action.help}")
    assert not unwrapped, unwrapped
    assert sub.metavar.startswith("⟦")


def test_messages_and_errors_in_english(tmp_path):
    path = tmp_path / "j.vpj"
    missing = run_main("--lang", "en", "verify")
    assert missing.returncode == 2
    assert missing.stderr.strip() == ("vp-desktop: the following arguments are required: PATH "
                                      "(see vp-desktop --help)")
    made = run_main("--lang", "en", "init", path, "--passphrase-stdin",
                    stdin=PASSPHRASE + "\n")
    assert made.returncode == 0, made.stderr
    assert made.stdout.strip() == f"Journal created: {path}"
    checked = run_main("--lang", "en", "verify", path, "--passphrase-stdin",
                       stdin=PASSPHRASE + "\n")
    assert checked.returncode == 0, checked.stderr
    assert re.fullmatch(r"Journal OK\. Schema version \d+; 0 cases, 0 consultations, "
                        r"0 follow-ups\.", checked.stdout.strip()), checked.stdout
    empty = run_main("--lang", "en", "verify", path, "--passphrase-stdin", stdin="\n")
    assert empty.stderr.strip() == ("vp-desktop: no passphrase on the first line of stdin "
                                    "(see vp-desktop --help)")
