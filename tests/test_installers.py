"""Windows and macOS installer definitions, checked on Linux.

The MSI is really built with wixl (msitools) from a small fake bundle and read back with
msiinfo; the Inno Setup script, the macOS Info.plist additions and the CI workflow are read
as text (Inno Setup, hdiutil and the Windows/macOS runners are not available here).
"""

from __future__ import annotations

import importlib.util
import json
import os
import plistlib
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
WINDOWS = ROOT / "installer" / "windows"
ISS = WINDOWS / "vp-desktop.iss"
WXS = WINDOWS / "vp-desktop.wxs"
ASSOCIATION = json.loads((WINDOWS / "vpj-association.json").read_text(encoding="utf-8"))
PLIST = ROOT / "installer" / "macos" / "Info.plist.additions.plist"
WORKFLOW = ROOT / ".github" / "workflows" / "build.yml"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, WINDOWS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


make_wxs = _load("make_wxs")
make_ico = _load("make_ico")

FAKE_FILES = [
    "vp-desktop.exe",
    "vp-desktop-gui.exe",
    "_internal/python311.dll",
    "_internal/PySide6/plugins/platforms/qwindows.dll",
    "_internal/PySide6/translations/qtbase_nl.qm",
    "_internal/resources/fonts/DejaVuSans.ttf",
    "_internal/licenses/sbom.cdx.json",
    "_internal/licenses/Qt LGPL v3.txt",
]


def _fake_bundle(root: Path) -> Path:
    bundle = root / "vp-desktop"
    for i, relative in enumerate(FAKE_FILES):
        path = bundle / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"MZ" + bytes([i]) * (10 + i))
    return bundle


# --- the generated WiX fragment -------------------------------------------------------------

def test_fragment_lists_every_file_but_the_two_declared_executables(tmp_path):
    bundle = _fake_bundle(tmp_path)
    text = make_wxs.fragment(bundle)
    sources = re.findall(r'Source="([^"]+)"', text)
    expected = sorted(str((bundle / f).resolve().as_posix()) for f in FAKE_FILES[2:])
    assert sorted(sources) == expected
    assert text.count("<Component ") == len(FAKE_FILES) - 2
    assert text.count('Win64="yes"') == len(FAKE_FILES) - 2
    # every component is referenced in the group the product's feature uses
    ids = re.findall(r'<Component Id="([^"]+)"', text)
    assert sorted(re.findall(r'<ComponentRef Id="([^"]+)"', text)) == sorted(ids)


def test_fragment_ids_and_guids_depend_only_on_the_path_inside_the_bundle(tmp_path):
    first = make_wxs.fragment(_fake_bundle(tmp_path / "a"), "bundle")
    second = make_wxs.fragment(_fake_bundle(tmp_path / "b"), "bundle")
    assert first == second
    guids = re.findall(r'Guid="([^"]+)"', first)
    assert len(set(guids)) == len(guids) == len(FAKE_FILES) - 2
    assert make_wxs.component_guid("_internal/python311.dll") != make_wxs.component_guid(
        "_internal/python312.dll")


def test_fragment_refuses_a_bundle_without_the_two_executables(tmp_path):
    bundle = _fake_bundle(tmp_path)
    (bundle / "vp-desktop-gui.exe").unlink()
    with pytest.raises(make_wxs.BundleError, match="vp-desktop-gui.exe"):
        make_wxs.fragment(bundle)


@pytest.mark.parametrize(("version", "expected"), [
    ("0.1.0", "0.1.0"), ("1.2", "1.2.0"), ("2.0.3rc1", "2.0.3"), ("3.1.4+local", "3.1.4"),
])
def test_msi_version_is_numeric(version, expected):
    assert make_wxs.msi_version(version) == expected


def test_product_code_changes_with_the_version_and_is_stable():
    assert make_wxs.product_code("0.1.0") == make_wxs.product_code("0.1.0")
    assert make_wxs.product_code("0.1.0") != make_wxs.product_code("0.2.0")
    assert re.fullmatch(r"\{[0-9A-F-]{36}\}", make_wxs.product_code("0.1.0"))


