"""Translations, the gettext way. Dutch is the source language: every message id is the Dutch
text, so "nl" needs no catalogue and returns it unchanged.

One gettext domain per area (``vp_desktop_cli``, ``vp_desktop_ui``, ...) keeps the catalogues
apart; for a language every ``vp_desktop_*.mo`` under ``resources/locale/<lang>/LC_MESSAGES``
is loaded and the catalogues are chained (``add_fallback``), so ``_()`` finds a message in any
of them. "pseudo" needs no catalogue: every text is wrapped as ``⟦…⟧`` and lengthened by about
40 %, so a test can spot any visible text that did not come through ``_()`` and any widget too
narrow for a longer translation.

Messages use named placeholders, filled in after translation::

    _("Journaal in orde. Schemaversie {version}").format(version=v)

Texts evaluated at import time (module constants) are marked with ``N_()`` for extraction and
translated where they are shown: ``_(CONSTANT)``.

The lowest layer: no Qt and no other vp_desktop module, so that every layer (``dutch`` too)
may translate.
"""

from __future__ import annotations

import gettext
import os
import re
import sys
from pathlib import Path

__all__ = ["DOCUMENT_LANGUAGES", "LANGUAGES", "N_", "_", "language", "ngettext", "pseudo",
           "set_language", "system_language", "translator"]

SOURCE_LANGUAGE = "nl"
LANGUAGES = ("nl", "en", "pseudo")
# The languages a document (case report, jaarverslag) can be made in; letters to Dutch bodies
# and the inzage report are Dutch only.
DOCUMENT_LANGUAGES = ("nl", "en")
DOMAIN_PREFIX = "vp_desktop_"

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = SOURCE_LANGUAGE


def locale_dir() -> Path:
    """``resources/locale``: one folder per language, ``LC_MESSAGES/vp_desktop_*.po|mo``."""
    # as vp_desktop.resources.resources_dir(), which this lowest layer may not import
    bundle_root = getattr(sys, "_MEIPASS", None)
    if bundle_root:
        return Path(bundle_root) / "resources" / "locale"
    return Path(__file__).resolve().parents[1] / "resources" / "locale"


def _supported(value: str) -> str | None:
    """"en_GB.UTF-8" -> "en", "nl_BE" -> "nl", "pseudo" -> "pseudo"; None when unsupported."""
    value = value.strip()
    if value == "pseudo":
        return value
    if not value or value in ("C", "POSIX"):
        return None
    code = re.split(r"[_.@-]", value, maxsplit=1)[0].lower()
    aliases = {"english": "en", "dutch": "nl", "nederlands": "nl"}  # Windows locale names
    code = aliases.get(code, code)
    return code if code in ("nl", "en") else None


def system_language() -> str:
    """The language the system asks for: the first set of LANGUAGE (a colon-separated list:
    the first supported entry counts), LC_ALL, LC_MESSAGES, LANG, as gettext reads them; on
    Windows, where these are usually unset, the user's locale. "nl" when none is supported."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if not value:
            continue
        for entry in value.split(":"):
            found = _supported(entry)
            if found:
                return found
        if name != "LANGUAGE":  # the first set locale variable decides
            return SOURCE_LANGUAGE
    if sys.platform == "win32":  # pragma: no cover - Windows only
        import locale

        found = _supported(locale.getlocale()[0] or "")
        if found:
            return found
    return SOURCE_LANGUAGE


def _load(lang: str) -> gettext.NullTranslations:
    folder = locale_dir() / lang / "LC_MESSAGES"
    files = sorted(folder.glob(f"{DOMAIN_PREFIX}*.mo")) if folder.is_dir() else []
    if not files:
        return gettext.NullTranslations()
    chain: gettext.NullTranslations | None = None
    for path in files:
        with path.open("rb") as fh:
            catalogue = gettext.GNUTranslations(fh)
        if chain is None:
            chain = catalogue
        else:
            chain.add_fallback(catalogue)
    assert chain is not None
    return chain


def set_language(lang: str | None) -> str:
    """Switch the interface language to "nl", "en" or "pseudo" (a locale such as "en_GB" is
    read as its language); None takes it from the system (``system_language()``). Returns the
    language now in use. Raises ValueError for a language that is not supported."""
    global _translations, _language
    chosen = system_language() if lang is None else _supported(lang)
    if chosen is None:
        raise ValueError(f"unsupported language: {lang!r}")
    # read anew (the interface may switch); "pseudo" and "nl" need no catalogue
    _translations = _load(chosen) if chosen == "en" else translator(chosen)
    _language = chosen
    return chosen


class _Pseudo(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return pseudo(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo(msgid1 if n == 1 else msgid2)


_by_language: dict[str, gettext.NullTranslations] = {}


def translator(lang: str) -> gettext.NullTranslations:
    """The catalogue of ``lang`` ("nl", "en" or "pseudo") whatever the interface language is:
    for documents, whose language is chosen apart from the interface's. Use it with a local
    ``_`` so that extraction finds the texts::

        _ = translator(lang).gettext
        title = _("Dossieroverzicht")

    Raises ValueError for a language that is not supported."""
    chosen = _supported(lang)
    if chosen is None:
        raise ValueError(f"unsupported language: {lang!r}")
    if chosen not in _by_language:
        if chosen == "en":
            _by_language[chosen] = _load(chosen)
        elif chosen == "pseudo":
            _by_language[chosen] = _Pseudo()
        else:
            _by_language[chosen] = gettext.NullTranslations()
    return _by_language[chosen]


def language() -> str:
    """The interface language in use: "nl", "en" or "pseudo"."""
    return _language


# {name}, {name!r}, {name:>8}, {{ and }}, and printf-style %(name)s / %s / %% (argparse).
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{[^{}]*\}|%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[a-zA-Z%]")
_VOWELS = "aeiouyAEIOUYëéèïöüáó"


def pseudo(text: str) -> str:
    """``text`` wrapped as ``⟦…⟧`` and about 40 % longer (vowels doubled, padded with "·"
    where that is not enough); placeholders and escapes stay intact."""
    if not text:
        return text
    parts: list[str] = []
    pos = 0
    for match in _PLACEHOLDER.finditer(text):
        parts.append(_stretch(text[pos:match.start()]))
        parts.append(match.group())
        pos = match.end()
    parts.append(_stretch(text[pos:]))
    body = "".join(parts)
    wanted = -(-len(text) * 7 // 5) - 2  # at least 1.4 times as long, the brackets included
    if len(body) < wanted:
        body += "·" * (wanted - len(body))
    return f"⟦{body}⟧"


def _stretch(text: str) -> str:
    return "".join(ch * 2 if ch in _VOWELS else ch for ch in text)


def _(message: str) -> str:
    """``message`` (Dutch) in the interface language."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n``, in the interface language (Dutch and English both
    have one form for 1 and another for everything else; the catalogue knows the rule)."""
    return _translations.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks ``message`` for extraction and returns it unchanged; translate it with ``_()``
    where it is shown."""
    return message
