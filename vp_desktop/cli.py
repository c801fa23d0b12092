"""The ``vp-desktop`` command: the GUI when no command is given, headless commands otherwise.

Exit codes: 0 ok · 1 other error · 2 usage · 3 wrong passphrase or not a journal ·
4 damaged journal · 5 location refused. Errors are one clear line on stderr.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from .i18n import N_, _, language, ngettext, set_language
from .services.command_help import (  # light: the translation layer only
    BACKUP_CHECKED,
    DUE_STATES,
    EVIDENCE_DESCRIPTION_IN_DUTCH,
    EVIDENCE_HELP_IN_DUTCH,
    LETTER_OUTPUTS,
    TEMPLATE_KINDS,
    TSV_NOTE,
)

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_PASSPHRASE, EXIT_DAMAGED, EXIT_LOCATION = 0, 1, 2, 3, 4, 5
PROG = "vp-desktop"



class UsageError(Exception):
    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else ""


class _NoPassphraseLine(UsageError):
    """An empty line (or none) where stdin should hold a passphrase."""


# argparse speaks English through gettext; these are its messages that users can meet, in
# Dutch (the source language); the catalogue turns them back into (shorter) English.
_ARGPARSE_NL = {
    "usage: ": N_("gebruik: "),
    "options": N_("opties"),
    "positional arguments": N_("argumenten"),
    "show this help message and exit": N_("toon deze hulp en stop"),
    "the following arguments are required: %s": N_("deze argumenten ontbreken: %s"),
    "invalid %(type)s value: %(value)r": N_("ongeldige waarde: %(value)r"),
    "invalid choice: %(value)r (choose from %(choices)s)":
        N_("ongeldige keuze: %(value)r (kies uit %(choices)s)"),
    "unrecognized arguments: %s": N_("onbekende argumenten: %s"),
    "argument %(argument_name)s: %(message)s": N_("%(argument_name)s: %(message)s"),
    "expected one argument": N_("verwacht één waarde"),
    "ambiguous option: %(option)s could match %(matches)s":
        N_("dubbelzinnige optie: %(option)s kan %(matches)s zijn"),
}


def _argparse_text(text: str) -> str:
    dutch = _ARGPARSE_NL.get(text)
    return text if dutch is None else _(dutch)


argparse._ = _argparse_text  # type: ignore[attr-defined]

_OS_ERRORS_NL = {
    FileNotFoundError: N_("bestaat niet"),
    IsADirectoryError: N_("is een map, geen bestand"),
    PermissionError: N_("geen toegang"),
}


def _os_error_nl(exc: OSError) -> str:
    return _(next((text for cls, text in _OS_ERRORS_NL.items() if isinstance(exc, cls)),
                  N_("kan niet worden gelezen")))


LANGUAGES = ("nl", "en")


def _language_in(argv: Sequence[str]) -> str | None:
    """The --lang of ``argv`` (``--lang en`` or ``--lang=en``), read before the parser is
    built so that its help texts are translated; None when absent or not a language (the
    parser then reports it)."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        value = None
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        if value is not None:
            return value if value in LANGUAGES else None
    return None


def _year(text: str) -> int:
    try:
        year = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("'{text}' is geen jaartal").format(text=text)) \
            from None
    if not 1900 <= year <= 2100:
        raise argparse.ArgumentTypeError(
            _("jaar {year} ligt niet tussen 1900 en 2100").format(year=year))
    return year


