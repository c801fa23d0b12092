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

from .dutch import plural

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_PASSPHRASE, EXIT_DAMAGED, EXIT_LOCATION = 0, 1, 2, 3, 4, 5
PROG = "vp-desktop"


class UsageError(Exception):
    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else ""


# argparse speaks English through gettext; these are its messages that users can meet.
_ARGPARSE_NL = {
    "usage: ": "gebruik: ",
    "options": "opties",
    "positional arguments": "argumenten",
    "show this help message and exit": "toon deze hulp en stop",
    "the following arguments are required: %s": "deze argumenten ontbreken: %s",
    "invalid %(type)s value: %(value)r": "ongeldige waarde: %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "ongeldige keuze: %(value)r (kies uit %(choices)s)",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "expected one argument": "verwacht één waarde",
    "ambiguous option: %(option)s could match %(matches)s":
        "dubbelzinnige optie: %(option)s kan %(matches)s zijn",
}
argparse._ = lambda text: _ARGPARSE_NL.get(text, text)  # type: ignore[attr-defined]

_OS_ERRORS_NL = {
    FileNotFoundError: "bestaat niet",
    IsADirectoryError: "is een map, geen bestand",
    PermissionError: "geen toegang",
}


def _os_error_nl(exc: OSError) -> str:
    return next((text for cls, text in _OS_ERRORS_NL.items() if isinstance(exc, cls)),
                "kan niet worden gelezen")


def _year(text: str) -> int:
    try:
        year = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is geen jaartal") from None
    if not 1900 <= year <= 2100:
        raise argparse.ArgumentTypeError(f"jaar {year} ligt niet tussen 1900 en 2100")
    return year


