"""What the "Over VP Desktop" window shows: version, licence, where the journal and its
backups live, and the encryption read from the running SQLCipher library. No case content."""

from __future__ import annotations

import importlib.metadata
from dataclasses import dataclass
from pathlib import Path

from ..dutch import plural
from ..storage.cipher_info import CipherInfo, read_cipher_info
from .backups import backup_dirs, load_settings

DISTRIBUTION = "vp-desktop"
LICENCE_NAMES = {"EUPL-1.2": "EUPL-1.2 (European Union Public Licence, versie 1.2)"}


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

        return str(getattr(vp_desktop, "__version__", "onbekend"))


def app_licence() -> str:
    try:
        meta = importlib.metadata.metadata(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        return LICENCE_NAMES["EUPL-1.2"]
    spdx = next(iter((meta.get_all("License-Expression") or [])
                     + (meta.get_all("License") or [])), "")
    return LICENCE_NAMES.get(spdx, spdx or "onbekend")


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
    """The facts as Dutch label/value pairs, in display order."""
    locked = "(ontgrendel het journaal om dit te zien)"
    rows = [("Versie", facts.version), ("Licentie", facts.licence),
            ("Journaal", str(facts.journal_path) if facts.journal_path else locked)]
    cipher = facts.cipher
    if cipher is None:
        rows.append(("Versleuteling", locked))
    else:
        provider = f"{cipher.provider} ({cipher.provider_version})" if cipher.provider_version \
            else cipher.provider
        rows += [
            ("SQLCipher-versie", cipher.version),
            ("Cryptografische bibliotheek", provider),
            ("Sleutelafleiding", f"{cipher.kdf_algorithm}, "
                                 f"{_thousands(cipher.kdf_iter)} herhalingen"),
            ("Controle op knoeien (HMAC)", cipher.hmac_algorithm),
            ("Paginagrootte", f"{_thousands(cipher.page_size)} bytes"),
        ]
    if facts.backup_primary is None:
        rows.append(("Reservekopieën", locked))
    else:
        places = str(facts.backup_primary)
        if facts.backup_second is not None:
            places += f"\nen op de tweede plek: {facts.backup_second}"
        rows.append(("Reservekopieën", places))
        if facts.backup_automatic:
            hours = plural(max(facts.backup_interval_hours, 1), "uur", "uur")
            rows.append(("Hoe vaak", f"automatisch bij vergrendelen en afsluiten als er iets "
                                     f"is veranderd, en tijdens het werk hoogstens eens per "
                                     f"{hours}"))
        else:
            rows.append(("Hoe vaak", "automatische reservekopieën staan uit"))
    return rows


def _thousands(digits: str) -> str:
    """256000 → 256.000 (Dutch thousands separator); other text unchanged."""
    return f"{int(digits):,}".replace(",", ".") if digits.isdigit() else digits