def _count(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("'{text}' is geen geheel getal").format(text=text)) from None


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description=_("VP Desktop — versleuteld journaal voor vertrouwenspersonen. Zonder "
                      "opdracht opent het programma."),
    )
    parser.add_argument("--journal", metavar="PATH", help=_("journaal om te openen in het venster"))
    parser.add_argument("--lang", choices=LANGUAGES,
                        help=_("taal van de opdrachtregel: nl of en (standaard die van het "
                               "systeem)"))
    parser.add_argument("--demo", action="store_true",
                        help=_("open een nieuw demojournaal met verzonnen gegevens"))
    sub = parser.add_subparsers(dest="command", metavar=_("OPDRACHT"), parser_class=_Parser)

    def tsv_output(p: argparse.ArgumentParser) -> None:
        """Machine output: the same Dutch codes in every interface language, said in the help."""
        p.epilog = _(TSV_NOTE)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("path", metavar="PATH", help=_("het journaalbestand"))
        p.add_argument("--passphrase-stdin", action="store_true",
                       help=_("lees het wachtwoord van de eerste regel van stdin"))
        return p

    p = command("init", _("maak een leeg journaal"))
    p.add_argument("--allow-sync-folder", action="store_true",
                   help=_("sta een map toe die met een clouddienst synchroniseert"))
    p = command("demo", _("maak een journaal met verzonnen gegevens"))
    p.add_argument("--cases", type=_count, default=250, help=_("aantal dossiers (standaard 250)"))
    p.add_argument("--seed", type=_count, default=1, help=_("startwaarde voor de gegevens"))
    p.add_argument("--allow-sync-folder", action="store_true",
                   help=_("sta een map toe die met een clouddienst synchroniseert"))
    p = command("import", _("voeg dossiers toe uit een JSON-bestand (alles of niets), of neem ze "
                            "over uit een ander journaal"))
    p.add_argument("file", metavar="FILE", help=_("bestand in het importformaat (JSON) of een "
                                                  "ander journaal"))
    p = command("cases", _("toon dossiers: code, data, status, categorieën (nooit namen of "
                           "notities)"))
    p.add_argument("--year", type=_year, help=_("alleen dossiers geopend in dit jaar"))
    p.add_argument("--status", choices=["open", "closed", "gesloten"], help=_("open of gesloten"))
    command("verify", _("open het journaal en controleer het volledig"))
    p = command("templates", _("toon de briefsjablonen (ingebouwd en eigen)"))
    tsv_output(p)
    p = command("letter", _("maak een geanonimiseerde brief als pdf"))
    p.add_argument("--case", required=True, metavar="CODE", help=_("dossiercode, bijv. 2026-014"))
    p.add_argument("--template", required=True, metavar="ID", help=_("sjabloon (zie templates)"))
    p.add_argument("--out", required=True, metavar="FILE.pdf", help=_("het pdf-bestand"))
    p.add_argument("--with-identity", action="store_true",
                   help=_("namen gebruiken; alleen als de melder toestemming gaf (in het dossier)"))
    p.add_argument("--acknowledge", type=_numbers, metavar="N[,N]",
                   help=_("bevestig 'mogelijk een naam' nummer N (zie de melding) als geen naam"))
    p = command("report", _("maak een dossieroverzicht als pdf"))
    p.add_argument("--case", required=True, metavar="CODE", help=_("dossiercode, bijv. 2026-014"))
    p.add_argument("--inzage", action="store_true",
                   help=_("inzage voor de melder: namen van anderen vervangen door hun rol"))
    p.add_argument("--out", required=True, metavar="FILE.pdf", help=_("het pdf-bestand"))
    from .letters.case_report import DOCUMENT_LANGUAGE_HELP

    p.add_argument("--document-lang", choices=["nl", "en"], default="nl",
                   help=_(DOCUMENT_LANGUAGE_HELP))  # the inzage: nl only (refused otherwise)
    p = command("stats", _("maak het geanonimiseerde jaarverslag (pdf, csv of json)"))
    p.add_argument("--year", type=_year, required=True, help=_("het verslagjaar"))
    p.add_argument("--organisation", metavar=_("NAAM"),
                   help=_("de organisatie (verplicht als het journaal er meer heeft)"))
    p.add_argument("--k", type=_count, default=5, help=_("drempel: aantallen 1..k-1 worden '<k' "
                                                         "(standaard 5, toegestaan 3 tot 10)"))
    p.add_argument("--format", required=True, choices=["pdf", "csv", "json"],
                   help=_("pdf, csv (Nederlandse Excel) of json"))
    p.add_argument("--out", required=True, metavar="FILE", help=_("het uitvoerbestand"))
    p.add_argument("--acknowledge", type=_numbers, metavar="N[,N]",
                   help=_("bevestig 'mogelijk een naam' nummer N in uw eigen tekst als geen naam"))
    from .services.annual_options import DOCUMENT_LANG_HELP
    p.add_argument("--document-lang", choices=["nl", "en"], default="nl",
                   help=_(DOCUMENT_LANG_HELP))
    # retention
    p = command("due", _("toon dossiers over of bijna over hun vernietigingsdatum, en bewaarde"))
    tsv_output(p)
    p = command("destroy", _("vernietig de persoonsgegevens van gesloten dossiers (de anonieme "
                             "statistiek blijft)"))
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--case", action="append", metavar="CODE",
                       help=_("dossiercode; meermaals te geven"))
    which.add_argument("--due", action="store_true",
                       help=_("alle gesloten dossiers over hun vernietigingsdatum (niet bewaarde)"))
    p.add_argument("--dry-run", action="store_true", help=_("toon alleen wat er zou gebeuren"))
    p.add_argument("--yes", action="store_true", help=_("niet vragen (nodig zonder terminal)"))
    # --- handover (overdracht) and take-over (overname) ------------------------------------
    p = command("handover", _("draag dossiers over aan een opvolger: een nieuw journaal met een "
                              "eigen wachtwoord"))
    p.add_argument("--organisation", metavar=_("NAAM"),
                   help=_("alle dossiers van deze organisatie (verplicht als het journaal er "
                          "meer heeft, tenzij --case)"))
    p.add_argument("--case", action="append", dest="codes", metavar="CODE",
                   help=_("alleen dit dossier (mag vaker)"))
    p.add_argument("--to", required=True, metavar="NEW.vpj",
                   help=_("het nieuwe journaal voor de opvolger (bestaat nog niet)"))
    p.add_argument("--allow-weak-passphrase", action="store_true",
                   help=_("sta een zwak wachtwoord voor de opvolger toe"))
    p.add_argument("--allow-sync-folder", action="store_true",
                   help=_("sta een map toe die met een clouddienst synchroniseert"))
    p = sub.choices["import"]
    p.add_argument("--organisation", metavar=_("NAAM"),
                   help=_("bij een journaal: alleen de dossiers van deze organisatie overnemen"))
    # --- backups, restore and passphrase (issue 8) ---
    p = command("backup", _("maak en controleer nu een reservekopie; toont het pad"))
    p.add_argument("--to", metavar="DIR", help=_("map voor de reservekopie (standaard "
                                                 "'reservekopieën' naast het journaal)"))
    p = command("backups", _("toon de reservekopieën: bestand, datum, dossiers, gecontroleerd"))
    tsv_output(p)
    p = sub.add_parser("restore", help=_("zet een reservekopie terug"),
                       description=_("zet een reservekopie terug (vernietigde dossiers blijven "
                                     "vernietigd)"))
    p.add_argument("backup", metavar="BACKUP", help=_("het reservekopiebestand"))
    p.add_argument("--to", required=True, metavar="PATH", dest="path",
                   help=_("waar het journaal komt"))
    p.add_argument("--replace", action="store_true",
                   help=_("vervang een bestaand journaal (er wordt eerst een reservekopie van "
                          "gemaakt); heeft het een ander wachtwoord, geef dat dan ook (tweede "
                          "regel bij --passphrase-stdin)"))
    p.add_argument("--passphrase-stdin", action="store_true",
                   help=_("lees het wachtwoord van de eerste regel van stdin"))
    command("passphrase", _("wijzig het wachtwoord (met --passphrase-stdin: drie regels — oud, "
                            "nieuw, nieuw)"))
    # --- the passphrase floor (issue 9): a weak new passphrase only when allowed ---
    for name in ("init", "demo", "passphrase"):
        sub.choices[name].add_argument("--allow-weak-passphrase", action="store_true",
                                       help=_("sta een zwak (maar niet te kort of bekend) nieuw "
                                              "wachtwoord toe"))
    # --- kept letters (issue 9) ---
    p = command("letters", _("toon de verstuurde brieven van een dossier, of sla er een opnieuw "
                             "op als pdf"))
    tsv_output(p)
    p.add_argument("--case", required=True, metavar="CODE", help=_("dossiercode, bijv. 2026-014"))
    p.add_argument("--save", type=_count, metavar="N",
                   help=_("sla brief nummer N (zie de lijst) opnieuw op, precies zoals hij is "
                          "verstuurd"))
    p.add_argument("--out", metavar="FILE.pdf", help=_("het pdf-bestand (bij --save)"))
    # --- self-test (issue 10) ---
    parser.add_argument("--selftest", action="store_true",
                        help=_("controleer deze installatie (journaal, versleuteling, pdf, "
                               "lettertypen) in een tijdelijke map met verzonnen gegevens en stop"))
    # --- the evidence pack for IT and the FG (issue 10) ---
    # the documentation is Dutch only: in another interface language its help says so
    if language() == "nl":
        evidence_help = _("schrijf de documentatie voor IT en FG (html en markdown) in een map")
        evidence_description = _("schrijf de documentatie voor IT en FG (html en markdown) "
                                 "in een map; de cijfers komen uit het programma zelf")
    else:
        evidence_help = _(EVIDENCE_HELP_IN_DUTCH)
        evidence_description = _(EVIDENCE_DESCRIPTION_IN_DUTCH)
    p = sub.add_parser("evidence", help=evidence_help, description=evidence_description)
    p.add_argument("--out", required=True, metavar="DIR", help=_("de map (wordt zo nodig gemaakt)"))
    return parser


