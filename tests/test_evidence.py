"""The evidence pack for IT and the FG: every figure and path in it equals the code's own value
or the running SQLCipher library's answer, nothing is left unfilled, no number is typed into
the text by hand; the CLI writes it, the Help menu shows it, and "Over VP Desktop" lists the
third-party licences."""

from __future__ import annotations

import json
import os
import re
import sys
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import pytest
from clirun import run_main
from PySide6.QtCore import QCoreApplication, QSettings

import vp_desktop
from vp_desktop.app_paths import APP_NAME, data_dir, default_journal_path, demo_journal_path
from vp_desktop.domain.model import VpProfile
from vp_desktop.domain.validation import profile_problems
from vp_desktop.dutch import format_date_nl
from vp_desktop.services import about, evidence
from vp_desktop.services.backups import BackupSettings
from vp_desktop.services.retention import SOON_DAYS
from vp_desktop.storage import backup as store
from vp_desktop.storage.journal import Journal

PASSPHRASE = "paars zeepaardje danst op maandag"


class _Facts(HTMLParser):
    """Collects every <span class="feit" data-feit=…> with its text, and the text outside."""

    def __init__(self) -> None:
        super().__init__()
        self.spans: list[tuple[str, str, str]] = []  # name, source, text
        self.outside: list[str] = []
        self._current: list | None = None
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "span" and attributes.get("class") == "feit":
            self._current = [attributes["data-feit"], attributes["data-bron"], ""]
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        if tag == "span" and self._current is not None:
            self.spans.append(tuple(self._current))
            self._current = None
        self._in_style = False

    def handle_data(self, data):
        if self._current is not None:
            self._current[2] += data
        elif not self._in_style:
            self.outside.append(data)


@pytest.fixture
def pack(tmp_path):
    location = str(Path.home() / ".config" / APP_NAME / f"{APP_NAME}.conf")
    facts = evidence.gather_facts(settings_location=location)
    parser = _Facts()
    html_text = evidence.render_html(facts)
    parser.feed(html_text)
    return facts, html_text, evidence.render_markdown(facts), parser


def _thousands(value: str) -> str:
    return f"{int(value):,}".replace(",", ".")


def _expected(tmp_path: Path) -> dict[str, str]:
    """Each fact's value, computed here from the code and a fresh journal of our own."""
    journal = Journal.create(tmp_path / "eigen.vpj", PASSPHRASE)
    con = journal.vault.connection

    def pragma(name: str) -> str:
        return str(con.execute(f"PRAGMA {name}").fetchone()[0])

    try:
        crypto = {
            "sqlcipher_version": pragma("cipher_version"),
            "crypto_provider": f"{pragma('cipher_provider')} "
                               f"({pragma('cipher_provider_version')})",
            "cipher": pragma("cipher"),
            "hmac_algorithm": pragma("cipher_hmac_algorithm").replace("_", "-"),
            "kdf_algorithm": pragma("cipher_kdf_algorithm").replace("_", "-"),
            "kdf_iter": _thousands(pragma("kdf_iter")),
            "page_size": _thousands(pragma("cipher_page_size")),
            "use_hmac": {"1": "aan", "0": "uit"}[pragma("cipher_use_hmac")],
            "plaintext_header": pragma("cipher_plaintext_header_size"),
            "secure_delete": {"1": "aan", "0": "uit"}[pragma("secure_delete")],
            "temp_store": {"2": "alleen werkgeheugen"}[pragma("temp_store")],
            "journal_mode": pragma("journal_mode").upper(),
        }
    finally:
        journal.close()
    backup = BackupSettings()
    profile = VpProfile()
    version = about.app_version()
    return {
        **crypto,
        "version": version,
        "generated": format_date_nl(date.today()),
        "app_name": APP_NAME,
        "data_dir_linux": f"~/.local/share/{APP_NAME}",
        "data_dir_windows": "%LOCALAPPDATA%\\" + APP_NAME,
        "data_dir_macos": f"~/Library/Application Support/{APP_NAME}",
        "journal_file": default_journal_path().name,
        "demo_journal": str(demo_journal_path().relative_to(data_dir())),
        "journal_suffix": default_journal_path().suffix,
        "backup_dir_name": store.BACKUP_DIR_NAME,
        "backup_daily": str(backup.daily),
        "backup_weekly": str(backup.weekly),
        "backup_monthly": str(backup.monthly),
        "backup_purge_days": str(backup.purge_days),
        "backup_interval_hours": str(backup.interval_hours),
        "retention_default_months": str(profile.retention_months),
        "retention_min_months": "0",
        "retention_max_months": "120",
        "retention_soon_days": str(SOON_DAYS),
        "auto_lock_minutes": str(profile.auto_lock_minutes),
        "settings_keys": "journal/last_path, welkom_gezien, taal",
        "settings_location": f"~/.config/{APP_NAME}/{APP_NAME}.conf",
        "deb_file": f"vp-desktop_{version}_amd64.deb",
        "run_dir": "run",
        "qt_settings_file": "~/.config/QtProject.conf",
        # where the Windows installers put the console executable: read from their definitions
        "cli_msi": _msi_dir() + "\\" + _wxs_console_exe(),
        "cli_inno": _iss_dir() + "\\" + _wxs_console_exe(),
        # the names the Windows builds really give: read from their definitions
        "msi_file": _workflow_name(r"dist\\(vp-desktop-\$v-x64\.msi)").replace("$v", version),
        "setup_file": _iss_name().replace("{#AppVersion}", version) + ".exe",
    }


