"""Build-time helpers of installer/vp-desktop.spec: which installed distributions end up in
the bundle, their licence texts, and the CycloneDX SBOM cut down to exactly those.

Runs inside the build environment (the Python that runs PyInstaller). No Qt, no network.
Used by the spec and by tests/test_bundle_extras.py.
"""

from __future__ import annotations

import json
import platform
import re
import shutil
import subprocess
import sysconfig
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

# Distributions that are build tools, never part of the bundle even if a path matches.
BUILD_ONLY = {"pip", "setuptools", "wheel", "pyinstaller", "pyinstaller-hooks-contrib",
              "altgraph", "cyclonedx-bom", "vp-desktop"}

_LICENSE_NAME = re.compile(r"(licen[cs]e|copying|notice|authors)", re.IGNORECASE)

# Licence texts that the wheels do not carry; the files live in installer/licenses/.
# Key: canonical distribution name; value: (file in installer/licenses, why it is needed).
EXTRA_TEXTS = {
    "pyside6-essentials": [("LGPL-3.0.txt", "Qt 6 en PySide6 (LGPL-3.0)"),
                           ("GPL-3.0.txt", "GPL-3.0, waarnaar de LGPL-3.0 verwijst")],
    "pyside6-pdf": [("LGPL-3.0.txt", "Qt PDF (LGPL-3.0)")],
    "shiboken6": [("LGPL-3.0.txt", "Shiboken6 (LGPL-3.0)")],
    "sqlcipher3": [("SQLCipher-BSD.txt", "SQLCipher (BSD-licentie van Zetetic)"),
                   ("Apache-2.0.txt", "OpenSSL 3, ingebouwd in sqlcipher3 (Apache-2.0)")],
}


# Qt plugins: keep only what a widgets app on a desktop needs. Directory -> kept name parts
# (None keeps the whole directory). Directories not listed are dropped entirely
# (tls + networkinformation: no network; egldeviceintegrations, generic: embedded devices;
# imageformats: the app's images are PNG, built into QtGui; wayland-graphics-integration:
# OpenGL buffers, widgets draw into shared memory; sqldrivers, qmltooling, …).
KEEP_PLUGINS = {
    "platforms": ("qxcb", "qwayland", "qoffscreen", "qwindows", "qcocoa"),
    "platformthemes": ("qxdgdesktopportal",),  # not gtk3: it drags half of GTK in
    "platforminputcontexts": None,  # compose key / ibus: typing ë, é
    "printsupport": None,
    "xcbglintegrations": None,
    "wayland-decoration-client": ("libbradient",),  # adwaita needs QtSvg
    "wayland-shell-integration": None,
    "styles": None,  # macOS/Windows native styles
    "imageformats": ("qico",),  # .ico for the Windows window icon
}
KEEP_TRANSLATIONS = ("qtbase_nl.qm",)
# Qt libraries that a dropped module or plugin would drag in.
DROP_LIBS = ("Qt6Quick", "Qt6Qml", "Qt6Svg", "Qt6OpenGL", "Qt6VirtualKeyboard", "Qt6Designer",
             "Qt6Test", "Qt6Sql", "Qt6Xml", "Qt6Concurrent", "Qt6Help", "Qt6Labs",
             "Qt6Lottie", "Qt6EglFs", "Qt6PdfQuick", "Qt6ShaderTools", "Qt6Multimedia")


def _parts(dest: str) -> list[str]:
    return dest.replace("\\", "/").split("/")


def keep_entry(dest: str) -> bool:
    parts = _parts(dest)
    name = parts[-1]
    if "plugins" in parts and parts.index("plugins") < len(parts) - 2:
        folder = parts[parts.index("plugins") + 1]
        if folder not in KEEP_PLUGINS:
            return False
        wanted = KEEP_PLUGINS[folder]
        return wanted is None or any(name.startswith((w, f"lib{w}")) for w in wanted)
    if "translations" in parts and name.endswith(".qm"):
        return name in KEEP_TRANSLATIONS
    if "qml" in parts[:3]:
        return False
    if parts[:2] == ["reportlab", "fonts"]:  # demo and Vera fonts; our PDFs embed DejaVu
        return False
    return not any(lib in name for lib in DROP_LIBS)


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _dist_index() -> dict[Path, str]:
    """Absolute path of every file an installed distribution owns -> its canonical name."""
    index: dict[Path, str] = {}
    for dist in metadata.distributions():
        name = canonical(dist.metadata["Name"])
        for file in dist.files or ():
            index[Path(str(dist.locate_file(file))).resolve()] = name
    return index