# --- passphrases ------------------------------------------------------------------------

def _read_stdin_line() -> str:
    # Invalid UTF-8 raises under a UTF-8 locale; under a C/POSIX locale Python's stdin uses
    # surrogateescape and the bad bytes arrive as lone surrogates instead. A line without
    # an end is cut off at a length no passphrase has (stdin could be /dev/zero).
    limit = 4096
    not_utf8 = _("het wachtwoord op stdin is geen geldige UTF-8-tekst")
    try:
        line = sys.stdin.readline(limit + 1)
    except UnicodeDecodeError:
        raise UsageError(not_utf8) from None
    if any("\ud800" <= ch <= "\udfff" for ch in line):
        raise UsageError(not_utf8)
    if len(line) > limit and not line.endswith("\n"):
        raise UsageError(_("het wachtwoord op stdin is te lang (meer dan {limit} tekens)")
                         .format(limit=limit))
    passphrase = line.rstrip("\r\n")
    if not passphrase:
        raise _NoPassphraseLine(_("geen wachtwoord op de eerste regel van stdin"))
    return passphrase


def _ask_existing(args) -> str:
    if args.passphrase_stdin:
        return _read_stdin_line()
    if not sys.stdin.isatty():
        raise UsageError(_("geen terminal om het wachtwoord te vragen; gebruik "
                           "--passphrase-stdin"))
    return getpass.getpass(_("Wachtwoord: "))


def _yes(answer: str) -> bool:
    """A "yes" at a [j/N] (or [y/N]) question, in either language."""
    return answer.strip().lower() in ("j", "ja", "y", "yes")


