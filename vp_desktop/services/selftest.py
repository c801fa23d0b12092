"""``vp-desktop --selftest``: does this installation work? The non-Qt checks.

In a fresh private temporary folder (0700) the self-test creates a journal with fictitious
data only, writes a case with a consultation and reads it back after reopening, asks the
running SQLCipher library for its version and cipher settings, renders a letter and a
jaarverslag through the real services and renderers, checks that the embedded fonts cover
ĳ, ő and €, and that the shipped resources are found (also in a frozen bundle, through
:func:`vp_desktop.resources.resources_dir`). The Qt checks (reading the PDFs with QtPdf and
drawing a page) live in the UI layer and are handed in as ``qt_checks``; they run on the
PDFs in memory after the folder has been removed (and verified to be gone).

Each check gives one Dutch line, ``OK   …`` or ``FOUT …``. A failing check never shows a
traceback or exception text, only the exception's class name; there is no case content to
leak (everything is made up here).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from ..resources import resources_dir

OK = "OK   "
FAIL = "FOUT "

MIN_KDF_ITER = 256_000
EXPECTED_HMAC = "HMAC_SHA512"
EXPECTED_KDF = "PBKDF2_HMAC_SHA512"
EXPECTED_CIPHER = "AES-256-CBC"
COVERED_CHARS = "ĳĲő€"  # Dutch ij ligature, Hungarian ő in names, euro sign
# What must ship under resources/ (folder -> files that must be there).
REQUIRED_RESOURCES: dict[str, tuple[str, ...]] = {
    "fonts": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "LICENSE-DejaVu.txt"),
    "schemas": ("jaarverslag.schema.json", "vp-import.schema.json"),
    "help": ("handleiding.html",),
    "templates": (),  # at least one *.txt, and every one must parse
}
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
SELFTEST_YEAR = 2025
SELFTEST_CASES = 6  # above the default threshold k=5, so the jaarverslag shows its tables
LETTER_TEMPLATE = "bevestiging-melder"
TEMP_PREFIX = "vp-zelftest-"


@dataclass(frozen=True)
class CheckResult:
    ok: bool
    text: str  # Dutch, one line, no prefix

    @property
    def line(self) -> str:
        return (OK if self.ok else FAIL) + self.text


class CheckFailed(Exception):
    """A check's own Dutch reason (never case content; there is none here)."""


QtChecks = Callable[[Mapping[str, bytes]], list[CheckResult]]


@dataclass
class _State:
    workdir: Path
    passphrase: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    case_id: int | None = None
    pdfs: dict[str, bytes] = field(default_factory=dict)

    @property
    def journal_path(self) -> Path:
        return self.workdir / "zelftest.vpj"


def _run(name: str, check: Callable[[], str]) -> CheckResult:
    """Run one check: its success text, or FOUT with its own reason or the error's class."""
    try:
        return CheckResult(True, check())
    except CheckFailed as exc:
        return CheckResult(False, f"{name}: {exc}")
    except Exception as exc:  # any breakage is a finding, never a traceback
        return CheckResult(False, f"{name}: onverwachte fout ({type(exc).__name__})")


# --- resources and fonts -------------------------------------------------------------------


def check_resources() -> str:
    root = resources_dir()
    missing = [f"{folder}/{name}" for folder, names in REQUIRED_RESOURCES.items()
               for name in names if not (root / folder / name).is_file()]
    if missing:
        raise CheckFailed(f"ontbreekt in {root}: {', '.join(missing)}")
    for name in REQUIRED_RESOURCES["schemas"]:
        try:
            json.loads((root / "schemas" / name).read_text(encoding="utf-8"))
        except ValueError:
            raise CheckFailed(f"schemas/{name} is geen geldige JSON") from None
    from ..letters.templates import builtin_templates

    try:
        templates = builtin_templates()
    except ValueError:
        raise CheckFailed("een ingebouwd briefsjabloon kan niet worden gelezen") from None
    if not templates:
        raise CheckFailed(f"geen briefsjablonen in {root / 'templates'}")
    return (f"Bestanden gevonden: lettertypen, {len(templates)} briefsjablonen, "
            f"schema's, handleiding ({root})")


def font_paths() -> list[Path]:
    folder = resources_dir() / "fonts"
    return [folder / name for name in FONT_FILES]


