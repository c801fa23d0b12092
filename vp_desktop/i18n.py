"""Translations the Python way: gettext catalogues compiled from ``resources/locale``.

The bottom layer (standard library only). Dutch is the source language: every message id
is the Dutch text, so "nl" (and no catalogue at all) returns it unchanged. "en" reads the
English catalogues; "pseudo" wraps and lengthens every translated text, so a test can see
which visible texts did not come through the catalogue.

Messages use named placeholders (``_("Dossier {code} opgeslagen").format(code=...)``) and
``ngettext`` for counts.

The interface catalogue (``resources/locale/en/LC_MESSAGES/vp_desktop_ui.po``) is kept up to
date with Babel, from the repository root::

    pybabel extract --no-location -k _ -k N_ -k ngettext:1,2 -o /tmp/ui.pot vp_desktop/ui
    pybabel update -D vp_desktop_ui -d resources/locale -l en -i /tmp/ui.pot --no-fuzzy-matching
    pybabel compile -D vp_desktop_ui -d resources/locale -l en   # the .mo is committed
"""

from __future__ import annotations

import gettext
import sys
from pathlib import Path

LANGUAGES = ("nl", "en")
DOMAINS = ("vp_desktop_ui", "vp_desktop")  # the interface's catalogue first, then the core's

_language = "nl"
_translation: gettext.NullTranslations = gettext.NullTranslations()


def locale_dir() -> Path:
    """The folder holding ``<lang>/LC_MESSAGES/<domain>.mo`` (also inside a bundle)."""
    bundle_root = getattr(sys, "_MEIPASS", None)
    if bundle_root:
        return Path(bundle_root) / "resources" / "locale"
    return Path(__file__).resolve().parents[1] / "resources" / "locale"


class _Pseudo(gettext.NullTranslations):
    """Every text bracketed and about 40 % longer; placeholders and mnemonics kept."""

    @staticmethod
    def _wrap(text: str) -> str:
        return f"[{text}{'~' * max(1, (len(text) * 2) // 5)}]"

    def gettext(self, message: str) -> str:
        return self._wrap(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self._wrap(msgid1 if n == 1 else msgid2)


def _load(lang: str) -> gettext.NullTranslations:
    if lang == "pseudo":
        return _Pseudo()
    if lang == "nl":
        return gettext.NullTranslations()
    chain: gettext.NullTranslations | None = None
    for domain in DOMAINS:
        found = gettext.translation(domain, str(locale_dir()), languages=[lang], fallback=True)
        if chain is None:
            chain = found
        elif found is not chain:
            chain.add_fallback(found)
    return chain or gettext.NullTranslations()


def set_language(lang: str | None) -> str:
    """Switch the interface language ("nl", "en" or "pseudo"; None or anything else: Dutch).
    Returns the language now in use."""
    global _language, _translation
    lang = lang if lang in (*LANGUAGES, "pseudo") else "nl"
    _language, _translation = lang or "nl", _load(lang or "nl")
    return _language


def language() -> str:
    """The interface language in use: "nl", "en" or "pseudo"."""
    return _language


def _(message: str) -> str:
    """``message`` (Dutch) in the interface language."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n`` in the interface language."""
    return _translation.ngettext(singular, plural, n)


def N_(message: str) -> str:  # noqa: N802
    """Mark ``message`` for extraction only; translate it with ``_()`` where it is shown."""
    return message
