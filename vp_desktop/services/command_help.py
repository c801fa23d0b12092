"""What the command line says about its machine output and its Dutch-only documentation: light
(only the translation layer), so that building the command line's parser stays cheap.

The tab-separated outputs (``templates``, ``due``, ``backups``, ``letters``) are for scripts:
their column names and values are fixed Dutch codes in every interface language, each a whole
value (never assembled from pieces); the help of those commands says so (``TSV_NOTE``)."""

from __future__ import annotations

from ..i18n import N_

__all__ = ["BACKUP_CHECKED", "DUE_STATES", "EVIDENCE_DESCRIPTION_IN_DUTCH",
           "EVIDENCE_HELP_IN_DUTCH", "LETTER_OUTPUTS", "TEMPLATE_KINDS", "TSV_NOTE"]

TEMPLATE_KINDS = {True: "ingebouwd", False: "eigen"}  # by "is built in"
DUE_STATES = ("over tijd", "binnenkort", "bewaard")  # overdue, soon, held
BACKUP_CHECKED = {  # by (verified, made with an older passphrase)
    (True, False): "ja", (False, False): "onbekend",
    (True, True): "ja (ouder wachtwoord)", (False, True): "onbekend (ouder wachtwoord)",
}
LETTER_OUTPUTS = {  # by (printed, with names)
    (True, False): "afgedrukt", (False, False): "opgeslagen",
    (True, True): "afgedrukt, met namen", (False, True): "opgeslagen, met namen",
}

# the epilog of a command with tab-separated output (cli.py shows it with _()); the codes
# themselves are not listed: the English help holds no Dutch word
TSV_NOTE = N_("De uitvoer is tab-gescheiden, voor scripts: kolomnamen en waarden zijn vaste "
              "Nederlandse codes, in elke taal dezelfde.")

# The IT/DPO documentation (services/evidence.py) is Dutch only: in another interface
# language the help of ``evidence`` says so (the Dutch help says nothing about it).
EVIDENCE_HELP_IN_DUTCH = N_("schrijf de documentatie voor IT en FG (html en markdown, in het "
                            "Nederlands) in een map")
EVIDENCE_DESCRIPTION_IN_DUTCH = N_("schrijf de documentatie voor IT en FG (html en markdown, "
                                   "in het Nederlands) in een map; de cijfers komen uit het "
                                   "programma zelf")