def check_fonts() -> str:
    from reportlab.pdfbase.ttfonts import TTFont

    shown = " ".join(COVERED_CHARS)
    for path in font_paths():
        if not path.is_file():
            raise CheckFailed(f"lettertype {path.name} ontbreekt")
        face = TTFont(f"zelftest-{path.stem}", str(path)).face
        lacking = [ch for ch in COVERED_CHARS if ord(ch) not in face.charToGlyph]
        if lacking:
            raise CheckFailed(f"lettertype {path.name} mist {' '.join(lacking)}")
    names = ", ".join(p.stem for p in font_paths())
    return f"Lettertypen ({names}) bevatten {shown}"


# --- journal and cipher -------------------------------------------------------------------


def _fictitious_cases(organisation_id: int):
    from ..domain.model import Case, Consultation, FollowUp, MelderIdentity

    bundles = []
    for number in range(SELFTEST_CASES):
        opened = date(SELFTEST_YEAR, 2 + number, 3)
        case = Case(
            organisation_id=organisation_id, opened=opened,
            categories=("pesten",) if number % 2 else ("intimidatie_bedreiging",),
            relation="leidinggevende", melder_type="medewerker", channel="persoonlijk",
            melder=MelderIdentity(anonymous=False, name="Zelftest Voorbeeld",
                                  contact="zelftest@example.invalid"),
            consent_given=True, consent_date=opened,
        )
        consultation = Consultation(started_at=datetime.combine(opened, datetime.min.time())
                                    .replace(hour=10), duration_minutes=30,
                                    notes="Zelftest: verzonnen gesprek met ĳ, ő en €.",
                                    advice="Zelftest")
        bundles.append((case, [consultation], [FollowUp(what="Zelftest", due=opened)]))
    return bundles


def check_journal(state: _State) -> str:
    from ..storage.journal import Journal

    with Journal.create(state.journal_path, state.passphrase,
                        organisations=["Zelftest Organisatie"]) as journal:
        organisation = journal.organisations()[0]
        for case, consultations, follow_ups in _fictitious_cases(int(organisation.id or 0)):
            journal.add_case(case, consultations, follow_ups)
            state.case_id = state.case_id or case.id
    if state.case_id is None:
        raise CheckFailed("het dossier kreeg geen nummer")
    with Journal.open(state.journal_path, state.passphrase) as journal:
        case = journal.get_case(state.case_id)
        consultations = journal.consultations(state.case_id)
        report = journal.verify()
    if case.melder.name != "Zelftest Voorbeeld" or len(consultations) != 1 \
            or "ĳ, ő en €" not in consultations[0].notes:
        raise CheckFailed("het teruggelezen dossier wijkt af van wat is geschreven")
    if not report.ok or report.cases != SELFTEST_CASES:
        raise CheckFailed("de controle van het journaal vond problemen")
    return (f"Journaal gemaakt, dossier met gesprek geschreven en na opnieuw openen "
            f"gelezen (schemaversie {report.schema_version})")


def check_cipher(state: _State) -> str:
    from ..storage.cipher_info import read_cipher_info
    from ..storage.journal import Journal

    if not state.journal_path.exists():
        raise CheckFailed("overgeslagen: er is geen journaal")
    with Journal.open(state.journal_path, state.passphrase) as journal:
        connection = journal.vault.connection
        info = read_cipher_info(connection)
        cipher = str(connection.execute("PRAGMA cipher").fetchone()[0] or "")
        use_hmac = str(connection.execute("PRAGMA cipher_use_hmac").fetchone()[0] or "")
    problems = []
    if not info.version.startswith("4."):
        problems.append(f"versie {info.version or 'onbekend'} (4.x verwacht)")
    if cipher != EXPECTED_CIPHER:
        problems.append(f"versleuteling {cipher or 'onbekend'} ({EXPECTED_CIPHER} verwacht)")
    if info.hmac_algorithm != EXPECTED_HMAC or use_hmac != "1":
        problems.append(f"HMAC {info.hmac_algorithm or 'uit'} ({EXPECTED_HMAC} verwacht)")
    if info.kdf_algorithm != EXPECTED_KDF:
        problems.append(f"sleutelafleiding {info.kdf_algorithm} ({EXPECTED_KDF} verwacht)")
    if not info.kdf_iter.isdigit() or int(info.kdf_iter) < MIN_KDF_ITER:
        problems.append(f"{info.kdf_iter} iteraties (minstens {MIN_KDF_ITER} verwacht)")
    if not info.page_size.isdigit():
        problems.append("paginagrootte onbekend")
    if problems:
        raise CheckFailed(f"SQLCipher {info.version}: " + "; ".join(problems))
    version = info.version.split()[0]
    iterations = f"{int(info.kdf_iter):,}".replace(",", ".")  # Dutch: 256.000
    library = info.provider_version or info.provider
    return (f"SQLCipher {version}: {cipher.replace('-CBC', '')} (CBC), "
            f"{info.hmac_algorithm.replace('_', '-')} per pagina, "
            f"{info.kdf_algorithm.replace('_', '-')} {iterations} iteraties, "
            f"pagina's van {info.page_size} bytes" + (f" ({library})" if library else ""))