def _check_new_passphrase(passphrase: str, args, *, successor: bool = False) -> bool:
    """The floor of passphrase.py for a passphrase created here: below it a usage error; a
    weak one above it needs --allow-weak-passphrase or, at a terminal, a "ja". Returns
    whether a weak one was allowed. ``successor``: the passphrase is for a successor."""
    from .passphrase import assess_passphrase

    if not passphrase:
        raise UsageError(_("een wachtwoord is verplicht"))
    strength = assess_passphrase(passphrase)
    label = strength.label.lower()
    if strength.below_floor:
        hint = f"{strength.hint[0].lower()}{strength.hint[1:].rstrip('.')}"
        raise UsageError(
            (_("nieuw wachtwoord voor de opvolger geweigerd ({label}): {hint}") if successor
             else _("nieuw wachtwoord geweigerd ({label}): {hint}")).format(label=label,
                                                                           hint=hint))
    if not strength.is_weak:
        return False
    allowed = getattr(args, "allow_weak_passphrase", False)
    if not allowed and (args.passphrase_stdin or not sys.stdin.isatty()):
        raise UsageError(
            (_("zwak wachtwoord voor de opvolger ({label}): kies een sterker wachtwoord of "
               "gebruik --allow-weak-passphrase") if successor
             else _("zwak wachtwoord ({label}): kies een sterker wachtwoord of gebruik "
                    "--allow-weak-passphrase")).format(label=label))
    print((_("Let op: zwak wachtwoord voor de opvolger ({label}). {hint}") if successor
           else _("Let op: zwak wachtwoord ({label}). {hint}")).format(label=label,
                                                                      hint=strength.hint),
          file=sys.stderr)
    if allowed:
        return True
    if not _yes(input(_("Toch dit zwakke wachtwoord gebruiken? [j/N] "))):
        raise UsageError(_("gestopt: kies een sterker wachtwoord"))
    return True


def _ask_new(args) -> str:
    if args.passphrase_stdin:
        passphrase = _read_stdin_line()
        _check_new_passphrase(passphrase, args)
        return passphrase
    if not sys.stdin.isatty():
        raise UsageError(_("geen terminal om het wachtwoord te vragen; gebruik "
                           "--passphrase-stdin"))
    first = getpass.getpass(_("Nieuw wachtwoord: "))
    if getpass.getpass(_("Herhaal het wachtwoord: ")) != first:
        raise UsageError(_("de twee wachtwoorden verschillen"))
    _check_new_passphrase(first, args)
    return first


# --- commands -----------------------------------------------------------------------------

def _check_new_path(args) -> None:
    """Refuse a taken or forbidden place before asking for a passphrase."""
    from .storage.errors import JournalExists
    from .storage.vault import check_location

    if not args.path.strip():
        raise UsageError(_("geef de naam van het nieuwe journaalbestand"))
    path = Path(args.path).absolute()
    if path.is_dir():
        raise JournalExists(_("{path} is een map; geef de naam van een nieuw bestand.")
                            .format(path=path))
    if path.exists():
        raise JournalExists(_("Op {path} staat al een bestand; kies een andere naam.")
                            .format(path=path))
    check_location(path, allow_sync_folder=args.allow_sync_folder)


def _cmd_init(args) -> int:
    from .storage.journal import Journal

    _check_new_path(args)
    passphrase = _ask_new(args)
    Journal.create(args.path, passphrase, allow_sync_folder=args.allow_sync_folder).close()
    print(_("Journaal gemaakt: {path}").format(path=Path(args.path).absolute()))
    return EXIT_OK


def _cmd_demo(args) -> int:
    from .interchange.demo_data import create_demo_journal

    if not 1 <= args.cases <= 100_000:
        raise UsageError(_("--cases moet tussen 1 en 100000 liggen"))
    _check_new_path(args)
    passphrase = _ask_new(args)

    def progress(done: int, total: int) -> None:
        print("\r" + ngettext("{done} van {total} dossier", "{done} van {total} dossiers",
                              total).format(done=done, total=total),
              end="", file=sys.stderr, flush=True)

    try:
        create_demo_journal(args.path, passphrase, cases=args.cases, seed=args.seed,
                            progress=progress, allow_sync_folder=args.allow_sync_folder)
    finally:
        print(file=sys.stderr)  # end the progress line, also before an error message
    print(ngettext("Demojournaal gemaakt met {n} verzonnen dossier: {path}",
                   "Demojournaal gemaakt met {n} verzonnen dossiers: {path}", args.cases)
          .format(n=args.cases, path=Path(args.path).absolute()))
    return EXIT_OK


def _cmd_import(args) -> int:
    from .services.handover import looks_like_json
    from .services.importing import import_cases, read_import_file
    from .storage.journal import Journal

    if not looks_like_json(args.file):  # by content: anything but JSON is a take-over
        return _cmd_take_over(args)
    if args.organisation:
        raise UsageError(_("--organisation geldt alleen bij overnemen uit een journaal"))
    raw = read_import_file(args.file)  # a bad file is refused before the passphrase is asked
    with Journal.open(args.path, _ask_existing(args)) as journal:
        count = import_cases(journal, raw)
    print(ngettext("{n} dossier geïmporteerd.", "{n} dossiers geïmporteerd.", count)
          .format(n=count))
    return EXIT_OK


def _cmd_cases(args) -> int:
    from .storage.journal import Journal

    status = {"closed": "gesloten"}.get(args.status, args.status)
    with Journal.open(args.path, _ask_existing(args)) as journal:
        rows = journal.case_summaries(year=args.year, status=status)
    out = sys.stdout
    out.write("code\tgeopend\tgesloten\tstatus\tcategorieen\n")
    for r in sorted(rows, key=lambda r: r.code):
        closed = r.closed.isoformat() if r.closed else ""
        out.write(f"{r.code}\t{r.opened.isoformat()}\t{closed}\t{r.status}\t"
                  f"{','.join(r.categories)}\n")
    out.flush()  # a closed pipe shows here, inside main(), not at exit
    return EXIT_OK


