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
from pathlib import Path

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_PASSPHRASE, EXIT_DAMAGED, EXIT_LOCATION = 0, 1, 2, 3, 4, 5
PROG = "vp-desktop"


class UsageError(Exception):
    pass


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
    p.add_argument("--cases", type=int, default=250, help="aantal dossiers (standaard 250)")
    p.add_argument("--seed", type=int, default=1, help="startwaarde voor de gegevens")
    p.add_argument("--allow-sync-folder", action="store_true",
                   help="sta een map toe die met een clouddienst synchroniseert")
    p = command("import", "voeg dossiers toe uit een JSON-bestand (alles of niets)")
    p.add_argument("file", metavar="FILE.json", help="bestand in het importformaat")
    p = command("cases", "toon dossiers: code, data, status, categorieën (nooit namen of notities)")
    p.add_argument("--year", type=int, help="alleen dossiers geopend in dit jaar")
    p.add_argument("--status", choices=["open", "closed", "gesloten"], help="open of gesloten")
    command("verify", "open het journaal en controleer het volledig")
    return parser


# --- passphrases ------------------------------------------------------------------------

def _read_stdin_line() -> str:
    line = sys.stdin.readline()
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


def _ask_new(args) -> str:
    from .passphrase import assess_passphrase

    if args.passphrase_stdin:
        passphrase = _read_stdin_line()
        strength = assess_passphrase(passphrase)
        if strength.is_weak:
            print(f"Let op: zwak wachtwoord ({strength.label.lower()}).", file=sys.stderr)
        return passphrase
    if not sys.stdin.isatty():
        raise UsageError("geen terminal om het wachtwoord te vragen; gebruik --passphrase-stdin")
    first = getpass.getpass("Nieuw wachtwoord: ")
    if getpass.getpass("Herhaal het wachtwoord: ") != first:
        raise UsageError("de twee wachtwoorden verschillen")
    strength = assess_passphrase(first)
    print(f"Sterkte: {strength.label}. {strength.hint}", file=sys.stderr)
    if not first:
        raise UsageError("een wachtwoord is verplicht")
    if strength.is_weak and input("Toch dit zwakke wachtwoord gebruiken? [j/N] ").strip().lower() \
            not in ("j", "ja"):
        raise UsageError("gestopt: kies een sterker wachtwoord")
    return first


# --- commands -----------------------------------------------------------------------------

def _check_new_path(args) -> None:
    """Refuse a taken or forbidden place before asking for a passphrase."""
    from .storage.errors import JournalExists
    from .storage.vault import check_location

    path = Path(args.path).absolute()
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
        print(f"\r{done}/{total} dossiers", end="", file=sys.stderr, flush=True)

    try:
        create_demo_journal(args.path, passphrase, cases=args.cases, seed=args.seed,
                            progress=progress, allow_sync_folder=args.allow_sync_folder)
    finally:
        print(file=sys.stderr)  # end the progress line, also before an error message
    print(f"Demojournaal gemaakt met {args.cases} verzonnen dossiers: {Path(args.path).absolute()}")
    return EXIT_OK


def _cmd_import(args) -> int:
    from .interchange.import_json import import_into
    from .storage.journal import Journal

    try:
        raw = Path(args.file).read_bytes()
    except OSError as exc:
        raise UsageError(f"kan {args.file} niet lezen ({exc.strerror})") from None
    with Journal.open(args.path, _ask_existing(args)) as journal:
        count = import_into(journal, raw)
    print(f"{count} dossiers geïmporteerd.")
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
        print(f"{PROG}: journaal beschadigd: {report.problems[0]}"
              f" ({len(report.problems)} problemen)", file=sys.stderr)
        return EXIT_DAMAGED
    print(f"Journaal in orde. Schemaversie {report.schema_version}; {report.cases} dossiers, "
          f"{report.consultations} gesprekken, {report.follow_ups} vervolgstappen.")
    return EXIT_OK


COMMANDS = {"init": _cmd_init, "demo": _cmd_demo, "import": _cmd_import,
            "cases": _cmd_cases, "verify": _cmd_verify}


def _run_gui(args) -> int:
    from .ui.app import run_app

    return run_app(journal=args.journal, demo=args.demo)


def main(argv: Sequence[str] | None = None) -> int:
    from .domain.validation import ValidationError
    from .storage.errors import StorageError

    try:
        args = build_parser().parse_args(argv)
        if args.command is None:
            return _run_gui(args)
        return COMMANDS[args.command](args)
    except UsageError as exc:
        print(f"{PROG}: {exc} (zie {PROG} --help)", file=sys.stderr)
        return EXIT_USAGE
    except StorageError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return exc.exit_code
    except ValidationError as exc:
        print(f"{PROG}: ongeldige gegevens: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except _import_rejected() as exc:
        problems = exc.problems
        print(f"{PROG}: niets geïmporteerd, {len(problems)} fout(en) gevonden:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # e.g. `vp-desktop cases … | head`: the reader has enough
        with contextlib.suppress(OSError, ValueError):  # Python's recipe: no flush error at exit
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        print(f"{PROG}: afgebroken", file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:  # never a traceback in the user's face
        print(f"{PROG}: onverwachte fout ({exc.__class__.__name__}); er is niets half "
              "opgeslagen.", file=sys.stderr)
        return EXIT_ERROR


def _import_rejected():
    try:
        from .interchange.import_json import ImportRejected
    except ImportError:  # pragma: no cover - the package is always there
        return ()
    return ImportRejected


def gui_main() -> int:
    """Entry point without a console (Windows shortcuts)."""
    return main(sys.argv[1:])


def run() -> None:
    sys.exit(main())