def bundled_distributions(source_paths: Iterable[str | None]) -> dict[str, metadata.Distribution]:
    """The installed distributions that own at least one of ``source_paths`` (the source
    files PyInstaller put into the bundle), keyed by canonical name; build tools excluded."""
    index = _dist_index()
    names: set[str] = set()
    for source in source_paths:
        if not source:
            continue
        owner = index.get(Path(source).resolve())
        if owner and owner not in BUILD_ONLY:
            names.add(owner)
    found: dict[str, metadata.Distribution] = {}
    for dist in metadata.distributions():
        name = canonical(dist.metadata["Name"])
        if name in names:
            found[name] = dist
    return dict(sorted(found.items()))


def licence_files(dist: metadata.Distribution) -> list[Path]:
    """The licence-like files a distribution ships (dist-info/licenses, License-File)."""
    files = []
    for file in dist.files or ():
        parts = Path(str(file)).parts
        in_info = parts and parts[0].endswith(".dist-info")
        if in_info and _LICENSE_NAME.search(Path(str(file)).name) and not str(file).endswith(
                (".py", ".pyc")):
            files.append(Path(str(dist.locate_file(file))))
    return [f for f in files if f.is_file()]


def _licence_expression(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    expression = meta["License-Expression"] or ""  # a missing field reads as None
    if not expression:
        short = (meta["License"] or "").strip()
        if short and "\n" not in short and len(short) < 80:
            expression = short
    if not expression:
        classifiers = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or []
                       if c.startswith("License ::")]
        expression = ", ".join(classifiers)
    return expression or "zie licentietekst"


def debian_packages(binary_paths: Iterable[str | None]) -> dict[str, str]:
    """Debian packages that own the system libraries PyInstaller copied into the bundle
    (e.g. libcups, libdbus from /usr/lib): package name -> version. Empty off Debian."""
    if not shutil.which("dpkg-query"):
        return {}
    candidates: set[str] = set()
    for source in binary_paths:
        if not source:
            continue
        path = Path(source).resolve()
        if path.parts[1:2] in (("usr",), ("lib",), ("lib64",)) and "site-packages" not in path.parts:
            candidates.add(str(path))
            # merged /usr: dpkg may know the file under /lib or under /usr/lib
            text = str(path)
            candidates.add(text[4:] if text.startswith("/usr/lib/") else "/usr" + text)
    if not candidates:
        return {}
    found = subprocess.run(["dpkg-query", "-S", *sorted(candidates)], capture_output=True,
                           text=True, check=False).stdout
    names = {line.split(":", 1)[0].split(",")[0].strip() for line in found.splitlines()
             if ": " in line}
    versions: dict[str, str] = {}
    for name in sorted(names):
        version = subprocess.run(["dpkg-query", "-W", "-f=${Version}", name],
                                 capture_output=True, text=True, check=False).stdout.strip()
        if version:
            versions[name] = version
    return versions