def _cmd_verify(args) -> int:
    from .storage.journal import Journal

    with Journal.open(args.path, _ask_existing(args)) as journal:
        report = journal.verify()
    if not report.ok:
        found = len(report.problems)
        print(f"{PROG}: " + ngettext(
            "het journaal is beschadigd ({n} probleem gevonden); zet een reservekopie terug.",
            "het journaal is beschadigd ({n} problemen gevonden); zet een reservekopie terug.",
            found).format(n=found), file=sys.stderr)
        return EXIT_DAMAGED
    counts = ", ".join((
        ngettext("{n} dossier", "{n} dossiers", report.cases).format(n=report.cases),
        ngettext("{n} gesprek", "{n} gesprekken", report.consultations)
        .format(n=report.consultations),
        ngettext("{n} vervolgstap", "{n} vervolgstappen", report.follow_ups)
        .format(n=report.follow_ups)))
    print(_("Journaal in orde. Schemaversie {version}; {counts}.")
          .format(version=report.schema_version, counts=counts))
    return EXIT_OK


def _cmd_templates(args) -> int:
    from .letters.compose import available_templates, recipient_label
    from .storage.journal import Journal

    with Journal.open(args.path, _ask_existing(args)) as journal:
        templates = available_templates(journal.custom_templates())
    sys.stdout.write("id\tsoort\tontvanger\ttitel\n")
    for t in templates:
        kind = TEMPLATE_KINDS[t.builtin]
        sys.stdout.write(f"{t.id}\t{kind}\t{recipient_label(t)}\t{t.title}\n")
    return EXIT_OK


def _print_refusal(exc) -> None:
    """A service's refusal or failure: its fixed sentence, then its detail lines."""
    print(f"{PROG}: {exc.message}", file=sys.stderr)
    for line in exc.details:
        print(f"  {line}", file=sys.stderr)