def _count(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is geen geheel getal") from None


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="VP Desktop — versleuteld journaal voor vertrouwenspersonen. "
        "Zonder opdracht opent het programma.",
    )
    parser.add_argument("--journal", metavar="PATH", help="journaal om te openen in het venster")
    parser.add_argument("--demo", action="store_true",
                        help="open een nieuw demojournaal met verzonnen gegevens")
    sub = parser.add_subparsers(dest="command", metavar="OPDRACHT", parser_class=_Parser)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("path", metavar="PATH", help="het journaalbestand")
        p.add_argument("--passphrase-stdin", action="store_true",
                       help="lees het wachtwoord van de eerste regel van stdin")
        return p

    p = command("init", "maak een leeg journaal")
    p.add_argument("--allow-sync-folder", action="store_true",
                   help="sta een map toe die met een clouddienst synchroniseert")
    p = command("demo", "maak een journaal met verzonnen gegevens")
    p.add_argument("--cases", type=_count, default=250, help="aantal dossiers (standaard 250)")
    p.add_argument("--seed", type=_count, default=1, help="startwaarde voor de gegevens")
    p.add_argument("--allow-sync-folder", action="store_true",
                   help="sta een map toe die met een clouddienst synchroniseert")
    p = command("import", "voeg dossiers toe uit een JSON-bestand (alles of niets), of neem ze "
                "over uit een ander journaal")
    p.add_argument("file", metavar="FILE", help="bestand in het importformaat (JSON) of een "
                   "ander journaal")
    p = command("cases", "toon dossiers: code, data, status, categorieën (nooit namen of notities)")
    p.add_argument("--year", type=_year, help="alleen dossiers geopend in dit jaar")
    p.add_argument("--status", choices=["open", "closed", "gesloten"], help="open of gesloten")
    command("verify", "open het journaal en controleer het volledig")
    command("templates", "toon de briefsjablonen (ingebouwd en eigen)")
    p = command("letter", "maak een geanonimiseerde brief als pdf")
    p.add_argument("--case", required=True, metavar="CODE", help="dossiercode, bijv. 2026-014")
    p.add_argument("--template", required=True, metavar="ID", help="sjabloon (zie templates)")
    p.add_argument("--out", required=True, metavar="FILE.pdf", help="het pdf-bestand")
    p.add_argument("--with-identity", action="store_true",
                   help="namen gebruiken; alleen als de melder toestemming gaf (in het dossier)")
    p.add_argument("--acknowledge", type=_numbers, metavar="N[,N]",
                   help="bevestig 'mogelijk een naam' nummer N (zie de melding) als geen naam")
    p = command("report", "maak een dossieroverzicht als pdf")
    p.add_argument("--case", required=True, metavar="CODE", help="dossiercode, bijv. 2026-014")
    p.add_argument("--inzage", action="store_true",
                   help="inzage voor de melder: namen van anderen vervangen door hun rol")
    p.add_argument("--out", required=True, metavar="FILE.pdf", help="het pdf-bestand")
    p = command("stats", "maak het geanonimiseerde jaarverslag (pdf, csv of json)")
    p.add_argument("--year", type=_year, required=True, help="het verslagjaar")
    p.add_argument("--organisation", metavar="NAAM",
                   help="de organisatie (verplicht als het journaal er meer heeft)")
    p.add_argument("--k", type=_count, default=5, help="drempel: aantallen 1..k-1 worden '<k' "
                   "(standaard 5, toegestaan 3 tot 10)")
    p.add_argument("--format", required=True, choices=["pdf", "csv", "json"],
                   help="pdf, csv (Nederlandse Excel) of json")
    p.add_argument("--out", required=True, metavar="FILE", help="het uitvoerbestand")
    p.add_argument("--acknowledge", type=_numbers, metavar="N[,N]",
                   help="bevestig 'mogelijk een naam' nummer N in uw eigen tekst als geen naam")
    # retention
    command("due", "toon dossiers over of bijna over hun vernietigingsdatum, en bewaarde")
    p = command("destroy", "vernietig de persoonsgegevens van gesloten dossiers "
                "(de anonieme statistiek blijft)")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--case", action="append", metavar="CODE",
                       help="dossiercode; meermaals te geven")
    which.add_argument("--due", action="store_true",
                       help="alle gesloten dossiers over hun vernietigingsdatum (niet bewaarde)")
    p.add_argument("--dry-run", action="store_true", help="toon alleen wat er zou gebeuren")
    p.add_argument("--yes", action="store_true", help="niet vragen (nodig zonder terminal)")
    # --- handover (overdracht) and take-over (overname) ------------------------------------
    p = command("handover", "draag dossiers over aan een opvolger: een nieuw journaal met een "
                "eigen wachtwoord")
    p.add_argument("--organisation", metavar="NAAM",
                   help="alle dossiers van deze organisatie (verplicht als het journaal er meer "
                   "heeft, tenzij --case)")
    p.add_argument("--case", action="append", dest="codes", metavar="CODE",
                   help="alleen dit dossier (mag vaker)")
    p.add_argument("--to", required=True, metavar="NEW.vpj",
                   help="het nieuwe journaal voor de opvolger (bestaat nog niet)")
    p.add_argument("--allow-weak-passphrase", action="store_true",
                   help="sta een zwak wachtwoord voor de opvolger toe")
    p.add_argument("--allow-sync-folder", action="store_true",
                   help="sta een map toe die met een clouddienst synchroniseert")
    p = sub.choices["import"]
    p.add_argument("--organisation", metavar="NAAM",
                   help="bij een journaal: alleen de dossiers van deze organisatie overnemen")
    # --- backups, restore and passphrase (issue 8) ---
    p = command("backup", "maak en controleer nu een reservekopie; toont het pad")
    p.add_argument("--to", metavar="DIR", help="map voor de reservekopie (standaard "
                   "'reservekopieën' naast het journaal)")
    command("backups", "toon de reservekopieën: bestand, datum, dossiers, gecontroleerd")
    p = sub.add_parser("restore", help="zet een reservekopie terug",
                       description="zet een reservekopie terug (vernietigde dossiers blijven "
                       "vernietigd)")
    p.add_argument("backup", metavar="BACKUP", help="het reservekopiebestand")
    p.add_argument("--to", required=True, metavar="PATH", dest="path",
                   help="waar het journaal komt")
    p.add_argument("--replace", action="store_true",
                   help="vervang een bestaand journaal (er wordt eerst een reservekopie van "
                   "gemaakt); heeft het een ander wachtwoord, geef dat dan ook (tweede regel "
                   "bij --passphrase-stdin)")
    p.add_argument("--passphrase-stdin", action="store_true",
                   help="lees het wachtwoord van de eerste regel van stdin")
    command("passphrase", "wijzig het wachtwoord (met --passphrase-stdin: drie regels — oud, "
            "nieuw, nieuw)")
    # --- the passphrase floor (issue 9): a weak new passphrase only when allowed ---
    for name in ("init", "demo", "passphrase"):
        sub.choices[name].add_argument("--allow-weak-passphrase", action="store_true",
                                       help="sta een zwak (maar niet te kort of bekend) "
                                       "nieuw wachtwoord toe")
    # --- kept letters (issue 9) ---
    p = command("letters", "toon de verstuurde brieven van een dossier, of sla er een opnieuw "
                "op als pdf")
    p.add_argument("--case", required=True, metavar="CODE", help="dossiercode, bijv. 2026-014")
    p.add_argument("--save", type=_count, metavar="N", help="sla brief nummer N (zie de lijst) "
                   "opnieuw op, precies zoals hij is verstuurd")
    p.add_argument("--out", metavar="FILE.pdf", help="het pdf-bestand (bij --save)")
    # --- self-test (issue 10) ---
    parser.add_argument("--selftest", action="store_true",
                        help="controleer deze installatie (journaal, versleuteling, pdf, "
                        "lettertypen) in een tijdelijke map met verzonnen gegevens en stop")
    # --- the evidence pack for IT and the FG (issue 10) ---
    p = sub.add_parser("evidence", help="schrijf de documentatie voor IT en FG (html en "
                       "markdown) in een map",
                       description="schrijf de documentatie voor IT en FG (html en markdown) "
                       "in een map; de cijfers komen uit het programma zelf")
    p.add_argument("--out", required=True, metavar="DIR", help="de map (wordt zo nodig gemaakt)")
    return parser


