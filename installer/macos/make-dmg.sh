#!/usr/bin/env bash
# Pack "dist/VP Desktop.app" (the spec's macOS BUNDLE) into dist/vp-desktop-<version>.dmg.
#
#   bash installer/macos/make-dmg.sh [VERSION]
#
# macOS only (hdiutil); the CI workflow's macos job runs it. It cannot run on the project's
# Linux machines. Sign and notarise the .app BEFORE this step and the .dmg after it (see the
# CODE SIGNING step in .github/workflows/build.yml).
#
# The image holds the app and a link to /Applications (drag to install). Removing the app
# (drag to the bin) never removes journals (~/Library/Application Support/VP Desktop), their
# "reservekopieën" folders, backups or settings (~/Library/Preferences).
set -euo pipefail
cd "$(dirname "$0")/../.."

version="${1:-$(python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')}"
app="dist/VP Desktop.app"
out="dist/vp-desktop-${version}.dmg"

[ "$(uname -s)" = Darwin ] || { echo "make-dmg.sh werkt alleen op macOS (hdiutil)." >&2; exit 2; }
[ -d "$app" ] || { echo "$app ontbreekt: bouw eerst de bundel (pyinstaller installer/vp-desktop.spec)." >&2; exit 1; }

staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT
cp -R "$app" "$staging/"
ln -s /Applications "$staging/Programma's"
rm -f "$out"
hdiutil create -volname "VP Desktop ${version}" -srcfolder "$staging" -fs HFS+ \
  -format UDZO -imagekey zlib-level=9 -ov "$out"
hdiutil verify "$out"
echo "$out"