def _numbers(text: str) -> list[int]:
    try:
        return [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(_("geef nummers, bijvoorbeeld 1,3")) from None


def _cmd_letter(args) -> int:
    from .services.letters import LetterMaker, case_id_for_code
    from .storage.journal import Journal

    with Journal.open(args.path, _ask_existing(args)) as journal:
        maker = LetterMaker(journal, case_id_for_code(journal, args.case))
        draft = maker.start(journal, args.template, args.with_identity)
        out = maker.save(journal, draft, args.out, acknowledged_numbers=args.acknowledge or ())
    print(_("Brief opgeslagen (niet versleuteld!): {path}").format(path=out))
    return EXIT_OK


def _cmd_report(args) -> int:
    from .services.letters import CaseReportMaker, case_id_for_code
    from .storage.journal import Journal

    with Journal.open(args.path, _ask_existing(args)) as journal:
        maker = CaseReportMaker(journal, case_id_for_code(journal, args.case))
        out = maker.save(journal, args.out, inzage=args.inzage, lang=args.document_lang)
    if args.inzage:
        print(_("Inzage opgeslagen (niet versleuteld!): {path}").format(path=out))
    else:
        print(_("Dossieroverzicht opgeslagen (niet versleuteld!): {path}").format(path=out))
    return EXIT_OK


def _cmd_stats(args) -> int:
    from .services.annual import build_publication, choose_organisation, export_publication
    from .storage.journal import Journal

    if not 3 <= args.k <= 10:
        raise UsageError(_("--k moet tussen 3 en 10 liggen"))
    with Journal.open(args.path, _ask_existing(args)) as journal:
        organisation = choose_organisation(journal.organisations(), args.organisation)
        publication = build_publication(journal, year=args.year, organisation=organisation,
                                        k=args.k, lang=args.document_lang)
        out = export_publication(journal, publication, args.format, args.out,
                                 acknowledged_numbers=args.acknowledge or ())
    hidden = len(publication.review)
    saved = _("Jaarverslag {year} ({organisation}) opgeslagen: {path}").format(
        year=args.year, organisation=organisation.name, path=out)
    if hidden:
        saved += ngettext("; {n} cel verborgen", "; {n} cellen verborgen", hidden).format(
            n=hidden)
    print(saved)
    if publication.tiny:
        print(_("Minder dan {k} meldingen: alleen het totaal en uw eigen tekst staan erin.")
              .format(k=args.k))
    return EXIT_OK


def _cmd_due(args) -> int:
    from .services.retention import overview
    from .storage.journal import Journal

    with Journal.open(args.path, _ask_existing(args)) as journal:
        listing = overview(journal)
    out = sys.stdout
    out.write("code\torganisatie\tgesloten\tvernietigen_na\tstand\n")
    overdue, soon, held = DUE_STATES
    for item, state in ([(d, overdue) for d in listing.overdue]
                        + [(d, soon) for d in listing.soon]
                        + [(d, held) for d in listing.held]):
        closed = item.closed.isoformat() if item.closed else ""
        after = item.destroy_after.isoformat() if item.destroy_after != date.max else ""
        out.write(f"{item.code}\t{item.organisation}\t{closed}\t{after}\t{state}\n")
    out.flush()
    return EXIT_OK


# --- backups, restore and passphrase (issue 8) ---------------------------------------------

def _cmd_backup(args) -> int:
    from .services.backups import make_backup_now
    from .storage.journal import Journal

    with Journal.open(args.path, _ask_existing(args)) as journal:
        outcome = make_backup_now(journal, to=args.to)
    for info in outcome.made:
        print(info.path)
    if outcome.second_missing:
        from .services.backups import SECOND_MISSING

        print(f"{PROG}: {_(SECOND_MISSING)}", file=sys.stderr)
    if outcome.second_error:  # a fixed service wording (backups._failure), no exception text
        print(f"{PROG}: " + _("tweede plek: {error}").format(error=outcome.second_error),
              file=sys.stderr)
    return EXIT_OK


def _cmd_backups(args) -> int:
    from .services.backups import list_backups
    from .storage.journal import Journal

    with Journal.open(args.path, _ask_existing(args)) as journal:
        entries = list_backups(journal)
    out = sys.stdout
    out.write("bestand\tdatum\tdossiers\tgecontroleerd\n")
    for e in entries:
        cases = "" if e.cases is None else str(e.cases)
        checked = BACKUP_CHECKED[(e.verified, e.older_passphrase)]
        out.write(f"{e.path}\t{e.made_at.strftime('%Y-%m-%d %H:%M')}\t{cases}\t{checked}\n")
    out.flush()
    return EXIT_OK


def _cmd_destroy(args) -> int:
    from .services.retention import (
        case_ids_for_codes,
        confirmation_question,
        describe,
        destroy,
        overview,
    )
    from .storage.journal import Journal

    if not args.yes and not args.dry_run and not sys.stdin.isatty():
        raise UsageError(_("zonder terminal is --yes nodig om te vernietigen"))
    with Journal.open(args.path, _ask_existing(args)) as journal:
        if args.due:
            chosen = [(d.id, d.code) for d in overview(journal).overdue]
        else:
            codes = [c.strip() for c in args.case]
            chosen = list(zip(case_ids_for_codes(journal, codes), codes, strict=True))
        if not chosen:
            print(_("Er is niets te vernietigen."))
            return EXIT_OK
        if args.dry_run:
            print(ngettext("Zou vernietigen ({n} dossier): {codes}",
                           "Zou vernietigen ({n} dossiers): {codes}", len(chosen))
                  .format(n=len(chosen), codes=", ".join(code for _id, code in chosen)))
            return EXIT_OK
        if not args.yes and not _yes(input(confirmation_question(len(chosen))
                                           + _(" [j/N] "))):
            print(_("Niets vernietigd."))
            return EXIT_OK
        entries = destroy(journal, [case_id for case_id, _code in chosen])
    print(describe(entries))
    return EXIT_OK


# --- handover (overdracht) and take-over (overname) ------------------------------------------

def _read_stdin_line_nr(missing: str) -> str:
    """The next passphrase line of stdin; ``missing`` is the message when it is empty."""
    try:
        return _read_stdin_line()
    except _NoPassphraseLine:
        raise UsageError(missing) from None


def _ask_successor(args) -> tuple[str, bool]:
    """The successor's new passphrase (lines 2 and 3 of stdin, or asked twice), and whether
    a weak one was explicitly allowed."""
    if args.passphrase_stdin:
        first = _read_stdin_line_nr(_("geen wachtwoord op de tweede regel van stdin"))
        if _read_stdin_line_nr(_("geen wachtwoord op de derde regel van stdin")) != first:
            raise UsageError(_("de twee nieuwe wachtwoorden (regel 2 en 3 van stdin) "
                               "verschillen"))
        return first, args.allow_weak_passphrase  # the service applies the same floor
    first = getpass.getpass(_("Nieuw wachtwoord voor de opvolger: "))
    if getpass.getpass(_("Herhaal het nieuwe wachtwoord: ")) != first:
        raise UsageError(_("de twee wachtwoorden verschillen"))
    return first, _check_new_passphrase(first, args, successor=True)


def _cmd_handover(args) -> int:
    from .services.handover import check_new_journal_path, choose_cases, hand_over
    from .storage.journal import Journal

    # a taken or forbidden place is refused before any passphrase is asked
    check_new_journal_path(args.to, allow_sync_folder=args.allow_sync_folder)
    with Journal.open(args.path, _ask_existing(args)) as journal:
        ids = choose_cases(journal, args.organisation, args.codes or ())
        passphrase, allow_weak = _ask_successor(args)
        result = hand_over(journal, ids, args.to, passphrase, allow_weak=allow_weak,
                           allow_sync_folder=args.allow_sync_folder)
    print(ngettext("{n} dossier overgedragen naar {path}. Geef het wachtwoord apart van het "
                   "bestand aan de opvolger. Vernietig daarna het overgedragen dossier in uw "
                   "eigen journaal.",
                   "{n} dossiers overgedragen naar {path}. Geef het wachtwoord apart van het "
                   "bestand aan de opvolger. Vernietig daarna de overgedragen dossiers in uw "
                   "eigen journaal.", len(result.codes))
          .format(n=len(result.codes), path=result.path))
    return EXIT_OK


def _cmd_take_over(args) -> int:
    from .services.handover import check_other_journal_file, take_over_file
    from .storage.journal import Journal

    check_other_journal_file(args.file)  # before any passphrase is asked
    own = _ask_existing(args)
    if args.passphrase_stdin:
        other = _read_stdin_line_nr(_("geen wachtwoord op de tweede regel van stdin"))
    else:
        other = getpass.getpass(_("Wachtwoord van het andere journaal: "))
    with Journal.open(args.path, own) as journal:
        result = take_over_file(journal, args.file, other, args.organisation)
    taken = len(result.codes)
    if result.organisations_created:
        print(ngettext("{n} dossier overgenomen, codes behouden; nieuwe organisatie: "
                       "{organisations}.",
                       "{n} dossiers overgenomen, codes behouden; nieuwe organisatie: "
                       "{organisations}.", taken)
              .format(n=taken, organisations=", ".join(result.organisations_created)))
    else:
        print(ngettext("{n} dossier overgenomen, codes behouden.",
                       "{n} dossiers overgenomen, codes behouden.", taken).format(n=taken))
    return EXIT_OK


def _cmd_restore(args) -> int:
    from .services.backups import OtherPassphraseNeeded, restore

    if not args.path.strip():
        raise UsageError(_("geef met --to waar het journaal komt"))
    target = Path(args.path).absolute()
    if target.exists() and not args.replace:
        from .storage.errors import JournalExists

        raise JournalExists(_("Op {path} staat al een bestand; gebruik --replace om het te "
                              "vervangen (er wordt eerst een reservekopie van gemaakt).")
                            .format(path=target))
    passphrase = _ask_existing(args)
    current = None  # the own passphrase of a journal whose log must be read, when changed
    if args.passphrase_stdin:
        with contextlib.suppress(_NoPassphraseLine):  # absent; an invalid line still errs
            current = _read_stdin_line()
    try:
        outcome = restore(args.backup, passphrase, target, replace=args.replace,
                          current_passphrase=current)
    except OtherPassphraseNeeded:
        if args.passphrase_stdin or not sys.stdin.isatty():
            raise
        current = getpass.getpass(_("Het huidige journaal heeft een ander wachtwoord; "
                                    "typ dat: "))
        outcome = restore(args.backup, passphrase, target, replace=args.replace,
                          current_passphrase=current)
    if outcome.safety_backup is not None:
        print(_("Het vorige journaal is bewaard: {path}").format(path=outcome.safety_backup))
    if outcome.reapplied:
        print(_("Opnieuw vernietigd: {codes}").format(codes=", ".join(outcome.reapplied)))
    print(_("Reservekopie teruggezet: {path}").format(path=outcome.path))
    return EXIT_OK


def _cmd_passphrase(args) -> int:
    from .services.backups import change_passphrase
    from .storage.journal import Journal

    old = _ask_existing(args)
    if args.passphrase_stdin:
        new = _ask_new(args)
        repeat = _read_stdin_line()
    else:
        new = _ask_new(args)  # asks twice
        repeat = new
    with Journal.open(args.path, old) as journal:
        outcome = change_passphrase(journal, old, new, repeat)
    print(_("Wachtwoord gewijzigd."))
    if outcome is None:
        print(f"{PROG}: " + _("de reservekopie met het nieuwe wachtwoord is niet gelukt; maak "
                              "er een met 'backup'."), file=sys.stderr)
    else:
        print(_("Reservekopie met het nieuwe wachtwoord: {path}")
              .format(path=outcome.made[0].path))
    return EXIT_OK


def _cmd_letters(args) -> int:
    from .services.letters import case_id_for_code, kept_letters, save_kept_letter
    from .storage.journal import Journal

    if (args.save is None) != (args.out is None):
        raise UsageError(_("--save en --out horen bij elkaar"))
    with Journal.open(args.path, _ask_existing(args)) as journal:
        letters = kept_letters(journal, case_id_for_code(journal, args.case))
        if args.save is None:
            sys.stdout.write("nr\tdatum\tsjabloon\taan\thoe\n")
            for number, k in enumerate(letters, 1):
                how = LETTER_OUTPUTS[(k.output == "afgedrukt", bool(k.with_identity))]
                sys.stdout.write(f"{number}\t{k.kept_at.isoformat(sep=' ', timespec='minutes')}"
                                 f"\t{k.template_title}\t{k.recipient}\t{how}\n")
            sys.stdout.flush()
            return EXIT_OK
        if not 1 <= args.save <= len(letters):
            raise UsageError(ngettext(
                "dit dossier heeft {n} verstuurde brief; kies een nummer uit de lijst",
                "dit dossier heeft {n} verstuurde brieven; kies een nummer uit de lijst",
                len(letters)).format(n=len(letters)))
        out = save_kept_letter(journal, letters[args.save - 1].id or 0, args.out)
    print(_("Brief opnieuw opgeslagen (niet versleuteld!): {path}").format(path=out))
    return EXIT_OK


# --- self-test (issue 10) -----------------------------------------------------------------

def _run_selftest() -> int:
    """One line per check on stdout; exit 0 only when every check passed."""
    from .services.selftest import run_selftest, summary

    try:
        from .ui.selftest_qt import qt_checks
    except ImportError:  # Qt itself is broken: that is a finding, reported as FOUT below
        qt_checks = None

    def show(result) -> None:
        print(result.line, flush=True)

    results = run_selftest(qt_checks, report=show)
    if qt_checks is None:
        from .services.selftest import CheckResult

        results.append(CheckResult(False, _("Qt: de Qt-bibliotheken kunnen niet worden "
                                            "geladen")))
        show(results[-1])
    print(summary(results))
    return EXIT_OK if all(r.ok for r in results) else EXIT_ERROR
def _cmd_evidence(args) -> int:  # issue 10
    from .services.evidence import gather_facts, write_pack

    try:
        from .ui.evidence_window import settings_location

        location = settings_location()
    except ImportError:  # no Qt: the settings place stays "onbekend"
        location = ""
    for path in write_pack(args.out, gather_facts(settings_location=location)):
        print(path)
    return EXIT_OK


COMMANDS = {"stats": _cmd_stats, "init": _cmd_init, "demo": _cmd_demo, "import": _cmd_import,
            "cases": _cmd_cases, "verify": _cmd_verify, "templates": _cmd_templates,
            "letter": _cmd_letter, "report": _cmd_report,
            "due": _cmd_due, "destroy": _cmd_destroy, "handover": _cmd_handover,
            "backup": _cmd_backup, "backups": _cmd_backups, "restore": _cmd_restore,
            "passphrase": _cmd_passphrase, "letters": _cmd_letters,
            "evidence": _cmd_evidence}


# Commands that change a journal the window may have open: refused while a window holds
# it (and holding it themselves meanwhile, so no window unlocks it halfway). Issue 10.
WINDOW_EXCLUSIVE_COMMANDS = frozenset({"import", "destroy", "passphrase", "restore"})


def _run_gui(args) -> int:
    if sys.platform.startswith("linux") and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
            or os.environ.get("QT_QPA_PLATFORM")):
        print(f"{PROG}: " + _("geen beeldscherm gevonden (DISPLAY is leeg); start het "
                              "programma vanuit een grafische sessie of gebruik een opdracht "
                              "(zie --help)."), file=sys.stderr)
        return EXIT_ERROR
    from .ui.app import run_app

    return run_app(journal=args.journal, demo=args.demo, lang=args.lang)  # --lang beats the setting