# --- passphrases ------------------------------------------------------------------------

def _read_stdin_line() -> str:
    # Invalid UTF-8 raises under a UTF-8 locale; under a C/POSIX locale Python's stdin uses
    # surrogateescape and the bad bytes arrive as lone surrogates instead. A line without
    # an end is cut off at a length no passphrase has (stdin could be /dev/zero).
    limit = 4096
    not_utf8 = "het wachtwoord op stdin is geen geldige UTF-8-tekst"
    try:
        line = sys.stdin.readline(limit + 1)
    except UnicodeDecodeError:
        raise UsageError(not_utf8) from None
    if any("\ud800" <= ch <= "\udfff" for ch in line):
        raise UsageError(not_utf8)
    if len(line) > limit and not line.endswith("\n"):
        raise UsageError(f"het wachtwoord op stdin is te lang (meer dan {limit} tekens)")
    passphrase = line.rstrip("\r\n")
    if not passphrase:
        raise UsageError("geen wachtwoord op de eerste regel van stdin")
    return passphrase


def _ask_existing(args) -> str:
    if args.passphrase_stdin:
        return _read_stdin_line()
    if not sys.stdin.isatty():
        raise UsageError("geen terminal om het wachtwoord te vragen; gebruik --passphrase-stdin")
    return getpass.getpass("Wachtwoord: ")