def test_product_code_tells_a_release_candidate_from_its_final_release():
    """0.1.0rc1 and 0.1.0 share the MSI version 0.1.0; their ProductCodes must differ, or
    the final MSI is 'already installed' on a machine with the candidate."""
    assert make_wxs.msi_version("0.1.0rc1") == make_wxs.msi_version("0.1.0")
    codes = {make_wxs.product_code(v) for v in ("0.1.0rc1", "0.1.0rc2", "0.1.0", "0.1.0.post1")}
    assert len(codes) == 4
    # the numeric part is normalised: one version, one code
    assert make_wxs.product_code("1.2") == make_wxs.product_code("1.2.0")
    assert make_wxs.product_code("1.2rc1") == make_wxs.product_code("1.2.0rc1")
    # a plain final version keeps the code it always had (Intune detection rules)
    assert make_wxs.product_code("0.1.0") == "{AEC2E0EF-2E96-56F5-93AB-B060C8FB8D4A}"
    with pytest.raises(make_wxs.BundleError):
        make_wxs.product_code("rc1")


def test_wxs_major_upgrade_allows_same_version_upgrades():
    (element,) = re.findall(r"<MajorUpgrade\b[^>]*>", WXS.read_text(encoding="utf-8"))
    assert 'AllowSameVersionUpgrades="yes"' in element
    assert "AllowDowngrades" not in element and "DowngradeErrorMessage=" in element


def test_wxs_is_per_machine_without_custom_actions():
    text = WXS.read_text(encoding="utf-8")
    assert 'InstallScope="perMachine"' in text
    assert "ProgramFiles64Folder" in text
    assert "<MajorUpgrade" in text
    assert "CustomAction" not in text.replace("no custom actions", "")
    assert "<Binary" not in text


# --- the MSI, built with wixl and read back --------------------------------------------------

def _msi_table(msi: Path, table: str) -> list[dict[str, str]]:
    out = subprocess.run(["msiinfo", "export", str(msi), table], check=True,
                         capture_output=True, text=True).stdout
    lines = out.splitlines()
    header = lines[0].split("\t")
    # line 1: column types, line 2: table name and keys, then the rows
    return [dict(zip(header, line.split("\t"), strict=False)) for line in lines[3:] if line]


@pytest.fixture(scope="module")
def msi(tmp_path_factory, qapp):
    if shutil.which("wixl") is None or shutil.which("msiinfo") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("wixl/msiinfo ontbreken in CI: setup-debian.sh installeert msitools en wixl")
        pytest.skip("wixl (msitools) is not installed: apt-get install wixl msitools")
    root = tmp_path_factory.mktemp("msi")
    bundle = _fake_bundle(root)
    icon = root / "vp-desktop.ico"
    icon.write_bytes(make_ico.ico_bytes(make_ico.IconSource(root / "no-icons"), sizes=(16, 32)))
    return make_wxs.build_with_wixl(bundle, root / "out" / "vp-desktop.msi", "0.1.0", icon)


def test_msi_is_per_machine_with_the_fixed_upgrade_code(msi):
    properties = {row["Property"]: row["Value"] for row in _msi_table(msi, "Property")}
    assert properties["ALLUSERS"] == "1"
    upgrade_code = re.search(r'UpgradeCode="([0-9A-F-]+)"', WXS.read_text()).group(1)
    assert properties["UpgradeCode"] == "{" + upgrade_code + "}"
    assert upgrade_code == "6B00D197-04DD-48C9-90FF-FA8CFBE0BAB2"  # never change it
    assert properties["ProductCode"] == make_wxs.product_code("0.1.0")
    assert properties["ProductVersion"] == "0.1.0"
    upgrades = _msi_table(msi, "Upgrade")
    assert {row["UpgradeCode"] for row in upgrades} == {properties["UpgradeCode"]}


def _finds(row: dict[str, str], version: str) -> bool:
    """Whether an Upgrade-table row finds an installed product of ``version`` (what
    FindRelatedProducts does with VersionMin/VersionMax and the inclusive bits)."""
    attributes = int(row["Attributes"])
    key = tuple(int(n) for n in version.split("."))
    if row["VersionMin"]:
        low = tuple(int(n) for n in row["VersionMin"].split("."))
        if key < low or (key == low and not attributes & 0x100):  # VersionMinInclusive
            return False
    if row["VersionMax"]:
        high = tuple(int(n) for n in row["VersionMax"].split("."))
        if key > high or (key == high and not attributes & 0x200):  # VersionMaxInclusive
            return False
    return True


