"""The evidence pack for the IT department and the FG ("Documentatie voor IT en FG").

The Dutch text lives in ``resources/docs/it-en-fg.md`` (a Jinja template in a small Markdown
subset). Every figure and path in it is a *fact* filled in here at generation time from the
code (app_paths, backup defaults, the profile's retention term, …) or read from the running
SQLCipher library on a fresh, empty journal in a temporary folder (no case content ever). The
template names a fact as ``{{ f("kdf_iter") }}``; an unknown name fails the rendering, so no
placeholder can be left unfilled. In the HTML every fact is a
``<span class="feit" data-feit="name">`` so a test can check each value against the code.
"""

from __future__ import annotations

import contextlib
import html
import ntpath
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import jinja2

from ..app_paths import (
    APP_NAME,
    JOURNAL_SUFFIX,
    data_dir,
    default_journal_path,
    demo_journal_path,
)
from ..domain.model import VpProfile
from ..domain.validation import profile_problems
from ..dutch import format_date_nl
from ..resources import resources_dir
from ..storage import backup as store
from ..storage.cipher_info import read_cipher_info
from ..storage.journal import Journal
from ..storage.vault import DbError, map_error
from .about import app_version
from .backups import BackupSettings
from .retention import SOON_DAYS

TEMPLATE = "it-en-fg.md"
OUTPUT_STEM = "vp-desktop-documentatie-it-en-fg"
TITLE = "VP Desktop — documentatie voor IT en FG"

# Sources of a fact, shown next to the cryptography figures.
READ = "gelezen"  # asked from the running SQLCipher library on a fresh journal
CODE = "code"  # a constant or default of VP Desktop's own code
FIXED = "vast"  # SQLCipher 4's documented default, used only when the library gave no answer

# Everything VP Desktop keeps outside the journal, through QSettings (the UI layer owns the
# keys; tests/test_evidence.py checks this list against every QSettings use in the source).
QSETTINGS_KEYS: dict[str, str] = {
    "journal/last_path": "het pad van het laatst geopende journaal",
    "welkom_gezien": "of het welkomstvenster al eens is getoond (ja/nee)",
    "taal": "de taal van het programma (nl of en)",
}

# PRAGMAs asked beyond storage/cipher_info.py (answers of the running library).
_EXTRA_PRAGMAS = {
    "cipher": "cipher",
    "use_hmac": "cipher_use_hmac",
    "plaintext_header": "cipher_plaintext_header_size",
    "secure_delete": "secure_delete",
    "temp_store": "temp_store",
    "journal_mode": "journal_mode",
}
# The private folder for lock files and the instance socket, inside data_dir()
# (ui/single_instance.py runtime_dir(); the test checks the two agree).
RUN_DIR_NAME = "run"
# Qt's own settings (organisation "QtProject"): its file dialog keeps history there.
QT_SETTINGS_FILE = "QtProject.conf"
# Where the Windows installers put the console executable (installer/windows/: the MSI in
# ProgramFiles64Folder, per machine; Inno Setup with PrivilegesRequired=lowest in {autopf},
# i.e. %LOCALAPPDATA%\Programs, per user). The test reads both definitions.
CONSOLE_EXE = "vp-desktop.exe"
MSI_INSTALL_DIR = ntpath.join("%ProgramFiles%", APP_NAME)
INNO_INSTALL_DIR = ntpath.join("%LOCALAPPDATA%", "Programs", APP_NAME)
_SQLCIPHER4_CIPHER = "AES-256-CBC"
_TEMP_STORE = {"0": "standaard", "1": "bestand", "2": "alleen werkgeheugen"}
_PROBE_PASSPHRASE = "bewijs " * 4  # a throwaway journal without any content


@dataclass(frozen=True)
class Fact:
    value: str
    source: str  # READ, CODE or FIXED


@dataclass(frozen=True)
class PlatformPaths:
    """Where the default journal folder is, per platform (``~`` = the user's home folder)."""

    linux: str
    windows: str
    macos: str