def _check_new_passphrase(passphrase: str, args, *, whose: str = "") -> bool:
    """The floor of passphrase.py for a passphrase created here: below it a usage error; a
    weak one above it needs --allow-weak-passphrase or, at a terminal, a "ja". Returns
    whether a weak one was allowed."""
    from .passphrase import assess_passphrase

    if not passphrase:
        raise UsageError("een wachtwoord is verplicht")
    strength = assess_passphrase(passphrase)
    if strength.below_floor:
        raise UsageError(f"nieuw wachtwoord{whose} geweigerd ({strength.label.lower()}): "
                         f"{strength.hint[0].lower()}{strength.hint[1:].rstrip('.')}")
    if not strength.is_weak:
        return False
    allowed = getattr(args, "allow_weak_passphrase", False)
    if not allowed and (args.passphrase_stdin or not sys.stdin.isatty()):
        raise UsageError(f"zwak wachtwoord{whose} ({strength.label.lower()}): kies een "
                         "sterker wachtwoord of gebruik --allow-weak-passphrase")
    print(f"Let op: zwak wachtwoord{whose} ({strength.label.lower()}). {strength.hint}",
          file=sys.stderr)
    if allowed:
        return True
    if input("Toch dit zwakke wachtwoord gebruiken? [j/N] ").strip().lower() not in ("j", "ja"):
        raise UsageError("gestopt: kies een sterker wachtwoord")
    return True


def _ask_new(args) -> str:
    if args.passphrase_stdin:
        passphrase = _read_stdin_line()
        _check_new_passphrase(passphrase, args)
        return passphrase
    if not sys.stdin.isatty():
        raise UsageError("geen terminal om het wachtwoord te vragen; gebruik --passphrase-stdin")
    first = getpass.getpass("Nieuw wachtwoord: ")
    if getpass.getpass("Herhaal het wachtwoord: ") != first:
        raise UsageError("de twee wachtwoorden verschillen")
    _check_new_passphrase(first, args)
    return first


# --- commands -----------------------------------------------------------------------------

def _check_new_path(args) -> None:
    """Refuse a taken or forbidden place before asking for a passphrase."""
    from .storage.errors import JournalExists
    from .storage.vault import check_location

    if not args.path.strip():
        raise UsageError("geef de naam van het nieuwe journaalbestand")
    path = Path(args.path).absolute()
    if path.is_dir():
        raise JournalExists(f"{path} is een map; geef de naam van een nieuw bestand.")
    if path.exists():
        raise JournalExists(f"Op {path} staat al een bestand; kies een andere naam.")
    check_location(path, allow_sync_folder=args.allow_sync_folder)


def _cmd_init(args) -> int:
    from .storage.journal import Journal

    _check_new_path(args)
    passphrase = _ask_new(args)
    Journal.create(args.path, passphrase, allow_sync_folder=args.allow_sync_folder).close()
    print(f"Journaal gemaakt: {Path(args.path).absolute()}")
    return EXIT_OK


def _cmd_demo(args) -> int:
    from .interchange.demo_data import create_demo_journal

    if not 1 <= args.cases <= 100_000:
        raise UsageError("--cases moet tussen 1 en 100000 liggen")
    _check_new_path(args)
    passphrase = _ask_new(args)

    def progress(done: int, total: int) -> None:
        print(f"\r{done} van {plural(total, 'dossier', 'dossiers')}", end="", file=sys.stderr, flush=True)

    try:
        create_demo_journal(args.path, passphrase, cases=args.cases, seed=args.seed,
                            progress=progress, allow_sync_folder=args.allow_sync_folder)
    finally:
        print(file=sys.stderr)  # end the progress line, also before an error message
    print(f"Demojournaal gemaakt met {plural(args.cases, 'verzonnen dossier', 'verzonnen dossiers')}: {Path(args.path).absolute()}")
    return EXIT_OK


