"""The jaarverslag's options as the command line and the window offer them: light (no
journal, no statistics), so that building the command line's parser stays cheap."""

from __future__ import annotations

from ..i18n import DOCUMENT_LANGUAGES, N_

__all__ = ["DOCUMENT_LANGUAGES", "DOCUMENT_LANG_HELP", "LANGUAGE_NAMES"]

# The command line's --document-lang help (cli.py shows it with _()).
DOCUMENT_LANG_HELP = N_("taal van het document: nl (standaard) of en")
# The document languages by their own name, as the window lists them (never translated: a
# reader finds their own language by its own name).
LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}