ROOT = Path(__file__).resolve().parents[1]


def _workflow_name(pattern: str) -> str:
    text = (ROOT / ".github" / "workflows" / "build.yml").read_text(encoding="utf-8")
    return re.search(pattern, text).group(1)


def _iss_name() -> str:
    text = (ROOT / "installer" / "windows" / "vp-desktop.iss").read_text(encoding="utf-8")
    return next(line.split("=", 1)[1].strip() for line in text.splitlines()
                if line.startswith("OutputBaseFilename="))


def _wxs() -> str:
    return (ROOT / "installer" / "windows" / "vp-desktop.wxs").read_text(encoding="utf-8")


def _wxs_console_exe() -> str:
    return re.search(r'Id="FilConsoleExe" Name="([^"]+)"', _wxs()).group(1)


def _msi_dir() -> str:
    match = re.search(r'<Directory Id="ProgramFiles64Folder">\s*<Directory Id="INSTALLDIR" '
                      r'Name="([^"]+)"', _wxs())
    return "%ProgramFiles%\\" + match.group(1)


def _iss_dir() -> str:
    text = (ROOT / "installer" / "windows" / "vp-desktop.iss").read_text(encoding="utf-8")
    assert "\nPrivilegesRequired=lowest\n" in text  # per user: {autopf} = %LOCALAPPDATA%\Programs
    folder = re.search(r"^DefaultDirName=\{autopf\}\\(.+)$", text, re.M).group(1).strip()
    return "%LOCALAPPDATA%\\Programs\\" + folder


def test_every_figure_in_the_pack_equals_the_code_or_the_library(pack, tmp_path):
    facts, _html, markdown, parser = pack
    expected = _expected(tmp_path)
    assert set(facts) == set(expected), "a new fact needs its check here"
    shown = {name for name, _source, _text in parser.spans}
    assert shown == set(facts), f"facts never shown: {set(facts) - shown}"
    for name, source, text in parser.spans:
        assert text == expected[name], name
        assert source == facts[name].source
        assert expected[name] in markdown
    # the headline figures of the issue, read from the library, not copied
    assert expected["kdf_iter"] == _thousands(str(256_000))
    assert facts["kdf_iter"].source == facts["cipher"].source == evidence.READ


def test_retention_limits_are_the_validations_own():
    low, high = evidence.retention_limits()

    def accepted(months: int) -> bool:
        return not [p for p in profile_problems(VpProfile(name="x", retention_months=months))
                    if p.startswith("Bewaartermijn")]

    assert accepted(low) and accepted(high) and not accepted(high + 1)
    assert low == 0 or not accepted(low - 1)


def test_platform_paths_are_platformdirs_defaults(monkeypatch):
    from platformdirs.windows import Windows

    monkeypatch.setenv("XDG_DATA_HOME", "/elders")  # an override here is not the default
    paths = evidence.platform_data_dirs()
    assert paths.macos == f"~/Library/Application Support/{APP_NAME}"
    assert os.environ["XDG_DATA_HOME"] == "/elders"  # restored
    monkeypatch.delenv("XDG_DATA_HOME")
    assert Path(paths.linux.replace("~", str(Path.home()), 1)) == data_dir()
    local = "C:\\LOCALAPPDATA"
    monkeypatch.setenv("WIN_PD_OVERRIDE_LOCAL_APPDATA", local)
    windows = Windows(APP_NAME, appauthor=False, roaming=False).user_data_dir
    assert paths.windows == windows.replace(local, "%LOCALAPPDATA%").replace("/", "\\")