def _cmd_import(args) -> int:
    from .services.handover import looks_like_json
    from .services.importing import import_cases, read_import_file
    from .storage.journal import Journal

    if not looks_like_json(args.file):  # by content: anything but JSON is a take-over
        return _cmd_take_over(args)
    if args.organisation:
        raise UsageError("--organisation geldt alleen bij overnemen uit een journaal")
    raw = read_import_file(args.file)  # a bad file is refused before the passphrase is asked
    with Journal.open(args.path, _ask_existing(args)) as journal:
        count = import_cases(journal, raw)
    print(f"{plural(count, 'dossier', 'dossiers')} geïmporteerd.")
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
        found = plural(len(report.problems), "probleem", "problemen")
        print(f"{PROG}: het journaal is beschadigd ({found} gevonden); zet een reservekopie "
              "terug.", file=sys.stderr)
        return EXIT_DAMAGED
    print(f"Journaal in orde. Schemaversie {report.schema_version}; "
          f"{plural(report.cases, 'dossier', 'dossiers')}, "
          f"{plural(report.consultations, 'gesprek', 'gesprekken')}, "
          f"{plural(report.follow_ups, 'vervolgstap', 'vervolgstappen')}.")
    return EXIT_OK


def _cmd_templates(args) -> int:
    from .letters.compose import available_templates, recipient_label
    from .storage.journal import Journal

    with Journal.open(args.path, _ask_existing(args)) as journal:
        templates = available_templates(journal.custom_templates())
    sys.stdout.write("id\tsoort\tontvanger\ttitel\n")
    for t in templates:
        kind = "ingebouwd" if t.builtin else "eigen"
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
        raise argparse.ArgumentTypeError("geef nummers, bijvoorbeeld 1,3") from None


def _cmd_letter(args) -> int:
    from .services.letters import LetterMaker, case_id_for_code
    from .storage.journal import Journal

    with Journal.open(args.path, _ask_existing(args)) as journal:
        maker = LetterMaker(journal, case_id_for_code(journal, args.case))
        draft = maker.start(journal, args.template, args.with_identity)
        out = maker.save(journal, draft, args.out, acknowledged_numbers=args.acknowledge or ())
    print(f"Brief opgeslagen (niet versleuteld!): {out}")
    return EXIT_OK


def _cmd_report(args) -> int:
    from .services.letters import CaseReportMaker, case_id_for_code
    from .storage.journal import Journal

    with Journal.open(args.path, _ask_existing(args)) as journal:
        maker = CaseReportMaker(journal, case_id_for_code(journal, args.case))
        out = maker.save(journal, args.out, inzage=args.inzage)
    print(f"Dossieroverzicht opgeslagen (niet versleuteld!): {out}")
    return EXIT_OK


def _cmd_stats(args) -> int:
    from .services.annual import build_publication, choose_organisation, export_publication
    from .storage.journal import Journal

    if not 3 <= args.k <= 10:
        raise UsageError("--k moet tussen 3 en 10 liggen")
    with Journal.open(args.path, _ask_existing(args)) as journal:
        organisation = choose_organisation(journal.organisations(), args.organisation)
        publication = build_publication(journal, year=args.year, organisation=organisation,
                                        k=args.k)
        out = export_publication(journal, publication, args.format, args.out,
                                 acknowledged_numbers=args.acknowledge or ())
    hidden = len(publication.review)
    print(f"Jaarverslag {args.year} ({organisation.name}) opgeslagen: {out}"
          + (f"; {plural(hidden, 'cel', 'cellen')} verborgen" if hidden else ""))
    if publication.tiny:
        print(f"Minder dan {args.k} meldingen: alleen het totaal en uw eigen tekst staan erin.")
    return EXIT_OK


