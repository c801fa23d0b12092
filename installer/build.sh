#!/usr/bin/env bash
# Build the frozen bundle and the Debian package of VP Desktop on Linux (Debian 12):
#
#   bash installer/build.sh        -> dist/vp-desktop/  (PyInstaller one-folder, two executables)
#                                     dist/vp-desktop_<version>_amd64.deb
#                                     dist/vp-desktop_<version>.cdx.json  (SBOM, CycloneDX)
#
# Installs what it needs: the Debian build packages (setup-debian.sh build), a build venv
# build/venv with the app's dependencies and PyInstaller (installer/build-requirements.txt),
# and build/sbom-venv with cyclonedx-bom. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)

bash installer/setup-debian.sh build

version="$(python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')"
venv=build/venv
sbom_venv=build/sbom-venv
pip_quiet=(-q --disable-pip-version-check)
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
[ -x "$sbom_venv/bin/python" ] || python3 -m venv "$sbom_venv"
"$venv/bin/python" -m pip install "${pip_quiet[@]}" . -r installer/build-requirements.txt
"$sbom_venv/bin/python" -m pip install "${pip_quiet[@]}" -r installer/sbom-requirements.txt

echo "SBOM van de bouwomgeving maken"
mkdir -p build
"$sbom_venv/bin/cyclonedx-py" environment --of JSON -o build/sbom-environment.cdx.json \
  "$venv/bin/python"

echo "Bundel bouwen met PyInstaller"
rm -rf dist/vp-desktop
VP_SBOM_ENV=build/sbom-environment.cdx.json "$venv/bin/pyinstaller" --noconfirm --log-level WARN \
  --distpath dist --workpath build/pyinstaller installer/vp-desktop.spec
# RUNPATHs that point at the build machine's Python (e.g. a pyenv prefix) are dropped; the
# bootloader sets the library path to the bundle itself. $ORIGIN-relative ones stay.
find dist/vp-desktop -type f \( -name '*.so' -o -name '*.so.*' \) -print0 |
  while IFS= read -r -d '' lib; do
    rpath="$(patchelf --print-rpath "$lib" 2>/dev/null || true)"
    if [ -n "$rpath" ] && [[ "$rpath" != *'$ORIGIN'* ]]; then patchelf --remove-rpath "$lib"; fi
  done
cp dist/vp-desktop/_internal/licenses/sbom.cdx.json "dist/vp-desktop_${version}.cdx.json"

echo "Debian-pakket maken"
bash installer/linux/make-deb.sh "$version" dist/vp-desktop dist

echo "Documentatie voor IT en FG (naast de installatiebestanden)"
HOME="$(mktemp -d)" QT_QPA_PLATFORM=offscreen dist/vp-desktop/vp-desktop evidence --out dist

ended=$(date +%s)
echo "Klaar in $((ended - started)) s: dist/vp-desktop/ ($(du -sm dist/vp-desktop | cut -f1) MB)," \
  "dist/vp-desktop_${version}_amd64.deb ($(du -m "dist/vp-desktop_${version}_amd64.deb" | cut -f1) MB)"
