#!/usr/bin/env bash
# Make dist/vp-desktop_<version>_amd64.deb from the PyInstaller bundle (called by build.sh):
#
#   bash installer/linux/make-deb.sh VERSION BUNDLE_DIR OUT_DIR
#
# Layout: /opt/vp-desktop (the bundle), /usr/bin/vp-desktop and vp-desktop-gui (links),
# .desktop entry with the .vpj MIME type, hicolor icons, AppStream metainfo, copyright and
# changelog. Depends: computed from the ELF files' NEEDED entries that the bundle itself does
# not carry (what PyInstaller leaves to the system: libc, libGL/EGL, …), mapped to Debian
# packages with dpkg-query.
set -euo pipefail
version="$1"; bundle="$2"; out="$3"
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="$repo/build/deb"
root="$work/root"
rm -rf "$work"
mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/applications" \
  "$root/usr/share/mime/packages" "$root/usr/share/metainfo" "$root/usr/share/doc/vp-desktop"

cp -a "$bundle" "$root/opt/vp-desktop"
ln -s /opt/vp-desktop/vp-desktop "$root/usr/bin/vp-desktop"
ln -s /opt/vp-desktop/vp-desktop-gui "$root/usr/bin/vp-desktop-gui"

for png in "$repo"/resources/icons/hicolor/*/apps/vp-desktop.png; do
  size_dir="$(basename "$(dirname "$(dirname "$png")")")"
  install -D -m 644 "$png" "$root/usr/share/icons/hicolor/$size_dir/apps/vp-desktop.png"
done
install -D -m 644 "$repo/resources/icons/vp-desktop.svg" \
  "$root/usr/share/icons/hicolor/scalable/apps/vp-desktop.svg"
install -m 644 "$here/vp-desktop.desktop" "$root/usr/share/applications/vp-desktop.desktop"
install -m 644 "$here/vp-desktop-mime.xml" "$root/usr/share/mime/packages/vp-desktop.xml"

today="$(date -u +%Y-%m-%d)"
sed -e "s/@VERSION@/$version/g" -e "s/@DATE@/$today/g" "$here/nl.vp_desktop.VPDesktop.metainfo.xml.in" \
  > "$root/usr/share/metainfo/nl.vp_desktop.VPDesktop.metainfo.xml"
sed -e "s/@YEAR@/$(date -u +%Y)/g" "$here/copyright.in" > "$root/usr/share/doc/vp-desktop/copyright"
sed -e "s/@VERSION@/$version/g" -e "s/@RFC2822_DATE@/$(date -u -R)/g" "$here/changelog.in" \
  | gzip -9n > "$root/usr/share/doc/vp-desktop/changelog.gz"

# Permissions as Debian wants them: directories 755, files 644, executables 755.
find "$root" -type d -exec chmod 755 {} +
find "$root/opt" "$root/usr/share" -type f -exec chmod 644 {} +
chmod 755 "$root/opt/vp-desktop/vp-desktop"

# Depends: NEEDED sonames no file in the bundle provides -> their Debian packages.
depends="$(python3 - "$root/opt/vp-desktop" <<'PY'
import subprocess, sys
from pathlib import Path
bundle = Path(sys.argv[1])
files = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()]
present = {p.name for p in bundle.rglob("*")}
needed = set()
for path in files:
    with open(path, "rb") as handle:
        if handle.read(4) != b"\x7fELF":
            continue
    out = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True).stdout
    for line in out.splitlines():
        if "(NEEDED)" in line:
            needed.add(line.split("[", 1)[1].rstrip("]"))
missing = sorted(needed - present)
packages = set()
for soname in missing:
    found = subprocess.run(["dpkg-query", "-S", f"*/{soname}"], capture_output=True, text=True).stdout
    owners = {line.split(":", 1)[0] for line in found.splitlines() if ":" in line}
    owners = {o.split(",")[0].strip() for o in owners if not o.startswith("diversion")}
    if not owners:  # not installed here: Debian's naming rule, checked against apt's lists
        stem, _, abi = soname.partition(".so.")
        guess = f"{stem}{'-' if stem[-1:].isdigit() else ''}{abi.split('.')[0]}".lower()
        known = subprocess.run(["apt-cache", "show", "--no-all-versions", guess],
                               capture_output=True, text=True).returncode == 0
        if not known:
            sys.exit(f"geen Debian-pakket gevonden voor {soname}")
        owners = {guess}
    packages.add(sorted(owners)[0])
glibc = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "libc6"], capture_output=True,
                       text=True).stdout.split("-")[0]
deps = [f"libc6 (>= {glibc})" if p == "libc6" else p for p in sorted(packages)]
print(", ".join(deps))
PY
)"
installed_size="$(du -sk --exclude=DEBIAN "$root" | cut -f1)"
sed -e "s/@VERSION@/$version/" -e "s/@INSTALLED_SIZE@/$installed_size/" -e "s/@DEPENDS@/$depends/" \
  "$here/control.in" > "$root/DEBIAN/control"
install -D -m 644 "$here/lintian-overrides" "$root/usr/share/lintian/overrides/vp-desktop"

mkdir -p "$out"
deb="$out/vp-desktop_${version}_amd64.deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "$deb (Depends: $depends)"