def test_msi_final_release_replaces_its_release_candidate(msi):
    """The MSI of 0.1.0 removes an installed 0.1.0rc1 (same MSI version 0.1.0, another
    ProductCode) and older versions; a newer installed version is refused, not removed."""
    rows = {row["ActionProperty"]: row for row in _msi_table(msi, "Upgrade")}
    upgrade, downgrade = rows["WIX_UPGRADE_DETECTED"], rows["WIX_DOWNGRADE_DETECTED"]
    assert not int(upgrade["Attributes"]) & 0x2, "the upgrade row removes what it finds"
    assert int(downgrade["Attributes"]) & 0x2, "the downgrade row only detects"
    candidate = make_wxs.msi_version("0.1.0rc1")
    assert make_wxs.product_code("0.1.0rc1") != make_wxs.product_code("0.1.0")
    assert _finds(upgrade, candidate) and not _finds(downgrade, candidate)
    assert _finds(upgrade, "0.0.9") and not _finds(downgrade, "0.0.9")
    assert _finds(downgrade, "0.2.0") and not _finds(upgrade, "0.2.0")
    conditions = {row["Condition"] for row in _msi_table(msi, "LaunchCondition")}
    assert "NOT WIX_DOWNGRADE_DETECTED" in conditions


def test_msi_installs_every_bundle_file_into_program_files(msi):
    files = {row["FileName"] for row in _msi_table(msi, "File")}
    assert files == {Path(f).name for f in FAKE_FILES}
    directories = {row["Directory"]: row for row in _msi_table(msi, "Directory")}
    assert directories["INSTALLDIR"]["Directory_Parent"] == "ProgramFiles64Folder"
    assert directories["INSTALLDIR"]["DefaultDir"] == "VP Desktop"
    components = _msi_table(msi, "Component")
    assert len(components) == len(FAKE_FILES) + 1  # + the Start-menu component
    assert all(int(row["Attributes"]) & 256 for row in components), "64-bit components"


def test_msi_start_menu_shortcut_targets_the_windowed_executable(msi):
    (shortcut,) = _msi_table(msi, "Shortcut")
    assert shortcut["Directory_"] == "ProgramMenuFolder"
    assert shortcut["Target"] == "[INSTALLDIR]vp-desktop-gui.exe"
    assert shortcut["Name"] == "VP Desktop"


def test_msi_registers_the_vpj_extension_and_prog_id(msi):
    rows = _msi_table(msi, "Registry")
    files = {row["File"]: row["FileName"] for row in _msi_table(msi, "File")}
    classes = {(row["Key"], row["Name"]): row["Value"] for row in rows if row["Root"] == "0"}
    prog_id = ASSOCIATION["prog_id"]
    assert classes[(ASSOCIATION["extension"], "")] == prog_id
    assert classes[(ASSOCIATION["extension"], "Content Type")] == ASSOCIATION["content_type"]
    assert classes[(prog_id, "")] == ASSOCIATION["description"]
    command = classes[(prog_id + r"\shell\open\command", "")]
    file_id = re.fullmatch(r'"\[#(\w+)\]" (.*)', command)
    assert file_id, command
    assert files[file_id.group(1)] == ASSOCIATION["executable"]
    assert file_id.group(2) == ASSOCIATION["arguments"]
    assert not [row for row in rows if row["Root"] == "1"], "per machine: nothing in HKCU"


def test_msi_has_no_custom_actions(msi):
    assert _msi_table(msi, "CustomAction") == []
    assert _msi_table(msi, "Binary") == []


# --- the Inno Setup script, read as text ----------------------------------------------------

def _iss_sections() -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {"": []}
    current = ""
    for raw in ISS.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith(";"):
            continue
        match = re.fullmatch(r"\[(\w+)\]", line)
        if match:
            current = match.group(1).lower()
            sections.setdefault(current, [])
        else:
            sections[current].append(line)
    return sections