def tilde(path: str | Path) -> str:
    """The user's home folder written as ``~`` (a path for every user, not this one)."""
    home, text = str(Path.home()), str(path)
    for sep in ("/", "\\"):
        if text.startswith(home + sep):
            return "~" + sep + text[len(home) + 1:]
    return text


@contextlib.contextmanager
def _without_xdg_overrides() -> Iterator[None]:
    """platformdirs lets $XDG_* replace the defaults (also for macOS); the pack states the
    defaults, not this computer's overrides."""
    saved = {k: v for k, v in os.environ.items() if k.startswith("XDG_")}
    for key in saved:
        del os.environ[key]
    try:
        yield
    finally:
        os.environ.update(saved)


def platform_data_dirs() -> PlatformPaths:
    """app_paths.data_dir() as platformdirs computes it by default on each platform (not
    roaming)."""
    from platformdirs.macos import MacOS
    from platformdirs.unix import Unix

    with _without_xdg_overrides():
        linux = tilde(Unix(APP_NAME, appauthor=False, roaming=False).user_data_path)
        macos = tilde(MacOS(APP_NAME, appauthor=False, roaming=False).user_data_path)
    # platformdirs asks Windows itself for CSIDL_LOCAL_APPDATA (roaming=False); written here
    # as the environment variable that names that folder. The test checks it against
    # platformdirs' Windows class.
    windows = ntpath.join("%LOCALAPPDATA%", APP_NAME)
    return PlatformPaths(linux, windows, macos)


def qt_settings_file_linux() -> str:
    """Qt's own settings file on Linux by default ($XDG_CONFIG_HOME unset)."""
    from platformdirs.unix import Unix

    with _without_xdg_overrides():
        return tilde(Unix().user_config_path / QT_SETTINGS_FILE)


def retention_limits() -> tuple[int, int]:
    """The lowest and highest retention term (months) the profile accepts, by asking the
    validation itself."""
    def accepted(months: int) -> bool:
        problems = profile_problems(VpProfile(name="x", retention_months=months))
        return not any(p.startswith("Bewaartermijn") for p in problems)

    allowed = [m for m in range(0, 1201) if accepted(m)]
    return min(allowed), max(allowed)


def _thousands(digits: str) -> str:
    return f"{int(digits):,}".replace(",", ".") if digits.isdigit() else digits


def _pragma(connection, name: str) -> str:
    try:
        row = connection.execute(f"PRAGMA {name}").fetchone()
    except DbError as exc:
        raise map_error(exc) from None
    return str(row[0]) if row and row[0] is not None else ""


def cipher_facts() -> dict[str, Fact]:
    """Create an empty journal in a temporary folder, ask the library, remove it again."""
    with tempfile.TemporaryDirectory(prefix="vp-desktop-bewijs-") as folder:
        journal = Journal.create(Path(folder) / f"bewijs{JOURNAL_SUFFIX}", _PROBE_PASSPHRASE)
        try:
            connection = journal.vault.connection
            info = read_cipher_info(connection)
            extra = {key: _pragma(connection, pragma) for key, pragma in _EXTRA_PRAGMAS.items()}
        finally:
            journal.close()
    facts = {
        "sqlcipher_version": Fact(info.version, READ),
        "crypto_provider": Fact(f"{info.provider} ({info.provider_version})"
                                if info.provider_version else info.provider, READ),
        "cipher": Fact(extra["cipher"], READ) if extra["cipher"]
        else Fact(_SQLCIPHER4_CIPHER, FIXED),
        "hmac_algorithm": Fact(info.hmac_algorithm.replace("_", "-"), READ),
        "kdf_algorithm": Fact(info.kdf_algorithm.replace("_", "-"), READ),
        "kdf_iter": Fact(_thousands(info.kdf_iter), READ),
        "page_size": Fact(_thousands(info.page_size), READ),
        "use_hmac": Fact("aan" if extra["use_hmac"] == "1" else "uit", READ),
        "plaintext_header": Fact(extra["plaintext_header"], READ),
        "secure_delete": Fact("aan" if extra["secure_delete"] == "1" else "uit", READ),
        "temp_store": Fact(_TEMP_STORE.get(extra["temp_store"], extra["temp_store"]), READ),
        "journal_mode": Fact(extra["journal_mode"].upper(), READ),
    }
    return facts


