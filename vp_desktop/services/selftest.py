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

from ..i18n import N_, _, language
from ..resources import resources_dir

OK = N_("OK   ")  # the prefix of a line: translated in CheckResult.line
FAIL = N_("FOUT ")

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
    text: str  # interface language, one line, no prefix

    @property
    def line(self) -> str:
        return _(OK if self.ok else FAIL) + self.text


class CheckFailed(Exception):
    """A check's own reason, in the interface language (never case content; there is none
    here)."""


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
        return CheckResult(False, _("{name}: onverwachte fout ({error})").format(
            name=name, error=type(exc).__name__))


# --- resources and fonts -------------------------------------------------------------------


def check_resources() -> str:
    root = resources_dir()
    missing = [f"{folder}/{name}" for folder, names in REQUIRED_RESOURCES.items()
               for name in names if not (root / folder / name).is_file()]
    if missing:
        raise CheckFailed(_("ontbreekt in {root}: {files}").format(
            root=root, files=", ".join(missing)))
    for name in REQUIRED_RESOURCES["schemas"]:
        try:
            json.loads((root / "schemas" / name).read_text(encoding="utf-8"))
        except ValueError:
            raise CheckFailed(_("schemas/{name} is geen geldige JSON").format(name=name)) from None
    from ..letters.templates import builtin_templates

    try:
        templates = builtin_templates()
    except ValueError:
        raise CheckFailed(_("een ingebouwd briefsjabloon kan niet worden gelezen")) from None
    if not templates:
        raise CheckFailed(_("geen briefsjablonen in {folder}").format(folder=root / "templates"))
    return (_("Bestanden gevonden: lettertypen, {n} briefsjablonen, schema's, handleiding "
              "({root})").format(n=len(templates), root=root))


def font_paths() -> list[Path]:
    folder = resources_dir() / "fonts"
    return [folder / name for name in FONT_FILES]


def check_fonts() -> str:
    from reportlab.pdfbase.ttfonts import TTFont

    shown = " ".join(COVERED_CHARS)
    for path in font_paths():
        if not path.is_file():
            raise CheckFailed(_("lettertype {name} ontbreekt").format(name=path.name))
        face = TTFont(f"zelftest-{path.stem}", str(path)).face
        lacking = [ch for ch in COVERED_CHARS if ord(ch) not in face.charToGlyph]
        if lacking:
            raise CheckFailed(_("lettertype {name} mist {characters}").format(
                name=path.name, characters=" ".join(lacking)))
    names = ", ".join(p.stem for p in font_paths())
    return _("Lettertypen ({names}) bevatten {shown}").format(names=names, shown=shown)


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
        raise CheckFailed(_("het dossier kreeg geen nummer"))
    with Journal.open(state.journal_path, state.passphrase) as journal:
        case = journal.get_case(state.case_id)
        consultations = journal.consultations(state.case_id)
        report = journal.verify()
    if case.melder.name != "Zelftest Voorbeeld" or len(consultations) != 1 \
            or "ĳ, ő en €" not in consultations[0].notes:
        raise CheckFailed(_("het teruggelezen dossier wijkt af van wat is geschreven"))
    if not report.ok or report.cases != SELFTEST_CASES:
        raise CheckFailed(_("de controle van het journaal vond problemen"))
    return (_("Journaal gemaakt, dossier met gesprek geschreven en na opnieuw openen gelezen "
              "(schemaversie {schema_version})").format(schema_version=report.schema_version))


def check_cipher(state: _State) -> str:
    from ..storage.cipher_info import read_cipher_info
    from ..storage.journal import Journal

    if not state.journal_path.exists():
        raise CheckFailed(_("overgeslagen: er is geen journaal"))
    with Journal.open(state.journal_path, state.passphrase) as journal:
        connection = journal.vault.connection
        info = read_cipher_info(connection)
        cipher = str(connection.execute("PRAGMA cipher").fetchone()[0] or "")
        use_hmac = str(connection.execute("PRAGMA cipher_use_hmac").fetchone()[0] or "")
    problems = []
    if not info.version.startswith("4."):
        problems.append(_("versie {version} (4.x verwacht)").format(
            version=info.version or _("onbekend")))
    if cipher != EXPECTED_CIPHER:
        problems.append(_("versleuteling {cipher} ({expected} verwacht)").format(
            cipher=cipher or _("onbekend"), expected=EXPECTED_CIPHER))
    if info.hmac_algorithm != EXPECTED_HMAC or use_hmac != "1":
        problems.append(_("HMAC {hmac} ({expected} verwacht)").format(
            hmac=info.hmac_algorithm or _("uit"), expected=EXPECTED_HMAC))
    if info.kdf_algorithm != EXPECTED_KDF:
        problems.append(_("sleutelafleiding {kdf} ({expected} verwacht)").format(
            kdf=info.kdf_algorithm, expected=EXPECTED_KDF))
    if not info.kdf_iter.isdigit() or int(info.kdf_iter) < MIN_KDF_ITER:
        problems.append(_("{iterations} iteraties (minstens {minimum} verwacht)").format(
            iterations=info.kdf_iter, minimum=MIN_KDF_ITER))
    if not info.page_size.isdigit():
        problems.append(_("paginagrootte onbekend"))
    if problems:
        raise CheckFailed(f"SQLCipher {info.version}: " + "; ".join(problems))
    version = info.version.split()[0]
    iterations = f"{int(info.kdf_iter):,}"  # 256,000; Dutch: 256.000
    if language() != "en":
        iterations = iterations.replace(",", ".")
    library = info.provider_version or info.provider
    text = _("SQLCipher {version}: {cipher} (CBC), {hmac} per pagina, {kdf} {iterations} "
             "iteraties, pagina's van {page_size} bytes").format(
        version=version, cipher=cipher.replace("-CBC", ""),
        hmac=info.hmac_algorithm.replace("_", "-"), kdf=info.kdf_algorithm.replace("_", "-"),
        iterations=iterations, page_size=info.page_size)
    return text + (f" ({library})" if library else "")


