"""What the "Over VP Desktop" window shows: version, licence, where the journal and its
backups live, and the encryption read from the running SQLCipher library. No case content."""

from __future__ import annotations

import importlib.metadata
from dataclasses import dataclass
from pathlib import Path

from ..i18n import N_, _, language, ngettext
from ..storage.cipher_info import CipherInfo, read_cipher_info
from .backups import backup_dirs, load_settings

DISTRIBUTION = "vp-desktop"
LICENCE_NAMES = {"EUPL-1.2": N_("EUPL-1.2 (European Union Public Licence, versie 1.2)")}


@dataclass(frozen=True)
class AboutFacts:
    version: str
    licence: str
    journal_path: Path | None
    cipher: CipherInfo | None
    backup_primary: Path | None
    backup_second: Path | None
    backup_automatic: bool
    backup_interval_hours: int


def app_version() -> str:
    """The installed package's version; the package attribute when not installed."""
    try:
        return importlib.metadata.version(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        import vp_desktop

        return str(getattr(vp_desktop, "__version__", _("onbekend")))


def app_licence() -> str:
    try:
        meta = importlib.metadata.metadata(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        return _(LICENCE_NAMES["EUPL-1.2"])
    spdx = next(iter((meta.get_all("License-Expression") or [])
                     + (meta.get_all("License") or [])), "")
    return _(LICENCE_NAMES[spdx]) if spdx in LICENCE_NAMES else (spdx or _("onbekend"))


def about_facts(journal=None) -> AboutFacts:
    """Facts for the Over window; ``journal`` is the open Journal, or None while locked."""
    if journal is None or not journal.is_open:
        return AboutFacts(app_version(), app_licence(), None, None, None, None, True, 24)
    settings = load_settings(journal)
    primary, second = backup_dirs(journal.path, settings)
    return AboutFacts(
        version=app_version(),
        licence=app_licence(),
        journal_path=Path(journal.path),
        cipher=read_cipher_info(journal.vault.connection),
        backup_primary=primary,
        backup_second=second,
        backup_automatic=settings.automatic,
        backup_interval_hours=settings.interval_hours,
    )


def about_rows(facts: AboutFacts) -> list[tuple[str, str]]:
    """The facts as label/value pairs, in display order: the label is the Dutch msgid (a
    stable key; show it with ``_(label)``), the value is in the interface language."""
    locked = _("(ontgrendel het journaal om dit te zien)")
    rows = [(N_("Versie"), facts.version), (N_("Licentie"), facts.licence),
            (N_("Journaal"), str(facts.journal_path) if facts.journal_path else locked)]
    cipher = facts.cipher
    if cipher is None:
        rows.append((N_("Versleuteling"), locked))
    else:
        provider = f"{cipher.provider} ({cipher.provider_version})" if cipher.provider_version \
            else cipher.provider
        rows += [
            (N_("SQLCipher-versie"), cipher.version),
            (N_("Cryptografische bibliotheek"), provider),
            (N_("Sleutelafleiding"), _("{algorithm}, {n} herhalingen").format(
                algorithm=cipher.kdf_algorithm, n=_thousands(cipher.kdf_iter))),
            (N_("Controle op knoeien (HMAC)"), cipher.hmac_algorithm),
            (N_("Paginagrootte"), _("{n} bytes").format(n=_thousands(cipher.page_size))),
        ]
    if facts.backup_primary is None:
        rows.append((N_("Reservekopieën"), locked))
    else:
        places = str(facts.backup_primary)
        if facts.backup_second is not None:
            places = _("{primary}\nen op de tweede plek: {second}").format(
                primary=places, second=facts.backup_second)
        rows.append((N_("Reservekopieën"), places))
        if facts.backup_automatic:
            hours = max(facts.backup_interval_hours, 1)
            rows.append((N_("Hoe vaak"), ngettext(
                "automatisch bij vergrendelen en afsluiten als er iets is veranderd, en "
                "tijdens het werk hoogstens eens per {n} uur",
                "automatisch bij vergrendelen en afsluiten als er iets is veranderd, en "
                "tijdens het werk hoogstens eens per {n} uur", hours).format(n=hours)))
        else:
            rows.append((N_("Hoe vaak"), _("automatische reservekopieën staan uit")))
    return rows


def _thousands(digits: str) -> str:
    """256000 → 256.000 (Dutch thousands separator; 256,000 in English); other text
    unchanged."""
    if not digits.isdigit():
        return digits
    grouped = f"{int(digits):,}"
    return grouped if language() == "en" else grouped.replace(",", ".")


# --- third-party licences (issue 10) --------------------------------------------------------

LICENCES_DIR = "licenses"
SBOM_FILE = "sbom.cdx.json"
FONT_LICENCE = (N_("DejaVu-lettertypen"), "fonts/LICENSE-DejaVu.txt",
                N_("Bitstream Vera-licentie en publiek domein (DejaVu)"))


@dataclass(frozen=True)
class ThirdPartyLicence:
    """One shipped component: its name, version, licence name, and the licence text file
    when there is one."""

    name: str
    version: str
    licence: str
    file: Path | None = None


def licences_dir() -> Path | None:
    """The bundle's ``licenses/`` folder (collected at build time), or ``resources/licenses``
    in a source checkout when present; None when neither exists."""
    import sys

    from ..resources import resources_dir

    candidates = []
    bundle_root = getattr(sys, "_MEIPASS", None)
    if bundle_root:
        candidates += [Path(bundle_root) / LICENCES_DIR,
                       Path(sys.executable).resolve().parent / LICENCES_DIR]
    candidates.append(resources_dir() / LICENCES_DIR)
    return next((c for c in candidates if c.is_dir()), None)


def _sbom_licence(component: dict) -> str:
    names = []
    for entry in component.get("licenses") or []:
        if not isinstance(entry, dict):
            continue
        if entry.get("expression"):
            names.append(str(entry["expression"]))
        lic = entry.get("license") or {}
        if isinstance(lic, dict) and (lic.get("id") or lic.get("name")):
            names.append(str(lic.get("id") or lic.get("name")))
    return " / ".join(names) or _("onbekend")


def _norm(name: str) -> str:
    return "".join(c for c in name.lower() if c.isalnum())


def _from_folder(folder: Path) -> list[ThirdPartyLicence]:
    """The bundle's list: the SBOM's components, each with its licence file when one is
    named after it; licence files no component claims are listed by their own name."""
    import json

    files = sorted(p for p in folder.iterdir()
                   if p.is_file() and p.name not in (SBOM_FILE, "README.txt"))
    claimed: set[Path] = set()
    items: list[ThirdPartyLicence] = []
    sbom = folder / SBOM_FILE
    components: list = []
    if sbom.is_file():
        try:
            components = json.loads(sbom.read_text(encoding="utf-8")).get("components") or []
        except (ValueError, OSError, AttributeError):
            components = []
    for component in components:
        if not isinstance(component, dict) or not component.get("name"):
            continue
        name = str(component["name"])
        match = next((p for p in files if _norm(p.name).startswith(_norm(name))), None)
        if match is not None:
            claimed.add(match)
        items.append(ThirdPartyLicence(name, str(component.get("version", "")),
                                       _sbom_licence(component), match))
    for path in files:
        if path not in claimed:
            items.append(ThirdPartyLicence(path.stem, "", _("zie licentietekst"), path))
    return items


def _requirement_closure(distribution: str) -> list[str]:
    """The installed distributions ``distribution`` needs (not extras), sorted."""
    import re

    seen: dict[str, str] = {}
    todo = [distribution]
    while todo:
        try:
            requirements = importlib.metadata.requires(todo.pop()) or []
        except importlib.metadata.PackageNotFoundError:
            continue
        for requirement in requirements:
            if "extra ==" in requirement:
                continue
            match = re.match(r"[A-Za-z0-9._-]+", requirement)
            if match is None:
                continue
            key = re.sub(r"[-_.]+", "-", match.group(0)).lower()
            if key not in seen:
                seen[key] = match.group(0)
                todo.append(match.group(0))
    return sorted(seen.values(), key=str.lower)


def _metadata_licence(meta) -> str:
    expression = next(iter(meta.get_all("License-Expression") or []), "")
    if expression:
        return str(expression)
    text = (meta.get("License") or "").strip()
    if text and len(text) <= 80 and "\n" not in text:
        return text
    prefix = "License :: OSI Approved :: "
    classifiers = [c.removeprefix(prefix).removeprefix("License :: ")
                   for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    return ", ".join(classifiers) or _("zie licentietekst")


def _from_metadata() -> list[ThirdPartyLicence]:
    """A source checkout: the installed distributions VP Desktop depends on."""
    from ..resources import resources_dir

    items = []
    for name in _requirement_closure(DISTRIBUTION):
        try:
            dist = importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            continue
        meta = dist.metadata
        licence_file = None
        for entry in dist.files or []:
            if Path(str(entry)).name.upper().startswith(("LICENSE", "LICENCE", "COPYING")):
                located = Path(str(dist.locate_file(entry)))
                if located.is_file():
                    licence_file = located
                    break
        items.append(ThirdPartyLicence(str(meta["Name"]), str(meta["Version"]),
                                       _metadata_licence(meta), licence_file))
    font = resources_dir() / FONT_LICENCE[1]
    items.append(ThirdPartyLicence(_(FONT_LICENCE[0]), "", _(FONT_LICENCE[2]),
                                   font if font.is_file() else None))
    return items


def third_party_licences() -> tuple[str, list[ThirdPartyLicence]]:
    """Where the list comes from (in the interface language, for the window) and the shipped
    components."""
    folder = licences_dir()
    if folder is not None:
        return _("Meegeleverd in {folder}").format(folder=folder), _from_folder(folder)
    return (_("Uit de geïnstalleerde pakketten (broncode; de gebundelde versie heeft een map "
              "'{folder}' met de licentieteksten en een softwarestuklijst)").format(
                  folder=LICENCES_DIR),
            _from_metadata())