def _cmd_due(args) -> int:
    from .services.retention import overview
    from .storage.journal import Journal

    with Journal.open(args.path, _ask_existing(args)) as journal:
        listing = overview(journal)
    out = sys.stdout
    out.write("code\torganisatie\tgesloten\tvernietigen_na\tstand\n")
    for item, state in ([(d, "over tijd") for d in listing.overdue]
                        + [(d, "binnenkort") for d in listing.soon]
                        + [(d, "bewaard") for d in listing.held]):
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

        print(f"{PROG}: {SECOND_MISSING}", file=sys.stderr)
    if outcome.second_error:
        print(f"{PROG}: tweede plek: {outcome.second_error}", file=sys.stderr)
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
        checked = "ja" if e.verified else "onbekend"
        if e.older_passphrase:
            checked += " (ouder wachtwoord)"
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
        raise UsageError("zonder terminal is --yes nodig om te vernietigen")
    with Journal.open(args.path, _ask_existing(args)) as journal:
        if args.due:
            chosen = [(d.id, d.code) for d in overview(journal).overdue]
        else:
            codes = [c.strip() for c in args.case]
            chosen = list(zip(case_ids_for_codes(journal, codes), codes, strict=True))
        if not chosen:
            print("Er is niets te vernietigen.")
            return EXIT_OK
        if args.dry_run:
            print(f"Zou vernietigen ({plural(len(chosen), 'dossier', 'dossiers')}): "
                  + ", ".join(code for _id, code in chosen))
            return EXIT_OK
        if not args.yes and input(confirmation_question(len(chosen)) + " [j/N] ").strip() \
                .lower() not in ("j", "ja"):
            print("Niets vernietigd.")
            return EXIT_OK
        entries = destroy(journal, [case_id for case_id, _code in chosen])
    print(describe(entries))
    return EXIT_OK


# --- handover (overdracht) and take-over (overname) ------------------------------------------

def _read_stdin_line_nr(ordinal: str) -> str:
    try:
        return _read_stdin_line()
    except UsageError as exc:
        if "eerste regel" in exc.message:
            raise UsageError(f"geen wachtwoord op de {ordinal} regel van stdin") from None
        raise


def _ask_successor(args) -> tuple[str, bool]:
    """The successor's new passphrase (lines 2 and 3 of stdin, or asked twice), and whether
    a weak one was explicitly allowed."""
    if args.passphrase_stdin:
        first = _read_stdin_line_nr("tweede")
        if _read_stdin_line_nr("derde") != first:
            raise UsageError("de twee nieuwe wachtwoorden (regel 2 en 3 van stdin) verschillen")
        return first, args.allow_weak_passphrase  # the service applies the same floor
    first = getpass.getpass("Nieuw wachtwoord voor de opvolger: ")
    if getpass.getpass("Herhaal het nieuwe wachtwoord: ") != first:
        raise UsageError("de twee wachtwoorden verschillen")
    return first, _check_new_passphrase(first, args, whose=" voor de opvolger")


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
    print(f"{plural(len(result.codes), 'dossier', 'dossiers')} overgedragen naar {result.path}. "
          "Geef het wachtwoord apart van het bestand aan de opvolger. Vernietig daarna de "
          "overgedragen dossiers in uw eigen journaal.")
    return EXIT_OK


def _cmd_take_over(args) -> int:
    from .services.handover import check_other_journal_file, take_over_file
    from .storage.journal import Journal

    check_other_journal_file(args.file)  # before any passphrase is asked
    own = _ask_existing(args)
    if args.passphrase_stdin:
        other = _read_stdin_line_nr("tweede")
    else:
        other = getpass.getpass("Wachtwoord van het andere journaal: ")
    with Journal.open(args.path, own) as journal:
        result = take_over_file(journal, args.file, other, args.organisation)
    created = (f"; nieuwe organisatie: {', '.join(result.organisations_created)}"
               if result.organisations_created else "")
    print(f"{plural(len(result.codes), 'dossier', 'dossiers')} overgenomen, codes behouden"
          f"{created}.")
    return EXIT_OK