def write_licences(dists: dict[str, metadata.Distribution], out_dir: Path,
                   extra_texts_dir: Path, fonts_dir: Path,
                   system_packages: dict[str, str] | None = None) -> list[str]:
    """Write every bundled distribution's licence texts plus the extra texts (Qt LGPL,
    SQLCipher, OpenSSL, Python, DejaVu) into ``out_dir`` with an index ``README.txt``.
    Returns the index lines (one per component)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    lines: list[str] = []
    written: set[str] = set()

    def copy(source: Path, target_name: str) -> str:
        if target_name not in written:
            (out_dir / target_name).write_bytes(source.read_bytes())
            written.add(target_name)
        return target_name

    for name, dist in dists.items():
        version = dist.version
        files = [copy(path, f"{name}-{path.name}") for path in licence_files(dist)]
        files += [copy(extra_texts_dir / text, text) for text, _why in EXTRA_TEXTS.get(name, [])]
        if not files:
            raise SystemExit(f"geen licentietekst gevonden voor {name} {version}")
        lines.append(f"{name} {version} — {_licence_expression(dist)}: {', '.join(files)}")
        for text, why in EXTRA_TEXTS.get(name, []):
            lines.append(f"    {text}: {why}")
    python_licence = Path(sysconfig.get_paths()["stdlib"]) / "LICENSE.txt"
    if python_licence.is_file():
        version = sysconfig.get_python_version()
        lines.append(f"python {version} — PSF-2.0: {copy(python_licence, 'Python-LICENSE.txt')}")
    for name, version in sorted((system_packages or {}).items()):
        copyright_file = Path("/usr/share/doc") / name / "copyright"
        if not copyright_file.is_file():
            raise SystemExit(f"geen copyright-bestand voor systeembibliotheek {name}")
        target = copy(copyright_file, f"debian-{name}-copyright.txt")
        lines.append(f"{name} {version} (systeembibliotheek uit Debian): {target}")
    dejavu = fonts_dir / "LICENSE-DejaVu.txt"
    lines.append(f"DejaVu-lettertypen — Bitstream Vera/DejaVu-licentie: {copy(dejavu, dejavu.name)}")
    header = ("VP Desktop — licenties van onderdelen van derden in deze bundel\n"
              "(gemaakt bij het bouwen uit de metadata van de meegebundelde pakketten).\n"
              "De softwarestuklijst (CycloneDX JSON) staat in sbom.cdx.json.\n\n")
    (out_dir / "README.txt").write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    return lines


def filter_sbom(sbom: dict, keep: set[str], root_version: str,
                system_packages: dict[str, str] | None = None) -> dict:
    """The environment's CycloneDX SBOM reduced to the bundled distributions, with VP
    Desktop itself as the root component (metadata.component), plus the Python runtime and
    the Debian system libraries the bundle carries."""
    keep = {canonical(n) for n in keep}
    components = [c for c in sbom.get("components", [])
                  if canonical(c.get("name", "")) in keep]
    python_version = platform.python_version()
    components.append({"type": "library", "bom-ref": f"pkg:generic/python@{python_version}",
                       "name": "python", "version": python_version,
                       "purl": f"pkg:generic/python@{python_version}",
                       "licenses": [{"license": {"id": "PSF-2.0"}}]})
    for name, version in sorted((system_packages or {}).items()):
        purl = f"pkg:deb/debian/{name}@{version}?arch=amd64"
        components.append({"type": "library", "bom-ref": purl, "name": name,
                           "version": version, "purl": purl})
    refs = {c.get("bom-ref") for c in components}
    root_ref = "vp-desktop"
    sbom = dict(sbom)
    sbom["components"] = components
    meta = dict(sbom.get("metadata", {}))
    meta["component"] = {"type": "application", "bom-ref": root_ref, "name": "vp-desktop",
                         "version": root_version,
                         "licenses": [{"license": {"id": "EUPL-1.2"}}]}
    sbom["metadata"] = meta
    dependencies = [{"ref": root_ref, "dependsOn": sorted(r for r in refs if r)}]
    for dep in sbom.get("dependencies", []):
        if dep.get("ref") in refs:
            dependencies.append({"ref": dep["ref"],
                                 "dependsOn": [d for d in dep.get("dependsOn", []) if d in refs]})
    sbom["dependencies"] = dependencies
    return sbom


def write_sbom(env_sbom_path: Path, keep: set[str], root_version: str, out: Path,
               system_packages: dict[str, str] | None = None) -> int:
    """Filter the environment SBOM at ``env_sbom_path`` into ``out``; returns the number of
    components written."""
    sbom = filter_sbom(json.loads(env_sbom_path.read_text(encoding="utf-8")), keep, root_version,
                       system_packages)
    missing = {canonical(n) for n in keep} - {canonical(c["name"]) for c in sbom["components"]}
    if missing:
        raise SystemExit(f"SBOM mist gebundelde pakketten: {', '.join(sorted(missing))}")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(sbom, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return len(sbom["components"])