def no_core_dumps() -> None:
    """A crash must not write the decrypted pages and the passphrase in memory to a core
    file (or to systemd-coredump, which honours the limit). Windows and macOS crash reports
    are the organisation's policy (see the evidence pack)."""
    try:
        import resource
    except ImportError:  # not a POSIX system
        return
    with contextlib.suppress(ValueError, OSError):  # the soft limit is the one that counts
        resource.setrlimit(resource.RLIMIT_CORE, (0, resource.getrlimit(resource.RLIMIT_CORE)[1]))


def main(argv: Sequence[str] | None = None) -> int:
    from .domain.validation import ValidationError
    from .services.errors import ServiceError, user_message
    from .storage.errors import StorageError, SyncFolderRefused

    no_core_dumps()
    if argv is None:
        argv = sys.argv[1:]
    set_language(_language_in(argv))  # None: the system's (nl when it is not nl or en)
    try:
        args = build_parser().parse_args(argv)
        if args.selftest:
            return _run_selftest()
        if args.command is None:
            return _run_gui(args)
        if args.command in WINDOW_EXCLUSIVE_COMMANDS:  # issue 10: not while a window has it
            from .ui.single_instance import claim_for_command

            with claim_for_command(args.path) as refusal:
                if refusal:
                    print(f"{PROG}: {refusal}", file=sys.stderr)
                    return EXIT_ERROR
                return COMMANDS[args.command](args)
        return COMMANDS[args.command](args)
    except UsageError as exc:
        print(f"{PROG}: " + _("{message} (zie {prog} --help)").format(message=exc.message,
                                                                      prog=PROG),
              file=sys.stderr)
        return EXIT_USAGE
    except StorageError as exc:
        hint = ""
        if isinstance(exc, SyncFolderRefused):
            hint = " " + _("Wilt u dit toch, gebruik dan --allow-sync-folder.")
        print(f"{PROG}: {exc.message}{hint}", file=sys.stderr)
        return exc.exit_code
    except ServiceError as exc:
        _print_refusal(exc)
        return exc.exit_code
    except ValidationError as exc:
        print(f"{PROG}: " + _("ongeldige gegevens: {problems}").format(
            problems="; ".join(exc.problems)), file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # e.g. `vp-desktop cases … | head`: the reader has enough
        with contextlib.suppress(OSError, ValueError):  # Python's recipe: no flush error at exit
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:
        print(f"{PROG}: {user_message(exc)}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print(f"{PROG}: " + _("afgebroken"), file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:  # never a traceback in the user's face, never its text
        print(f"{PROG}: {user_message(exc)}", file=sys.stderr)
        return EXIT_ERROR


def gui_main() -> int:
    """Entry point without a console (Windows shortcuts, file associations)."""
    argv = sys.argv[1:]
    if len(argv) == 1 and argv[0].lower().endswith(".vpj"):  # a double-clicked journal
        argv = ["--journal", argv[0]]
    return main(argv)


def run() -> None:
    sys.exit(main())