def _cmd_restore(args) -> int:
    from .services.backups import OtherPassphraseNeeded, restore

    if not args.path.strip():
        raise UsageError("geef met --to waar het journaal komt")
    target = Path(args.path).absolute()
    if target.exists() and not args.replace:
        from .storage.errors import JournalExists

        raise JournalExists(f"Op {target} staat al een bestand; gebruik --replace om het te "
                            "vervangen (er wordt eerst een reservekopie van gemaakt).")
    passphrase = _ask_existing(args)
    current = None  # the own passphrase of a journal whose log must be read, when changed
    if args.passphrase_stdin:
        try:
            current = _read_stdin_line()
        except UsageError as exc:
            if "eerste regel" not in exc.message:  # not just absent: invalid
                raise
    try:
        outcome = restore(args.backup, passphrase, target, replace=args.replace,
                          current_passphrase=current)
    except OtherPassphraseNeeded:
        if args.passphrase_stdin or not sys.stdin.isatty():
            raise
        current = getpass.getpass("Het huidige journaal heeft een ander wachtwoord; "
                                  "typ dat: ")
        outcome = restore(args.backup, passphrase, target, replace=args.replace,
                          current_passphrase=current)
    if outcome.safety_backup is not None:
        print(f"Het vorige journaal is bewaard: {outcome.safety_backup}")
    if outcome.reapplied:
        print(f"Opnieuw vernietigd: {', '.join(outcome.reapplied)}")
    print(f"Reservekopie teruggezet: {outcome.path}")
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
    print("Wachtwoord gewijzigd.")
    if outcome is None:
        print(f"{PROG}: de reservekopie met het nieuwe wachtwoord is niet gelukt; maak er "
              "een met 'backup'.", file=sys.stderr)
    else:
        print(f"Reservekopie met het nieuwe wachtwoord: {outcome.made[0].path}")
    return EXIT_OK


def _cmd_letters(args) -> int:
    from .services.letters import case_id_for_code, kept_letters, save_kept_letter
    from .storage.journal import Journal

    if (args.save is None) != (args.out is None):
        raise UsageError("--save en --out horen bij elkaar")
    with Journal.open(args.path, _ask_existing(args)) as journal:
        letters = kept_letters(journal, case_id_for_code(journal, args.case))
        if args.save is None:
            sys.stdout.write("nr\tdatum\tsjabloon\taan\thoe\n")
            for number, k in enumerate(letters, 1):
                how = "afgedrukt" if k.output == "afgedrukt" else "opgeslagen"
                how += ", met namen" if k.with_identity else ""
                sys.stdout.write(f"{number}\t{k.kept_at.isoformat(sep=' ', timespec='minutes')}"
                                 f"\t{k.template_title}\t{k.recipient}\t{how}\n")
            sys.stdout.flush()
            return EXIT_OK
        if not 1 <= args.save <= len(letters):
            count = plural(len(letters), "verstuurde brief", "verstuurde brieven")
            raise UsageError(f"dit dossier heeft {count}; kies een nummer uit de lijst")
        out = save_kept_letter(journal, letters[args.save - 1].id or 0, args.out)
    print(f"Brief opnieuw opgeslagen (niet versleuteld!): {out}")
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

        results.append(CheckResult(False, "Qt: de Qt-bibliotheken kunnen niet worden geladen"))
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
        print(f"{PROG}: geen beeldscherm gevonden (DISPLAY is leeg); start het programma "
              "vanuit een grafische sessie of gebruik een opdracht (zie --help).",
              file=sys.stderr)
        return EXIT_ERROR
    from .ui.app import run_app

    return run_app(journal=args.journal, demo=args.demo)


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
    from .storage.errors import LocationRefused, StorageError

    no_core_dumps()
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
        print(f"{PROG}: {exc.message} (zie {PROG} --help)", file=sys.stderr)
        return EXIT_USAGE
    except StorageError as exc:
        hint = ""
        if isinstance(exc, LocationRefused) and "synchron" in exc.message:
            hint = " Wilt u dit toch, gebruik dan --allow-sync-folder."
        print(f"{PROG}: {exc.message}{hint}", file=sys.stderr)
        return exc.exit_code
    except ServiceError as exc:
        _print_refusal(exc)
        return exc.exit_code
    except ValidationError as exc:
        print(f"{PROG}: ongeldige gegevens: {'; '.join(exc.problems)}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # e.g. `vp-desktop cases … | head`: the reader has enough
        with contextlib.suppress(OSError, ValueError):  # Python's recipe: no flush error at exit
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:
        print(f"{PROG}: {user_message(exc)}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print(f"{PROG}: afgebroken", file=sys.stderr)
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
