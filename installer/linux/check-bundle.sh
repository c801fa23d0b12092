#!/usr/bin/env bash
# Checks of a built bundle and .deb (CI runs this after installer/build.sh):
#   1. the bundle's self-test under offscreen Qt
#   2. the .deb unpacked with dpkg-deb -x into a temporary root, run from there
#   3. lintian (fails on errors), desktop-file-validate, appstreamcli validate
#   4. the bundled GUI started on a demo journal: it must reach the journal screen
# Everything runs with a temporary HOME, so no journal or setting of the user is touched.
set -euo pipefail
cd "$(dirname "$0")/../.."
version="$(python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')"
deb="dist/vp-desktop_${version}_amd64.deb"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
export HOME="$scratch/home" XDG_DATA_HOME="$scratch/home/.local/share" \
  XDG_CONFIG_HOME="$scratch/home/.config" XDG_CACHE_HOME="$scratch/home/.cache" \
  QT_QPA_PLATFORM=offscreen
mkdir -p "$HOME"

check_binary() {  # $1: the vp-desktop executable to exercise
  local exe="$1"
  "$exe" --selftest  # journal, cipher settings, letter and jaarverslag PDF, QtPdf, fonts
}

echo "== bundel: dist/vp-desktop"
check_binary dist/vp-desktop/vp-desktop

echo "== .deb uitgepakt in een tijdelijke root"
dpkg-deb -x "$deb" "$scratch/root"
check_binary "$scratch/root/opt/vp-desktop/vp-desktop"
test "$(readlink "$scratch/root/usr/bin/vp-desktop")" = /opt/vp-desktop/vp-desktop

echo "== lintian, desktop-file-validate, appstreamcli"
lintian --fail-on error "$deb"
desktop-file-validate "$scratch/root/usr/share/applications/vp-desktop.desktop"
appstreamcli validate --no-net --explain "$scratch/root/usr/share/metainfo/nl.vp_desktop.VPDesktop.metainfo.xml"

echo "== bundelvenster op een demojournaal"
out="$(VP_DESKTOP_QUIT_AFTER_MS=1500 timeout 60 dist/vp-desktop/vp-desktop-gui --demo 2>/dev/null)"
echo "$out"
grep -qx "vp-desktop: scherm=journaal" <<<"$out"

echo "== dubbelklik op een .vpj: vp-desktop-gui PAD (zoals het .desktop-bestand het start)"
work="$scratch/dubbelklik"
mkdir -p "$work"
echo "paars kanaal vijftig molen" | dist/vp-desktop/vp-desktop init "$work/mijn.vpj" \
  --passphrase-stdin >/dev/null
out="$(VP_DESKTOP_QUIT_AFTER_MS=1500 timeout 60 dist/vp-desktop/vp-desktop-gui \
  "$work/mijn.vpj" 2>&1)"
echo "$out"
grep -qx "vp-desktop: scherm=ontgrendelen" <<<"$out"  # its unlock screen, not a usage error
echo "== geen netwerk: de bundel onder strace (tests/test_no_network.py)"
VP_DESKTOP_BUNDLE="$PWD/dist/vp-desktop/vp-desktop" CI=true \
  .venv/bin/python -m pytest -q -p no:cacheprovider tests/test_no_network.py -k bundle
echo "Bundelcontroles: alles in orde"  # set -e: any failed check above ended the script