def _iss_entries(section: str) -> list[dict[str, str]]:
    entries = []
    for line in _iss_sections()[section]:
        entry = {}
        for part in re.findall(r'(\w+):\s*("(?:[^"]|"")*"|[^;]+)', line):
            key, value = part
            value = value.strip()
            if value.startswith('"'):
                value = value[1:-1].replace('""', '"')
            entry[key.lower()] = value
        entries.append(entry)
    return entries


def _iss_setup() -> dict[str, str]:
    return dict(line.split("=", 1) for line in _iss_sections()["setup"])


def test_iss_installs_per_user_without_admin_rights():
    setup = _iss_setup()
    assert setup["PrivilegesRequired"] == "lowest"
    assert "PrivilegesRequiredOverridesAllowed" not in setup
    assert setup["DefaultDirName"] == r"{autopf}\VP Desktop"
    assert setup["AppVersion"] == "{#AppVersion}"
    assert "#ifndef AppVersion" in ISS.read_text(encoding="utf-8")
    assert setup["ChangesAssociations"] == "yes"


def test_iss_is_dutch_and_starts_the_windowed_executable():
    (language,) = _iss_entries("languages")
    assert language["messagesfile"] == r"compiler:Languages\Dutch.isl"
    (icon,) = _iss_entries("icons")
    assert icon["name"].startswith("{autoprograms}")
    assert icon["filename"] == r"{app}\vp-desktop-gui.exe"
    (files,) = _iss_entries("files")
    assert files["source"] == r"{#BundleDir}\*" and "recursesubdirs" in files["flags"]


def test_iss_associates_vpj_for_this_user_only():
    entries = _iss_entries("registry")
    assert entries
    assert all(e["root"] == "HKCU" and e["subkey"].startswith("Software\\Classes\\")
               for e in entries)
    values = {(e["subkey"].removeprefix("Software\\Classes\\"), e["valuename"]): e["valuedata"]
              for e in entries}
    prog_id = ASSOCIATION["prog_id"]
    assert values[(ASSOCIATION["extension"], "")] == prog_id
    assert values[(ASSOCIATION["extension"], "Content Type")] == ASSOCIATION["content_type"]
    assert values[(prog_id, "")] == ASSOCIATION["description"]
    assert values[(prog_id + r"\shell\open\command", "")] == (
        f'"{{app}}\\{ASSOCIATION["executable"]}" {ASSOCIATION["arguments"]}')


def test_iss_upgrade_first_removes_the_previous_bundle():
    """Without it an upgrade leaves the older bundle's modules and DLLs in _internal, which
    PyInstaller's loader may then pick up. Only the program's own folder is emptied."""
    assert _iss_entries("installdelete") == [
        {"type": "filesandordirs", "name": r"{app}\_internal"}]
    (files,) = _iss_entries("files")
    assert files["destdir"] == "{app}"  # _internal comes back from the new bundle
    assert _iss_setup()["UsePreviousAppDir"] == "yes"


def test_iss_uninstall_never_deletes_user_data():
    deletions = _iss_entries("uninstalldelete")
    assert deletions == [{"type": "dirifempty", "name": "{app}"}]
    text = ISS.read_text(encoding="utf-8")
    user_places = ("{localappdata}", "{userappdata}", "{userdocs}", "{commonappdata}",
                   "{%USERPROFILE", ".vpj\"", "reservekopie")
    for section in ("uninstalldelete", "installdelete"):
        for line in _iss_sections().get(section, []):
            assert not any(place in line.lower() for place in user_places), line
    assert "[Code]" not in text  # no scripted deletions either
    assert "DelTree" not in text


# --- one MIME type for a journal on every platform ------------------------------------------

MIME_PATTERN = re.compile(r"application/x-vp[\w.+-]*")