def test_the_settings_keys_listed_are_every_qsettings_use_in_the_source():
    from vp_desktop.ui.main_window import SETTINGS_JOURNAL_KEY, SETTINGS_LANGUAGE_KEY
    from vp_desktop.ui.welcome_dialog import SEEN_KEY

    assert set(evidence.QSETTINGS_KEYS) == {SETTINGS_JOURNAL_KEY, SEEN_KEY, SETTINGS_LANGUAGE_KEY}
    package = Path(vp_desktop.__file__).parent
    constants = {"SETTINGS_JOURNAL_KEY", "SEEN_KEY", "SETTINGS_LANGUAGE_KEY"}
    for source in package.rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        uses = text.count("QSettings()")
        keyed = re.findall(r"QSettings\(\)\.(?:value|setValue|remove)\(\s*([A-Za-z_]+)", text)
        # QSettings() only ever with one of the listed keys (or to ask where the file is)
        plain = len(re.findall(r"QSettings\(\)\.fileName\(\)", text))
        assert uses == len(keyed) + plain, source
        assert set(keyed) <= constants, source


def test_the_lock_folder_and_qts_dialog_history_file_are_the_real_ones(qtbot, monkeypatch):
    from vp_desktop.ui import single_instance

    facts = evidence.gather_facts()
    # the lock folder is data_dir()/run (also where $XDG_RUNTIME_DIR is not set)
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    assert single_instance.runtime_dir() == data_dir() / facts["run_dir"].value
    # Qt's file dialog history lives in QSettings(UserScope, "QtProject")
    qt_file = QSettings(QSettings.Scope.UserScope, "QtProject").fileName()
    assert qt_file.endswith("/.config/" + Path(facts["qt_settings_file"].value).name)
    assert facts["qt_settings_file"].value == "~/.config/" + Path(qt_file).name


def test_the_settings_place_is_qts_own(qtbot):
    from vp_desktop.ui.evidence_window import settings_location

    location = settings_location()
    assert QCoreApplication.organizationName() == APP_NAME  # the registry key in the pack
    assert location == QSettings().fileName()
    assert location.endswith(f"/{APP_NAME}/{APP_NAME}.conf")  # Linux: an INI file


def test_nothing_is_left_unfilled_and_an_unknown_fact_fails(pack, monkeypatch, tmp_path):
    facts, html_text, markdown, _parser = pack
    for text in (html_text, markdown):
        for mark in ("{{", "}}", "{%", "%}", "\u27e6", "\u27e7"):
            assert mark not in text
    fewer = dict(facts)
    del fewer["kdf_iter"]
    with pytest.raises(KeyError):
        evidence.render_markdown(fewer)
    # a template naming a variable that does not exist fails too (StrictUndefined)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / evidence.TEMPLATE).write_text("{{ onbekend }}", encoding="utf-8")
    monkeypatch.setattr(evidence, "resources_dir", lambda: tmp_path)
    with pytest.raises(jinja2.UndefinedError):
        evidence.render_html(facts)


# Numbers that belong in the text itself: control and article numbers, chapter numbers,
# algorithm names, the SQLCipher major version (the minor comes from the library).
# Also the digits of Windows names (System32, ComDlg32) and policy values (=0).
ALLOWED_NUMBERS = {"0", "32", "1.2", "8.01", "8.13", "8.24", "7.10", "5.33", "8.15", "2", "4", "6", "9",
                   "256", "512", "1", "3", "5", "7", "8", "000", "1000"}


def test_no_figure_is_typed_into_the_text(pack):
    _facts, _html, _markdown, parser = pack
    outside = " ".join(parser.outside)
    numbers = set(re.findall(r"\d+(?:\.\d+)?", outside))
    assert numbers <= ALLOWED_NUMBERS, numbers - ALLOWED_NUMBERS
    for typed in ("256.000", "256000", "4096", "4.096", "120", "12 maanden", "30 dagen"):
        assert typed not in outside