# --- PDFs ----------------------------------------------------------------------------------


def _check_pdf_bytes(data: bytes, what: str) -> None:
    if not data.startswith(b"%PDF-"):
        raise CheckFailed(f"{what} begint niet als pdf")
    if b"%%EOF" not in data[-64:]:
        raise CheckFailed(f"{what} is niet volledig")
    if b"/FontFile2" not in data or b"DejaVuSans" not in data:
        raise CheckFailed(f"{what} bevat het ingebedde lettertype niet")


def check_letter(state: _State) -> str:
    from ..storage.journal import Journal
    from .letters import LetterMaker

    if state.case_id is None:
        raise CheckFailed("overgeslagen: er is geen dossier")
    with Journal.open(state.journal_path, state.passphrase) as journal:
        maker = LetterMaker(journal, state.case_id, today=date(SELFTEST_YEAR, 12, 1))
        draft = maker.start(journal, LETTER_TEMPLATE)
        data = maker.pdf(draft)  # the preview path: same renderer, nothing leaves
    _check_pdf_bytes(data, "de brief")
    (state.workdir / "brief.pdf").write_bytes(data)
    state.pdfs["brief"] = data
    return f"Brief gemaakt als pdf ({len(data) // 1024} kB, lettertype ingebed)"


def check_annual(state: _State) -> str:
    from ..storage.journal import Journal
    from .annual import build_publication, renderer

    if state.case_id is None:
        raise CheckFailed("overgeslagen: er is geen journaal")
    with Journal.open(state.journal_path, state.passphrase) as journal:
        organisation = journal.organisations()[0]
        publication = build_publication(journal, year=SELFTEST_YEAR,
                                        organisation=organisation, k=5)
    data = renderer("pdf")(publication)
    _check_pdf_bytes(data, "het jaarverslag")
    (state.workdir / "jaarverslag.pdf").write_bytes(data)
    state.pdfs["jaarverslag"] = data
    return f"Jaarverslag gemaakt als pdf ({len(data) // 1024} kB, lettertype ingebed)"


# --- the run -------------------------------------------------------------------------------


def make_workdir() -> Path:
    workdir = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX))
    os.chmod(workdir, 0o700)
    return workdir


def remove_workdir(workdir: Path) -> str:
    shutil.rmtree(workdir, ignore_errors=True)
    if workdir.exists():
        raise CheckFailed(f"de tijdelijke map {workdir} kon niet worden verwijderd")
    return "Tijdelijke map en alles daarin verwijderd"


def run_selftest(qt_checks: QtChecks | None = None,
                 report: Callable[[CheckResult], object] | None = None) -> list[CheckResult]:
    """Every check, in order; ``report`` is called with each result as soon as it is known
    (the command line prints it). ``qt_checks`` gets the PDFs made ({"brief": …,
    "jaarverslag": …}) and returns its own results."""
    results: list[CheckResult] = []

    def add(result: CheckResult) -> None:
        results.append(result)
        if report is not None:
            report(result)

    add(_run("Bestanden", check_resources))
    add(_run("Lettertypen", check_fonts))
    try:
        workdir = make_workdir()
    except OSError as exc:
        add(CheckResult(False, f"Tijdelijke map: kan niet worden gemaakt ({type(exc).__name__})"))
        return results
    state = _State(workdir)
    try:
        add(_run("Journaal", lambda: check_journal(state)))
        add(_run("SQLCipher", lambda: check_cipher(state)))
        add(_run("Brief", lambda: check_letter(state)))
        add(_run("Jaarverslag", lambda: check_annual(state)))
    finally:
        add(_run("Opruimen", lambda: remove_workdir(workdir)))
    # Qt works on the PDFs in memory, after the folder is gone: should Qt abort the process
    # (a missing platform plugin does), nothing is left behind.
    if qt_checks is not None:
        try:
            for result in qt_checks(dict(state.pdfs)):
                add(result)
        except Exception as exc:
            add(CheckResult(False, f"Qt: onverwachte fout ({type(exc).__name__})"))
    return results


def summary(results: list[CheckResult]) -> str:
    failed = sum(not r.ok for r in results)
    if failed:
        return f"Zelftest mislukt: {failed} van {len(results)} controles niet in orde."
    return f"Zelftest geslaagd: alle {len(results)} controles in orde."