def test_every_definition_uses_the_one_journal_mime_type():
    """Windows (Inno, WiX), macOS (UTI), Linux (shared-mime-info, .desktop, AppStream) and
    the docs name the same MIME type, the one in vpj-association.json."""
    mime = ASSOCIATION["content_type"]
    assert mime == "application/x-vp-desktop-journal"
    linux = ROOT / "installer" / "linux"
    where: dict[str, set[str]] = {}
    for base in ("installer", ".github", "vp_desktop", "resources"):
        for path in sorted((ROOT / base).rglob("*")):
            if not path.is_file() or path.suffix in {".png", ".ico", ".icns", ".ttf", ".pyc"}:
                continue
            found = set(MIME_PATTERN.findall(path.read_text(encoding="utf-8", errors="replace")))
            if found:
                where[path.relative_to(ROOT).as_posix()] = found
    for name in ("README.md", "installer/README.md"):
        found = set(MIME_PATTERN.findall((ROOT / name).read_text(encoding="utf-8")))
        if found:
            where[name] = found
    assert {m for found in where.values() for m in found} == {mime}, where
    for required in ("installer/windows/vp-desktop.iss", "installer/windows/vp-desktop.wxs",
                     "installer/windows/vpj-association.json",
                     "installer/macos/Info.plist.additions.plist",
                     "installer/linux/vp-desktop-mime.xml",
                     "installer/linux/vp-desktop.desktop",
                     "installer/linux/nl.vp_desktop.VPDesktop.metainfo.xml.in"):
        assert required in where, required
    # and where each one says it, parsed rather than grepped
    mime_xml = (linux / "vp-desktop-mime.xml").read_text(encoding="utf-8")
    assert re.findall(r'<mime-type type="([^"]+)"', mime_xml) == [mime]
    desktop = (linux / "vp-desktop.desktop").read_text(encoding="utf-8")
    assert re.search(r"^MimeType=(.*)$", desktop, re.M).group(1).split(";")[0] == mime
    metainfo = (linux / "nl.vp_desktop.VPDesktop.metainfo.xml.in").read_text(encoding="utf-8")
    assert re.findall(r"<mediatype>([^<]+)</mediatype>", metainfo) == [mime]
    assert re.findall(r'ContentType="([^"]+)"', WXS.read_text(encoding="utf-8")) == [mime]


# --- macOS and CI, read as text ------------------------------------------------------------

def test_macos_plist_declares_the_vpj_document_type():
    plist = plistlib.loads(PLIST.read_bytes())
    (document,) = plist["CFBundleDocumentTypes"]
    assert document["CFBundleTypeExtensions"] == [ASSOCIATION["extension"].lstrip(".")]
    assert document["LSItemContentTypes"] == [ASSOCIATION["macos_uti"]]
    assert document["CFBundleTypeName"] == ASSOCIATION["description"]
    (uti,) = plist["UTExportedTypeDeclarations"]
    assert uti["UTTypeIdentifier"] == ASSOCIATION["macos_uti"]
    assert uti["UTTypeTagSpecification"]["public.mime-type"] == ASSOCIATION["content_type"]
    assert plist["NSHighResolutionCapable"] is True
    assert re.fullmatch(r"\d+\.\d+", plist["LSMinimumSystemVersion"])


def test_workflow_builds_on_three_platforms_and_marks_code_signing():
    text = WORKFLOW.read_text(encoding="utf-8")
    for runner in ("windows-latest", "macos-latest", "ubuntu-latest"):
        assert runner in text
    assert "python-version: \"3.11\"" in text
    assert "pyinstaller installer/vp-desktop.spec" in text
    assert "--selftest" in text and "QT_QPA_PLATFORM: offscreen" in text
    assert "iscc" in text.lower() and "candle" in text and "light" in text
    assert "make-dmg.sh" in text
    assert "# --- CODE SIGNING (fill in) ---" in text
    assert "actions/upload-artifact" in text


# --- the icon -------------------------------------------------------------------------------

def test_ico_holds_every_size_and_qt_reads_it(tmp_path, qapp):
    from PySide6.QtGui import QImageReader

    path = tmp_path / "vp.ico"
    path.write_bytes(make_ico.ico_bytes(make_ico.IconSource(tmp_path / "none")))
    data = path.read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind, count) == (0, 1, len(make_ico.ICO_SIZES))
    reader = QImageReader(str(path))
    assert reader.imageCount() == len(make_ico.ICO_SIZES)
    sizes = []
    for i in range(reader.imageCount()):
        reader.jumpToImage(i)
        image = reader.read()
        sizes.append(image.width())
        assert image.pixelColor(image.width() // 2, image.height() // 8).alpha() == 255
        assert image.pixelColor(0, 0).alpha() == 0  # transparent corner: alpha kept
    assert sizes == list(make_ico.ICO_SIZES)