# --- PDFs ----------------------------------------------------------------------------------


def _check_pdf_bytes(data: bytes, what: str) -> None:
    if not data.startswith(b"%PDF-"):
        raise CheckFailed(_("{what} begint niet als pdf").format(what=what))
    if b"%%EOF" not in data[-64:]:
        raise CheckFailed(_("{what} is niet volledig").format(what=what))
    if b"/FontFile2" not in data or b"DejaVuSans" not in data:
        raise CheckFailed(_("{what} bevat het ingebedde lettertype niet").format(what=what))


def check_letter(state: _State) -> str:
    from ..storage.journal import Journal
    from .letters import LetterMaker

    if state.case_id is None:
        raise CheckFailed(_("overgeslagen: er is geen dossier"))
    with Journal.open(state.journal_path, state.passphrase) as journal:
        maker = LetterMaker(journal, state.case_id, today=date(SELFTEST_YEAR, 12, 1))
        draft = maker.start(journal, LETTER_TEMPLATE)
        data = maker.pdf(draft)  # the preview path: same renderer, nothing leaves
    _check_pdf_bytes(data, _("de brief"))
    (state.workdir / "brief.pdf").write_bytes(data)
    state.pdfs["brief"] = data
    return _("Brief gemaakt als pdf ({size} kB, lettertype ingebed)").format(
        size=len(data) // 1024)


def check_annual(state: _State) -> str:
    from ..storage.journal import Journal
    from .annual import build_publication, renderer

    if state.case_id is None:
        raise CheckFailed(_("overgeslagen: er is geen journaal"))
    with Journal.open(state.journal_path, state.passphrase) as journal:
        organisation = journal.organisations()[0]
        publication = build_publication(journal, year=SELFTEST_YEAR,
                                        organisation=organisation, k=5)
    data = renderer("pdf")(publication)
    _check_pdf_bytes(data, _("het jaarverslag"))
    (state.workdir / "jaarverslag.pdf").write_bytes(data)
    state.pdfs["jaarverslag"] = data
    return _("Jaarverslag gemaakt als pdf ({size} kB, lettertype ingebed)").format(
        size=len(data) // 1024)


# --- the run -------------------------------------------------------------------------------


def make_workdir() -> Path:
    """A private (0700) folder for the self-test's own encrypted journal of made-up cases and
    its two PDFs of them; never anything from a real journal. Removed and checked gone."""
    workdir = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX))
    os.chmod(workdir, 0o700)
    return workdir


def remove_workdir(workdir: Path) -> str:
    shutil.rmtree(workdir, ignore_errors=True)
    if workdir.exists():
        raise CheckFailed(_("de tijdelijke map {workdir} kon niet worden verwijderd").format(
                              workdir=workdir))
    return _("Tijdelijke map en alles daarin verwijderd")


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

    add(_run(_("Bestanden"), check_resources))
    add(_run(_("Lettertypen"), check_fonts))
    try:
        workdir = make_workdir()
    except OSError as exc:
        add(CheckResult(False, _("Tijdelijke map: kan niet worden gemaakt ({error})").format(
            error=type(exc).__name__)))
        return results
    state = _State(workdir)
    try:
        add(_run(_("Journaal"), lambda: check_journal(state)))
        add(_run("SQLCipher", lambda: check_cipher(state)))
        add(_run(_("Brief"), lambda: check_letter(state)))
        add(_run(_("Jaarverslag"), lambda: check_annual(state)))
    finally:
        add(_run(_("Opruimen"), lambda: remove_workdir(workdir)))
    # Qt works on the PDFs in memory, after the folder is gone: should Qt abort the process
    # (a missing platform plugin does), nothing is left behind.
    if qt_checks is not None:
        try:
            for result in qt_checks(dict(state.pdfs)):
                add(result)
        except Exception as exc:
            add(CheckResult(False, _("Qt: onverwachte fout ({error})").format(
                error=type(exc).__name__)))
    return results


def summary(results: list[CheckResult]) -> str:
    failed = sum(not r.ok for r in results)
    if failed:
        return _("Zelftest mislukt: {failed} van {n} controles niet in orde.").format(
                   failed=failed, n=len(results))
    return _("Zelftest geslaagd: alle {n} controles in orde.").format(n=len(results))