def test_markdown_subset_escapes_and_structures():
    html_text = evidence.markdown_to_html(
        "# Kop\n\ntekst met <script> en **vet** en `a<b`\n\n- een\n  twee\n- drie\n\n"
        "| A | B |\n|---|---|\n| 1 | 2 |\n")
    assert "<script>" not in html_text and "&lt;script&gt;" in html_text
    assert "<b>vet</b>" in html_text and "<code>a&lt;b</code>" in html_text
    assert "<ul><li>een twee</li><li>drie</li></ul>" in html_text
    assert "<tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr>" in html_text
    assert '<h1 id="kop">Kop</h1>' in html_text


def test_cli_writes_the_pack(tmp_path):
    out = tmp_path / "voor-it"
    result = run_main("evidence", "--out", str(out))
    assert result.returncode == 0, result.stderr
    written = sorted(out.iterdir())
    assert [p.suffix for p in written] == [".html", ".md"]
    assert [str(p) for p in written] == sorted(result.stdout.split())
    html_text = written[0].read_text(encoding="utf-8")
    assert html_text.startswith("<!DOCTYPE html>") and 'lang="nl"' in html_text
    parser = _Facts()
    parser.feed(html_text)
    # Qt fixes its settings folder once per process: compare with Qt's own answer
    assert dict((n, t) for n, _s, t in parser.spans)["settings_location"] == \
        evidence.tilde(QSettings().fileName())


def test_help_menu_shows_the_pack_and_saves_it(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from vp_desktop.ui import evidence_window

    from test_ui import open_window

    window, _session = open_window(qtbot)
    action = window.findChild(type(window.menuBar().actions()[0]), "actionEvidence")
    assert action is not None and action.isEnabled()  # also while locked
    action.trigger()
    shown = evidence_window._window
    assert shown is not None and shown.isVisible()
    text = shown.browser.toPlainText()
    assert "documentatie voor IT en FG" in text
    assert shown.facts["kdf_iter"].value in text
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    written = shown.save(str(tmp_path / "map"))
    assert {p.name for p in written} == {f"{evidence.OUTPUT_STEM}.html",
                                         f"{evidence.OUTPUT_STEM}.md"}
    shown.close()


def test_about_lists_the_installed_third_party_licences(qtbot):
    from test_ui import open_window

    window, _session = open_window(qtbot)
    dialog = window.open_about()
    origin, items = about.third_party_licences()
    assert "geïnstalleerde pakketten" in origin  # a source checkout has no licenses/ folder
    names = {i.name.lower().replace("_", "-") for i in items}
    assert {"pyside6-essentials", "sqlcipher3", "reportlab", "jinja2"} <= names
    assert "pytest" not in names  # only what VP Desktop needs, not the test tools
    rows = [dialog.licence_list.item(r).text() for r in range(dialog.licence_list.count())]
    assert len(rows) == len(items)
    pyside = next(r for r in rows if r.lower().startswith("pyside6"))
    assert "LGPL" in pyside
    dejavu = rows.index(next(r for r in rows if r.startswith("DejaVu")))
    dialog.licence_list.setCurrentRow(dejavu)
    assert "Bitstream" in dialog.licence_text.toPlainText()
    dialog.close()


def test_bundle_licences_come_from_the_sbom_and_the_folder(tmp_path, monkeypatch):
    folder = tmp_path / "licenses"
    folder.mkdir()
    (folder / "sbom.cdx.json").write_text(json.dumps({"components": [
        {"name": "PySide6-Essentials", "version": "6.12.0",
         "licenses": [{"expression": "LGPL-3.0-only OR GPL-2.0-only OR GPL-3.0-only"}]},
        {"name": "zxcvbn", "version": "4.5.0", "licenses": [{"license": {"id": "MIT"}}]},
    ]}), encoding="utf-8")
    (folder / "zxcvbn-LICENSE.txt").write_text("MIT licence text", encoding="utf-8")
    (folder / "DejaVu-fonts.txt").write_text("Bitstream Vera", encoding="utf-8")
    (folder / "README.txt").write_text("index", encoding="utf-8")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert about.licences_dir() == folder
    origin, items = about.third_party_licences()
    assert str(folder) in origin
    by_name = {i.name: i for i in items}
    assert set(by_name) == {"PySide6-Essentials", "zxcvbn", "DejaVu-fonts"}
    assert by_name["PySide6-Essentials"].licence.startswith("LGPL-3.0-only")
    assert by_name["PySide6-Essentials"].file is None
    assert by_name["zxcvbn"].licence == "MIT"
    assert by_name["zxcvbn"].file == folder / "zxcvbn-LICENSE.txt"
    assert by_name["DejaVu-fonts"].file == folder / "DejaVu-fonts.txt"