def gather_facts(*, settings_location: str = "", today: date | None = None) -> dict[str, Fact]:
    """Every figure of the pack. ``settings_location`` is where QSettings writes on this
    computer (the front end asks Qt: Qt is not used below the front ends); empty when
    unknown."""
    paths = platform_data_dirs()
    backup = BackupSettings()
    low, high = retention_limits()
    version = app_version()
    facts: dict[str, Fact] = {
        "version": Fact(version, CODE),
        "generated": Fact(format_date_nl(today or date.today()), CODE),
        "app_name": Fact(APP_NAME, CODE),
        "data_dir_linux": Fact(paths.linux, CODE),
        "data_dir_windows": Fact(paths.windows, CODE),
        "data_dir_macos": Fact(paths.macos, CODE),
        "journal_file": Fact(default_journal_path().name, CODE),
        "demo_journal": Fact(demo_journal_path().relative_to(data_dir()).as_posix(), CODE),
        "journal_suffix": Fact(JOURNAL_SUFFIX, CODE),
        "backup_dir_name": Fact(store.BACKUP_DIR_NAME, CODE),
        "backup_daily": Fact(str(backup.daily), CODE),
        "backup_weekly": Fact(str(backup.weekly), CODE),
        "backup_monthly": Fact(str(backup.monthly), CODE),
        "backup_purge_days": Fact(str(backup.purge_days), CODE),
        "backup_interval_hours": Fact(str(backup.interval_hours), CODE),
        "retention_default_months": Fact(str(VpProfile().retention_months), CODE),
        "retention_min_months": Fact(str(low), CODE),
        "retention_max_months": Fact(str(high), CODE),
        "retention_soon_days": Fact(str(SOON_DAYS), CODE),
        "auto_lock_minutes": Fact(str(VpProfile().auto_lock_minutes), CODE),
        "settings_keys": Fact(", ".join(QSETTINGS_KEYS), CODE),
        "settings_location": Fact(tilde(settings_location) if settings_location
                                  else "(onbekend op deze computer)", READ),
        "run_dir": Fact(RUN_DIR_NAME, CODE),
        "qt_settings_file": Fact(qt_settings_file_linux(), CODE),
        "cli_msi": Fact(ntpath.join(MSI_INSTALL_DIR, CONSOLE_EXE), CODE),
        "cli_inno": Fact(ntpath.join(INNO_INSTALL_DIR, CONSOLE_EXE), CODE),
        "deb_file": Fact(f"vp-desktop_{version}_amd64.deb", CODE),
        # the names the installer builds give them (installer/windows/, .github/workflows/)
        "msi_file": Fact(f"vp-desktop-{version}-x64.msi", CODE),
        "setup_file": Fact(f"vp-desktop-{version}-setup.exe", CODE),
    }
    facts.update(cipher_facts())
    return facts


# --- rendering -----------------------------------------------------------------------------

_OPEN, _CLOSE = "\u27e6", "\u27e7"  # ⟦name⟧ marks a fact between template and output
_MARK = re.compile(f"{_OPEN}([a-z0-9_]+){_CLOSE}")


def template_path() -> Path:
    return resources_dir() / "docs" / TEMPLATE


def _render_marked(facts: dict[str, Fact]) -> str:
    """The template with every fact as a ⟦name⟧ mark; an unknown name or variable fails."""
    def fact(name: str) -> str:
        if name not in facts:
            raise KeyError(f"onbekend feit in de documentatie: {name}")
        return f"{_OPEN}{name}{_CLOSE}"

    def source(name: str) -> str:
        return facts[name].source

    env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False,
                             keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    template = env.from_string(template_path().read_text(encoding="utf-8"))
    return template.render(f=fact, source=source, settings_keys=QSETTINGS_KEYS)


