"""Build-time helpers of the bundle (installer/bundle_extras.py) and the desktop-integration
files of the .deb: fast, no PyInstaller run (CI builds the real bundle: installer/build.sh and
installer/linux/check-bundle.sh)."""

from __future__ import annotations

import configparser
import json
import sys
import xml.etree.ElementTree as ET
from importlib import metadata
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
INSTALLER = REPO / "installer"
sys.path.insert(0, str(INSTALLER))
import bundle_extras  # noqa: E402


@pytest.mark.parametrize(("dest", "kept"), [
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
    ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
    ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
    ("PySide6/Qt/plugins/platforms/libqlinuxfb.so", False),
    ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
    ("PySide6/Qt/plugins/networkinformation/libqglib.so", False),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
    ("PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so", True),
    ("PySide6/Qt/plugins/wayland-decoration-client/libadwaita.so", False),
    ("PySide6/Qt/plugins/wayland-decoration-client/libbradient.so", True),
    ("PySide6/Qt/plugins/imageformats/libqjpeg.so", False),
    ("PySide6\\Qt\\plugins\\platforms\\qwindows.dll", True),
    ("PySide6/Qt/translations/qtbase_nl.qm", True),
    ("PySide6/Qt/translations/qtbase_de.qm", False),
    ("PySide6/Qt/translations/qt_nl.qm", False),
    ("PySide6/Qt/lib/libQt6Quick.so.6", False),
    ("PySide6/Qt/lib/libQt6Pdf.so.6", True),
    ("PySide6/Qt/lib/libQt6Network.so.6", True),
    ("reportlab/fonts/Vera.ttf", False),
    ("resources/fonts/DejaVuSans.ttf", True),
])
def test_qt_filter_keeps_what_the_app_uses(dest, kept):
    assert bundle_extras.keep_entry(dest) is kept


def test_bundled_distributions_maps_files_to_their_package_and_skips_build_tools():
    jinja = metadata.distribution("jinja2")
    jinja_file = next(str(jinja.locate_file(f)) for f in jinja.files if f.name == "__init__.py")
    pip_dist = metadata.distribution("pip")
    pip_file = next(str(pip_dist.locate_file(f)) for f in pip_dist.files if f.suffix == ".py")
    found = bundle_extras.bundled_distributions([jinja_file, pip_file, "/nowhere/x.py", None])
    assert list(found) == ["jinja2"]


def test_licences_index_lists_each_component_with_its_texts(tmp_path):
    dists = {name: metadata.distribution(name) for name in ("jinja2", "sqlcipher3")}
    lines = bundle_extras.write_licences(dists, tmp_path, INSTALLER / "licenses",
                                         REPO / "resources" / "fonts", system_packages={})
    index = (tmp_path / "README.txt").read_text(encoding="utf-8")
    assert any(line.startswith("jinja2 ") for line in lines)
    assert "SQLCipher-BSD.txt" in index and "Apache-2.0.txt" in index  # OpenSSL inside
    assert "ZETETIC LLC" in (tmp_path / "SQLCipher-BSD.txt").read_text(encoding="utf-8")
    assert (tmp_path / "LICENSE-DejaVu.txt").is_file()
    for name in index.split():  # every file the index names exists
        if name.endswith((".txt", "LICENSE")) and name != "README.txt":
            assert (tmp_path / name.rstrip(",")).is_file(), name


def test_sbom_holds_exactly_the_bundled_packages_plus_runtime_and_system_libraries():
    env = {"bomFormat": "CycloneDX", "specVersion": "1.6", "metadata": {},
           "components": [{"bom-ref": "j", "name": "Jinja2", "version": "3"},
                          {"bom-ref": "m", "name": "MarkupSafe", "version": "3"},
                          {"bom-ref": "p", "name": "pyinstaller", "version": "6"}],
           "dependencies": [{"ref": "j", "dependsOn": ["m"]}, {"ref": "p", "dependsOn": ["j"]}]}
    sbom = bundle_extras.filter_sbom(env, {"jinja2", "markupsafe"}, "0.1.0",
                                     {"libdbus-1-3": "1.14"})
    names = [c["name"] for c in sbom["components"]]
    assert names == ["Jinja2", "MarkupSafe", "python", "libdbus-1-3"]
    assert sbom["metadata"]["component"]["name"] == "vp-desktop"
    assert sbom["metadata"]["component"]["version"] == "0.1.0"
    refs = {d["ref"] for d in sbom["dependencies"]}
    assert "p" not in refs and {"j", "vp-desktop"} <= refs
    json.dumps(sbom)  # serialisable as written into the bundle


def test_sbom_refuses_a_bundled_package_missing_from_the_environment(tmp_path):
    env_path = tmp_path / "env.json"
    env_path.write_text(json.dumps({"components": [{"name": "Jinja2", "bom-ref": "j"}]}))
    with pytest.raises(SystemExit):
        bundle_extras.write_sbom(env_path, {"jinja2", "reportlab"}, "0.1.0", tmp_path / "o.json")


def test_desktop_entry_and_mime_type_agree():
    entry = configparser.ConfigParser(interpolation=None)
    entry.read(INSTALLER / "linux" / "vp-desktop.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Exec"] == "vp-desktop-gui %f"
    assert desktop["Icon"] == "vp-desktop"
    mime = ET.parse(INSTALLER / "linux" / "vp-desktop-mime.xml").getroot()
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    mime_type = mime.find("m:mime-type", ns)
    assert mime_type is not None
    assert desktop["MimeType"].rstrip(";") == mime_type.get("type")
    assert mime_type.find("m:glob", ns).get("pattern") == "*.vpj"


def test_icon_set_has_every_hicolor_size():
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        png = REPO / "resources" / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "vp-desktop.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (REPO / "resources" / "icons" / "vp-desktop.ico").read_bytes()[:4] == b"\0\0\1\0"