def _fill(text: str, facts: dict[str, Fact], wrap: Callable[[str, Fact], str]) -> str:
    return _MARK.sub(lambda m: wrap(m.group(1), facts[m.group(1)]), text)


def render_markdown(facts: dict[str, Fact]) -> str:
    return _fill(_render_marked(facts), facts, lambda _name, fact: fact.value)


def render_html(facts: dict[str, Fact]) -> str:
    body = markdown_to_html(_render_marked(facts))
    body = _fill(body, facts, lambda name, fact:
                 f'<span class="feit" data-feit="{name}" data-bron="{fact.source}">'
                 f"{html.escape(fact.value)}</span>")
    return (f'<!DOCTYPE html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{html.escape(TITLE)}</title>\n<style>{_CSS}</style>\n</head>\n"
            f"<body>\n{body}</body>\n</html>\n")


_CSS = ("body { font-family: sans-serif; max-width: 50em; margin: 1em auto; } "
        "table { border-collapse: collapse; } "
        "th, td { border: 1px solid #999; padding: 3px 6px; text-align: left; "
        "vertical-align: top; } "
        "code { font-family: monospace; } pre { background: #f4f4f4; padding: 6px; }")


def write_pack(out_dir: str | Path, facts: dict[str, Fact]) -> list[Path]:
    """Write the pack as HTML and Markdown into ``out_dir`` (made when missing); returns
    the files written."""
    folder = Path(out_dir).expanduser()
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for suffix, text in ((".html", render_html(facts)), (".md", render_markdown(facts))):
        path = folder / f"{OUTPUT_STEM}{suffix}"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


# --- a small Markdown subset: headings, paragraphs, lists, tables, code ---------------------

_INLINE_CODE = re.compile(r"`([^`]+)`")
_BOLD = re.compile(r"\*\*(.+?)\*\*")


def _slug(text: str) -> str:
    text = re.sub(r"<[^>]+>", "", text).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _inline(text: str) -> str:
    parts = _INLINE_CODE.split(html.escape(text, quote=False))
    out = []
    for index, part in enumerate(parts):
        out.append(f"<code>{part}</code>" if index % 2 else _BOLD.sub(r"<b>\1</b>", part))
    return "".join(out)


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def markdown_to_html(text: str) -> str:
    """Convert the template's Markdown subset to HTML (escaping all text)."""
    out: list[str] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
        elif line.startswith("```"):
            block = []
            i += 1
            while i < len(lines) and not lines[i].startswith("```"):
                block.append(html.escape(lines[i], quote=False))
                i += 1
            i += 1
            out.append("<pre>" + "\n".join(block) + "</pre>")
        elif match := re.match(r"(#{1,3}) (.*)", line):
            level, title = len(match.group(1)), _inline(match.group(2))
            out.append(f'<h{level} id="{_slug(match.group(2))}">{title}</h{level}>')
            i += 1
        elif line.startswith("- "):
            items = []
            while i < len(lines) and lines[i].startswith(("- ", "  ")) and lines[i].strip():
                if lines[i].startswith("- "):
                    items.append(lines[i][2:].strip())
                else:
                    items[-1] += " " + lines[i].strip()
                i += 1
            out.append("<ul>" + "".join(f"<li>{_inline(t)}</li>" for t in items) + "</ul>")
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                rows.append(_cells(lines[i]))
                i += 1
            head, body = rows[0], [r for r in rows[1:] if not all(set(c) <= set("-: ")
                                                                   for c in r)]
            table = "<tr>" + "".join(f"<th>{_inline(c)}</th>" for c in head) + "</tr>"
            table += "".join("<tr>" + "".join(f"<td>{_inline(c)}</td>" for c in r) + "</tr>"
                             for r in body)
            out.append(f"<table>{table}</table>")
        else:
            para = []
            while i < len(lines) and lines[i].strip() and not lines[i].startswith(
                    ("#", "- ", "|", "```")):
                para.append(lines[i].strip())
                i += 1
            out.append(f"<p>{_inline(' '.join(para))}</p>")
    return "\n".join(out) + "\n"

